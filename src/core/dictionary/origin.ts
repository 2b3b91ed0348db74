/**
 * Whether a dictionary version is the platform's own (« officiel ») or composed by this portal from
 * public texts (« composé »). New versions say it in their manifest; versions frozen before the key
 * existed say it in their entry of releases/index.yaml, so that their bytes stay as published.
 */
export const dictionaryOrigins = ['composé', 'officiel'] as const;
export type DictionaryOrigin = (typeof dictionaryOrigins)[number];

/** The one wording of the notice, for pages, reports, receipts, templates and downloads alike. */
export const composedNotice = {
  title: 'Dictionnaire composé, non officiel',
  text:
    'Ce dictionnaire a été composé par ce portail à partir de textes publics ; ce n’est pas le dictionnaire ' +
    'officiel de la plateforme AGORA. Ses champs et ses codes peuvent différer de ceux que la plateforme ' +
    'attend : faites-les confirmer par l’équipe plateforme avant d’engager des travaux.',
} as const;

/** The notice's sentence when `origin` calls for one, else nothing: an official version carries none. */
export function originNotice(origin: DictionaryOrigin | undefined): string | undefined {
  return origin === 'composé' ? composedNotice.text : undefined;
}

/**
 * The notice written into a download or a template: only for versions whose manifest states their origin
 * (from 2.1.0), so that the files of versions published before keep their bytes (their pages carry it).
 */
export const fileNotice = (manifest: { origin?: DictionaryOrigin | undefined }) => originNotice(manifest.origin);

/**
 * Said beside a download of a composed version that does not carry the notice in its bytes (a CSV, or a
 * file frozen before its manifest stated the origin), so that whoever passes the file on passes the notice too.
 */
export const withoutNotice = `Ce fichier ne porte pas lui-même cet avertissement : si vous le transmettez, joignez-lui la mention « ${composedNotice.title} ».`;

/** Whether the file of an artefact says it is composed: the file's format has room for it and its manifest states it. */
export const noticeInFile = (artefact: { carriesNotice: boolean }, manifest: { origin?: DictionaryOrigin | undefined }) => artefact.carriesNotice && fileNotice(manifest) !== undefined;

/** How the origin reads in a sentence (« composé à partir de textes publics », « officiel »). */
export const originLabels: Record<DictionaryOrigin, string> = {
  composé: 'composé à partir de textes publics',
  officiel: 'dictionnaire officiel de la plateforme',
};
