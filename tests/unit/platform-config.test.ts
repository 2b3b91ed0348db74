import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contactFor, contactTopics, platformConfigSchema } from '../../src/core/config/platform.ts';
import { loadDataFile, readDataFile } from '../../src/core/data-file.ts';
import { formatProblem } from '../../src/core/problems.ts';

const path = 'src/config/plateforme.yaml';
const check = (text: string) => readDataFile(path, text, platformConfigSchema).problems.map(formatProblem);

describe('platform configuration (src/config/plateforme.yaml)', () => {
  it('accepts the shipped file', () => {
    expect(check(readFileSync(path, 'utf8'))).toEqual([]);
  });

  it('accepts empty lists: the site then shows each block as « à fournir »', () => {
    expect(check('contacts: []\ndocuments: []\n')).toEqual([]);
  });

  it('names file:line, the key and the fix for every mistake', () => {
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
      '  - title: Annexe',
      '    strand: juridique',
      'telephone: 01 02 03 04 05',
    ].join('\n');
    expect(check(text)).toMatchInlineSnapshot(`
      [
        "src/config/plateforme.yaml:3 — La propriété « email » doit être une adresse électronique.",
        "src/config/plateforme.yaml:4 — La propriété « contacts » (élément n° 2) doit indiquer « email » ou « url ».",
        "src/config/plateforme.yaml:9 — La propriété « url » doit être une adresse https://….",
        "src/config/plateforme.yaml:10 — La propriété « description » est obligatoire et manque.",
        "src/config/plateforme.yaml:12 — Propriété inconnue : « telephone ». Vérifiez l’orthographe ou retirez-la.",
      ]
    `);
  });

  it('stops the build with a French message when the file is broken', () => {
    expect(() => loadDataFile(path, 'contacts: {}\n', platformConfigSchema)).toThrowErrorMatchingInlineSnapshot(`
      [Error: Fichier de données invalide :
      src/config/plateforme.yaml:1 — La propriété « contacts » n’a pas le bon type : il faut une liste.
      src/config/plateforme.yaml:1 — La propriété « documents » est obligatoire et manque.]
    `);
  });

  it('gives each topic one contact: its own, else the general one, else none', () => {
    const contacts = [
      { role: 'Équipe accrochage', email: 'accrochage@exemple.fr' },
      { role: 'Équipe interops', email: 'interops@exemple.fr', topics: ['technique' as const] },
    ];
    expect(contactFor({ contacts }, 'technique')?.email).toBe('interops@exemple.fr');
    expect(contactTopics.filter((topic) => topic !== 'technique').map((topic) => contactFor({ contacts }, topic)?.email)).toEqual(contactTopics.filter((t) => t !== 'technique').map(() => 'accrochage@exemple.fr'));
    expect(contactFor({ contacts: [contacts[1]!] }, 'juridique')).toBeUndefined();
    expect(contactFor({ contacts: [] }, 'site')).toBeUndefined();
  });

  it('takes the legal notice’s publisher, director and host as configuration, none required', () => {
    expect(check('contacts: []\ndocuments: []\n')).toEqual([]);
    expect(check('contacts: []\ndocuments: []\nlegal:\n  publisher:\n    name: Caisse des Dépôts\n  director:\n    name: Prénom Nom\n  host:\n    name: Hébergeur\n    url: http://exemple.fr\n').map((line) => line.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      'src/config/plateforme.yaml:10 — La propriété « url » doit être une adresse https://….',
    ]);
  });
});
