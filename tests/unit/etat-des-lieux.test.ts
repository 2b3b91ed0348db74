import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate } from '../../src/core/artefacts/templates.ts';
import { dispositifsTable, etatSheets, fundingColumn, perimetreTable, systemesTable } from '../../src/core/etat-des-lieux/layout.ts';
import { TABLE_FIRST_ROW, tableColumn, type TableLayout } from '../../src/core/workbook/table.ts';
import type { EtatReport } from '../../src/core/etat-des-lieux/report.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { annotateWorkbook } from '../../src/core/workbook/annotate.ts';
import { buildReceipt, reportCsv } from '../../src/core/workbook/exports.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { etatMistakes, fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';

const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const validate = (bytes: Uint8Array, name = 'etat.xlsx') => validateEtat(bytes, name, { dictionaries: [dictionary], now, known: workbookShapes });
const summary = (report: EtatReport) => report.issues.map(({ rule, severity, place }) => ({ rule, severity, place }));

let template: Uint8Array;
let valid: Uint8Array;
beforeAll(async () => {
  template = await buildEtatTemplate(dictionary);
  valid = await fillValidEtat(template);
});

describe('état des lieux validator on a valid état des lieux', () => {
  it('reports nothing, recognises the version and lists the inventory', async () => {
    const report = await validate(valid);
    expect(summary(report)).toEqual([]);
    expect(report).toMatchObject({ verdict: 'conforme', dictionaryVersion: dictionary.manifest.version, versionSource: 'metadata' });
    expect(report.dispositifs).toEqual(['PRQ — Programme régional qualifiant', 'AIF — Aide individuelle à la formation', 'PEE — Parcours d’entrée en emploi', 'CHQ — Chèque formation']);
    expect(report.inventory.couples.map(({ dispositif, si }) => `${dispositif}×${si}`)).toEqual(['PRQ×GESTFORM', 'PRQ×EXTRANET', 'AIF×GESTFORM', 'PEE×TABLEUR', 'CHQ×GESTFORM']);
    expect(report.inventory.dispositifs.map((d) => d.financements)).toEqual([['Région', 'FSE+'], ['Région'], ['État', 'Autre (Département)'], ['Fonds mutualisés / OPCO']]);
    expect(report.receiptFigures).toEqual({ inventaire: { dispositifs: 4, systemes: 3, couples: 5 } });
  });

  it('a périmètre beyond one kit is noted: the kit will come in several workbooks', async () => {
    const report = await validate(await fillValidEtat(template, { extraPairs: 20 }));
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Feuille « Périmètre » — Le périmètre compte 25 couples dispositif × SI ; un kit de diagnostic en accueille 20 : le kit pré-rempli sera réparti en 2 classeurs. Rien à faire : remplissez et envoyez chacun des kits.",
      ]
    `);
    expect(report.verdict).toBe('conforme');
  });
});

describe('état des lieux validator on planted mistakes', () => {
  const planted = etatMistakes();

  it('covers at least 12 kinds of mistakes of structure, values and coherence', () => {
    const rules = new Set(planted.flatMap((m) => m.expected.map((e) => e.rule)));
    expect(rules.size).toBeGreaterThanOrEqual(12);
    for (const family of ['structure', 'valeurs', 'coherence']) expect([...rules].some((rule) => rule.startsWith(`edl.${family}.`)), family).toBe(true);
  });

  it.each(planted.map((m) => [m.name, m] as const))('%s: reported at its cell, and nothing else', async (_, mistake) => {
    const report = await validate(await plantEtat(valid, mistake.plant));
    expect(summary(report)).toEqual(mistake.expected);
  });

  it('names the cell, the value found and the fix, in French', async () => {
    const lines: string[] = [];
    for (const mistake of planted) {
      const report = await validate(await plantEtat(valid, mistake.plant));
      lines.push(...report.issues.map((issue) => `${issue.severity} ${issue.value === undefined ? '' : `[${issue.value}] `}${formatProblem(issue)}`));
    }
    expect(lines).toMatchInlineSnapshot(`
      [
        "erreur [73282932000075] Partenaire!B3 — La clé de contrôle du SIRET est fausse : un chiffre du numéro d’établissement (NIC) est erroné ou inversé. Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.",
        "erreur [5480546000018] Partenaire!B3 — Le SIRET ne compte que 13 chiffres : son zéro de tête a probablement été perdu (colonne au format Nombre dans Excel). La cellule affiche 5,48055E+12, elle contient 5480546000018. Mettez la colonne au format Texte et rétablissez le zéro de tête.",
        "erreur Dispositifs!B3 — Ligne 3 : « Libellé » n’est pas renseigné. Renseignez Dispositifs!B3 : le nom du dispositif, tel que vos équipes le désignent.",
        "erreur [prq] Dispositifs!A6 — Le code « prq » est déjà celui du dispositif de la ligne 2. Donnez à chaque ligne un code unique : il relie le dispositif au « Périmètre » et au kit de diagnostic.",
        "erreur Dispositifs!F3 — Le dispositif « AIF — Aide individuelle à la formation » n’a aucune source de financement. Indiquez « Oui » dans au moins une colonne « Financement : … ».",
        "avertissement Dispositifs!M4 — « Financement : Autre » vaut « Oui » pour le dispositif « PEE — Parcours d’entrée en emploi », sans dire lequel. Précisez le financeur dans « Autre financement : lequel ».",
        "erreur [-5] Dispositifs!N2 — La valeur est inférieure au minimum admis (0). Indiquez une valeur supérieure ou égale à 0.",
        "erreur [environ 1 200] Dispositifs!N2 — La valeur n’est pas un nombre entier. Écrivez un nombre entier, sans espace ni unité (ex. 12).",
        "erreur [01/01/2017] Dispositifs!P4 — La date de fin (01/01/2017) du dispositif « PEE — Parcours d’entrée en emploi » précède sa date de début (01/09/2018). Corrigez l’une des deux dates.",
        "erreur [31/02/2020] Dispositifs!O3 — La valeur n’est pas une date réelle au format AAAA-MM-JJ. Écrivez la date sous la forme 2025-09-01.",
        "erreur [Ouvert] Dispositifs!Q2 — La valeur n’est pas une valeur admise pour « Statut ». Choisissez une valeur de la liste : « Actif », « En extinction », « Prévu ».",
        "avertissement [Prévu] Dispositifs!Q5 — Le dispositif « CHQ — Chèque formation » est « Prévu », mais sa date de début (05/01/2026) est passée. S’il est ouvert, passez son statut à « Actif » ; sinon, corrigez sa date de début.",
        "erreur [Gestion] Systèmes d’information!D2 — La valeur n’est pas une valeur admise pour « Rôle ». Choisissez une valeur de la liste : « Gestion des dossiers », « Paiement », « Décisionnel », « Autre ». Vouliez-vous dire « Gestion des dossiers » ?",
        "erreur [GESTFORM] Systèmes d’information!A5 — Le code « GESTFORM » est déjà celui du système d’information de la ligne 2. Donnez à chaque ligne un code unique : il relie le système d’information au « Périmètre » et au kit de diagnostic.",
        "erreur [PRX] Périmètre!A2 — « PRX » n’est le code d’aucune ligne de la feuille « Dispositifs ». Choisissez un code de la feuille « Dispositifs » dans la liste, ou ajoutez-y le dispositif. Vouliez-vous dire « PRQ » ?",
        "erreur [GESTFOR] Périmètre!B2 — « GESTFOR » n’est le code d’aucune ligne de la feuille « Systèmes d’information ». Choisissez un code de la feuille « Systèmes d’information » dans la liste, ou ajoutez-y le système d’information. Vouliez-vous dire « GESTFORM » ?",
        "erreur Périmètre!C3 — La ligne 3 ne dit pas quelles données le système tient pour ce dispositif : aucune colonne « Données … » ne vaut « Oui ». Indiquez « Oui » pour chaque type de données que ce système tient pour ce dispositif.",
        "avertissement Périmètre!A7 — Le couple « PRQ × GESTFORM » figure déjà ligne 2. Gardez une seule ligne par couple, avec toutes les données que ce système tient.",
        "erreur [PEE] Dispositifs!A4 — Le dispositif « PEE — Parcours d’entrée en emploi » n’est associé à aucun système d’information dans « Périmètre ». Ajoutez au « Périmètre » une ligne par système qui tient ses données.",
        "erreur [ENTREPOT] Systèmes d’information!A5 — Le système « ENTREPOT — Entrepôt de données » n’est associé à aucun dispositif dans « Périmètre ». Ajoutez au « Périmètre » les dispositifs dont il tient les données, ou retirez-le de la feuille s’il n’en tient aucun.",
        "erreur [Éditeur] Systèmes d’information!C1 — L’en-tête « Éditeur ou outil » a été remplacé par « Éditeur ». Rétablissez « Éditeur ou outil » en Systèmes d’information!C1 : le validateur lit les colonnes à leur place, pas à leur en-tête.",
        "erreur Dispositifs!C1 — Une colonne a été insérée avant « Description » : les colonnes suivantes sont décalées et ne sont pas lues. Supprimez la colonne insérée ; ajoutez vos remarques dans une colonne de commentaire.",
        "erreur Périmètre!G6 — Les cellules G6:G7 sont fusionnées : seule la première est lue. Annulez la fusion (« Fusionner et centrer » › « Annuler Fusionner cellules ») et répétez la réponse dans chaque cellule.",
        "erreur Feuille « Périmètre (2) » — La feuille « Périmètre » est introuvable ; la feuille « Périmètre (2) » semble être elle, sous un autre nom : elle est lue à sa place. Renommez la feuille « Périmètre (2) » en « Périmètre » (clic droit sur l’onglet › Renommer).",
        "information Feuille « Métadonnées » (masquée) — La feuille masquée « Métadonnées » du modèle est absente : la version du dictionnaire de cet état des lieux n’est pas connue, et le croisement avec le kit ne pourra pas la comparer. Rien à faire pour cette vérification ; à l’avenir, partez du modèle téléchargé sur le portail.",
      ]
    `);
  }, 120_000);
});

describe('values a partner may write differently, read as meant: no finding', () => {
  /** Types `value` in the column `key` of the `index`-th record of `table`. */
  const type = (table: TableLayout, index: number, key: string, value: string) => (w: ExcelJS.Workbook) => void (sheetOf(w, table.sheet).getCell(TABLE_FIRST_ROW + index, tableColumn(table, key)).value = value);
  it.each([
    ['codes typed in other case in « Périmètre »', type(perimetreTable, 0, 'dispositif', 'prq')],
    ['a status typed without capital', type(dispositifsTable, 0, 'statut', 'actif')],
    ['a role typed without accent nor capital', type(systemesTable, 0, 'role', 'gestion des dossiers')],
    ['« oui » in lower case', type(perimetreTable, 0, 'stagiaire', 'oui')],
    ['a funding « Oui » typed in capitals', type(dispositifsTable, 0, fundingColumn('Région'), 'OUI')],
    ['a volume typed as text with a space', type(dispositifsTable, 0, 'volume', '1 200')],
    ['a start date typed as 01/09/18', type(dispositifsTable, 2, 'debut', '01/09/18')],
    ['an end date typed as 2027-12-31', type(dispositifsTable, 2, 'fin', '2027-12-31')],
    ['a SIRET typed as text with a leading zero', (w: ExcelJS.Workbook) => void (sheetOf(w, etatSheets.partner).getCell('B3').value = '05480546000018')],
  ])('%s', async (_, change) => {
    const report = await validate(await plantEtat(valid, change));
    expect(summary(report)).toEqual([]);
  });
});

describe('the wrong workbook on each page', () => {
  it('a kit dropped on the état des lieux page, and the other way round, is named for what it is', async () => {
    const kit = await fillValidKit(await buildKitTemplate(dictionary));
    const onEtat = await validate(kit, 'kit.xlsx');
    const onKit = await validateKit(valid, 'etat.xlsx', { dictionaries: [dictionary], now, known: workbookShapes });
    expect([onEtat, onKit].map((report) => [report.verdict, ...report.issues.map(formatProblem)])).toMatchInlineSnapshot(`
      [
        [
          "autre-fichier",
          "Fichier — Le classeur « kit.xlsx » est un kit de diagnostic, pas un état des lieux. Vérifiez-le sur la page « Vérifier mon kit de diagnostic » (/verifier/kit-de-diagnostic/) ; ici, déposez l’état des lieux.",
        ],
        [
          "autre-fichier",
          "Fichier — Le classeur « etat.xlsx » est un état des lieux, pas un kit de diagnostic. Vérifiez-le sur la page « Vérifier mon état des lieux » (/verifier/etat-des-lieux/) ; ici, déposez le kit de diagnostic.",
        ],
      ]
    `);
  });
});

describe('exports of an état des lieux report', () => {
  it('the annotated copy marks the cell at fault with a French note; the CSV and the receipt follow the kit’s', async () => {
    const planted = etatMistakes().find((m) => m.name === 'end date before the start date');
    if (!planted) throw new Error('erreur plantée absente');
    const bytes = await plantEtat(valid, planted.plant);
    const report = await validate(bytes, 'mon état.xlsx');
    const annotated = await annotateWorkbook(bytes, report, ExcelJS);
    expect(annotated.fileName).toBe('mon état-annote.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated.bytes.slice().buffer);
    const [sheetName, cell] = (planted.expected[0]?.place ?? '').split('!') as [string, string];
    const note = sheetOf(workbook, sheetName).getCell(cell).note;
    expect(JSON.stringify(note)).toContain('précède sa date de début');
    expect(workbook.worksheets.some((ws) => ws.name.startsWith('Rapport'))).toBe(true);
    expect(reportCsv(report).split('\r\n')[0]).toContain('dispositif');
    const receipt = buildReceipt(report, 'c'.repeat(64), now);
    expect(receipt).toMatchObject({ type: 'recu-verification-etat-des-lieux-agora', verdict: 'a-corriger', problemes: { erreurs: 1 }, inventaire: { dispositifs: 4 } });
    for (const value of ['Région Exemple', 'PEE', 'Parcours']) expect(JSON.stringify(receipt)).not.toContain(value);
  });
});
