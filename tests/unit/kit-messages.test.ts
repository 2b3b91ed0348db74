import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow, sheetNames } from '../../src/core/kit/layout.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fillValidKit, plant, mistakes, rowAnswered, sheet } from '../fixtures/kit/fill.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const fields = allFields(dictionary);
const now = new Date(Date.UTC(2026, 10, 25));

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

const planted = async (change: (workbook: ExcelJS.Workbook) => void) => validateKit(await plant(valid, change), 'kit.xlsx', { dictionaries: [dictionary], now });

describe('French messages of the kit validator', () => {
  const obligatoire = new Set(fields.flatMap((field, i) => (field.obligation === 'obligatoire' ? [i] : [])));
  const all = mistakes({ obligatoire, fieldCount: fields.length, codeAt: (i) => fields[i]?.code ?? '', labelAt: (i) => fields[i]?.label ?? '' });
  const representative = [
    'SIRET shown in scientific notation',
    'SIRET stored as a number, leading zero lost',
    'partner type outside the list',
    'availability typed with other case and spaces',
    'mandatory field not available without a solution',
    'partly available without a comment',
    'échéance that is not a real date',
    'field row deleted',
    'field code renamed',
    'merged cells in the answers',
    'column inserted',
    'answers for a pair that is not declared',
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
        "erreur [7.33E+13] Partenaire!B3 — Le SIRET s’affiche en notation scientifique (« 7.33E+13 ») : Excel l’a enregistré comme un nombre et en a arrondi les derniers chiffres. Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis ressaisissez les 14 chiffres du SIRET.",
        "erreur [5480546000014] Partenaire!B3 — Le SIRET a été enregistré comme un nombre : ses zéros de tête ont disparu (13 chiffres au lieu de 14). Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis ressaisissez les 14 chiffres du SIRET.",
        "erreur [Régio] Partenaire!B4 — « Régio » n’est pas une valeur admise pour le type de partenaire. Choisissez une valeur de la liste : « Région », « OPCO », « France Travail », « Service de l’État », « Agefiph », « Autre financeur ». Vouliez-vous dire « Région » ?",
        "avertissement [PARTIELLEMENT DISPONIBLE] Diagnostic!F3 — « PARTIELLEMENT DISPONIBLE » n’est pas écrit exactement comme dans la liste ; le validateur le lit comme « Partiellement disponible ». Choisissez « Partiellement disponible » dans la liste déroulante.",
        "erreur Diagnostic!J8 — TIT_SEXE est obligatoire et « Non disponible » pour « 1. Programme régional qualifiant — GESTFORM », sans solution envisagée. Décrivez la solution envisagée : évolution du SI, reprise de données, saisie complémentaire…",
        "avertissement Diagnostic!O6 — TIT_NOM_USAGE est « Partiellement disponible » pour « 2. Aide individuelle à la formation — GESTFORM », sans commentaire. Précisez en commentaire ce qui manque (période, population, format…).",
        "erreur [31/02/2027] Diagnostic!K8 — « 31/02/2027 » n’est pas une date réelle (une échéance prévisionnelle). Saisissez une date existante au format JJ/MM/AAAA, par exemple 31/12/2027.",
        "erreur Diagnostic!A8 — La ligne du champ TIT_SEXE (« Sexe ») a été supprimée. Réinsérez la ligne TIT_SEXE à partir du modèle, avec vos réponses.",
        "erreur [TIT_NIR_BIS] Diagnostic!A4 — Le code « TIT_NIR_BIS » remplace TIT_NIR (même libellé « NIR du titulaire »). Rétablissez le code TIT_NIR : c’est lui qui relie la ligne au dictionnaire.",
        "erreur Diagnostic!I9 — Les cellules I9:J9 sont fusionnées : seule la première est lue. Annulez la fusion (« Fusionner et centrer » › « Annuler Fusionner cellules ») et répétez la réponse dans chaque cellule.",
        "erreur Diagnostic!F2 — Une colonne a été insérée avant « Disponibilité (1) » : toutes les colonnes suivantes sont décalées. Supprimez la colonne insérée ; ajoutez vos remarques dans les colonnes « Commentaire ».",
        "erreur [Disponible] Diagnostic!AJ5 — Le groupe « Couple n° 6 » contient des réponses, mais aucun couple n° 6 n’est déclaré dans « Dispositifs ». Déclarez le dispositif et le SI en ligne 7 de « Dispositifs », ou effacez ces réponses.",
      ]
    `);
  });
});

describe('values Excel or a partner may write differently, read as meant', () => {
  it('a La Poste SIRET, an échéance typed as text or left as a date serial: nothing to report', async () => {
    const pair = 1;
    const index = rowAnswered('Non disponible', pair);
    const other = rowAnswered('Non disponible', pair, index + 1);
    const report = await planted((w) => {
      sheet(w, sheetNames.partner).getCell('B3').value = '35600000000051';
      const diagnostic = sheet(w, sheetNames.diagnostic);
      diagnostic.getCell(diagnosticFirstRow + index, answerColumn(pair, 'echeance')).value = '30/06/2027';
      const serial = diagnostic.getCell(diagnosticFirstRow + other, answerColumn(pair, 'echeance'));
      serial.value = 46_568;
      serial.numFmt = '0';
    });
    expect(report.issues).toEqual([]);
  });

  it('a SIRET copied as text in scientific notation, as a French Excel shows it', async () => {
    const report = await planted((w) => (sheet(w, sheetNames.partner).getCell('B3').value = '7,32829E+13'));
    expect(report.issues.map((issue) => [issue.severity, issue.rule, issue.place])).toEqual([['erreur', 'kit.valeurs.siret-notation-scientifique', 'Partenaire!B3']]);
  });

  it('an availability close to a list value: the closest value is suggested', async () => {
    const index = rowAnswered('Non applicable', 2);
    const report = await planted((w) => (sheet(w, sheetNames.diagnostic).getCell(diagnosticFirstRow + index, answerColumn(2, 'disponibilite')).value = 'Non aplicable'));
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ rule: 'kit.valeurs.liste', severity: 'erreur', fieldCode: fields[index]?.code, value: 'Non aplicable' });
    expect(report.issues[0]?.fix).toContain('Vouliez-vous dire « Non applicable » ?');
  });
});
