
import { finding, type Finding } from '../problems.ts';
import type { Referential } from '../dictionary/schemas/referential.ts';
import { nirFault, nirKey, siretFault, isValidUai } from './checksums.ts';

/**
 * What the dictionary's pattern cannot say about a referential's codes: check keys, parts that are
 * never allocated, and, for a code that misses the pattern, the likely reason (Excel lost a zero, the
 * key was left on…). Findings are constants and never quote the value: the value may be personal
 * (a NIR), and the reports show it apart, masked.
 */
export interface ReferentialRule {
  /** For a code that matches the referential's pattern. */
  check(code: string): Finding | undefined;
  /** For a code that does not: a precise reason when one is recognised. */
  explain?(code: string): Finding | undefined;
}

const SEPARATORS = /[\s.\u00a0\u202f-]/g;
const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;

const siretFindings = {
  zero: finding('siret.zero', 'Le SIREN 000 000 000 n’est attribué à aucune entreprise.', 'Indiquez le SIRET réel de l’établissement (avis de situation au répertoire SIRENE).'),
  'siren-key': finding('siret.siren-key', 'La clé de contrôle du SIREN (9 premiers chiffres du SIRET) est fausse : un chiffre est erroné ou inversé.', 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.'),
  'la-poste-key': finding('siret.la-poste-key', 'Ce SIRET d’un établissement de La Poste est faux : la somme de ses 14 chiffres doit être un multiple de 5.', 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.'),
  rounded: finding('siret.rounded', 'Le SIRET finit par plusieurs zéros et sa clé est fausse : il a probablement été arrondi par Excel (affiché en notation scientifique, puis recopié).', 'Mettez la colonne au format Texte et ressaisissez les 14 chiffres, recopiés de l’avis de situation au répertoire SIRENE.'),
  key: finding('siret.key', 'La clé de contrôle du SIRET est fausse : un chiffre du numéro d’établissement (NIC) est erroné ou inversé.', 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.'),
  separators: finding('siret.separators', 'Le SIRET contient des espaces, des points ou des tirets.', 'Écrivez les 14 chiffres à la suite, sans séparateur.'),
  'leading-zero': finding('siret.leading-zero', 'Le SIRET ne compte que 13 chiffres : son zéro de tête a probablement été perdu (colonne au format Nombre dans Excel).', 'Mettez la colonne au format Texte et rétablissez le zéro de tête.'),
  scientific: finding('siret.scientific', 'Le SIRET est écrit en notation scientifique : Excel l’a traité comme un nombre et en a perdu les derniers chiffres.', 'Mettez la colonne au format Texte et ressaisissez les 14 chiffres.'),
  siren: finding('siret.siren', 'La valeur compte 9 chiffres : c’est un SIREN (l’entreprise), pas le SIRET de l’établissement.', 'Ajoutez les 5 chiffres du numéro d’établissement (NIC).'),
} as const;

const siret: ReferentialRule = {
  check: (code) => {
    const fault = siretFault(code);
    // Three zeros or more closing a SIRET whose key is wrong: the digits they replace were rounded away.
    if ((fault === 'key' || fault === 'siren-key') && /000$/.test(code)) return siretFindings.rounded;
    return fault && siretFindings[fault];
  },
  explain: (code) => {
    const compact = code.replace(SEPARATORS, '');
    if (/^\d{14}$/.test(compact)) return siretFindings.separators;
    if (SCIENTIFIC.test(compact)) return siretFindings.scientific;
    if (/^\d{13}$/.test(compact)) return siretFindings['leading-zero'];
    if (/^\d{9}$/.test(compact)) return siretFindings.siren;
    return undefined;
  },
};

const nirFindings = {
  month: finding('nir.month', 'Le mois de naissance du NIR (4ᵉ et 5ᵉ caractères) n’existe pas : ni 01 à 12, ni un mois conventionnel de l’INSEE (20 à 42, 50 à 99).', 'Recopiez le NIR depuis la carte Vitale ou l’attestation de droits.'),
  order: finding('nir.order', 'Le numéro d’ordre du NIR (11ᵉ à 13ᵉ caractères) vaut 000, ce que l’INSEE n’attribue jamais.', 'Recopiez le NIR depuis la carte Vitale ou l’attestation de droits.'),
  key: finding('nir.key', 'La clé du NIR (2 derniers chiffres) ne correspond pas aux 13 premiers caractères : un caractère est erroné ou inversé.', 'Recopiez le NIR depuis la carte Vitale ou l’attestation de droits.'),
  'with-key': finding('nir.with-key', 'Le NIR est transmis avec sa clé (15 caractères) ; le dictionnaire attend les 13 premiers caractères seulement.', 'Retirez les 2 derniers chiffres (la clé).'),
  separators: finding('nir.separators', 'Le NIR contient des espaces ou des points.', 'Écrivez les caractères à la suite, sans séparateur.'),
  corsica: finding('nir.corsica', 'Le département de naissance s’écrit avec une lettre minuscule ou un zéro : la Corse s’écrit « 2A » ou « 2B ».', 'Écrivez 2A (Corse-du-Sud) ou 2B (Haute-Corse) en capitales.'),
} as const;

const NIR_13 = /^[1-8]\d{4}(\d{2}|2[AB])\d{6}$/;
const NIR_15 = /^[1-8]\d{4}(\d{2}|2[AB])\d{8}$/;
const NIR_CORSICA_TYPO = /^[1-8]\d{4}(2[ab]|0[AB])\d{6}(\d{2})?$/;

const nir: ReferentialRule = {
  check: (code) => {
    const fault = nirFault(code);
    return fault && nirFindings[fault];
  },
  explain: (code) => {
    const compact = code.replace(SEPARATORS, '');
    if (NIR_CORSICA_TYPO.test(compact)) return nirFindings.corsica;
    if (NIR_15.test(compact)) return nirFindings[nirFault(compact.slice(0, 13)) ?? (Number(compact.slice(13)) === nirKey(compact) ? 'with-key' : 'key')];
    if (NIR_13.test(compact)) {
      const fault = nirFault(compact) ?? (compact === code ? undefined : 'separators');
      return fault && nirFindings[fault];
    }
    return undefined;
  },
};

const uaiFindings = {
  key: finding('uai.key', 'La lettre de contrôle de l’UAI ne correspond pas à ses 7 chiffres.', 'Recopiez l’UAI depuis le répertoire national des établissements (annuaire de l’éducation).'),
  corsica: finding('uai.corsica', 'Les UAI de Corse ne s’écrivent pas « 02A » ou « 02B » : ils sont numérotés 620… (Corse-du-Sud) et 720… (Haute-Corse).', 'Recopiez l’UAI depuis le répertoire national des établissements (annuaire de l’éducation).'),
  lowercase: finding('uai.lowercase', 'La lettre de contrôle de l’UAI est en minuscule.', 'Écrivez la lettre en capitale.'),
} as const;

const uai: ReferentialRule = {
  check: (code) => (isValidUai(code) ? undefined : uaiFindings.key),
  explain: (code) => {
    const compact = code.replace(SEPARATORS, '');
    if (/^0?2[AB]\d{4,5}[A-Za-z]$/i.test(compact)) return uaiFindings.corsica;
    if (/^\d{7}[a-z]$/.test(compact)) return uaiFindings.lowercase;
    return undefined;
  },
};

/**
 * Rules by checksum algorithm, or by referential id when the referential declares none (dictionary
 * 1.0.0 declares no `checksum` for the NIR, yet its parts must be checked).
 */
const rules: Record<string, ReferentialRule> = { siret, nir, uai };

/** The first segment of the referentials' rule ids (« siret.key »). */
export const referentialFamilies: readonly string[] = Object.keys(rules);

export function referentialRule(referential: Pick<Referential, 'id' | 'checksum'>): ReferentialRule | undefined {
  return rules[referential.checksum ?? referential.id];
}
