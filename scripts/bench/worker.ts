// Bench-only worker: the validator of the site, fed with a synthetic dictionary the site does not publish.
// The dictionary comes once, before timing, as the site's worker has its dictionaries bundled.
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { validateKit } from '../../src/core/kit/validate.ts';

let dictionary: Dictionary | undefined;

self.onmessage = async (event: MessageEvent<{ dictionary: Dictionary } | { bytes: ArrayBuffer }>) => {
  if ('dictionary' in event.data) {
    dictionary = event.data.dictionary;
    self.postMessage({ ready: true });
    return;
  }
  const started = performance.now();
  const report = await validateKit(new Uint8Array(event.data.bytes), 'bench.xlsx', { dictionaries: dictionary ? [dictionary] : [] });
  self.postMessage({ ms: performance.now() - started, verdict: report.verdict, issues: report.issues.length, fields: report.coverage[0]?.byObligation.obligatoire.total });
};
