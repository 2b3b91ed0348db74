import { computed, signal } from '@preact/signals';
import type { Severity, Problem } from '../../core/problems.ts';
import type { WorkbookReport } from '../../core/workbook/report.ts';

export const PAGE_SIZE = 40;

export type Phase = { kind: 'idle' } | { kind: 'running'; fileName: string; step: string; fraction: number } | { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; text: string };

/** A file a page builds in its Worker on request (annotated copy, pre-filled kit): idle, in progress, or failed. */
export type Building = 'idle' | 'busy' | { error: string };

/** A validator island's whole state, in one place. */
export function createValidatorState<R extends WorkbookReport = WorkbookReport>() {
  const phase = signal<Phase>({ kind: 'idle' });
  const report = signal<R | undefined>(undefined);
  /** False while only the verdict of a new report is shown; its details follow in the next task. */
  const detailed = signal(false);
  const sha256 = signal<string | undefined>(undefined);
  /** The partner's bytes, kept only in memory for the annotated copy; never altered. */
  const original = signal<ArrayBuffer | undefined>(undefined);
  const checkedAt = signal<Date>(new Date());
  /** The file being built in the Worker, by what it is (`annotate`, `kit-0`…). */
  const building = signal<{ what: string; state: Building }>({ what: '', state: 'idle' });
  const severities = signal<ReadonlySet<Severity>>(new Set(['erreur', 'avertissement', 'information']));
  const sheet = signal('');
  const dispositif = signal('');
  /** Issues rendered so far: a workbook can yield hundreds, and rendering them at once would block the page. */
  const shown = signal(PAGE_SIZE);
  const visible = computed<Problem[]>(() =>
    (report.value?.issues ?? []).filter(
      (issue) => severities.value.has(issue.severity) && (!sheet.value || (issue.sheet ?? '') === sheet.value) && (!dispositif.value || issue.dispositif === dispositif.value),
    ),
  );
  const resetFilters = () => {
    severities.value = new Set(['erreur', 'avertissement', 'information']);
    sheet.value = '';
    dispositif.value = '';
    shown.value = PAGE_SIZE;
  };
  return { phase, report, detailed, sha256, original, checkedAt, building, severities, sheet, dispositif, shown, visible, resetFilters };
}

export type ValidatorState<R extends WorkbookReport = WorkbookReport> = ReturnType<typeof createValidatorState<R>>;
