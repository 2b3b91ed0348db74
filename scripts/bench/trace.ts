import type { Browser, Page } from 'playwright-core';

/**
 * The longest task of the renderer's main thread, from a Chromium trace: unlike the Long Tasks API it
 * gives a number even below its 50 ms threshold.
 */
export async function longestMainThreadTask<T>(browser: Browser, page: Page, run: () => Promise<T>): Promise<{ result: T; task: number }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const result = await run();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } }[] };
  const mainThreads = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // A long run traces many thousands of tasks: reduce, not Math.max(...spread), which overflows the stack.
  const task = trace.traceEvents.reduce((longest, e) => (e.name === 'RunTask' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`) ? Math.max(longest, e.dur / 1000) : longest), 0);
  return { result, task };
}

