import { pagefindUserConfig } from 'virtual:starlight/pagefind-config';
import { rankSubResults, type PageResult } from '../../core/search/sub-results.ts';
// A URL, not a style import: Astro would otherwise link these styles, render-blocking, from every page.
import stylesUrl from './search-results.css?url';

let loading: Promise<void> | undefined;

/**
 * Loads Pagefind's interface and its styles once, on the first sign that the partner wants to search;
 * pages that nobody searches from never download them.
 */
export function prepareSearch(translations: Record<string, string>): Promise<void> {
  loading ??= Promise.all([
    // @ts-expect-error: @pagefind/default-ui ships no type declarations.
    import('@pagefind/default-ui') as Promise<{ PagefindUI: new (options: Record<string, unknown>) => unknown }>,
    new Promise<void>((resolve) => {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: stylesUrl });
      link.addEventListener('load', () => resolve());
      link.addEventListener('error', () => resolve());
      document.head.append(link);
    }),
  ]).then(([{ PagefindUI }]) => {
    new PagefindUI({
      // Starlight's Pagefind options (its ranking first: long dictionary pages must not lose to short ones).
      ...pagefindUserConfig,
      element: '#starlight__search',
      baseUrl: import.meta.env.BASE_URL,
      bundlePath: `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/`,
      showImages: false,
      showSubResults: true,
      translations,
      processResult: (result: PageResult) => rankSubResults(result),
    });
  });
  return loading;
}

/** Opens the search dialog, with the field focused as soon as the interface is there. */
export async function openSearch(dialog: HTMLDialogElement, translations: Record<string, string>): Promise<void> {
  dialog.showModal();
  document.body.toggleAttribute('data-search-modal-open', true);
  await prepareSearch(translations);
  if (dialog.open) dialog.querySelector<HTMLInputElement>('input')?.focus();
}
