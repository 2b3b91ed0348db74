import type { Obligation } from '../dictionary/schemas/field.ts';
import { cellRef } from '../workbook/sheet.ts';

/**
 * From the header row of an extract to the dictionary's fields: each column is matched to a field by
 * its code (TIT_NIR, or NIR without the prefix) or its label, regardless of case, accents, spacing,
 * « _ » and punctuation. The entity is the one whose fields the headers match best; the partner can
 * change both before running.
 */

/** « Date d’entrée », « DATE_ENTREE », « date-entrée » all read « date entree ». */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\s_\-’'`.:;,()/\\*]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** What mapping needs of an entity: the page has this much of every version, the worker the whole dictionary. */
export interface MappingField {
  code: string;
  label: string;
  obligation: Obligation;
}

export interface MappingEntity {
  id: string;
  prefix: string;
  label: string;
  fields: readonly MappingField[];
}

export interface ColumnMatch {
  /** 0-based position in the row. */
  index: number;
  header: string;
  /** Field code, or undefined when the column is not checked. */
  field: string | undefined;
}

function namesOf(field: MappingField, entity: MappingEntity): string[] {
  return [field.code, field.code.slice(entity.prefix.length + 1), field.label].map(normalizeHeader);
}

/** The field each header names in `entity`, first come first served (a field is matched once). */
export function matchHeaders(headers: readonly string[], entity: MappingEntity): ColumnMatch[] {
  const byName = new Map<string, string>();
  for (const field of entity.fields) for (const name of namesOf(field, entity)) if (!byName.has(name)) byName.set(name, field.code);
  const taken = new Set<string>();
  return headers.map((header, index) => {
    const code = byName.get(normalizeHeader(header));
    if (!code || taken.has(code)) return { index, header, field: undefined };
    taken.add(code);
    return { index, header, field: code };
  });
}

/** The entity whose fields the headers name most often; undefined when none is named. */
export function guessEntity<E extends MappingEntity>(headers: readonly string[], entities: readonly E[]): E | undefined {
  let best: { entity: E; score: number } | undefined;
  for (const entity of entities) {
    const score = matchHeaders(headers, entity).filter((column) => column.field).length;
    if (score > 0 && (!best || score > best.score)) best = { entity, score };
  }
  return best?.entity;
}

export interface MappingCheck {
  /** Fields chosen for two columns or more: the partner must choose one. */
  duplicates: { field: string; columns: number[] }[];
  /** Columns that will not be checked. */
  unmapped: ColumnMatch[];
  /** Fields of the entity that no column holds, with their obligation. */
  missing: { code: string; label: string; obligation: Obligation }[];
}

export function checkMapping(columns: readonly ColumnMatch[], entity: MappingEntity): MappingCheck {
  const byField = new Map<string, number[]>();
  for (const column of columns) if (column.field) byField.set(column.field, [...(byField.get(column.field) ?? []), column.index]);
  return {
    duplicates: [...byField].filter(([, indexes]) => indexes.length > 1).map(([field, indexes]) => ({ field, columns: indexes })),
    unmapped: columns.filter((column) => !column.field),
    missing: entity.fields.filter((field) => !byField.has(field.code)).map((field) => ({ code: field.code, label: field.label, obligation: field.obligation })),
  };
}

/** Letter of a 0-based column, as spreadsheets show it (0 → A, 26 → AA). */
export const columnLetter = (index: number): string => cellRef(1, index + 1).slice(0, -1);

/** Rows looked at for the header: title lines and notes above a table rarely fill more. */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderCandidate {
  /** 1-based row number in the sheet or file. */
  row: number;
  cells: readonly string[];
}

export interface LocatedHeader<E extends MappingEntity> {
  row: number;
  /** The entity its headers name most, and how many of its fields they name (0: none recognised). */
  entity: E | undefined;
  score: number;
}

/**
 * The header row among the first non-empty rows: the one whose cells name the most fields of one
 * entity (the first such row on a tie), so that title lines or notes above the table are passed over.
 * Without any field named, the first non-empty row, with a score of 0.
 */
export function locateHeader<E extends MappingEntity>(rows: readonly HeaderCandidate[], entities: readonly E[]): LocatedHeader<E> | undefined {
  const candidates = rows.filter((row) => row.cells.some((cell) => cell.trim() !== '')).slice(0, HEADER_SEARCH_ROWS);
  let best: LocatedHeader<E> | undefined;
  for (const candidate of candidates) {
    let entity: E | undefined;
    let score = 0;
    for (const e of entities) {
      const named = matchHeaders(candidate.cells, e).filter((column) => column.field).length;
      if (named > score) {
        score = named;
        entity = e;
      }
    }
    if (!best || score > best.score) best = { row: candidate.row, entity, score };
  }
  return best;
}
