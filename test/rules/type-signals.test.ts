/**
 * Type signals (rules/types/types-de-document.yaml): wordings that decide a type on their own, and
 * those that must not. Short texts, so the signals decide alone (the lexical model needs more words).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RuleLibrary } from '../../src/rules/load.js';

let lib: RuleLibrary;
beforeAll(async () => {
  lib = await RuleLibrary.load();
});

const signals = (text: string): string => lib.documentTypes.signalsOnly(text).id;

describe('document type signals', () => {
  it('reads a refusal whose subject is a commission or a service, not « je » or « nous »', () => {
    expect(signals('La commission ne vous accorde pas cette aide.')).toBe('decision-defavorable');
    expect(signals('Le service ne lui attribue pas de logement cette année.')).toBe('decision-defavorable');
    // A condition is no refusal.
    expect(signals('Si la commission ne vous accorde pas cette aide, vous serez prévenu.')).not.toBe('decision-defavorable');
  });

  it('reads a refusal before an elided infinitive', () => {
    expect(signals("En conséquence, je ne suis pas en mesure d'attribuer une place à l'internat à votre fils.")).toBe('decision-defavorable');
    expect(signals("Il ne m'est pas possible de réserver une suite favorable à votre demande.")).toBe('decision-defavorable');
  });

  it('reads a decision in the present tense, a negation without « pas », a plain « n’est pas acceptée »', () => {
    expect(signals('Au vu de cet avis, je décide de ne pas procéder à votre engagement.')).toBe('decision-defavorable');
    expect(signals('Les autres créneaux demandés n’ont pu être retenus.')).toBe('decision-defavorable');
    expect(signals('Ta demande n’est pas acceptée.')).toBe('decision-defavorable');
    expect(signals('Si ta demande n’est pas acceptée, tu pourras la refaire.')).not.toBe('decision-defavorable');
  });

  it('reads a recognised status as a favourable decision', () => {
    expect(signals('La commission vous reconnaît la qualité de travailleur handicapé.')).toBe('decision-favorable');
  });

  it('does not take a mention of an earlier acknowledgement for one', () => {
    expect(signals("Comme indiqué dans l'accusé de réception qui vous a été adressé le 6 mars, votre dossier est complet.")).not.toBe('accuse-reception');
    expect(signals('Le présent accusé de réception ne vaut pas décision.')).toBe('accuse-reception');
    // The way a letter was sent is no acknowledgement; a withdrawal decided is a refusal.
    expect(signals("LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION\n\nMadame,\n\nJ'ai décidé de procéder au retrait de ladite autorisation.")).toBe('decision-defavorable');
  });
});
