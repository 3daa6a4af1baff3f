// Text fields follow the direction of what is typed in them (Arabic, Hebrew), issue 16.
import { describe, expect, it } from 'vitest';
import { autoDirection, followDirection } from '../lib/bidi';

describe('text direction', () => {
  it('gives dir="auto" to text fields without a direction, and leaves a chosen one alone', () => {
    document.body.innerHTML = `
      <input data-t="plain"><input type="text" data-t="text"><input type="search" data-t="search"><textarea data-t="area"></textarea>
      <input type="text" dir="ltr" data-t="url"><input type="checkbox" data-t="box"><input type="date" data-t="date">`;
    autoDirection(document.body);
    const dir = (t: string) => document.querySelector(`[data-t="${t}"]`)?.getAttribute('dir');
    expect(['plain', 'text', 'search', 'area'].map(dir)).toEqual(['auto', 'auto', 'auto', 'auto']);
    expect(dir('url')).toBe('ltr');
    expect(dir('box')).toBeNull();
    expect(dir('date')).toBeNull();
  });

  it('keeps doing it for the fields the window adds later', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const root = document.getElementById('app') as HTMLElement;
    const stop = followDirection(root);
    root.innerHTML = '<form><textarea id="claim"></textarea></form>';
    const added = document.createElement('input');
    root.appendChild(added);
    await new Promise((r) => setTimeout(r, 0));
    expect(document.getElementById('claim')?.getAttribute('dir')).toBe('auto');
    expect(added.getAttribute('dir')).toBe('auto');
    stop();
    root.appendChild(document.createElement('textarea'));
    await new Promise((r) => setTimeout(r, 0));
    expect(root.lastElementChild?.getAttribute('dir')).toBeNull();
  });
});
