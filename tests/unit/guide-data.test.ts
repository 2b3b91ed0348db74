import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../../src/core/data-file.ts';
import { glossarySchema } from '../../src/core/guide/glossary.ts';
import { journeySchema } from '../../src/core/guide/journey-schema.ts';

const read = (path: string) => readFileSync(path, 'utf8');

describe('guide data files', () => {
  it.each([
    ['src/data/glossaire.yaml', glossarySchema],
    ['src/data/parcours.yaml', journeySchema],
  ] as const)('%s is valid', (path, schema) => {
    expect(readDataFile(path, read(path), schema).problems).toEqual([]);
  });
});
