import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';
import { badFiles, csvExport, resave, workbookOfSize, workbookWithoutKitSheets } from '../fixtures/kit/files.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const validate = (bytes: Uint8Array, name: string) => validateKit(bytes, name, { dictionaries: [dictionary], now });

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

const otherFiles = new Set(['text file', 'PDF document', 'CSV export', 'screenshot', 'Word document']);

describe('files that are not a readable kit', () => {
  it.each(Object.keys(badFiles))('%s: one issue, the right verdict, no exception', async (name) => {
    const file = await badFiles[name as keyof typeof badFiles](() => valid);
    const report = await validate(file.bytes, file.name);
    expect(report.verdict).toBe(otherFiles.has(name) ? 'autre-fichier' : 'illisible');
    expect(report.issues).toHaveLength(1);
  });

  it('each is told in French, with what to do', async () => {
    const messages: string[] = [];
    for (const make of Object.values(badFiles)) {
      const file = make(() => valid);
      messages.push(...(await validate(file.bytes, file.name)).issues.map((issue) => `${issue.rule} — ${formatProblem(issue)}`));
    }
    // Central directory intact, a compressed part overwritten: only the reader can tell.
    const damaged = valid.slice();
    damaged.fill(0, 2_000, 6_000);
    messages.push(...(await validate(damaged, 'kit.xlsx')).issues.map((issue) => `${issue.rule} — ${formatProblem(issue)}`));
    // The size is checked before the workbook is opened: a workbook of 30 ko over a 20 ko limit will do.
    const limits = { maxBytes: 20 * 1024 };
    const tooLarge = await validateKit(workbookOfSize(30 * 1024), 'kit.xlsx', { dictionaries: [dictionary], now, limits });
    messages.push(...tooLarge.issues.map((issue) => `${issue.rule} — ${formatProblem(issue)}`));
    // Over the limit, a CSV is still named a CSV, without advice about images.
    const largeCsv = await validateKit(csvExport(2000), 'export.csv', { dictionaries: [dictionary], now, limits });
    messages.push(...largeCsv.issues.map((issue) => `${issue.rule} — ${formatProblem(issue)}`));
    for (const [bookType, name] of [['xls', 'kit.xls'], ['ods', 'kit.ods'], ['xlsm', 'kit.xlsm']] as const) {
      messages.push(...(await validate(resave(valid, bookType), name)).issues.map((issue) => `${issue.rule} — ${formatProblem(issue)}`));
    }
    expect(messages).toMatchInlineSnapshot(`
      [
        "kit.fichier.texte — Fichier — « kit.xlsx » est un fichier texte, pas un classeur. Déposez le kit de diagnostic enregistré par Excel au format .xlsx (ou .xlsm, .xls, .ods).",
        "kit.fichier.pdf — Fichier — « kit-diagnostic.pdf » est un document PDF, pas un classeur. Déposez le classeur du kit de diagnostic (.xlsx) lui-même, et non sa version imprimée ou exportée en PDF.",
        "kit.fichier.csv — Fichier — « kit-diagnostic.csv » est un fichier CSV (texte séparé par des « ; »), pas un classeur : un CSV ne garde qu’une feuille, sans les listes de choix ni la feuille masquée qui identifient le kit de diagnostic. Remplissez le modèle du kit de diagnostic (.xlsx) téléchargé sur le portail et déposez le classeur tel qu’Excel l’enregistre, sans l’exporter en CSV.",
        "kit.fichier.image — Fichier — « capture.png » est une image (PNG), pas un classeur. Déposez le classeur du kit de diagnostic (.xlsx) lui-même, et non une capture d’écran.",
        "kit.fichier.pas-un-classeur — Fichier — « kit.docx » est une archive zip mais pas un classeur (ni .xlsx, ni .ods) : un document Word, semble-t-il. Déposez le classeur du kit de diagnostic, au format .xlsx de préférence.",
        "kit.fichier.vide — Fichier — Le fichier « kit.xlsx » est vide (0 octet). Enregistrez de nouveau votre kit dans Excel, puis déposez le fichier obtenu.",
        "kit.fichier.endommage — Fichier — Le fichier est endommagé ou incomplet : son sommaire interne est illisible (téléchargement interrompu, copie tronquée ?). Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom et déposez cette copie, sinon reprenez une version antérieure.",
        "kit.fichier.mot-de-passe — Fichier — Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu. Dans Excel, « Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe », effacez le mot de passe, enregistrez, puis déposez le fichier. La protection des feuilles, elle, ne gêne pas.",
        "kit.fichier.bombe-zip — Fichier — Le fichier déclare 64 Mo de contenu une fois décompressé (dont « xl/worksheets/sheet1.xml », 1025 fois sa taille compressée) : il n’a pas été ouvert, pour protéger votre navigateur. Un kit de diagnostic ne contient rien de tel : déposez le classeur issu du modèle. Si le fichier vient d’un tiers, signalez-le à votre service informatique.",
        "kit.fichier.endommage — Fichier — Le fichier est endommagé : une partie de son contenu ne se décompresse pas (téléchargement interrompu, copie abîmée ?). Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom au format .xlsx et déposez cette copie, sinon reprenez une version antérieure.",
        "kit.fichier.trop-volumineux — Fichier — Le fichier pèse 30 ko ; un kit de diagnostic dépasse rarement 1 Mo et la limite est de 20 ko. Vérifiez qu’il s’agit bien du kit ; retirez images et feuilles ajoutées, puis enregistrez-le de nouveau.",
        "kit.fichier.csv — Fichier — « export.csv » (72 ko) est un fichier CSV (texte séparé par des « ; »), pas un classeur : un CSV ne garde qu’une feuille, sans les listes de choix ni la feuille masquée qui identifient le kit de diagnostic. Remplissez le modèle du kit de diagnostic (.xlsx) téléchargé sur le portail et déposez le classeur tel qu’Excel l’enregistre, sans l’exporter en CSV.",
        "kit.fichier.format-ancien — Fichier — Le classeur est au format Excel 97-2003 (.xls) : il est vérifié, mais les listes de choix et protections du modèle peuvent y avoir été perdues, et la copie annotée sera au format .xlsx. Remplissez de préférence le modèle téléchargé, au format .xlsx.",
        "kit.fichier.format-ancien — Fichier — Le classeur est au format OpenDocument (.ods) : il est vérifié, mais les listes de choix et protections du modèle peuvent y avoir été perdues, et la copie annotée sera au format .xlsx. Remplissez de préférence le modèle téléchargé, au format .xlsx.",
        "kit.fichier.macros — Fichier — Le classeur est au format .xlsm (prenant en charge les macros) : ses macros éventuelles ne sont ni exécutées ni reprises dans la copie annotée. Rien à faire si les macros ne servent pas au kit ; sinon, enregistrez-le au format .xlsx.",
      ]
    `);
  });
});

describe('a workbook that is not the kit', () => {
  it.each(['xlsx', 'xlsm', 'xls', 'ods'] as const)('read as .%s: « ce n’est pas un kit de diagnostic », not « illisible »', async (bookType) => {
    const report = await validate(workbookWithoutKitSheets(bookType), `budget.${bookType}`);
    expect(report.verdict).toBe('autre-fichier');
    expect(report.issues.map((issue) => issue.rule)).toEqual(['kit.structure.pas-un-kit']);
  });

  it('says so in French, naming the sheets it has', async () => {
    const report = await validate(workbookWithoutKitSheets(), 'classeur.xlsx');
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Fichier — Le classeur « classeur.xlsx » a été lu, mais ce n’est pas un kit de diagnostic : il n’a aucune des feuilles du modèle (« Partenaire », « Dispositifs », « Diagnostic ») ; feuilles trouvées : « Feuil1 », « Budget ». Déposez le kit de diagnostic rempli à partir du modèle téléchargé sur le portail (page « Modèle du kit de diagnostic »).",
      ]
    `);
  });

  it('a kit that lost one sheet is a kit to correct, the missing sheet named', async () => {
    const report = await validate(await plant(valid, (w) => w.removeWorksheet(sheet(w, 'Dispositifs').id)), 'kit.xlsx');
    expect(report.verdict).toBe('a-corriger');
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Feuille « Dispositifs » — La feuille « Dispositifs » est introuvable (feuilles présentes : « Lisez-moi », « Partenaire », « Diagnostic ») : le kit ne peut pas être lu plus avant. Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.",
      ]
    `);
  });
});

describe('other workbook formats', () => {
  it.each([
    ['xls', 'kit.xls', 'kit.fichier.format-ancien'],
    ['ods', 'kit.ods', 'kit.fichier.format-ancien'],
    ['xlsm', 'kit.xlsm', 'kit.fichier.macros'],
  ] as const)('a kit re-saved as .%s is read and checked, with a note', async (bookType, name, rule) => {
    const report = await validate(resave(valid, bookType), name);
    expect(report.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual([`information ${rule}`]);
    expect(report.dispositifs).toHaveLength(3);
  });

  it('reads zip and compound files only: a CSV renamed .xlsx is named a CSV', async () => {
    const csv = new TextEncoder().encode('Code;Libellé\nTIT_NIR;NIR\n');
    expect((await validate(csv, 'kit.xlsx')).issues.map((i) => i.rule)).toEqual(['kit.fichier.csv']);
  });

  it('a CSV saved by French Excel in Windows-1252 is still named a CSV', async () => {
    const latin1 = new Uint8Array([...'Code;Libell'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x0d, 0x0a], [...'TIT_NIR;NIR du titulaire'].map((c) => c.charCodeAt(0))));
    expect((await validate(latin1, 'kit.csv')).issues.map((i) => i.rule)).toEqual(['kit.fichier.csv']);
  });

  it('a zip that is not a workbook is named as such', async () => {
    const zip = zipSync({ 'word/document.xml': new TextEncoder().encode('<w/>'), '[Content_Types].xml': new TextEncoder().encode('<Types/>') });
    expect((await validate(zip, 'kit.xlsx')).issues.map((i) => i.rule)).toEqual(['kit.fichier.pas-un-classeur']);
  });
});
