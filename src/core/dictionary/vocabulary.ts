/**
 * The dictionary's closed vocabularies and their French labels, without zod: browser islands (the
 * field filter, the version comparison) import them without pulling the schemas into their bundle.
 */
export const dataTypes = ['texte', 'entier', 'decimal', 'date', 'booleen', 'code'] as const;
export type DataType = (typeof dataTypes)[number];

export const obligations = ['obligatoire', 'conditionnelle', 'facultative'] as const;
export type Obligation = (typeof obligations)[number];

export const sensitivities = ['normale', 'élevée'] as const;
export type Sensitivity = (typeof sensitivities)[number];

export const dataTypeLabels: Record<DataType, string> = {
  texte: 'texte',
  entier: 'entier',
  decimal: 'décimal',
  date: 'date',
  booleen: 'booléen',
  code: 'code',
};

export const obligationLabels: Record<Obligation, string> = {
  obligatoire: 'Obligatoire',
  conditionnelle: 'Conditionnelle',
  facultative: 'Facultative',
};
