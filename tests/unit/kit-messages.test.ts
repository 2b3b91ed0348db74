import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFields } from '../../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow, sheetNames } from '../../src/core/kit/layout.ts';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { fillValidKit, mistakeContext, mistakes, plant, rowAnswered, sheet } from '../fixtures/kit/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
const fields = allFields(dictionary);
const now = new Date(Date.UTC(2026, 10, 25));

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

const planted = async (change: (workbook: ExcelJS.Workbook) => void) => validateKit(await plant(valid, change), 'kit.xlsx', { dictionaries: [dictionary], now });

describe('French messages of the kit validator', () => {
  const all = mistakes(mistakeContext(fields));
  const representative = [
    'SIRET stored as an intact number, shown in scientific notation',
    'SIRET stored as a number in a General cell, otherwise right',
    'SIRET rounded by Excel',
    'SIRET stored as a number, leading zero lost',
    'partner type outside the list',
    'partner type of an earlier template',
    'diagnosis date in the future',
    'mandatory field not available without a solution',
    'conditional field not available without a solution',
    'partly available without a comment',
    'available without a source',
    'échéance that is not a real date',
    'field row deleted',
    'field code renamed',
    'merged cells in the answers',
    'column inserted',
    'answer column deleted',
    'renamed answer header: its column is still checked',
    'partner answer header renamed',
    'column inserted in « Partenaire »',
    'row inserted in « Partenaire »',
    'sheet « Partenaire » kept as a copy under another name',
    'pair declared but its column left empty',
    'answers for a pair that is not declared',
    'metadata sheet removed',
    'dictionary version edited in the metadata sheet',
  ];

  it('name the cell, the value found and the fix', async () => {
    const lines: string[] = [];
    for (const name of representative) {
      const mistake = all.find((m) => m.name === name);
      if (!mistake) throw new Error(`erreur plantée inconnue : ${name}`);
      const report = await planted(mistake.plant);
      lines.push(...report.issues.map((issue) => `${issue.severity} ${issue.value === undefined ? '' : `[${issue.value}] `}${formatProblem(issue)}`));
    }
    expect(lines).toMatchInlineSnapshot(`
      [
        "avertissement [73282932000074] Partenaire!B3 — Le SIRET est enregistré comme un nombre (la cellule affiche 7,33E+13) : ses 14 chiffres sont intacts, mais Excel peut les arrondir à la prochaine modification. Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis saisissez 73282932000074.",
        "avertissement [73282932000074] Partenaire!B3 — Le SIRET est enregistré comme un nombre (la cellule affiche 7,32829E+13) : ses 14 chiffres sont intacts, mais Excel peut les arrondir à la prochaine modification. Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis saisissez 73282932000074.",
        "erreur [73282900000000] Partenaire!B3 — Le SIRET finit par plusieurs zéros et sa clé est fausse : il a probablement été arrondi par Excel (affiché en notation scientifique, puis recopié). La cellule affiche 7,32829E+13, elle contient 73282900000000. Mettez la colonne au format Texte et ressaisissez les 14 chiffres, recopiés de l’avis de situation au répertoire SIRENE.",
        "erreur [5480546000018] Partenaire!B3 — Le SIRET ne compte que 13 chiffres : son zéro de tête a probablement été perdu (colonne au format Nombre dans Excel). Mettez la colonne au format Texte et rétablissez le zéro de tête.",
        "erreur [Régio] Partenaire!B4 — La valeur n’est pas une valeur admise pour le type de partenaire. Choisissez une valeur de la liste : « Région », « OPCO », « France Travail », « Autre financeur ». Vouliez-vous dire « Région » ?",
        "information [Agefiph] Partenaire!B4 — « Agefiph » ne figure plus dans la liste des types de partenaire : il est lu comme « Autre financeur ». Rien à faire ; vous pouvez choisir « Autre financeur » dans la liste.",
        "avertissement [15/01/2027] Partenaire!B7 — La date 15/01/2027 sort de la période plausible pour la date du diagnostic (du 01/01/2017 au 25/11/2026). Vérifiez l’année saisie.",
        "erreur Diagnostic!J8 — TIT_SEXE, champ obligatoire, est « Non disponible » pour « 1. Programme régional qualifiant — GESTFORM », sans solution envisagée. Décrivez la solution envisagée : évolution du SI, reprise de données, saisie complémentaire…",
        "erreur Diagnostic!J4 — TIT_NIR, champ conditionnel, est « Non disponible » pour « 1. Programme régional qualifiant — GESTFORM », sans solution envisagée. Décrivez la solution envisagée : évolution du SI, reprise de données, saisie complémentaire…",
        "erreur Diagnostic!O6 — TIT_NOM_USAGE, champ facultatif, est « Partiellement disponible » pour « 2. Aide individuelle à la formation — GESTFORM », sans commentaire. Précisez en commentaire ce qui manque (période, population, format…).",
        "avertissement Diagnostic!S4 — TIT_NIR, champ conditionnel, est « Disponible » pour « 3. Parcours d’entrée en emploi — Tableur de suivi », sans nom du champ ni source dans le SI. Indiquez où se trouve la donnée dans votre SI : table et champ, écran, fichier…",
        "erreur [31/02/2027] Diagnostic!K8 — La valeur n’est pas une date réelle au format AAAA-MM-JJ. Écrivez la date sous la forme 2025-09-01.",
        "erreur Diagnostic!A8 — La ligne du champ TIT_SEXE (« Sexe ») a été supprimée. Réinsérez la ligne TIT_SEXE à partir du modèle, avec vos réponses.",
        "erreur [TIT_NIR_BIS] Diagnostic!A4 — Le code « TIT_NIR_BIS » remplace TIT_NIR (même libellé « NIR du titulaire »). Rétablissez le code TIT_NIR : c’est lui qui relie la ligne au dictionnaire.",
        "erreur Diagnostic!I9 — Les cellules I9:J9 sont fusionnées : seule la première est lue. Annulez la fusion (« Fusionner et centrer » › « Annuler Fusionner cellules ») et répétez la réponse dans chaque cellule.",
        "erreur Diagnostic!F2 — Une colonne a été insérée avant « Disponibilité (1) » : les colonnes suivantes sont décalées et ne sont pas lues. Supprimez la colonne insérée ; ajoutez vos remarques dans les colonnes « Commentaire ».",
        "erreur [Échéance prévisionnelle (3)] Diagnostic!V2 — La colonne « Solution envisagée (3) » a été supprimée : les colonnes suivantes sont décalées et ne sont pas lues. Réinsérez la colonne à sa place, avec son en-tête exact, ou repartez du modèle.",
        "erreur [Dispo ?] Diagnostic!F2 — L’en-tête « Disponibilité (1) » a été remplacé par « Dispo ? ». Rétablissez « Disponibilité (1) » en Diagnostic!F2 : le validateur lit les colonnes à leur place, pas à leur en-tête.",
        "erreur [Dispo] Diagnostic!F6 — La valeur n’est pas une valeur admise pour la disponibilité. Choisissez une valeur de la liste : « Disponible », « Partiellement disponible », « Non disponible », « Non applicable ». Vouliez-vous dire « Disponible » ?",
        "erreur [Réponse] Partenaire!B1 — L’en-tête « Votre réponse » a été remplacé par « Réponse ». Rétablissez « Votre réponse » en Partenaire!B1 : le validateur lit les réponses à leur place.",
        "erreur Partenaire!A1 — Une colonne a été insérée avant « Information » : les colonnes suivantes sont décalées et ne sont pas lues. Supprimez la colonne insérée ; les réponses sont lues en colonne B.",
        "erreur Partenaire!A3 — Une ligne a été insérée avant « SIRET » : les lignes suivantes sont décalées et leurs réponses ne sont pas lues. Supprimez la ligne insérée ; chaque réponse est lue en colonne B, sur la ligne de son libellé.",
        "erreur Feuille « Copie de Partenaire » — La feuille « Partenaire » est introuvable ; la feuille « Copie de Partenaire » semble être elle, sous un autre nom : elle est lue à sa place. Renommez la feuille « Copie de Partenaire » en « Partenaire » (clic droit sur l’onglet › Renommer).",
        "erreur Diagnostic!X3:X123 — Le couple « 4. Chèque formation — GESTFORM » est déclaré dans « Dispositifs », mais sa colonne « Disponibilité (4) » est vide (121 cellules : X3:X123). Indiquez la disponibilité de chaque champ pour ce couple, ou retirez-le de « Dispositifs ».",
        "erreur [Disponible] Diagnostic!AJ5 — Le groupe « Couple n° 6 » contient des réponses, mais aucun couple n° 6 n’est déclaré dans « Dispositifs ». Déclarez le dispositif et le SI en ligne 7 de « Dispositifs », ou effacez ces réponses.",
        "information Feuille « Diagnostic » — La feuille masquée « Métadonnées » du modèle est absente : la version 1.0.0 du dictionnaire a été déduite de la liste des champs (100 % des codes reconnus). Rien à faire si c’est la bonne version ; à l’avenir, partez du modèle téléchargé sur le portail.",
        "avertissement [1.0.1] Feuille « Métadonnées » (masquée) — Le kit indique la version « 1.0.1 » du dictionnaire, que ce portail ne publie pas ; la version est déduite de la liste des champs. Téléchargez le modèle de la version en vigueur et recopiez-y vos réponses.",
        "information Feuille « Diagnostic » — La version 1.0.0 du dictionnaire a été déduite de la liste des champs (100 % des codes reconnus). Rien à faire si c’est la bonne version.",
      ]
    `);
  }, 120_000);
});

type Change = (workbook: ExcelJS.Workbook) => void;

describe('values Excel or a partner may write differently, read as meant: no finding', () => {
  const controls: [string, Change][] = [
    ['a La Poste SIRET', (w) => void (sheet(w, sheetNames.partner).getCell('B3').value = '35600000000051')],
    ['a SIRET as text with a leading zero', (w) => void (sheet(w, sheetNames.partner).getCell('B3').value = '05480546000018')],
    ['a partner type typed without accent, in other case, with spaces', (w) => void (sheet(w, sheetNames.partner).getCell('B4').value = ' REGION ')],
    ['a diagnosis date typed as text', (w) => void (sheet(w, sheetNames.partner).getCell('B7').value = '20/11/2026')],
    ['an échéance typed as 30/06/2027', (w) => echeance(w, 0, '30/06/2027')],
    ['an échéance typed as 30/06/27', (w) => echeance(w, 0, '30/06/27')],
    ['an échéance typed as 30.06.2027', (w) => echeance(w, 0, '30.06.2027')],
    ['an échéance typed as 2027-06-30', (w) => echeance(w, 0, '2027-06-30')],
    ['an échéance left as a date serial', (w) => echeance(w, 1, 46_568, '0')],
    ['an availability in capitals with spaces', (w) => availability(w, 'Non disponible', '  NON   DISPONIBLE ')],
    ['an availability without accent nor capital', (w) => availability(w, 'Non applicable', 'non applicable')],
    ['an availability with a typewriter apostrophe and no accent', (w) => availability(w, 'Partiellement disponible', 'partiellement   disponible')],
    ['an optional field not available, without a plan', (w) => {
      const index = rowAnswered('Non disponible', 1, 0, mistakeContext(fields).facultative);
      for (const key of ['solution', 'echeance'] as const) sheet(w, sheetNames.diagnostic).getCell(diagnosticFirstRow + index, answerColumn(1, key)).value = null;
    }],
  ];
  it.each(controls)('%s', async (_, change) => {
    const report = await planted(change);
    expect(report.issues).toEqual([]);
  });

  it('a SIRET copied as text in scientific notation, as a French Excel shows it, is an error', async () => {
    const report = await planted((w) => (sheet(w, sheetNames.partner).getCell('B3').value = '7,32829E+13'));
    expect(report.issues.map((issue) => [issue.severity, issue.rule, issue.place])).toEqual([['erreur', 'siret.scientific', 'Partenaire!B3']]);
  });

  it('a SIRET number is never written the English way', async () => {
    const report = await planted((w) => (sheet(w, sheetNames.partner).getCell('B3').value = 60599300000000));
    const text = report.issues.map((issue) => `${issue.value} ${issue.message}`).join(' ');
    expect(text).not.toMatch(/\d\.\d+E\+/);
    expect(report.issues.map((issue) => issue.rule)).toEqual(['siret.rounded']);
  });

  it('an availability close to a list value: the closest value is suggested', async () => {
    const index = rowAnswered('Non applicable', 2);
    const report = await planted((w) => (sheet(w, sheetNames.diagnostic).getCell(diagnosticFirstRow + index, answerColumn(2, 'disponibilite')).value = 'Non aplicable'));
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ rule: 'value.list', severity: 'erreur', field: fields[index]?.code, value: 'Non aplicable' });
    expect(report.issues[0]?.fix).toContain('Vouliez-vous dire « Non applicable » ?');
  });
});

/** Types `value` as the échéance of the `nth` mandatory « Non disponible » field of pair 1. */
function echeance(workbook: ExcelJS.Workbook, nth: number, value: string | number, numFmt?: string) {
  let index = rowAnswered('Non disponible', 1);
  for (let i = 0; i < nth; i += 1) index = rowAnswered('Non disponible', 1, index + 1);
  const cell = sheet(workbook, sheetNames.diagnostic).getCell(diagnosticFirstRow + index, answerColumn(1, 'echeance'));
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
}

/** Types `typed` instead of the first `availability` answer of pair 2. */
function availability(workbook: ExcelJS.Workbook, availability: string, typed: string) {
  const index = rowAnswered(availability, 2);
  sheet(workbook, sheetNames.diagnostic).getCell(diagnosticFirstRow + index, answerColumn(2, 'disponibilite')).value = typed;
}
