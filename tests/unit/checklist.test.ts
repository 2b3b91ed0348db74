import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../../src/core/data-file.ts';
import {
  emptyProgress,
  parseProgress,
  progressSummary,
  serializeProgress,
  toggleStep,
  typesetJourney,
  type Journey,
} from '../../src/core/guide/journey.ts';
import { journeySchema } from '../../src/core/guide/journey-schema.ts';
import { formatProblem } from '../../src/core/problems.ts';

const PATH = 'src/data/parcours.yaml';
const problemsOf = (text: string) => readDataFile(PATH, text, journeySchema).problems.map(formatProblem);

describe('src/data/parcours.yaml', () => {
  const { data, problems } = readDataFile(PATH, readFileSync(PATH, 'utf8'), journeySchema);

  it('is valid and follows the journey: juridique, technique, données', () => {
    expect(problems).toEqual([]);
    expect(data?.strands.map((strand) => strand.label)).toEqual(['Volet juridique', 'Volet technique', 'Volet données']);
    const steps = data?.strands.flatMap((strand) => strand.steps) ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(12);
    expect(steps.length).toBeLessThanOrEqual(16);
  });

  it('links every step to a page of the site', () => {
    const missing = (data?.strands.flatMap((strand) => strand.steps) ?? [])
      .map((step) => step.link.replace(/#.*$/, '').replace(/\/$/, ''))
      .filter((path) => ![`src/content/docs${path}.mdx`, `src/content/docs${path}/index.mdx`].some((file) => existsSync(file)));
    expect(missing).toEqual([]);
  });
});

describe('journey schema', () => {
  it('names the line and the property of every mistake, in French', () => {
    const text = [
      'strands:',
      '  - id: Juridique',
      '    label: Volet juridique',
      '    steps:',
      '      - id: convention',
      '        label: ""',
      '        detail: Une phrase.',
      '        link: guide/volet-juridique/',
      '      - id: service',
      '        label: Signer la convention de service',
      '        link: /guide/volet-juridique/',
      '        lien: /guide/',
      '  - id: technique',
      '    label: Volet technique',
      '    steps: []',
    ].join('\n');
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      [
        "src/data/parcours.yaml:2 — La propriété « id » doit être en minuscules sans accent (lettres, chiffres, « - »).",
        "src/data/parcours.yaml:6 — La propriété « label » ne doit pas être vide.",
        "src/data/parcours.yaml:8 — La propriété « link » doit être un chemin du site (ex. /guide/volet-juridique/).",
        "src/data/parcours.yaml:9 — La propriété « detail » est obligatoire et manque.",
        "src/data/parcours.yaml:12 — Propriété inconnue : « lien ». Vérifiez l’orthographe ou retirez-la.",
        "src/data/parcours.yaml:15 — La propriété « steps » doit contenir au moins une étape.",
      ]
    `);
  });

  it('points at the step that reuses an id, even in another strand', () => {
    const text = [
      'strands:',
      '  - id: a',
      '    label: A',
      '    steps:',
      '      - { id: x, label: X, detail: D, link: /guide/ }',
      '  - id: b',
      '    label: B',
      '    steps:',
      '      - { id: y, label: Y, detail: D, link: /guide/ }',
      '      - { id: x, label: Z, detail: D, link: /guide/ }',
    ].join('\n');
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      [
        "src/data/parcours.yaml:10 — La propriété « id » reprend l’identifiant « x » d’une étape précédente : chaque étape doit avoir le sien.",
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

  it('ticks, unticks, counts per strand and lists each step with its date', () => {
    const ticked = toggleStep(toggleStep(emptyProgress, 'a', true, now), 'c', true, now);
    expect(progressSummary(journey, ticked)).toEqual({
      done: 2,
      total: 3,
      strands: [
        {
          id: 'juridique',
          label: 'Volet juridique',
          done: 1,
          total: 2,
          steps: [
            { id: 'a', label: 'A', checkedOn: '2026-11-25T10:00:00.000Z' },
            { id: 'b', label: 'B' },
          ],
        },
        { id: 'donnees', label: 'Volet données', done: 1, total: 1, steps: [{ id: 'c', label: 'C', checkedOn: '2026-11-25T10:00:00.000Z' }] },
      ],
    });
    expect(toggleStep(ticked, 'a', false, now).checked).toEqual({ c: now.toISOString() });
    expect(progressSummary(journey, emptyProgress)).toMatchObject({ done: 0, total: 3 });
  });

  it('serialises to versioned JSON that reads back the same, and to nothing once cleared', () => {
    const ticked = toggleStep(emptyProgress, 'b', true, now);
    const stored = serializeProgress(ticked);
    expect(stored).toBe('{"version":1,"checked":{"b":"2026-11-25T10:00:00.000Z"}}');
    expect(parseProgress(stored, journey)).toEqual(ticked);
    expect(serializeProgress(toggleStep(ticked, 'b', false, now))).toBeNull();
  });

  it('survives what storage may hold: nothing, garbage, an old format, unknown steps', () => {
    expect(parseProgress(null, journey)).toEqual(emptyProgress);
    expect(parseProgress('', journey)).toEqual(emptyProgress);
    expect(parseProgress('{pas du json', journey)).toEqual(emptyProgress);
    expect(parseProgress('null', journey)).toEqual(emptyProgress);
    expect(parseProgress('42', journey)).toEqual(emptyProgress);
    expect(parseProgress('{"version":0,"checked":{"a":"2026-01-01"}}', journey)).toEqual(emptyProgress);
    expect(parseProgress('{"version":1,"checked":"a"}', journey)).toEqual(emptyProgress);
    expect(parseProgress('{"version":1,"checked":["a"]}', journey)).toEqual({ version: 1, checked: {} });
    expect(parseProgress('{"version":1,"checked":{"a":"2026-01-01T00:00:00Z","z":"2026-01-01T00:00:00Z","b":"hier","c":3}}', journey)).toEqual({
      version: 1,
      checked: { a: '2026-01-01T00:00:00Z' },
    });
  });

  it('typesets the sentences the island renders in the browser', () => {
    const typeset = typesetJourney({
      strands: [{ id: 's', label: 'Volet : un', steps: [{ id: 'a', label: 'Vérifier le « kit »', detail: 'Dans le navigateur ; rien n’est envoyé ?', link: '/guide/' }] }],
    });
    expect(typeset.strands[0]?.label).toBe('Volet\u00a0: un');
    expect(typeset.strands[0]?.steps[0]).toEqual({ id: 'a', label: 'Vérifier le «\u202fkit\u202f»', detail: 'Dans le navigateur\u202f; rien n’est envoyé\u202f?', link: '/guide/' });
  });
});
