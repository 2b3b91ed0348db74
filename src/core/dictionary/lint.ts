import type { Problem } from '../problems.ts';
import { reservedSegments } from './pages.ts';
import { checkValue, compileReferential } from './check-value.ts';
import { constraintProblems } from './constraints/index.ts';
import type { Origins } from './source-map.ts';
import { indexDictionary, type Dictionary, type DictionaryContent, type Entity, type Field } from './model.ts';
import { compareVersions } from './semver.ts';

/** Page names under /dictionnaire/<version>/ that an entity id would collide with (the page kinds of pages.ts). */
export const reservedEntityIds = reservedSegments;

/** The lint also runs when the manifest failed to load, so that one run lists every problem. */
export type LintedDictionary = DictionaryContent & { manifest: Dictionary['manifest'] | undefined };

type Place = (path: string, keys?: readonly PropertyKey[]) => string;

/**
 * Cross-reference checks that no single file's schema can express: unique codes, bindings and
 * sources that exist, constraints that fit the type, examples that satisfy their own field.
 */
export function lintDictionary(dictionary: LintedDictionary, origins: Origins): Problem[] {
  const problems: Problem[] = [];
  const place: Place = (path, keys = []) => origins.sourceMap.place(path, keys);
  const index = indexDictionary(dictionary);
  const report = (at: string, rule: string, message: string, fix: string, subject?: string) =>
    problems.push({ severity: 'erreur', rule: `dictionary.${rule}`, place: at, message, fix, ...(subject ? { subject } : {}) });

  const checkSources = (refs: readonly string[], path: string, keys: readonly PropertyKey[], subject?: string) => {
    refs.forEach((ref, i) => {
      if (!index.sources.has(ref)) {
        report(place(path, [...keys, 'sources', i]), 'unknown-source', `La source « ${ref} » n’existe pas dans sources.yaml.`, 'Ajoutez-la à dictionary/sources.yaml ou corrigez son identifiant.', subject);
      }
    });
  };

  const fileName = (path: string) => path.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const seenSources = new Set<string>();
  dictionary.sources.forEach((source, i) => {
    if (seenSources.has(source.id)) report(place(origins.sources, ['sources', i, 'id']), 'duplicate-id', `La source « ${source.id} » est déclarée deux fois.`, 'Supprimez le doublon.');
    seenSources.add(source.id);
  });

  const seenReferentials = new Set<string>();
  dictionary.referentials.forEach((referential, i) => {
    const keys = ['referentials', i];
    if (seenReferentials.has(referential.id)) report(place(origins.referentials, [...keys, 'id']), 'duplicate-id', `Le référentiel « ${referential.id} » est déclaré deux fois.`, 'Supprimez le doublon.');
    seenReferentials.add(referential.id);
    if (compileReferential(referential)(referential.example)) report(place(origins.referentials, [...keys, 'example']), 'invalid-example', `L’exemple « ${referential.example} » ne respecte pas le format du référentiel.`, 'Donnez un exemple valide (motif et clé de contrôle).', referential.id);
    checkSources(referential.sources, origins.referentials, keys, referential.id);
  });

  for (const nomenclature of dictionary.nomenclatures) {
    const path = origins.nomenclatures.get(nomenclature.id) ?? '';
    if (fileName(path) !== nomenclature.id) report(place(path, ['id']), 'file-name', `Le fichier s’appelle « ${fileName(path)} » mais l’identifiant est « ${nomenclature.id} ».`, `Renommez le fichier en ${nomenclature.id}.yaml ou corrigez l’identifiant.`);
    const seenCodes = new Set<string>();
    nomenclature.values.forEach((value, i) => {
      if (seenCodes.has(value.code)) report(place(path, ['values', i, 'code']), 'duplicate-code', `Le code « ${value.code} » apparaît deux fois dans la nomenclature.`, 'Chaque code doit être unique.', nomenclature.id);
      seenCodes.add(value.code);
      const at = (key: string) => place(path, ['values', i, key]);
      if (value.since && (isLater(value.since, dictionary.manifest?.version) || isLater(nomenclature.since, value.since))) {
        report(at('since'), 'since', `Le code « ${value.code} » indique la version « ${value.since} », hors de l’intervalle entre la version de la nomenclature (${nomenclature.since}) et celle du dictionnaire (${dictionary.manifest?.version}).`, 'Indiquez la version qui a ajouté ce code.', nomenclature.id);
      }
      if (value.until && isPast(value.until, dictionary.manifest?.version)) report(at('until'), 'until', withdrawnMessage(`le code « ${value.code} »`, value.until), withdrawnFix, nomenclature.id);
    });
    checkSources(nomenclature.sources, path, [], nomenclature.id);
    if (isLater(nomenclature.since, dictionary.manifest?.version)) report(place(path, ['since']), 'since', `La version « ${nomenclature.since} » est postérieure à celle du dictionnaire (${dictionary.manifest?.version}).`, 'Indiquez la version qui introduit la nomenclature.', nomenclature.id);
  }

  const seenPrefixes = new Map<string, string>();
  const reserved: ReadonlySet<string> = new Set(reservedEntityIds);
  const seenCodes = new Map<string, string>();
  for (const entity of dictionary.entities) {
    const path = origins.entities.get(entity.id) ?? '';
    if (fileName(path) !== entity.id) report(place(path, ['id']), 'file-name', `Le fichier s’appelle « ${fileName(path)} » mais l’identifiant est « ${entity.id} ».`, `Renommez le fichier en ${entity.id}.yaml ou corrigez l’identifiant.`);
    if (reserved.has(entity.id)) report(place(path, ['id']), 'reserved-id', `L’identifiant « ${entity.id} » est réservé à une page du site.`, 'Choisissez un autre identifiant pour cette entité.');
    const prefixOwner = seenPrefixes.get(entity.prefix);
    if (prefixOwner) report(place(path, ['prefix']), 'duplicate-prefix', `Le préfixe « ${entity.prefix} » est déjà celui de l’entité « ${prefixOwner} ».`, 'Choisissez un préfixe propre à cette entité.');
    seenPrefixes.set(entity.prefix, entity.id);
    checkSources(entity.sources, path, [], entity.id);
    const ownFields = new Map(entity.fields.map((field) => [field.code, field]));
    for (const [keys, message, fix] of keyProblems(entity, ownFields, index, origins.unreadable)) report(place(path, keys), 'key', message, fix, entity.id);

    entity.fields.forEach((field, i) => {
      const at = (...keys: PropertyKey[]) => place(path, ['fields', origins.fieldIndexes.get(field) ?? i, ...keys]);
      const fieldReport = (keys: PropertyKey[], rule: string, message: string, fix: string) => report(at(...keys), rule, message, fix, field.code);
      if (!field.code.startsWith(`${entity.prefix}_`)) fieldReport(['code'], 'code-prefix', `Le code doit commencer par le préfixe de l’entité « ${entity.prefix}_ ».`, `Renommez le champ en ${entity.prefix}_…`);
      const owner = seenCodes.get(field.code);
      if (owner) fieldReport(['code'], 'duplicate-code', `Le code « ${field.code} » est déjà utilisé (${owner}).`, 'Chaque champ a un code unique dans tout le dictionnaire.');
      seenCodes.set(field.code, at('code'));
      for (const [keys, message, fix] of bindingProblems(field, index, origins.unreadable)) fieldReport(keys, 'unknown-binding', message, fix);
      const cite = citation(field, entity, ownFields, index, origins.unreadable);
      const constraints = constraintProblems(field, { cite: (code, keys) => cite.resolve(code, ['constraints', ...keys]) });
      for (const { keys, message, fix } of constraints) fieldReport(['constraints', ...keys], 'constraints', message, fix);
      for (const [keys, message, fix] of [...cite.problems.splice(0), ...crossFieldProblems(field, index, cite)]) fieldReport(keys, 'cross-field', message, fix);
      checkSources(field.sources, path, ['fields', i], field.code);
      if (isLater(field.since, dictionary.manifest?.version)) fieldReport(['since'], 'since', `La version « ${field.since} » est postérieure à celle du dictionnaire (${dictionary.manifest?.version}).`, 'Indiquez la version qui introduit le champ.');
      if (field.until && isPast(field.until, dictionary.manifest?.version)) fieldReport(['until'], 'until', withdrawnMessage('le champ', field.until), withdrawnFix);
      if (field.formerly && (field.formerly === field.code || index.fields.has(field.formerly))) {
        fieldReport(['formerly'], 'formerly', `L’ancien code « ${field.formerly} » est encore celui d’un champ de cette version.`, 'formerly désigne le code d’avant le renommage, qui ne doit plus exister : retirez l’ancien champ ou corrigez formerly.');
      }
      for (const problem of checkValue(field, field.example, index)) {
        fieldReport(['example'], 'invalid-example', `L’exemple ne respecte pas le champ : ${lowerFirst(problem.message)}`, 'Donnez un exemple fictif qui respecte le type, les contraintes et la liste de valeurs.');
      }
    });
  }
  if (origins.entities.size === 0) report(place(origins.manifest), 'empty', 'Le dictionnaire ne contient aucune entité.', 'Ajoutez au moins une entité dans dictionary/entities/.');
  return problems;
}

function bindingProblems(field: Field, index: ReturnType<typeof indexDictionary>, unreadable: ReadonlySet<string>): [PropertyKey[], string, string][] {
  const binding = field.binding;
  if (!binding) return [];
  if (field.type !== 'code' && field.type !== 'texte') {
    return [[['binding'], `Un champ de type « ${field.type} » ne peut pas être rattaché à une liste de codes.`, 'Donnez-lui le type « code » ou retirez binding.']];
  }
  if ('nomenclature' in binding && !index.nomenclatures.has(binding.nomenclature) && !unreadable.has(binding.nomenclature)) {
    return [[['binding', 'nomenclature'], `La nomenclature « ${binding.nomenclature} » n’existe pas.`, 'Créez dictionary/nomenclatures/<id>.yaml ou corrigez l’identifiant.']];
  }
  if ('referential' in binding && !index.referentials.has(binding.referential)) {
    return [[['binding', 'referential'], `Le référentiel « ${binding.referential} » n’existe pas.`, 'Déclarez-le dans dictionary/referentials.yaml ou corrigez l’identifiant.']];
  }
  return [];
}

/** `key` names fields of its own entity, once each, that every record must hold. */
function keyProblems(entity: Entity, ownFields: ReadonlyMap<string, Field>, index: ReturnType<typeof indexDictionary>, unreadable: ReadonlySet<string>): [PropertyKey[], string, string][] {
  const problems: [PropertyKey[], string, string][] = [];
  const seen = new Set<string>();
  (entity.key ?? []).forEach((code, j) => {
    const field = ownFields.get(code);
    if (seen.has(code)) problems.push([['key', j], `Le champ « ${code} » apparaît deux fois dans la clé.`, 'Citez chaque champ une seule fois.']);
    else if (!field) {
      if (!unreadable.has(code)) problems.push([['key', j], `Dans la clé, ${notOwnField(code, entity, index)}`, `Citez un champ déclaré dans ce fichier (${entity.prefix}_…).`]);
    }
    else if (field.obligation !== 'obligatoire') problems.push([['key', j], `La clé cite « ${code} », dont l’obligation est « ${field.obligation} » : un enregistrement pourrait ne pas avoir de clé.`, 'Ne mettez dans la clé que des champs obligatoires.']);
    seen.add(code);
  });
  return problems;
}

/** Rules between fields stay inside one entity: one record of an extract is checked on its own. */
function notOwnField(code: string, entity: Entity, index: ReturnType<typeof indexDictionary>): string {
  const other = index.fields.get(code)?.entity;
  return other
    ? `« ${code} » est un champ de l’entité « ${other} » : seuls les champs de l’entité « ${entity.id} » peuvent être cités.`
    : `« ${code} » n’est pas un champ de l’entité « ${entity.id} ».`;
}

type Citation = { resolve: (code: string, keys: readonly PropertyKey[]) => Field | undefined; problems: [PropertyKey[], string, string][] };

/**
 * How a field cites another of its entity (a constraint, `requiredWhen`): a self-citation or a code of
 * another entity is a problem, kept with its place under the field.
 */
function citation(field: Field, entity: Entity, ownFields: ReadonlyMap<string, Field>, index: ReturnType<typeof indexDictionary>, unreadable: ReadonlySet<string>): Citation {
  const problems: [PropertyKey[], string, string][] = [];
  const resolve = (code: string, keys: readonly PropertyKey[]): Field | undefined => {
    const target = ownFields.get(code);
    if (code === field.code) problems.push([[...keys], `Le champ se cite lui-même (« ${code} »).`, 'Citez un autre champ de l’entité.']);
    else if (!target && !unreadable.has(code)) problems.push([[...keys], notOwnField(code, entity, index), `Citez un champ déclaré dans ce fichier (${entity.prefix}_…).`]);
    return target === field ? undefined : target;
  };
  return { resolve, problems };
}

/** `requiredWhen` cites a field of the same entity bound to a nomenclature, and codes of it. */
function crossFieldProblems(field: Field, index: ReturnType<typeof indexDictionary>, cite: Citation): [PropertyKey[], string, string][] {
  const problems: [PropertyKey[], string, string][] = [];
  const when = field.requiredWhen;
  if (when) {
    const target = cite.resolve(when.field, ['requiredWhen', 'field']);
    problems.push(...cite.problems.splice(0));
    const binding = target?.binding;
    if (target && !(binding && 'nomenclature' in binding)) {
      problems.push([['requiredWhen', 'field'], `« ${when.field} » n’est rattaché à aucune nomenclature : « requiredWhen » ne peut pas citer ses codes.`, 'Citez un champ rattaché à une nomenclature du dictionnaire.']);
    } else if (binding && 'nomenclature' in binding) {
      const nomenclature = index.nomenclatures.get(binding.nomenclature);
      const codes = new Set(nomenclature?.values.map((value) => value.code));
      when.in.forEach((code, j) => {
        if (nomenclature && !codes.has(code)) problems.push([['requiredWhen', 'in', j], `« ${code} » n’est pas un code de la nomenclature « ${nomenclature.id} » du champ ${when.field}.`, 'Citez un code de cette nomenclature.']);
      });
    }
  }
  return problems;
}

/** An unknown reference (the manifest did not load) makes nothing « later »: that check waits for the manifest. */
function isLater(version: string, reference: string | undefined): boolean {
  return reference !== undefined && compareVersions(version, reference) > 0;
}

/** `until` must name a version after the dictionary's own: an item withdrawn there would already be gone. */
function isPast(until: string, reference: string | undefined): boolean {
  return reference !== undefined && compareVersions(until, reference) <= 0;
}

const withdrawnMessage = (what: string, until: string) =>
  `until: ${until} annonce le retrait d’un élément encore présent, mais ${what} serait déjà retiré dans cette version ou une précédente.`;
const withdrawnFix = 'Indiquez une version postérieure à celle du dictionnaire, ou retirez l’élément du fichier : le site garde son historique.';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
