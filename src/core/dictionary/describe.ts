import type { DictionaryContent, DictionaryIndex, Field } from './model.ts';
import { dataTypeLabels } from './vocabulary.ts';

export { constraintSentences as describeConstraints } from './constraints/index.ts';
export { obligationLabels } from './vocabulary.ts';

/** The machine-checkable part of a condition, in words: « Obligatoire quand TIT_STATUT_ENTREE vaut DE_INSCRIT. » */
export function describeRequiredWhen(field: Field): string | undefined {
  const when = field.requiredWhen;
  if (!when) return undefined;
  const codes = when.in.map((code) => `« ${code} »`);
  return `Vérifié : obligatoire quand ${when.field} vaut ${codes.length > 1 ? `${codes.slice(0, -1).join(', ')} ou ${codes.at(-1)}` : codes[0]}.`;
}

/** « code (nomenclature Sexe) », « texte », « date »… as a short type label. */
export function describeType(field: Field, index: DictionaryIndex<DictionaryContent>): string {
  const type = dataTypeLabels[field.type];
  if (!field.binding) return type;
  if ('nomenclature' in field.binding) {
    const nomenclature = index.nomenclatures.get(field.binding.nomenclature);
    return `${type} (nomenclature ${nomenclature?.label ?? field.binding.nomenclature})`;
  }
  const referential = index.referentials.get(field.binding.referential);
  return `${type} (référentiel ${referential?.label ?? field.binding.referential})`;
}

/** « Non », « Oui » or « Oui — sensibilité élevée ». */
export function personalDataLabel(field: Field): string {
  if (!field.personalData) return 'Non';
  return field.sensitivity === 'élevée' ? 'Oui — sensibilité élevée' : 'Oui';
}
