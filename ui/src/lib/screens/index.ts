// The app's top-level screens, in the order the navigation shows them. A new screen (import,
// reports) is one more entry here and one more branch in App.svelte; Alt+<key> switches to it.

export type ScreenId = 'claims' | 'sources' | 'import' | 'claimants';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** The digit of its Alt+digit shortcut. */
  key: string;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'claims', label: 'Claims', key: '1' },
  { id: 'sources', label: 'Sources', key: '2' },
  { id: 'import', label: 'Import', key: '3' },
  { id: 'claimants', label: 'Claimants', key: '4' },
];

/** The screen an Alt+digit key event asks for, if any (by `code`, so it works on any layout). */
export function screenForKey(e: KeyboardEvent): ScreenId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const digit = /^Digit(\d)$/.exec(e.code)?.[1] ?? (/^\d$/.test(e.key) ? e.key : null);
  return SCREENS.find((s) => s.key === digit)?.id ?? null;
}
