// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import mdx from '@astrojs/mdx';
import { securityHeadersIntegration } from './src/integrations/security-headers.ts';

export default defineConfig({
  site: 'https://portail-partenaires-agora.example',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Portail partenaires AGORA',
      description:
        'Guide d’accrochage, dictionnaire des données et validateurs de fichiers pour les partenaires de la plateforme AGORA.',
      defaultLocale: 'root',
      locales: { root: { label: 'Français', lang: 'fr' } },
      customCss: ['./src/styles/site.css'],
      components: { Search: './src/components/starlight/Search.astro' },
      sidebar: [{ label: 'Accueil', link: '/' }],
    }),
    preact(),
    mdx(),
    securityHeadersIntegration(),
  ],
});
