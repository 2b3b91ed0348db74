import type { Dictionary, Field } from './model.ts';
import { constraintKeys } from './constraints/index.ts';
import type { RequiredWhen } from './schemas/field.ts';
import type { Nomenclature, NomenclatureValue } from './schemas/nomenclature.ts';
import type { Referential } from './schemas/referential.ts';
import type { Source } from './schemas/source.ts';
import { compareVersions, strongestBump, type Bump } from './semver.ts';
import { dataTypeLabels, obligationLabels, obligations, type Obligation } from './vocabulary.ts';

/**
 * What changed between two versions of the dictionary, item by item, with the version bump each
 * change requires (semantic versioning, from the data sender's side):
 * - majeure: data valid under the older version may be refused — a field removed or renamed, a type,
 *   constraint, binding or code list narrowed, a field made (more) mandatory, a record key declared;
 * - mineure: compatible additions and notices — an optional field, a code, a widened rule, a withdrawal
 *   announced (`until`), a personal-data flag, a worded condition made checkable (`requiredWhen`);
 * - correctif: wording — labels, definitions, examples, sources, LHÉO elements and code correspondences.
 * Pure and without zod: the release command, the diff pages and the in-browser comparison share it.
 */

/** The item a change is about, in one version: enough to link to its page. */
export type ItemRef =
  | { kind: 'champ'; entity: string; code: string }
  | { kind: 'code'; nomenclature: string; code: string }
  | { kind: 'nomenclature'; id: string }
  | { kind: 'entite'; id: string }
  | { kind: 'referentiel'; id: string }
  | { kind: 'source'; id: string };

export type ChangeType =
  | 'field-added'
  | 'field-restored'
  | 'field-removed'
  | 'field-renamed'
  | 'field-type'
  | 'field-constraint'
  | 'field-binding'
  | 'field-obligation'
  | 'field-condition'
  | 'field-required-when'
  | 'field-personal-data'
  | 'field-deprecated'
  | 'field-wording'
  | 'field-sources'
  | 'field-lheo'
  | 'code-added'
  | 'code-restored'
  | 'code-removed'
  | 'code-deprecated'
  | 'code-wording'
  | 'nomenclature-added'
  | 'nomenclature-removed'
  | 'nomenclature-wording'
  | 'entity-added'
  | 'entity-removed'
  | 'entity-key'
  | 'entity-wording'
  | 'referential-added'
  | 'referential-removed'
  | 'referential-rule'
  | 'referential-wording'
  | 'source-added'
  | 'source-removed'
  | 'source-wording';

export interface Change {
  type: ChangeType;
  bump: Bump;
  /** The item in the older version; absent when it is new. */
  before?: ItemRef;
  /** The item in the newer version; absent when it was removed. */
  after?: ItemRef;
  /** Code or identifier of the item, as readers search for it (« TIT_NIR », « sexe / 9 »). */
  subject: string;
  /** What changed, in French. */
  message: string;
}

export interface DictionaryDiff {
  from: string;
  to: string;
  changes: Change[];
  /** The bump these changes require together. */
  bump: Bump;
}


const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Wording only: the same words once case, accents, punctuation and spacing are set aside. */
const words = (text: string | undefined) => (text ?? '').normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
/** Bounds are numbers, or AAAA-MM-JJ dates that compare as text. */
const isGreater = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a > b : String(a) > String(b));
const listed = (names: string[]) => names.map((name) => `« ${name} »`).join(', ');

export function diffDictionaries(older: Dictionary, newer: Dictionary): DictionaryDiff {
  const changes: Change[] = [
    ...diffEntities(older, newer),
    ...diffFields(older, newer),
    ...diffNomenclatures(older, newer),
    ...diffReferentials(older.referentials, newer.referentials),
    ...diffSources(older.sources, newer.sources),
  ];
  return { from: older.manifest.version, to: newer.manifest.version, changes, bump: strongestBump(changes.map((change) => change.bump)) };
}

function fieldRef(field: Field): ItemRef {
  return { kind: 'champ', entity: field.entity, code: field.code };
}

function diffFields(older: Dictionary, newer: Dictionary): Change[] {
  const changes: Change[] = [];
  const before = new Map(older.entities.flatMap((entity) => entity.fields).map((field) => [field.code, field]));
  const after = newer.entities.flatMap((entity) => entity.fields);
  const afterCodes = new Set(after.map((field) => field.code));
  const matched = new Set<string>();
  for (const field of after) {
    const renamedFrom = field.formerly && !before.has(field.code) && !afterCodes.has(field.formerly) ? before.get(field.formerly) : undefined;
    const old = before.get(field.code) ?? renamedFrom;
    if (!old) {
      const optional = field.obligation === 'facultative';
      // A field absent from the older version whose history starts at or before it was there earlier: restored.
      const restored = compareVersions(field.since, older.manifest.version) <= 0;
      const kind = optional ? 'facultatif' : obligationLabels[field.obligation].toLowerCase();
      changes.push({
        type: restored ? 'field-restored' : 'field-added',
        bump: optional ? 'mineure' : 'majeure',
        after: fieldRef(field),
        subject: field.code,
        message: `${restored ? `Champ ${kind} rétabli` : `Nouveau champ ${kind}`} « ${field.label} »${restored ? ` (il existait depuis la version ${field.since})` : ''}${optional ? '' : ' : les envois qui ne le portent pas seraient refusés'}.`,
      });
      continue;
    }
    matched.add(old.code);
    const change = (type: ChangeType, bump: Bump, message: string) => changes.push({ type, bump, before: fieldRef(old), after: fieldRef(field), subject: field.code, message });
    if (renamedFrom) change('field-renamed', 'majeure', `Champ renommé : ${old.code} → ${field.code}.`);
    compareField(old, field, change);
  }
  for (const field of before.values()) {
    if (matched.has(field.code)) continue;
    changes.push({ type: 'field-removed', bump: 'majeure', before: fieldRef(field), subject: field.code, message: `Champ retiré « ${field.label} ».` });
  }
  return changes;
}

function compareField(old: Field, field: Field, change: (type: ChangeType, bump: Bump, message: string) => void): void {
  if (old.type !== field.type) {
    const widened = old.type === 'entier' && field.type === 'decimal';
    change('field-type', widened ? 'mineure' : 'majeure', `Type : ${dataTypeLabels[old.type]} → ${dataTypeLabels[field.type]}.`);
  }
  const oldConstraints: Record<string, unknown> = old.constraints ?? {};
  const newConstraints: Record<string, unknown> = field.constraints ?? {};
  for (const key of new Set([...Object.keys(oldConstraints), ...Object.keys(newConstraints)])) {
    const [a, b] = [oldConstraints[key], newConstraints[key]];
    if (same(a, b)) continue;
    const name = constraintKeys.get(key)?.label ?? key;
    const direction = constraintKeys.get(key)?.narrows ?? 'changed';
    const narrowed = a === undefined || (b !== undefined && (direction === 'changed' || (direction === 'raised' ? isGreater(b, a) : isGreater(a, b))));
    const message = a === undefined ? `Contrainte « ${name} » ajoutée : ${show(b)}.` : b === undefined ? `Contrainte « ${name} » retirée (était ${show(a)}).` : `Contrainte « ${name} » : ${show(a)} → ${show(b)}.`;
    change('field-constraint', narrowed ? 'majeure' : 'mineure', message);
  }
  if (!same(old.binding, field.binding)) {
    const label = (binding: Field['binding']) => (!binding ? 'aucune' : 'nomenclature' in binding ? `nomenclature « ${binding.nomenclature} »` : `référentiel « ${binding.referential} »`);
    change('field-binding', field.binding ? 'majeure' : 'mineure', `Liste de valeurs : ${label(old.binding)} → ${label(field.binding)}.`);
  }
  const rank = (obligation: Obligation) => obligations.length - obligations.indexOf(obligation);
  if (old.obligation !== field.obligation) {
    const raised = rank(field.obligation) > rank(old.obligation);
    change('field-obligation', raised ? 'majeure' : 'mineure', `Obligation : ${obligationLabels[old.obligation].toLowerCase()} → ${obligationLabels[field.obligation].toLowerCase()}${field.condition && field.obligation === 'conditionnelle' ? ` (${field.condition})` : ''}.`);
  } else if (field.obligation === 'conditionnelle' && old.condition !== field.condition) {
    // The engine cannot tell a broader condition from a narrower one: only a reworded one stays a patch.
    const reworded = words(old.condition) === words(field.condition);
    change('field-condition', reworded ? 'correctif' : 'majeure', `Condition : « ${old.condition} » → « ${field.condition} ».`);
  }
  const [oldWhen, newWhen] = [old.requiredWhen, field.requiredWhen];
  if (!same(oldWhen, newWhen)) {
    const describe = (when: RequiredWhen | undefined) => (when ? `${when.field} ∈ {${when.in.join(', ')}}` : 'aucune');
    const narrower = !newWhen || (oldWhen !== undefined && oldWhen.field === newWhen.field && newWhen.in.every((code) => oldWhen.in.includes(code)));
    const formalised = !oldWhen && newWhen && old.obligation === field.obligation && old.condition === field.condition;
    change('field-required-when', narrower || formalised ? 'mineure' : 'majeure', formalised ? `Condition rendue vérifiable : obligatoire quand ${describe(newWhen)}.` : `Condition vérifiable : ${describe(oldWhen)} → ${describe(newWhen)}.`);
  }
  if (old.personalData !== field.personalData || old.sensitivity !== field.sensitivity) {
    const label = (f: Field) => (f.personalData ? `donnée personnelle${f.sensitivity === 'élevée' ? ' de sensibilité élevée' : ''}` : 'donnée non personnelle');
    change('field-personal-data', 'mineure', `Caractère personnel : ${label(old)} → ${label(field)}.`);
  }
  if (old.until !== field.until) {
    change('field-deprecated', 'mineure', field.until ? `Retrait annoncé pour la version ${field.until}.` : `Retrait annoncé pour la version ${old.until} annulé.`);
  }
  const reworded = (['label', 'definition', 'example'] as const).filter((key) => !same(old[key], field[key]));
  if (reworded.length > 0) {
    const names = { label: 'libellé', definition: 'définition', example: 'exemple' };
    change('field-wording', 'correctif', `${reworded.length > 1 ? 'Modifiés' : 'Modifié'} : ${reworded.map((key) => names[key]).join(', ')}.`);
  }
  if (!same(old.sources, field.sources)) change('field-sources', 'correctif', sourcesMessage(old.sources, field.sources));
  if (old.lheo !== field.lheo) change('field-lheo', 'correctif', field.lheo ? `Élément LHÉO : ${field.lheo}${old.lheo ? ` (était ${old.lheo})` : ''}.` : `Élément LHÉO retiré (était ${old.lheo}).`);
  if (old.lheoNote !== field.lheoNote) change('field-lheo', 'correctif', field.lheoNote ? `Précision sur la correspondance LHÉO : « ${field.lheoNote} ».` : 'Précision sur la correspondance LHÉO retirée.');
  if (old.legalBasis !== field.legalBasis) change('field-sources', 'correctif', field.legalBasis ? 'Base légale à confirmer par l’équipe plateforme.' : 'Base légale confirmée.');
}

/** The LHÉO codes a code corresponds to, as the change log lists them. */
function lheoCodes(codes: NomenclatureValue['lheo']): string {
  return codes ? codes.map((entry) => entry.code).join(', ') : 'aucun';
}

/** One sentence for an item's wording and sources: « Modifiés : libellé, description ; sources : ajoutées « lheo ». » */
function rewording<T extends object>(old: T, item: T, names: Partial<Record<keyof T, string>>): string | undefined {
  const keys = (Object.keys(names) as (keyof T)[]).filter((key) => old[key] !== item[key]);
  const parts = [keys.length > 0 ? `${keys.length > 1 ? 'Modifiés' : 'Modifié'} : ${keys.map((key) => names[key]).join(', ')}` : ''];
  const [before, after] = [(old as { sources?: readonly string[] }).sources, (item as { sources?: readonly string[] }).sources];
  if (before && after && !same(before, after)) parts.push(sourcesMessage(before, after).replace(/\.$/, ''));
  const sentence = parts
    .filter(Boolean)
    .map((part, i) => (i === 0 ? part : `${part.charAt(0).toLowerCase()}${part.slice(1)}`))
    .join(' ; ');
  return sentence ? `${sentence}.` : undefined;
}

function sourcesMessage(before: readonly string[], after: readonly string[]): string {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  const parts = [added.length > 0 ? `ajoutées ${listed(added)}` : '', removed.length > 0 ? `retirées ${listed(removed)}` : ''].filter(Boolean);
  return `Sources : ${parts.join(' ; ') || 'ordre modifié'}.`;
}

type Verdict = [ChangeType, Bump, string];

/** How one kind of item is matched between versions (by `key`) and told when added, removed or changed. */
interface Matching<T> {
  key: (item: T) => string;
  ref: (item: T) => ItemRef;
  subject: (item: T) => string;
  added: (item: T) => Verdict;
  removed: (item: T) => Verdict;
  /** Changes of an item present in both versions; may return changes of its parts (a nomenclature's codes). */
  compare: (old: T, item: T, change: (...verdict: Verdict) => void) => Change[] | void;
}

function diffItems<T>(older: readonly T[], newer: readonly T[], matching: Matching<T>): Change[] {
  const changes: Change[] = [];
  const before = new Map(older.map((item) => [matching.key(item), item]));
  const after = new Set(newer.map(matching.key));
  for (const item of newer) {
    const old = before.get(matching.key(item));
    if (!old) {
      const [type, bump, message] = matching.added(item);
      changes.push({ type, bump, after: matching.ref(item), subject: matching.subject(item), message });
      continue;
    }
    const parts = matching.compare(old, item, (type, bump, message) => changes.push({ type, bump, before: matching.ref(old), after: matching.ref(item), subject: matching.subject(item), message }));
    changes.push(...(parts ?? []));
  }
  for (const old of older) {
    if (after.has(matching.key(old))) continue;
    const [type, bump, message] = matching.removed(old);
    changes.push({ type, bump, before: matching.ref(old), subject: matching.subject(old), message });
  }
  return changes;
}

const diffEntities = (older: Dictionary, newer: Dictionary) =>
  diffItems(older.entities, newer.entities, {
    key: (entity) => entity.id,
    ref: (entity) => ({ kind: 'entite', id: entity.id }),
    subject: (entity) => entity.id,
    added: (entity) => ['entity-added', 'mineure', `Nouvelle entité « ${entity.label} » (${entity.fields.length} champs).`],
    removed: (entity) => ['entity-removed', 'majeure', `Entité retirée « ${entity.label} ».`],
    compare: (old, entity, change) => {
      if (!same(old.key, entity.key)) {
        change('entity-key', entity.key ? 'majeure' : 'mineure', entity.key ? `Clé d’enregistrement : ${old.key ? `${old.key.join(' + ')} → ` : ''}${entity.key.join(' + ')} (les doublons sont refusés).` : `Clé d’enregistrement retirée (était ${old.key?.join(' + ')}).`);
      }
      const wording = rewording(old, entity, { label: 'libellé', description: 'description' });
      if (wording) change('entity-wording', 'correctif', wording);
    },
  });

const diffNomenclatures = (older: Dictionary, newer: Dictionary) =>
  diffItems(older.nomenclatures, newer.nomenclatures, {
    key: (nomenclature) => nomenclature.id,
    ref: (nomenclature) => ({ kind: 'nomenclature', id: nomenclature.id }),
    subject: (nomenclature) => nomenclature.id,
    added: (nomenclature) => ['nomenclature-added', 'mineure', `Nouvelle nomenclature « ${nomenclature.label} » (${nomenclature.values.length} codes).`],
    removed: (nomenclature) => ['nomenclature-removed', 'majeure', `Nomenclature retirée « ${nomenclature.label} ».`],
    compare: (old, nomenclature, change) => {
      const wording = rewording(old, nomenclature, { label: 'libellé', description: 'description' });
      if (wording) change('nomenclature-wording', 'correctif', wording);
      if (!same(old.lheo, nomenclature.lheo)) {
        change('nomenclature-wording', 'correctif', nomenclature.lheo ? `Correspondance avec la table LHÉO ${nomenclature.lheo.dictionary}${old.lheo && old.lheo.dictionary === nomenclature.lheo.dictionary ? ' précisée' : ' indiquée'}.` : `Correspondance avec la table LHÉO ${old.lheo?.dictionary} retirée.`);
      }
      return diffCodes(old, nomenclature, older.manifest.version);
    },
  });

const diffCodes = (older: Nomenclature, newer: Nomenclature, olderVersion: string) =>
  diffItems<NomenclatureValue>(older.values, newer.values, {
    key: (value) => value.code,
    ref: (value) => ({ kind: 'code', nomenclature: newer.id, code: value.code }),
    subject: (value) => `${newer.id} / ${value.code}`,
    // A code whose history starts at or before the older version, yet absent from it, was there earlier: restored.
    added: (value) =>
      compareVersions(value.since ?? newer.since, olderVersion) <= 0
        ? ['code-restored', 'mineure', `Code rétabli « ${value.code} » : ${value.label} (il existait depuis la version ${value.since ?? newer.since}).`]
        : ['code-added', 'mineure', `Nouveau code « ${value.code} » : ${value.label}.`],
    removed: (value) => ['code-removed', 'majeure', `Code retiré « ${value.code} » : ${value.label}.`],
    compare: (old, value, change) => {
      if (old.until !== value.until) change('code-deprecated', 'mineure', value.until ? `Retrait du code annoncé pour la version ${value.until}.` : `Retrait du code annoncé pour la version ${old.until} annulé.`);
      const wording = rewording(old, value, { label: 'libellé', description: 'précisions' });
      if (wording) change('code-wording', 'correctif', wording);
      if (!same(old.lheo, value.lheo)) change('code-wording', 'correctif', `Codes LHÉO correspondants : ${lheoCodes(value.lheo)}${old.lheo ? ` (était ${lheoCodes(old.lheo)})` : ''}.`);
    },
  });

const diffReferentials = (older: readonly Referential[], newer: readonly Referential[]) =>
  diffItems(older, newer, {
    key: (referential) => referential.id,
    ref: (referential) => ({ kind: 'referentiel', id: referential.id }),
    subject: (referential) => referential.id,
    added: (referential) => ['referential-added', 'mineure', `Nouveau référentiel « ${referential.label} ».`],
    removed: (referential) => ['referential-removed', 'majeure', `Référentiel retiré « ${referential.label} ».`],
    compare: (old, referential, change) => {
      if (old.pattern !== referential.pattern) change('referential-rule', 'majeure', `Motif des codes : ${old.pattern} → ${referential.pattern}.`);
      if (old.checksum !== referential.checksum) change('referential-rule', referential.checksum ? 'majeure' : 'mineure', `Clé de contrôle : ${old.checksum ?? 'aucune'} → ${referential.checksum ?? 'aucune'}.`);
      const wording = rewording(old, referential, { label: 'libellé', description: 'description', maintainer: 'organisme responsable', format: 'format en clair', example: 'exemple' });
      if (wording) change('referential-wording', 'correctif', wording);
    },
  });

const diffSources = (older: readonly Source[], newer: readonly Source[]) =>
  diffItems(older, newer, {
    key: (source) => source.id,
    ref: (source) => ({ kind: 'source', id: source.id }),
    subject: (source) => source.id,
    added: (source) => ['source-added', 'correctif', `Nouvelle source : ${source.title}.`],
    removed: (source) => ['source-removed', 'correctif', `Source retirée : ${source.title}.`],
    compare: (old, source, change) => {
      const wording = rewording(old, source, { title: 'titre', reference: 'référence', url: 'adresse' });
      if (wording) change('source-wording', 'correctif', wording);
    },
  });
