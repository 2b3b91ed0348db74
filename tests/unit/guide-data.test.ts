import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformConfigSchema } from '../../src/core/config/platform.ts';
import { readDataFile } from '../../src/core/data-file.ts';
import { glossarySchema } from '../../src/core/guide/glossary.ts';
import { journeySchema } from '../../src/core/guide/journey.ts';
import { formatProblem } from '../../src/core/problems.ts';

const read = (path: string) => readFileSync(path, 'utf8');

describe('guide data files', () => {
  it.each([
    ['src/data/glossaire.yaml', glossarySchema],
    ['src/data/parcours.yaml', journeySchema],
    ['src/config/plateforme.yaml', platformConfigSchema],
  ] as const)('%s is valid', (path, schema) => {
    expect(readDataFile(path, read(path), schema).problems).toEqual([]);
  });

  it('names file:line and the fix for every mistake of the platform configuration', () => {
    const text = [
      'contacts:',
      '  - role: Équipe accrochage',
      '    email: pas-une-adresse',
      '  - role: Support',
      'documents:',
      '  - title: Convention',
      '    description: Modèle',
      '    strand: juridique',
      '    url: http://exemple.fr/convention.pdf',
      'telephone: 01 02 03 04 05',
    ].join('\n');
    const { problems } = readDataFile('src/config/plateforme.yaml', text, platformConfigSchema);
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "src/config/plateforme.yaml:3 — La propriété « email » doit être une adresse électronique.",
        "src/config/plateforme.yaml:4 — La propriété « contacts » (élément n° 2) doit indiquer « email » ou « url ».",
        "src/config/plateforme.yaml:9 — La propriété « url » doit être une adresse https://….",
        "src/config/plateforme.yaml:10 — Propriété inconnue : « telephone ». Vérifiez l’orthographe ou retirez-la.",
      ]
    `);
  });
});
