import { checkValue, isIsoDate } from '../dictionary/check-value.ts';
import { betweenFields, sampleRange } from '../dictionary/constraints/index.ts';
import { indexDictionary, type Dictionary, type DictionaryIndex, type Entity, type Field } from '../dictionary/model.ts';
import { formatCell, parseCell } from './formats/cell-text.ts';
import { referentialMakers, type ValueMaker } from './sample-codes.ts';

/**
 * Valid records of an entity, generated from the dictionary: for the sample extracts partners
 * download, the validators' tests and the benchmark's large files. Deterministic (a row depends only
 * on the seed and its number), every value passes `checkValue`, and the record rules hold: entity
 * `key` unique, `requiredWhen`, the rules between dates of a record. Values vary from row to row but are drawn
 * from a small pool per field, built once, so that millions of rows cost no more than the strings
 * of their cells.
 */
export function sampleRecords(dictionary: Dictionary, entityId: string, count: number, seed = 1): Record<string, string>[] {
  const source = sampleSource(dictionary, entityId, seed);
  source.assertCapacity(count);
  return Array.from({ length: count }, (_, row) => source.record(row));
}

export interface SampleSource {
  entity: Entity;
  /** Columns of `row()`, in the entity's order. */
  fields: readonly Field[];
  /** The cells of a row, in field order, written into `into` when given (no allocation). */
  row(row: number, into?: string[]): string[];
  record(row: number): Record<string, string>;
  /** Throws when the entity key cannot take `count` different values. */
  assertCapacity(count: number): void;
}

/** Values drawn per field: enough to vary, few enough to stay in cache. */
const POOL_SIZE = 64;
/** Share of rows where an optional field is filled. */
const OPTIONAL_FILL = 0.8;

type Presence = 'always' | 'often' | 'never' | { trigger: number; codes: ReadonlySet<string> };

interface Column {
  field: Field;
  /** Position in `fields` (and in a row). */
  index: number;
  pool: string[];
  maker: ValueMaker | undefined;
  presence: Presence;
  /** Position of the date this one may not precede. */
  notBefore?: number;
  /** Place in the entity key: values are numbered from the row number, so never repeat. */
  key?: { radix: number; multiplier: number; offset: number };
}

export function sampleSource(dictionary: Dictionary, entityId: string, seed = 1): SampleSource {
  const entity = dictionary.entities.find((e) => e.id === entityId);
  if (!entity) throw new Error(`L’entité « ${entityId} » n’existe pas dans le dictionnaire ${dictionary.manifest.version} : choisissez l’une de ${dictionary.entities.map((e) => e.id).join(', ')}.`);
  const index = indexDictionary(dictionary);
  const fields = entity.fields;
  const position = new Map(fields.map((field, i) => [field.code, i]));
  const keyCodes = new Set(entity.key ?? []);
  const seedHash = hash(seed >>> 0);
  const draws = new Draws();

  const columns = fields.map((field, i): Column => {
    draws.reset(hash(seedHash ^ hash(i + 1)));
    const { maker, pool } = chooseMaker(field, index, dictionary, draws);
    const trigger = field.requiredWhen && position.get(field.requiredWhen.field);
    const ref = betweenFields(field, (code) => code)[0]?.other;
    const column: Column = { field, index: i, pool, maker, presence: presence(field, keyCodes.has(field.code), trigger, pool) };
    if (ref !== undefined && position.has(ref) && !keyCodes.has(field.code)) column.notBefore = position.get(ref) as number;
    return column;
  });

  let keySpace = keyCodes.size > 0 ? 1 : Infinity;
  for (const column of columns) {
    if (!keyCodes.has(column.field.code) || !column.maker) continue;
    const radix = column.maker.capacity;
    column.key = { radix, multiplier: coprimeMultiplier(radix), offset: hash(seedHash ^ column.index) % radix };
    keySpace *= radix;
  }
  const order = dependencyOrder(columns);
  for (const column of order) if (column.notBefore !== undefined) reachLatest(column, columns[column.notBefore] as Column, index);
  // The widest part of the key leads: it alone tells rows apart until its values run out.
  const keyColumns = columns.filter((column) => column.key).sort((a, b) => (b.key?.radix ?? 0) - (a.key?.radix ?? 0));

  const row = (rowNumber: number, into: string[] = new Array<string>(fields.length)) => {
    draws.reset(hash(seedHash ^ hash(rowNumber ^ 0x5bd1e995)));
    // The row number in mixed radix over the key's parts: distinct rows, distinct keys. The other
    // parts are shifted by a draw that depends on the leading part only, so that they vary from row
    // to row without ever making two keys equal.
    let rest = rowNumber;
    let lead = 0;
    for (const [n, { index: i, maker, key }] of keyColumns.entries()) {
      if (!key || !maker) continue;
      const digit = rest % key.radix;
      rest = Math.floor(rest / key.radix);
      if (n === 0) lead = digit;
      const shift = n === 0 ? key.offset : hash(key.offset ^ hash(lead + 1)) % key.radix;
      into[i] = maker.make((digit * key.multiplier + shift) % key.radix);
    }
    for (const column of order) {
      if (column.key) continue;
      into[column.index] = isPresent(column.presence, into, draws) ? pick(column, into, draws) : '';
    }
    return into;
  };
  const scratch = new Array<string>(fields.length);

  return {
    entity,
    fields,
    row,
    record(rowNumber) {
      row(rowNumber, scratch);
      const record: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 1) record[(fields[i] as Field).code] = scratch[i] as string;
      return record;
    },
    assertCapacity(count) {
      if (count > keySpace) {
        throw new Error(`L’entité « ${entity.id} » ne peut recevoir que ${keySpace} enregistrements de clé différente (${[...keyCodes].join(', ')}) : demandez-en moins ou complétez sa clé.`);
      }
    },
  };
}

function presence(field: Field, isKey: boolean, trigger: number | undefined, pool: readonly string[]): Presence {
  const required = isKey || field.obligation === 'obligatoire';
  if (pool.length === 0) {
    if (required || trigger !== undefined) {
      throw new Error(`${field.entity} — ${field.code} — aucune valeur conforme au champ n’a pu être produite. Vérifiez ses contraintes et son exemple (npm run dictionary:check).`);
    }
    return 'never';
  }
  if (required) return 'always';
  // A field on its way out (`until`: the version that withdraws it) is left empty, as partners should.
  if (field.until !== undefined) return 'never';
  if (field.obligation === 'conditionnelle') {
    // Filled exactly when the condition holds; a condition in words only may always hold.
    return trigger !== undefined && field.requiredWhen ? { trigger, codes: new Set(field.requiredWhen.in) } : 'always';
  }
  return 'often';
}

function isPresent(presence: Presence, row: readonly string[], draws: Draws): boolean {
  if (presence === 'always') return true;
  if (presence === 'never') return false;
  if (presence === 'often') return draws.next() < OPTIONAL_FILL;
  return presence.codes.has(row[presence.trigger] as string);
}

/** A value from the pool; a date that may not precede another is drawn on or after it. */
function pick(column: Column, row: readonly string[], draws: Draws): string {
  const { pool } = column;
  const floor = column.notBefore === undefined ? '' : (row[column.notBefore] as string);
  if (!floor) return pool[draws.below(pool.length)] as string;
  let low = 0;
  let high = pool.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((pool[middle] as string) < floor) low = middle + 1;
    else high = middle;
  }
  return pool[Math.min(pool.length - 1, low + draws.below(pool.length - low))] as string;
}

/** Makes sure every date of the referenced pool has a date on or after it in this pool. */
function reachLatest(column: Column, ref: Column, index: DictionaryIndex): void {
  // A key date takes any value of its maker, whose dates rise with their number.
  const latest = ref.key && ref.maker ? ref.maker.make(ref.maker.capacity - 1) : ref.pool.at(-1);
  const own = column.pool.at(-1);
  if (latest === undefined || own === undefined || own >= latest) return;
  if (!isValid(column.field, latest, index)) {
    throw new Error(`${column.field.entity} — ${column.field.code} — doit suivre ${ref.field.code} mais ses bornes l’en empêchent : revoyez ses contraintes.`);
  }
  column.pool.push(latest);
}

/** Columns in an order where each comes after the columns its rules read. */
function dependencyOrder(columns: readonly Column[]): Column[] {
  const order: Column[] = [];
  const state = new Map<Column, 'visiting' | 'done'>();
  const visit = (column: Column) => {
    if (state.get(column) === 'done') return;
    if (state.get(column) === 'visiting') {
      throw new Error(`${column.field.entity} — ${column.field.code} — ses règles requiredWhen / notBefore forment une boucle : rompez-la.`);
    }
    state.set(column, 'visiting');
    const { presence: p, notBefore } = column;
    if (typeof p === 'object') visit(columns[p.trigger] as Column);
    if (notBefore !== undefined) visit(columns[notBefore] as Column);
    state.set(column, 'done');
    order.push(column);
  };
  columns.forEach(visit);
  return order;
}

const isValid = (field: Field, text: string, index: DictionaryIndex) => checkValue(field, parseCell(field, text), index).length === 0;

/**
 * The first way of making values whose every drawn value passes the field's checks: a structured
 * maker for known referentials, values spread around the example for numbers and dates, the
 * example's shape otherwise.
 */
function chooseMaker(field: Field, index: DictionaryIndex, dictionary: Dictionary, draws: Draws): { maker: ValueMaker | undefined; pool: string[] } {
  for (const maker of candidateMakers(field, index, dictionary)) {
    const pool = drawPool(maker, draws);
    const edges = [maker.make(0), maker.make(maker.capacity - 1)];
    if (pool.length > 0 && [...pool, ...edges].every((text) => isValid(field, text, index))) {
      return { maker, pool: field.type === 'date' ? pool.sort() : pool };
    }
  }
  return { maker: undefined, pool: [] };
}

function* candidateMakers(field: Field, index: DictionaryIndex, dictionary: Dictionary): Generator<ValueMaker> {
  switch (field.type) {
    case 'booleen':
      yield { capacity: 2, make: (n) => formatCell(n === 0) };
      return;
    case 'entier':
    case 'decimal':
      yield numberMaker(field);
      return;
    case 'date':
      yield dateMaker(field, dictionary.manifest.date);
      return;
    case 'texte':
    case 'code':
      break;
  }
  const binding = field.binding;
  if (binding && 'nomenclature' in binding) {
    const values = index.nomenclatures.get(binding.nomenclature)?.values ?? [];
    // Codes on their way out are left to the partners who still have them.
    const current = values.filter((value) => value.until === undefined);
    const codes = (current.length > 0 ? current : values).map((value) => value.code);
    yield { capacity: codes.length, make: (n) => codes[n] as string };
    return;
  }
  const referential = binding && 'referential' in binding ? index.referentials.get(binding.referential) : undefined;
  if (referential) yield* referentialMakers[referential.id] ?? referentialMakers[referential.checksum ?? ''] ?? [];
  const example = typeof field.example === 'string' ? field.example : formatCell(field.example);
  yield* shapeMakers(example);
  if (referential && referential.example !== example) yield* shapeMakers(referential.example);
}

function drawPool(maker: ValueMaker, draws: Draws): string[] {
  if (maker.capacity <= POOL_SIZE) return Array.from({ length: maker.capacity }, (_, n) => maker.make(n));
  const pool = new Set<string>();
  for (let attempt = 0; pool.size < POOL_SIZE && attempt < POOL_SIZE * 4; attempt += 1) pool.add(maker.make(draws.below(maker.capacity)));
  return [...pool];
}

/** Numbers between the bounds, or from 0 to twice the example, with up to the allowed decimals. */
function numberMaker(field: Field): ValueMaker {
  const { low: min, high: max, decimals } = sampleRange(field);
  const example = typeof field.example === 'number' ? field.example : 0;
  const scale = field.type === 'entier' ? 1 : 10 ** (decimals ?? 2);
  const low = typeof min === 'number' ? min : Math.min(0, example * 2);
  const high = typeof max === 'number' ? max : Math.max(low + 100, example * 2);
  const first = Math.ceil(low * scale);
  const last = Math.floor(high * scale);
  return { capacity: Math.min(MAX_CAPACITY, Math.max(1, last - first + 1)), make: (n) => formatCell((first + n) / scale) };
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Dates around the example, within the bounds: two years either side, or half the distance to the
 * version's date for a date long past (a birth date spreads over the ages of adult learners). An
 * example in the past gives dates no later than the version's date; one in the future, planned dates.
 */
function dateMaker(field: Field, versionDate: string): ValueMaker {
  const { low: min, high: max } = sampleRange(field);
  const today = dayNumber(versionDate);
  const center = typeof field.example === 'string' && isIsoDate(field.example) ? dayNumber(field.example) : today;
  const spread = Math.max(730, Math.round((today - center) / 2));
  const latest = Math.min(center + spread, center <= today ? today : Infinity, typeof max === 'string' ? dayNumber(max) : Infinity);
  const first = Math.max(center - spread, typeof min === 'string' ? dayNumber(min) : -Infinity);
  const last = Math.max(first, latest);
  return { capacity: last - first + 1, make: (n) => isoDay(first + n) };
}

const ALPHABETS = { digit: '0123456789', vowel: 'aeiou', consonant: 'bcdfghjklmnprstvz' } as const;
type Kind = keyof typeof ALPHABETS | 'fixed';
/** Capacities beyond this are not needed, and keep the key arithmetic exact. */
const MAX_CAPACITY = 2 ** 40;

interface Slot {
  char: string;
  kind: Kind;
  upper: boolean;
}

function slots(example: string): Slot[] {
  return [...example].map((char) => {
    const base = char.normalize('NFD')[0] ?? char;
    if (/\d/.test(base)) return { char, kind: 'digit', upper: false };
    if (!/[a-z]/i.test(base)) return { char, kind: 'fixed', upper: false };
    const lower = base.toLowerCase();
    return { char, kind: ALPHABETS.vowel.includes(lower) ? 'vowel' : 'consonant', upper: base !== lower };
  });
}

/**
 * Values shaped like the example: digits replaced by digits, vowels by vowels, consonants by
 * consonants, punctuation kept (« DOS-2025-118204 » gives « DOS-7302-665190 », « Martin » gives
 * « Dolvek »). Variants keep more of the example, for patterns that fix a prefix (« 0 » of a phone
 * number, « https:// » of an address).
 */
function* shapeMakers(example: string): Generator<ValueMaker> {
  const all = slots(example);
  const headEnd = all.findIndex((slot, i) => slot.kind === 'fixed' && all[i + 1]?.kind !== 'fixed') + 1;
  const digitCount = all.filter((slot) => slot.kind === 'digit').length;
  if (digitCount >= 4) yield shapeMaker(all, (slot) => slot.kind === 'digit');
  if (digitCount >= 4) yield shapeMaker(all, (slot, i) => slot.kind === 'digit' && i > 0);
  yield shapeMaker(all, () => true);
  if (headEnd > 0) yield shapeMaker(all, (_, i) => i >= headEnd);
  yield shapeMaker(all, (_, i) => i > 0);
}

function shapeMaker(all: readonly Slot[], varies: (slot: Slot, position: number) => boolean): ValueMaker {
  // Slots vary from the end while the count of values stays exact; the start keeps the example's
  // text (« Institut régional des métiers du kaps »).
  const radices = all.map(() => 1);
  let capacity = 1;
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const slot = all[i] as Slot;
    const radix = slot.kind === 'fixed' || !varies(slot, i) ? 1 : ALPHABETS[slot.kind].length;
    if (capacity * radix > MAX_CAPACITY) break;
    radices[i] = radix;
    capacity *= radix;
  }
  return {
    capacity,
    make(n) {
      let text = '';
      let rest = n;
      for (let i = all.length - 1; i >= 0; i -= 1) {
        const slot = all[i] as Slot;
        const radix = radices[i] as number;
        if (radix === 1 || slot.kind === 'fixed') {
          text = slot.char + text;
          continue;
        }
        const char = ALPHABETS[slot.kind][rest % radix] as string;
        rest = Math.floor(rest / radix);
        text = (slot.upper ? char.toUpperCase() : char) + text;
      }
      return text;
    },
  };
}

/** A multiplier prime to `radix`: multiplying the row numbers by it scatters keys over their range. */
function coprimeMultiplier(radix: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return [4093, 4091, 4079, 4073, 4057].find((prime) => gcd(radix, prime) === 1) ?? 1;
}

/** 32-bit integer hash (lowbias32): seeds the draws of a row from its number alone. */
function hash(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Mulberry32: a fast generator whose state is one number, reset for each row. */
class Draws {
  private state = 0;

  reset(seed: number): void {
    this.state = seed | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n), exact up to 2^53 thanks to two draws. */
  below(n: number): number {
    return Math.floor((this.next() + this.next() / 4_294_967_296) * n);
  }
}
