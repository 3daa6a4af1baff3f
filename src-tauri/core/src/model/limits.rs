//! How long each field may be and how big an input may get, stated once: the store, the importers
//! and the shell refuse longer input with a message naming the limit.

/// A claim's exact wording, in characters.
pub const MAX_CLAIM_CHARS: usize = 5_000;
/// A claimant's name or role, an assignee, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// One tag, in characters.
pub const MAX_TAG_CHARS: usize = 60;
/// An evidence excerpt, in characters.
pub const MAX_EXCERPT_CHARS: usize = 20_000;
/// A source's title, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// A verdict's rationale, in characters.
pub const MAX_RATIONALE_CHARS: usize = 50_000;
/// Ratings on one scale.
pub const MAX_RATINGS: usize = 20;
/// The largest article Factdesk reads, pasted or from a file, in bytes.
pub const MAX_ARTICLE_BYTES: u64 = 15 * 1024 * 1024;
/// The largest file the data import reads (ClaimReview, a Factdesk JSON export, the claims CSV), in
/// bytes: no fact-check feed or export comes near it.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;
/// Claims on one page of the list.
pub const MAX_PAGE: u32 = 500;
