// The menu bar's items reach the window as the `menu` event with the item's id (src-tauri/src/menu.rs);
// App.svelte runs the action. An action that belongs to a part of the window not shown yet (the
// backup panel in Settings, the export of the claims list) is handed over here: `request` runs the
// part's handler at once when it is mounted, else keeps the request until it mounts and says it
// `handles` it.

import type { ScreenId } from './screens';

/** The items of the menu bar that the window runs (the others, quit and zoom, are Rust's). */
export type MenuAction =
  | 'new-workspace'
  | 'open-workspace'
  | 'backup'
  | 'restore'
  | 'export'
  | 'import'
  | 'undo'
  | 'redo'
  | 'shortcuts'
  | `screen-${ScreenId}`
  | `recent:${string}`;

/** The recent workspace a `recent:PATH` item names, if it is one. */
export function recentPath(action: string): string | null {
  return action.startsWith('recent:') ? action.slice('recent:'.length) : null;
}

/** The screen a `screen-ID` item names, if it is one. */
export function menuScreen(action: string, screens: readonly { id: ScreenId }[]): ScreenId | null {
  const id = action.startsWith('screen-') ? action.slice('screen-'.length) : null;
  return screens.find((s) => s.id === id)?.id ?? null;
}

/** Requests handed to a part of the window, by name ('backup', 'restore', 'export'). */
export class Requests {
  #handlers = new Map<string, () => void>();
  #pending = new Set<string>();

  /** Runs `what` now if a part handles it, else when one does. */
  request(what: string): void {
    const h = this.#handlers.get(what);
    if (h) h();
    else this.#pending.add(what);
  }

  /** A mounted part handles `what` (a request waiting for it runs now); returns what stops it. */
  handle(what: string, fn: () => void): () => void {
    this.#handlers.set(what, fn);
    if (this.#pending.delete(what)) fn();
    return () => {
      if (this.#handlers.get(what) === fn) this.#handlers.delete(what);
    };
  }

  /** Forgets requests no part took (e.g. the window was closed over them). */
  clear(): void {
    this.#pending.clear();
  }
}

/** The window's requests. */
export const requests = new Requests();
