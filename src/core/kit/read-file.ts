import * as XLSX from '@e965/xlsx';
import type { KitIssue } from './report.ts';

export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'ods';

/** Guards applied before SheetJS sees a byte: a kit is a few hundred kilobytes. */
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

export type ReadResult = { ok: true; workbook: XLSX.WorkBook; format: WorkbookFormat; notes: KitIssue[] } | { ok: false; issue: KitIssue };

const fileIssue = (rule: string, message: string, fix: string, severity: KitIssue['severity'] = 'erreur'): KitIssue => ({ severity, rule: `kit.fichier.${rule}`, place: 'Fichier', message, fix });

/** Sizes as a partner reads them: « 850 ko », « 1,5 Mo ». */
const size = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024)).toLocaleString('fr-FR')} ko` : `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
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
    entries.push({ name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)), compressed, uncompressed });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
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

/** Checks size, container and zip declarations, then reads with SheetJS; never throws. */
export function readWorkbookFile(bytes: Uint8Array, fileName: string, limits: FileLimits = fileLimits): ReadResult {
  const fail = (rule: string, message: string, fix: string): ReadResult => ({ ok: false, issue: fileIssue(rule, message, fix) });
  if (bytes.length === 0) return fail('vide', `Le fichier « ${fileName} » est vide (0 octet).`, 'Enregistrez de nouveau votre kit dans Excel, puis déposez le fichier obtenu.');
  if (bytes.length > limits.maxBytes) {
    return fail('trop-volumineux', `Le fichier pèse ${size(bytes.length)} ; un kit de diagnostic dépasse rarement 1 Mo et la limite est de ${size(limits.maxBytes)}.`, 'Vérifiez qu’il s’agit bien du kit ; retirez images et feuilles ajoutées, puis enregistrez-le de nouveau.');
  }

  let format: WorkbookFormat;
  const notes: KitIssue[] = [];
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = zipEntries(bytes);
    if (entries === 'damaged') return fail('endommage', 'Le fichier est endommagé ou incomplet : son sommaire interne est illisible (téléchargement interrompu, copie tronquée ?).', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom et déposez cette copie, sinon reprenez une version antérieure.');
    if (entries === 'zip64') return fail('trop-volumineux', 'Le fichier déclare un contenu de plus de 4 Go : ce n’est pas un kit de diagnostic.', 'Déposez le classeur du kit de diagnostic.');
    const total = entries.reduce((sum, entry) => sum + entry.uncompressed, 0);
    const bomb = entries.find((entry) => entry.uncompressed > 1024 * 1024 && entry.uncompressed > entry.compressed * limits.maxRatio);
    if (total > limits.maxUncompressedBytes || bomb) {
      return fail('bombe-zip', `Le fichier déclare ${size(total)} de contenu une fois décompressé${bomb ? ` (dont « ${bomb.name} », ${Math.round(bomb.uncompressed / Math.max(1, bomb.compressed))} fois sa taille compressée)` : ''} : il n’a pas été ouvert, pour protéger votre navigateur.`, 'Un kit de diagnostic ne contient rien de tel : déposez le classeur issu du modèle. Si le fichier vient d’un tiers, signalez-le à votre service informatique.');
    }
    const names = new Set(entries.map((entry) => entry.name));
    if (names.has('mimetype') && names.has('content.xml')) format = 'ods';
    else if (names.has('[Content_Types].xml') && [...names].some((name) => /^xl\/workbook\.(xml|bin)$/.test(name))) {
      format = names.has('xl/vbaProject.bin') || /\.xlsm$/i.test(fileName) ? 'xlsm' : 'xlsx';
      if (names.has('xl/workbook.bin')) return fail('format', 'Le fichier est un classeur binaire Excel (.xlsb), format que le validateur ne lit pas.', 'Dans Excel, « Fichier › Enregistrer sous », choisissez « Classeur Excel (.xlsx) », puis déposez ce fichier.');
    } else return fail('pas-un-classeur', `« ${fileName} » est une archive zip mais pas un classeur (ni .xlsx, ni .ods) : un document Word ou un dossier compressé, peut-être.`, 'Déposez le classeur du kit de diagnostic, au format .xlsx de préférence.');
  } else if (startsWith(bytes, CFB_MAGIC)) {
    if (isEncryptedOffice(bytes)) return fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Dans Excel, « Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe », effacez le mot de passe, enregistrez, puis déposez le fichier. La protection des feuilles, elle, ne gêne pas.');
    format = 'xls';
  } else {
    return fail('pas-un-classeur', `« ${fileName} » n’est pas un classeur Excel ou OpenDocument (texte, PDF, image ou autre format).`, 'Déposez le kit de diagnostic enregistré au format .xlsx (ou .xlsm, .xls, .ods).');
  }

  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellDates: true, cellStyles: false, cellFormula: false, cellHTML: false, WTF: false });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) return fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Retirez le mot de passe d’ouverture dans Excel, enregistrez, puis déposez le fichier.');
    return fail('endommage', 'Le fichier est endommagé : son contenu ne peut pas être lu comme un classeur.', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom au format .xlsx et déposez cette copie.');
  }

  if (format === 'xlsm') notes.push(fileIssue('macros', 'Le classeur est au format .xlsm (prenant en charge les macros) : ses macros éventuelles ne sont ni exécutées ni reprises dans la copie annotée.', 'Rien à faire si les macros ne servent pas au kit ; sinon, enregistrez-le au format .xlsx.', 'information'));
  if (format === 'xls' || format === 'ods') {
    notes.push(fileIssue('format-ancien', `Le classeur est au format ${format === 'xls' ? 'Excel 97-2003 (.xls)' : 'OpenDocument (.ods)'} : il est vérifié, mais les listes de choix et protections du modèle peuvent y avoir été perdues, et la copie annotée sera au format .xlsx.`, 'Remplissez de préférence le modèle téléchargé, au format .xlsx.', 'information'));
  }
  return { ok: true, workbook, format, notes };
}
