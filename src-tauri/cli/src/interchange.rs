//! `factdesk-cli import …`, `backup` and `restore`: the core's interchange functions from the
//! command line.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use factdesk_core::interchange::{self, ImportAction, ImportKind, ImportOptions, ImportReport, Wording};
use factdesk_core::{Error, Store};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Fact-checks published as schema.org ClaimReview JSON-LD: one record, a list, an @graph or a DataFeed
    Claimreview(ImportArgs),
    /// A Factdesk JSON export (`export --format json`): claims with their sources, evidence and verdicts
    Json(ImportArgs),
    /// The claims CSV that `export --format csv` writes
    Csv(ImportArgs),
}

#[derive(Args)]
pub struct ImportArgs {
    /// The file to import, or - for standard input
    file: PathBuf,
    /// Refuse the whole file when any record cannot be used as given, instead of skipping it
    #[arg(long)]
    strict: bool,
    /// Show what the import would do, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("where").required(true).args(["out", "auto"])))]
pub struct BackupArgs {
    /// The backup file to write (replaced whole; never the open workspace)
    out: Option<PathBuf>,
    /// The automatic backup instead, if one is due (as the app makes them: at most hourly, only
    /// after a change, kept hourly for a day and daily for a month), e.g. from cron
    #[arg(long, conflicts_with = "out")]
    auto: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup to restore into the workspace given by --db (the replaced file is kept as FILE.before-restore)
    backup: PathBuf,
}

fn read(file: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| Error::io("could not read standard input", e))?;
        return Ok(b);
    }
    std::fs::read(file).map_err(|e| Error::io(format!("could not read {}", file.display()), e))
}

pub fn import(store: &mut Store, cmd: ImportCommand) -> Result<(), Error> {
    let (kind, args) = match cmd {
        ImportCommand::Claimreview(a) => (ImportKind::ClaimReview, a),
        ImportCommand::Json(a) => (ImportKind::Json, a),
        ImportCommand::Csv(a) => (ImportKind::Csv, a),
    };
    let bytes = read(&args.file)?;
    interchange::check_file(kind, &bytes, Wording::CommandLine)?;
    // The core's import is one transaction with no progress to report: a spinner with the time taken.
    let spinner = crate::progress::Progress::spinner(if args.dry_run { "Reading the records…" } else { "Importing…" });
    let report = interchange::import(store, kind, &bytes, ImportOptions { strict: args.strict, dry_run: args.dry_run })?;
    drop(spinner);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report).expect("reports serialise"));
    } else {
        print_report(&report, &args.file, args.dry_run)?;
    }
    Ok(())
}

fn print_report(r: &ImportReport, file: &Path, dry_run: bool) -> Result<(), Error> {
    let what = match r.kind.as_str() {
        "claimreview" => "ClaimReview records",
        "json" => "claims of a Factdesk JSON export",
        _ => "rows of a claims CSV",
    };
    let tail = if dry_run { " Dry run: nothing was written." } else { "" };
    outln!(
        "{} {} {what} from {}: {} created, {} updated, {} unchanged, {} skipped.{tail}",
        if dry_run { "Would read" } else { "Read" },
        r.found,
        file.display(),
        r.created,
        r.updated,
        r.unchanged,
        r.skipped,
    );
    for i in &r.items {
        let show = dry_run || i.action == ImportAction::Skip || !i.notes.is_empty();
        if !show {
            continue;
        }
        let mut line = format!("  {:<9} record {} ({})", i.action.as_str(), i.position, i.path);
        if !i.claim.is_empty() {
            line.push_str(&format!(": {}", i.claim));
        }
        if !i.publisher.is_empty() {
            line.push_str(&format!(" — {}", i.publisher));
        }
        if !i.rating.is_empty() {
            let mapped = i.mapped_rating.as_deref().map(|k| format!(" → {k}")).unwrap_or_default();
            line.push_str(&format!(" [{}{mapped}]", i.rating));
        }
        if !i.reason.is_empty() {
            line.push_str(&format!(" ({})", i.reason));
        }
        outln!("{line}");
        for n in &i.notes {
            outln!("            note: {n}");
        }
    }
    for n in &r.notes {
        outln!("note: {n}");
    }
    Ok(())
}

pub fn backup(store: &Store, args: BackupArgs) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let b = match args.out {
        Some(out) => interchange::backup_to(store, &out)?,
        None => {
            use interchange::rolling::{run_auto_backup, Policy};
            let Some(b) = run_auto_backup(store, chrono::Utc::now(), &Policy::default())? else {
                outln!("No automatic backup was due (the last is under an hour old, nothing changed since, or they are off).");
                return Ok(());
            };
            b
        }
    };
    outln!(
        "Backed up {} ({} claims, {} sources, schema v{}) to {} ({} bytes) in {:.2} s.",
        store.path().display(),
        b.claims,
        b.sources,
        b.schema_version,
        b.path.display(),
        b.bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn restore(args: &RestoreArgs, target: &Path, guard: factdesk_core::lock::Guard) -> Result<(), Error> {
    let r = interchange::restore_with(&args.backup, target, guard)?;
    let kept = r.kept.as_ref().map(|k| format!(" The replaced workspace is kept as {}.", k.display())).unwrap_or_default();
    let upgraded = if r.backup_schema_version < r.schema_version {
        format!(" (brought up from schema v{} to v{})", r.backup_schema_version, r.schema_version)
    } else {
        String::new()
    };
    outln!(
        "Restored {} into {}{upgraded}: {} claims, {} sources.{kept}",
        args.backup.display(),
        r.target.display(),
        r.claims,
        r.sources
    );
    Ok(())
}
