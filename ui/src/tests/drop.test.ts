import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import { fakeBackend, makeClaim, makeSource } from './fakeBackend';
import { MAX_ARTICLE_BYTES, MAX_DROPPED_DATA_BYTES, extensionOf, routeDrop, type DropDescription } from '../lib/drop';
import type { Article, DataImportPreview } from '../lib/api/types';

const files = (...f: [string, number?][]): DropDescription => ({ files: f.map(([name, size]) => ({ name, size: size ?? 1000 })), uriList: '', text: '' });
const link = (uriList: string, text = ''): DropDescription => ({ files: [], uriList, text });

describe('routeDrop: what a drop on the window does', () => {
  it('opens an article file in Import and a data file in the data preview, whatever the case of the extension', () => {
    for (const name of ['story.txt', 'notes.md', 'page.HTML', 'page.htm', 'long.markdown']) {
      expect(routeDrop(files([name])), name).toEqual({ kind: 'article', index: 0, name, note: null });
    }
    for (const name of ['feed.json', 'feed.jsonld', 'claims.CSV']) {
      expect(routeDrop(files([name])), name).toEqual({ kind: 'data', index: 0, name, note: null });
    }
  });

  it('refuses other files in plain words, naming their kind', () => {
    expect(routeDrop(files(['report.docx']))).toEqual({
      kind: 'refuse',
      message: "Factdesk can't open .docx files by dropping them; drop an article (.txt, .md, .html), a fact-check or data file (.json, .csv) or a web address.",
    });
    const noExt = routeDrop(files(['README']));
    expect(noExt.kind).toBe('refuse');
    expect(noExt.kind === 'refuse' && noExt.message).toMatch(/^Factdesk can't open “README” by dropping/);
  });

  it('takes the first file it can open of several, and says the others were left', () => {
    const a = routeDrop(files(['photo.jpg'], ['feed.json'], ['story.txt']));
    expect(a).toMatchObject({ kind: 'data', index: 1, name: 'feed.json' });
    expect(a.kind === 'data' && a.note).toBe('3 files were dropped; Factdesk opens one at a time, so only “feed.json” was opened.');
    expect(routeDrop(files(['a.png'], ['b.pdf']))).toMatchObject({ kind: 'refuse', message: expect.stringContaining("can't open .png files") });
  });

  it('refuses an article over the article limit and a data file too large to drop, before reading them', () => {
    expect(routeDrop(files(['big.txt', MAX_ARTICLE_BYTES]))).toMatchObject({ kind: 'article' });
    const big = routeDrop(files(['big.txt', MAX_ARTICLE_BYTES + 1]));
    expect(big).toMatchObject({ kind: 'refuse' });
    expect(big.kind === 'refuse' && big.message).toContain('larger than 15 MB, the most Factdesk reads');
    expect(routeDrop(files(['feed.json', MAX_DROPPED_DATA_BYTES]))).toMatchObject({ kind: 'data' });
    const huge = routeDrop(files(['feed.json', MAX_DROPPED_DATA_BYTES + 1]));
    expect(huge.kind === 'refuse' && huge.message).toContain('choose it under Import → Fact-checks and data');
  });

  it('adds a dropped web address as a source: from a uri-list (comments skipped) or text that is only an address', () => {
    expect(routeDrop(link('# from the browser\r\nhttps://example.org/news/story?utm_source=x'))).toEqual({
      kind: 'source',
      url: 'https://example.org/news/story?utm_source=x',
      note: null,
    });
    expect(routeDrop(link('', '  http://127.0.0.1:8080/page \n'))).toEqual({ kind: 'source', url: 'http://127.0.0.1:8080/page', note: null });
    const two = routeDrop(link('https://a.example/1\nhttps://b.example/2'));
    expect(two).toMatchObject({ kind: 'source', url: 'https://a.example/1' });
    expect(two.kind === 'source' && two.note).toBe('2 addresses were dropped; only the first was added: https://a.example/1.');
  });

  it('refuses addresses that are not web addresses, and plain text', () => {
    expect(routeDrop(link('mailto:desk@example.org'))).toMatchObject({ kind: 'refuse', message: expect.stringContaining('Only web addresses (http:// or https://)') });
    expect(routeDrop(link('', 'The council approved a €48 million budget.'))).toMatchObject({
      kind: 'refuse',
      message: expect.stringContaining('paste it on the Import screen'),
    });
    expect(routeDrop(link('', 'see https://example.org'))).toMatchObject({ kind: 'refuse' });
    expect(routeDrop(link(''))).toMatchObject({ kind: 'refuse', message: expect.stringContaining("can't open what was dropped") });
  });

  it('a file wins over the address a file manager also offers for it', () => {
    expect(routeDrop({ files: [{ name: 'story.txt', size: 10 }], uriList: 'file:///home/desk/story.txt', text: '' })).toMatchObject({ kind: 'article' });
  });

  it('reads extensions as a file manager does', () => {
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
  });
});

/** A drop event as the webview sends it, with the DataTransfer jsdom does not have. */
function dropEvent(type: string, data: { files?: File[]; uriList?: string; text?: string }) {
  const fileList = data.files ?? [];
  const types = [...(fileList.length ? ['Files'] : []), ...(data.uriList ? ['text/uri-list'] : []), ...(data.text ? ['text/plain'] : [])];
  const dataTransfer = {
    types,
    files: fileList,
    dropEffect: 'none',
    getData: (t: string) => (t === 'text/uri-list' ? (data.uriList ?? '') : t === 'text/plain' ? (data.text ?? '') : ''),
  };
  const e = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: dataTransfer });
  return e;
}

async function renderApp() {
  const backend = fakeBackend([makeClaim()]);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
  return backend;
}

describe('dropping on the window', () => {
  it('shows the overlay while something is dragged over, and hides it when the drag leaves', async () => {
    await renderApp();
    const over = dropEvent('dragover', { files: [new File(['x'], 'story.txt')] });
    await fireEvent(document.body, dropEvent('dragenter', { files: [new File(['x'], 'story.txt')] }));
    await fireEvent(document.body, over);
    expect(over.defaultPrevented).toBe(true);
    expect(screen.getByTestId('drop-overlay')).toHaveTextContent('Drop an article, a data file or a web address');
    await fireEvent(document.body, dropEvent('dragleave', {}));
    await waitFor(() => expect(screen.queryByTestId('drop-overlay')).toBeNull());
  });

  it('leaves text dragged onto a text field to the field', async () => {
    await renderApp();
    const field = screen.getByTestId('claim-search');
    const e = dropEvent('drop', { text: 'https://example.org/a' });
    await fireEvent(field, e);
    expect(e.defaultPrevented).toBe(false);
  });

  it('imports a dropped article on the Import screen, sending its name and bytes', async () => {
    const backend = await renderApp();
    const article: Article = { source: makeSource({ uuid: 's-9', title: 'Harbour council backs dredging plan' }), capture_uuid: 'cap-9', text: 'Harbour council backs dredging plan', candidates: [], existing: false, notes: [] };
    backend.on('import_article_dropped', () => article);
    const body = 'Harbour council backs dredging plan\n"We cannot wait," said Mayor Ines Valdar.';
    const e = dropEvent('drop', { files: [new File([body], 'harbour story.txt', { type: 'text/plain' })] });
    await fireEvent(document.body, e);
    expect(e.defaultPrevented).toBe(true);
    await waitFor(() => expect(screen.getByTestId('article-title')).toHaveTextContent('Harbour council backs dredging plan'));
    expect(screen.getByTestId('nav-import')).toHaveAttribute('aria-current', 'page');
    const sent = backend.callsOf('import_article_dropped')[0].args as { fileName: string; content: string };
    expect(sent.fileName).toBe('harbour story.txt');
    expect(new TextDecoder().decode(Uint8Array.from(atob(sent.content), (c) => c.charCodeAt(0)))).toBe(body);
  });

  it('shows the preview of a dropped data file, and says when only one of several files was opened', async () => {
    const backend = await renderApp();
    const preview: DataImportPreview = {
      token: 'imp-7',
      file_name: 'feed.json',
      preview: { kind: 'claimreview', written: false, found: 1, created: 1, updated: 0, unchanged: 0, skipped: 0, notes: [], items: [] },
    };
    backend.on('preview_dropped_data', () => preview);
    const e = dropEvent('drop', { files: [new File(['%PDF'], 'scan.pdf'), new File(['[{"@type":"ClaimReview"}]'], 'feed.json')] });
    await fireEvent(document.body, e);
    await waitFor(() => expect(screen.getByTestId('data-preview-title')).toHaveTextContent('Preview of feed.json'));
    expect((backend.callsOf('preview_dropped_data')[0].args as { fileName: string }).fileName).toBe('feed.json');
    expect(screen.getByTestId('notice-banner')).toHaveTextContent('only “feed.json” was opened');
  });

  it('a data file dropped while an article is on show puts the article away for its preview', async () => {
    const backend = await renderApp();
    backend.on('import_article_dropped', (): Article => ({ source: makeSource({ uuid: 's-9', title: 'Harbour story' }), capture_uuid: 'cap-9', text: 'Harbour story', candidates: [], existing: false, notes: [] }));
    backend.on('preview_dropped_data', (): DataImportPreview => ({
      token: 'imp-8',
      file_name: 'claims.csv',
      preview: { kind: 'csv', written: false, found: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, notes: [], items: [] },
    }));
    await fireEvent(document.body, dropEvent('drop', { files: [new File(['Harbour story'], 'story.md')] }));
    await waitFor(() => expect(screen.getByTestId('article-title')).toHaveTextContent('Harbour story'));
    await fireEvent(document.body, dropEvent('drop', { files: [new File(['claim_uuid,text\n'], 'claims.csv')] }));
    await waitFor(() => expect(screen.getByTestId('data-preview-title')).toHaveTextContent('Preview of claims.csv'));
    expect(screen.queryByTestId('article-title')).toBeNull();
  });

  it('says why a data file was refused where a file is chosen', async () => {
    const backend = await renderApp();
    backend.on('preview_dropped_data', () => {
      throw { kind: 'Validation', field: 'file', message: '“claims.csv” is JSON, not a CSV: choose “ClaimReview JSON-LD”. Nothing was imported.' };
    });
    await fireEvent(document.body, dropEvent('drop', { files: [new File(['{}'], 'claims.csv')] }));
    await waitFor(() => expect(screen.getByTestId('data-error')).toHaveTextContent('is JSON, not a CSV'));
    expect(screen.getByTestId('data-choose')).toBeVisible();
  });

  it('adds a dropped web address as a source, with the address in the form', async () => {
    const backend = await renderApp();
    await fireEvent(document.body, dropEvent('drop', { uriList: 'https://example.org/report' }));
    await waitFor(() => expect(backend.callsOf('add_source_by_url')).toHaveLength(1));
    expect(backend.callsOf('add_source_by_url')[0].args).toEqual({ url: 'https://example.org/report' });
    await waitFor(() => expect(screen.getByTestId('source-add-result')).toHaveTextContent('Added “Page at https://example.org/report”'));
    expect(screen.getByTestId('nav-sources')).toHaveAttribute('aria-current', 'page');
  });

  it('refuses what it cannot open in plain words, and calls nothing', async () => {
    const backend = await renderApp();
    const before = backend.calls.length;
    await fireEvent(document.body, dropEvent('drop', { files: [new File(['x'], 'letter.docx')] }));
    expect(screen.getByTestId('error-banner')).toHaveTextContent("Factdesk can't open .docx files by dropping them");
    expect(backend.calls.length).toBe(before);
  });
});
