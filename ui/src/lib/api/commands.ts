// Generated from src-tauri/src/commands/ (the list in list.rs) by `make bindings`
// (src-tauri/tests/commands_ts.rs). Do not edit by hand.
//
// One typed wrapper per command: `commands.getClaim({ uuid })` calls `get_claim` with its
// arguments under the names Tauri reads, so a misspelt command or argument fails to compile.

import { call } from './call';
import type {
  AcceptCandidate,
  AddedSource,
  AppearanceInput,
  Article,
  ArticlePaste,
  AutoBackups,
  BackupDone,
  CaptureInfo,
  ChecklistItem,
  ChecklistItemInput,
  ClaimDetail,
  ClaimInput,
  ClaimPage,
  ClaimQuery,
  ClaimStatus,
  ClaimantInput,
  ClaimantSummary,
  DataImportPreview,
  DeskConflict,
  DeskDraft,
  DeskStatus,
  DiffLine,
  Evidence,
  EvidenceInput,
  ExportDone,
  ExportRequest,
  ImportKind,
  ImportReport,
  MatchingStatus,
  Profile,
  Publishing,
  RatingName,
  RatingScale,
  RatingScaleInput,
  RestoreDone,
  SimilarClaim,
  Source,
  SourceDetail,
  SourceInput,
  SourceQuery,
  SyncReport,
  Verdict,
  VerdictInput,
  WindowStart,
  WorkspaceInfo,
} from './types';

/** Every command the window may call, as Tauri names it. */
export type CommandName =
  | 'workspace_info'
  | 'app_ready'
  | 'matching_status'
  | 'window_start'
  | 'new_workspace'
  | 'open_workspace'
  | 'open_recent_workspace'
  | 'open_demo_workspace'
  | 'save_profile'
  | 'list_claims'
  | 'get_claim'
  | 'create_claim'
  | 'update_claim'
  | 'set_published_url'
  | 'add_appearance'
  | 'remove_appearance'
  | 'list_claimants'
  | 'update_claimant'
  | 'possible_duplicates'
  | 'confirm_match'
  | 'dismiss_match'
  | 'import_article_text'
  | 'import_article_file'
  | 'import_article_url'
  | 'import_article_dropped'
  | 'article'
  | 'accept_candidate'
  | 'reject_candidate'
  | 'reopen_candidate'
  | 'similar_claims'
  | 'cancel_article_import'
  | 'candidates_similar'
  | 'list_sources'
  | 'create_source'
  | 'update_source'
  | 'source_detail'
  | 'add_source_by_url'
  | 'recapture_source'
  | 'diff_captures'
  | 'capture_text'
  | 'add_evidence'
  | 'record_verdict'
  | 'rating_scale'
  | 'list_scales'
  | 'set_rating_scale'
  | 'create_scale'
  | 'set_status'
  | 'set_check'
  | 'checklist'
  | 'set_checklist'
  | 'set_actor'
  | 'export_report'
  | 'cancel_export'
  | 'preview_data_import'
  | 'preview_dropped_data'
  | 'commit_data_import'
  | 'discard_data_import'
  | 'rating_names'
  | 'set_rating_names'
  | 'publishing'
  | 'set_publishing'
  | 'backup_workspace'
  | 'restore_workspace'
  | 'auto_backups'
  | 'set_auto_backups'
  | 'choose_backup_folder'
  | 'choose_model_folder'
  | 'use_default_model'
  | 'download_model'
  | 'cancel_model_download'
  | 'desk_status'
  | 'desk_join'
  | 'desk_sync'
  | 'desk_leave'
  | 'desk_drafts'
  | 'desk_conflicts'
  | 'desk_dismiss_conflict';

/** The backend's commands; each answers what its Rust function returns. */
export const commands = {
  // workspace.rs
  workspaceInfo: () => call<WorkspaceInfo>('workspace_info'),
  appReady: () => call<number>('app_ready'),
  matchingStatus: () => call<MatchingStatus>('matching_status'),
  windowStart: () => call<WindowStart>('window_start'),
  newWorkspace: () => call<WorkspaceInfo | null>('new_workspace'),
  openWorkspace: () => call<WorkspaceInfo | null>('open_workspace'),
  openRecentWorkspace: (args: { path: string }) => call<WorkspaceInfo>('open_recent_workspace', args),
  openDemoWorkspace: () => call<WorkspaceInfo>('open_demo_workspace'),
  saveProfile: (args: { profile: Profile }) => call<null>('save_profile', args),
  // claims.rs
  listClaims: (args: { query: ClaimQuery }) => call<ClaimPage>('list_claims', args),
  getClaim: (args: { uuid: string }) => call<ClaimDetail>('get_claim', args),
  createClaim: (args: { input: ClaimInput }) => call<ClaimDetail>('create_claim', args),
  updateClaim: (args: { uuid: string; input: ClaimInput }) => call<ClaimDetail>('update_claim', args),
  setPublishedUrl: (args: { uuid: string; url: string }) => call<ClaimDetail>('set_published_url', args),
  addAppearance: (args: { claimUuid: string; input: AppearanceInput }) => call<ClaimDetail>('add_appearance', args),
  removeAppearance: (args: { uuid: string }) => call<ClaimDetail>('remove_appearance', args),
  listClaimants: (args: { search: string | null }) => call<ClaimantSummary[]>('list_claimants', args),
  updateClaimant: (args: { uuid: string; input: ClaimantInput }) => call<ClaimantSummary>('update_claimant', args),
  possibleDuplicates: (args: { uuid: string }) => call<SimilarClaim[]>('possible_duplicates', args),
  confirmMatch: (args: { uuid: string; other: string }) => call<ClaimDetail>('confirm_match', args),
  dismissMatch: (args: { uuid: string; other: string }) => call<ClaimDetail>('dismiss_match', args),
  // articles.rs
  importArticleText: (args: { paste: ArticlePaste }) => call<Article | null>('import_article_text', args),
  importArticleFile: () => call<Article | null>('import_article_file'),
  importArticleUrl: (args: { url: string }) => call<Article | null>('import_article_url', args),
  importArticleDropped: (args: { fileName: string; content: string }) => call<Article | null>('import_article_dropped', args),
  article: (args: { sourceUuid: string }) => call<Article>('article', args),
  acceptCandidate: (args: { input: AcceptCandidate }) => call<ClaimDetail>('accept_candidate', args),
  rejectCandidate: (args: { captureUuid: string; start: number; end: number }) => call<null>('reject_candidate', args),
  reopenCandidate: (args: { captureUuid: string; start: number; end: number }) => call<null>('reopen_candidate', args),
  similarClaims: (args: { text: string; exclude: string | null }) => call<SimilarClaim[]>('similar_claims', args),
  cancelArticleImport: () => call<null>('cancel_article_import'),
  candidatesSimilar: (args: { asks: ([string, string | null])[] }) => call<SimilarClaim[][]>('candidates_similar', args),
  // sources.rs
  listSources: (args: { query: SourceQuery }) => call<Source[]>('list_sources', args),
  createSource: (args: { input: SourceInput }) => call<Source>('create_source', args),
  updateSource: (args: { uuid: string; input: SourceInput }) => call<Source>('update_source', args),
  sourceDetail: (args: { uuid: string }) => call<SourceDetail>('source_detail', args),
  addSourceByUrl: (args: { url: string }) => call<AddedSource>('add_source_by_url', args),
  recaptureSource: (args: { uuid: string }) => call<CaptureInfo>('recapture_source', args),
  diffCaptures: (args: { from: string; to: string }) => call<DiffLine[]>('diff_captures', args),
  captureText: (args: { uuid: string }) => call<string>('capture_text', args),
  addEvidence: (args: { input: EvidenceInput }) => call<Evidence>('add_evidence', args),
  // verdicts.rs
  recordVerdict: (args: { input: VerdictInput }) => call<Verdict>('record_verdict', args),
  ratingScale: () => call<RatingScale>('rating_scale'),
  listScales: () => call<RatingScale[]>('list_scales'),
  setRatingScale: (args: { uuid: string }) => call<RatingScale>('set_rating_scale', args),
  createScale: (args: { input: RatingScaleInput }) => call<RatingScale>('create_scale', args),
  // workflow.rs
  setStatus: (args: { uuid: string; status: ClaimStatus }) => call<ClaimDetail>('set_status', args),
  setCheck: (args: { uuid: string; item: string; done: boolean }) => call<ClaimDetail>('set_check', args),
  checklist: () => call<ChecklistItem[]>('checklist'),
  setChecklist: (args: { items: ChecklistItemInput[] }) => call<ChecklistItem[]>('set_checklist', args),
  setActor: (args: { name: string }) => call<WorkspaceInfo>('set_actor', args),
  // reports.rs
  exportReport: (args: { request: ExportRequest }) => call<ExportDone | null>('export_report', args),
  cancelExport: () => call<null>('cancel_export'),
  // interchange.rs
  previewDataImport: (args: { kind: ImportKind }) => call<DataImportPreview | null>('preview_data_import', args),
  previewDroppedData: (args: { fileName: string; content: string }) => call<DataImportPreview>('preview_dropped_data', args),
  commitDataImport: (args: { token: string; strict: boolean }) => call<ImportReport>('commit_data_import', args),
  discardDataImport: (args: { token: string }) => call<null>('discard_data_import', args),
  // settings.rs
  ratingNames: () => call<RatingName[]>('rating_names'),
  setRatingNames: (args: { names: RatingName[] }) => call<number>('set_rating_names', args),
  publishing: () => call<Publishing>('publishing'),
  setPublishing: (args: { publishing: Publishing }) => call<Publishing>('set_publishing', args),
  backupWorkspace: () => call<BackupDone | null>('backup_workspace'),
  restoreWorkspace: () => call<RestoreDone | null>('restore_workspace'),
  autoBackups: () => call<AutoBackups>('auto_backups'),
  setAutoBackups: (args: { enabled: boolean; folder: string | null }) => call<AutoBackups>('set_auto_backups', args),
  chooseBackupFolder: () => call<AutoBackups | null>('choose_backup_folder'),
  // matching.rs
  chooseModelFolder: () => call<MatchingStatus | null>('choose_model_folder'),
  useDefaultModel: () => call<MatchingStatus>('use_default_model'),
  downloadModel: () => call<MatchingStatus>('download_model'),
  cancelModelDownload: () => call<null>('cancel_model_download'),
  // desk.rs
  deskStatus: () => call<DeskStatus | null>('desk_status'),
  deskJoin: (args: { url: string; password: string | null }) => call<SyncReport>('desk_join', args),
  deskSync: (args: { password: string | null }) => call<SyncReport>('desk_sync', args),
  deskLeave: (args: { dropUnsent: boolean }) => call<null>('desk_leave', args),
  deskDrafts: (args: { claimUuid: string | null }) => call<DeskDraft[]>('desk_drafts', args),
  deskConflicts: (args: { claimUuid: string | null }) => call<DeskConflict[]>('desk_conflicts', args),
  deskDismissConflict: (args: { id: number }) => call<null>('desk_dismiss_conflict', args),
};
