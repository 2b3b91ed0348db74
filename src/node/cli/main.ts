import { accessSync, closeSync, constants, existsSync, mkdirSync, openAsBlob, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { statusLabels } from '../../core/dictionary/statuses.ts';
import { frenchTypography } from '../../core/typography.ts';
import { buildReport, exitCodes, fileEntry, REPORT_FORMAT, REPORT_FORMAT_VERSION, textReport, type ExitCode, type FileEntry } from './report.ts';
import { CHECKSUM_FILE, COMMAND_FILE, COMMAND_PAGE, SCHEMA_FILE } from './report-schema.ts';
import { chosenDictionary, natures, verifyFile, type Catalogue, type ColumnMapping, type Nature, type Progress, type Verified } from './verify.ts';

/** Where the command writes and what it knows of its terminal: given by the entry, so that tests drive it. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress is shown only to a person: when stderr is a terminal. */
  stderrIsTTY: boolean;
  cwd: string;
}

export const COMMAND = 'agora-verifier';
const formats = ['texte', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

const options = {
  format: { type: 'string', short: 'f' },
  sortie: { type: 'string', short: 'o' },
  dictionnaire: { type: 'string', short: 'd' },
  nature: { type: 'string' },
  entite: { type: 'string', short: 'e' },
  feuille: { type: 'string' },
  correspondance: { type: 'string', short: 'c' },
  recu: { type: 'string' },
  'copie-annotee': { type: 'string' },
  'sans-masquage': { type: 'boolean' },
  versions: { type: 'boolean' },
  aide: { type: 'boolean', short: 'h' },
  help: { type: 'boolean' },
} as const;

/** The whole manual, in French: every option, the exit codes, the report formats. */
export function helpText(catalogue: Catalogue): string {
  const current = chosenDictionary(catalogue, undefined)?.manifest.version ?? '—';
  return frenchTypography(`Usage : ${COMMAND} [options] <fichier…>

Vérifie, sur ce poste et sans réseau, des fichiers destinés à la plateforme AGORA, avec les contrôles des
pages « Vérifier mes fichiers » du Portail partenaires AGORA : kit de diagnostic, état des lieux, extrait
de données (CSV, .xlsx, .ods, .xls). La nature de chaque fichier est reconnue comme sur le site ; chaque
fichier reçoit son verdict. Aucun fichier n’est modifié ni écrit à côté des fichiers vérifiés.

Options :
  -f, --format <texte|json|csv>  format du rapport sur la sortie standard (texte par défaut) ; csv : le
                                 rapport CSV que la page fait télécharger (un seul fichier vérifié)
  -o, --sortie <fichier>         écrit le rapport dans ce fichier plutôt que sur la sortie standard
  -d, --dictionnaire <version>   version du dictionnaire des extraits (par défaut la version en vigueur,
                                 ${current}) ; un classeur est vérifié selon la version qu’il porte
      --versions                 liste les versions du dictionnaire que la commande contient
      --nature <${natures.join('|')}>
                                 ne pas reconnaître la nature du fichier : la donner
  -e, --entite <entité>          entité d’un extrait (titulaire, dossier…) ; reconnue par ses en-têtes sinon
      --feuille <nom>            feuille d’un classeur à lire comme extrait
  -c, --correspondance <fichier.json>
                                 correspondance des colonnes d’un extrait :
                                 { "entite": "titulaire", "colonnes": { "<en-tête>": "<CODE_DU_CHAMP>" ou null } }
                                 les colonnes qu’il ne nomme pas sont associées par leur en-tête, comme sur la page
      --recu <dossier>           écrit dans ce dossier le reçu de vérification de chaque fichier
                                 (<nom>-recu.json, sans aucune donnée du fichier)
      --copie-annotee <dossier>  écrit dans ce dossier la copie annotée de chaque classeur vérifié
      --sans-masquage            montre les valeurs personnelles telles que trouvées (rapports texte et
                                 json) ; par défaut elles sont masquées, comme sur la page ; le CSV d’un
                                 extrait les masque toujours
  -h, --aide, --help             affiche cette aide

Codes de sortie :
  0  conforme (éventuellement avec des avertissements), pour chaque fichier
  1  à corriger : au moins un fichier contient des erreurs
  2  illisible : un fichier n’a pas pu être lu ou n’est pas l’un de ceux que le portail vérifie,
     ou l’appel est incorrect

Le rapport va sur la sortie standard ; la progression (lignes, %, lignes par seconde) va sur la sortie
d’erreur, seulement quand c’est un terminal. Le rapport json suit le format ${REPORT_FORMAT} version
${REPORT_FORMAT_VERSION}, décrit par le schéma JSON ${SCHEMA_FILE} publié sur la page ${COMMAND_PAGE}
du portail, avec ${COMMAND_FILE} et son empreinte ${CHECKSUM_FILE}.

Exemples :
  ${COMMAND} kit-diagnostic.xlsx
  ${COMMAND} --format json --sortie rapport.json titulaires.csv dossiers.xlsx
  ${COMMAND} --entite titulaire --correspondance colonnes.json --format csv export.csv > problemes.csv
`);
}

class CallError extends Error {}

/** The page's names for what it downloads: « kit-rapport.csv », « titulaires-recu.json ». */
const baseName = (fileName: string) => basename(fileName).replace(/\.(csv|txt|tsv|xlsx|xlsm|ods|xls)$/i, '');

/** Runs the command; resolves with its exit code. Writes only the report, and the files asked for. */
export async function run(argv: readonly string[], io: Io, catalogue: Catalogue): Promise<ExitCode> {
  try {
    return await runChecked(argv, io, catalogue);
  } catch (error) {
    if (!(error instanceof CallError)) throw error;
    io.stderr(`${frenchTypography(`${COMMAND} : ${error.message}`)}\n${frenchTypography(`Voir ${COMMAND} --aide.`)}\n`);
    return exitCodes.illisible;
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const name = /'(-{1,2}[^' ]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CallError(`option inconnue ${name}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new CallError(`l’option ${name} attend une valeur.`);
    throw new CallError(error instanceof Error ? error.message : String(error));
  }
}

async function runChecked(argv: readonly string[], io: Io, catalogue: Catalogue): Promise<ExitCode> {
  const { values, positionals } = parse(argv);
  if (values.aide || values.help) {
    io.stdout(helpText(catalogue));
    return exitCodes.conforme;
  }
  if (values.versions) {
    const current = chosenDictionary(catalogue, undefined);
    for (const { dictionary, release } of catalogue.published) io.stdout(`${dictionary.manifest.version}\t${statusLabels[release.status]}${dictionary === current ? '\tpar défaut' : ''}\n`);
    return exitCodes.conforme;
  }
  const format = (values.format ?? 'texte') as Format;
  if (!formats.includes(format)) throw new CallError(`format inconnu « ${values.format} » : choisissez ${formats.join(', ')}.`);
  if (values.nature !== undefined && !natures.includes(values.nature as Nature)) throw new CallError(`nature inconnue « ${values.nature} » : choisissez ${natures.join(', ')}.`);
  if (positionals.length === 0) throw new CallError('aucun fichier à vérifier.');
  if (format === 'csv' && positionals.length > 1) throw new CallError('le format csv est le rapport d’un seul fichier : vérifiez les fichiers un par un, ou choisissez --format json.');
  if (values.dictionnaire !== undefined && !chosenDictionary(catalogue, values.dictionnaire)) {
    throw new CallError(`la version ${values.dictionnaire} du dictionnaire est inconnue de cette commande ; versions connues : ${catalogue.published.map(({ dictionary }) => dictionary.manifest.version).join(', ')}.`);
  }
  const mapping = values.correspondance === undefined ? undefined : readMapping(resolve(io.cwd, values.correspondance));
  for (const folder of [values.recu, values['copie-annotee']]) if (folder !== undefined) ensureFolder(resolve(io.cwd, folder));
  const mask = !values['sans-masquage'];

  const entries: FileEntry[] = [];
  // The CSV goes out as it is written (an extract's may hold millions of lines); a file asked for appears only once complete.
  const csvFile = format === 'csv' && values.sortie !== undefined ? resolve(io.cwd, values.sortie) : undefined;
  const partial = csvFile ? `${csvFile}.${process.pid}.partiel` : undefined;
  const descriptor = partial ? openSync(partial, 'w') : undefined;
  let csvWritten = false;
  const writeCsv = (text: string) => {
    csvWritten = true;
    if (descriptor !== undefined) writeSync(descriptor, text);
    else io.stdout(text);
  };
  for (const path of positionals) {
    const absolute = resolve(io.cwd, path);
    const fileName = basename(path);
    let verified: Verified;
    const readable = fileProblem(absolute, path);
    if (readable) verified = { nature: undefined, unreadable: readable };
    else {
      const progress = io.stderrIsTTY ? progressLine(io, fileName) : undefined;
      verified = await verifyFile(await openAsBlob(absolute), fileName, catalogue, {
        ...(values.dictionnaire !== undefined ? { version: values.dictionnaire } : {}),
        ...(values.nature !== undefined ? { nature: values.nature as Nature } : {}),
        ...(values.entite !== undefined ? { entity: values.entite } : {}),
        ...(values.feuille !== undefined ? { sheet: values.feuille } : {}),
        ...(mapping ? { mapping } : {}),
        ...(progress ? { onProgress: progress.update } : {}),
        onCsv: format === 'csv' ? writeCsv : () => undefined,
      });
      progress?.done();
    }
    entries.push(fileEntry(path, verified, mask));
    if ('csv' in verified) {
      if (format === 'csv' && verified.nature !== 'extrait') writeCsv(verified.csv);
      const base = baseName(fileName);
      if (values.recu !== undefined) writeFileSync(join(resolve(io.cwd, values.recu), `${base}-recu.json`), `${JSON.stringify(verified.receipt, null, 2)}\n`);
      if (values['copie-annotee'] !== undefined && verified.nature !== 'extrait') {
        const { annotateWorkbook } = await import('../../core/workbook/annotate.ts');
        const excel = (await import('exceljs')).default;
        const copy = await annotateWorkbook(new Uint8Array(readFileSync(absolute)), verified.report, excel);
        writeFileSync(join(resolve(io.cwd, values['copie-annotee']), copy.fileName), copy.bytes);
      }
    }
  }
  const report = buildReport(entries, mask);
  if (format === 'csv') {
    if (descriptor !== undefined && partial && csvFile) {
      closeSync(descriptor);
      if (report.codeSortie === exitCodes.illisible) rmSync(partial, { force: true });
      else renameSync(partial, csvFile);
    }
    // A file that could not be checked has no CSV: why is said on stderr.
    if (!csvWritten || report.codeSortie === exitCodes.illisible) io.stderr(textReport(report));
    return report.codeSortie;
  }
  const output = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : textReport(report);
  if (values.sortie !== undefined) writeFileSync(resolve(io.cwd, values.sortie), output);
  else io.stdout(output);
  return report.codeSortie;
}

/** Why a path cannot be read, said as a problem of the file; undefined when it can. */
function fileProblem(absolute: string, path: string) {
  const problem = (message: string, fix: string) => ({ severity: 'erreur' as const, rule: 'commande.fichier', place: 'Fichier', message, fix });
  if (!existsSync(absolute)) return problem(`Le fichier « ${path} » est introuvable.`, 'Vérifiez le chemin donné à la commande.');
  if (!statSync(absolute).isFile()) return problem(`« ${path} » n’est pas un fichier.`, 'Donnez le chemin d’un fichier, pas d’un dossier.');
  try {
    accessSync(absolute, constants.R_OK);
  } catch {
    return problem(`Le fichier « ${path} » ne peut pas être lu.`, 'Vérifiez ses droits de lecture.');
  }
  return undefined;
}

function readMapping(path: string): ColumnMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CallError(existsSync(path) ? `le fichier de correspondance « ${path} » n’est pas du JSON valide (${error instanceof Error ? error.message : String(error)}).` : `le fichier de correspondance « ${path} » est introuvable.`);
  }
  const mapping = parsed as ColumnMapping;
  const valid =
    mapping !== null &&
    typeof mapping === 'object' &&
    !Array.isArray(mapping) &&
    (mapping.entite === undefined || typeof mapping.entite === 'string') &&
    (mapping.colonnes === undefined || (typeof mapping.colonnes === 'object' && mapping.colonnes !== null && Object.values(mapping.colonnes).every((v) => v === null || typeof v === 'string')));
  if (!valid) throw new CallError(`le fichier de correspondance « ${path} » doit avoir la forme { "entite": "titulaire", "colonnes": { "<en-tête>": "<CODE_DU_CHAMP>" ou null } }.`);
  return mapping;
}

function ensureFolder(path: string) {
  if (existsSync(path) && !statSync(path).isDirectory()) throw new CallError(`« ${path} » existe et n’est pas un dossier.`);
  mkdirSync(path, { recursive: true });
}

/** One line on the terminal, rewritten in place: rows, percentage and speed for an extract (as often as the core reports), the step for a workbook. */
function progressLine(io: Io, fileName: string) {
  const show = (text: string) => io.stderr(`\r\u001b[2K${frenchTypography(text)}`);
  return {
    update(progress: Progress) {
      if (progress.kind === 'workbook') show(`${fileName} : ${progress.step} (${Math.round(progress.fraction * 100)} %)`);
      else show(`${fileName} : ${progress.progress.rows.toLocaleString('fr-FR')} lignes, ${Math.floor(progress.progress.fraction * 100)} %, ${progress.progress.rowsPerSecond.toLocaleString('fr-FR')} lignes/s`);
    },
    done: () => io.stderr('\r\u001b[2K'),
  };
}

/** The process around `run`: its arguments, its streams, its exit code (set, not forced, so that stdout drains). */
export async function main(catalogue: Catalogue): Promise<void> {
  const io: Io = { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text), stderrIsTTY: process.stderr.isTTY === true, cwd: process.cwd() };
  try {
    process.exitCode = await run(process.argv.slice(2), io, catalogue);
  } catch (error) {
    io.stderr(frenchTypography(`${COMMAND} : erreur inattendue, le fichier n’a pas pu être vérifié (${error instanceof Error ? error.message : String(error)}).\n`));
    process.exitCode = exitCodes.illisible;
  }
}
