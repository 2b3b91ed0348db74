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

/** The mark of a field no public text was found to support (`legalBasis`), and what the pages say of it. */
export const legalBasisPending = 'à confirmer';
export const legalBasisPendingLabel = 'Base légale à confirmer par l’équipe plateforme : aucun texte public consulté ne prévoit la transmission de cette donnée à la plateforme.';
