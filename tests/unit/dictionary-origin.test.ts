// The dictionary's origin (composé by this portal / officiel) is data: new versions state it in their
// manifest, versions frozen before the key existed in their entry of releases/index.yaml. A missing or
// contradictory origin is a check error naming the fix; the notice reaches reports, receipts and the
// downloads of new versions only, so that published files keep their bytes.
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { composedNotice, fileNotice, noticeInFile, originNotice } from '../../src/core/dictionary/origin.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { buildReceipt } from '../../src/core/workbook/exports.ts';
import { buildExtractReceipt } from '../../src/core/extract/exports.ts';
import type { WorkbookReport } from '../../src/core/workbook/report.ts';
import type { ExtractReport } from '../../src/core/extract/report.ts';
import { readRepositoryFiles } from '../../src/node/releases.ts';
import { scratchCopy, type Scratch } from '../fixtures/versions/scratch.ts';

const load = (root: string) => loadRepository(readRepositoryFiles(root));
const errors = (root: string) => load(root).problems.filter((problem) => problem.severity === 'erreur').map(formatProblem);

/** The scratch repository with its working copy turned into a draft of the next patch version. */
function draft(scratch: Scratch, origin?: string) {
  scratch.edit('dictionary/manifest.yaml', /^version: .*$/m, 'version: 1.0.1');
  scratch.edit('dictionary/manifest.yaml', /^status: .*$/m, `status: brouillon${origin ? `\norigin: ${origin}` : ''}`);
}

describe('dictionary origin', () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('is known for every version of the repository', () => {
    const { repository } = load(process.cwd());
    const versions = [...(repository?.published.map(({ dictionary }) => dictionary) ?? []), ...(repository?.draft ? [repository.draft] : [])];
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((dictionary) => !dictionary.origin).map((dictionary) => dictionary.manifest.version)).toEqual([]);
  });

  it('refuses a new version whose manifest does not state it, naming the key and the file', () => {
    scratch = scratchCopy();
    draft(scratch);
    expect(errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml:3 — Le manifeste de la version 1.0.1 ne dit pas si ce dictionnaire est composé par ce portail ou officiel : la clé « origin » manque. Ajoutez « origin: composé » (composé à partir de textes publics) ou « origin: officiel » (le dictionnaire de l’équipe plateforme) dans dictionary/manifest.yaml.",
      ]
    `);
  });

  it('takes a new version’s origin from its manifest', () => {
    scratch = scratchCopy();
    draft(scratch, 'officiel');
    expect(errors(scratch.root)).toEqual([]);
    expect(load(scratch.root).repository?.draft?.origin).toBe('officiel');
  });

  it('refuses a frozen version that states it nowhere, or twice differently', () => {
    scratch = scratchCopy();
    scratch.edit('releases/index.yaml', /^\s+origin: .*\n/m, '');
    expect(errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "releases/index.yaml:4 — La version 1.0.0 ne dit pas si elle est composée par ce portail ou officielle : son manifeste figé ne porte pas « origin ». Ajoutez « origin: composé » (ou « origin: officiel » si c’est le dictionnaire de l’équipe plateforme) à son entrée de releases/index.yaml.",
      ]
    `);
    scratch.remove();
    scratch = scratchCopy();
    for (const path of ['releases/1.0.0/dictionary/manifest.yaml', 'dictionary/manifest.yaml']) scratch.edit(path, /^status: .*$/m, 'status: publiée\norigin: officiel');
    expect(errors(scratch.root).map((line) => line.replace(/[\u00a0\u202f]/g, ' '))).toEqual([expect.stringMatching(/^releases\/index\.yaml:\d+ — L’origine « composé » contredit celle du manifeste figé de la version 1\.0\.0 \(« officiel »\)\. Retirez « origin » de cette entrée/u)]);
  });

  it('writes the notice into the downloads and templates of versions whose manifest states it, and only those', async () => {
    scratch = scratchCopy();
    const frozen = load(scratch.root).repository?.published[0]?.dictionary;
    if (!frozen) throw new Error('version publiée introuvable');
    // The frozen version is composed (its index entry says so), but its manifest does not: its files keep their bytes.
    expect(frozen.origin).toBe('composé');
    expect(fileNotice(frozen.manifest)).toBeUndefined();
    const json = async (dictionary: typeof frozen) => String(await dictionaryArtefacts(dictionary).find((a) => a.mediaType === 'application/json')?.build(dictionary));
    expect(await json(frozen)).not.toContain(composedNotice.text);
    expect(await json(frozen)).not.toContain('"origin"');

    const composed = { ...frozen, manifest: { ...frozen.manifest, origin: 'composé' as const } };
    const artefacts = dictionaryArtefacts(composed);
    const schema = artefacts.find((a) => a.path('x').endsWith('.schema.json'));
    const tableSchema = artefacts.find((a) => a.path('x').endsWith('.tableschema.json'));
    expect(await json(composed)).toContain(composedNotice.text);
    expect(String(await schema?.build(composed))).toContain(composedNotice.text);
    expect(String(await tableSchema?.build(composed))).toContain('composé par ce portail');

    const official = { ...frozen, manifest: { ...frozen.manifest, origin: 'officiel' as const } };
    expect(await json(official)).not.toContain(composedNotice.text);
    expect(String(await schema?.build(official))).not.toContain(composedNotice.text);

    // The templates' « Lisez-moi » says it under its title, for the same versions only.
    const readme = async (dictionary: typeof frozen, name: string) => {
      const bytes = (await dictionaryArtefacts(dictionary).find((a) => a.path('x').startsWith(name))?.build(dictionary)) as Uint8Array;
      const book = XLSX.read(bytes, { type: 'array' });
      return XLSX.utils.sheet_to_json<string[]>(book.Sheets['Lisez-moi'] as XLSX.WorkSheet, { header: 1 }).map((row) => row.join(' '));
    };
    for (const name of ['kit-diagnostic', 'etat-des-lieux']) {
      expect((await readme(composed, name))[1], name).toContain(composedNotice.text);
      expect((await readme(official, name)).join('\n'), name).not.toContain(composedNotice.text);
      expect((await readme(frozen, name)).join('\n'), name).not.toContain(composedNotice.text);
    }
  });

  it('has each download say whether it carries the notice, truly: its bytes hold it exactly when it says so', async () => {
    scratch = scratchCopy();
    const frozen = load(scratch.root).repository?.published[0]?.dictionary;
    if (!frozen) throw new Error('version publiée introuvable');
    // Every text a file holds: a workbook's cells, sheet by sheet, or the file itself.
    const text = (body: string | Uint8Array) => {
      if (typeof body === 'string') return body;
      const book = XLSX.read(body, { type: 'array' });
      return book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name] as XLSX.WorkSheet)).join('\n');
    };
    for (const manifest of [frozen.manifest, { ...frozen.manifest, origin: 'composé' as const }]) {
      const dictionary = { ...frozen, manifest };
      const artefacts = dictionaryArtefacts(dictionary);
      const holding = await Promise.all(artefacts.map(async (artefact) => [artefact.path('x'), text(await artefact.build(dictionary)).includes('composé par ce portail')] as const));
      expect(holding).toEqual(artefacts.map((artefact) => [artefact.path('x'), noticeInFile(artefact, manifest)]));
    }
    // Both kinds exist, so that the downloads page has something to say beside the files that lack it.
    expect(new Set(dictionaryArtefacts(frozen).map((artefact) => artefact.carriesNotice))).toEqual(new Set([true, false]));
  });

  it('puts the notice in every receipt while composed, and none once official', () => {
    const notice = originNotice('composé');
    expect(originNotice('officiel')).toBeUndefined();
    const workbook = { names: { receipt: 'recu' }, fileName: 'kit.xlsx', fileSize: 1, verdict: 'conforme', counts: { erreur: 0, avertissement: 0, information: 0 }, receiptFigures: {} } as unknown as WorkbookReport;
    expect(buildReceipt({ ...workbook, ...(notice ? { dictionaryNotice: notice } : {}) }, 'a', new Date(0)).avertissementDictionnaire).toBe(composedNotice.text);
    expect(buildReceipt(workbook, 'a', new Date(0))).not.toHaveProperty('avertissementDictionnaire');
    const extract = { fileName: 'e.csv', fileSize: 1, version: '1.0.0', entity: 'titulaire', verdict: 'conforme', rows: 0, counts: { erreur: 0, avertissement: 0, information: 0 }, columns: [], fileIssues: [] } as unknown as ExtractReport;
    expect(buildExtractReceipt({ ...extract, dictionaryNotice: composedNotice.text }, 'a', new Date(0)).avertissementDictionnaire).toBe(composedNotice.text);
    expect(buildExtractReceipt(extract, 'a', new Date(0))).not.toHaveProperty('avertissementDictionnaire');
  });
});
