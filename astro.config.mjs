// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import mdx from '@astrojs/mdx';

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
      sidebar: [{ label: 'Accueil', link: '/' }],
    }),
    preact(),
    mdx(),
  ],
});
