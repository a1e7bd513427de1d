/**
 * A body's address in the person's block (an administrative domiciliation, a sole trader's business
 * line), members of an assembly and officials named in minutes and notices, placeholders of a template,
 * and data given again in another form. Letters written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `Conseil départemental de la Vienne
Direction de l'insertion
Place Aristide-Briand – 86000 Poitiers
Tél. : 05 49 55 66 00

`;
const SIGN = `

Veuillez agréer, Monsieur, nos salutations distinguées.

La directrice de l'insertion,
Hélène Marchand
`;
const BODY = `Objet : votre demande

Monsieur,

Votre demande a bien été enregistrée.`;

describe('an administrative domiciliation in the recipient block', () => {
  it('leaves the address of the body the person is domiciled at alone, and keeps the name', () => {
    const t = `${HEAD}M. Dawit HAILE\nDomicilié chez Coallia – plateforme d'accueil des demandeurs d'asile\n12, rue du Faubourg-Saint-Jacques\n86000 Poitiers\n\nPoitiers, le 3 mars 2026\n\n${BODY}${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual([]);
    expect(ofType(t, 'NOM')).toContain('Dawit HAILE');
  });
  it('reads « Domiciliation administrative – CCAS de … » and « CCAS de … – Domiciliation » the same way', () => {
    const a = `${HEAD}Madame Sandrine PELLETIER\nDomiciliation administrative – CCAS de Châtellerault\n7, boulevard Blossac\n86100 Châtellerault\n\n${BODY}${SIGN}`;
    expect(ofType(a, 'ADRESSE')).toEqual([]);
    const b = `${HEAD}Madame Sandrine PELLETIER\nCCAS de Châtellerault – Domiciliation\n7, boulevard Blossac\n86100 Châtellerault\n\n${BODY}${SIGN}`;
    expect(ofType(b, 'ADRESSE')).toEqual([]);
  });
  it('still reads the address of a person the addressee lives with', () => {
    const t = `${HEAD}Monsieur Karim BELKACEM\nHébergé chez M. Yacine BELKACEM\n4, allée des Pins\n86000 Poitiers\n\n${BODY}${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['4, allée des Pins\n86000 Poitiers']);
  });
});

describe('a sole trader’s business line in a two-column recipient block', () => {
  it('is no address line', () => {
    const t = `DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES          Monsieur Julien PRÉVOST
Service des impôts des entreprises                  Entreprise individuelle – menuiserie
de Poitiers                                         14, rue des Carmes
3, rue Riffault                                     86000 Poitiers
86022 Poitiers Cedex

${BODY}${SIGN}`;
    const addresses = ofType(t, 'ADRESSE');
    expect(addresses.some((a) => /Entreprise/.test(a))).toBe(false);
    expect(addresses).toContain('14, rue des Carmes');
  });
});

describe('the minutes of a municipal council', () => {
  const minutes = (lines: string): string => `COMMUNE DE SAINT-BENOÎT
Hôtel de ville – 2, place du 8-Mai-1945 – 86280 Saint-Benoît

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 14 octobre 2026

Objet : cession d'un terrain communal

${lines}

Pour extrait conforme,
Le maire,
Pierre Garnier
`;
  it('leaves the members who gave a proxy and those they gave it to alone', () => {
    const t = minutes('Absents ayant donné pouvoir : M. Gilles Aubry à Mme Nadia Ferrand ; Mme Irène Guérin à M. Bruno Lacroix\n\nLe conseil municipal décide la cession.');
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('leaves the members named after « abstentions 2 » alone (a count with no colon)', () => {
    const t = minutes('Vote : pour 25 – contre 0 – abstentions 2 (M. Rémi Caillaud, Mme Odile Texier).');
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('leaves the first deputy mayor named in a letter alone', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Votre demande a été transmise à M. Bruno Lacroix, premier adjoint, qui la présentera au conseil.${SIGN}`;
    expect(ofType(t, 'NOM')).not.toContain('Bruno Lacroix');
  });
});

describe('an official appointed in a notice', () => {
  it('leaves a person « désigné en qualité de commissaire enquêteur » alone', () => {
    const t = `PRÉFECTURE DE LA VIENNE\n7, place Aristide-Briand – 86000 Poitiers\n\nAVIS D'ENQUÊTE PUBLIQUE\n\nM. Alain Pouzet, a été désigné en qualité de commissaire enquêteur par le président du tribunal administratif.\n\nLe secrétaire général,\nPaul Mercier\n`;
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});

describe('placeholders of a template', () => {
  it('reads no e-mail address given as an example', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Indiquez votre courriel sous la forme [prenom.nom@exemple.fr] ou nom.prenom@laposte.net.${SIGN}`;
    expect(ofType(t, 'EMAIL')).toEqual([]);
  });
});

describe('a number the service called', () => {
  it('reads a mobile number after « à nos appels au », in the international format 0033', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Vous n'avez pas répondu à nos appels au 0033 7 61 42 80 15.${SIGN}`;
    expect(ofType(t, 'TELEPHONE')).toEqual(['0033 7 61 42 80 15']);
  });
});

describe('a birth date in words given again in figures', () => {
  it('reads the ISO date of the same day', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\nDate de naissance : vingt-trois mars mille neuf cent quatre-vingt-dix-huit (1998-03-23 sur l'acte étranger)${SIGN}`;
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['vingt-trois mars mille neuf cent quatre-vingt-dix-huit', '1998-03-23']);
  });
});

describe('an address a copy of the letter is sent to', () => {
  it('reads the address of a relative named earlier in the sentence who receives a copy', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Votre sœur, Mme Claire ROUSSEAU, désignée subrogée tutrice, reçoit copie de ce courrier à 8, boulevard des Moulins, 98000 Monaco.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toContain('8, boulevard des Moulins, 98000 Monaco');
  });
  it('leaves a copy sent to a service alone', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Votre sœur, Mme Claire ROUSSEAU, a demandé qu'une copie soit envoyée au service social, 8, boulevard des Moulins, 86000 Poitiers.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).not.toContain('8, boulevard des Moulins, 86000 Poitiers');
  });
});

describe('the agents listed under a heading « Vos interlocuteurs »', () => {
  it('leaves each agent of the list alone, with their direct line', () => {
    const t = `CENTRE HOSPITALIER DE POITIERS\n2, rue de la Milétrie – 86000 Poitiers\n\nFICHE D'INFORMATION\n\nCette fiche explique les frais d'hospitalisation.\n\n5. Vos interlocuteurs\n– Admissions : Mme Lucie Bernier (05 49 44 40 12) ;\n– Facturation : M. Thomas Giraud (05 49 44 40 34), facturation@chu-poitiers.fr.\n\nLe directeur,\nMarc Lenoir\n`;
    expect(ofType(t, 'NOM')).toEqual([]);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('still reads a relative in a list under another heading', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\nPersonnes à charge\n– Facturation : M. Thomas ROUSSEAU, votre fils.${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Thomas ROUSSEAU');
  });
});

describe('a table of the maintenance debtors and their addresses', () => {
  it('reads the address column, a foreign address written with its number after the street', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\n| Obligé alimentaire | Adresse | Participation mensuelle |\n| Paul ROUSSEAU (fils) | 3, rue de la Cathédrale, 86000 Poitiers | 80,00 € |\n| Claire ROUSSEAU (fille) | Chaussée de Louvain 212, 1300 Wavre (Belgique) | 60,00 € |${SIGN}`;
    const addresses = ofType(t, 'ADRESSE');
    expect(addresses).toContain('Chaussée de Louvain 212, 1300 Wavre (Belgique)');
    expect(addresses).toContain('3, rue de la Cathédrale, 86000 Poitiers');
  });
});

describe('a copy sent to a relative named in the sentence before', () => {
  it('reads the address after « nous lui adresserons une copie à »', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Votre fille, Mme Claire ROUSSEAU, nous a demandé de la tenir informée. Avec votre accord, nous lui adresserons une copie à 12, rue des Feuillants, 86000 Poitiers.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toContain('12, rue des Feuillants, 86000 Poitiers');
  });
});

describe('first names in a field with a qualifier', () => {
  it('reads « Prénoms actuels : » and the first name alone later in the letter', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\nNom : ROUSSEAU\nPrénoms actuels : Timéo, Marc\nPrénoms demandés : Marc, Timéo\n\nComme Timéo a plus de treize ans, son consentement est requis.${SIGN}`;
    const names = ofType(t, 'NOM');
    expect(names.filter((n) => n === 'Timéo').length).toBeGreaterThanOrEqual(3);
  });
});

describe('a professional named with their firm in brackets', () => {
  it('leaves « votre comptable, M. X (cabinet X & associés) » alone', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Vous pouvez aussi être joint par votre comptable, M. Hugo Bertin (cabinet Bertin & associés).${SIGN}`;
    expect(ofType(t, 'NOM')).not.toContain('Hugo Bertin');
  });
});

describe('numbers of acts and opinions of a body', () => {
  it('leaves the number of an opinion of a service, of a decision of a court’s president and a town’s INSEE code alone', () => {
    const t = `COMMUNE DE SAINT-BENOÎT\nHôtel de ville – 2, place du 8-Mai-1945 – 86280 Saint-Benoît\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\nVu l'avis du service du Domaine n° 2026-86214-40871 du 2 octobre 2026 ;\nVu la décision n° E26000412/86 du président du tribunal administratif de Poitiers ;\n\nLe conseil municipal approuve la cession. Le code INSEE 86214 est transmis à la Base adresse nationale.\n\nLe maire,\nPierre Garnier\n`;
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('still reads a number of the person’s request', () => {
    expect(ofType(`${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Votre demande n° ODP-2026-04471 a été enregistrée.${SIGN}`, 'NUMERO_DOSSIER')).toContain('ODP-2026-04471');
  });
});

describe('identity fields and columns', () => {
  it('reads a birth date « déclarée » and a Spanish identity card number « DNI n° »', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\nDate de naissance déclarée : 01/01/1991\nDocument d'identité : DNI n° 51873204W${SIGN}`;
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['01/01/1991']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toContain('51873204W');
  });
  it('reads the cells of an INE column in a table of pupils', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\n| Élève | Date de naissance | INE | Montant |\n| ROUSSEAU Léa | 12/03/2010 | 071245896HB | 450,00 € |${SIGN}`;
    expect(ofType(t, 'NUMERO_DOSSIER')).toContain('071245896HB');
  });
});

describe('a childminder employed by the person', () => {
  it('reads « Mme X, assistante maternelle agréée, <address> » as the person’s employee', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\n– mode de garde : Mme Julie FAURE, assistante maternelle agréée, 9, rue des Lilas, 86000 Poitiers${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Julie FAURE');
    expect(ofType(t, 'ADRESSE')).toContain('9, rue des Lilas, 86000 Poitiers');
  });
});

describe('a message between private persons forwarded by the person', () => {
  it('reads the sender’s name and address: the « De : » line names no agent', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY} Vous nous avez transféré le message suivant, reçu de M. Marc LEROY :\n\n  De : Marc Leroy <m.leroy86@free.fr>\n  À : Paul Rousseau <paul.rousseau@gmail.com>\n  Objet : loyer\n  « Je paierai le loyer le mois prochain. »${SIGN}`;
    expect(ofType(t, 'EMAIL')).toContain('m.leroy86@free.fr');
    expect(ofType(t, 'NOM')).toContain('Marc Leroy');
  });
  it('still leaves an agent’s message to the service alone', () => {
    const t = `${HEAD}Monsieur Paul ROUSSEAU\n3, rue de la Cathédrale\n86000 Poitiers\n\n${BODY}\n\n  De : Marc Leroy <marc.leroy@vienne.fr>\n  À : service insertion <insertion@vienne.fr>\n  Objet : dossier${SIGN}`;
    expect(ofType(t, 'NOM')).not.toContain('Marc Leroy');
  });
});

describe('model data a guide shows', () => {
  it('reads no person in a filled-in example: « EXEMPLE », « MODÈLE », postcode 00000', () => {
    const t = `Urssaf – Centre national Cesu\n\nGuide de la déclaration\n\n2. Exemple commenté (données fictives)\n\n  Employeur : Mme Marie EXEMPLE – 1, rue de l'Exemple – 00000 VILLE-MODÈLE\n  Salarié : M. Jean MODÈLE – né le JJ/MM/AAAA\n`;
    expect(ofType(t, 'NOM')).toEqual([]);
    expect(ofType(t, 'ADRESSE')).toEqual([]);
  });
  it('still reads a person whose address is near a word of that kind', () => {
    const t = `Madame Julie MARCHAND\n4, rue des Tanneurs\n72000 Le Mans\n\nMadame,\n\nVotre dossier est complet, par exemple pour l'aide au permis.\n`;
    expect(ofType(t, 'NOM')).toEqual(['Julie MARCHAND']);
    expect(ofType(t, 'ADRESSE')).toEqual(['4, rue des Tanneurs\n72000 Le Mans']);
  });
});

describe('a lawyer named for their office', () => {
  it('reads the parties of a hearing, not their lawyers', () => {
    const t = `Conseil de prud'hommes du Mans\nRôle de l'audience du 3 décembre 2026\n\nDemandeurs : M. Nicolas PASTEUR et M. Anthony DIAS – Me Florence Jubin\nDéfendeur : SARL TRANSPORTS DE L'OUEST – Maître Hélène DUROCHER, mandataire judiciaire\n`;
    expect(ofType(t, 'NOM')).toEqual(['Nicolas PASTEUR', 'Anthony DIAS']);
  });
});
