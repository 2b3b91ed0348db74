import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import type { WorkbookIssue, WorkbookNames } from './report.ts';
import { withoutFormatNotices } from './sheet.ts';

export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'ods';

/** Guards applied before SheetJS sees a byte: a partner workbook is a few hundred kilobytes. */
export interface FileLimits {
  maxBytes: number;
  maxUncompressedBytes: number;
  /** Spreadsheet XML compresses about 10×; beyond this a part is built to blow up on inflation. */
  maxRatio: number;
}

export const fileLimits: FileLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxRatio: 200,
};

/** A failed read: `autre-fichier` when the file was recognised as something else than a workbook. */
export type ReadResult = { ok: true; workbook: XLSX.WorkBook; format: WorkbookFormat; notes: WorkbookIssue[] } | { ok: false; issue: WorkbookIssue; verdict: 'illisible' | 'autre-fichier' };

const fileIssue = (rule: string, message: string, fix: string, severity: WorkbookIssue['severity'] = 'erreur'): WorkbookIssue => ({ severity, rule: `fichier.${rule}`, place: 'Fichier', message, fix });

/** What the file's messages need of the workbook's names. */
type Names = Pick<WorkbookNames, 'the' | 'a' | 'of' | 'yours' | 'ofShort' | 'toShort'>;
const capitalised = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;

/** Sizes as a partner reads them: « 850 ko », « 1,5 Mo ». */
const size = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024)).toLocaleString('fr-FR')} ko` : `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

const IMAGES: readonly [string, number[], number?][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', ascii('GIF8')],
  ['BMP', ascii('BM')],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

/** What the first bytes say the file is; only zip and compound files can hold a workbook. */
type Sniffed =
  | { kind: 'zip' | 'cfb' | 'pdf' | 'text' | 'inconnu' }
  | { kind: 'image'; format: string }
  | { kind: 'csv'; separator: string };

function sniff(bytes: Uint8Array, fileName: string): Sniffed {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(bytes, CFB_MAGIC)) return { kind: 'cfb' };
  if (startsWith(bytes, ascii('%PDF'))) return { kind: 'pdf' };
  const image = IMAGES.find(([, magic]) => startsWith(bytes, magic)) ?? (startsWith(bytes, ascii('RIFF')) && startsWith(bytes.subarray(8), ascii('WEBP')) ? ['WebP', []] : undefined);
  if (image) return { kind: 'image', format: image[0] };
  const text = asText(bytes.subarray(0, 64 * 1024));
  if (text === undefined) return { kind: 'inconnu' };
  const separator = csvSeparator(text) ?? (/\.tsv$/i.test(fileName) ? '\t' : /\.csv$/i.test(fileName) ? ';' : undefined);
  return separator ? { kind: 'csv', separator } : { kind: 'text' };
}

/**
 * The bytes as text when they look like it: no NUL byte, hardly any control character. Text saved by
 * French Excel in Windows-1252 is not UTF-8: its accents decode as U+FFFD, which is still text.
 */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes);
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return count(/[\u0001-\u0008\u000b\u000e-\u001f]/g) > text.length / 100 || count(/\ufffd/g) > text.length / 3 ? undefined : text;
}

/**
 * A CSV's separator: one that at least two lines hold, the first line and most others as many times
 * (a quoted value may hold one more).
 */
function csvSeparator(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 20);
  // The last line of a 64 KiB slice may be cut short.
  const whole = text.length >= 64 * 1024 ? lines.slice(0, -1) : lines;
  if (whole.length < 2) return undefined;
  return [';', '\t', ','].find((separator) => {
    const counts = whole.map((line) => line.split(separator).length - 1);
    const first = counts[0] ?? 0;
    return first > 0 && counts.filter((n) => n === first).length >= Math.max(2, counts.length * 0.8);
  });
}

const separatorNames: Record<string, string> = { ';': '« ; »', ',': '« , »', '\t': 'tabulations' };

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  crc: number;
}

/** Lists a zip's parts from its central directory, without inflating anything. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | 'damaged' | 'zip64' {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'damaged';
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return 'zip64';
  if (offset + size > eocd) return 'damaged';
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let p = offset, n = 0; n < count; n += 1) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return 'damaged';
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return 'zip64';
    entries.push({ name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)), compressed, uncompressed, crc: view.getUint32(p + 16, true) });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * True when every part inflates to its declared size and checksum. SheetJS's own inflater can loop
 * forever on a corrupted part: the parts are checked with fflate first, which fails cleanly.
 */
function zipIntact(bytes: Uint8Array, entries: readonly ZipEntry[]): boolean {
  try {
    const parts = unzipSync(bytes);
    return entries.every((entry) => {
      const data = parts[entry.name];
      return entry.name.endsWith('/') || (data !== undefined && data.length === entry.uncompressed && crc32(data) === entry.crc);
    });
  } catch {
    return false;
  }
}

/** True when a compound file holds the streams Office writes for a password-encrypted workbook. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  const needle = [...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]);
  outer: for (let i = 0; i <= bytes.length - needle.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A file recognised as something else than a workbook: named for what it is, with what to drop instead. */
function otherFile(sniffed: Sniffed, fileName: string, weight: string, names: Names): { rule: string; message: string; fix: string } | undefined {
  const name = `« ${fileName} »${weight}`;
  switch (sniffed.kind) {
    case 'csv':
      return {
        rule: 'csv',
        message: `${name} est un fichier CSV (texte séparé par des ${separatorNames[sniffed.separator] ?? `« ${sniffed.separator} »`}), pas un classeur : un CSV ne garde qu’une feuille, sans les listes de choix ni la feuille masquée qui identifient ${names.the}.`,
        fix: `Remplissez le modèle ${names.of} (.xlsx) téléchargé sur le portail et déposez le classeur tel qu’Excel l’enregistre, sans l’exporter en CSV.`,
      };
    case 'pdf':
      return { rule: 'pdf', message: `${name} est un document PDF, pas un classeur.`, fix: `Déposez le classeur ${names.of} (.xlsx) lui-même, et non sa version imprimée ou exportée en PDF.` };
    case 'image':
      return { rule: 'image', message: `${name} est une image (${sniffed.format}), pas un classeur.`, fix: `Déposez le classeur ${names.of} (.xlsx) lui-même, et non une capture d’écran.` };
    case 'text':
      return { rule: 'texte', message: `${name} est un fichier texte, pas un classeur.`, fix: `Déposez ${names.the} enregistré par Excel au format .xlsx (ou .xlsm, .xls, .ods).` };
    case 'inconnu':
      return { rule: 'pas-un-classeur', message: `${name} n’est pas un classeur Excel ou OpenDocument (format non reconnu).`, fix: `Déposez ${names.the} enregistré au format .xlsx (ou .xlsm, .xls, .ods).` };
    default:
      return undefined;
  }
}

/** Checks size, container and zip declarations, then reads with SheetJS; never throws. */
export function readWorkbookFile(bytes: Uint8Array, fileName: string, names: Names, limits: FileLimits = fileLimits): ReadResult {
  const fail = (rule: string, message: string, fix: string, verdict: 'illisible' | 'autre-fichier' = 'illisible'): ReadResult => ({ ok: false, issue: fileIssue(rule, message, fix), verdict });
  if (bytes.length === 0) return fail('vide', `Le fichier « ${fileName} » est vide (0 octet).`, `Enregistrez de nouveau ${names.yours} dans Excel, puis déposez le fichier obtenu.`);
  const sniffed = sniff(bytes, fileName);
  const tooLarge = bytes.length > limits.maxBytes;
  // Whatever its size, a file that is not a workbook is named for what it is: no advice about images in a CSV.
  const other = otherFile(sniffed, fileName, tooLarge ? ` (${size(bytes.length)})` : '', names);
  if (other) return fail(other.rule, other.message, other.fix, 'autre-fichier');
  if (tooLarge) {
    return fail('trop-volumineux', `Le fichier pèse ${size(bytes.length)} ; ${names.a} dépasse rarement 1 Mo et la limite est de ${size(limits.maxBytes)}.`, `Vérifiez qu’il s’agit bien ${names.ofShort} ; retirez images et feuilles ajoutées, puis enregistrez-le de nouveau.`);
  }

  let format: WorkbookFormat;
  const notes: WorkbookIssue[] = [];
  if (sniffed.kind === 'zip') {
    const entries = zipEntries(bytes);
    if (entries === 'damaged') return fail('endommage', 'Le fichier est endommagé ou incomplet : son sommaire interne est illisible (téléchargement interrompu, copie tronquée ?).', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom et déposez cette copie, sinon reprenez une version antérieure.');
    if (entries === 'zip64') return fail('trop-volumineux', `Le fichier déclare un contenu de plus de 4 Go : ce n’est pas ${names.a}.`, `Déposez le classeur ${names.of}.`);
    const total = entries.reduce((sum, entry) => sum + entry.uncompressed, 0);
    const bomb = entries.find((entry) => entry.uncompressed > 1024 * 1024 && entry.uncompressed > entry.compressed * limits.maxRatio);
    if (total > limits.maxUncompressedBytes || bomb) {
      return fail('bombe-zip', `Le fichier déclare ${size(total)} de contenu une fois décompressé${bomb ? ` (dont « ${bomb.name} », ${Math.round(bomb.uncompressed / Math.max(1, bomb.compressed))} fois sa taille compressée)` : ''} : il n’a pas été ouvert, pour protéger votre navigateur.`, `${capitalised(names.a)} ne contient rien de tel : déposez le classeur issu du modèle. Si le fichier vient d’un tiers, signalez-le à votre service informatique.`);
    }
    if (!zipIntact(bytes, entries)) return fail('endommage', 'Le fichier est endommagé : une partie de son contenu ne se décompresse pas (téléchargement interrompu, copie abîmée ?).', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom au format .xlsx et déposez cette copie, sinon reprenez une version antérieure.');
    const parts = new Set(entries.map((entry) => entry.name));
    if (parts.has('mimetype') && parts.has('content.xml')) format = 'ods';
    else if (parts.has('[Content_Types].xml') && [...parts].some((name) => /^xl\/workbook\.(xml|bin)$/.test(name))) {
      format = parts.has('xl/vbaProject.bin') || /\.xlsm$/i.test(fileName) ? 'xlsm' : 'xlsx';
      if (parts.has('xl/workbook.bin')) return fail('format', 'Le fichier est un classeur binaire Excel (.xlsb), format que le validateur ne lit pas.', 'Dans Excel, « Fichier › Enregistrer sous », choisissez « Classeur Excel (.xlsx) », puis déposez ce fichier.');
    } else {
      const word = parts.has('word/document.xml') ? 'un document Word' : parts.has('ppt/presentation.xml') ? 'une présentation PowerPoint' : 'un dossier compressé';
      return fail('pas-un-classeur', `« ${fileName} » est une archive zip mais pas un classeur (ni .xlsx, ni .ods) : ${word}, semble-t-il.`, `Déposez le classeur ${names.of}, au format .xlsx de préférence.`, 'autre-fichier');
    }
  } else {
    if (isEncryptedOffice(bytes)) return fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Dans Excel, « Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe », effacez le mot de passe, enregistrez, puis déposez le fichier. La protection des feuilles, elle, ne gêne pas.');
    format = 'xls';
  }

  let workbook: XLSX.WorkBook;
  try {
    workbook = withoutFormatNotices(() => XLSX.read(bytes, { type: 'array', dense: true, cellDates: true, cellStyles: false, cellFormula: false, cellHTML: false, WTF: false }));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) return fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Retirez le mot de passe d’ouverture dans Excel, enregistrez, puis déposez le fichier.');
    return fail('endommage', 'Le fichier est endommagé : son contenu ne peut pas être lu comme un classeur.', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom au format .xlsx et déposez cette copie.');
  }

  if (format === 'xlsm') notes.push(fileIssue('macros', 'Le classeur est au format .xlsm (prenant en charge les macros) : ses macros éventuelles ne sont ni exécutées ni reprises dans la copie annotée.', `Rien à faire si les macros ne servent pas ${names.toShort} ; sinon, enregistrez-le au format .xlsx.`, 'information'));
  if (format === 'xls' || format === 'ods') {
    notes.push(fileIssue('format-ancien', `Le classeur est au format ${format === 'xls' ? 'Excel 97-2003 (.xls)' : 'OpenDocument (.ods)'} : il est vérifié, mais les listes de choix et protections du modèle peuvent y avoir été perdues, et la copie annotée sera au format .xlsx.`, 'Remplissez de préférence le modèle téléchargé, au format .xlsx.', 'information'));
  }
  return { ok: true, workbook, format, notes };
}
