/**
 * Entry of the V8 startup snapshot of the command line (dist/src/clarte.blob, built by
 * scripts/bundle-cli.ts, used by the dist/src/clarte launcher for one-off analyses). At build time it
 * loads and compiles our rules and analyses a sample letter, so that the code and the regexes are
 * compiled into the snapshot; a run deserialises that heap instead of importing the modules and
 * reading the rules, then runs the command as usual. `RuleLibrary.load` returns the library held here
 * only when the rule files are unchanged (same fingerprint), so a snapshot never applies stale rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { analyse } from './analyse.js';
import { run } from './command.js';
import { loadConfig } from './config.js';
import { WARM_UP_LETTER } from './ingest/warmup.js';
import { ROOT } from './paths.js';
import { formatText } from './report/format-text.js';
import { RuleLibrary } from './rules/load.js';

/** A short letter touching every family of rules (sentences, jargon, passive, acronyms, mentions). */
const SAMPLE = `Objet : votre demande d'aide au logement

Madame, Monsieur,

Suite à votre demande en date du 3 mars 2026, nous avons l'honneur de vous informer que votre dossier a été examiné par nos services et qu'il ne peut être donné une suite favorable à celle-ci, en l'absence de transmission des pièces justificatives sollicitées, conformément aux dispositions de l'article L. 822-1 du CCH.

Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification par un recours administratif préalable obligatoire auprès de la commission de recours amiable.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

Le directeur, Jean Martin
`;

async function prepare(): Promise<void> {
  const config = loadConfig();
  const library = await RuleLibrary.load(undefined, config.DEFAULT_PROFILE);
  RuleLibrary.hold(library);
  for (const documentType of ['decision-defavorable', undefined] as const) {
    const report = analyse({ text: SAMPLE }, library, { profile: config.DEFAULT_PROFILE, ...(documentType ? { documentType } : {}) });
    formatText(report, false);
  }
  // A file's report counts its personal data: the detector's code and regexes are warmed too (a
  // letter with a name, an address, a file number, a phone number and an e-mail address).
  analyse({ text: WARM_UP_LETTER }, library, { profile: config.DEFAULT_PROFILE, personalData: 'count' });
  // The team's letters, where the build has them, reach the paths a short sample does not (code compiled
  // lazily, verb tables read on first need, regexes made on first use).
  const letters = join(ROOT, 'corpora', 'lettres');
  if (existsSync(letters)) {
    for (const name of readdirSync(letters).filter((n) => n.endsWith('.txt')).sort()) {
      formatText(analyse({ text: readFileSync(join(letters, name), 'utf8') }, library, { profile: config.DEFAULT_PROFILE, personalData: 'count' }), false);
    }
  }
  // (Every rule pattern is not compiled beforehand in all its forms: the letters above make the ones a
  // letter needs; the others made the snapshot 45 MB instead of 38, and a run slower to start by 30–40 ms.)
  startupSnapshot.setDeserializeMainFunction(() => {
    void run(process.argv.slice(1));
  });
}

// No top-level await: the snapshot entry is bundled as CommonJS.
void prepare();
