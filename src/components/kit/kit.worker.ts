/// <reference lib="webworker" />
// The kit de diagnostic page's Worker: the workbook machinery, with the kit's declaration and the
// upgrade of a kit filled on an older dictionary version.
import { History } from '../../core/dictionary/history.ts';
import type { KitReport } from '../../core/kit/report.ts';
import { kitWorkbook } from '../../core/kit/validate.ts';
import { planForKit } from '../../core/migration/kit-plan.ts';
import { current, dictionaries } from '../../data/dictionaries.ts';
import type { UpgradeRequest } from '../migration/upgrade-state.ts';
import { serveWorkbooks, type Post } from '../workbook/serve.ts';

const history = new History(dictionaries);

/** A kit of an older version is offered the version in force, with what changes for it; its report stands either way. */
function offerUpgrade(bytes: Uint8Array, fileName: string, report: KitReport, post: Post) {
  try {
    const plan = planForKit(bytes, fileName, report.dictionaryVersion, history, current);
    if (plan) post({ type: 'upgrade-plan', plan });
  } catch (error) {
    post({ type: 'upgrade-failed', reason: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The workbook writer (ExcelJS) is loaded only when a partner asks for the upgraded kit. */
async function upgrade(request: UpgradeRequest, post: Post) {
  let module: typeof import('../../core/migration/kit-upgrade.ts');
  try {
    module = await import('../../core/migration/kit-upgrade.ts');
  } catch {
    post({ type: 'upgrade-failed', reason: 'module' });
    return;
  }
  try {
    const upgraded = await module.upgradeKitFile(new Uint8Array(request.bytes), request.fileName, request.plan, history, current);
    const buffer = upgraded.bytes.buffer as ArrayBuffer;
    post({ type: 'upgraded', bytes: buffer, fileName: upgraded.fileName }, [buffer]);
  } catch (error) {
    post({ type: 'upgrade-failed', reason: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

serveWorkbooks(self as unknown as DedicatedWorkerGlobalScope, {
  declarations: [kitWorkbook],
  dictionaries,
  afterReport: (bytes, fileName, report, post) => {
    if (report.names.slug === kitWorkbook.names.slug) offerUpgrade(bytes, fileName, report as KitReport, post);
  },
  handle: upgrade,
});
