// Our own commands are declared here so each gets an `allow-<command>` permission that a capability
// must grant (capabilities/main.json); a command missing from both cannot be called from the window.
const COMMANDS: &[&str] = &[
    "workspace_info",
    "list_claims",
    "get_claim",
    "create_claim",
    "update_claim",
    "list_sources",
    "create_source",
    "add_evidence",
    "record_verdict",
    "rating_scale",
    "app_ready",
    "set_status",
    "set_check",
    "checklist",
    "set_checklist",
    "set_actor",
    "add_appearance",
    "remove_appearance",
    "update_source",
    "source_detail",
    "add_source_by_url",
    "recapture_source",
    "diff_captures",
    "capture_text",
    "import_article_text",
    "import_article_file",
    "import_article_url",
    "article",
    "accept_candidate",
    "reject_candidate",
    "reopen_candidate",
    "similar_claims",
    "list_claimants",
    "update_claimant",
    "possible_duplicates",
    "confirm_match",
    "dismiss_match",
    "list_scales",
    "set_rating_scale",
    "create_scale",
    "export_report",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
