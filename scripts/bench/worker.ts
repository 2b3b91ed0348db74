// Bench-only worker: the validator of the site, fed with a synthetic dictionary the site does not publish.
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { validateKit } from '../../src/core/kit/validate.ts';

self.onmessage = async (event: MessageEvent<{ bytes: ArrayBuffer; dictionary: Dictionary }>) => {
  const started = performance.now();
  const report = await validateKit(new Uint8Array(event.data.bytes), 'bench.xlsx', { dictionaries: [event.data.dictionary] });
  self.postMessage({ ms: performance.now() - started, verdict: report.verdict, issues: report.issues.length, fields: report.coverage[0]?.byObligation.obligatoire.total });
};
