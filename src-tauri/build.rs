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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}
