/**
 * Loads rule and profile files (ours, then an organisation's folder that extends or overrides them),
 * validates them with zod, and compiles one immutable RuleSet per profile, once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import { LexiconMatcher, readLexicon, type CompiledLexicon, type LexiconEntry } from '../analysis/lexicon.js';
import { fingerprint, readCache, writeCache } from './cache.js';
import { RULES_DIR, ROOT } from '../paths.js';
import { AppError } from '../errors.js';
import { acronym } from './kinds/acronym.js';
import { existence } from './kinds/existence.js';
import { mention } from './kinds/mention.js';
import { metric } from './kinds/metric.js';
import { passive } from './kinds/passive.js';
import { substitution } from './kinds/substitution.js';
import { DocumentTypeClassifier, type TypeSignals } from './doctype.js';
import { knownKeys, primeKeys } from './prefix.js';
import { parseTypeModel, serializeTypeModel, TYPE_MODEL_FILE, TypeModel, type SerializedTypeModel } from './type-model.js';
import type { ProfileFile, RuleFile, RuleKindName } from './schema.js';
import type { Check, CompileContext, CompiledRule, KindCompiler } from './types.js';

/** A rule or profile file that failed validation: names the file and the field. */
export class RuleFileError extends Error {}

const KINDS: { [K in RuleKindName]: KindCompiler<K> } = { existence, substitution, metric, passive, acronym, mention };

interface LoadedRule {
  id: string;
  rule: RuleFile;
  path: string;
  /** The folder the rule came from; its lexicon paths resolve there first. */
  dir: string;
}

/** The rules for one profile, compiled once and frozen. */
export interface RuleSet {
  readonly profile: string;
  readonly rules: readonly CompiledRule[];
  readonly byId: ReadonlyMap<string, CompiledRule>;
}

/** A profile as listed by the API. */
export interface ProfileInfo {
  name: string;
  label: string;
  description: string;
  rules: ProfileFile['rules'];
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and validates every rule and profile file; YAML and schema modules are loaded only here. */
async function loadFiles(dirs: string[]): Promise<[Map<string, LoadedRule>, Map<string, ProfileInfo>, TypeSignals]> {
  const [{ parse }, { RuleFile, ProfileFile, TypeSignalsFile, formatIssues }] = await Promise.all([import('yaml'), import('./schema.js')]);
  const readYaml = (path: string): unknown => {
    try {
      return parse(readFileSync(path, 'utf8')) as unknown;
    } catch (e) {
      throw new RuleFileError(`${path} : YAML invalide : ${(e as Error).message}`);
    }
  };
  const rules = new Map<string, LoadedRule>();
  const profiles = new Map<string, ProfileInfo>();
  for (const dir of dirs) {
    for (const path of yamlFiles(dir)) {
      const id = basename(path, extname(path));
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new RuleFileError(`${path} : le nom du fichier (identifiant de la règle) doit être en kebab-case`);
      const parsed = RuleFile.safeParse(readYaml(path));
      if (!parsed.success) throw new RuleFileError(`${path} : ${formatIssues(parsed.error)}`);
      rules.set(id, { id, rule: parsed.data, path, dir });
    }
    for (const path of yamlFiles(join(dir, 'profils'))) {
      const name = basename(path, extname(path));
      const parsed = ProfileFile.safeParse(readYaml(path));
      if (!parsed.success) throw new RuleFileError(`${path} : ${formatIssues(parsed.error)}`);
      const prev = profiles.get(name);
      profiles.set(name, { name, label: parsed.data.label, description: parsed.data.description, rules: { ...(prev?.rules ?? {}), ...parsed.data.rules } });
    }
  }
  for (const p of profiles.values()) {
    for (const id of Object.keys(p.rules)) {
      if (!rules.has(id)) throw new RuleFileError(`profil ${p.name} : règle inconnue « ${id} »`);
    }
  }
  // Document-type signals: an organisation's file replaces the signals of the types it names.
  const typeSignals: TypeSignals = { threshold: 2.5, types: {} };
  for (const dir of dirs) {
    for (const path of yamlFiles(join(dir, 'types'))) {
      const parsed = TypeSignalsFile.safeParse(readYaml(path));
      if (!parsed.success) throw new RuleFileError(`${path} : ${formatIssues(parsed.error)}`);
      if (parsed.data.threshold !== undefined) typeSignals.threshold = parsed.data.threshold;
      Object.assign(typeSignals.types, parsed.data.types);
    }
  }
  return [rules, profiles, typeSignals];
}

/** The lexical model of document types: the organisation's file when it has one, else ours, else none. */
function readTypeModel(dirs: readonly string[]): SerializedTypeModel | undefined {
  for (const dir of [...dirs].reverse()) {
    const path = join(dir, 'types', TYPE_MODEL_FILE);
    if (!existsSync(path)) continue;
    try {
      return serializeTypeModel(parseTypeModel(readFileSync(path, 'utf8'), path));
    } catch (e) {
      throw new RuleFileError((e as Error).message);
    }
  }
  return undefined;
}

/** Libraries kept by `RuleLibrary.hold`, by fingerprint of their rule folders. */
const HELD = new Map<string, RuleLibrary>();

/** All rules and profiles from our folder and an optional organisation folder. */
export class RuleLibrary {
  readonly rules: Map<string, LoadedRule>;
  readonly profiles: Map<string, ProfileInfo>;
  readonly dirs: string[];
  private readonly compiled = new Map<string, RuleSet>();
  private readonly lexicons = new Map<string, LexiconMatcher>();
  /** Compiled lexicons from the cache, by the same key as `lexicons`. */
  private readonly precompiled: Map<string, CompiledLexicon>;
  /** The document-type classifier's data, and the classifier. */
  readonly typeSignals: TypeSignals;
  readonly documentTypes: DocumentTypeClassifier;
  private readonly typeModel: SerializedTypeModel | undefined;

  private constructor(
    dirs: string[],
    rules: Map<string, LoadedRule>,
    profiles: Map<string, ProfileInfo>,
    typeSignals: TypeSignals,
    precompiled: Map<string, CompiledLexicon>,
    typeModel: SerializedTypeModel | undefined,
  ) {
    this.dirs = dirs;
    this.rules = rules;
    this.profiles = profiles;
    this.typeSignals = typeSignals;
    this.typeModel = typeModel;
    this.documentTypes = new DocumentTypeClassifier(typeSignals, typeModel && new TypeModel(typeModel));
    this.precompiled = precompiled;
  }

  /**
   * Loads our rules and an optional organisation folder. From the cache when every source file is
   * unchanged (no YAML parser, no schema library loaded); else reads and validates every file, which
   * fails naming the file and field. The default profile is compiled at once, so a bad lexicon fails here too.
   */
  static async load(orgDir?: string, eagerProfile = 'lettre'): Promise<RuleLibrary> {
    const dirs = [RULES_DIR];
    if (orgDir) {
      if (!existsSync(orgDir) || !statSync(orgDir).isDirectory()) throw new RuleFileError(`Dossier de règles introuvable : ${orgDir}`);
      dirs.push(orgDir);
    }
    const fp = fingerprint(dirs);
    const held = HELD.get(fp);
    if (held) {
      if (held.profiles.has(eagerProfile)) held.ruleSet(eagerProfile);
      return held;
    }
    const cached = readCache(fp);
    if (cached?.startKeys) primeKeys(cached.startKeys);
    const library = cached
      ? new RuleLibrary(
          dirs,
          new Map(cached.rules.map((r) => [r.id, r])),
          new Map(cached.profiles.map((p) => [p.name, p])),
          cached.typeSignals,
          new Map(cached.lexicons),
          cached.typeModel ?? undefined,
        )
      : new RuleLibrary(dirs, ...(await loadFiles(dirs)), new Map(), readTypeModel(dirs));
    if (library.profiles.has(eagerProfile)) library.ruleSet(eagerProfile);
    if (!cached) {
      writeCache(fp, {
        rules: [...library.rules.values()],
        profiles: [...library.profiles.values()],
        lexicons: [...library.lexicons].map(([k, m]) => [k, m.compiled]),
        typeSignals: library.typeSignals,
        startKeys: knownKeys(),
        typeModel: library.typeModel ?? null,
      });
    }
    return library;
  }

  /**
   * Keeps this library for the process: `load` of the same, unchanged folders returns it. Used by the
   * startup snapshot, whose library is read at build time and must not outlive an edit of the rules.
   */
  static hold(library: RuleLibrary): void {
    HELD.set(fingerprint(library.dirs), library);
  }

  private context(dir: string): CompileContext {
    return {
      resolve: (p: string): string => {
        if (isAbsolute(p)) return p;
        for (const base of [dir, ...this.dirs.slice().reverse()]) {
          for (const candidate of [join(base, p), join(base, '..', 'corpora', p), join(base, 'lexiques', basename(p))]) {
            if (existsSync(candidate)) return candidate;
          }
        }
        const ours = join(ROOT, 'corpora', p);
        if (existsSync(ours)) return ours;
        throw new RuleFileError(`${dir} : lexique introuvable « ${p} »`);
      },
      lexicon: (paths: string[], inline: LexiconEntry[] = []): LexiconMatcher => {
        const key = paths.join('\n');
        if (inline.length === 0 && this.lexicons.has(key)) return this.lexicons.get(key)!;
        const pre = inline.length === 0 ? this.precompiled.get(key) : undefined;
        const m = pre ? new LexiconMatcher([], pre) : new LexiconMatcher([...paths.flatMap((p) => readLexicon(p)), ...inline]);
        if (inline.length === 0) this.lexicons.set(key, m);
        return m;
      },
    };
  }

  /** The compiled, frozen RuleSet of a profile (compiled on first use, then cached). */
  ruleSet(profile: string): RuleSet {
    const cached = this.compiled.get(profile);
    if (cached) return cached;
    const p = this.profiles.get(profile);
    if (!p) throw new AppError('UNKNOWN_PROFILE', `Profil inconnu : « ${profile} ». Profils disponibles : ${[...this.profiles.keys()].join(', ')}.`);
    const rules: CompiledRule[] = [];
    for (const loaded of this.rules.values()) {
      const o = p.rules[loaded.id];
      const rule = { ...loaded.rule } as RuleFile;
      if (o?.enabled !== undefined) rule.enabled = o.enabled;
      if (o?.severity) rule.severity = o.severity;
      if (rule.kind === 'metric' && o?.thresholds) rule.thresholds = o.thresholds;
      if (rule.kind === 'metric' && o?.minWords !== undefined) rule.minWords = o.minWords;
      if (!rule.enabled) continue;
      let check: Check;
      try {
        check = (KINDS[rule.kind] as KindCompiler<typeof rule.kind>)(rule as never, this.context(loaded.dir));
      } catch (e) {
        throw new RuleFileError(`${loaded.path} : ${(e as Error).message}`);
      }
      rules.push(Object.freeze({ id: loaded.id, rule: Object.freeze(rule), check }));
    }
    const set: RuleSet = Object.freeze({ profile, rules: Object.freeze(rules), byId: new Map(rules.map((r) => [r.id, r])) });
    this.compiled.set(profile, set);
    return set;
  }
}
