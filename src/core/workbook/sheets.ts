import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import { META_SHEET, metadataRecord } from './metadata.ts';
import { PARTNER_SHEET } from './partner.ts';
import type { WorkbookNames } from './report.ts';
import { normalizeChoice } from '../choices.ts';
import { SheetView } from './sheet.ts';

/** The sheets every partner workbook template has, around its own: « Lisez-moi », « Partenaire », the hidden lists and metadata. */
export const templateSheets = { readme: 'Lisez-moi', partner: PARTNER_SHEET, lists: 'Listes', meta: META_SHEET } as const;

/** What a workbook is recognised by: its names, and the sheets its checks read. */
export interface WorkbookShape {
  names: WorkbookNames;
  sheets: readonly string[];
}

export type FoundSheets = { kind: 'found'; sheets: Map<string, SheetView> } | { kind: 'incomplete' } | { kind: 'other' };

/** A sheet kept under another name (« Copie de Partenaire », « Partenaire (2) »): the one name that holds the wanted one. */
function renamedSheet(wanted: string, names: readonly string[], taken: ReadonlySet<string>): string | undefined {
  const key = normalizeChoice(wanted);
  const candidates = names.filter((name) => !taken.has(name) && new RegExp(`(^|[^\\p{L}])${key}([^\\p{L}]|$)`, 'u').test(normalizeChoice(name)));
  return candidates.length === 1 ? candidates[0] : undefined;
}

const quoted = (names: readonly string[]) => names.map((n) => `« ${n} »`).join(', ');

/** The other known workbook this one is, by its metadata or, without metadata, by holding all its sheets. */
function recogniseOther(workbook: XLSX.WorkBook, shape: WorkbookShape, known: readonly WorkbookShape[]): WorkbookShape | undefined {
  const layout = metadataRecord(workbook)?.['modele'];
  const others = known.filter((other) => other.names.layoutId !== shape.names.layoutId);
  if (layout) return others.find((other) => other.names.layoutId === layout);
  const has = (sheets: readonly string[]) => sheets.every((wanted) => workbook.SheetNames.some((name) => normalizeChoice(name) === normalizeChoice(wanted)));
  return has(shape.sheets) ? undefined : others.find((other) => has(other.sheets));
}

/**
 * The sheets a workbook's checks read, found by name whatever the case or accents. A sheet kept under
 * another name is read and named; a missing one is named. A workbook with none of them — or that is
 * another known partner workbook — is not this one, and says so.
 */
export function findSheets(workbook: XLSX.WorkBook, fileName: string, shape: WorkbookShape, known: readonly WorkbookShape[], issues: Problem[]): FoundSheets {
  const names = workbook.SheetNames;
  // Named to the partner: the sheets Excel shows, not the template's hidden ones.
  const visible = names.filter((_, i) => !workbook.Workbook?.Sheets?.[i]?.Hidden);
  const { names: words } = shape;
  const other = recogniseOther(workbook, shape, known);
  if (other) {
    issues.push({
      severity: 'erreur',
      rule: 'structure.autre-classeur',
      place: 'Fichier',
      message: `Le classeur « ${fileName} » est ${other.names.a}, pas ${words.a}.`,
      fix: `Vérifiez-le sur la page « ${other.names.pageTitle} » (${other.names.page}) ; ici, déposez ${words.the}.`,
    });
    return { kind: 'other' };
  }
  const exact = new Map(names.map((name) => [normalizeChoice(name), name]));
  const taken = new Set(shape.sheets.flatMap((wanted) => exact.get(normalizeChoice(wanted)) ?? []));
  const found = new Map<string, SheetView>();
  const missing: string[] = [];
  for (const wanted of shape.sheets) {
    let actual = exact.get(normalizeChoice(wanted));
    if (!actual) {
      actual = renamedSheet(wanted, names, taken);
      if (actual) {
        taken.add(actual);
        issues.push({
          severity: 'erreur',
          rule: 'structure.feuille-renommee',
          place: `Feuille « ${actual} »`,
          sheet: actual,
          message: `La feuille « ${wanted} » est introuvable ; la feuille « ${actual} » semble être elle, sous un autre nom : elle est lue à sa place.`,
          fix: `Renommez la feuille « ${actual} » en « ${wanted} » (clic droit sur l’onglet › Renommer).`,
        });
      }
    }
    const sheet = actual ? workbook.Sheets[actual] : undefined;
    if (actual && sheet) found.set(wanted, new SheetView(actual, sheet));
    else missing.push(wanted);
  }
  if (found.size === 0 && !workbook.Sheets[META_SHEET]) {
    issues.push({
      severity: 'erreur',
      rule: `structure.pas-un-${words.slug}`,
      place: 'Fichier',
      message: `Le classeur « ${fileName} » a été lu, mais ce n’est pas ${words.a} : il n’a aucune des feuilles du modèle (${quoted(shape.sheets)}) ; feuilles trouvées : ${quoted(visible)}.`,
      fix: `Déposez ${words.the} rempli à partir du modèle téléchargé sur le portail (page « ${words.templateTitle} »).`,
    });
    return { kind: 'other' };
  }
  for (const wanted of missing) {
    issues.push({
      severity: 'erreur',
      rule: 'structure.feuille-manquante',
      place: `Feuille « ${wanted} »`,
      message: `La feuille « ${wanted} » est introuvable (feuilles présentes : ${quoted(visible)}) : ${words.theShort} ne peut pas être lu plus avant.`,
      fix: `Partez du modèle ${words.of} téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.`,
    });
  }
  return missing.length === 0 ? { kind: 'found', sheets: found } : { kind: 'incomplete' };
}
