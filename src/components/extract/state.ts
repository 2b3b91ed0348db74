import type { Problem } from '../../core/problems.ts';
import type { DictionaryOrigin } from '../../core/dictionary/origin.ts';
import { computed, signal } from '@preact/signals';
import type { ColumnMatch, MappingEntity } from '../../core/extract/mapping.ts';
import type { ExtractPreview, ExtractProgress, ExtractReport } from '../../core/extract/report.ts';

export const PAGE_SIZE = 50;

/** One published dictionary version, as the page knows it: enough to map columns, and where its rules are. */
export interface VersionChoice {
  version: string;
  /** « 2.0.0 (en vigueur) ». */
  label: string;
  /** The version partners should use: chosen first, its rules fetched as soon as the page loads. */
  current: boolean;
  url: string;
  /** Composed by this portal or official: the worker tells the report (a frozen version's JSON does not say it). */
  origin?: DictionaryOrigin;
  entities: MappingEntity[];
}

export type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'mapping' }
  | { kind: 'running' }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; text: string; issue?: Problem };

/** The extract validator island's whole state, in one place. */
export function createExtractState(versions: readonly VersionChoice[]) {
  const phase = signal<Phase>({ kind: 'idle' });
  /** The partner's file: a handle the worker reads by slices, never copied. */
  const file = signal<File | undefined>(undefined);
  const preview = signal<ExtractPreview | undefined>(undefined);
  const version = signal(versions.find((v) => v.current)?.version ?? versions[0]?.version ?? '');
  const entityId = signal('');
  const columns = signal<ColumnMatch[]>([]);
  /** Apart from the phase: a progress message redraws the progress line alone, not the island. */
  const progress = signal<ExtractProgress>({ rows: 0, fraction: 0, rowsPerSecond: 0 });
  const report = signal<ExtractReport | undefined>(undefined);
  const csv = signal<Blob | undefined>(undefined);
  /** False while only the verdict of a new report is shown; its details follow in the next task. */
  const detailed = signal(false);
  const checkedAt = signal(new Date());
  const sha256 = signal<string | undefined>(undefined);
  const hashing = signal<number | undefined>(undefined);
  /** Personal values shown as found; off by default, never saved, never exported. */
  const reveal = signal(false);
  const fieldFilter = signal('');
  const shown = signal(PAGE_SIZE);
  const entity = computed(() => versions.find((v) => v.version === version.value)?.entities.find((e) => e.id === entityId.value));
  const visible = computed<Problem[]>(() => (report.value?.issues ?? []).filter((issue) => !fieldFilter.value || issue.field === fieldFilter.value));
  const reset = () => {
    preview.value = undefined;
    report.value = undefined;
    csv.value = undefined;
    sha256.value = undefined;
    hashing.value = undefined;
    reveal.value = false;
    fieldFilter.value = '';
    shown.value = PAGE_SIZE;
  };
  return { phase, progress, file, preview, version, entityId, columns, report, csv, detailed, checkedAt, sha256, hashing, reveal, fieldFilter, shown, entity, visible, reset };
}

export type ExtractState = ReturnType<typeof createExtractState>;
