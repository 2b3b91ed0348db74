import { countOf } from '../plural.ts';
import type { DictionaryContent, DictionaryIndex, Field } from './model.ts';
import { dataTypeLabels } from './vocabulary.ts';

export { obligationLabels } from './vocabulary.ts';

/** The field's constraints in words, one sentence each, as the reference pages show them. */
export function describeConstraints(field: Field): string[] {
  const c = field.constraints ?? {};
  const lines: string[] = [];
  if (c.minLength !== undefined && c.minLength === c.maxLength) lines.push(`Exactement ${countOf(c.minLength, 'caractère', 'caractères')}.`);
  else {
    if (c.minLength !== undefined) lines.push(`Au moins ${countOf(c.minLength, 'caractère', 'caractères')}.`);
    if (c.maxLength !== undefined) lines.push(`Au plus ${countOf(c.maxLength, 'caractère', 'caractères')}.`);
  }
  if (c.pattern !== undefined) lines.push(`Respecte le motif ${c.pattern}.`);
  const unit = field.type === 'date' ? 'le' : '';
  if (c.min !== undefined && c.max !== undefined) lines.push(`Compris entre ${unit} ${c.min} et ${unit} ${c.max}.`.replace(/\s+/g, ' '));
  else if (c.min !== undefined) lines.push(`Supérieur ou égal à ${c.min}.`);
  else if (c.max !== undefined) lines.push(`Inférieur ou égal à ${c.max}.`);
  if (c.decimals !== undefined) lines.push(`${countOf(c.decimals, 'décimale', 'décimales')} au plus.`);
  if (c.notBefore !== undefined) lines.push(`Égale ou postérieure à ${c.notBefore} quand les deux dates sont renseignées.`);
  return lines;
}

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
