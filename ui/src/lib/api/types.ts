// Generated from src-tauri/core/src/model.rs by `make bindings`. Do not edit by hand.

/**
 * The shape an [`Error`] takes on the wire, for the generated TS types.
 */
export type ApiError = { 
/**
 * `Validation`, `NotFound`, `Conflict`, `Storage` or `Io`.
 */
kind: string, message: string, field: string | null, };

/**
 * Where a claim is in the desk's workflow.
 */
export type ClaimStatus = "new" | "researching" | "in_review" | "ready" | "published" | "corrected" | "archived";

/**
 * How a piece of evidence bears on a claim.
 */
export type Stance = "supports" | "refutes" | "context";

/**
 * A person or organisation who made claims.
 */
export type Claimant = { uuid: string, name: string, role: string | null, affiliation: string | null, };

/**
 * One step of a rating scale, with its ClaimReview mapping.
 */
export type Rating = { key: string, label: string, description: string, 
/**
 * CSS colour, e.g. `#1b7f3b`.
 */
color: string, 
/**
 * ClaimReview `ratingValue`; higher is truer.
 */
value: number, };

export type RatingScale = { uuid: string, name: string, description: string, 
/**
 * Best first.
 */
ratings: Array<Rating>, };

/**
 * A row of the claim list.
 */
export type ClaimSummary = { uuid: string, text: string, claimant: string | null, said_on: string | null, status: ClaimStatus, 
/**
 * The current verdict's rating, if there is one.
 */
rating: Rating | null, evidence_count: number, updated_at: string, };

/**
 * One page of the claim list; pass `next_cursor` back to get the next page.
 */
export type ClaimPage = { items: Array<ClaimSummary>, next_cursor: string | null, 
/**
 * How many claims match the query in all; a lower bound when `total_exact` is false.
 */
total: number, 
/**
 * False when a search matches so many claims that counting them all is not worth the wait:
 * `total` is then a floor ("2,000+").
 */
total_exact: boolean, };

/**
 * What the claim list shows: a search, a status filter, a page.
 */
export type ClaimQuery = { 
/**
 * Words to look for in the claim text, summary and claimant; every word must match (as a prefix).
 */
search: string | null, status: ClaimStatus | null, 
/**
 * Page size; 50 when absent, at most 500.
 */
limit: number | null, cursor: string | null, };

/**
 * What a checker types to create or edit a claim.
 */
export type ClaimInput = { 
/**
 * The exact wording of the claim.
 */
text: string, summary: string, 
/**
 * Claimant name; found or created. Empty or absent means none.
 */
claimant: string | null, 
/**
 * Used only when the claimant is created.
 */
claimant_role: string | null, 
/**
 * `YYYY-MM-DD`; validated by the store so a bad date gets a message naming the field.
 */
said_on: string | null, 
/**
 * Where it was said or published (outlet, event, URL).
 */
said_where: string, 
/**
 * Absent keeps the current status (`new` for a new claim).
 */
status: ClaimStatus | null, tags: Array<string>, };

export type Source = { uuid: string, url: string, title: string, publisher: string, published_on: string | null, accessed_at: string | null, created_at: string, };

export type SourceInput = { url: string, title: string, publisher: string, 
/**
 * `YYYY-MM-DD`, or empty/absent when unknown.
 */
published_on: string | null, };

/**
 * A claim linked to a source, with the excerpt that bears on it.
 */
export type Evidence = { uuid: string, source: Source, excerpt: string, stance: Stance, note: string, created_at: string, };

export type EvidenceInput = { claim_uuid: string, source_uuid: string, excerpt: string, stance: Stance, note: string, 
/**
 * Required when the claim is already published: the change is then a correction.
 */
correction_reason?: string | null, };

export type Verdict = { uuid: string, rating: Rating, rationale: string, author: string, created_at: string, 
/**
 * Set once a later verdict replaced this one.
 */
superseded_at: string | null, };

export type VerdictInput = { claim_uuid: string, 
/**
 * A key of the workspace's rating scale, e.g. `false`.
 */
rating_key: string, rationale: string, 
/**
 * Required when the claim is already published: the new verdict is then a correction.
 */
correction_reason?: string | null, };

/**
 * One line of a claim's audit trail.
 */
export type HistoryEntry = { at: string, actor: string, 
/**
 * `claim`, `evidence`, `verdict`…
 */
entity: string, 
/**
 * `created`, `updated`, `linked`, `recorded`…
 */
action: string, 
/**
 * A plain-words description of what changed.
 */
summary: string, };

/**
 * A step of the desk's publish checklist.
 */
export type ChecklistItem = { uuid: string, label: string, 
/**
 * A required item must be signed off before the claim can be published.
 */
required: boolean, };

/**
 * One item of the checklist as edited in settings; `uuid` is absent for a new item.
 */
export type ChecklistItemInput = { uuid?: string | null, label: string, required: boolean, };

/**
 * A checklist item on one claim: signed off (by whom, when) or not yet.
 */
export type ClaimCheck = { item_uuid: string, label: string, required: boolean, done_by: string | null, done_at: string | null, };

/**
 * A correction of a published claim, shown as a notice on the claim.
 */
export type Correction = { uuid: string, reason: string, 
/**
 * What was corrected: `verdict` or `evidence`.
 */
what: string, actor: string, at: string, };

/**
 * Everything the claim view shows.
 */
export type ClaimDetail = { uuid: string, text: string, summary: string, claimant: Claimant | null, said_on: string | null, said_where: string, status: ClaimStatus, tags: Array<string>, created_at: string, updated_at: string, evidence: Array<Evidence>, 
/**
 * The current verdict.
 */
verdict: Verdict | null, 
/**
 * Every verdict, newest first, the current one included.
 */
verdicts: Array<Verdict>, 
/**
 * Newest first.
 */
history: Array<HistoryEntry>, 
/**
 * The desk's checklist for this claim, in order.
 */
checklist: Array<ClaimCheck>, 
/**
 * Corrections made after publishing, newest first.
 */
corrections: Array<Correction>, 
/**
 * The statuses this claim may move to now (workflow rules; `corrected` comes only from a correction).
 */
next_statuses: Array<ClaimStatus>, 
/**
 * What is still missing before this claim can be published, in plain words; empty when ready.
 */
publish_blockers: Array<string>, };

/**
 * What the window shows about the open workspace.
 */
export type WorkspaceInfo = { path: string, claim_count: number, source_count: number, 
/**
 * The name recorded in the history for changes made here.
 */
actor: string, schema_version: number, };
