import type { Dictionary } from '../core/dictionary/model.ts';
import { sidebarEntries } from '../core/dictionary/pages.ts';
import { ABOUT_URL, DICTIONARY_URL, pageUrl, VERSIONS_URL } from '../core/dictionary/urls.ts';
import { inForce } from '../core/dictionary/statuses.ts';
import { readRepository } from './releases.ts';

/** The version partners should use: the newest published one « en vigueur », else the newest one built. */
export function currentVersion(root: string): Dictionary | undefined {
  const { repository } = readRepository(root);
  if (!repository) return undefined;
  return inForce(repository.published)?.dictionary ?? repository.draft;
}

/**
 * Starlight's sidebar, in the order of a partner's journey. The dictionary's entries are those of the
 * version in force, read from the repository, so that a new entity appears in the menu without editing
 * the configuration.
 */
export function sidebar(root: string) {
  const dictionary = currentVersion(root);
  const pages = dictionary ? sidebarEntries(dictionary, (item) => pageUrl(dictionary.manifest.version, item)) : [];
  return [
    { label: 'Accueil', link: '/' },
    { label: 'Parcours d’accrochage', items: [{ autogenerate: { directory: 'guide' } }] },
    { label: 'Vérifier mes fichiers', items: [{ autogenerate: { directory: 'verifier' } }] },
    {
      label: 'Dictionnaire des données',
      items: [
        { label: 'Présentation et versions', link: DICTIONARY_URL },
        ...pages,
        { label: 'Versions et changements', link: VERSIONS_URL },
        { label: 'À propos du dictionnaire', link: ABOUT_URL },
      ],
    },
    { label: 'Ressources', items: [{ autogenerate: { directory: 'ressources' } }] },
  ];
}
