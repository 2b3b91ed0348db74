import type { YAMLError } from 'yaml';

/**
 * A YAML syntax error as a maintainer reads it: one problem per file — the parser's later errors follow
 * from the first — at the line to fix, in French, without the parser's codes. An unclosed « { » or « [ »
 * is found where it was opened: the parser only notices it on a later line.
 */
export interface YamlSyntax {
  line: number;
  message: string;
  fix: string;
}

const closers: Record<string, string> = { '{': '}', '[': ']' };
const names: Record<string, string> = { '{': 'l’accolade « { » ouverte à cette ligne n’est pas refermée', '[': 'le crochet « [ » ouvert à cette ligne n’est pas refermé' };

/**
 * The last line, up to `limit`, that opens a flow collection (« { », « [ ») without closing it, when the
 * next line does not continue it (a collection may go on over lines indented further: that is valid YAML).
 */
function unclosedFlow(text: string, limit: number): { line: number; opener: string } | undefined {
  const lines = text.split('\n');
  let found: { line: number; opener: string } | undefined;
  for (let i = 0; i < Math.min(lines.length, limit); i += 1) {
    const line = (lines[i] ?? '').replace(/\s#.*$/, '');
    const stack: string[] = [];
    let quote: string | undefined;
    for (let j = 0; j < line.length; j += 1) {
      const c = line[j] as string;
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      const before = line.slice(0, j).trimEnd();
      if ((c === '"' || c === "'") && (before === '' || /[:\-[{,]$/.test(before))) quote = c;
      else if (c === '{' || c === '[') stack.push(c);
      else if ((c === '}' || c === ']') && closers[stack.at(-1) ?? ''] === c) stack.pop();
    }
    const opener = stack[0];
    if (!opener) continue;
    const indent = (lines[i] ?? '').search(/\S/);
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    if (next !== undefined && next.search(/\S/) > indent && !/^\s*[\w-]+:(\s|$)/.test(next)) continue;
    found = { line: i + 1, opener };
  }
  return found;
}

const explanations: Record<string, string> = {
  BAD_INDENT: 'l’indentation de cette ligne ne correspond pas à celle des lignes qui l’entourent',
  TAB_AS_INDENT: 'une tabulation sert d’indentation, alors que YAML n’accepte que des espaces',
  DUPLICATE_KEY: 'une même clé apparaît deux fois dans le même élément',
  MULTILINE_IMPLICIT_KEY: 'une clé (le texte avant « : ») semble continuer sur la ligne suivante',
  BLOCK_AS_IMPLICIT_KEY: 'une clé (le texte avant « : ») semble continuer sur la ligne suivante',
  MISSING_CHAR: 'un caractère attendu manque (un « : » après une clé, ou la fin d’une liste)',
  UNEXPECTED_TOKEN: 'un caractère inattendu se trouve à cette place',
  BAD_SCALAR_START: 'une valeur commence par un caractère réservé (« @ », « ` », « % ») : mettez-la entre apostrophes',
  BLOCK_IN_FLOW: 'une liste à tirets se trouve à l’intérieur d’accolades ou de crochets',
};

export function yamlSyntax(text: string, errors: readonly YAMLError[]): YamlSyntax {
  const first = errors[0];
  const line = first?.linePos?.[0]?.line ?? 1;
  const unclosed = unclosedFlow(text, line);
  if (unclosed) {
    const closer = closers[unclosed.opener] ?? unclosed.opener;
    return {
      line: unclosed.line,
      message: `Le fichier n’est pas du YAML valide : ${names[unclosed.opener]}.`,
      fix: `Ajoutez « ${closer} » à la fin de la valeur, sur cette même ligne.`,
    };
  }
  const why = (first && explanations[first.code]) ?? 'la ponctuation ou l’indentation de cette ligne est incorrecte';
  return {
    line,
    message: `Le fichier n’est pas du YAML valide : ${why}.`,
    fix: 'Corrigez cette ligne (alignez-la sur les lignes voisines, avec des espaces) et relancez : le reste du fichier est lu une fois cette erreur corrigée.',
  };
}
