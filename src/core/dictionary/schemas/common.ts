import { z } from 'zod';

/** Semantic version « MAJEUR.MINEUR.CORRECTIF », used for the dictionary and for `since`. */
export const versionSchema = z.preprocess(
  // YAML reads `version: 2.1` as a number: say what a version number is rather than ask for « un texte ».
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(/^\d+\.\d+\.\d+$/, 'doit être un numéro de version à trois nombres séparés par des points, de la forme 1.0.0 (par exemple 2.1.0, pas 2.1)'),
);

/** Lower-case identifier used in file names and URLs. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'doit être en minuscules, chiffres et tirets (ex. « motif-sortie »)');

/** A French text that a partner will read: never empty, no stray spaces around it. */
export const frenchTextSchema = z
  .string()
  .trim()
  .min(1, 'ne doit pas être vide');

/** References to entries of `dictionary/sources.yaml`. */
export const sourceRefsSchema = z.array(slugSchema).default([]);

/** A field code: the entity prefix, « _ », then capitals, digits and « _ » (ex. TIT_NIR). */
export const fieldCodeSchema = z.string().regex(/^[A-Z]{3}_[A-Z0-9_]+$/, 'doit être de la forme PRÉFIXE_NOM en capitales (ex. TIT_NIR)');

/**
 * An element of LHÉO: its path of element names separated by « / » (« formation/action/session/periode/debut »),
 * or, as versions up to 2.0.0 wrote it, its bare name.
 */
export const lheoPathSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]*(\/[A-Za-z][A-Za-z0-9-]*)*$/, 'doit être un chemin d’éléments LHÉO séparés par « / » (lettres, chiffres et tirets, ex. « formation/certification/code-RNCP »)');
