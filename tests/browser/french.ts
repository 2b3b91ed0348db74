// What no French text of the site may contain: « (s) » plurals, a number that disagrees with its noun,
// English words left in the interface. Used on built pages, template texts and UI strings.

/** Words ending in « s » that are not plurals, after which « 1 » or « 0 » is fine. */
const INVARIABLE = new Set(
  'des les ses mes tes nos vos aux plus sous dans sans vers très après depuis puis lors alors fois mois pas cas temps prix poids accès succès progrès français anglais dos jours près dès parmi tous mais avis corps processus'.split(' '),
);

/** Nouns the site counts: after 2 or more they take their plural. */
const COUNTED = 'ligne|erreur|avertissement|information|champ|entité|nomenclature|référentiel|réponse|colonne|changement|rupture|version|fichier|cellule|étape|couple|dispositif|caractère|décimale|code|source|page|valeur|classeur|feuille|problème|octet';

export function frenchProblems(text: string): string[] {
  // Word edges by Unicode letters: in JavaScript, a word boundary counts « é » as a non-word character.
  const before = '(?<![\\p{L}\\d.,:/\\-–])';
  const after = '(?![\\p{L}])';
  const find = (pattern: string) => text.matchAll(new RegExp(pattern, 'gu'));
  const problems: string[] = [];
  for (const m of find('\\p{L}+\\((?:s|es|x|e)\\)')) problems.push(`« ${m[0]} » : accordez au nombre, jamais « (s) »`);
  for (const m of find(`${before}([01]) (\\p{Ll}+s)${after}`)) {
    if (!INVARIABLE.has(m[2] ?? '')) problems.push(`« ${m[0]} » : ${m[1]} veut le singulier`);
  }
  for (const m of find(`${before}([2-9]|[1-9]\\d+) (${COUNTED})${after}`)) problems.push(`« ${m[0]} » : ${m[1]} veut le pluriel`);
  // The participle after a counted noun agrees with it: « 1 ligne vérifiée », « 2 lignes vérifiées ».
  for (const m of find(`${before}[01] \\p{Ll}+(?<!s) \\p{Ll}+(?:ées|és)${after}`)) problems.push(`« ${m[0]} » : le participe s’accorde au singulier`);
  for (const m of find(`${before}(?:[2-9]|[1-9]\\d+) \\p{Ll}+s \\p{Ll}+(?:ée|é)${after}`)) problems.push(`« ${m[0]} » : le participe s’accorde au pluriel`);
  return problems;
}

/** English interface texts (Starlight's and the browser's defaults) that must not remain on a French page. */
const ENGLISH = ['Search', 'Skip to content', 'On this page', 'Overview', 'Next', 'Previous', 'Edit page', 'Last updated', 'Table of contents', 'Close', 'Cancel', 'Submit', 'Download', 'Upload', 'Loading', 'Error', 'Warning', 'Select theme', 'Dark', 'Light', 'Built with Starlight', 'Copy', 'Copied', 'Clear', 'No results', 'Load more', 'Filters', 'Back to top', 'Page not found', 'Toggle', 'Expand', 'Collapse', 'Sidebar', 'Navigation', 'Main'];
const ENGLISH_RE = new RegExp(`(?<![\\p{L}])(${ENGLISH.map((word) => word.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}])`, 'gu');

export function englishWords(text: string): string[] {
  return [...text.matchAll(ENGLISH_RE)].map((m) => m[0]);
}

/** The interface texts of a page that are not its visible text: labels, titles, placeholders, alternatives. */
export function attributeTexts(html: string): string[] {
  return [...html.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1] ?? '');
}
