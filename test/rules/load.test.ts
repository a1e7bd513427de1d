import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { RuleFileError, RuleLibrary } from '../../src/rules/load.js';
import { ourLibrary } from '../helpers/library.js';
import { VAGUE_WORD_RULE as RULE } from '../helpers/rules.js';

function orgDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarte-rules-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('rule loading', () => {
  it('loads, validates and freezes our rules and profiles', async () => {
    const lib = await ourLibrary();
    expect([...lib.profiles.keys()].sort()).toEqual(['falc', 'formulaire', 'interne', 'lettre']);
    const set = lib.ruleSet('lettre');
    expect(Object.isFrozen(set.rules)).toBe(true);
    expect(lib.ruleSet('lettre')).toBe(set);
  });
  it('stops on a bad rule file, naming the file and the field', async () => {
    const dir = orgDir({ 'mauvaise-regle.yaml': RULE.replace('severity: warning', 'severity: grave') });
    await expect(RuleLibrary.load(dir)).rejects.toThrow(RuleFileError);
    await expect(RuleLibrary.load(dir)).rejects.toThrow(/mauvaise-regle\.yaml.*severity/);
  });
  it('stops on an unknown kind, a YAML error or a missing lexicon', async () => {
    await expect(RuleLibrary.load(orgDir({ 'x.yaml': RULE.replace('kind: existence', 'kind: magic') }))).rejects.toThrow(/x\.yaml.*kind/);
    await expect(RuleLibrary.load(orgDir({ 'x.yaml': 'kind: [unclosed' }))).rejects.toThrow(/YAML/);
    const sub = RULE.replace('kind: existence', 'kind: substitution').replace('patterns: ["truc machin"]', 'lexicon: lexiques/absent.txt');
    await expect(RuleLibrary.load(orgDir({ 'x.yaml': sub }))).rejects.toThrow(/absent\.txt/);
  });
  it('lets an organisation add rules, override ours, add lexicons and profiles', async () => {
    const dir = orgDir({
      'truc-machin.yaml': RULE,
      'phrase-longue.yaml': RULE.replace('truc machin', 'bidule').replace('[[truc machin]]', '[[bidule]]').replace('category: jargon', 'category: sentence-length'),
      'jargon-maison.yaml': RULE.replace('kind: existence', 'kind: substitution').replace('patterns: ["truc machin"]', 'lexicon: lexiques/maison.txt'),
      'lexiques/maison.txt': 'usager = personne\n',
      'profils/lettre.yaml': 'label: Lettre maison\ndescription: Nos seuils.\nrules:\n  voix-passive: { enabled: false }\n',
    });
    const lib = await RuleLibrary.load(dir);
    const r = analyse({ text: 'Un truc machin pour l’usager. Votre demande a été rejetée. Un bidule.' }, lib);
    const rules = r.alerts.map((a) => a.rule);
    expect(rules).toContain('truc-machin');
    expect(rules).toContain('jargon-maison');
    expect(rules).not.toContain('voix-passive');
    expect(r.alerts.find((a) => a.rule === 'phrase-longue')?.match).toBe('bidule');
    expect(r.alerts.find((a) => a.rule === 'jargon-maison')?.suggestions).toEqual(['personne']);
  });
  it('reuses its cache only for the same bytes', async () => {
    const files = {
      'jargon-maison.yaml': RULE.replace('kind: existence', 'kind: substitution').replace('patterns: ["truc machin"]', 'lexicon: lexiques/maison.txt'),
      'lexiques/maison.txt': 'usager = personne\nsolliciter = demander\n',
    };
    const dir = orgDir(files);
    const text = 'L’usager sollicite une aide.';
    const first = analyse({ text }, await RuleLibrary.load(dir));
    const second = analyse({ text }, await RuleLibrary.load(dir));
    expect(second).toEqual(first);
    expect(first.alerts.filter((a) => a.rule === 'jargon-maison').map((a) => a.suggestions[0])).toEqual(['personne', 'demande']);
    writeFileSync(join(dir, 'lexiques', 'maison.txt'), 'usager = public\n');
    const third = analyse({ text }, await RuleLibrary.load(dir));
    expect(third.alerts.filter((a) => a.rule === 'jargon-maison').map((a) => a.suggestions[0])).toEqual(['public']);
    writeFileSync(join(dir, 'jargon-maison.yaml'), files['jargon-maison.yaml'].replace('severity: warning', 'severity: grave'));
    await expect(RuleLibrary.load(dir)).rejects.toThrow(/jargon-maison\.yaml.*severity/);
  });
  it('returns a held library only while its folders are unchanged (the startup snapshot relies on it)', async () => {
    const dir = orgDir({ 'truc-machin.yaml': RULE });
    const held = await RuleLibrary.load(dir);
    RuleLibrary.hold(held);
    expect(await RuleLibrary.load(dir)).toBe(held);
    expect(await RuleLibrary.load()).not.toBe(held);
    writeFileSync(join(dir, 'truc-machin.yaml'), RULE.replace('truc machin', 'bidule').replace('[[truc machin]]', '[[bidule]]'));
    const edited = await RuleLibrary.load(dir);
    expect(edited).not.toBe(held);
    expect(analyse({ text: 'Un bidule ici.' }, edited).alerts.map((a) => a.rule)).toContain('truc-machin');
  });
  it('runs a mention rule: status, missing elements, evidence and one alert (the kind the mentions issue fills)', async () => {
    const mention = `kind: mention
category: mention
severity: error
principle: usable
mention: contact-minimal
appliesTo: [autre, information]
elements:
  - { id: phone, label: un numéro de téléphone, patterns: ["0\\\\d(?: ?\\\\d\\\\d){4}"] }
  - { id: email, label: une adresse électronique, patterns: ["[\\\\w.-]+@[\\\\w-]+\\\\.[a-z]+"] }
source: Services Publics+
consequence: Le lecteur ne sait pas comment joindre le service.
message: "Il manque {missing} pour joindre le service."
messages:
  missing: "Aucun moyen de contact : ajoutez {missing}."
description: Deux moyens de contact au moins.
examples:
  bad: [{ text: "[[Appelez le 01 23 45 67 89.]]" }]
  good: ["Appelez le 01 23 45 67 89 ou écrivez à accueil@mairie.fr."]
`;
    const lib = await RuleLibrary.load(orgDir({ 'contact-minimal.yaml': mention }));
    const mine = (r: ReturnType<typeof analyse>) => r.mentions.filter((m) => m.id === 'contact-minimal');
    const partial = analyse({ text: 'Appelez le 01 23 45 67 89 pour tout renseignement.' }, lib, { documentType: 'autre' });
    expect(mine(partial)).toEqual([
      { id: 'contact-minimal', status: 'partial', missing: ['email'], evidence: [{ start: 11, end: 25 }], source: 'Services Publics+', consequence: 'Le lecteur ne sait pas comment joindre le service.' },
    ]);
    expect(partial.alerts.filter((a) => a.rule === 'contact-minimal').map((a) => [a.message, a.start, a.end])).toEqual([
      ['Il manque une adresse électronique pour joindre le service.', 11, 25],
    ]);
    const none = analyse({ text: 'Bonjour, voici votre courrier.' }, lib, { documentType: 'autre' });
    expect(mine(none)[0]?.status).toBe('missing');
    expect(none.alerts.find((a) => a.rule === 'contact-minimal')?.message).toBe('Aucun moyen de contact : ajoutez un numéro de téléphone, une adresse électronique.');
    const full = analyse({ text: 'Appelez le 01 23 45 67 89 ou écrivez à accueil@mairie.fr.' }, lib, { documentType: 'autre' });
    expect(mine(full)[0]?.status).toBe('present');
    expect(full.alerts.some((a) => a.rule === 'contact-minimal')).toBe(false);
    // Each missing or partial mention is an alert of the `mention` category, counted in the score.
    const mentionAlerts = (r: ReturnType<typeof analyse>) => r.alerts.filter((a) => a.category === 'mention').length;
    expect(mentionAlerts(none)).toBeGreaterThan(mentionAlerts(full));
    expect(mine(analyse({ text: 'Appelez le 01 23 45 67 89.' }, lib, { documentType: 'formulaire' }))[0]?.status).toBe('not-applicable');
  });
  it('reads a partial refusal the same way for the recourse and the motivation of a favourable decision', async () => {
    // Both mentions are owed for the refused part: one list of wordings, kept identical in both files.
    const lib = await ourLibrary();
    const when = (id: string): unknown => (lib.rules.get(id)?.rule as { when?: Record<string, string[]> } | undefined)?.when?.['decision-favorable'];
    expect(when('mention-voies-recours')).toBeDefined();
    expect(when('mention-motivation')).toEqual(when('mention-voies-recours'));
  });

  it('applies profile thresholds and severities', async () => {
    const lib = await ourLibrary();
    const text = 'Nous avons bien reçu votre dossier complet et nous allons maintenant le transmettre rapidement à la commission.';
    expect(analyse({ text }, lib, { profile: 'lettre' }).alerts.some((a) => a.rule === 'phrase-longue')).toBe(false);
    const falc = analyse({ text }, lib, { profile: 'falc' }).alerts.find((a) => a.rule === 'phrase-longue');
    expect(falc?.severity).toBe('warning');
    expect(() => analyse({ text }, lib, { profile: 'inconnu' })).toThrow(/Profil inconnu/);
  });
});
