import type { z } from 'zod';
import type { Problem } from '../problems.ts';
import type { Dictionary, Entity, Field } from './model.ts';
import { lintDictionary } from './lint.ts';
import { entitySchema } from './schemas/entity.ts';
import { fieldSchema } from './schemas/field.ts';
import { manifestSchema } from './schemas/manifest.ts';
import { nomenclatureSchema, type Nomenclature } from './schemas/nomenclature.ts';
import { referentialsFileSchema } from './schemas/referential.ts';
import { sourcesFileSchema } from './schemas/source.ts';
import { SourceMap, type Origins } from './source-map.ts';

export type { Origins } from './source-map.ts';
import { describeIssue, issuePath } from '../data-file.ts';
import { yamlSyntax } from '../yaml-syntax.ts';

/** A dictionary file as read from disk or bundled by Vite; `path` is relative to the repository. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface LoadResult {
  /** Present only when no problem of severity « erreur » was found. */
  dictionary?: Dictionary;
  /**
   * When errors were found but the manifest, sources and referentials loaded: what did load, so that
   * the version-number verdict can still be given in the same run. `unreadable` holds the codes and ids
   * of the items left out, which a comparison must not take for removals.
   */
  partial?: { dictionary: Dictionary; unreadable: Set<string> };
  problems: Problem[];
}

const layout = {
  manifest: /(^|\/)dictionary\/manifest\.yaml$/,
  sources: /(^|\/)dictionary\/sources\.yaml$/,
  referentials: /(^|\/)dictionary\/referentials\.yaml$/,
  entity: /(^|\/)dictionary\/entities\/[^/]+\.yaml$/,
  nomenclature: /(^|\/)dictionary\/nomenclatures\/[^/]+\.yaml$/,
};

/**
 * Parses and checks every file of a dictionary, then cross-checks them, reporting every problem
 * at once rather than stopping at the first one: maintainers fix a batch per run.
 */
export function loadDictionary(files: readonly SourceFile[]): LoadResult {
  const problems: Problem[] = [];
  const sourceMap = new SourceMap();
  const unreadable = new Set<string>();
  const remember = (data: unknown, key: 'code' | 'id') => {
    const value = (data as Record<string, unknown> | null)?.[key];
    if (typeof value === 'string') unreadable.add(value);
  };

  const check = <S extends z.ZodType>(file: SourceFile, data: unknown, schema: S, prefix: PropertyKey[] = []): z.infer<S> | undefined => {
    const parsed = schema.safeParse(data, { reportInput: true });
    if (parsed.success) return parsed.data;
    const { issues, misspelt } = pairMisspeltKeys(parsed.error.issues, schema);
    for (const { issue, key, meant } of misspelt) {
      problems.push({
        severity: 'erreur',
        rule: 'dictionary.schema',
        place: sourceMap.place(file.path, [...prefix, ...issue.path, key]),
        ...subjectOf(data, prefix, issue.path),
        message: `La propriété « ${key} » est inconnue : vouliez-vous dire « ${meant} » ?`,
        fix: `Corrigez son nom en « ${meant} ».`,
      });
    }
    for (const issue of issues) {
      const path = [...prefix, ...issuePath(issue)];
      problems.push({
        severity: 'erreur',
        rule: 'dictionary.schema',
        place: sourceMap.place(file.path, path),
        ...subjectOf(data, prefix, issue.path),
        message: describeIssue(issue),
      });
    }
    return undefined;
  };

  const read = <S extends z.ZodType>(file: SourceFile, schema: S): z.infer<S> | undefined => {
    const doc = sourceMap.parse(file.path, file.text);
    if (doc.errors.length > 0) {
      const syntax = yamlSyntax(file.text, doc.errors);
      problems.push({ severity: 'erreur', rule: 'dictionary.yaml-syntax', place: `${file.path}:${syntax.line}`, message: syntax.message, fix: syntax.fix });
      return undefined;
    }
    return check(file, doc.toJS(), schema);
  };

  const pick = (pattern: RegExp) => files.filter((file) => pattern.test(file.path));
  const single = (pattern: RegExp, name: string): SourceFile | undefined => {
    const found = pick(pattern);
    if (found.length !== 1) {
      problems.push({
        severity: 'erreur',
        rule: 'dictionary.layout',
        place: `dictionary/${name}`,
        message: found.length === 0 ? `Le fichier dictionary/${name} est introuvable.` : `Le fichier dictionary/${name} apparaît plusieurs fois.`,
        fix: 'Chaque version du dictionnaire a exactement un fichier de ce nom.',
      });
    }
    return found[0];
  };

  for (const file of files) {
    if (!Object.values(layout).some((pattern) => pattern.test(file.path))) {
      problems.push({
        severity: 'erreur',
        rule: 'dictionary.layout',
        place: file.path,
        message: 'Ce fichier n’est pas à un emplacement connu du dictionnaire.',
        fix: 'Placez-le dans dictionary/entities/ ou dictionary/nomenclatures/, ou supprimez-le.',
      });
    }
  }

  const manifestFile = single(layout.manifest, 'manifest.yaml');
  const sourcesFile = single(layout.sources, 'sources.yaml');
  const referentialsFile = single(layout.referentials, 'referentials.yaml');
  const manifest = manifestFile && read(manifestFile, manifestSchema);
  const sources = sourcesFile && read(sourcesFile, sourcesFileSchema);
  const referentials = referentialsFile && read(referentialsFile, referentialsFileSchema);

  const origins: Origins = {
    sourceMap,
    entities: new Map(),
    fieldIndexes: new WeakMap(),
    nomenclatures: new Map(),
    manifest: manifestFile?.path ?? 'dictionary/manifest.yaml',
    sources: sourcesFile?.path ?? 'dictionary/sources.yaml',
    referentials: referentialsFile?.path ?? 'dictionary/referentials.yaml',
    unreadable,
  };
  const entities: Entity[] = [];
  for (const file of pick(layout.entity)) {
    const header = read(file, entitySchema);
    if (!header) {
      unreadable.add(file.path.replace(/^.*\//, '').replace(/\.yaml$/, ''));
      for (const field of rawList(file, 'fields')) remember(field, 'code');
      continue;
    }
    if (origins.entities.has(header.id)) {
      problems.push(duplicateId(sourceMap.place(file.path, ['id']), header.id, origins.entities.get(header.id) ?? ''));
      continue;
    }
    origins.entities.set(header.id, file.path);
    // A field that fails its schema is left out of the lint, which must still point at the right YAML item.
    const fields: Field[] = [];
    header.fields.forEach((item, i) => {
      const field = check(file, item, fieldSchema, ['fields', i]);
      if (!field) return remember(item, 'code');
      const withEntity = { ...field, entity: header.id };
      origins.fieldIndexes.set(withEntity, i);
      fields.push(withEntity);
    });
    entities.push({ ...header, fields });
  }
  const nomenclatures: Nomenclature[] = [];
  for (const file of pick(layout.nomenclature)) {
    const nomenclature = read(file, nomenclatureSchema);
    if (!nomenclature) {
      unreadable.add(file.path.replace(/^.*\//, '').replace(/\.yaml$/, ''));
      continue;
    }
    if (origins.nomenclatures.has(nomenclature.id)) {
      problems.push(duplicateId(sourceMap.place(file.path, ['id']), nomenclature.id, origins.nomenclatures.get(nomenclature.id) ?? ''));
      continue;
    }
    origins.nomenclatures.set(nomenclature.id, file.path);
    nomenclatures.push(nomenclature);
  }

  // Without sources or referentials every reference would look unknown: lint only when they loaded.
  if (!sources || !referentials) return { problems };
  const content = {
    entities: entities.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
    nomenclatures: nomenclatures.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    referentials: referentials.referentials,
    sources: sources.sources,
  };
  problems.push(...lintDictionary({ manifest, ...content }, origins));
  if (!manifest) return { problems };
  const dictionary: Dictionary = { manifest, ...content };
  return problems.some((p) => p.severity === 'erreur') ? { problems, partial: { dictionary, unreadable } } : { dictionary, problems };

  /** The items of a list in a file whose header failed: best effort, a file that does not parse gives none. */
  function rawList(file: SourceFile, key: string): unknown[] {
    const data = sourceMap.parse(file.path, file.text).toJS() as Record<string, unknown> | null;
    const list = data?.[key];
    return Array.isArray(list) ? list : [];
  }
}

function duplicateId(place: string, id: string, firstPath: string): Problem {
  return {
    severity: 'erreur',
    rule: 'dictionary.duplicate-id',
    place,
    subject: id,
    message: `L’identifiant « ${id} » est déjà utilisé par ${firstPath}.`,
    fix: 'Donnez un identifiant unique à chaque fichier.',
  };
}

/** Name the field's or item's code when there is one, so the maintainer finds it at once. */
function subjectOf(data: unknown, prefix: readonly PropertyKey[], path: readonly PropertyKey[]): { subject?: string } {
  const own = prefix.length > 0 ? data : undefined;
  const item = own ?? (typeof path[1] === 'number' ? (data as Record<string, unknown[]> | null)?.[String(path[0])]?.[path[1]] : undefined);
  const code = (item as { code?: unknown; id?: unknown } | undefined)?.code ?? (item as { id?: unknown } | undefined)?.id;
  return typeof code === 'string' ? { subject: code } : {};
}

/** Edit distance between two keys, to tell a misspelling from another key. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length] ?? 0;
}

const close = (a: string, b: string) => distance(a.toLowerCase(), b.toLowerCase()) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));

/**
 * A misspelt key is one mistake: « obligaton » unknown and « obligation » missing are told together as
 * « vouliez-vous dire « obligation » ? ». An unknown key close to an optional key of the schema is told the same way.
 */
function pairMisspeltKeys(all: readonly z.core.$ZodIssue[], schema: z.ZodType): { issues: z.core.$ZodIssue[]; misspelt: { issue: z.core.$ZodIssue; key: string; meant: string }[] } {
  const missing = all.filter((issue) => (issue.code === 'invalid_type' || issue.code === 'invalid_value') && 'input' in issue && issue.input === undefined && typeof issue.path.at(-1) === 'string');
  const known = Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
  const dropped = new Set<z.core.$ZodIssue>();
  const remaining: z.core.$ZodIssue[] = [];
  const misspelt: { issue: z.core.$ZodIssue; key: string; meant: string }[] = [];
  for (const issue of all) {
    if (issue.code !== 'unrecognized_keys') continue;
    const rest = issue.keys.filter((key) => {
      const twin = missing.find((m) => !dropped.has(m) && m.path.length === issue.path.length + 1 && issue.path.every((k, i) => m.path[i] === k) && close(key, String(m.path.at(-1))));
      const meant = twin ? String(twin.path.at(-1)) : issue.path.length === 0 ? known.find((name) => close(key, name)) : undefined;
      if (!meant) return true;
      if (twin) dropped.add(twin);
      misspelt.push({ issue, key, meant });
      return false;
    });
    if (rest.length < issue.keys.length) {
      dropped.add(issue);
      if (rest.length > 0) remaining.push({ ...issue, keys: rest });
    }
  }
  return { issues: [...all, ...remaining].filter((issue) => !dropped.has(issue)), misspelt };
}
