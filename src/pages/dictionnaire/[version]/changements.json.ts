import type { APIRoute, GetStaticPaths } from 'astro';
import { diffDictionaries } from '../../../core/dictionary/diff.ts';
import { itemUrl } from '../../../core/dictionary/urls.ts';
import { dictionaries, versionInfo, type VersionInfo } from '../../../data/dictionaries.ts';

/** The changes from the previous version, as JSON: each with its bump and the address of the item in both versions. */
export const getStaticPaths = (() =>
  dictionaries.map(versionInfo).flatMap((info) => (info.previous ? [{ params: { version: info.dictionary.manifest.version }, props: { info } }] : []))) satisfies GetStaticPaths;

export const GET: APIRoute<{ info: VersionInfo & { previous: NonNullable<VersionInfo['previous']> } }> = ({ props }) => {
  const diff = diffDictionaries(props.info.previous, props.info.dictionary);
  const body = {
    $comment: 'Généré depuis le dictionnaire du Portail partenaires AGORA : changements entre deux versions successives.',
    from: diff.from,
    to: diff.to,
    bump: diff.bump,
    changes: diff.changes.map(({ before, after, ...change }) => ({
      ...change,
      ...(before ? { before: { ...before, url: itemUrl(diff.from, before) } } : {}),
      ...(after ? { after: { ...after, url: itemUrl(diff.to, after) } } : {}),
    })),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
