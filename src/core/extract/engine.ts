import { toCsv } from '../artefacts/formats/csv.ts';
import { checkRecordValues, compileEntity, isBlank, type EntityRules } from '../dictionary/check-value.ts';
import { indexDictionary, type Dictionary, type Entity } from '../dictionary/model.ts';
import { cellRef } from '../workbook/sheet.ts';
import { matchChoice } from '../choices.ts';
import { severityLabels, type Severity, type Problem, type Finding } from '../problems.ts';
import { countOf, plural } from '../plural.ts';
import { cellParser, explainDate, isBlankCell, type CellParser, type ColumnNotes } from './cells.ts';
import { KeySet } from './keys.ts';
import type { ColumnMatch } from './mapping.ts';
import { maskKind, maskValue, type MaskKind } from '../mask.ts';
import { FIRST_ROWS, LISTED_ISSUES, type ColumnReport, type IssueKind } from './report.ts';
import type { RowSink } from './rows.ts';

/**
 * Checks the rows of an extract against one entity, as the readers stream them: each cell converted by
 * its column's parser, each row through the compiled rule set, keys through a compact hash set.
 * It keeps counts per column and kind, the first issues in full, and writes every issue to the CSV
 * export as it goes; nothing grows with the file but the key table (16 bytes a row).
 */

export interface ExtractPlan {
  dictionary: Dictionary;
  entity: Entity;
  columns: readonly ColumnMatch[];
  /** Rows up to this one are not data. */
  headerRow: number;
  /** CSV: the header's field count; a longer record is an error at its row. */
  recordWidth?: number;
  date1904?: boolean;
}

export interface CheckerOptions {
  /** Receives the CSV export of every issue, in pieces (the first with the header and byte-order mark). */
  onCsv?: (text: string) => void;
  /** Issues kept in full for the page. */
  listed?: number;
  /** The keys of the records before these (a part of a split file re-checked after the parts before it). */
  keys?: KeySet;
  /** Whether the CSV export starts here: false for a range of a split file, the export's header written once by the caller. */
  csvHeader?: boolean;
}

export interface CheckerResult {
  rows: number;
  columns: ColumnReport[];
  issues: Problem[];
  counts: Record<Severity, number>;
}

/**
 * What a checker found, before its column kinds are ordered for the report: the parts of a file split
 * between Workers are merged from it (mergeStates), in file order, to what one checker would have found.
 */
export interface CheckerState {
  rows: number;
  counts: Record<Severity, number>;
  issues: Problem[];
  /** Each column's kinds in the order they were first found. */
  columns: ColumnReport[];
  repeatedHeaders: number;
  repeatedHeaderRows: number[];
  /** Cells in columns without a header: [column, count, first rows]. */
  orphans: [number, number, number[]][];
}

interface Column {
  source: number;
  position: number;
  header: string;
  parse: CellParser;
  mask: MaskKind;
  report: ColumnReport;
  kinds: Map<Finding, IssueKind>;
  notes: ColumnNotes;
  lastInvalidRow: number;
  suggestions: Map<string, string | undefined> | undefined;
  choices: string[] | undefined;
}

const CSV_HEADER = ['ligne', 'cellule', 'en-tête de colonne', 'code du champ', 'gravité', 'valeur trouvée (masquée si personnelle)', 'problème', 'comment corriger', 'règle'];
const CSV_BATCH = 4096;

/**
 * A copy of a cell's text that does not hold on to the piece of file it was cut from: V8 keeps a long
 * substring as a view on its parent, and the first issues and the suggestion cache would otherwise
 * keep whole pieces of a large file alive.
 */
const detach = (text: string): string => (text.length < 13 ? text : (` ${text}`).slice(1));

const implausible: Finding = {
  severity: 'avertissement',
  rule: 'value.date-plausible',
  message: 'La date est improbable (avant 1900 ou après 2100).',
  fix: 'Vérifiez l’année : une saisie sur deux chiffres ou une date par défaut du logiciel (1900-01-01, 9999-12-31) est probable.',
};

export class ExtractChecker {
  readonly #rules: EntityRules;
  readonly #columns: Column[];
  /** Field position → its column, for the issues the rule set reports by field. */
  readonly #byPosition: (Column | undefined)[];
  readonly #present: boolean[];
  /** Date columns, for the plausibility warning; the column of the key's first field, if the key is mapped. */
  readonly #dates: Column[];
  readonly #keyColumn: Column | undefined;
  readonly #values: unknown[];
  readonly #failed: boolean[] = [];
  readonly #keys: KeySet;
  readonly #headerRow: number;
  readonly #listed: number;
  readonly #onCsv: ((text: string) => void) | undefined;
  #csv: (string | undefined)[][] = [];
  /** Columns the header names: every column after them, and every one with an empty header, has none. */
  readonly #known: number;
  readonly #headerless: number[];
  readonly #recordWidth: number;
  /** Cells in columns without a header, by column: how many, and their first rows. */
  readonly #orphans = new Map<number, { count: number; rows: number[] }>();
  /** The columns with a header, to recognise the header row repeated (exports put end to end). */
  readonly #headed: ColumnMatch[];
  readonly #repeatedHeader: number[] = [];
  #repeatedHeaders = 0;
  #row = 0;
  #cells: readonly (string | undefined)[] = [];
  #width = 0;
  #rows = 0;
  readonly #issues: Problem[] = [];
  readonly #counts: Record<Severity, number> = { erreur: 0, avertissement: 0, information: 0 };

  constructor(plan: ExtractPlan, options: CheckerOptions = {}) {
    const index = indexDictionary(plan.dictionary);
    this.#rules = compileEntity(plan.entity, index);
    this.#headerRow = plan.headerRow;
    this.#listed = options.listed ?? LISTED_ISSUES;
    this.#onCsv = options.onCsv;
    this.#keys = options.keys ?? new KeySet();
    this.#columns = plan.columns.flatMap((match) => {
      const position = match.field === undefined ? undefined : this.#rules.positions.get(match.field);
      if (position === undefined) return [];
      const field = plan.entity.fields[position]!;
      const notes: ColumnNotes = { serialDates: 0 };
      const binding = field.binding;
      const nomenclature = binding && 'nomenclature' in binding ? index.nomenclatures.get(binding.nomenclature) : undefined;
      const mask = maskKind(field);
      return [
        {
          source: match.index,
          position,
          header: match.header,
          parse: cellParser(field, notes, plan.date1904),
          mask,
          report: { column: match.index, header: match.header, field: field.code, label: field.label, mask, filled: 0, invalid: 0, kinds: [], serialDates: 0 },
          kinds: new Map(),
          notes,
          lastInvalidRow: 0,
          suggestions: nomenclature ? new Map() : undefined,
          // Codes, then labels: a partner who wrote a label is told its code.
          choices: nomenclature ? [...nomenclature.values.map((v) => v.code), ...nomenclature.values.map((v) => v.label)] : undefined,
        },
      ];
    });
    this.#byPosition = [];
    this.#present = plan.entity.fields.map(() => false);
    for (const column of this.#columns) {
      this.#byPosition[column.position] = column;
      this.#present[column.position] = true;
    }
    this.#values = plan.entity.fields.map(() => undefined);
    this.#known = plan.columns.length;
    // A column without header that the partner mapped to a field is checked as that field.
    this.#headerless = plan.columns.filter((column) => column.header.trim() === '' && column.field === undefined).map((column) => column.index);
    this.#headed = plan.columns.filter((column) => column.header.trim() !== '');
    this.#recordWidth = plan.recordWidth ?? Infinity;
    this.#dates = this.#columns.filter((column) => plan.entity.fields[column.position]?.type === 'date');
    // Duplicates are looked for only when every field of the key has its column.
    this.#keyColumn = this.#rules.key.length > 0 && this.#rules.key.every((position) => this.#present[position]) ? this.#byPosition[this.#rules.key[0] as number] : undefined;
    if (options.csvHeader !== false) this.#onCsv?.(csvHeader());
  }

  readonly sink: RowSink = (row, cells, width, numeric) => {
    if (row <= this.#headerRow) return;
    let empty = true;
    for (let i = 0; i < width; i += 1) {
      if (!isBlankCell(cells[i])) {
        empty = false;
        break;
      }
    }
    if (empty) return;
    this.#row = row;
    this.#cells = cells;
    this.#width = width;
    if (this.#isHeader()) {
      this.#repeatedHeaders += 1;
      if (this.#repeatedHeader.length < FIRST_ROWS) this.#repeatedHeader.push(row);
      return;
    }
    this.#rows += 1;
    if (width > this.#known || this.#headerless.length > 0) this.#unheaded();
    // Only mapped fields ever hold a value: each is written on every row, so nothing needs clearing.
    const values = this.#values;
    const columns = this.#columns;
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c] as Column;
      // A row stops at its last cell: a column past it is empty in this row, whatever the array holds.
      const text = column.source < width ? cells[column.source] : undefined;
      if (text === undefined || isBlank(text)) {
        values[column.position] = undefined;
        continue;
      }
      column.report.filled += 1;
      values[column.position] = column.parse(text, numeric !== undefined && numeric[column.source] === 1);
    }
    checkRecordValues(this.#rules, values, this.#report, this.#present, this.#failed);
    for (const column of this.#dates) {
      const value = values[column.position];
      if (typeof value === 'string' && !this.#failed[column.position] && (value < '1900-01-01' || value > '2100-12-31')) this.#add(column, implausible, 'avertissement');
    }
    if (this.#keyColumn) {
      const first = this.#keys.addRecord(values, this.#rules.key, row);
      if (first !== 0) this.#add(this.#keyColumn, this.#rules.duplicate, 'erreur', ` Première occurrence : ligne ${first}.`);
    }
  };

  /** The row repeats the header: each column with a header holds its header's text. */
  #isHeader(): boolean {
    const headed = this.#headed;
    if (headed.length === 0) return false;
    for (let c = 0; c < headed.length; c += 1) {
      const column = headed[c] as ColumnMatch;
      const text = this.#cell(column.index);
      if (text === column.header) continue;
      // Trimmed, a text no longer than the header cannot equal it unless it already did: no trim per row.
      if (text === undefined || text.length <= column.header.length || text.trim() !== column.header) return false;
    }
    return true;
  }

  /** Values the header does not name: past a CSV header's last field, an error; in a column without header, counted. */
  #unheaded(): void {
    const width = this.#width;
    const row = this.#row;
    const tally = (c: number) => {
      let orphan = this.#orphans.get(c);
      if (!orphan) this.#orphans.set(c, (orphan = { count: 0, rows: [] }));
      orphan.count += 1;
      if (orphan.rows.length < FIRST_ROWS) orphan.rows.push(row);
    };
    for (const c of this.#headerless) if (c < width && !isBlankCell(this.#cells[c])) tally(c);
    const record = Math.min(width, this.#recordWidth);
    for (let c = this.#known; c < record; c += 1) if (!isBlankCell(this.#cells[c])) tally(c);
    let extra = -1;
    let extras = 0;
    for (let c = this.#recordWidth; c < width; c += 1) {
      if (isBlankCell(this.#cells[c])) continue;
      if (extra < 0) extra = c;
      extras += 1;
    }
    if (extra < 0) return;
    const place = cellRef(row, extra + 1);
    const more = width - this.#recordWidth;
    this.#addAt(extra, {
      severity: 'erreur',
      rule: 'extrait.ligne.cellules-en-trop',
      message: `La ligne ${row} a ${countOf(width, 'cellule', 'cellules')}, ${more > 1 ? `${more} de plus` : 'une de plus'} que la ligne d’en-têtes (${this.#recordWidth}) : ${extras > 1 ? `la cellule ${place} et ${countOf(extras - 1, 'autre', 'autres')} n’ont` : `la cellule ${place} n’a`} pas de colonne, et les valeurs de la ligne sont peut-être décalées.`,
      fix: 'Une valeur qui contient le séparateur doit être entre guillemets ; sinon retirez la cellule en trop, ou donnez un en-tête à sa colonne.',
    });
  }

  /** Issues about the file found while reading it: repeated header rows, values in columns without a header. */
  fileIssues(): Problem[] {
    return stateFileIssues(this.state());
  }

  /** An error at a cell that belongs to no column (no field, no column report). */
  #addAt(index: number, issue: Finding): void {
    const row = this.#row;
    this.#counts.erreur += 1;
    const raw = this.#cell(index);
    const value = isBlankCell(raw) ? undefined : detach(raw as string);
    const place = cellRef(row, index + 1);
    if (this.#issues.length < this.#listed) {
      const entry: Problem = { severity: 'erreur', rule: issue.rule, row, column: index, place, mask: 'text', message: issue.message, fix: issue.fix };
      if (value !== undefined) entry.value = value;
      this.#issues.push(entry);
    }
    if (this.#onCsv) {
      this.#csv.push([String(row), place, '', '', severityLabels.erreur, value === undefined ? undefined : maskValue('text', value), issue.message, issue.fix, issue.rule]);
      if (this.#csv.length >= CSV_BATCH) this.#flushCsv();
    }
  }

  readonly #report = (position: number, issue: Finding): void => {
    const column = this.#byPosition[position];
    if (!column) return;
    const text = this.#cell(column.source);
    this.#add(column, text === undefined ? issue : explainDate(text, issue), 'erreur');
  };

  /** The text of the current row's cell at a 0-based column; undefined past the row's last cell. */
  #cell(index: number): string | undefined {
    return index < this.#width ? this.#cells[index] : undefined;
  }

  #add(column: Column, issue: Finding, severity: Severity, detail = ''): void {
    const row = this.#row;
    this.#counts[severity] += 1;
    let kind = column.kinds.get(issue);
    if (!kind) {
      kind = { rule: issue.rule, severity, message: issue.message, fix: issue.fix, count: 0, rows: [] };
      column.kinds.set(issue, kind);
    }
    kind.count += 1;
    if (kind.rows.length < FIRST_ROWS) kind.rows.push(row);
    if (severity === 'erreur' && column.lastInvalidRow !== row) {
      column.lastInvalidRow = row;
      column.report.invalid += 1;
    }
    const listed = this.#issues.length < this.#listed;
    if (!listed && !this.#onCsv) return;
    const raw = this.#cell(column.source);
    const value = isBlankCell(raw) ? undefined : detach(raw as string);
    const fix = issue.rule === 'value.nomenclature' && value !== undefined ? `${issue.fix}${this.#suggest(column, value)}` : issue.fix;
    const place = cellRef(row, column.source + 1);
    const message = issue.message + detail;
    if (listed) {
      const entry: Problem = { severity, rule: issue.rule, row, column: column.source, place, field: column.report.field, mask: column.mask, message, fix };
      if (value !== undefined) entry.value = value;
      this.#issues.push(entry);
    }
    if (this.#onCsv) {
      this.#csv.push([String(row), place, column.header, column.report.field, severityLabels[severity], value === undefined ? undefined : maskValue(column.mask, value), message, fix, issue.rule]);
      if (this.#csv.length >= CSV_BATCH) this.#flushCsv();
    }
  }

  #suggest(column: Column, value: string): string {
    const cache = column.suggestions;
    const choices = column.choices;
    if (!cache || !choices) return '';
    if (!cache.has(value)) {
      const match = matchChoice(value, choices);
      const found = match.kind === 'exact' ? value : match.kind === 'loose' ? match.value : match.suggestion;
      const codes = choices.slice(0, choices.length / 2);
      // A label found stands for its code (labels follow the codes in the same order).
      const code = found === undefined ? undefined : codes.includes(found) ? found : codes[choices.indexOf(found) - codes.length];
      if (cache.size < 10_000) cache.set(value, code);
      return code ? ` Vouliez-vous dire « ${code} » ?` : '';
    }
    const code = cache.get(value);
    return code ? ` Vouliez-vous dire « ${code} » ?` : '';
  }

  #flushCsv(): void {
    if (this.#csv.length === 0 || !this.#onCsv) return;
    // toCsv starts every file with a byte-order mark: pieces after the first leave it out.
    this.#onCsv(toCsv(this.#csv).slice(1));
    this.#csv = [];
  }

  /** Data rows seen so far. */
  get rows(): number {
    return this.#rows;
  }

  /** The keys seen so far. */
  get keys(): KeySet {
    return this.#keys;
  }

  /** What was found so far, the issues found written to the CSV export. */
  state(): CheckerState {
    this.#flushCsv();
    return {
      rows: this.#rows,
      counts: { ...this.#counts },
      issues: [...this.#issues],
      columns: this.#columns.map((column) => ({ ...column.report, kinds: [...column.kinds.values()].map((kind) => ({ ...kind, rows: [...kind.rows] })), serialDates: column.notes.serialDates })),
      repeatedHeaders: this.#repeatedHeaders,
      repeatedHeaderRows: [...this.#repeatedHeader],
      orphans: [...this.#orphans].map(([c, orphan]) => [c, orphan.count, [...orphan.rows]]),
    };
  }

  /** Ends the CSV export with the issues about the file or whole columns, and returns the counts. */
  finish(fileIssues: readonly Problem[] = []): CheckerResult {
    for (const issue of fileIssues) this.#csv.push(fileIssueLine(issue));
    this.#flushCsv();
    return resultOf(this.state());
  }
}

/** The first line of the CSV export of issues (with the byte-order mark). */
export const csvHeader = (): string => toCsv([CSV_HEADER]);

const fileIssueLine = (issue: Problem): (string | undefined)[] => ['', issue.place, '', issue.field, severityLabels[issue.severity], undefined, issue.message, issue.fix, issue.rule];

/** The end of the CSV export: the issues about the file or whole columns, after every cell issue. */
export const fileIssuesCsv = (fileIssues: readonly Problem[]): string => (fileIssues.length === 0 ? '' : toCsv(fileIssues.map(fileIssueLine)).slice(1));

/** The result for the report: each column's kinds, most frequent first (on a tie, the first found first). */
export function resultOf(state: CheckerState): CheckerResult {
  return {
    rows: state.rows,
    columns: state.columns.map((column) => ({ ...column, kinds: [...column.kinds].sort((a, b) => b.count - a.count) })),
    issues: state.issues,
    counts: state.counts,
  };
}

/**
 * The states of consecutive parts of a file, merged to the state one checker reading them in turn would
 * have reached (duplicate keys across parts excepted: the parts' KeySets are merged by the caller).
 * A kind is the same in two parts when its rule, severity and texts are: within a checker, one Finding.
 */
export function mergeStates(states: readonly CheckerState[], listed = LISTED_ISSUES): CheckerState {
  const first = states[0] as CheckerState;
  const counts: Record<Severity, number> = { erreur: 0, avertissement: 0, information: 0 };
  const orphans = new Map<number, [number, number, number[]]>();
  const columns = first.columns.map((column) => ({ ...column, filled: 0, invalid: 0, serialDates: 0, kinds: [] as IssueKind[] }));
  const kinds = columns.map(() => new Map<string, IssueKind>());
  const merged: CheckerState = { rows: 0, counts, issues: [], columns, repeatedHeaders: 0, repeatedHeaderRows: [], orphans: [] };
  for (const state of states) {
    merged.rows += state.rows;
    for (const severity of Object.keys(counts) as Severity[]) counts[severity] += state.counts[severity];
    for (const issue of state.issues) if (merged.issues.length < listed) merged.issues.push(issue);
    state.columns.forEach((column, c) => {
      const into = columns[c] as ColumnReport;
      into.filled += column.filled;
      into.invalid += column.invalid;
      into.serialDates += column.serialDates;
      const byKey = kinds[c] as Map<string, IssueKind>;
      for (const kind of column.kinds) {
        const key = JSON.stringify([kind.rule, kind.severity, kind.message, kind.fix]);
        let seen = byKey.get(key);
        if (!seen) {
          seen = { ...kind, count: 0, rows: [] };
          byKey.set(key, seen);
          into.kinds.push(seen);
        }
        seen.count += kind.count;
        for (const row of kind.rows) if (seen.rows.length < FIRST_ROWS) seen.rows.push(row);
      }
    });
    merged.repeatedHeaders += state.repeatedHeaders;
    for (const row of state.repeatedHeaderRows) if (merged.repeatedHeaderRows.length < FIRST_ROWS) merged.repeatedHeaderRows.push(row);
    for (const [c, count, rows] of state.orphans) {
      let orphan = orphans.get(c);
      if (!orphan) orphans.set(c, (orphan = [c, 0, []]));
      orphan[1] += count;
      for (const row of rows) if (orphan[2].length < FIRST_ROWS) orphan[2].push(row);
    }
  }
  merged.orphans = [...orphans.values()];
  return merged;
}

/** Issues about the file found while reading it: repeated header rows, values in columns without a header. */
export function stateFileIssues(state: CheckerState): Problem[] {
  const issues: Problem[] = [];
  const repeated = state.repeatedHeaders;
  if (repeated > 0) {
    const rows = state.repeatedHeaderRows.join(', ') + (repeated > state.repeatedHeaderRows.length ? '…' : '');
    issues.push({
      severity: 'avertissement',
      rule: 'extrait.ligne.en-tetes-repetes',
      row: state.repeatedHeaderRows[0] as number,
      place: repeated > 1 ? 'Fichier' : `Ligne ${rows}`,
      message: repeated > 1 ? `La ligne d’en-têtes est répétée ${repeated.toLocaleString('fr-FR')} fois (lignes ${rows}) : ces lignes ne sont pas vérifiées.` : `La ligne d’en-têtes est répétée en ligne ${rows} : cette ligne n’est pas vérifiée.`,
      fix: 'Des exports mis bout à bout ? Retirez les lignes d’en-têtes répétées, pour que le fichier n’en ait qu’une, en tête.',
    });
  }
  for (const [c, count, firstRows] of [...state.orphans].sort(([a], [b]) => a - b)) {
    const rows = firstRows.join(', ') + (count > firstRows.length ? '…' : '');
    issues.push({
      severity: 'avertissement',
      rule: 'extrait.colonne.sans-en-tete',
      column: c,
      place: `Colonne ${cellRef(1, c + 1).slice(0, -1)}`,
      message: `La colonne ${cellRef(1, c + 1).slice(0, -1)} n’a pas d’en-tête mais contient ${countOf(count, 'valeur', 'valeurs')} (${plural(count, 'ligne', 'lignes')} ${rows}) : elle n’est pas vérifiée.`,
      fix: 'Donnez-lui pour en-tête le code ou le libellé de son champ, ou retirez-la de l’extrait si elle n’en fait pas partie.',
    });
  }
  return issues;
}
