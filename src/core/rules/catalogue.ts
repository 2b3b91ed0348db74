import type { Severity } from '../problems.ts';
export interface RuleExample {
  rule: string;
  severity: Severity;
  place: string;
  message: string;
  fix?: string;
  value?: string;
}
