/**
 * Passive voice: a form of être (any tense, "a été", "ayant été", inversions such as "sera-t-il")
 * followed by optional adverbs or negation and a past participle (Lefff). Être-auxiliary verbs of
 * movement or state, pronominal forms and frozen expressions are excluded; stative readings are marked.
 */
import { TK, type Token } from './segment.js';
import { conjugate, participleLemmas, type Tense } from './verbs.js';

/** Tense of an être form, used to put the verb back in the active voice. */
type EtreTense = { tense: Tense; compound?: string; plural: boolean };

const ETRE = new Map<string, EtreTense>();
const addEtre = (tense: Tense, forms: string[]): void => {
  forms.forEach((f, i) => {
    if (!ETRE.has(f)) ETRE.set(f, { tense, plural: i >= 3 });
  });
};
addEtre('P', ['suis', 'es', 'est', 'sommes', 'êtes', 'sont']);
addEtre('I', ['étais', 'étais', 'était', 'étions', 'étiez', 'étaient']);
addEtre('J', ['fus', 'fus', 'fut', 'fûmes', 'fûtes', 'furent']);
addEtre('F', ['serai', 'seras', 'sera', 'serons', 'serez', 'seront']);
addEtre('C', ['serais', 'serais', 'serait', 'serions', 'seriez', 'seraient']);
addEtre('S', ['sois', 'sois', 'soit', 'soyons', 'soyez', 'soient']);
addEtre('T', ['fusse', 'fusses', 'fût', 'fussions', 'fussiez', 'fussent']);
ETRE.set('être', { tense: 'W', plural: false });
ETRE.set('étant', { tense: 'G', plural: false });
// Capitals often lose their accent: "Etait", "Etant".
for (const [f, v] of [...ETRE]) if (f.startsWith('é') && !ETRE.has('e' + f.slice(1))) ETRE.set('e' + f.slice(1), v);

/** Forms of avoir that build "a été", "avait été", "aura été", "ayant été", "avoir été". */
const AVOIR = new Set([
  'ai', 'as', 'a', 'avons', 'avez', 'ont', 'avais', 'avait', 'avions', 'aviez', 'avaient', 'aurai', 'auras',
  'aura', 'aurons', 'aurez', 'auront', 'aurais', 'aurait', 'aurions', 'auriez', 'auraient', 'aie', 'aies',
  'ait', 'ayons', 'ayez', 'aient', 'eût', 'eut', 'eurent', 'ayant', 'avoir',
]);

/** Words that may stand between the auxiliary and the participle. */
const BETWEEN = new Set([
  'ne', "n'", 'pas', 'plus', 'jamais', 'guère', 'point', 'nullement', 'aucunement', 'toujours', 'déjà',
  'encore', 'bien', 'mal', 'souvent', 'parfois', 'alors', 'ainsi', 'aussi', 'également', 'notamment',
  'désormais', 'enfin', 'donc', 'même', 'presque', 'tout', 'toute', 'toutes', 'tous', 'peut-être',
  'probablement', 'certainement', 'sans', 'doute', 'actuellement', 'aujourd\'hui', 'vite', 'tôt', 'tard',
  'trop', 'longtemps', 'peu', 'moins', 'bientôt', 'immédiatement', 'aussitôt', 'finalement', 'récemment', 'ensuite', 'puis', 'depuis', 'jusqu\'ici', 'ici', 'là', 'dès', 'lors', 'en', 'outre',
  'cependant', 'pourtant', 'toutefois', 'néanmoins', 'effectivement', 'surtout', 'seulement', 'uniquement',
]);
/** Multi-word adverbials that may stand between the auxiliary and the participle. */
const BETWEEN_MULTI = new Set([
  "d' ailleurs", 'en réalité', 'en revanche', 'à nouveau', 'de nouveau', 'du tout', "d' abord", 'en effet',
  'par ailleurs', 'de plus', 'en outre', 'tout de suite', 'à la fois', 'en partie', 'en grande partie',
  'pour la plupart', "pour l' instant", 'par la suite', 'au préalable', 'à tort', 'à juste titre', 'de fait',
  'en principe', 'en général', 'sans doute', 'bel et bien', 'tout à fait', 'à ce jour', 'à cet égard',
  'au moins', 'à peine', 'de ce fait', 'par conséquent', 'en conséquence', 'dans un premier temps',
]);
const CLITIC_INVERSION = /^-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce)$/;
const REFLEXIVE = new Set(['se', "s'", 'me', "m'", 'te', "t'"]);

/** Verbs conjugated with être in the active voice (movement, change of state). */
const ETRE_VERBS = new Set([
  'aller', 'venir', 'arriver', 'partir', 'naître', 'mourir', 'rester', 'tomber', 'entrer', 'sortir',
  'devenir', 'revenir', 'rentrer', 'retourner', 'décéder', 'parvenir', 'intervenir', 'survenir', 'advenir',
  'repartir', 'redevenir', 'ressortir', 'retomber', 'provenir', 'passer', 'repasser', 'monter', 'remonter',
  'descendre', 'redescendre', 'apparaître', 'disparaître', 'accourir', 'convenir', 'demeurer', 'échoir',
  'éclore', 'renaître', 'sourire', 'être', 'avoir', 'pouvoir', 'vouloir', 'falloir',
]);

/** The modal and "être" written as one word, a frequent slip for "peut être" + participle. */
const MISWRITTEN_INFINITIVE = new Set(['peut-être', 'peuvent-être']);

/** Forms that look like participles but are read as adjectives here. */
const NOT_PARTICIPLES = new Set(['issu', 'issue', 'issus', 'issues']);

/** Participles read as states rather than actions: still flagged, with a lower severity. */
const STATIVE = new Set([
  'situer', 'naître', 'composer', 'constituer', 'intituler', 'destiner', 'charger', 'devoir', 'tenir',
  'inviter', 'expirer', 'fermer', 'ouvrir', 'installer', 'domicilier', 'marier', 'divorcer', 'âger',
  'asseoir', 'réputer', 'habiliter', 'concerner', 'fonder', 'limiter', 'interdire', 'autoriser', 'prévoir',
  'exclure', 'dispenser', 'soumettre', 'équiper', 'occuper', 'pacser', 'veuf', 'connaître', 'lier', 'engager',
  'habiter', 'abonner', 'inscrire', 'affilier', 'rattacher', 'exonérer', 'redevable', 'assujettir',
  'satisfaire', 'ravir', 'désoler', 'convaincre', 'persuader', 'obliger', 'contraindre',
]);

/** Frozen expressions that look passive but are not ("étant donné", "soit dit en passant"). */
const FROZEN: [string, string][] = [
  ['étant', 'donné'], ['étant', 'donnés'], ['étant', 'donnée'], ['étant', 'données'], ['étant', 'entendu'],
  ['soit', 'dit'], ['est', 'dit'], ['c\'est', 'dit'], ['ci', 'joint'],
];

/** One passive construction found in a sentence. */
export interface PassiveHit {
  /** Token indexes of the auxiliary's first word and of the participle. */
  from: number;
  participle: number;
  lemma: string;
  stative: boolean;
  /** The agent introduced by "par", as written, if any. */
  agent?: string;
  /** The verb put back in the active voice, e.g. "a rejeté" or "examinera" (finite forms only). */
  active?: string;
}

/** Number of tokens of a multi-word adverbial starting at j, or 0. */
function multiAdverbial(tokens: readonly Token[], j: number): number {
  for (const n of [4, 3, 2]) {
    if (j + n > tokens.length) continue;
    let key = '';
    for (let k = j; k < j + n; k++) key += (k > j ? ' ' : '') + tokens[k]!.lower;
    if (BETWEEN_MULTI.has(key)) return n;
  }
  return 0;
}

/** Number of tokens of a multi-word adverbial ending at k ("a d'ailleurs été", "avait en réalité été"), or 0. */
function multiAdverbialEndingAt(tokens: readonly Token[], k: number): number {
  for (const n of [4, 3, 2]) if (k - n + 1 >= 0 && multiAdverbial(tokens, k - n + 1) === n) return n;
  return 0;
}

function isParticiple(lower: string): readonly string[] | undefined {
  return participleLemmas(lower);
}

const PLURAL_DET = /^(?:les|des|ces|mes|tes|ses|nos|vos|leurs|plusieurs|certains|certaines|aux)$/;

function agentOf(tokens: readonly Token[], after: number, text: string): { agent: string; plural: boolean } | undefined {
  let k = after + 1;
  while (k < tokens.length && tokens[k]!.kind === TK.Word && ((BETWEEN.has(tokens[k]!.lower) && tokens[k]!.lower !== 'en') || /.{4,}ment$/.test(tokens[k]!.lower))) k++;
  if (tokens[k]?.lower !== 'par') return undefined;
  // "Votre dossier est suivi par : Mme Durand".
  if (tokens[k + 1]?.text === ':') k++;
  const first = k + 1;
  let end = first;
  let words = 0;
  while (end < tokens.length && tokens[end]!.kind === TK.Word && words < 6) {
    const l = tokens[end]!.lower;
    if (words > 0 && /^(?:et|ou|qui|que|pour|avec|dans|sur|sans|car|mais|afin|lorsque|si|le|la|les|l'|à|au|aux|en)$/.test(l)) {
      // "par le service des impôts": de/du/des continue the phrase; other function words end it.
      if (!(words > 0 && (l === 'le' || l === 'la' || l === 'les' || l === "l'") && /^(?:de|d'|des|du)$/.test(tokens[end - 1]!.lower))) break;
    }
    if (l === 'jour' && tokens[end - 1]?.lower === 'par') return undefined; // "par jour"
    end++;
    words++;
  }
  if (words === 0) return undefined;
  const detLower = tokens[first]!.lower;
  if (/^(?:ailleurs|exemple|conséquent|suite|contre|rapport|voie|courrier|mail|téléphone|écrit|an|mois|jour|semaine|personne|défaut)$/.test(detLower)) return undefined;
  return { agent: text.slice(tokens[first]!.start, tokens[end - 1]!.end), plural: PLURAL_DET.test(detLower) };
}

/** Avoir in each tense, as [il/elle, nous, ils/elles], found from any of its forms. */
const AVOIR_TENSES: [string[], [string, string, string]][] = [
  [['ai', 'as', 'a', 'avons', 'avez', 'ont'], ['a', 'avons', 'ont']],
  [['avais', 'avait', 'avions', 'aviez', 'avaient'], ['avait', 'avions', 'avaient']],
  [['aurai', 'auras', 'aura', 'aurons', 'aurez', 'auront'], ['aura', 'aurons', 'auront']],
  [['aurais', 'aurait', 'aurions', 'auriez', 'auraient'], ['aurait', 'aurions', 'auraient']],
  [['aie', 'aies', 'ait', 'ayons', 'ayez', 'aient'], ['ait', 'ayons', 'aient']],
  [['eus', 'eut', 'eûmes', 'eûtes', 'eurent'], ['eut', 'eûmes', 'eurent']],
  [['eusse', 'eusses', 'eût', 'eussions', 'eussiez', 'eussent'], ['eût', 'eussions', 'eussent']],
];
const AVOIR_BY_PERSON = new Map<string, [string, string, string]>();
for (const [forms, persons] of AVOIR_TENSES) for (const f of forms) AVOIR_BY_PERSON.set(f, persons);

/** The verb in the active voice: person 0 = il/elle, 1 = nous, 2 = ils/elles. */
function activeForm(lemma: string, aux: EtreTense | undefined, compound: string | undefined, person: 0 | 1 | 2): string | undefined {
  if (compound) {
    const k = conjugate(lemma, 'K', 0);
    if (!k) return undefined;
    const avoir = AVOIR_BY_PERSON.get(compound)?.[person] ?? compound;
    return `${avoir} ${k}`;
  }
  // Infinitives and present participles ("doit être complété", "étant réunies") need a rewrite of the
  // whole phrase: no conjugated hint.
  if (!aux || aux.tense === 'W' || aux.tense === 'G') return undefined;
  return conjugate(lemma, aux.tense, [2, 3, 5][person]!);
}

/** Finds the passive constructions of one sentence. */
export function findPassives(tokens: readonly Token[], text: string): PassiveHit[] {
  const hits: PassiveHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== TK.Word) continue;
    let from: number;
    let aux: EtreTense | undefined;
    let compound: string | undefined;
    if (t.lower === 'été') {
      // "a été", "n'a pas été", "ayant été", "avoir été", "aurait-il été".
      let k = i - 1;
      for (;;) {
        const multi = k >= 0 ? multiAdverbialEndingAt(tokens, k) : 0;
        if (multi > 0) k -= multi;
        else if (k >= 0 && tokens[k]!.kind === TK.Word && (BETWEEN.has(tokens[k]!.lower) || CLITIC_INVERSION.test(tokens[k]!.lower))) k--;
        else break;
      }
      if (k >= 0 && AVOIR.has(tokens[k]!.lower)) {
        from = k;
        compound = tokens[k]!.lower;
      } else continue;
    } else {
      aux = ETRE.get(t.lower);
      // "peut-être" written for "peut être" before a participle ("la pièce peut-être jointe"), unless a
      // conjugated auxiliary comes first ("a peut-être compris", "est peut-être joint": read there).
      if (!aux && MISWRITTEN_INFINITIVE.has(t.lower) && i > 0 && !AVOIR.has(tokens[i - 1]!.lower) && !ETRE.has(tokens[i - 1]!.lower)) {
        const next = tokens[i + 1];
        if (next && next.kind === TK.Word && isParticiple(next.lower)) aux = ETRE.get('être');
      }
      if (!aux) continue;
      from = i;
    }
    // Pronominal: "s'est inscrit", "se sont rendus", "vous vous êtes inscrit".
    let p = from - 1;
    while (p >= 0 && (tokens[p]!.lower === 'ne' || tokens[p]!.lower === "n'" || tokens[p]!.lower === 'y' || tokens[p]!.lower === 'en')) p--;
    const before = tokens[p];
    if (before && REFLEXIVE.has(before.lower)) continue;
    if (before && (before.lower === 'vous' || before.lower === 'nous')) {
      let q = p - 1;
      while (q >= 0 && (tokens[q]!.lower === 'ne' || tokens[q]!.lower === "n'")) q--;
      if (tokens[q]?.lower === before.lower) continue;
    }
    // Skip adverbs, negation and inverted clitics up to the participle.
    let j = i + 1;
    let skipped = 0;
    while (j < tokens.length && skipped < 4) {
      const w = tokens[j]!;
      const multi = multiAdverbial(tokens, j);
      if (multi > 0) {
        j += multi;
        skipped++;
        continue;
      }
      if (w.kind === TK.Word && (BETWEEN.has(w.lower) || CLITIC_INVERSION.test(w.lower) || (w.lower.endsWith('ment') && w.lower.length > 6 && !isParticiple(w.lower)))) {
        j++;
        skipped++;
        continue;
      }
      break;
    }
    const part = tokens[j];
    if (!part || part.kind !== TK.Word) continue;
    const lemmas = NOT_PARTICIPLES.has(part.lower) ? undefined : isParticiple(part.lower);
    if (!lemmas) continue;
    // With "a été", even verbs of movement are passive ("ce qui a été convenu").
    const lemma = compound ? lemmas[0] : lemmas.find((l) => !ETRE_VERBS.has(l));
    if (!lemma) continue;
    if (FROZEN.some(([a, b]) => a === t.lower && b === part.lower)) continue;
    // "a été" + participle of être itself is not passive ("a été été" does not exist); "est été" neither.
    if (lemma === 'être') continue;
    const agent = agentOf(tokens, j, text);
    const person: 0 | 1 | 2 = agent ? (agent.plural ? 2 : 0) : 1;
    const hit: PassiveHit = { from, participle: j, lemma, stative: STATIVE.has(lemma) };
    if (agent) hit.agent = agent.agent;
    const active = activeForm(lemma, aux, compound, person);
    if (active) hit.active = active;
    hits.push(hit);
    i = j;
  }
  return hits;
}
