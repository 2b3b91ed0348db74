import { STORAGE_KEY } from '../components/guide/Checklist.tsx';

/** The pages every French public site owes its readers, linked from every page's footer. */
export const legalPages = [
  { href: '/mentions-legales/', label: 'Mentions légales' },
  // The RGAA asks that the footer link state the compliance status.
  { href: '/accessibilite/', label: 'Accessibilité : non conforme' },
  { href: '/donnees-personnelles/', label: 'Données personnelles' },
] as const;

/**
 * Everything the site keeps in the browser, as the personal-data page states it; a browser test checks
 * that nothing else is ever stored and that no cookie is set.
 */
export const browserStorage = [
  {
    area: 'localStorage',
    key: STORAGE_KEY,
    what: 'les étapes que vous avez cochées sur la page « Ma progression », avec la date de chaque coche',
    until: 'jusqu’à ce que vous effaciez la progression sur cette page ou les données du site dans votre navigateur',
  },
  {
    area: 'localStorage',
    key: 'starlight-theme',
    what: 'le thème d’affichage choisi (clair, sombre ou automatique), si vous en changez',
    until: 'jusqu’à ce que vous effaciez les données du site dans votre navigateur',
  },
  {
    area: 'sessionStorage',
    key: 'sl-sidebar-state',
    what: 'l’état du menu latéral (sections ouvertes, position de défilement) d’une page à l’autre',
    until: 'jusqu’à la fermeture de l’onglet',
  },
] as const;

/** Screen widths, in pixels, at which the tests check every page type (tests/browser/site-matrix.test.ts reads them). */
export const VIEWPORTS = [390, 1280] as const;
