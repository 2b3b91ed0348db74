/**
 * The record checks of partner workbooks: whether a record (the text of a sheet's answered cells) holds
 * what must be there and is well formed. The records' schemas are plain JSON Schema of a small subset —
 * required cells, non-empty text, one e-mail form, a layout constant and a version pattern — so they are
 * interpreted here, in plain TypeScript: the same check runs in the browser (no code generated, no
 * `eval`, which the CSP forbids), in a Worker and in Node. Errors keep Ajv's shape and order
 * (`keyword`, `instancePath`, `params`), and tests/unit/record-check.test.ts holds them to Ajv's.
 */

/** A text cell: present as text, optionally non-empty, of a pattern or an e-mail address. */
export interface TextSchema {
  readonly type: 'string';
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: 'email';
}

/** A cell whose value is fixed (the layout version of a template). */
export interface ConstSchema {
  readonly const: string;
}

export type PropertySchema = TextSchema | ConstSchema;

/** One record of a workbook: its cells by key. */
export interface RecordSchema {
  readonly $id: string;
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly additionalProperties?: false;
}

export interface RecordError {
  keyword: 'type' | 'required' | 'additionalProperties' | 'minLength' | 'pattern' | 'format' | 'const';
  /** `/key` of the cell the error is about; empty for `required` and `additionalProperties`, whose key is in `params`. */
  instancePath: string;
  params: Record<string, unknown>;
}

/** Whether `data` is valid, with the reasons left in `errors` (null when valid), as Ajv's validators do. */
export interface RecordValidator {
  (data: unknown): boolean;
  errors?: RecordError[] | null;
}

/** ajv-formats' « full » e-mail form (the one Ajv applied here until now; the test compares them). */
export const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Length in Unicode code points, as JSON Schema counts it. */
const length = (text: string): number => [...text].length;

function checkProperty(key: string, schema: PropertySchema, value: unknown, errors: RecordError[]): void {
  const instancePath = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if ('const' in schema) {
    if (value !== schema.const) errors.push({ keyword: 'const', instancePath, params: { allowedValue: schema.const } });
    return;
  }
  if (typeof value !== 'string') {
    errors.push({ keyword: 'type', instancePath, params: { type: 'string' } });
    return;
  }
  if (schema.minLength !== undefined && length(value) < schema.minLength) errors.push({ keyword: 'minLength', instancePath, params: { limit: schema.minLength } });
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) errors.push({ keyword: 'pattern', instancePath, params: { pattern: schema.pattern } });
  if (schema.format === 'email' && !EMAIL.test(value)) errors.push({ keyword: 'format', instancePath, params: { format: 'email' } });
}

/** The check of one record schema: every error at once. */
export function recordCheck(schema: RecordSchema): RecordValidator {
  const validate: RecordValidator = (data: unknown) => {
    const errors: RecordError[] = [];
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      errors.push({ keyword: 'type', instancePath: '', params: { type: 'object' } });
    } else {
      const record = data as Record<string, unknown>;
      const present = (key: string) => Object.hasOwn(record, key) && record[key] !== undefined;
      for (const key of schema.required) if (!present(key)) errors.push({ keyword: 'required', instancePath: '', params: { missingProperty: key } });
      if (schema.additionalProperties === false) {
        for (const key of Object.keys(record)) if (!Object.hasOwn(schema.properties, key)) errors.push({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: key } });
      }
      for (const [key, property] of Object.entries(schema.properties)) if (present(key)) checkProperty(key, property, record[key], errors);
    }
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  return validate;
}

/** One check per schema, under the same names: `recordChecks({ validatePairRow: pairRowSchema })`. */
export function recordChecks<Names extends string>(schemas: Readonly<Record<Names, RecordSchema>>): Record<Names, RecordValidator> {
  return Object.fromEntries(Object.entries<RecordSchema>(schemas).map(([name, schema]) => [name, recordCheck(schema)])) as Record<Names, RecordValidator>;
}
