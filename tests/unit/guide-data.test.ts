import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformConfigSchema } from '../../src/core/config/platform.ts';
import { readDataFile } from '../../src/core/data-file.ts';
import { glossarySchema } from '../../src/core/guide/glossary.ts';
import { emptyProgress, journeySchema, parseProgress, progressSummary, toggleStep, type Journey } from '../../src/core/guide/journey.ts';
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

  it('rejects a journey with two steps of the same id', () => {
    const text = 'strands:\n  - id: a\n    label: A\n    steps:\n      - { id: x, label: X, detail: D, link: /guide/ }\n      - { id: x, label: Y, detail: D, link: /guide/ }\n';
    expect(readDataFile('src/data/parcours.yaml', text, journeySchema).problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "src/data/parcours.yaml:1 — Le fichier contient deux étapes de même identifiant : chaque étape a le sien.",
      ]
    `);
  });
});

describe('checklist progress', () => {
  const journey: Journey = {
    strands: [
      { id: 'juridique', label: 'Volet juridique', steps: [{ id: 'a', label: 'A', detail: 'D', link: '/guide/' }, { id: 'b', label: 'B', detail: 'D', link: '/guide/' }] },
      { id: 'donnees', label: 'Volet données', steps: [{ id: 'c', label: 'C', detail: 'D', link: '/guide/' }] },
    ],
  };
  const now = new Date('2026-11-25T10:00:00Z');

  it('ticks, unticks and counts per strand', () => {
    const ticked = toggleStep(toggleStep(emptyProgress, 'a', true, now), 'c', true, now);
    expect(progressSummary(journey, ticked)).toEqual({
      done: 2,
      total: 3,
      strands: [
        { id: 'juridique', label: 'Volet juridique', done: 1, total: 2 },
        { id: 'donnees', label: 'Volet données', done: 1, total: 1 },
      ],
    });
    expect(toggleStep(ticked, 'a', false, now).checked).toEqual({ c: now.toISOString() });
  });

  it('survives what storage may hold: nothing, garbage, an old format, unknown steps', () => {
    expect(parseProgress(null, journey)).toEqual(emptyProgress);
    expect(parseProgress('{pas du json', journey)).toEqual(emptyProgress);
    expect(parseProgress('{"version":0,"checked":{"a":"2026-01-01"}}', journey)).toEqual(emptyProgress);
    expect(parseProgress('null', journey)).toEqual(emptyProgress);
    expect(parseProgress('{"version":1,"checked":{"a":"2026-01-01T00:00:00Z","z":"2026-01-01T00:00:00Z","b":"hier"}}', journey)).toEqual({
      version: 1,
      checked: { a: '2026-01-01T00:00:00Z' },
    });
  });
});
