// Drag and drop onto the window: an article file opens in Import, a fact-check or data file opens
// the data import's preview, a web address is added as a source.
//
// Why the webview's own (HTML5) drop event and not Tauri's native one: the window is made with
// `dragDropEnabled: false` (src-tauri/tauri.conf.json). Tauri's native handler gives file paths
// only; on Linux (wry on WebKitGTK) it swallows every drop that carries a uri-list, turns a dragged
// link into a "path" with its %-escapes decoded (so the address is no longer the one dropped), and
// lets other drops (plain text) through to the page, so a drop would go one way or the other by
// what the dragging program offers. The HTML5 event gives all three cases in one place: the
// dropped files as File objects (their bytes, not their paths, which WebKit never shows a page)
// and the addresses as text/uri-list or text/plain. The file's bytes then go to the same Rust code
// that reads a file opened with the dialog (`import_article_dropped`, `preview_dropped_data`), and
// the same event can be dispatched by the end-to-end tests, where WebDriver cannot drag.
//
// `routeDrop` decides what a drop is, from a plain description of it (names, sizes, text): pure,
// unit-tested in tests/drop.test.ts; `describeDrop` reads that description off a DataTransfer.

/** What was dropped, as far as deciding what to do with it goes. */
export interface DropDescription {
  /** The dropped files, in order: name and size in bytes. */
  files: { name: string; size: number }[];
  /** The text/uri-list data (one address a line, `#` lines are comments), or ''. */
  uriList: string;
  /** The text/plain data, or ''. */
  text: string;
}

export type DropAction =
  /** Open files[index] as an article on the Import screen. */
  | { kind: 'article'; index: number; name: string; note: string | null }
  /** Show what importing files[index] would do (the data import's preview). */
  | { kind: 'data'; index: number; name: string; note: string | null }
  /** Add the page at `url` to the source library (fetched and archived). */
  | { kind: 'source'; url: string; note: string | null }
  /** Nothing is done; `message` says why, in plain words. */
  | { kind: 'refuse'; message: string };

/**
 * The largest article Factdesk reads: `MAX_ARTICLE_BYTES` in src-tauri/core/src/model/limits.rs.
 * Checked here only so a huge file is not read for nothing: the core refuses a larger one anyway.
 */
export const MAX_ARTICLE_BYTES = 15 * 1024 * 1024;
/**
 * The largest data file taken by dropping it. The dialog's limit (`MAX_IMPORT_BYTES`, 512 MB) is
 * for files Rust reads itself; a dropped file is read by the window and sent over as text, a third
 * larger again, so beyond this it is opened from the Import screen instead.
 */
export const MAX_DROPPED_DATA_BYTES = 100 * 1024 * 1024;

const ARTICLE_EXTS = ['txt', 'md', 'markdown', 'html', 'htm'];
const DATA_EXTS = ['json', 'jsonld', 'csv'];

const WHAT_DROPS = 'drop an article (.txt, .md, .html), a fact-check or data file (.json, .csv) or a web address';

/** The file name's extension, lower case, without the dot ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));

/** The http(s) addresses in a uri-list or a text that is only addresses, in order. */
function addressesIn(uriList: string, text: string): { web: string[]; other: string[] } {
  const fromList = uriList
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  // Plain text counts only when it is nothing but addresses (a dragged link, or a selected one).
  const words = text.trim().split(/\s+/).filter(Boolean);
  const fromText = words.length > 0 && words.every((w) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(w)) ? words : [];
  const all = fromList.length ? fromList : fromText;
  const web = all.filter((u) => /^https?:\/\/[^\s/]+/i.test(u));
  return { web, other: all.filter((u) => !web.includes(u)) };
}

/** What to do with a drop. */
export function routeDrop(d: DropDescription): DropAction {
  if (d.files.length) {
    const index = d.files.findIndex((f) => [...ARTICLE_EXTS, ...DATA_EXTS].includes(extensionOf(f.name)));
    if (index < 0) {
      const ext = extensionOf(d.files[0].name);
      const what = ext ? `.${ext} files` : d.files.length > 1 ? 'these files' : `“${d.files[0].name}”`;
      return { kind: 'refuse', message: `Factdesk can't open ${what} by dropping them; ${WHAT_DROPS}.` };
    }
    const file = d.files[index];
    const note =
      d.files.length > 1
        ? `${d.files.length} files were dropped; Factdesk opens one at a time, so only “${file.name}” was opened.`
        : null;
    if (ARTICLE_EXTS.includes(extensionOf(file.name))) {
      if (file.size > MAX_ARTICLE_BYTES) {
        return {
          kind: 'refuse',
          message: `“${file.name}” is ${mb(file.size)} MB: the article is larger than ${mb(MAX_ARTICLE_BYTES)} MB, the most Factdesk reads; split it or keep only the article text.`,
        };
      }
      return { kind: 'article', index, name: file.name, note };
    }
    if (file.size > MAX_DROPPED_DATA_BYTES) {
      return {
        kind: 'refuse',
        message: `“${file.name}” is ${mb(file.size)} MB, too large to import by dropping it: choose it under Import → Fact-checks and data instead.`,
      };
    }
    return { kind: 'data', index, name: file.name, note };
  }
  const { web, other } = addressesIn(d.uriList, d.text);
  if (web.length) {
    const note = web.length > 1 ? `${web.length} addresses were dropped; only the first was added: ${web[0]}.` : null;
    return { kind: 'source', url: web[0], note };
  }
  if (other.length) {
    return { kind: 'refuse', message: `Only web addresses (http:// or https://) can be added as sources; “${other[0]}” is not one.` };
  }
  if (d.text.trim()) {
    return { kind: 'refuse', message: 'Dropped text is not imported: to read an article for claims, paste it on the Import screen.' };
  }
  return { kind: 'refuse', message: `Factdesk can't open what was dropped; ${WHAT_DROPS}.` };
}

/** A drag that may be for the window: it carries files, an address or text. */
export function carriesSomething(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  return Array.from(dt.types).some((t) => t === 'Files' || t === 'text/uri-list' || t === 'text/plain');
}

/** Whether the drag carries files (a drag of text onto a text field is the field's). */
export function carriesFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes('Files');
}

/** The description `routeDrop` decides on. */
export function describeDrop(dt: DataTransfer): DropDescription {
  const files = Array.from(dt.files ?? []).map((f) => ({ name: f.name, size: f.size }));
  return { files, uriList: dt.getData('text/uri-list') || '', text: dt.getData('text/plain') || '' };
}

/** The file's bytes as base64 text, as the drop commands take them. */
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma < 0 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}
