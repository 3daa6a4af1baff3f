// The one place the window learns that the workspace changed, and tells every view that shows it.
//
// Changes come two ways, and both end here:
// - the window's own writes: every call to the backend goes through `call()` (api/call.ts), which,
//   once a command in `WRITES` has answered, announces what kinds of rows it may have changed;
// - writes from elsewhere, which only the Rust side can see: a `factdesk-cli` command that borrowed
//   the open workspace, a sync with the desk that brought others' work (or a restore by the CLI).
//   The app emits `workspace-changed` for those (src-tauri/src/lib.rs, desk.rs); App.svelte hands
//   it on here as "anything may have changed".
//
// Views subscribe with the kinds they show and reload (see `Loader.refresh`). A burst of notices
// (50 accepts in a row, a long sync) reaches each subscriber once per `COALESCE_MS`, with the kinds
// merged, however many came: never a reload per notice.
//
// Why here and not a Rust event after every committed write: the Rust side runs every command,
// read or write, through the same `AppState::with`, and the core does not say whether a call
// committed anything, so the app would need an emit added by hand to each of some 35 writing
// commands in eight files. Here the table below is typed `Record<CommandName, …>` over the
// generated list of commands: a command added in Rust regenerates that list, and the UI no longer
// type-checks until someone says here whether it writes and what.
import type { CommandName } from './api/commands';

/** What a change touched, as far as the views care. */
export type ChangeKind =
  /** Claims: the claims list and the open claim (evidence, verdicts, status, appearances, matches). */
  | 'claims'
  /** Sources: the source library and the open source (its captures, who cites it). */
  | 'sources'
  /** Claimants: their names and how many claims each has. */
  | 'claimants'
  /** The rating scale and its names. */
  | 'scale'
  /** The workspace itself: who is signed in, whether it can be written. */
  | 'workspace';

export const EVERYTHING: readonly ChangeKind[] = ['claims', 'sources', 'claimants', 'scale', 'workspace'];

const CLAIMS: readonly ChangeKind[] = ['claims'];
/** A claim with its claimant (and so the claimants' counts). */
const CLAIM_AND_CLAIMANT: readonly ChangeKind[] = ['claims', 'claimants'];
/** Evidence links a claim and a source (the claim's evidence, the source's "cited by"). */
const CLAIM_AND_SOURCE: readonly ChangeKind[] = ['claims', 'sources'];
const SOURCES: readonly ChangeKind[] = ['sources'];

/**
 * For every command: `null` when it only reads, else the kinds of rows it may change. A command's
 * file dialogs, exports and backups write files, not the workspace: they read here.
 */
export const WRITES: Record<CommandName, readonly ChangeKind[] | null> = {
  workspace_info: null,
  app_ready: null,
  matching_status: null,
  window_start: null,
  // A switch to another workspace: the window reloads itself after it, so nothing needs telling;
  // the profile fills the checker's name and the desk's settings where they were empty.
  new_workspace: EVERYTHING,
  open_workspace: EVERYTHING,
  open_recent_workspace: EVERYTHING,
  open_demo_workspace: EVERYTHING,
  save_profile: ['workspace'],
  list_claims: null,
  get_claim: null,
  create_claim: CLAIM_AND_CLAIMANT,
  update_claim: CLAIM_AND_CLAIMANT,
  set_published_url: CLAIMS,
  add_appearance: CLAIM_AND_SOURCE,
  remove_appearance: CLAIM_AND_SOURCE,
  list_claimants: null,
  update_claimant: CLAIM_AND_CLAIMANT,
  possible_duplicates: null,
  confirm_match: CLAIMS,
  dismiss_match: CLAIMS,
  // An article becomes a source with its archived copy; accepting a candidate makes a claim (with
  // its claimant, and the sentence as evidence from the article).
  import_article_text: SOURCES,
  import_article_file: SOURCES,
  import_article_dropped: SOURCES,
  import_article_url: SOURCES,
  article: null,
  accept_candidate: ['claims', 'claimants', 'sources'],
  reject_candidate: SOURCES,
  reopen_candidate: SOURCES,
  similar_claims: null,
  cancel_article_import: null,
  candidates_similar: null,
  list_sources: null,
  create_source: SOURCES,
  update_source: CLAIM_AND_SOURCE,
  source_detail: null,
  add_source_by_url: SOURCES,
  recapture_source: CLAIM_AND_SOURCE,
  diff_captures: null,
  capture_text: null,
  add_evidence: CLAIM_AND_SOURCE,
  record_verdict: CLAIMS,
  rating_scale: null,
  list_scales: null,
  set_rating_scale: ['scale', 'claims'],
  create_scale: ['scale'],
  set_status: CLAIMS,
  set_check: CLAIMS,
  checklist: null,
  set_checklist: CLAIMS,
  set_actor: ['workspace'],
  export_report: null,
  cancel_export: null,
  preview_data_import: null,
  preview_dropped_data: null,
  commit_data_import: EVERYTHING,
  discard_data_import: null,
  rating_names: null,
  set_rating_names: ['scale', 'claims'],
  publishing: null,
  // Read when a report or ClaimReview is exported; no view shows them.
  set_publishing: null,
  backup_workspace: null,
  restore_workspace: EVERYTHING,
  auto_backups: null,
  set_auto_backups: null,
  choose_backup_folder: null,
  // The matching model (Settings → Matching model): claims get vectors again in the background;
  // no row a view shows changes (the top bar follows `matching-status`).
  choose_model_folder: null,
  use_default_model: null,
  download_model: null,
  cancel_model_download: null,
  desk_status: null,
  // Joining brings the desk's claims and scale; a sync brings others' work; leaving may drop
  // changes not sent. (The app also emits `workspace-changed` when a sync pulled anything.)
  desk_join: EVERYTHING,
  desk_sync: EVERYTHING,
  desk_leave: EVERYTHING,
  desk_drafts: null,
  desk_conflicts: null,
  desk_dismiss_conflict: CLAIMS,
};

/** Notices closer together than this reach a subscriber once, together. */
export const COALESCE_MS = 100;

type Listener = (kinds: ReadonlySet<ChangeKind>) => void;

export class ChangeBus {
  #subscribers = new Set<{ kinds: readonly ChangeKind[]; fn: Listener }>();
  #pending = new Set<ChangeKind>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay: number;

  constructor(delay = COALESCE_MS) {
    this.#delay = delay;
  }

  /**
   * Says that rows of these kinds may have changed. Subscribers hear of it at most `delay` ms
   * later, once for everything announced meanwhile (the wait starts at the first notice and is not
   * stretched by later ones, so a steady stream still gets through every `delay` ms).
   */
  announce(kinds: readonly ChangeKind[]): void {
    if (!kinds.length) return;
    for (const k of kinds) this.#pending.add(k);
    this.#timer ??= setTimeout(() => this.flush(), this.#delay);
  }

  /** Tells the subscribers now what is waiting (the timer's work; for tests). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#pending.size) return;
    const kinds: ReadonlySet<ChangeKind> = new Set(this.#pending);
    this.#pending.clear();
    for (const s of [...this.#subscribers]) {
      if (!s.kinds.some((k) => kinds.has(k))) continue;
      try {
        s.fn(kinds);
      } catch (err) {
        // One view failing to reload must not keep the others stale.
        console.error('factdesk: a view could not follow a change', err);
      }
    }
  }

  /** Calls `fn` after changes of any of `kinds`; returns what stops it (for a view's teardown). */
  subscribe(kinds: readonly ChangeKind[], fn: Listener): () => void {
    const s = { kinds, fn };
    this.#subscribers.add(s);
    return () => {
      this.#subscribers.delete(s);
    };
  }
}

/** The window's bus. */
export const changes = new ChangeBus();

/** What a command that answered may have changed (none for a read). */
export function changedBy(command: CommandName): readonly ChangeKind[] {
  return WRITES[command] ?? [];
}
