import { normalizeChoice } from '../../core/choices.ts';
import type { Dictionary } from '../../core/dictionary/model.ts';
import type { Release } from '../../core/dictionary/schemas/release-index.ts';
import { inForce } from '../../core/dictionary/statuses.ts';
import { buildExtractReceipt, type ExtractReceipt } from '../../core/extract/exports.ts';
import { checkMapping, columnLetter, guessEntity, matchHeaders, normalizeHeader, type ColumnMatch } from '../../core/extract/mapping.ts';
import type { ExtractProgress, ExtractReport } from '../../core/extract/report.ts';
import { sha256OfBlob } from '../../core/extract/sha256.ts';
import { ExtractFileError, openExtract } from '../../core/extract/source.ts';
import { validateExtract } from '../../core/extract/validate.ts';
import { openXlsx } from '../../core/extract/xlsx.ts';
import { readZipDirectory } from '../../core/extract/zip.ts';
import type { Problem } from '../../core/problems.ts';
import { buildReceipt, reportCsv, type Receipt } from '../../core/workbook/exports.ts';
import { fileLimits } from '../../core/workbook/read-file.ts';
import { sha256Hex } from '../../core/workbook/fingerprint.ts';
import type { WorkbookReport } from '../../core/workbook/report.ts';
import type { ValidatorId } from '../../core/rules/catalogue.ts';
import { validateWorkbook } from '../../core/workbook/validate.ts';
import { workbookDeclarations, workbookShapes, type WorkbookSlug } from '../../core/workbooks.ts';

/** The published dictionary versions the command knows, newest first, as the site builds them. */
export interface Catalogue {
  published: readonly { dictionary: Dictionary; release: Pick<Release, 'status'> }[];
}

/** What a file is: one of the partner workbooks of src/core/workbooks.ts (by their slug) or a data extract. */
export type Nature = ValidatorId;
export const natures: readonly Nature[] = [...workbookShapes.map((shape) => shape.names.slug as WorkbookSlug), 'extrait'];

/** The extract's entity and columns when no one is there to choose them: a mapping file's content. */
export interface ColumnMapping {
  /** Entity identifier (« titulaire »); guessed from the headers when absent. */
  entite?: string;
  /** Header as the file writes it → field code, or null (or "") for a column not to check. */
  colonnes?: Record<string, string | null>;
}

export interface VerifyOptions {
  /** Version of the dictionary an extract is checked against; the version in force when absent. */
  version?: string;
  nature?: Nature;
  entity?: string;
  sheet?: string;
  mapping?: ColumnMapping;
  now?: Date;
  onProgress?: (progress: Progress) => void;
  /** Receives an extract's CSV piece by piece, as the Worker writes it: the command streams it, memory flat in the file's size. Kept whole in `csv` without it. */
  onCsv?: (text: string) => void;
}

export type Progress = { kind: 'workbook'; step: string; fraction: number } | { kind: 'extract'; progress: ExtractProgress };

/** One file's result: its report as the page builds it, its CSV as the page downloads it (an extract's is streamed to `onCsv` when given), its receipt. */
export type Verified =
  | { nature: WorkbookSlug; report: WorkbookReport; csv: string; receipt: Receipt }
  | { nature: 'extrait'; report: ExtractReport; csv: string; receipt: ExtractReceipt }
  /** The file could not be checked: unreadable, not a file the portal checks, or a wrong call. */
  | { nature: Nature | undefined; unreadable: Problem; report?: WorkbookReport };

const TEXT_EXTENSIONS = /\.(csv|txt|tsv)$/i;

/** The version in force, or the one asked for; undefined when that version is unknown. */
export function chosenDictionary(catalogue: Catalogue, version: string | undefined): Dictionary | undefined {
  if (version === undefined) return inForce(catalogue.published)?.dictionary;
  return catalogue.published.find(({ dictionary }) => dictionary.manifest.version === version)?.dictionary;
}

const callProblem = (message: string, fix: string): Problem => ({ severity: 'erreur', rule: 'commande.appel', place: 'Commande', message, fix });

/**
 * Checks one file with the core functions the page's Worker calls, with the same options: every published
 * version for a workbook (it names its own), the chosen version for an extract. `file` is read, never written.
 */
export async function verifyFile(file: Blob, fileName: string, catalogue: Catalogue, options: VerifyOptions = {}): Promise<Verified> {
  const dictionaries = catalogue.published.map(({ dictionary }) => dictionary);
  const spreadsheet = !TEXT_EXTENSIONS.test(fileName);
  // A partner workbook is small (its reader refuses more than this): a larger spreadsheet is an extract, read in a stream.
  const workbook = options.nature ? options.nature !== 'extrait' : spreadsheet && file.size <= fileLimits.maxBytes && (await mayBeWorkbook(file));
  let first: WorkbookReport | undefined;
  if (workbook) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A file is checked as the first kind that recognises it, as a page's Worker does.
    const declarations = (await workbookDeclarations()).filter((declaration) => !options.nature || declaration.names.slug === options.nature);
    for (const declaration of declarations) {
      const report = await validateWorkbook(bytes, fileName, declaration, {
        dictionaries,
        known: workbookShapes,
        ...(options.now ? { now: options.now } : {}),
        ...(options.onProgress ? { onProgress: (step: string, fraction: number) => options.onProgress?.({ kind: 'workbook', step, fraction }) } : {}),
      });
      if (report.verdict !== 'autre-fichier') return workbookResult(report, bytes, options.now);
      first ??= report;
    }
    if (options.nature) return { nature: options.nature, unreadable: firstError(first), report: first as WorkbookReport };
  }
  return verifyExtract(file, fileName, catalogue, options, first);
}

/**
 * Whether a spreadsheet may be a partner workbook: an .xlsx whose sheet names hold none of a known
 * workbook's sheets (renamed copies included, as findSheets reads them) is an extract, streamed without
 * SheetJS parsing it whole first. Only its directory and workbook part are read; any other file, or one
 * whose names cannot be read, goes to the workbook reader, whose guards say what it is.
 */
async function mayBeWorkbook(file: Blob): Promise<boolean> {
  let names: string[];
  try {
    if (!(await readZipDirectory(file)).has('xl/workbook.xml')) return true;
    names = (await openXlsx(file)).sheets.map((sheet) => sheet.name);
  } catch {
    return true;
  }
  const wanted = workbookShapes.flatMap((shape) => shape.sheets).map(normalizeChoice);
  return names.map(normalizeChoice).some((name) => wanted.some((sheet) => name.includes(sheet)));
}

const firstError = (report: WorkbookReport | undefined): Problem => report?.issues.find((issue) => issue.severity === 'erreur') ?? callProblem('Le fichier n’a pas pu être vérifié.', 'Vérifiez le fichier.');

async function workbookResult(report: WorkbookReport, bytes: Uint8Array, now: Date | undefined): Promise<Verified> {
  const nature = report.names.slug as WorkbookSlug;
  if (report.verdict === 'illisible') return { nature, unreadable: firstError(report), report };
  return { nature, report, csv: reportCsv(report), receipt: buildReceipt(report, await sha256Hex(bytes), now ?? new Date()) };
}

async function verifyExtract(file: Blob, fileName: string, catalogue: Catalogue, options: VerifyOptions, workbook: WorkbookReport | undefined): Promise<Verified> {
  const dictionary = chosenDictionary(catalogue, options.version);
  const versions = catalogue.published.map(({ dictionary: d }) => d.manifest.version);
  if (!dictionary) return { nature: 'extrait', unreadable: callProblem(`La version ${options.version} du dictionnaire est inconnue de cette commande.`, `Choisissez l’une des versions publiées : ${versions.join(', ')}.`) };
  try {
    const source = await openExtract(file, fileName);
    const preview = await source.preview(options.sheet, dictionary.entities);
    const entityId = options.entity ?? options.mapping?.entite;
    const entity = entityId ? dictionary.entities.find((e) => e.id === entityId) : guessEntity(preview.headers, dictionary.entities);
    if (!entity) {
      if (entityId) return { nature: 'extrait', unreadable: callProblem(`L’entité « ${entityId} » n’existe pas dans la version ${dictionary.manifest.version} du dictionnaire.`, `Choisissez l’une de ses entités : ${dictionary.entities.map((e) => e.id).join(', ')}.`) };
      // Neither a partner workbook nor an extract: the workbook's own message says what it is not, when there was one.
      return { nature: workbook ? undefined : 'extrait', unreadable: callProblem(`Aucun en-tête de « ${fileName} » ne nomme un champ du dictionnaire ${dictionary.manifest.version}.`, 'Donnez l’entité (--entite) et la correspondance des colonnes (--correspondance), ou vérifiez qu’il s’agit d’un kit de diagnostic, d’un état des lieux ou d’un extrait de données.') };
    }
    const mapped = applyMapping(matchHeaders(preview.headers, entity), options.mapping, entity.fields.map((field) => field.code));
    if ('problem' in mapped) return { nature: 'extrait', unreadable: mapped.problem };
    const duplicates = checkMapping(mapped.columns, entity).duplicates;
    if (duplicates[0]) return { nature: 'extrait', unreadable: callProblem(`Le champ ${duplicates[0].field} est associé à plusieurs colonnes (${duplicates[0].columns.map(columnLetter).join(', ')}).`, 'Associez chaque champ à une seule colonne dans le fichier de correspondance.') };
    let csv = '';
    const report = await validateExtract(source, { dictionary, entityId: entity.id, columns: mapped.columns, preview }, {
      onCsv: options.onCsv ?? ((text) => (csv += text)),
      ...(options.onProgress ? { onProgress: (progress: ExtractProgress) => options.onProgress?.({ kind: 'extract', progress }) } : {}),
    });
    return { nature: 'extrait', report, csv, receipt: buildExtractReceipt(report, await sha256OfBlob(file), options.now ?? new Date()) };
  } catch (error) {
    if (error instanceof ExtractFileError) return { nature: workbook ? undefined : 'extrait', unreadable: error.issue };
    throw error;
  }
}

/** The columns as the headers match them, then as the mapping file says, header by header. */
function applyMapping(columns: ColumnMatch[], mapping: ColumnMapping | undefined, codes: readonly string[]): { columns: ColumnMatch[] } | { problem: Problem } {
  const entries = Object.entries(mapping?.colonnes ?? {});
  const result = columns.map((column) => ({ ...column }));
  for (const [header, field] of entries) {
    const targets = result.filter((column) => normalizeHeader(column.header) === normalizeHeader(header));
    if (targets.length === 0) return { problem: callProblem(`Le fichier de correspondance nomme la colonne « ${header} », absente des en-têtes de l’extrait.`, `Recopiez l’en-tête tel que le fichier l’écrit ; en-têtes trouvés : ${columns.map((c) => `« ${c.header} »`).join(', ')}.`) };
    if (field && !codes.includes(field)) return { problem: callProblem(`Le fichier de correspondance associe la colonne « ${header} » au champ ${field}, qui n’appartient pas à l’entité choisie.`, 'Donnez le code d’un champ de l’entité (par exemple tel que l’indique la page de l’entité dans le dictionnaire), ou null pour ne pas vérifier la colonne.') };
    for (const target of targets) target.field = field || undefined;
  }
  return { columns: result };
}
