import type { z } from 'zod';
import { SourceMap } from './dictionary/source-map.ts';
import { formatProblem, type Problem } from './problems.ts';
import { yamlSyntax } from './yaml-syntax.ts';

const typeNames: Record<string, string> = { string: 'un texte', number: 'un nombre', int: 'un nombre entier', boolean: 'vrai ou faux', array: 'une liste', object: 'un objet (clé : valeur)', date: 'une date' };

/**
 * The one place where a zod issue becomes a French sentence, for every YAML file the site reads
 * (dictionary, guide data, platform configuration). Starlight does the same in utils/error-map.ts.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const keyIndex = issue.path.findLastIndex((k) => typeof k === 'string');
  const key = issue.path[keyIndex];
  const item = issue.path[keyIndex + 1];
  const where = typeof key === 'string' ? `« ${key} »${typeof item === 'number' ? ` (élément n° ${item + 1})` : ''} ` : '';
  switch (issue.code) {
    case 'invalid_type':
      // `input` is only reported when parsing with `reportInput: true`: without it, a wrong type would read as missing.
      if (!('input' in issue) || issue.input === undefined) return `La propriété ${where}est obligatoire et manque.`;
      return `La propriété ${where}n’a pas le bon type : il faut ${typeNames[issue.expected] ?? issue.expected}.`;
    case 'unrecognized_keys':
      return `Propriété inconnue : ${issue.keys.map((k) => `« ${k} »`).join(', ')}. Vérifiez l’orthographe ou retirez-la.`;
    default:
      return where ? `La propriété ${where}${issue.message}.` : `Le fichier ${issue.message}.`;
  }
}

/** Where an issue sits in the YAML tree; an unknown property is shown at its own line. */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
}

/** Reads one YAML data file against its schema; every problem carries `file:line`. */
export function readDataFile<S extends z.ZodType>(path: string, text: string, schema: S): { data?: z.infer<S>; problems: Problem[] } {
  const sourceMap = new SourceMap();
  const doc = sourceMap.parse(path, text);
  if (doc.errors.length > 0) {
    const syntax = yamlSyntax(text, doc.errors);
    return { problems: [{ severity: 'erreur', rule: 'data.yaml-syntax', place: `${path}:${syntax.line}`, message: syntax.message, fix: syntax.fix }] };
  }
  const parsed = schema.safeParse(doc.toJS(), { reportInput: true });
  if (parsed.success) return { data: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => ({
      severity: 'erreur',
      rule: 'data.schema',
      place: sourceMap.place(path, issuePath(issue)),
      message: describeIssue(issue),
    })),
  };
}

/** For build-time data: a broken file stops the build with every problem listed. */
export function loadDataFile<S extends z.ZodType>(path: string, text: string, schema: S): z.infer<S> {
  const { data, problems } = readDataFile(path, text, schema);
  if (problems.length > 0 || data === undefined) {
    throw new Error(`Fichier de données invalide :\n${problems.map(formatProblem).join('\n')}`);
  }
  return data;
}
