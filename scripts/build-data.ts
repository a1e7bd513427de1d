/**
 * Build-time data generation (run by `npm run build`, hence by `npm ci` through `prepare`).
 * Derives two separate data files, each shipped with its own notice:
 * - from the Lefff verb tables (package french-verbs-lefff, LGPL-LR): every verb's conjugation
 *   (`verbes.lefff.tsv`) and an index from past-participle forms to their lemmas (`participes.lefff.tsv`);
 * - from the OpenSubtitles word-frequency list of @zxcvbn-ts/language-fr (ODC-BY): French word
 *   forms in frequency rank order (`frequences.opensubtitles.txt`).
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { TENSES } from '../src/analysis/verbs.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'lexiques');
mkdirSync(out, { recursive: true });

type Table = Record<string, string[]>;

function buildLefff(): { verbs: number; participles: number; finite: number } {
  const lefffDir = dirname(require.resolve('french-verbs-lefff/dist/conjugations.json'));
  const conj = JSON.parse(readFileSync(join(lefffDir, 'conjugations.json'), 'utf8')) as Record<string, Table>;
  const verbLines: string[] = [];
  const participles = new Map<string, Set<string>>();
  for (const [lemma, table] of Object.entries(conj)) {
    const cols = TENSES.map((t) => (table[t] ?? []).map((f) => (!f || f === 'NA' ? '' : f.normalize('NFC'))).join(','));
    verbLines.push(`${lemma.normalize('NFC')}\t${cols.join('\t')}`);
    for (const form of table.K ?? []) {
      if (!form || form === 'NA') continue;
      const f = form.normalize('NFC');
      let set = participles.get(f);
      if (!set) participles.set(f, (set = new Set()));
      set.add(lemma.normalize('NFC'));
    }
  }
  verbLines.sort();
  const header = '# Dérivé du Lefff (Lexique des Formes Fléchies du Français, B. Sagot, Inria) via le paquet npm french-verbs-lefff ; licence LGPL-LR, voir LEFFF-NOTICE.txt\n';
  // The table and a byte-offset index, so that a verb's line is read without loading the whole file.
  let body = header + `# colonnes : lemme\t${TENSES.join('\t')}\n`;
  const index: Record<string, [number, number]> = {};
  let offset = Buffer.byteLength(body, 'utf8');
  for (const line of verbLines) {
    const len = Buffer.byteLength(line, 'utf8');
    index[line.slice(0, line.indexOf('\t'))] = [offset, len];
    offset += len + 1;
  }
  body += verbLines.join('\n') + '\n';
  writeFileSync(join(out, 'verbes.lefff.tsv'), body);
  writeFileSync(join(out, 'verbes.lefff.index.json'), JSON.stringify(index));
  // Conjugated forms with a subject (present, imperfect, future, conditional): a measure of how verbal
  // (rather than nominal) a text is. The simple past and the subjunctive are left out: their forms
  // collide with common words ("plus", "mis", "dus") and are rare in letters.
  const finite = new Set<string>();
  for (const table of Object.values(conj)) {
    for (const t of ['P', 'I', 'F', 'C']) for (const f of table[t] ?? []) if (f && f !== 'NA') finite.add(f.normalize('NFC'));
  }
  writeFileSync(join(out, 'formes-conjuguees.lefff.txt'), header + '# une forme conjuguée par ligne, triée\n' + [...finite].sort().join('\n') + '\n');
  const pLines = [...participles.entries()].map(([f, l]) => `${f}\t${[...l].sort().join(',')}`).sort();
  writeFileSync(join(out, 'participes.lefff.tsv'), header + '# colonnes : participe passé\tlemme(s)\n' + pLines.join('\n') + '\n');
  const notice =
    'Les fichiers verbes.lefff.tsv, participes.lefff.tsv et formes-conjuguees.lefff.txt sont dérivés du Lefff\n' +
    '(Lexique des Formes Fléchies du Français, Benoît Sagot, Inria), par l’intermédiaire du paquet\n' +
    'npm french-verbs-lefff (Ludan Stoecklé). Ils restent distribués sous la licence LGPL-LR\n' +
    '(Lesser General Public License For Linguistic Resources), reproduite ci-dessous.\n' +
    'Modifications : extraction des formes conjuguées, index des participes passés, liste des formes à\n' +
    'l’indicatif présent, imparfait, futur et au conditionnel.\n\n';
  writeFileSync(join(out, 'LEFFF-NOTICE.txt'), notice + readFileSync(join(lefffDir, 'LICENSE'), 'utf8'));
  return { verbs: verbLines.length, participles: pLines.length, finite: finite.size };
}

async function buildFrequencies(): Promise<number> {
  const pkg = (await import('@zxcvbn-ts/language-fr')) as { dictionary: Record<string, string[]> };
  const words = pkg.dictionary['commonWords-fr'] ?? [];
  if (words.length < 10000) throw new Error('commonWords-fr list missing or too short');
  const header =
    '# Formes françaises par rang de fréquence (sous-titres OpenSubtitles 2024, via OPUS / Helsinki-NLP),\n' +
    '# extraites du paquet npm @zxcvbn-ts/language-fr (MIT) ; données sous licence ODC-BY, voir FREQUENCES-NOTICE.txt\n';
  const forms = words.map((w) => w.normalize('NFC'));
  writeFileSync(join(out, 'frequences.opensubtitles.txt'), header + forms.join('\n') + '\n');
  // The same forms sorted (code units) with their rank (first occurrence), searched by dichotomy
  // (analysis/sorted-lines.ts): no 28,000-entry map to build at start-up.
  const ranks = new Map<string, number>();
  let rank = 0;
  for (const f of forms) {
    if (!f || f.startsWith('#') || f.includes('\n')) continue;
    rank++;
    if (!f.includes('\t') && !ranks.has(f)) ranks.set(f, rank);
  }
  const sorted = [...ranks].map(([f, r]) => `${f}\t${r}`).sort();
  writeFileSync(join(out, 'frequences.rangs.tsv'), header + '# colonnes : forme\trang, triées\n' + sorted.join('\n') + '\n');
  const pkgDir = dirname(dirname(require.resolve('@zxcvbn-ts/language-fr')));
  writeFileSync(
    join(out, 'FREQUENCES-NOTICE.txt'),
    'frequences.opensubtitles.txt (et frequences.rangs.tsv, les mêmes formes triées avec leur rang) : liste de formes\n' +
      'françaises classées par fréquence, dérivée des sous-titres\n' +
      'OpenSubtitles 2024 (corpus OPUS, Helsinki-NLP, https://opus.nlpl.eu/), licence Open Data Commons\n' +
      'Attribution (ODC-BY), telle que distribuée dans le paquet npm @zxcvbn-ts/language-fr (MIT).\n' +
      'Clarté l’utilise pour estimer la familiarité des mots (lisibilité). Notice d’origine :\n\n' +
      readFileSync(join(pkgDir, 'NOTICE.md'), 'utf8'),
  );
  return words.length;
}

/**
 * The personal-data tagger read with the rules on stored texts (src/privacy/second-opinion.ts), trained
 * on the development letters of corpora/donnees-personnelles (written by the team, fictional persons),
 * each in two layouts; the blind sets (controle-*) stay out until measured. Deterministic: 10 passes,
 * seed 1; the sets in their numeric order.
 */
async function buildTagger(): Promise<{ letters: number; trained: boolean }> {
  const { existsSync, readdirSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { asWordProcessorText, parseAnnotated } = await import('./eval-personal-data.js');
  const { trainTagger } = await import('../src/privacy/tagger.js');
  const { TAGGER_FILE } = await import('../src/privacy/second-opinion.js');
  const dir = join(root, 'corpora', 'donnees-personnelles');
  const sets = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && /^dev\d*$/.test(d.name)).map((d) => d.name).sort((a, b) => Number(a.slice(3) || 1) - Number(b.slice(3) || 1));
  const files = sets.flatMap((set) =>
    readdirSync(join(dir, set))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ name: `${set}/${f}`, source: readFileSync(join(dir, set, f), 'utf8') })),
  );
  // The model is trained again only when its inputs changed: the letters, the tagger's code, the reading
  // of the annotations (a second `npm run build`, as in CI, then skips the 30 s of training).
  const hash = createHash('sha256');
  for (const code of ['../src/privacy/tagger.js', './eval-personal-data.js']) hash.update(readFileSync(fileURLToPath(new URL(code, import.meta.url))));
  for (const f of files) hash.update(`${f.name}\0${f.source}\0`);
  const inputs = hash.digest('hex');
  const stamp = `${TAGGER_FILE}.sha256`;
  if (existsSync(TAGGER_FILE) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputs) return { letters: files.length, trained: false };
  const examples = files.flatMap(({ source }) =>
    // each letter as written and as a word processor's document comes out of our readers
    [source, asWordProcessorText(source)].map((s) => {
      const a = parseAnnotated(s);
      return { text: a.text, spans: a.gold };
    }),
  );
  const model = trainTagger(examples, { epochs: 10, seed: 1 }).toJSON();
  model.source = `Clarté, entraîné au build sur ${files.length} courriers fictifs annotés de corpora/donnees-personnelles (${sets.join(', ')}), tels qu'écrits et mis en page comme un DOCX ; Licence Ouverte 2.0 (Etalab)`;
  writeFileSync(TAGGER_FILE, JSON.stringify(model));
  writeFileSync(stamp, inputs + '\n');
  return { letters: files.length, trained: true };
}

const lefff = buildLefff();
const freq = await buildFrequencies();
console.error(`build-data: ${lefff.verbs} verbes, ${lefff.participles} participes, ${lefff.finite} formes conjuguées, ${freq} formes fréquentes → dist/lexiques/`);
const t0 = Date.now();
const tagger = await buildTagger();
console.error(
  tagger.trained
    ? `build-data: étiqueteur de données personnelles entraîné sur ${tagger.letters} courriers en ${((Date.now() - t0) / 1000).toFixed(1)} s → dist/lexiques/`
    : `build-data: étiqueteur de données personnelles à jour (${tagger.letters} courriers, rien n'a changé)`,
);

// Validate and compile our rules once now, which also fills the rule cache (dist/cache) so that the
// first command after `npm ci` starts fast; a bad rule file fails the build here, naming the file.
const { RuleLibrary } = await import('../src/rules/load.js');
const library = await RuleLibrary.load();
console.error(`build-data: ${library.rules.size} règles, ${library.profiles.size} profils validés et compilés`);
