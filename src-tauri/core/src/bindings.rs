//! Generates `ui/src/lib/api/types.ts` from the model. The test `bindings_are_current` fails when
//! the checked-in file differs; run `make bindings` (or `UPDATE_BINDINGS=1 cargo test -p
//! factdesk-core bindings`) to regenerate it.

use ts_rs::{Config, TS};

use crate::error::ApiError;
use crate::model::*;

macro_rules! declare {
    ($cfg:expr, $out:expr, $($t:ty),* $(,)?) => {
        $(
            if let Some(doc) = <$t as TS>::docs() {
                $out.push_str(&doc);
            }
            $out.push_str("export ");
            $out.push_str(&<$t as TS>::decl($cfg));
            $out.push_str("\n\n");
        )*
    };
}

/// The whole generated TypeScript module.
pub fn typescript() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from src-tauri/core/src/model/ by `make bindings`. Do not edit by hand.\n\n",
    );
    declare!(
        &cfg,
        out,
        ApiError,
        ClaimStatus,
        Stance,
        Claimant,
        Rating,
        RatingScale,
        RatingInput,
        RatingScaleInput,
        ClaimSummary,
        CheckedBy,
        ClaimPage,
        ClaimSort,
        ClaimOrigin,
        Snippet,
        SnippetField,
        SnippetPart,
        ClaimQuery,
        ClaimantSummary,
        ClaimantInput,
        ClaimInput,
        SourceKind,
        Reliability,
        CaptureMethod,
        CaptureInfo,
        Source,
        SourceInput,
        SourceSort,
        SourceQuery,
        AnchorState,
        ExcerptAnchor,
        SourceCitation,
        SourceDetail,
        AddedSource,
        crate::web::DiffOp,
        crate::web::DiffLine,
        Appearance,
        AppearanceInput,
        SimilarClaim,
        crate::extract::CandidateKind,
        crate::extract::Candidate,
        Decision,
        ArticleCandidate,
        ArticleProgress,
        ArticleStage,
        Article,
        ArticlePaste,
        AcceptCandidate,
        Evidence,
        EvidenceInput,
        Verdict,
        VerdictInput,
        HistoryEntry,
        CheckRule,
        ChecklistItem,
        ChecklistItemInput,
        ClaimCheck,
        CorrectionKind,
        Correction,
        ExternalReview,
        ClaimDetail,
        WorkspaceInfo,
        Profile,
        RecentWorkspace,
        WindowStart,
        Publishing,
        MatchingStatus,
        ModelChoice,
        ModelDownload,
        Difference,
        ExportRequest,
        ExportDone,
        ExportProgress,
        crate::interchange::ImportKind,
        crate::interchange::ImportAction,
        crate::interchange::ImportItem,
        crate::interchange::ImportReport,
        DataImportPreview,
        crate::interchange::RatingName,
        BackupDone,
        RestoreDone,
        crate::interchange::rolling::AutoBackup,
        crate::interchange::rolling::AutoBackups,
        desk::DeskLink,
        desk::DeskDraft,
        desk::DeskConflict,
        desk::DeskReplica,
        desk::DeskStatus,
        desk::SyncReport,
    );
    out.truncate(out.trim_end().len());
    out.push_str(&workflow_rules());
    out.push('\n');
    out
}

/// The workflow's words and rules the window needs for any status, from the Rust that owns them,
/// so the UI never keeps a copy of its own.
fn workflow_rules() -> String {
    use crate::model::ClaimStatus;
    let labels: Vec<String> = ClaimStatus::ALL.iter().map(|s| format!("  {}: '{}',", s.as_str(), s.label())).collect();
    let locked: Vec<String> =
        ClaimStatus::ALL.iter().filter(|s| s.is_locked()).map(|s| format!("'{}'", s.as_str())).collect();
    format!(
        "\n\n/** Every status in workflow order, with the desk's word for it. */\nexport const STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {{\n{}\n}};\n\n/** The statuses that lock a claim: its wording is fixed; verdict and evidence changes are corrections. */\nexport const LOCKED_STATUSES: readonly ClaimStatus[] = [{}];",
        labels.join("\n"),
        locked.join(", ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/types.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == fresh,
            "{} is out of date with the Rust model: run `make bindings` and commit the result",
            path.display()
        );
    }
}
