// The checklist's rules (what the core checks for an item) in words, for the claim's checklist
// and the editor in Settings.
import type { CheckRule } from './api/types';

export type RuleKind = CheckRule['kind'] | 'none';

/** The choices of Settings' editor, read after "Factdesk checks:". */
export const RULE_KINDS: { value: RuleKind; label: string }[] = [
  { value: 'none', label: 'nothing (the sign-off is the checker’s word)' },
  { value: 'min_sources', label: 'at least N different sources' },
  { value: 'min_publishers', label: 'at least N different publishers' },
  { value: 'excerpts_found', label: 'every excerpt is in its archived copy' },
  { value: 'second_reader', label: 'the signer is not the verdict’s author' },
];

/** What the core checks, in a few words ("at least 2 different publishers"). */
export function ruleWords(rule: CheckRule): string {
  switch (rule.kind) {
    case 'min_sources':
      return `at least ${rule.min} different sources`;
    case 'min_publishers':
      return `at least ${rule.min} different publishers`;
    case 'excerpts_found':
      return 'every excerpt found in its archived copy';
    case 'second_reader':
      return 'not the verdict’s author';
  }
}

/** The rule for an editor row's choice and number (N for the "at least N" kinds). */
export function ruleOf(kind: RuleKind, min: number): CheckRule | null {
  switch (kind) {
    case 'none':
      return null;
    case 'min_sources':
    case 'min_publishers':
      return { kind, min: Math.max(1, Math.round(Number.isFinite(min) ? min : 2)) };
    default:
      return { kind };
  }
}
