import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import { validateCouple, validateDispositif, validateMetadata, validatePartnerRecord, validateSysteme } from './schemas.ts';
import type { Dictionary } from '../dictionary/model.ts';
import { MAX_PAIRS } from '../kit/layout.ts';
import { frenchDate } from '../dates.ts';
import { countOf, plural } from '../plural.ts';
import { checkMerges } from '../workbook/labels.ts';
import { META_SHEET, metaPlace, readMetadata } from '../workbook/metadata.ts';
import { checkPartnerAnswers, checkPartnerLabels, partnerFirstRow } from '../workbook/partner.ts';

import { matchChoice, normalizeChoice } from '../choices.ts';
import { cellIssue, type SheetView } from '../workbook/sheet.ts';
import { readTable, TABLE_FIRST_ROW, tableColumn, type TableLayout, type TableRecord } from '../workbook/table.ts';
import type { CheckContext, Checked } from '../workbook/validate.ts';
import { dataKinds, dateRules, dispositifsTable, etatSheets, fundingColumn, fundingSources, metaKeys, partnerRows, perimetreTable, statuses, systemesTable } from './layout.ts';
import type { EtatExtra, InventoryDispositif } from './report.ts';

/**
 * The état des lieux's version: the one its hidden metadata sheet names. It has no field list to infer
 * it from: without the sheet, the version is unknown, and the cross-check with the kit says so.
 */
export function recogniseEtatVersion(workbook: XLSX.WorkBook, dictionaries: readonly Dictionary[], issues: Problem[]): Dictionary | undefined {
  const record = readMetadata(workbook, validateMetadata, issues, {
    consequence: 'elle est ignorée, et la version du dictionnaire de cet état des lieux n’est pas connue.',
    fix: 'Téléchargez le modèle de l’état des lieux sur le portail et recopiez-y vos réponses : les feuilles masquées ne doivent pas être modifiées.',
  });
  if (!record) {
    if (!workbook.Sheets[META_SHEET]) {
      issues.push({
        severity: 'information',
        rule: 'structure.version-absente',
        place: metaPlace,
        message: `La feuille masquée « ${META_SHEET} » du modèle est absente : la version du dictionnaire de cet état des lieux n’est pas connue, et le croisement avec le kit ne pourra pas la comparer.`,
        fix: 'Rien à faire pour cette vérification ; à l’avenir, partez du modèle téléchargé sur le portail.',
      });
    }
    return undefined;
  }
  const version = record[metaKeys.version] ?? '';
  const dictionary = dictionaries.find((d) => d.manifest.version === version);
  if (!dictionary) {
    issues.push({
      severity: 'avertissement',
      rule: 'structure.version-inconnue',
      place: metaPlace,
      value: version,
      message: `L’état des lieux indique la version « ${version} » du dictionnaire, que ce portail ne publie pas.`,
      fix: 'Téléchargez le modèle de la version en vigueur et recopiez-y vos réponses.',
    });
  }
  return dictionary;
}

/** Codes compare as list values do: case, accents and spaces do not count. */
const key = (code: string) => normalizeChoice(code);

/** Each code once: a second record with the same code is named at its cell. */
function checkUniqueCodes(sheet: SheetView, table: TableLayout, records: readonly TableRecord[], issues: Problem[]): Map<string, TableRecord> {
  const byCode = new Map<string, TableRecord>();
  for (const record of records) {
    const code = record.text['code'];
    if (!code) continue;
    const first = byCode.get(key(code));
    if (first) {
      issues.push(cellIssue(sheet.name, record.row, 1, 'erreur', 'coherence.code-en-double', `Le code « ${code} » est déjà celui ${table.record.replace(/^le /, 'du ')} de la ligne ${first.row}.`, `Donnez à chaque ligne un code unique : il relie ${table.record} au « ${etatSheets.perimetre} » et au kit de diagnostic.`, { value: code }));
    } else byCode.set(key(code), record);
  }
  return byCode;
}

/** Funding sources, dates and status of one dispositif. */
function checkDispositif(sheet: SheetView, record: TableRecord, label: string, now: Date, issues: Problem[]): string[] {
  const column = (name: string) => tableColumn(dispositifsTable, name);
  const at = { dispositif: label };
  const sources = fundingSources.filter((source) => record.text[fundingColumn(source)] === 'Oui');
  if (sources.length === 0) {
    issues.push(cellIssue(sheet.name, record.row, column(fundingColumn(fundingSources[0])), 'erreur', 'coherence.financement-manquant', `Le dispositif « ${label} » n’a aucune source de financement.`, 'Indiquez « Oui » dans au moins une colonne « Financement : … ».', at));
  }
  const other = record.text['autreFinancement'];
  if (sources.includes('Autre') && !other) {
    issues.push(cellIssue(sheet.name, record.row, column('autreFinancement'), 'avertissement', 'coherence.autre-financement', `« Financement : Autre » vaut « Oui » pour le dispositif « ${label} », sans dire lequel.`, 'Précisez le financeur dans « Autre financement : lequel ».', at));
  }
  const { debut, fin } = record.dates;
  if (debut && fin && fin < debut) {
    issues.push(cellIssue(sheet.name, record.row, column('fin'), 'erreur', 'valeurs.dates-inversees', `La date de fin (${frenchDate(fin)}) du dispositif « ${label} » précède sa date de début (${frenchDate(debut)}).`, 'Corrigez l’une des deux dates.', { ...at, value: frenchDate(fin) }));
  }
  const planned = statuses[2];
  if (record.text['statut'] === planned && debut && debut < now) {
    issues.push(cellIssue(sheet.name, record.row, column('statut'), 'avertissement', 'coherence.prevu-commence', `Le dispositif « ${label} » est « ${planned} », mais sa date de début (${frenchDate(debut)}) est passée.`, `S’il est ouvert, passez son statut à « ${statuses[0]} » ; sinon, corrigez sa date de début.`, { ...at, value: planned }));
  }
  return sources.map((source) => (source === 'Autre' && other ? `Autre (${other})` : source));
}

/** A code of « Périmètre » must name a record of the table it refers to; the closest code is suggested. */
function resolveCode(sheet: SheetView, row: number, column: number, code: string | undefined, codes: ReadonlyMap<string, TableRecord>, what: { rule: string; table: TableLayout }, issues: Problem[], label?: string): TableRecord | undefined {
  if (!code) return undefined;
  const found = codes.get(key(code));
  if (found) return found;
  const known = [...codes.values()].map((record) => record.text['code'] ?? '');
  const match = matchChoice(code, known);
  const suggestion = match.kind === 'none' && match.suggestion ? ` Vouliez-vous dire « ${match.suggestion} » ?` : '';
  issues.push(cellIssue(sheet.name, row, column, 'erreur', `coherence.${what.rule}`, `« ${code} » n’est le code d’aucune ligne de la feuille « ${what.table.sheet} ».`, `Choisissez un code de la feuille « ${what.table.sheet} » dans la liste, ou ajoutez-y ${what.table.record}.${suggestion}`, { value: code, ...(label ? { dispositif: label } : {}) }));
  return undefined;
}

/**
 * Checks an état des lieux: version, « Partenaire », its three tables, then what they say together —
 * codes unique, every dispositif funded and held by a system, every system holding a dispositif.
 */
export async function checkEtat({ workbook, sheets, dictionaries, now, values, issues, step }: CheckContext): Promise<Checked<EtatExtra>> {
  const sheet = (name: string) => sheets.get(name) as SheetView;
  const partnerSheet = sheet(etatSheets.partner);
  const [dispositifsSheet, systemesSheet, perimetreSheet] = [sheet(etatSheets.dispositifs), sheet(etatSheets.systemes), sheet(etatSheets.perimetre)];
  const dictionary = recogniseEtatVersion(workbook, dictionaries, issues);
  const partnerRowsRead = checkPartnerLabels(partnerSheet, partnerRows, issues);
  checkMerges(
    [
      [partnerSheet, partnerFirstRow],
      [dispositifsSheet, TABLE_FIRST_ROW],
      [systemesSheet, TABLE_FIRST_ROW],
      [perimetreSheet, TABLE_FIRST_ROW],
    ],
    issues,
  );
  await step('Valeurs et cohérence', 0.7);
  const partner = checkPartnerAnswers(partnerSheet, partnerRows, partnerRowsRead, validatePartnerRecord, dateRules.etat, now, values, issues);
  const dispositifRecords = readTable(dispositifsSheet, dispositifsTable, validateDispositif, now, values, issues);
  const systemeRecords = readTable(systemesSheet, systemesTable, validateSysteme, now, values, issues);
  const coupleRecords = readTable(perimetreSheet, perimetreTable, validateCouple, now, values, issues);

  const extra: EtatExtra = { partner: partner.record as Record<string, string>, ...(partner.siret ? { siret: partner.siret } : {}), inventory: { dispositifs: [], systemes: [], couples: [] } };
  const version = dictionary ? { version: { dictionary, versionSource: 'metadata' as const } } : {};
  // A table whose columns were shifted is not read: what depends on it is not checked either.
  if (!dispositifRecords || !systemeRecords || !coupleRecords) return { ...version, dispositifs: [], extra };

  const dispositifCodes = checkUniqueCodes(dispositifsSheet, dispositifsTable, dispositifRecords, issues);
  const systemeCodes = checkUniqueCodes(systemesSheet, systemesTable, systemeRecords, issues);
  const labelOf = (record: TableRecord) => [record.text['code'], record.text['libelle']].filter(Boolean).join(' — ');
  for (const record of dispositifRecords) {
    const financements = checkDispositif(dispositifsSheet, record, labelOf(record), now, issues);
    if (record.text['code'] && dispositifCodes.get(key(record.text['code'])) === record) {
      extra.inventory.dispositifs.push({ code: record.text['code'], libelle: record.text['libelle'] ?? '', financements, row: record.row } satisfies InventoryDispositif);
    }
  }
  for (const record of systemeRecords) {
    if (record.text['code'] && systemeCodes.get(key(record.text['code'])) === record) extra.inventory.systemes.push({ code: record.text['code'], nom: record.text['nom'] ?? '', row: record.row });
  }

  const seen = new Map<string, number>();
  const heldDispositifs = new Set<TableRecord>();
  const heldSystemes = new Set<TableRecord>();
  for (const record of coupleRecords) {
    const dispositif = resolveCode(perimetreSheet, record.row, 1, record.text['dispositif'], dispositifCodes, { rule: 'dispositif-inconnu', table: dispositifsTable }, issues);
    const label = dispositif ? labelOf(dispositif) : undefined;
    const systeme = resolveCode(perimetreSheet, record.row, 2, record.text['si'], systemeCodes, { rule: 'si-inconnu', table: systemesTable }, issues, label);
    const at = label ? { dispositif: label } : {};
    if (!dataKinds.some((kind) => record.text[kind.key] === 'Oui')) {
      issues.push(cellIssue(perimetreSheet.name, record.row, tableColumn(perimetreTable, dataKinds[0].key), 'erreur', 'coherence.donnees-manquantes', `La ligne ${record.row} ne dit pas quelles données le système tient pour ce dispositif : aucune colonne « Données … » ne vaut « Oui ».`, 'Indiquez « Oui » pour chaque type de données que ce système tient pour ce dispositif.', at));
    }
    if (!dispositif || !systeme) continue;
    heldDispositifs.add(dispositif);
    heldSystemes.add(systeme);
    const pair = `${key(dispositif.text['code'] ?? '')}|${key(systeme.text['code'] ?? '')}`;
    const twin = seen.get(pair);
    if (twin) {
      issues.push(cellIssue(perimetreSheet.name, record.row, 1, 'avertissement', 'coherence.couple-en-double', `Le couple « ${dispositif.text['code']} × ${systeme.text['code']} » figure déjà ligne ${twin}.`, 'Gardez une seule ligne par couple, avec toutes les données que ce système tient.', at));
      continue;
    }
    seen.set(pair, record.row);
    extra.inventory.couples.push({ dispositif: dispositif.text['code'] ?? '', si: systeme.text['code'] ?? '', row: record.row });
  }

  const empty = (target: SheetView, rule: string, message: string, fix: string) => issues.push(cellIssue(target.name, TABLE_FIRST_ROW, 1, 'erreur', rule, message, fix));
  if (dispositifRecords.length === 0) empty(dispositifsSheet, 'coherence.aucun-dispositif', 'Aucun dispositif n’est déclaré.', 'Déclarez dans cette feuille chaque dispositif de votre périmètre, une ligne par dispositif.');
  if (systemeRecords.length === 0) empty(systemesSheet, 'coherence.aucun-si', 'Aucun système d’information n’est déclaré.', 'Déclarez dans cette feuille chaque système qui tient des données de vos dispositifs, une ligne par système.');
  if (coupleRecords.length === 0) {
    empty(perimetreSheet, 'coherence.aucun-couple', 'Le périmètre ne compte aucun couple dispositif × système d’information.', 'Indiquez, une ligne par couple, quel système tient les données de quel dispositif.');
  } else {
    for (const record of dispositifCodes.values()) {
      if (heldDispositifs.has(record)) continue;
      issues.push(cellIssue(dispositifsSheet.name, record.row, 1, 'erreur', 'coherence.dispositif-sans-si', `Le dispositif « ${labelOf(record)} » n’est associé à aucun système d’information dans « ${etatSheets.perimetre} ».`, `Ajoutez au « ${etatSheets.perimetre} » une ligne par système qui tient ses données.`, { value: record.text['code'] ?? '', dispositif: labelOf(record) }));
    }
    for (const record of systemeCodes.values()) {
      if (heldSystemes.has(record)) continue;
      issues.push(cellIssue(systemesSheet.name, record.row, 1, 'erreur', 'coherence.si-sans-dispositif', `Le système « ${[record.text['code'], record.text['nom']].filter(Boolean).join(' — ')} » n’est associé à aucun dispositif dans « ${etatSheets.perimetre} ».`, `Ajoutez au « ${etatSheets.perimetre} » les dispositifs dont il tient les données, ou retirez-le de la feuille s’il n’en tient aucun.`, { value: record.text['code'] ?? '' }));
    }
  }
  const pairs = extra.inventory.couples.length;
  if (pairs > MAX_PAIRS) {
    const kits = Math.ceil(pairs / MAX_PAIRS);
    issues.push({
      severity: 'information',
      rule: 'coherence.plusieurs-kits',
      place: `Feuille « ${perimetreSheet.name} »`,
      sheet: perimetreSheet.name,
      message: `Le périmètre compte ${countOf(pairs, 'couple', 'couples')} dispositif × SI ; un kit de diagnostic en accueille ${MAX_PAIRS} : le kit pré-rempli sera réparti en ${kits} ${plural(kits, 'classeur', 'classeurs')}.`,
      fix: 'Rien à faire : remplissez et envoyez chacun des kits.',
    });
  }
  return { ...version, dispositifs: [...dispositifCodes.values()].map(labelOf), extra };
}
