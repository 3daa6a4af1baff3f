// Keeping the reader's place in a scrolled list whose rows are read again (the workspace changed):
// the row at the top of the view stays where it was on screen, even when rows were added or removed
// above it. For lists that draw every row (`[data-uuid]` elements); the claim list, which draws
// only the rows in view, does the same by arithmetic (`keptScroll` in ClaimList.svelte).
//
// Use: `place.note()` in an `$effect.pre` that reads the rows (before the DOM changes), and
// `place.restore()` in an `$effect` that reads them (after).

export class PlaceKeeper {
  #scroller: () => HTMLElement | undefined;
  #anchor: { uuid: string; top: number } | null = null;

  constructor(scroller: () => HTMLElement | undefined) {
    this.#scroller = scroller;
  }

  /** Notes the first row in view and how far it is from the top of the view (nothing at the very top: new rows there should show). */
  note(): void {
    this.#anchor = null;
    const el = this.#scroller();
    if (!el || el.scrollTop <= 0) return;
    const top = el.getBoundingClientRect().top;
    for (const row of el.querySelectorAll<HTMLElement>('[data-uuid]')) {
      const r = row.getBoundingClientRect();
      if (r.bottom > top) {
        this.#anchor = { uuid: row.dataset.uuid ?? '', top: r.top - top };
        return;
      }
    }
  }

  /** Scrolls so the row noted is where it was; nothing if it is gone. */
  restore(): void {
    const a = this.#anchor;
    this.#anchor = null;
    const el = this.#scroller();
    if (!a || !el) return;
    const row = el.querySelector<HTMLElement>(`[data-uuid="${CSS.escape(a.uuid)}"]`);
    if (!row) return;
    const moved = row.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
    if (moved) el.scrollTop += moved;
  }
}
