import { loadDictionary } from '../core/dictionary/load.ts';
import { readDictionaryFiles } from './dictionary-files.ts';

/**
 * Starlight's sidebar, in the order of a partner's journey. The dictionary's entries are read from
 * `dictionary/` so that a new entity appears in the menu without editing the configuration.
 */
export function sidebar(root: string) {
  const { dictionary } = loadDictionary(readDictionaryFiles(root));
  const version = dictionary?.manifest.version ?? 'latest';
  const base = `/dictionnaire/${version}`;
  return [
    { label: 'Accueil', link: '/' },
    { label: 'Parcours d’accrochage', items: [{ autogenerate: { directory: 'guide' } }] },
    { label: 'Vérifier mes fichiers', items: [{ autogenerate: { directory: 'verifier' } }] },
    {
      label: 'Dictionnaire des données',
      items: [
        { label: 'Présentation et versions', link: '/dictionnaire/' },
        { label: `Version ${version}`, link: `${base}/` },
        {
          label: 'Entités',
          collapsed: true,
          items: (dictionary?.entities ?? []).map((entity) => ({ label: entity.label, link: `${base}/${entity.id}/` })),
        },
        { label: 'Nomenclatures', link: `${base}/nomenclatures/` },
        { label: 'Référentiels externes', link: `${base}/referentiels/` },
        { label: 'Téléchargements', link: `${base}/telechargements/` },
        { label: 'À propos du dictionnaire', link: '/dictionnaire/a-propos/' },
      ],
    },
    { label: 'Ressources', items: [{ autogenerate: { directory: 'ressources' } }] },
  ];
}
