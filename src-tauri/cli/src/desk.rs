//! `desk create|join|sync|status|leave|grant`: the workspace as a replica of a desk kept in
//! PostgreSQL (issue 14). The password is never taken on the command line: it comes from the
//! address given to create/join (used once, not stored), `PGPASSWORD` or the password file.

use clap::Subcommand;
use factdesk_core::desk::{self, Access};
use factdesk_core::model::desk::{DeskStatus, SyncReport};
use factdesk_core::{Error, Store};

#[derive(Subcommand)]
pub enum DeskCommand {
    /// Create a desk in a PostgreSQL database (as the role that will own it) and upload this workspace to it
    Create {
        /// postgres://ROLE@HOST:PORT/DATABASE (add ?sslmode=require for TLS, &sslrootcert=FILE for a private CA)
        url: String,
    },
    /// Join a desk with this workspace, which must be new (no claims or sources): everything on the desk comes to it
    Join {
        /// postgres://ROLE@HOST:PORT/DATABASE, with your own role
        url: String,
    },
    /// Push the changes made here and pull the others'
    Sync {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show the desk this workspace is on, what is waiting, and who is connected
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Stop following the desk; the workspace keeps everything it has
    Leave {
        /// Leave even though changes made here are not on the desk yet (they stay only in this file)
        #[arg(long)]
        drop_unsent: bool,
    },
    /// Let a PostgreSQL role work on the desk (run as the desk's owner)
    Grant {
        /// The desk's address, as its owner
        url: String,
        /// The role to let in (it must exist: CREATE ROLE name LOGIN PASSWORD '…')
        role: String,
        /// Only read the desk (pull), never change it
        #[arg(long)]
        reader: bool,
    },
}

impl DeskCommand {
    pub fn reads_only(&self) -> bool {
        matches!(self, DeskCommand::Status { .. })
    }
}

fn print_report(what: &str, r: &SyncReport, json: bool) -> Result<(), Error> {
    if json {
        outln!("{}", serde_json::to_string_pretty(r).expect("report serialises"));
        return Ok(());
    }
    outln!("{what}: pushed {} change(s), pulled {}; the desk's change {} is the last one here.", r.pushed, r.pulled, r.cursor);
    for why in &r.refused {
        outln!("Refused by the desk (kept here as a draft): {why}");
    }
    if r.conflicts > 0 {
        outln!("{} field(s) were edited by two checkers while apart: the later change is kept; see the claims' history.", r.conflicts);
    }
    for p in &r.problems {
        eprintln!("Not applied: {p}");
    }
    if let Some(kept) = &r.password_kept {
        outln!("The password is kept {kept}; it is never stored in the workspace.");
    }
    Ok(())
}

fn print_status(s: &DeskStatus) -> Result<(), Error> {
    let l = &s.link;
    outln!("desk:      {} ({})", l.url, l.desk_id);
    outln!("as:        {} (this copy: {})", l.role, l.replica_id);
    outln!("up to:     change {}{}", l.cursor, s.head.map(|h| format!(" of {h}")).unwrap_or_default());
    outln!("waiting:   {} change(s) not pushed yet", l.outbox);
    if l.drafts > 0 {
        outln!("refused:   {} change(s) kept here as drafts", l.drafts);
    }
    if l.conflicts > 0 {
        outln!("conflicts: {} field(s) edited by two checkers while apart", l.conflicts);
    }
    outln!("last sync: {}", l.last_pull.as_deref().unwrap_or("never"));
    if let Some(e) = &l.last_error {
        outln!("last error: {e}");
    }
    if !s.reachable {
        outln!("The desk cannot be reached right now; changes wait here until it can.");
        return Ok(());
    }
    if let Some(v) = s.schema {
        let note = if s.upgrade_pending { " (older than this Factdesk's: the desk's owner upgrades it at their next sync)" } else { "" };
        outln!("schema:    {v}{note}");
    }
    for r in &s.replicas {
        outln!("  {:<20} {:<10} last seen {}", r.role, if r.connected { "connected" } else { "" }, r.last_seen);
    }
    Ok(())
}

/// `desk grant`, which needs no workspace.
pub fn grant(url: &str, role: &str, reader: bool) -> Result<(), Error> {
    desk::grant(url, Access::default(), role, reader)?;
    outln!("{role} may now {} the desk.", if reader { "read" } else { "work on" });
    Ok(())
}

pub fn run(store: &mut Store, cmd: DeskCommand) -> Result<(), Error> {
    let access = Access::default();
    match cmd {
        DeskCommand::Create { url } => {
            let r = desk::create(store, &url, access)?;
            print_report("Desk created and this workspace uploaded", &r, false)?;
        }
        DeskCommand::Join { url } => {
            let r = desk::join(store, &url, access)?;
            print_report("Joined the desk", &r, false)?;
        }
        DeskCommand::Sync { json } => {
            let r = desk::sync(store, access)?;
            print_report("Synced", &r, json)?;
        }
        DeskCommand::Status { json } => {
            let s = desk::status(store, access)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&s).expect("status serialises"));
            } else {
                print_status(&s)?;
            }
        }
        DeskCommand::Leave { drop_unsent } => {
            desk::leave(store, drop_unsent)?;
            outln!("This workspace has left the desk; it keeps everything it has.");
        }
        DeskCommand::Grant { url, role, reader } => grant(&url, &role, reader)?,
    }
    Ok(())
}
