/// <reference lib="webworker" />
// The état des lieux page's Worker: the workbook machinery, with the état des lieux's declaration, and the
// kit de diagnostic pre-filled from it, built here with ExcelJS loaded on demand.
import { kitFromEtat } from '../../core/etat-des-lieux/kit.ts';
import { etatWorkbook } from '../../core/etat-des-lieux/validate.ts';
import { current, dictionaries } from '../../data/dictionaries.ts';
import { serveWorkbooks } from '../workbook/serve.ts';

serveWorkbooks(self as unknown as DedicatedWorkerGlobalScope, {
  declarations: [etatWorkbook],
  dictionaries,
  // The kit follows the version the état des lieux names, or the version in force when it names none.
  build: (excel, { report, part }) => kitFromEtat(excel, dictionaries.find((d) => d.manifest.version === report.dictionaryVersion) ?? current, report, part),
});
