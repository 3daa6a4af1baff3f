import type { DiffLine } from './api/types';

/** A piece of a diff as shown: lines, or a run of unchanged lines folded away. */
export type DiffBlock =
  | { kind: 'lines'; start: number; lines: DiffLine[] }
  | { kind: 'fold'; start: number; count: number };

/**
 * Folds long runs of unchanged lines, keeping `context` lines next to each change. A run is
 * folded only when that hides at least two lines; `open` lists the starts of folds to show in full.
 */
export function foldDiff(lines: readonly DiffLine[], context = 2, open: ReadonlySet<number> = new Set()): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  const push = (start: number, ls: DiffLine[]) => {
    if (!ls.length) return;
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'lines') last.lines.push(...ls);
    else blocks.push({ kind: 'lines', start, lines: [...ls] });
  };
  let i = 0;
  while (i < lines.length) {
    if (lines[i].op !== 'same') {
      push(i, [lines[i]]);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].op === 'same') j++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = j === lines.length ? 0 : context;
    const hidden = j - i - keepBefore - keepAfter;
    const foldAt = i + keepBefore;
    if (hidden >= 2 && !open.has(foldAt)) {
      push(i, lines.slice(i, foldAt));
      blocks.push({ kind: 'fold', start: foldAt, count: hidden });
      push(j - keepAfter, lines.slice(j - keepAfter, j));
    } else {
      push(i, lines.slice(i, j));
    }
    i = j;
  }
  return blocks;
}

export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === 'added') added++;
    else if (l.op === 'removed') removed++;
  }
  return { added, removed };
}
