// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import mdx from '@astrojs/mdx';
import { securityHeadersIntegration } from './src/integrations/security-headers.ts';
import { frenchTypographyIntegration } from './src/integrations/french-typography.ts';
import { precompressIntegration } from './src/integrations/precompress.ts';
import { dictionariesModule } from './src/integrations/dictionaries.ts';
import { commandLineIntegration } from './src/integrations/command-line.ts';
import { sidebar } from './src/node/sidebar.ts';

export default defineConfig({
  // The public address is deployment configuration: set SITE_URL to enable canonical URLs and the sitemap.
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  trailingSlash: 'always',
  vite: {
    // The dictionaries every page reads; workers are bundled with their own plugin list.
    plugins: [dictionariesModule()],
    // ES module workers can load ExcelJS lazily, only when an annotated copy is asked for.
    worker: { format: 'es', plugins: () => [dictionariesModule()] },
    // Without this, `astro dev` re-optimises these on the worker's first load and reloads the page.
    optimizeDeps: { include: ['@e965/xlsx', 'exceljs', 'zod', 'yaml'] },
  },
  integrations: [
    // Before Starlight: its build step indexes the pages for search, which must read the typeset text.
    frenchTypographyIntegration(),
    starlight({
      title: 'Portail partenaires AGORA',
      description:
        'Guide d’accrochage, dictionnaire des données et validateurs de fichiers pour les partenaires de la plateforme AGORA.',
      defaultLocale: 'root',
      locales: { root: { label: 'Français', lang: 'fr' } },
      customCss: ['./src/styles/site.css'],
      components: {
        Search: './src/components/starlight/Search.astro',
        Banner: './src/components/starlight/Banner.astro',
        Footer: './src/components/starlight/Footer.astro',
      },
      sidebar: sidebar(process.cwd()),
    }),
    preact(),
    mdx(),
    securityHeadersIntegration(),
    // The command line's single file, beside its page « Vérifier dans vos traitements ».
    commandLineIntegration(),
    // Last: compresses the pages as every other step left them.
    precompressIntegration(),
  ],
});
