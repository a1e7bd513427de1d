/**
 * Tables of persons as the world of work writes them: a CSV export pasted with its semicolons, a sheet
 * whose headings read like names ("Identifiant FT"), columns of trainees, employees or apprentices, and a
 * table of persons that also names their employers' SIRET.
 */
import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `Service de santé au travail – Centre de Sablé
Planning des visites du jeudi 10 décembre 2026

`;

describe('tables of persons', () => {
  it('reads a CSV export pasted with its semicolons, empty fields included', () => {
    const t =
      HEAD +
      'heure;matricule;nom;prénom;date_naissance;poste\n' +
      '08:30;MT-0412;GUERIN;Paulin;1971-05-02;cariste\n' +
      '09:00;;ESNAULT;Maëlle;2004-11-19;apprentie\n' +
      '\nCotisation : 118,50 € par salarié ; facture n° F2026-12.\n';
    expect(ofType(t, 'NOM')).toEqual(['GUERIN', 'Paulin', 'ESNAULT', 'Maëlle']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['1971-05-02', '2004-11-19']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toContain('MT-0412');
  });

  it('does not read a sentence with semicolons, or a CSV of services, as a table of persons', () => {
    const t =
      HEAD +
      'service;adresse;téléphone;horaires\n' +
      'Accueil;2 rue de la Gare 72300 Sablé;02 43 00 00 00;9 h-12 h\n' +
      '\nMerci de venir à l’heure ; de prévenir en cas d’absence ; et d’apporter votre carte Vitale.\n';
    expect(ofType(t, 'NOM')).toEqual([]);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual([]);
  });

  it('reads a sheet of trainees whose heading “Identifiant FT” looks like a first name and a surname', () => {
    const t =
      HEAD +
      '| N° | Stagiaire | Identifiant FT | Heures |\n|---|---|---|---|\n| 1 | AMIOT Solène | 4417082B | 35 |\n| 2 | BERTIN Loïc | 3092265F | 28 |\n';
    expect(ofType(t, 'NOM')).toEqual(['AMIOT Solène', 'BERTIN Loïc']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['4417082B', '3092265F']);
  });

  it('reads the employees of a list laid out with spaces under “Salarié”', () => {
    const t =
      HEAD +
      'Rang  Salarié               Date de naissance  Ancienneté   Total\n' +
      '1     GIRAUD Michel         19.07.1964         20           27\n' +
      '2     PAPIN Anna            02.03.1983         17           24\n';
    expect(ofType(t, 'NOM')).toEqual(['GIRAUD Michel', 'PAPIN Anna']);
  });

  it('reads a table of apprentices that also gives their employers’ SIRET, not the employers', () => {
    const t =
      HEAD +
      'Nom\tPrénom\tNé(e) le\tEmployeur\tSIRET employeur\n' +
      'AUBRIOT\tKylian\t14/02/2010\tSARL Gaignard Bâtiment\t433 915 207 00028\n' +
      'BENSALAH\tIlias\t03/09/2008\tSAS Bati-Ouest Construction\t389 271 654 00047\n';
    expect(ofType(t, 'NOM')).toEqual(['AUBRIOT', 'Kylian', 'BENSALAH', 'Ilias']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });

  it('still reads a table of bodies with their SIRET as no persons', () => {
    const t = HEAD + 'Bénéficiaire    SIRET    Action    Montant\nAssociation Les Amis du Lac    433 915 207 00028    Fête    1 200 €\n';
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});

describe('schedules of persons', () => {
  const MAIRIE = `Mairie de Sablé-sur-Sarthe – Direction des ressources humaines
Recrutement d'un animateur jeunesse

Candidats retenus après présélection :

`;
  it('reads the candidates of a schedule whose rows open on a time, and what follows them', () => {
    const t =
      MAIRIE +
      "9 h 00   Mathis RENOU – BPJEPS, 4 ans en centre social – tél. 06 72 14 83 05\n" +
      '9 h 40   Inès CHERKI – BAFA, service civique – tél. 07 68 20 47 13\n' +
      '11 h 00  pause\n' +
      '11:15    TESSIER Loane – DEJEPS animation\n\n' +
      'Remarque : Inès Cherki demande un entretien en visio.\n';
    expect(ofType(t, 'NOM')).toEqual(['Mathis RENOU', 'Inès CHERKI', 'TESSIER Loane', 'Inès Cherki']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 72 14 83 05', '07 68 20 47 13']);
  });

  it('does not read the programme of a meeting as persons', () => {
    const t =
      MAIRIE +
      '9 h 00   Accueil des participants – salle du conseil\n' +
      '9 h 30   Intervention de la directrice des ressources humaines\n' +
      '10 h 15  Atelier CV – Pôle emploi\n' +
      '11 h 00  Clôture par M. le Maire\n';
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});

describe('sheets of detainees and their visitors', () => {
  const HEAD_CP = `Centre pénitentiaire – Bureau de gestion de la détention\nListe des permis de visite en cours\n\n`;
  it('reads detainees, visitors and identity documents of a pasted sheet, an empty cell keeping its column', () => {
    const t =
      HEAD_CP +
      'Écrou\tDétenu\tNé le\tVisiteur autorisé\tLien\tPièce d\'identité\tTéléphone\n' +
      '48215\tPRÉVAL Enzo\t02/12/1999\tPRÉVAL Giuseppina\tmère\tCNI X4RT72L90\t06 22 57 84 31\n' +
      '48233\tKRASNA Arben\t\tKRASNA Dren\tfils\tpasseport O01728465\t\n';
    expect(ofType(t, 'NOM')).toEqual(['PRÉVAL Enzo', 'PRÉVAL Giuseppina', 'KRASNA Arben', 'KRASNA Dren']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['48215', 'X4RT72L90', '48233', 'O01728465']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['02/12/1999']);
  });
});

describe('a pound’s list of vehicles and their holders', () => {
  it('reads the file and plate of a person’s vehicle, not those of a company’s', () => {
    const t =
      'Police municipale – fourrière\nÉtat hebdomadaire des véhicules mis en fourrière\n\n' +
      'Fiche|Date|Immat.|Titulaire (SIV)|Adresse\n' +
      'F26-0418|30/11|FR-772-AP|MARCHAND Sandro|6, rue Jean-Moët, 51200 Épernay\n' +
      'F26-0419|30/11|EN-415-VB|SARL Transports Vidal|ZI Sud, 51200 Épernay\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['F26-0418', 'FR-772-AP']);
    expect(ofType(t, 'NOM')).toEqual(['MARCHAND Sandro']);
    expect(ofType(t, 'ADRESSE')).toEqual(['6, rue Jean-Moët, 51200 Épernay']);
  });
});

describe('a cell that says more than the name', () => {
  it('reads the name at the head of a cell, before what the cell adds about the person', () => {
    const t =
      'Police municipale – objets trouvés\nRegistre des objets restitués\n\n' +
      'n° enreg.;objet;propriétaire;restitué le\n' +
      'OT-11;portefeuille noir;PERRIN Jean-Claude, 8, rue de l’Arquebuse;03/11/2026\n' +
      'OT-12;clés;NGUEMA Rosalie (étudiante);04/11/2026\n';
    const names = ofType(t, 'NOM');
    expect(names).toContain('PERRIN Jean-Claude');
    expect(names).toContain('NGUEMA Rosalie');
  });
});

describe('a form of a family laid out with spaced semicolons', () => {
  it('reads the members of a family under « Lien ; Nom ; Prénom ; Né(e) le ; Passeport ; Résidence actuelle »', () => {
    const t =
      'OFII – Direction territoriale de Reims\nFiche de regroupement familial\n\n' +
      'Lien ; Nom ; Prénom ; Né(e) le ; Passeport ; Résidence actuelle\n' +
      'épouse ; BEN AMOR ; Ines ; 03/11/1989 ; Y418273 ; Route de Gremda km 4, 3062 Sfax, TUNISIE\n' +
      'fils ; BEN AMOR ; Yassine ; 27/02/2015 ; Y418274 ; avec sa mère\n';
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['03/11/1989', '27/02/2015']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['Y418273', 'Y418274']);
    expect(ofType(t, 'NOM').join(' | ')).toContain('Yassine');
  });
});

describe('lists of pupils and members, as schools and clubs keep them', () => {
  const SCHOOL = 'École élémentaire Jean-Zay – Riom\nListe de la classe de CM1, copie du tableur\n\n';

  it('reads a sheet whose headings number the parents (« Resp. 1 », « Tél. resp. 1 »): the guardians and their phones', () => {
    const t =
      SCHOOL +
      'N°\tNom\tPrénom\tNé(e) le\tResp. 1\tTél. resp. 1\tCantine\n' +
      '1\tBOYER\tNolan\t12/05/2017\tBOYER Sandrine\t0611223344\toui\n' +
      '2\tKANTE\tFanta\t03/10/2016\tKANTE Bakary\t07 12 34 56 78\tnon\n';
    expect(ofType(t, 'NOM')).toEqual(['BOYER', 'Nolan', 'BOYER Sandrine', 'KANTE', 'Fanta', 'KANTE Bakary']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['12/05/2017', '03/10/2016']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['0611223344', '07 12 34 56 78']);
  });

  it('reads an export whose headings are identifiers (« prenom », « representant_legal », « code_pass », « n_licence »)', () => {
    const t =
      '# Export des adhérents – saison 2027\n' +
      'id;nom;prenom;date_naissance;code_pass;n_licence;representant_legal;telephone;statut\n' +
      '1;MARTY;Elsa;2016-02-11;2027-KX4P-9Q2R;63018-27-00977;MARTY Paul;0698765432;validé\n' +
      '2;TEST;TEST;2000-01-01;2027-TEST-0000;00000-00-00000;CONTROLE Compte;0000000000;rejeté\n';
    expect(ofType(t, 'NOM')).toEqual(['MARTY', 'Elsa', 'MARTY Paul']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['2027-KX4P-9Q2R', '63018-27-00977']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['0698765432']);
    // (the export's test line is no person)
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['2016-02-11']);
  });

  it('reads the same sheet out of a word processor, one paragraph per row and a blank line between paragraphs', () => {
    const t =
      SCHOOL +
      'Nom\tPrénom\tNé(e) le\tResp. 1\n\n' +
      'BOYER\tNolan\t12/05/2017\tBOYER Sandrine\n\n' +
      'KANTE\tFanta\t03/10/2016\tKANTE Bakary\n\n' +
      'Merci de rendre la liste à la mairie.\n';
    expect(ofType(t, 'NOM')).toEqual(['BOYER', 'Nolan', 'BOYER Sandrine', 'KANTE', 'Fanta', 'KANTE Bakary']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['12/05/2017', '03/10/2016']);
  });

  it('leaves the guardian and phone columns of a list of services alone', () => {
    const t =
      'Annuaire des écoles de Riom\n\n' + 'École\tResponsable\tTéléphone\n' + 'Jean-Zay\tMme Claire Vidal\t04 73 38 00 00\n' + 'Pasteur\tM. Hugo Brun\t04 73 38 11 11\n';
    expect(ofType(t, 'NOM')).toEqual([]);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
});

describe('registers and sheets of housing and planning', () => {
  it('reads a register pasted with tabs whose header dates its state (« État au 30/04 »): applicants, their land, their files', () => {
    const t =
      'COMMUNE DE BLAINVILLE – Service urbanisme\nRegistre des demandes, copie du tableur\n\n' +
      'N° dossier\tDépôt\tDemandeur\tAdresse du terrain\tObjet\tÉtat au 30/04\n' +
      'DP 054 077 27 00012\t02/04/2027\tPERRIN Gaëtan\t9, rue des Glycines\tabri de jardin\ten cours\n' +
      'PC 054 077 27 00005\t05/04/2027\tSCI Les Vergers\t4, route de Nancy\tentrepôt\taccordé\n' +
      'DP 054 077 27 00013\t09/04/2027\tKOWALSKI Anna\t3 bis, impasse des Saules\tclôture\ten cours\n';
    expect(ofType(t, 'NOM')).toEqual(['PERRIN Gaëtan', 'KOWALSKI Anna']);
    expect(ofType(t, 'ADRESSE')).toEqual(['9, rue des Glycines', '3 bis, impasse des Saules']);
    // (the company's row keeps its file number and its land: no person's)
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['DP 054 077 27 00012', 'DP 054 077 27 00013']);
  });

  it('reads an attendance sheet of co-owners, not the officer who stands for a company', () => {
    const t =
      'Syndicat des copropriétaires « Les Tilleuls »\nFeuille de présence\n\n' +
      'Lots\tCopropriétaire(s)\tTantièmes\tMandataire\tDomicile si non occupant\n' +
      '1\tSCI Horizon\t512\tMarc Olivier, gérant\tsiège : 2, place Stanislas, Nancy\n' +
      '2\tBERTRAND Louise\t488\tBERTRAND Paul (fils)\t14, rue Gambetta, 54000 Nancy\n';
    expect(ofType(t, 'NOM')).toEqual(['BERTRAND Louise', 'BERTRAND Paul']);
    expect(ofType(t, 'ADRESSE')).toEqual(['14, rue Gambetta, 54000 Nancy']);
  });

  it('reads the quoted addresses and the request numbers of a CSV export (« num_demande », « adresse_actuelle »)', () => {
    const t =
      'Export de la liste d’attente\n\n' +
      'id;num_demande;nom;prenom;date_naissance;adresse_actuelle\n' +
      '1;RA-2027-0101;MOULIN;Josette;1940-02-11;"12 rue Carnot 54500 Vandœuvre-lès-Nancy"\n' +
      '2;RA-2027-0102;HADDAD;Farid;1943-06-30;"5 allée des Roses 54000 Nancy"\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['RA-2027-0101', 'RA-2027-0102']);
    expect(ofType(t, 'ADRESSE')).toEqual(['12 rue Carnot 54500 Vandœuvre-lès-Nancy', '5 allée des Roses 54000 Nancy']);
  });

  it('reads the file numbers of a court roll whose plaintiff is a company and whose defendant is a person', () => {
    const t =
      'TRIBUNAL JUDICIAIRE DE METZ\nRôle de l’audience du 12 mars 2027\n\nAffaires appelées à 9 h, salle 2 :\n\n' +
      '| N° RG | Demandeur | Défendeur | Nature |\n|---|---|---|---|\n' +
      '| 27/01544 | LOGIEST HABITAT OPH | Mme Sandra KLEIN | impayés de loyer |\n' +
      '| 27/01602 | SARL Immo Moselle | SCI Les Pins | bail commercial |\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['27/01544']);
    expect(ofType(t, 'NOM')).toEqual(['Sandra KLEIN']);
  });
});

describe('sheets of care and screening', () => {
  it('reads the address columns of an export whatever their qualifier (« adresse_invitation », « nouvelle_adresse »), a place without a number too', () => {
    const t =
      'Retours NPAI du dépistage\n\n' +
      'ligne;identifiant;nom;prenom;date_naissance;adresse_invitation;nouvelle_adresse\n' +
      '1;15-DS-0042;VIDAL;Odette;1952-04-11;"La Combe-Haute 15800 Vic-sur-Cère";"6 rue du Pont 15000 Aurillac"\n' +
      '2;15-DC-0057;SALL;Ibrahima;1960-09-02;"3 place Gambetta 15000 Aurillac";\n';
    expect(ofType(t, 'ADRESSE')).toEqual(['La Combe-Haute 15800 Vic-sur-Cère', '6 rue du Pont 15000 Aurillac', '3 place Gambetta 15000 Aurillac']);
  });

  it('leaves a staff planning alone (« Nom  Fonction  RPPS / ADELI »), and « Sam. 16/10 » is a Saturday', () => {
    const t =
      'Centre de vaccination\n\nPlanning d’octobre\n' +
      'Date\tPoste\tNom\tFonction\tRPPS / ADELI\n' +
      'Sam. 16/10/2027\tIDE 1\tSandrine Marchal\tinfirmière coordinatrice\tADELI 429312457\n' +
      'Mer. 20/10/2027\tMédecin\tDr Claire Montagnon\tmédecin de PMI\tRPPS 10003120458\n\n' +
      'Les initiales SM sont celles de l’infirmière présente (Sandrine Marchal).\n';
    expect(ofType(t, 'NOM')).toEqual([]);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });

  it('reads a bill’s number of a table again in the body, not the professional’s RPPS number', () => {
    const t =
      'Taxi Vidal – transports assis professionnalisés\n\nAffaires suivies pour la caisse :\n\n' +
      '| N° de facture | Nom et prénom | Né(e) le | Prescripteur |\n|---|---|---|---|\n' +
      '| TX-27-0412 | MARTY Paulette | 04/05/1941 | Dr Paul Vernet, RPPS 10004561238 |\n' +
      '| TX-27-0413 | ROQUES Henri | 18/11/1938 | Dr Paul Vernet, RPPS 10004561238 |\n\n' +
      'La facture TX-27-0412 concerne un transport partagé.\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['TX-27-0412', 'TX-27-0413', 'TX-27-0412']);
  });
});

describe('registers of civil status and elections', () => {
  it('reads a register whose one heading says more than six words, and its holders', () => {
    const t =
      'Service des cimetières\n\nExtrait du registre :\n\n' +
      'N° concession\tType\tTitulaire\tAdresse du titulaire\tDéfunts inhumés (nom – né(e) le – décès)\tObservations\n' +
      'P-1999-0311\ttrentenaire\tLACOSTE Hervé\t5 rue Samonzet 64000 Pau\tLACOSTE Jeanne\trenouvellement\n' +
      'P-2004-0090\tquinzenaire\tSILVA Rosa\tRés. Le Parc apt 18 64140 Billère\tSILVA Joaquim\t—\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['P-1999-0311', 'P-2004-0090']);
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['LACOSTE Hervé', 'SILVA Rosa']));
    expect(ofType(t, 'ADRESSE')).toEqual(['5 rue Samonzet 64000 Pau', 'Rés. Le Parc apt 18 64140 Billère']);
  });

  it('reads the electors’ national numbers (« NNE ») and an export’s « id_recensement », not a bare row number', () => {
    const t =
      'Liste d’émargement – bureau n° 3\n\n' +
      'NNE       NOM          Prénoms     Né(e) le\n' +
      '12604417  ROUSSEL      Hakim       11/09/1972\n' +
      '20981355  PONS         Souad       27/02/1976\n\n' +
      'id;id_recensement;nom;prenoms;date_naissance\n' +
      '1024;RC34172-2027-00412;FERRAND;Lucas;2011-03-17\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['12604417', '20981355', 'RC34172-2027-00412']);
  });
});
