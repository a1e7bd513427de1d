/**
 * Loads rule and profile files (ours, then an organisation's folder that extends or overrides them),
 * validates them with zod, and compiles one immutable RuleSet per profile, once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
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
import { formatIssues, ProfileFile, RuleFile, type RuleKindName } from './schema.js';
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

function readYaml(path: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RuleFileError(`${path} : YAML invalide : ${(e as Error).message}`);
  }
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** All rules and profiles from our folder and an optional organisation folder. */
export class RuleLibrary {
  readonly rules = new Map<string, LoadedRule>();
  readonly profiles = new Map<string, ProfileInfo>();
  readonly dirs: string[];
  private readonly compiled = new Map<string, RuleSet>();
  private readonly lexicons = new Map<string, LexiconMatcher>();
  /** Compiled lexicons from the cache, by the same key as `lexicons`. */
  private precompiled = new Map<string, CompiledLexicon>();

  constructor(orgDir?: string, eagerProfile = 'lettre') {
    this.dirs = [RULES_DIR];
    if (orgDir) {
      if (!existsSync(orgDir) || !statSync(orgDir).isDirectory()) throw new RuleFileError(`Dossier de règles introuvable : ${orgDir}`);
      this.dirs.push(orgDir);
    }
    const fp = fingerprint(this.dirs);
    const cached = readCache(fp);
    if (cached) {
      for (const r of cached.rules) this.rules.set(r.id, r);
      for (const p of cached.profiles) this.profiles.set(p.name, p);
      this.precompiled = new Map(cached.lexicons);
    } else {
      this.loadFiles();
    }
    // Compile the default profile now so that a bad lexicon stops start-up too.
    if (this.profiles.has(eagerProfile)) this.ruleSet(eagerProfile);
    if (!cached) {
      writeCache(fp, {
        rules: [...this.rules.values()],
        profiles: [...this.profiles.values()],
        lexicons: [...this.lexicons].map(([k, m]) => [k, m.compiled]),
      });
    }
  }

  /** Reads and validates every rule and profile file (no cache). */
  private loadFiles(): void {
    for (const dir of this.dirs) {
      for (const path of yamlFiles(dir)) {
        const id = basename(path, extname(path));
        if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new RuleFileError(`${path} : le nom du fichier (identifiant de la règle) doit être en kebab-case`);
        const parsed = RuleFile.safeParse(readYaml(path));
        if (!parsed.success) throw new RuleFileError(`${path} : ${formatIssues(parsed.error)}`);
        this.rules.set(id, { id, rule: parsed.data, path, dir });
      }
      for (const path of yamlFiles(join(dir, 'profils'))) {
        const name = basename(path, extname(path));
        const parsed = ProfileFile.safeParse(readYaml(path));
        if (!parsed.success) throw new RuleFileError(`${path} : ${formatIssues(parsed.error)}`);
        const prev = this.profiles.get(name);
        this.profiles.set(name, {
          name,
          label: parsed.data.label,
          description: parsed.data.description,
          rules: { ...(prev?.rules ?? {}), ...parsed.data.rules },
        });
      }
    }
    for (const p of this.profiles.values()) {
      for (const id of Object.keys(p.rules)) {
        if (!this.rules.has(id)) throw new RuleFileError(`profil ${p.name} : règle inconnue « ${id} »`);
      }
    }
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
