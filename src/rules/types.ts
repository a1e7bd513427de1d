/** Shapes shared by the rule engine and its checker kinds. */
import type { Doc } from '../analysis/document.js';
import type { LexiconEntry, LexiconMatcher } from '../analysis/lexicon.js';
import type { Mention, Severity } from '../model.js';
import type { RuleFile, RuleKindName, RuleOf } from './schema.js';

/** What a checker returns: absolute offsets (tokens carry them), optional suggestions and message variables. */
export interface Hit {
  start: number;
  end: number;
  suggestions?: string[];
  vars?: Record<string, string | number>;
  /** Key of an alternative message in the rule's `messages`. */
  message?: string;
  severity?: Severity;
}

/** The facts about a document that document-level checkers may need beyond the text. */
export interface DocFacts {
  documentType: string;
}

/** A rule compiled once: where it runs and how. */
export interface Check {
  scope: 'sentence' | 'paragraph' | 'document';
  run(doc: Doc, index: number, facts: DocFacts): Hit[];
  /** For mention rules: the mention status of the document. */
  mention?(doc: Doc, facts: DocFacts): Mention;
}

/** Services a checker may use while compiling. */
export interface CompileContext {
  /** Absolute path of a lexicon referenced by a rule (organisation folder first, then ours). */
  resolve(path: string): string;
  /** Lexicon matcher for a list of files, cached across rules and profiles. */
  lexicon(paths: string[], inline?: LexiconEntry[]): LexiconMatcher;
}

/** A checker kind: compiles a rule of its kind into a Check. */
export type KindCompiler<K extends RuleKindName> = (rule: RuleOf<K>, ctx: CompileContext) => Check;

/** A compiled rule: the validated file (profile overrides applied) and its check. */
export interface CompiledRule {
  id: string;
  rule: RuleFile;
  check: Check;
}
