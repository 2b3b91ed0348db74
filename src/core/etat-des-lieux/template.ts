import type { Dictionary } from '../dictionary/model.ts';
import { partnerTypes, writePartnerSheet } from '../workbook/partner.ts';
import { listRange, newTemplate, noticeLines, pageReference, templateBytes, writeLists, writeMetadata, writeReadme, type ExcelModule, type TemplateOptions } from '../workbook/template.ts';
import { writeTable, YES_NO, type TableColumn } from '../workbook/table.ts';
import { dateRules, dispositifsTable, ETAT_LAYOUT_VERSION, etatNames, etatSheets, metaKeys, partnerRows, perimetreTable, statuses, systemesTable, systemRoles, tables } from './layout.ts';
import { ruleStatements } from './rules.ts';

/** The état des lieux of one dictionary version, as .xlsx bytes (ExcelJS passed in). */
export async function etatTemplate(excel: ExcelModule, dictionary: Dictionary, options: TemplateOptions = {}): Promise<Uint8Array> {
  const { version, date } = dictionary.manifest;
  const workbook = newTemplate(excel, date);
  const page = pageReference(options, etatNames.page, 'Vérifier mes fichiers › État des lieux');
  writeReadme(workbook, etatSheets.readme, [
    `État des lieux AGORA — dictionnaire des données, version ${version}`,
    ...noticeLines(dictionary),
    '',
    'Ce classeur recense les dispositifs de formation de votre périmètre AGORA, leurs sources de financement et les systèmes d’information (SI) qui tiennent leurs données : c’est l’étape 1 du volet données, avant le kit de diagnostic.',
    '',
    `1. Feuille « ${etatSheets.partner} » : votre organisme, comme dans le kit de diagnostic (raison sociale, SIRET en 14 chiffres au format Texte, type de partenaire, contact).`,
    `2. Feuille « ${etatSheets.dispositifs} » : une ligne par dispositif (${dispositifsTable.rows} au plus) : code interne, libellé, description, cadre, public visé, sources de financement (« Oui » dans chaque colonne qui s’applique), volume annuel d’entrées, dates, statut.`,
    `3. Feuille « ${etatSheets.systemes} » : une ligne par SI (${systemesTable.rows} au plus) ; le contact technique est une fonction ou un service, pas le nom d’une personne.`,
    `4. Feuille « ${etatSheets.perimetre} » : une ligne par couple dispositif × SI (${perimetreTable.rows} au plus) : quel SI tient les données de quel dispositif, et lesquelles.`,
    '5. Ne supprimez, ne déplacez et ne renommez aucune colonne ni feuille : le validateur lit les colonnes à leur place.',
    '',
    'Les règles que le validateur applique (une erreur est à corriger avant l’envoi, un avertissement à examiner) :',
    ...ruleStatements.map((statement) => `• ${statement}`),
    '',
    `Avant de l’envoyer, vérifiez votre état des lieux sur ${page}.`,
    'À partir d’un état des lieux sans erreur, cette page construit le kit de diagnostic pré-rempli de vos couples dispositif × SI.',
    'La vérification se fait dans votre navigateur : le fichier n’est envoyé nulle part.',
  ]);

  const lists = [partnerTypes, YES_NO, statuses, systemRoles] as const;
  const range = (values: readonly string[]) => listRange(etatSheets.lists, lists.indexOf(values as (typeof lists)[number]), values.length);
  const listOf = (column: TableColumn) => range(column.kind === 'oui' ? YES_NO : (column.choices ?? YES_NO));
  const rowsOf = (sheet: string) => tables.find((table) => table.sheet === sheet)?.rows ?? 0;

  await writePartnerSheet(workbook, partnerRows, range(partnerTypes), dateRules.etat);
  for (const table of tables) await writeTable(workbook, table, listOf, rowsOf);
  writeLists(workbook, etatSheets.lists, lists);
  writeMetadata(workbook, [
    [metaKeys.layout, ETAT_LAYOUT_VERSION],
    [metaKeys.version, version],
  ]);
  return templateBytes(workbook, date);
}
