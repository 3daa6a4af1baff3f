//! `factdesk-cli export …`: claim reports in every format, on the same core functions as the app.

use std::path::PathBuf;

use clap::{ArgGroup, Args};
use factdesk_core::model::{ClaimQuery, ClaimSort, ClaimStatus};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::{Error, Store};

use crate::out;
use crate::progress::Progress;

/// The options that filter claims; `--claim` and `--all` stand alone.
const FILTERS: [&str; 8] = ["tag", "claimant", "from", "to", "search", "status", "rating", "assignee"];

#[derive(Args)]
#[command(group(
    ArgGroup::new("selection")
        .required(true)
        .multiple(true)
        .args(["claim", "tag", "claimant", "from", "to", "search", "status", "rating", "assignee", "all"])
))]
pub struct ExportArgs {
    /// md, html, pdf, csv (a row per claim), csv-evidence (a row per evidence link), json or claimreview
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// Export this claim (repeat for several)
    #[arg(long, value_name = "UUID", conflicts_with_all = FILTERS)]
    claim: Vec<String>,
    /// Claims with this tag
    #[arg(long)]
    tag: Option<String>,
    /// Claims by this claimant (the name as stored; case does not matter)
    #[arg(long)]
    claimant: Option<String>,
    /// Claims said on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Claims said on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// Claims matching these words, as the claim list's search finds them
    #[arg(long)]
    search: Option<String>,
    /// Claims with this workflow status
    #[arg(long)]
    status: Option<String>,
    /// Claims whose current verdict has this rating (its key, e.g. false)
    #[arg(long, value_name = "KEY")]
    rating: Option<String>,
    /// Claims assigned to this person
    #[arg(long, value_name = "NAME")]
    assignee: Option<String>,
    /// Every claim in the workspace
    #[arg(long, conflicts_with_all = FILTERS)]
    all: bool,
    /// The file to write (replaced whole, never left half written), or - for standard output
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The desk's name, as the author of ClaimReview records [default: the workspace setting]
    #[arg(long, value_name = "NAME")]
    desk_name: Option<String>,
    /// Where fact-checks are published: a base address (the claim's UUID is appended) or a
    /// template with {uuid} [default: the workspace setting]
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Leave the export date out, so that exports of the same data are byte-identical
    #[arg(long)]
    no_date: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).map_err(|e| e.to_string())
}

fn parse_status(s: &str) -> Result<ClaimStatus, Error> {
    let norm = s.trim().to_lowercase().replace([' ', '-'], "_");
    ClaimStatus::parse(&norm).ok_or_else(|| {
        let all: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.as_str()).collect();
        Error::validation("status", format!("“{s}” is not a status; use one of: {}", all.join(", ")))
    })
}

/// The claims to export: `--claim` (one or several), `--all`, or the filters combined, newest
/// said first.
fn selection(store: &Store, args: &ExportArgs) -> Result<Selection, Error> {
    match args.claim.as_slice() {
        [one] => return Ok(Selection::Claim(one.clone())),
        [] => {}
        many => return Ok(Selection::Claims(many.to_vec())),
    }
    if args.all {
        return Ok(Selection::all());
    }
    Ok(Selection::Query(ClaimQuery {
        search: args.search.clone(),
        status: args.status.as_deref().map(parse_status).transpose()?,
        claimant: args.claimant.as_deref().map(|n| report::find_claimant(store, n)).transpose()?,
        tag: args.tag.clone(),
        assignee: args.assignee.clone(),
        rating: args.rating.clone(),
        said_from: args.from.clone(),
        said_to: args.to.clone(),
        sort: Some(ClaimSort::Said),
        ..ClaimQuery::default()
    }))
}

pub fn run(store: &Store, args: ExportArgs) -> Result<(), Error> {
    let sel = selection(store, &args)?;
    let opts = ExportOptions {
        generated_at: (!args.no_date).then(chrono::Utc::now),
        desk_name: args.desk_name.clone(),
        publication_url: args.base_url.clone(),
    };
    let to_stdout = args.out.as_os_str() == "-";
    if !to_stdout {
        factdesk_core::paths::check_output_path(&args.out)?;
    }
    // A bar while the claims are read (the core reports each one), then a spinner while the
    // report is rendered; both on standard error, and only when it is a terminal.
    let progress = Progress::bar("Reading", "claims");
    let rendering = format!("Writing the {} report…", args.format.as_str());
    let export = report::export_with_progress(store, &sel, args.format, &opts, &mut |done, total| {
        progress.set(done, total);
        if done == total {
            progress.then(&rendering);
        }
    })?;
    if !to_stdout {
        report::write_atomic(&args.out, &export.bytes)?;
    }
    drop(progress);
    if to_stdout {
        out::bytes(&export.bytes)?;
    }
    for w in &export.warnings {
        eprintln!("warning: {w}");
    }
    if !to_stdout {
        outln!(
            "Exported {} claim{} as {} to {} ({} bytes).",
            export.claims,
            if export.claims == 1 { "" } else { "s" },
            args.format.as_str(),
            args.out.display(),
            export.bytes.len()
        );
    }
    Ok(())
}
