import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { Navigation, type ScreenRequest } from '../lib/navigation.svelte';

describe('Navigation', () => {
  it('starts on the claims screen, the others not yet mounted; go shows a screen and keeps it mounted', () => {
    const nav = new Navigation();
    expect(nav.screen).toBe('claims');
    expect(nav.opened).toEqual({ claims: true, sources: false, import: false, claimants: false });
    nav.go('sources');
    nav.go('claims');
    expect(nav.screen).toBe('claims');
    expect(nav.opened.sources).toBe(true);
  });

  it('a request shows its screen and waits there until taken, once', () => {
    const nav = new Navigation();
    nav.go('sources');
    nav.openArticle('s-1');
    expect(nav.screen).toBe('import');
    expect(nav.opened.import).toBe(true);
    nav.openClaim('c-1');
    nav.showClaimsOf('p-1', 'Pat Ryder');
    expect(nav.screen).toBe('claims');
    expect(nav.take('claims')).toEqual([
      { screen: 'claims', kind: 'claim', uuid: 'c-1' },
      { screen: 'claims', kind: 'claimant', uuid: 'p-1', name: 'Pat Ryder' },
    ]);
    expect(nav.take('claims')).toEqual([]);
    expect(nav.take('import')).toEqual([{ screen: 'import', kind: 'article', sourceUuid: 's-1' }]);
  });

  it('refreshing the open claim and a changed workspace do not change the screen', () => {
    const nav = new Navigation();
    nav.go('claimants');
    nav.refreshClaim();
    nav.workspaceChanged();
    expect(nav.screen).toBe('claimants');
    expect(nav.take('claims').map((r) => r.kind)).toEqual(['refresh', 'reload']);
  });

  it('an effect that takes a screen’s requests gets each new one', () => {
    const nav = new Navigation();
    const got: ScreenRequest[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        got.push(...nav.take('claims'));
      });
    });
    flushSync();
    nav.openClaim('c-1');
    flushSync();
    nav.openArticle('s-1');
    flushSync();
    nav.openClaim('c-2');
    flushSync();
    expect(got.map((r) => r.kind === 'claim' && r.uuid)).toEqual(['c-1', 'c-2']);
    expect(nav.take('import')).toHaveLength(1);
    stop();
  });
});
