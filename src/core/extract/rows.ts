/**
 * What every reader (CSV, streamed .xlsx, SheetJS for .ods/.xls) hands to the validator: one row at a
 * time, synchronously, in arrays the reader reuses for the next row (copy what you keep).
 */
export interface RowSink {
  /**
   * `row`: 1-based row number as a spreadsheet shows it (the header is row 1 when it is the first line).
   * `cells`: text of each cell up to `width`; an empty cell is `undefined` or ''. Past `width` every
   * entry is `undefined`: a row that ends early never shows the cells of a longer row read before it.
   * `numeric`: for workbooks, 1 where the cell holds a plain number (not a date-formatted one), so that a
   * date column can read Excel serial numbers. Return `false` to stop reading.
   */
  (row: number, cells: readonly (string | undefined)[], width: number, numeric: Uint8Array | undefined): boolean | void;
}

/**
 * Empties the entries [from, to) of a reused row: called by each reader when a row is shorter than
 * the one before, so that nothing carries over from row to row.
 */
export function clearTail(cells: (string | undefined)[], numeric: Uint8Array | undefined, from: number, to: number): void {
  for (let i = from; i < to; i += 1) cells[i] = undefined;
  numeric?.fill(0, from, to);
}

/** Progress of a read, in the units the reader knows (bytes of the file, or of the inflated sheet). */
export type ReadProgress = (done: number, total: number) => void;

/** Excel's day 0 is 1899-12-30 in the 1900 date system (serial 60 is the fictitious 29 February 1900). */
export function serialToIsoDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  let days = Math.floor(serial + 1e-9);
  if (date1904) days += 1462;
  else if (days < 61) days += 1;
  if (days < 1 || days > 2_958_465) return undefined;
  // Days since 1970-01-01, then the civil date (H. Hinnant's algorithm): no Date object per cell.
  const z = days - 25_569 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
