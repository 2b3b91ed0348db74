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

declare module 'virtual:agora/etat-des-lieux-validators' {
  import type { ErrorObject } from 'ajv';

  interface StandaloneValidator {
    (data: unknown): boolean;
    errors?: ErrorObject[] | null;
  }

  /** « Partenaire » of the état des lieux (src/core/etat-des-lieux/schemas.ts). */
  export const validatePartnerRecord: StandaloneValidator;
  /** One filled row of « Dispositifs », of « Systèmes d’information », of « Périmètre ». */
  export const validateDispositif: StandaloneValidator;
  export const validateSysteme: StandaloneValidator;
  export const validateCouple: StandaloneValidator;
  /** The very hidden metadata sheet, as key → value. */
  export const validateMetadata: StandaloneValidator;
}

declare module 'virtual:agora/dictionaries' {
  import type { Dictionary } from './core/dictionary/model.ts';
  import type { Release } from './core/dictionary/schemas/release-index.ts';

  /** Every version the site builds, loaded from dictionary/ and releases/ (src/integrations/dictionaries.ts). */
  const data: {
    /** Published versions, newest first, with their entry of releases/index.yaml. */
    published: { dictionary: Dictionary; release: Release }[];
    /** The working copy when its version is not published yet. */
    draft: Dictionary | null;
  };
  export default data;
}

declare module 'virtual:starlight/pagefind-config' {
  /** Starlight's `pagefind` option with its defaults (ranking weights among them), as Starlight's own search passes it to Pagefind. */
  export const pagefindUserConfig: Record<string, unknown>;
}
