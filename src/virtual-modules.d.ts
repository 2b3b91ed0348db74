// Modules that exist only at build time, served by Vite plugins of src/integrations/.
declare module 'virtual:agora/kit-validators' {
  import type { ErrorObject } from 'ajv';

  /** An Ajv standalone validator: returns whether `data` is valid, and leaves the reasons in `errors`. */
  interface StandaloneValidator {
    (data: unknown): boolean;
    errors?: ErrorObject[] | null;
  }

  /** « Partenaire » as a record keyed by layout.partnerRows (src/core/kit/schemas.ts). */
  export const validatePartnerRecord: StandaloneValidator;
  /** One filled row of « Dispositifs ». */
  export const validatePairRow: StandaloneValidator;
  /** The very hidden metadata sheet, as key → value. */
  export const validateMetadata: StandaloneValidator;
}

// The exported data of src/data/dictionaries.ts, evaluated at build time (src/integrations/build-time-data.ts).
declare module '*/data/dictionaries.ts?build-time-data' {
  export const dictionaries: import('./core/dictionary/model.ts').Dictionary[];
  export const latest: import('./core/dictionary/model.ts').Dictionary;
}
