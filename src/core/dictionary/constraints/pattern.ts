import { formatCell } from '../../artefacts/formats/cell-text.ts';
import { finding } from '../../problems.ts';
import { defineConstraint, removeOrRetype, type Carrier } from './kind.ts';

type Pattern = { pattern?: string | undefined };

const compiledPatterns = new Map<string, RegExp | undefined>();

/** Patterns are compiled once: validators check them on every cell. An invalid one is left to the lint. */
export function compiledPattern(pattern: string): RegExp | undefined {
  if (!compiledPatterns.has(pattern)) {
    try {
      compiledPatterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      compiledPatterns.set(pattern, undefined);
    }
  }
  return compiledPatterns.get(pattern);
}

/** One pattern from several anchored ones: each but the last as a lookahead over the whole value. */
function combinedPattern(patterns: readonly string[]): string | undefined {
  if (patterns.length <= 1) return patterns[0];
  return `${patterns.slice(0, -1).map((pattern) => `(?=${pattern})`).join('')}${patterns.at(-1)}`;
}

const present = (...patterns: (string | undefined)[]) => patterns.filter((p): p is string => p !== undefined);

/** `pattern`: an anchored regular expression, for text and codes (a referential's own pattern joins it in the schemas). */
export const pattern = defineConstraint({
  shape: ({ z }) => ({
    /** Anchored regular expression (JavaScript syntax, without slashes). */
    pattern: z.string().optional(),
  }),
  keys: {
    pattern: { label: 'motif', narrows: 'changed', column: { header: 'motif' } },
  },
  lint({ type, constraints: { pattern: own } }: Carrier<Pattern>) {
    if (own === undefined) return [];
    if (type !== 'texte' && type !== 'code') return [{ keys: ['pattern'], message: 'La contrainte « pattern » ne s’applique qu’aux types texte et code.', fix: removeOrRetype }];
    try {
      new RegExp(own, 'u');
      return [];
    } catch {
      return [{ keys: ['pattern'], message: 'Le motif n’est pas une expression régulière valide.', fix: 'Corrigez le motif (une expression régulière JavaScript, sans barres obliques) ou retirez-le.' }];
    }
  },
  describe: ({ constraints: { pattern: own } }) => (own === undefined ? [] : [`Respecte le motif ${own}.`]),
  text({ constraints: { pattern: own }, example }) {
    const expression = own === undefined ? undefined : compiledPattern(own);
    if (!expression) return undefined;
    // The pattern is for machines: the partner is shown the field's example, written as a cell holds it.
    const shown = example === undefined ? undefined : formatCell(example);
    const wrong = finding('value.pattern', 'La valeur n’a pas le format attendu.', shown ? `Écrivez-la sur le modèle de l’exemple du dictionnaire : « ${shown} ».` : 'Vérifiez chaque caractère de la valeur.');
    return (value) => (expression.test(value) ? undefined : wrong);
  },
  jsonSchema({ type, constraints: { pattern: own } }, schema, bindingPattern) {
    if (type !== 'texte' && type !== 'code') return;
    const patterns = present(own, bindingPattern);
    if (patterns.length === 1) schema.pattern = patterns[0];
    if (patterns.length > 1) schema.allOf = patterns.map((p) => ({ pattern: p }));
  },
  tableSchema({ constraints: { pattern: own } }, constraints, bindingPattern) {
    const combined = combinedPattern(present(own, bindingPattern));
    if (combined !== undefined) constraints.pattern = combined;
  },
});
