/**
 * Lenient matching of volunteers' answers to comprehension questions. A short free answer is right
 * when, once normalised (case, accents, punctuation, numbers written in words, dates, amounts and
 * times in any common French form), it equals an accepted answer, contains it (the volunteer says
 * more), or is one typo away from it on a long answer; never when a number or a date differs, nor
 * when the accepted answer is negated ("pas au tribunal").
 */

import { FRENCH_NUMBER_WORDS, parseFrenchNumber } from '../analysis/french-numbers.js';

export type Question = { kind: 'choice'; options: string[]; accepted: number[]; multiple?: boolean } | { kind: 'text'; accepted: string[] };
export type Answer = { choice: number[] } | { text: string };

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7, juil: 7, aout: 8,
  septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
};
const WEEKDAYS = /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+/g;
const TENS = new Set(['vingt', 'trente', 'quarante', 'cinquante', 'soixante']);
const NUMBER_WORD = new RegExp(`^(?:${[...FRENCH_NUMBER_WORDS, 'et'].join('|')})$`);

const pad = (n: number): string => String(n).padStart(2, '0');
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));
function isoDate(d: number, m: number, y: number | null): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return y === null ? `${pad(m)}-${pad(d)}` : `${y}-${pad(m)}-${pad(d)}`;
}

/** Runs of French number words ("vingt et un", "quatre-vingt-dix", "deux mille vingt-six") as digits. */
function numberWords(s: string): string {
  const words = s.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (!NUMBER_WORD.test(words[i]!) || words[i] === 'et') {
      out.push(words[i]!);
      i++;
      continue;
    }
    let j = i;
    for (; j < words.length && NUMBER_WORD.test(words[j]!); j++) {
      // "et" only inside a number, between tens and one ("vingt et un", "soixante et onze"): "deux et trois" is two numbers
      if (words[j] === 'et' && !(j > i && TENS.has(words[j - 1]!) && ['un', 'une', 'onze'].includes(words[j + 1] ?? ''))) break;
    }
    out.push(String(parseFrenchNumber(words.slice(i, j).join(' '))!));
    i = j;
  }
  return out.join(' ');
}

/** The normal form of an answer, on which answers are compared. */
export function normaliseAnswer(s: string): string {
  let t = s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u00a0\u202f\u2009]/g, ' ');
  // amounts: "1 234,56 €", "1234.56 euros", "30 €"
  t = t.replace(/(\d{1,3}(?:[ .]\d{3})+|\d+)(?:[,.](\d{1,2}))?\s*(?:€|eur(?:os?)?\b)/g, (_m, int: string, dec?: string) => {
    const value = Number(int.replace(/[ .]/g, '')) + (dec ? Number(dec.padEnd(2, '0')) / 100 : 0);
    return ` ${Number.isInteger(value) ? value : value.toFixed(2)} eur `;
  });
  // times: "14 h 30", "14h30", "14:30", "9 h"
  t = t.replace(/\b(\d{1,2})\s*(?:h|:)\s*(\d{2})?\b(?!\d)/g, (m, h: string, min?: string) => (Number(h) < 24 ? ` ${pad(Number(h))}:${min ?? '00'} ` : m));
  // numeric dates: ISO, then 15/03/2026, 15-03-26, 15.03.2026
  t = t.replace(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (m, y: string, mo: string, d: string) => ` ${isoDate(Number(d), Number(mo), Number(y)) ?? m} `);
  t = t.replace(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g, (m, d: string, mo: string, y: string) => ` ${isoDate(Number(d), Number(mo), fullYear(y)) ?? m} `);
  t = t.replace(/\b(\d{1,2})\/(\d{1,2})\b/g, (m, d: string, mo: string) => ` ${isoDate(Number(d), Number(mo), null) ?? m} `);
  // words: punctuation out, numbers in words and ordinals as digits
  t = t.replace(/[^a-z0-9.:\- ']/g, ' ').replace(/'/g, ' ');
  t = t.replace(/\b(\d+)\s*(?:er|ere|e|eme|nd|nde)\b/g, '$1');
  t = t.replace(/\s+/g, ' ').trim();
  t = numberWords(t.replace(/-/g, (m, at: number, str: string) => (/\d/.test(str[at - 1] ?? '') && /\d/.test(str[at + 1] ?? '') ? m : ' '))).replace(/\s+/g, ' ');
  // dates with a month name: "mercredi 15 mars 2026", "1 mars", "15 mars"
  t = t.replace(WEEKDAYS, '');
  t = t.replace(/\b(\d{1,2}) ([a-z]+)(?: (\d{4}))?\b/g, (m, d: string, month: string, y?: string) => {
    const mo = MONTHS[month];
    if (!mo) return m;
    return isoDate(Number(d), mo, y ? Number(y) : null) ?? m;
  });
  // stray dots and colons (not inside a number)
  t = t.replace(/(?<!\d)[.:]|[.:](?!\d)/g, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const digits = (s: string): string => (s.match(/\d+/g) ?? []).join(' ');
const NEGATIONS = new Set(['pas', 'jamais', 'aucun', 'aucune', 'ni', 'non', 'sans', 'rien']);

/** True when one of the three words before word `at` negates what follows. */
function negated(words: string[], at: number): boolean {
  for (let k = Math.max(0, at - 3); k < at; k++) if (NEGATIONS.has(words[k]!)) return true;
  return false;
}

/** True when the normalised answer says the normalised accepted text. */
function says(answer: string, accepted: string): boolean {
  if (!accepted) return false;
  if (answer === accepted) return true;
  const words = answer.split(' ');
  const want = accepted.split(' ');
  // typos are forgiven on long answers only, one in 6 to 10 characters, two above
  const tolerance = accepted.length < 6 ? 0 : accepted.length <= 10 ? 1 : 2;
  for (let i = 0; i + want.length <= words.length; i++) {
    // windows of the accepted length, and one word shorter or longer (a word split or merged by a typo)
    for (const len of [want.length, want.length - 1, want.length + 1]) {
      if (len < 1 || i + len > words.length) continue;
      const window = words.slice(i, i + len).join(' ');
      const exact = window === accepted;
      if (!exact && (tolerance === 0 || digits(window) !== digits(accepted) || distance(window, accepted, tolerance) > tolerance)) continue;
      if (!negated(words, i)) return true;
    }
  }
  return false;
}

/** True when an answer is right. */
export function matchAnswer(question: Question, answer: Answer): boolean {
  if (question.kind === 'choice') {
    if (!('choice' in answer)) return false;
    const chosen = [...new Set(answer.choice)];
    if (question.multiple) {
      const accepted = new Set(question.accepted);
      return chosen.length === accepted.size && chosen.every((c) => accepted.has(c));
    }
    return chosen.length === 1 && question.accepted.includes(chosen[0]!);
  }
  if (!('text' in answer)) return false;
  const given = normaliseAnswer(answer.text);
  if (!given) return false;
  return question.accepted.some((a) => says(given, normaliseAnswer(a)));
}
