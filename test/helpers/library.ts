/** Shared test helpers: one real RuleLibrary for the whole file, and the example-marker parser. */
import { RuleLibrary } from '../../src/rules/load.js';

let library: Promise<RuleLibrary> | undefined;

/** The real rule library (rules/ of the project), loaded once per test file. */
export function ourLibrary(): Promise<RuleLibrary> {
  library ??= RuleLibrary.load();
  return library;
}

/** Splits an example "a [[b]] c" into its plain text and the marked span. */
export function parseMarked(marked: string): { text: string; start: number; end: number } {
  const start = marked.indexOf('[[');
  const end = marked.indexOf(']]') - 2;
  return { text: marked.replace('[[', '').replace(']]', ''), start, end };
}
