// Modules that exist only at build time, served by Vite plugins of src/integrations/.
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
