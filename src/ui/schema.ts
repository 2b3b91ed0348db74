import { z } from 'zod';

const text = z.string().trim().min(1);
/** A text with `{name}` placeholders that the island fills in. */
const template = (...names: string[]) =>
  text.refine((value) => names.every((name) => value.includes(`{${name}}`)), { message: `doit contenir ${names.map((n) => `{${n}}`).join(', ')}` });

export const uiStringsSchema = z.strictObject({
  commun: z.strictObject({
    javascriptRequis: text,
    javascriptRequisListe: text,
  }),
  dictionnaire: z.strictObject({
    filtres: text,
    entite: text,
    obligation: text,
    donneesPersonnelles: text,
    toutes: text,
    oui: text,
    non: text,
    recherche: text,
    resultats: template('n', 'total'),
    aucunResultat: text,
    reinitialiser: text,
  }),
  guide: z.strictObject({
    progression: template('done', 'total'),
    progressionVolet: template('done', 'total'),
    barre: text,
    faiteLe: template('date'),
    voirPage: text,
    effacer: text,
    confirmerEffacement: text,
    annuler: text,
    questionEffacement: text,
    progressionEffacee: text,
    imprimer: text,
    recapitulatif: text,
    recapitulatifDate: template('date'),
    fait: text,
    aFaire: text,
    stockageIndisponible: text,
  }),
});

export type UiStrings = z.infer<typeof uiStringsSchema>;
