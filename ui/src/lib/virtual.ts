// Windowing for long lists: only the rows in view (plus a few either side) are in the DOM.
// Rows have known heights (the list fixes them in CSS), so positions are a running sum: exact,
// with no measuring and no jumps while scrolling.

/** `offsets[i]` is the top of row i; `offsets[n]` is the height of the whole list. */
export function rowOffsets(heights: readonly number[]): Float64Array {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i] + heights[i];
  return out;
}

/** The row under pixel `y` (clamped to the rows there are); 0 for an empty list. */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows to draw, `start` inclusive to `end` exclusive, for a viewport at `scrollTop`. */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = rowAt(offsets, top);
  const last = rowAt(offsets, top + Math.max(0, viewport) - 1);
  return { start: Math.max(0, first - overscan), end: Math.min(n, last + 1 + overscan) };
}

/**
 * The scroll position that shows row `index` whole while moving as little as possible (like
 * `scrollIntoView({ block: 'nearest' })`); `scrollTop` itself when the row is already in view.
 */
export function scrollToShow(offsets: Float64Array, index: number, scrollTop: number, viewport: number): number {
  const n = offsets.length - 1;
  if (index < 0 || index >= n) return scrollTop;
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return scrollTop;
}
