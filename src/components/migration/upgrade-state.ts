import { signal } from '@preact/signals';
import type { UpgradePlan } from '../../core/migration/kit-plan.ts';

/** Messages between the kit page and its Worker for the upgrade of an older kit (see kit.worker.ts). */
export type UpgradeRequest = { type: 'upgrade'; bytes: ArrayBuffer; fileName: string; plan: UpgradePlan };
export type UpgradeResponse =
  | { type: 'upgrade-plan'; plan: UpgradePlan }
  | { type: 'upgraded'; bytes: ArrayBuffer; fileName: string }
  /** `module`: the code that writes workbooks could not be fetched (typically: offline). */
  | { type: 'upgrade-failed'; reason: 'module' }
  | { type: 'upgrade-failed'; reason: 'error'; message: string };

export type UpgradeStatus = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; file: File } | { kind: 'failed'; reason: 'module' } | { kind: 'failed'; reason: 'error'; message: string };

/** What the page knows of the upgrade offered for the kit on screen. */
export function createUpgradeState() {
  const plan = signal<UpgradePlan | undefined>(undefined);
  const status = signal<UpgradeStatus>({ kind: 'idle' });
  const reset = () => {
    plan.value = undefined;
    status.value = { kind: 'idle' };
  };
  return { plan, status, reset };
}

export type UpgradeState = ReturnType<typeof createUpgradeState>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Applies a Worker message to the state; returns false for messages that are not about the upgrade. */
export function applyUpgradeMessage(state: UpgradeState, message: { type: string }): boolean {
  const upgrade = message as UpgradeResponse;
  switch (upgrade.type) {
    case 'upgrade-plan':
      state.plan.value = upgrade.plan;
      return true;
    case 'upgraded':
      state.status.value = { kind: 'done', file: new File([upgrade.bytes], upgrade.fileName, { type: XLSX_TYPE }) };
      return true;
    case 'upgrade-failed':
      state.status.value = upgrade.reason === 'module' ? { kind: 'failed', reason: 'module' } : { kind: 'failed', reason: 'error', message: upgrade.message };
      return true;
    default:
      return false;
  }
}
