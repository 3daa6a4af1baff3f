// One way for a view to ask the backend for something and show the answer: the latest answer,
// whether one is on its way, the last failure. Only the latest ask counts: an answer that comes
// back after a newer ask (the search changed while the old list was still loading) is dropped,
// and so is its error. `asap` (typing in a search box) and `refresh` (what was shown may have
// changed: a write, here or elsewhere) never have two asks on their way at once: the latest
// arguments wait for the ask on its way, so each keystroke is answered as fast as the backend
// answers, with no idle wait, and fast typing never piles asks up.
import { untrack } from 'svelte';

export interface LoaderOptions<T> {
  /** The value until the first answer. */
  initial: T;
  /** A failure of the latest ask (stale failures are dropped like stale answers). */
  onerror?: (err: unknown) => void;
}

export class Loader<T, A extends unknown[] = []> {
  /** The latest answer (or the one given to `set`). A view may edit it in place, e.g. a row that follows its detail. */
  value: T = $state() as T;
  /** An ask is on its way. */
  loading = $state(false);
  /** At least one answer has come. */
  loaded = $state(false);
  /** The latest ask's failure, until the next answer. */
  error = $state<unknown>(null);

  #fetch: (...args: A) => Promise<T>;
  #options: LoaderOptions<T>;
  #seq = 0;
  /** An `asap` waiting for the ask on its way: its arguments. */
  #next: A | null = null;
  /** A `refresh` waiting for the ask on its way: its arguments. */
  #again: A | null = null;

  /** `fetch` reads what it needs when called (untracked: asking from an `$effect` does not subscribe it). */
  constructor(fetch: (...args: A) => Promise<T>, options: LoaderOptions<T>) {
    this.#fetch = fetch;
    this.#options = options;
    this.value = options.initial;
  }

  /** Asks now, dropping a pending `asap` and any answer still on its way. Settles once this ask is answered, failed or overtaken; never rejects. */
  async load(...args: A): Promise<void> {
    this.cancel();
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const answer = await untrack(() => this.#fetch(...args));
      if (mine !== this.#seq) return;
      this.value = answer;
      this.error = null;
      this.loaded = true;
    } catch (err) {
      if (mine !== this.#seq) return;
      this.error = err;
      this.#options.onerror?.(err);
    } finally {
      if (mine === this.#seq) {
        this.loading = false;
        this.#askAgain();
      }
    }
  }

  /**
   * Asks again because the answer may be out of date (the workspace changed), not because the
   * question did. While an ask is on its way (it may have been read before the change) this one
   * waits for it and goes once it is answered; several refreshes meanwhile make one ask, with the
   * latest arguments. While an `asap` is pending it does nothing: that ask will read the change.
   */
  refresh(...args: A): void {
    if (this.#next) return;
    if (this.loading) {
      this.#again = args;
      return;
    }
    void this.load(...args);
  }

  #askAgain() {
    // The newer question answers the refresh too.
    const again = this.#next ?? this.#again;
    if (!again) return;
    this.#next = null;
    this.#again = null;
    void this.load(...again);
  }

  /**
   * Asks as soon as nothing else is on its way (the question changed: a keystroke in a search
   * box): at once when idle; otherwise these arguments wait for the ask on its way, whose answer
   * is shown meanwhile, and replace any that were waiting.
   */
  asap(...args: A): void {
    if (this.loading) {
      this.#next = args;
      return;
    }
    void this.load(...args);
  }

  /** Takes an answer got another way (a save answered with the new record): asks already on their way are dropped. */
  set(value: T): void {
    this.#seq++;
    this.value = value;
    this.error = null;
    this.loaded = true;
    this.loading = false;
    // A refresh that waited for the dropped ask still has a change to read.
    this.#askAgain();
  }

  /** Drops a pending `asap` (for a view's `onDestroy`). */
  cancel(): void {
    this.#next = null;
  }
}
