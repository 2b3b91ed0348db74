/// <reference lib="webworker" />
// The kit de diagnostic page's Worker: the workbook machinery, with the kit's declaration.
import { kitWorkbook } from '../../core/kit/validate.ts';
import { dictionaries } from '../../data/dictionaries.ts';
import { serveWorkbooks } from '../workbook/serve.ts';

serveWorkbooks(self as unknown as DedicatedWorkerGlobalScope, { declarations: [kitWorkbook], dictionaries });
