import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { sniffDelimiter } from '../../src/core/extract/csv.ts';
import { columnLetter } from '../../src/core/extract/mapping.ts';
import { openExtract } from '../../src/core/extract/source.ts';
import { validateExtract } from '../../src/core/extract/validate.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, csvText, sampleTable, xlsxBytes, type Table } from '../fixtures/extract/files.ts';
import { runExtract } from '../fixtures/extract/run.ts';
import * as XLSX from '@e965/xlsx';

/**
 * Every cell accounted for, and the header found where it is: a record longer than its header, values
 * under no header, the header repeated, title lines above it, the extract on another sheet than the
 * first — each said once, at its place, with what to do; nothing silently dropped or misread.
 */

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const entityIds = shipped.entities.map((entity) => entity.id);
const letter = columnLetter;
const said = (issues: readonly { place: string; rule: string; message: string }[]) => issues.map((issue) => `${issue.place} ${issue.rule} ${issue.message}`);

/** Every writer of a table, with the name its file gets. */
const writers: [string, (table: Table) => Uint8Array, string][] = [
  ['CSV', (table) => csvBytes(table), 'extrait.csv'],
  ['xlsx', (table) => xlsxBytes(table), 'extrait.xlsx'],
  ['ods', (table) => xlsxBytes(table, 'Extrait', 'ods'), 'extrait.ods'],
];

describe('a CSV record with more cells than the header', () => {
  it.each(entityIds)('is an error at its row naming the extra cell, its other cells still checked (%s)', async (entityId) => {
    const table: Table = sampleTable(shipped, entityId, 12, 3);
    const width = table[0]!.length;
    table[3] = [...table[3]!, 'surnuméraire'];
    table[7] = [...table[7]!, '', 'deux', 'trois'];
    const { report, csv } = await runExtract(csvBytes(table), 'extrait.csv', shipped);
    expect(report.issues.map((issue) => `${issue.place} ${issue.rule} ${issue.value}`)).toEqual([`${letter(width)}4 extrait.ligne.cellules-en-trop surnuméraire`, `${letter(width + 1)}8 extrait.ligne.cellules-en-trop deux`]);
    expect(report.fileIssues).toEqual([]);
    expect(report.verdict).toBe('a-corriger');
    // The value is masked in the export like a personal one: the row may be shifted, its kind unknown.
    expect(csv).not.toContain('surnuméraire');
  });

  it('says so in French', async () => {
    const table: Table = [['DIS_CODE', 'DIS_LIBELLE'], ['A1', 'Un', 'x'], ['A2', 'Deux', 'y', 'z']];
    const { report } = await runExtract(csvBytes(table), 'dispositifs.csv', shipped, 'dispositif');
    expect(report.issues.filter((issue) => issue.rule === 'extrait.ligne.cellules-en-trop').map((issue) => `${issue.place} — ${issue.message} — ${issue.fix}`)).toMatchInlineSnapshot(`
      [
        "C2 — La ligne 2 a 3 cellules, une de plus que la ligne d’en-têtes (2) : la cellule C2 n’a pas de colonne, et les valeurs de la ligne sont peut-être décalées. — Une valeur qui contient le séparateur doit être entre guillemets ; sinon retirez la cellule en trop, ou donnez un en-tête à sa colonne.",
        "C3 — La ligne 3 a 4 cellules, 2 de plus que la ligne d’en-têtes (2) : la cellule C3 et 1 autre n’ont pas de colonne, et les valeurs de la ligne sont peut-être décalées. — Une valeur qui contient le séparateur doit être entre guillemets ; sinon retirez la cellule en trop, ou donnez un en-tête à sa colonne.",
      ]
    `);
  });

  it('is not a trailing separator on every line', async () => {
    const table = sampleTable(shipped, 'session', 10, 2);
    const text = csvText(table).replaceAll('\r\n', ';\r\n');
    const { report } = await runExtract(new TextEncoder().encode(text), 'sessions.csv', shipped);
    expect(said([...report.fileIssues, ...report.issues])).toEqual([]);
  });
});

describe('a column with values but no header', () => {
  it.each(writers)('is a column of the mapping, not checked, and reported with its rows (%s)', async (_, write, name) => {
    const table: Table = sampleTable(shipped, 'action', 8, 4);
    const width = table[0]!.length;
    // One headerless column in the middle (its header emptied), one after the last header (an empty
    // header cell in the CSV, where a record longer than its header is another matter).
    const middle = 2;
    table[0]![middle] = '';
    table.forEach((row, r) => row.push(r === 0 || r % 3 === 0 ? '' : `note ${r}`));
    const { report, preview, columns } = await runExtract(write(table), name, shipped);
    expect(preview.headers).toHaveLength(width + 1);
    expect(columns.filter((column) => column.field === undefined).map((column) => column.index)).toEqual([middle, width]);
    expect(said(report.fileIssues.filter((issue) => issue.rule === 'extrait.colonne.sans-en-tete'))).toEqual([
      `Colonne ${letter(middle)} extrait.colonne.sans-en-tete La colonne ${letter(middle)} n’a pas d’en-tête mais contient 8 valeurs (lignes 2, 3, 4, 5, 6…) : elle n’est pas vérifiée.`,
      `Colonne ${letter(width)} extrait.colonne.sans-en-tete La colonne ${letter(width)} n’a pas d’en-tête mais contient 6 valeurs (lignes 2, 3, 5, 6, 8…) : elle n’est pas vérifiée.`,
    ]);
  });

  it('is checked as the field the partner maps it to, and then not reported', async () => {
    const table: Table = sampleTable(shipped, 'session', 10, 4);
    const code = table[0]![1] as string;
    table[0]![1] = '';
    const source = await openExtract(new Blob([xlsxBytes(table) as Uint8Array<ArrayBuffer>]), 'sessions.xlsx');
    const preview = await source.preview(undefined, shipped.entities);
    const columns = preview.headers.map((header, index) => ({ index, header, field: header || code }));
    const report = await validateExtract(source, { dictionary: shipped, entityId: 'session', columns, preview });
    expect(said([...report.fileIssues, ...report.issues])).toEqual([]);
    expect(report.columns.find((column) => column.field === code)?.filled).toBe(10);
  });

  it('is found when its first value comes long after the rows the preview reads', async () => {
    const table: Table = sampleTable(shipped, 'dispositif', 400, 4);
    table[390]!.push('tardive');
    const { report } = await runExtract(xlsxBytes(table), 'dispositifs.xlsx', shipped);
    expect(said(report.fileIssues)).toEqual([`Colonne ${letter(table[0]!.length)} extrait.colonne.sans-en-tete La colonne ${letter(table[0]!.length)} n’a pas d’en-tête mais contient 1 valeur (ligne 391) : elle n’est pas vérifiée.`]);
  });
});

describe('the header row repeated', () => {
  it.each(writers)('is reported once, its rows not checked as data (%s)', async (_, write, name) => {
    const table: Table = sampleTable(shipped, 'dossier', 30, 6);
    const header = table[0]!;
    for (const at of [11, 21, 25]) table.splice(at, 0, [...header]);
    const { report } = await runExtract(write(table), name, shipped);
    expect(report.rows).toBe(30);
    expect(report.issues).toEqual([]);
    expect(said(report.fileIssues.filter((issue) => issue.rule !== 'extrait.fichier.format-entier'))).toMatchInlineSnapshot(`
      [
        "Fichier extrait.ligne.en-tetes-repetes La ligne d’en-têtes est répétée 3 fois (lignes 12, 22, 26) : ces lignes ne sont pas vérifiées.",
      ]
    `);
  });
});

describe('the header under title lines', () => {
  const titled = (entityId: string): Table => [['Extrait du système de gestion, arrêté au 30 septembre 2025'], ['Confidentiel : données personnelles'], [], ...sampleTable(shipped, entityId, 20, 8)];

  it.each(writers.flatMap(([format, write, name]) => entityIds.map((id) => [`${id} en ${format}`, id, write, name] as const)))('is found, the lines above it passed over and said: %s', async (_, entityId, write, name) => {
    const { report, preview } = await runExtract(write(titled(entityId)), name, shipped);
    expect(preview.headerRow).toBe(4);
    expect(report.entity).toBe(entityId);
    expect(report.rows).toBe(20);
    expect(report.issues).toEqual([]);
    expect(report.fileIssues.filter((issue) => issue.severity !== 'information')).toEqual([]);
    expect(said(report.fileIssues.filter((issue) => issue.rule === 'extrait.fichier.lignes-avant-en-tetes'))).toEqual([
      'En-têtes extrait.fichier.lignes-avant-en-tetes Les en-têtes sont en ligne 4 : les lignes 1 et 2 qui les précèdent (titre, remarques) ne sont pas vérifiées.',
    ]);
  });

  it('is found in a CSV that Excel saved from a sheet with a title, every line padded to the table’s width', async () => {
    const table = titled('dossier');
    const width = table[3]!.length;
    const padded = table.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
    const { report, preview } = await runExtract(csvBytes(padded), 'dossiers.csv', shipped);
    expect([preview.headerRow, report.entity, report.rows, report.issues.length]).toEqual([4, 'dossier', 20, 0]);
    expect(report.fileIssues.map((issue) => issue.rule)).toEqual(['extrait.fichier.lignes-avant-en-tetes']);
  });

  it('does not make the title line’s comma the CSV separator', () => {
    expect(sniffDelimiter(csvText(titled('titulaire')))).toBe(';');
    expect(sniffDelimiter(csvText(titled('titulaire'), ','))).toBe(',');
  });
});

/** A workbook with a « Lisez-moi » sheet first, then the extract. */
function withReadme(entityId: string, bookType: 'xlsx' | 'ods' | 'xls'): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Extrait des données'], ['Cet onglet explique le fichier ; les données sont sur la feuille suivante.'], ['Producteur', 'Région Exemple']]), 'Lisez-moi');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sampleTable(shipped, entityId, 15, 2)), 'Données');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType, bookSST: true }) as ArrayBuffer);
}

describe('a workbook whose first sheet is not the extract', () => {
  it.each(['xlsx', 'ods', 'xls'] as const)('is read from the sheet whose headers name fields, and says so (%s)', async (bookType) => {
    const { report, preview } = await runExtract(withReadme('financement', bookType), `extrait.${bookType}`, shipped);
    expect(preview.sheet).toBe('Données');
    expect(report.entity).toBe('financement');
    expect(report.rows).toBe(15);
    expect(report.issues).toEqual([]);
    expect(said(report.fileIssues.filter((issue) => issue.rule === 'extrait.fichier.feuille-choisie'))).toMatchInlineSnapshot(`
      [
        "Feuille « Données » extrait.fichier.feuille-choisie La feuille « Données » est lue : la première feuille, « Lisez-moi », ne nomme aucun champ du dictionnaire.",
      ]
    `);
  });

  it('is read from its first sheet that names fields, even when a later one names more', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Sommaire']]), 'Couverture');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Lire la suite']]), 'Lisez-moi');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sampleTable(shipped, 'dispositif', 5, 2)), 'Dispositifs');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sampleTable(shipped, 'titulaire', 5, 2)), 'Titulaires');
    const source = await openExtract(new Blob([new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)]), 'extrait.xlsx');
    const preview = await source.preview(undefined, shipped.entities);
    expect(preview.sheet).toBe('Dispositifs');
    expect(preview.notes.map((note) => note.message)).toMatchInlineSnapshot(`
      [
        "La feuille « Dispositifs » est lue : les feuilles qui la précèdent (« Couverture », « Lisez-moi ») ne nomment aucun champ du dictionnaire.",
      ]
    `);
  });

  it('is read from the sheet the partner chooses', async () => {
    const source = await openExtract(new Blob([withReadme('financement', 'xlsx') as Uint8Array<ArrayBuffer>]), 'extrait.xlsx');
    const preview = await source.preview('Lisez-moi', shipped.entities);
    expect([preview.sheet, preview.headerRow, preview.notes.map((note) => note.rule)]).toEqual(['Lisez-moi', 1, []]);
  });
});

describe('a file whose headers name no field', () => {
  const foreign: Table = [['Réf. interne', 'Commentaire libre', 'Colonne X'], ['R1', 'Premier', '12'], ['R2', 'Second', '15']];

  it.each(writers)('says why no entity is recognised and what to do, never a wrong reason (%s)', async (_, write, name) => {
    const source = await openExtract(new Blob([write(foreign) as Uint8Array<ArrayBuffer>]), name);
    const preview = await source.preview(undefined, shipped.entities);
    expect(preview.notes.filter((note) => note.rule !== 'extrait.fichier.format-entier').map((note) => `${note.severity} ${note.rule}`)).toEqual(['avertissement extrait.fichier.en-tetes-inconnus']);
    const first = shipped.entities[0]!.fields[0]!;
    expect(preview.notes.find((note) => note.rule === 'extrait.fichier.en-tetes-inconnus')?.message).toBe(
      `Aucune des 3 lignes ${name.endsWith('.csv') ? 'du fichier' : 'de la feuille « Extrait »'} ne nomme un champ du dictionnaire (le code ${first.code} ou le libellé « ${first.label} », par exemple) : l’entité décrite par le fichier n’a pas pu être reconnue.`,
    );
  });

  it('says so in French', async () => {
    const source = await openExtract(new Blob([csvBytes(foreign) as Uint8Array<ArrayBuffer>]), 'liste.csv');
    const note = (await source.preview(undefined, shipped.entities)).notes[0]!;
    expect(`${note.message} — ${note.fix}`.replace(/\(le code .*, par exemple\)/, '(…)')).toMatchInlineSnapshot(`"Aucune des 3 lignes du fichier ne nomme un champ du dictionnaire (…) : l’entité décrite par le fichier n’a pas pu être reconnue. — Donnez à chaque colonne pour en-tête le code ou le libellé de son champ, tels que les publie la page de l’entité ; ou bien choisissez ci-dessous l’entité, puis le champ de chaque colonne."`);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(foreign), 'A');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Notes']]), 'B');
    const many = await openExtract(new Blob([new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)]), 'liste.xlsx');
    expect((await many.preview(undefined, shipped.entities)).notes[0]?.message.replace(/\(le code .*, par exemple\)/, '(…)')).toMatchInlineSnapshot(`"Aucune feuille du classeur (« A », « B ») ne nomme, dans ses premières lignes, un champ du dictionnaire (…) : l’entité décrite par le fichier n’a pas pu être reconnue."`);
  });

  it('blames the separator only when there is none', async () => {
    const oneColumn = async (text: string) => (await (await openExtract(new Blob([text]), 'extrait.csv')).preview(undefined, shipped.entities)).notes.map((note) => note.rule);
    expect(await oneColumn('Réf. interne|Commentaire libre\nR1|Premier\n')).toEqual(['extrait.fichier.une-colonne']);
    expect(await oneColumn('Liste des références\nRéf. interne;Commentaire libre\nR1;Premier\n')).toEqual(['extrait.fichier.en-tetes-inconnus']);
  });
});
