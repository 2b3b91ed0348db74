import { etatSheets } from '../etat-des-lieux/layout.ts';
import type { EtatReport, InventoryDispositif, InventorySysteme } from '../etat-des-lieux/report.ts';
import { sheetNames as kitSheets } from '../kit/layout.ts';
import type { KitReport } from '../kit/report.ts';
import type { Severity } from '../problems.ts';
import { buildReceipt, type Receipt } from '../workbook/exports.ts';
import { normalizeChoice } from '../choices.ts';

/**
 * The état des lieux and the kit de diagnostic, checked against each other: the same pairs, the same
 * partner, the same dictionary version. Each difference is told once, with what to do in each file.
 */
export interface CrossFinding {
  severity: Severity;
  rule: string;
  message: string;
  /** Where it stands in each file (« Périmètre!A5 », « Dispositifs!B4 »). */
  places: { etat?: string; kit?: string };
  /** The fix in each file: correcting either one resolves the difference. */
  fix: { etat: string; kit: string };
}

/** A kit pair as typed, with the file it comes from when several kits cover the état des lieux. */
interface KitPair {
  kit: KitReport;
  number: number;
  dispositif: string;
  si: string;
  row: number;
}

/**
 * Whether a name typed in the kit designates this entry of the état des lieux: its code, its label, or
 * both as the pre-filled kit writes them (« PRQ — Programme régional qualifiant »). Case, accents and
 * spaces do not count.
 */
function designates(typed: string, code: string, label: string): boolean {
  const text = normalizeChoice(typed);
  const [head] = text.split(/\s+[—–-]\s+/);
  return [code, label, `${code} — ${label}`].some((name) => normalizeChoice(name) === text) || head === normalizeChoice(code);
}

const kitPlace = (pair: KitPair, multiple: boolean) => `${multiple ? `${pair.kit.fileName} › ` : ''}${kitSheets.pairs}!B${pair.row}`;

export function crossCheck(etat: EtatReport, kits: readonly KitReport[]): CrossFinding[] {
  const findings: CrossFinding[] = [];
  const multiple = kits.length > 1;
  const { dispositifs, systemes, couples } = etat.inventory;
  const byCode = <T extends { code: string }>(list: readonly T[], code: string) => list.find((item) => item.code === code);

  const kitPairs: KitPair[] = kits.flatMap((kit) => kit.pairs.map((pair) => ({ kit, ...pair })));
  const matches = (pair: KitPair, dispositif: InventoryDispositif, systeme: InventorySysteme) => designates(pair.dispositif, dispositif.code, dispositif.libelle) && designates(pair.si, systeme.code, systeme.nom);

  const unmatchedKit = new Set(kitPairs);
  const unmatchedEtat: { dispositif: InventoryDispositif; systeme: InventorySysteme; row: number }[] = [];
  for (const couple of couples) {
    const dispositif = byCode(dispositifs, couple.dispositif);
    const systeme = byCode(systemes, couple.si);
    if (!dispositif || !systeme) continue;
    const match = [...unmatchedKit].find((pair) => matches(pair, dispositif, systeme));
    if (match) unmatchedKit.delete(match);
    else unmatchedEtat.push({ dispositif, systeme, row: couple.row });
  }

  const perimetre = (row: number) => `${etatSheets.perimetre}!A${row}`;
  // A kit pair left over that designates a couple of the état des lieux repeats a pair of the kit: that is its fault.
  const matchedBy = new Map<string, KitPair>();
  for (const pair of kitPairs) {
    if (unmatchedKit.has(pair)) continue;
    const couple = couples.find((c) => { const d = byCode(dispositifs, c.dispositif); const s = byCode(systemes, c.si); return d && s && matches(pair, d, s); });
    if (couple) matchedBy.set(`${couple.dispositif}|${couple.si}`, pair);
  }
  for (const extra of [...unmatchedKit]) {
    const couple = couples.find((c) => { const d = byCode(dispositifs, c.dispositif); const s = byCode(systemes, c.si); return d && s && matches(extra, d, s); });
    const first = couple && matchedBy.get(`${couple.dispositif}|${couple.si}`);
    if (!couple || !first) continue;
    unmatchedKit.delete(extra);
    findings.push({
      severity: 'erreur',
      rule: 'croisement.couple-en-double',
      message: `Le couple n° ${extra.number} du kit, « ${extra.dispositif} × ${extra.si} » (${kitPlace(extra, multiple)}), répète le couple n° ${first.number} (${kitPlace(first, multiple)}) : le « ${etatSheets.perimetre} » de l’état des lieux ne compte ce couple qu’une fois (${perimetre(couple.row)}).`,
      places: { etat: perimetre(couple.row), kit: kitPlace(extra, multiple) },
      fix: {
        etat: 'Rien à corriger dans l’état des lieux.',
        kit: `Retirez le couple n° ${extra.number} de la feuille « ${kitSheets.pairs} » du kit et reportez ses réponses de « ${kitSheets.diagnostic} » sur le couple n° ${first.number}.`,
      },
    });
  }
  // A pair of each side with the same dispositif is one pair whose system differs, told once.
  for (const missing of [...unmatchedEtat]) {
    const changed = [...unmatchedKit].find((pair) => designates(pair.dispositif, missing.dispositif.code, missing.dispositif.libelle));
    if (!changed) continue;
    unmatchedKit.delete(changed);
    unmatchedEtat.splice(unmatchedEtat.indexOf(missing), 1);
    findings.push({
      severity: 'erreur',
      rule: 'croisement.couple-different',
      message: `Le dispositif « ${missing.dispositif.code} — ${missing.dispositif.libelle} » est associé au système « ${missing.systeme.code} — ${missing.systeme.nom} » dans l’état des lieux (${perimetre(missing.row)}), mais au système « ${changed.si} » dans le couple n° ${changed.number} du kit (${kitPlace(changed, multiple)}).`,
      places: { etat: perimetre(missing.row), kit: kitPlace(changed, multiple) },
      fix: {
        etat: `Si le kit a raison, corrigez le code du SI en ${etatSheets.perimetre}!B${missing.row}.`,
        kit: `Sinon, corrigez le système d’information du couple n° ${changed.number} dans la feuille « ${kitSheets.pairs} » du kit.`,
      },
    });
  }
  for (const missing of unmatchedEtat) {
    findings.push({
      severity: 'erreur',
      rule: 'croisement.couple-absent-du-kit',
      message: `Le couple « ${missing.dispositif.code} — ${missing.dispositif.libelle} × ${missing.systeme.code} — ${missing.systeme.nom} » de l’état des lieux (${perimetre(missing.row)}) n’est déclaré dans aucun kit.`,
      places: { etat: perimetre(missing.row) },
      fix: {
        etat: `Si ce couple n’existe plus, retirez la ligne ${missing.row} du « ${etatSheets.perimetre} ».`,
        kit: `Sinon, déclarez-le sur une ligne libre de la feuille « ${kitSheets.pairs} » du kit et remplissez son groupe de colonnes dans « ${kitSheets.diagnostic} ».`,
      },
    });
  }
  for (const extra of unmatchedKit) {
    const dispositif = dispositifs.find((d) => designates(extra.dispositif, d.code, d.libelle));
    const systeme = systemes.find((s) => designates(extra.si, s.code, s.nom));
    // The cause, as precisely as the état des lieux tells it: an unknown dispositif, an unknown system, or a pair the « Périmètre » does not make.
    const cause = !dispositif
      ? `son dispositif n’est pas dans la feuille « ${etatSheets.dispositifs} » de l’état des lieux${systeme ? '' : `, ni son système dans la feuille « ${etatSheets.systemes} »`}`
      : !systeme
        ? `son système n’est pas dans la feuille « ${etatSheets.systemes} » de l’état des lieux`
        : `le dispositif « ${dispositif.code} » et le système « ${systeme.code} » figurent dans l’état des lieux, mais le « ${etatSheets.perimetre} » ne les associe pas`;
    findings.push({
      severity: 'erreur',
      rule: 'croisement.couple-absent-de-l-etat',
      message: `Le couple n° ${extra.number} du kit, « ${extra.dispositif} × ${extra.si} » (${kitPlace(extra, multiple)}), n’apparaît pas dans le « ${etatSheets.perimetre} » de l’état des lieux : ${cause}.`,
      places: { kit: kitPlace(extra, multiple) },
      fix: {
        etat: `S’il fait partie du périmètre, ajoutez-le au « ${etatSheets.perimetre} » de l’état des lieux, avec les codes de son dispositif et de son SI.`,
        kit: `Sinon, retirez-le de la feuille « ${kitSheets.pairs} » du kit, avec ses réponses dans « ${kitSheets.diagnostic} ».`,
      },
    });
  }

  for (const kit of kits) {
    const where = multiple ? ` (${kit.fileName})` : '';
    if (etat.siret && kit.siret && etat.siret.value !== kit.siret.value) {
      findings.push({
        severity: 'erreur',
        rule: 'croisement.siret',
        message: `Le SIRET du kit${where} (${kit.siret.value}, ${kit.siret.place}) n’est pas celui de l’état des lieux (${etat.siret.value}, ${etat.siret.place}) : les deux documents doivent identifier le même partenaire.`,
        places: { etat: etat.siret.place, kit: kit.siret.place },
        fix: { etat: `Si le kit a raison, corrigez le SIRET de l’état des lieux en ${etat.siret.place}.`, kit: `Sinon, corrigez celui du kit en ${kit.siret.place}.` },
      });
    }
    if (etat.dictionaryVersion && kit.dictionaryVersion && etat.dictionaryVersion !== kit.dictionaryVersion) {
      findings.push({
        severity: 'erreur',
        rule: 'croisement.version',
        message: `Le kit${where} suit la version ${kit.dictionaryVersion} du dictionnaire, l’état des lieux la version ${etat.dictionaryVersion}.`,
        places: {},
        fix: {
          etat: `Recopiez l’état des lieux dans le modèle de la version ${kit.dictionaryVersion}, si c’est celle que vous retenez.`,
          kit: `Ou recopiez le kit dans le modèle de la version ${etat.dictionaryVersion} : les deux documents suivent la même version, de préférence celle en vigueur.`,
        },
      });
    }
  }
  return findings;
}

/**
 * The receipt of files checked together: each file's own receipt, and the number of differences found
 * between them. Like each receipt, it holds no value of the files.
 */
export interface CombinedReceipt {
  type: 'recu-verification-croisee-agora';
  verifieLe: string;
  etatDesLieux: Receipt;
  kits: Receipt[];
  croisement: { ecarts: number; resultat: string };
}

export function buildCombinedReceipt(etat: { report: EtatReport; sha256: string }, kits: readonly { report: KitReport; sha256: string }[], findings: readonly CrossFinding[], now: Date): CombinedReceipt {
  return {
    type: 'recu-verification-croisee-agora',
    verifieLe: now.toISOString(),
    etatDesLieux: buildReceipt(etat.report, etat.sha256, now),
    kits: kits.map((kit) => buildReceipt(kit.report, kit.sha256, now)),
    croisement: { ecarts: findings.length, resultat: findings.length === 0 ? 'Cohérents' : 'Écarts à corriger' },
  };
}
