// Which screen is up, and what one screen asks of another ("open this claim", "show this
// claimant's claims", "open this article"). The asker leaves a request here; the target screen
// takes it when it is mounted, so a screen shown for the first time still gets what it was
// opened for. Screens never call each other.
import { SCREENS, type ScreenId } from './screens';

export type ScreenRequest =
  /** Open this claim, fresh from the backend. */
  | { screen: 'claims'; kind: 'claim'; uuid: string }
  /** List this claimant's claims (the search is cleared, other filters stay). */
  | { screen: 'claims'; kind: 'claimant'; uuid: string; name: string }
  /** Show the open claim as it is now (the checklist may have changed). */
  | { screen: 'claims'; kind: 'refresh' }
  /** Show the list and the open claim as they are now (a command changed the workspace). */
  | { screen: 'claims'; kind: 'reload' }
  /** Show this source's archived text with its check-worthy sentences. */
  | { screen: 'import'; kind: 'article'; sourceUuid: string }
  /** Import this article file, dropped on the window (`drop.ts`). */
  | { screen: 'import'; kind: 'dropped-article'; file: File }
  /** Show what importing this data file, dropped on the window, would do. */
  | { screen: 'import'; kind: 'dropped-data'; file: File }
  /** Add the page at this address to the library (a web address dropped on the window). */
  | { screen: 'sources'; kind: 'add-address'; url: string };

export type RequestFor<S extends ScreenId> = Extract<ScreenRequest, { screen: S }>;

export class Navigation {
  /** The screen shown. */
  screen = $state<ScreenId>('claims');
  /** Screens shown at least once: they stay mounted from then on, keeping their state. */
  opened = $state(Object.fromEntries(SCREENS.map((s) => [s.id, s.id === 'claims'])) as Record<ScreenId, boolean>);
  #requests = $state.raw<ScreenRequest[]>([]);

  go(screen: ScreenId) {
    this.screen = screen;
    this.opened[screen] = true;
  }

  openClaim(uuid: string) {
    this.#ask({ screen: 'claims', kind: 'claim', uuid }, true);
  }

  showClaimsOf(uuid: string, name: string) {
    this.#ask({ screen: 'claims', kind: 'claimant', uuid, name }, true);
  }

  openArticle(sourceUuid: string) {
    this.#ask({ screen: 'import', kind: 'article', sourceUuid }, true);
  }

  /** A file dropped on the window: an article to import, or a data file to preview. */
  openDropped(kind: 'dropped-article' | 'dropped-data', file: File) {
    this.#ask({ screen: 'import', kind, file }, true);
  }

  /** A web address dropped on the window: add it as a source. */
  addSourceAt(url: string) {
    this.#ask({ screen: 'sources', kind: 'add-address', url }, true);
  }

  /** The open claim may be out of date (no screen change). */
  refreshClaim() {
    this.#ask({ screen: 'claims', kind: 'refresh' }, false);
  }

  /** Something outside the window changed the workspace (no screen change). */
  workspaceChanged() {
    this.#ask({ screen: 'claims', kind: 'reload' }, false);
  }

  /**
   * The requests waiting for `screen`, oldest first; they are removed as they are taken. Read in an
   * `$effect`, it runs the effect again when the next one comes.
   */
  take<S extends ScreenId>(screen: S): RequestFor<S>[] {
    const mine = this.#requests.filter((r): r is RequestFor<S> => r.screen === screen);
    if (mine.length) this.#requests = this.#requests.filter((r) => r.screen !== screen);
    return mine;
  }

  #ask(request: ScreenRequest, show: boolean) {
    this.#requests = [...this.#requests, request];
    if (show) this.go(request.screen);
  }
}
