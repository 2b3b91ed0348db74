/// <reference lib="webworker" />
// The cross-check page's Worker: each file dropped is checked as an état des lieux or, failing that, as a
// kit de diagnostic, by the same declarations as their own pages.
import { etatWorkbook } from '../../core/etat-des-lieux/validate.ts';
import { kitWorkbook } from '../../core/kit/validate.ts';
import { dictionaries } from '../../data/dictionaries.ts';
import { serveWorkbooks } from '../workbook/serve.ts';

serveWorkbooks(self as unknown as DedicatedWorkerGlobalScope, { declarations: [etatWorkbook, kitWorkbook], dictionaries });
