import type { APIRoute, GetStaticPaths } from 'astro';
import { dictionaryArtefacts, type Artefact } from '../../../core/artefacts/registry.ts';
import type { Dictionary } from '../../../core/dictionary/model.ts';
import { dictionaries, pageAliases } from '../../../data/dictionaries.ts';

/** Every artefact of every version, plus the « latest » aliases of the newest one. */
export const getStaticPaths = (() =>
  dictionaries.flatMap((dictionary) =>
    pageAliases(dictionary).flatMap((alias) => dictionaryArtefacts(dictionary).map((artefact) => ({ params: { version: alias, path: artefact.path(alias) }, props: { artefact, dictionary } }))),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ artefact: Artefact; dictionary: Dictionary }> = async ({ props }) => {
  const body = await props.artefact.build(props.dictionary);
  // Response wants an ArrayBuffer-backed view; copying also keeps the artefact cache untouched.
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: { 'Content-Type': props.artefact.mediaType } });
};
