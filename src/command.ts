/**
 * The `clarte` command: analyze (files, stdin, JSON Lines), audit and serve; every door uses the same
 * pipeline. Started by src/cli.ts, or by src/snapshot.ts from a V8 startup snapshot.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseJsonLine, POOL_THRESHOLD, poolSize, runPool, type BatchOptions, type LineResult } from './batch.js';
import { loadConfig } from './config.js';
import { isAppError } from './errors.js';
import { DOCUMENT_TYPES, type Report } from './model.js';
import { formatText } from './report/format-text.js';
import { RuleFileError, RuleLibrary } from './rules/load.js';
import { auditLine, diskSources, listFiles, runAudit, writeAudit } from './audit.js';
import { Ingestor } from './ingest/ingest.js';
import { mapSaver, openMap, OUTCOME_LABELS } from './map/service.js';
import { openSql } from './store/db.js';

const USAGE = `Usage :
  clarte analyze <fichier…|->  [--format json|text] [--profile NOM] [--type TYPE] [--rules DOSSIER]
  clarte analyze --input-jsonl FICHIER [--format json|text] [--profile NOM] [--type TYPE] [--rules DOSSIER]
  clarte audit <dossier|fichier…> [--save [--author NOM]] [--out FICHIER.csv|.json|.html] [--profile NOM] [--rules DOSSIER]
  clarte serve [--port N] [--rules DOSSIER]
  clarte worker [--rules DOSSIER]              (audits en file sur PostgreSQL : AUDIT_QUEUE, DATABASE_URL)
  clarte users add|list|set|password|token …   (comptes et jetons d'API : clarte users --help)
  clarte backup FICHIER | clarte restore FICHIER | clarte purge [--dry-run] | clarte migrate --to postgres://…

  -                lit le texte sur l'entrée standard (UTF-8)
  --format         json : un rapport JSON par ligne ; text : lecture humaine (par défaut)
  --profile        lettre (par défaut), formulaire, falc, interne ou un profil de votre dossier
  --type           type du courrier, s'il est connu (sinon Clarté le reconnaît) : accuse-reception,
                   demande-pieces, decision-favorable, decision-defavorable, information, formulaire, autre
  --rules          dossier de règles de votre organisation (complète ou remplace les nôtres)
  --input-jsonl    chaque ligne {"id": "...", "text": "..."} donne un rapport avec le même id
  --out            audit : écrit les résultats en CSV (tableur), en JSON ou en HTML (à imprimer) ; sinon un tableau à l'écran
  --save           audit : enregistre chaque fichier dans la cartographie (DATABASE_PATH) ; relancer
                   l'audit ne crée pas de doublon (mêmes octets : même version ; même chemin : nouvelle version)

  Formats lus : PDF, DOCX, ODT, HTML et texte, reconnus par leur contenu.
`;

class UsageError extends Error {}

/** Buffered stdout: one write per ~64 KiB keeps JSON Lines output fast. */
class Out {
  private chunks: string[] = [];
  private size = 0;
  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size > 65536) this.flush();
  }
  flush(): void {
    if (this.chunks.length) process.stdout.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}

function emit(out: Out, report: Report, format: string): void {
  out.write(format === 'json' ? JSON.stringify(report) + '\n' : formatText(report, process.stdout.isTTY === true) + '\n');
}

function failLine(name: string, e: unknown): void {
  if (isAppError(e)) process.stderr.write(`${name}: ${e.code}: ${e.message}\n`);
  else process.stderr.write(`${name}: UNREADABLE: Lecture impossible (${(e as Error).message}).\n`);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      profile: { type: 'string' },
      rules: { type: 'string' },
      type: { type: 'string' },
      'input-jsonl': { type: 'string' },
    },
  });
  if (values.type !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(values.type)) {
    throw new UsageError(`--type doit valoir ${DOCUMENT_TYPES.join(', ')} (reçu : ${values.type})`);
  }
  const documentType = values.type as (typeof DOCUMENT_TYPES)[number] | undefined;
  if (values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format doit valoir json ou text (reçu : ${values.format})`);
  if (!values['input-jsonl'] && positionals.length === 0) throw new UsageError('indiquez au moins un fichier, « - » pour l’entrée standard, ou --input-jsonl');
  if (positionals.filter((p) => p === '-').length + (values['input-jsonl'] === '-' ? 1 : 0) > 1) {
    throw new UsageError('l’entrée standard (« - ») ne peut être lue qu’une fois');
  }
  const config = loadConfig();
  const rulesDir = values.rules ?? config.RULES_DIR;
  const library = await RuleLibrary.load(rulesDir, values.profile ?? config.DEFAULT_PROFILE);
  const profile = values.profile ?? config.DEFAULT_PROFILE;
  library.ruleSet(profile); // unknown profile → usage error before any input
  const out = new Out();
  let failed = 0;
  const opts = { profile, maxChars: config.MAX_TEXT_CHARS, ...(documentType ? { documentType } : {}) };

  if (values['input-jsonl']) {
    const file = values['input-jsonl'];
    let raw = '';
    try {
      raw = file === '-' ? (await readStdin()).toString('utf8') : readFileSync(file, 'utf8');
    } catch (e) {
      failed++;
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      process.stderr.write(`${file}: UNREADABLE: ${missing ? 'Fichier introuvable.' : 'Lecture impossible.'}\n`);
    }
    if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    const lines = raw.split(/\r?\n/).map((line, i) => [`${file}:${i + 1}`, line] as [string, string]);
    const batch = { ...opts, format: values.format, color: process.stdout.isTTY === true } as BatchOptions;
    const write = (r: LineResult): void => {
      if (r.out) out.write(r.out);
      if (r.err) {
        failed++;
        out.flush();
        process.stderr.write(r.err);
      }
    };
    const workers = config.WORKERS ?? poolSize();
    if (lines.length >= POOL_THRESHOLD && workers > 0) {
      // NOTE: the worker is bundled next to this file (dist/src/clarte-worker.mjs) by scripts/bundle-cli.ts.
      await runPool(lines, workers, new URL('./clarte-worker.mjs', import.meta.url), { rulesDir, opts: batch }, write, (line, where) => analyseJsonLine(line, where, library, batch));
    } else {
      for (const [where, line] of lines) {
        const r = analyseJsonLine(line, where, library, batch);
        if (r) write(r);
      }
    }
  }
  // Documents other than plain text are read by one worker thread (started on the first of them),
  // under the time and memory limits of the configuration.
  const ingestor = new Ingestor(config, library, rulesDir, 1);
  for (const p of positionals) {
    try {
      const bytes = p === '-' ? await readStdin() : readFileSync(p);
      const report = await ingestor.analyseBytes(bytes, { profile, personalData: 'count', ...(documentType ? { documentType } : {}), ...(p === '-' ? {} : { filename: basename(p) }) });
      emit(out, report, values.format);
    } catch (e) {
      failed++;
      out.flush();
      if (!isAppError(e) && (e as NodeJS.ErrnoException).code === 'ENOENT') {
        process.stderr.write(`${p}: UNREADABLE: Fichier introuvable.\n`);
      } else if (!isAppError(e) && (e as NodeJS.ErrnoException).code === 'EISDIR') {
        process.stderr.write(`${p}: UNSUPPORTED_FORMAT: C'est un dossier, pas un fichier.\n`);
      } else failLine(p, e);
    }
  }
  await ingestor.close();
  out.flush();
  return failed > 0 ? 1 : 0;
}

async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, profile: { type: 'string' }, rules: { type: 'string' }, save: { type: 'boolean' }, author: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('indiquez au moins un dossier ou un fichier à auditer');
  if (values.out && !/\.(csv|json|html?)$/i.test(values.out)) throw new UsageError('--out doit finir par .csv, .json ou .html');
  const config = loadConfig();
  const rulesDir = values.rules ?? config.RULES_DIR;
  const profile = values.profile ?? config.DEFAULT_PROFILE;
  const library = await RuleLibrary.load(rulesDir, profile);
  library.ruleSet(profile);
  // The map's own database (and its journal files) is never audited, even inside the folder.
  const database = resolve(config.DATABASE_PATH);
  const files = listFiles(positionals).filter((f) => !(values.save && [database, `${database}-wal`, `${database}-shm`].includes(resolve(f.file))));
  if (files.length === 0) throw new UsageError('aucun fichier trouvé dans ' + positionals.join(', '));
  // A batch: no forced collections, and a worker replaced every 1,000 files rather than every 100.
  const ingestor = new Ingestor(config, library, rulesDir, config.AUDIT_WORKERS, false, 1000);
  // --save: the map's database, created and migrated if needed (DATABASE_PATH).
  const db = values.save ? await openSql(config) : undefined;
  const saver = db ? mapSaver(await openMap(db, config.PRIORITY_WEIGHTS), files.map((f) => f.shown), values.author ?? null) : undefined;
  const tty = process.stderr.isTTY === true;
  let last = 0;
  const rows = await runAudit(diskSources(files), ingestor, profile, config.AUDIT_WORKERS * 2, (done, row) => {
    if (row.error) process.stderr.write(`${tty ? '\r\x1b[K' : ''}${row.file}: ${row.error.code}: ${row.error.message}\n`);
    const now = Date.now();
    if (done === files.length || now - last > (tty ? 100 : 2000)) {
      last = now;
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}audit : ${done}/${files.length} fichiers${tty && done < files.length ? '' : '\n'}`);
    }
  }, config.MAX_UPLOAD_BYTES, saver);
  await ingestor.close();
  await db?.close();
  if (values.out) writeAudit(values.out, rows, profile);
  else {
    const out = new Out();
    for (const r of rows) out.write(auditLine(r) + '\n');
    out.flush();
  }
  const failed = rows.filter((r) => r.error).length;
  const ok = rows.length - failed;
  const savedNote = saver
    ? ` ; cartographie (${config.DATABASE_PATH}) : ${(['new-document', 'new-version', 'unchanged'] as const)
        .map((o) => {
          const n = rows.filter((r) => r.saved === o).length;
          return `${n} ${OUTCOME_LABELS[o]}`.replace(/(nouveau|nouvelle|document|version|enregistré)/g, (w) => (n > 1 ? (w === 'nouveau' ? 'nouveaux' : `${w}s`) : w));
        })
        .join(', ')}`
    : '';
  process.stderr.write(`audit : ${ok} analysé${ok > 1 ? 's' : ''}, ${failed} illisible${failed > 1 ? 's' : ''}${savedNote}${values.out ? ` ; résultats dans ${values.out}` : ''}\n`);
  return failed > 0 ? 1 : 0;
}

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, rules: { type: 'string' } } });
  const env: Record<string, string | undefined> = { ...process.env };
  if (values.port) env.PORT = values.port;
  if (values.rules) env.RULES_DIR = values.rules;
  const { startServer } = await import('./server.js');
  await startServer(loadConfig(env));
  return 0;
}

/** Runs the command line and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze' || command === 'analyse') return await analyzeCommand(rest);
    if (command === 'audit') return await auditCommand(rest);
    if (command === 'serve') return await serveCommand(rest);
    if (command === 'worker') {
      const { workerCommand, WORKER_USAGE } = await import('./worker-command.js');
      if (rest[0] === '--help' || rest[0] === '-h') {
        process.stdout.write(WORKER_USAGE);
        return 0;
      }
      return await workerCommand(rest, loadConfig());
    }
    if (command === 'backup' || command === 'restore' || command === 'purge' || command === 'migrate') {
      const { opsCommand, OPS_USAGE, OpsUsageError } = await import('./ops-command.js');
      try {
        return await opsCommand(command, rest, loadConfig());
      } catch (e) {
        if (e instanceof OpsUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
          process.stderr.write(`clarte ${command} : ${(e as Error).message}\n\n${OPS_USAGE}`);
          return 2;
        }
        throw e;
      }
    }
    if (command === 'users') {
      const { usersCommand, USERS_USAGE, UsersUsageError } = await import('./users-command.js');
      if (rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') {
        process.stdout.write(USERS_USAGE);
        return 0;
      }
      try {
        return await usersCommand(rest, loadConfig());
      } catch (e) {
        if (e instanceof UsersUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
          process.stderr.write(`clarte users : ${(e as Error).message}\n\n${USERS_USAGE}`);
          return 2;
        }
        throw e;
      }
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    throw new UsageError(command ? `commande inconnue : ${command}` : 'commande manquante');
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`clarte : ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (isAppError(e) && e.code === 'UNKNOWN_PROFILE') {
      process.stderr.write(`clarte : ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && e.message.startsWith('Configuration invalide')) {
      process.stderr.write(`clarte : ${e.message}\n`);
      return 2;
    }
    // by name: the server (`clarte serve`) is loaded outside the command line's bundle, with its own copy of the class
    if (e instanceof Error && e.name === 'DatabaseError') {
      process.stderr.write(`clarte : ${e.message}\n`);
      return 1;
    }
    if (e instanceof RuleFileError) {
      process.stderr.write(`clarte : règles invalides : ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Runs the command line in this process: sets the exit status, and treats a closed stdout as the end. */
export async function run(argv: string[]): Promise<void> {
  // A reader that stops early (`clarte analyze … | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const code = await main(argv);
  if (code !== 0 || argv[0] !== 'serve') process.exitCode = code;
}
