//! factdesk-cli: Factdesk's core from the command line, for scripting and automation.
//! It opens the same workspace file as the app: `--db PATH`, then `FACTDESK_DB`, then the default.
//!
//! A library so that one binary serves both: `factdesk-cli` (src/main.rs) and the app's own
//! binary, which runs this when invoked as `factdesk-cli` or `factdesk cli …` (see `cli_args`).
//! The installed packages ship one copy of the core that way, not two.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use factdesk_core::model::{ClaimInput, ClaimQuery, ClaimStatus, ClaimSummary};
use factdesk_core::lock::handover::{self, Ask};
use factdesk_core::lock::{self, Access, Guard};
use factdesk_core::paths::{prepare_default_dir, resolve_db_path, DB_ENV};
use factdesk_core::{Error, Store};

#[macro_use]
mod out;
mod article;
mod desk;
mod export;
mod interchange;
mod progress;
mod similar;
mod source;

#[derive(Parser)]
#[command(name = "factdesk-cli", version, about = "Factdesk, the fact-check workbench, from the command line")]
struct Cli {
    /// Workspace file to use [default: $FACTDESK_DB, else the app's workspace in the data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Matching model folder [default: $FACTDESK_MODEL, else the one chosen in the app's Settings, else the one `make model` installs]
    #[arg(long, global = true, value_name = "DIR")]
    model_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the demo workspace, or add back any demo claims and sources that are missing
    Demo {
        /// Also add N generated claims (varied wording, claimants, statuses, evidence, verdicts), to try the app at scale
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
        /// Seed of the generated claims: the same seed gives the same claims
        #[arg(long, default_value_t = 1, requires = "synthetic")]
        seed: u64,
    },
    /// Work with claims
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Work with the source library
    #[command(subcommand)]
    Source(source::SourceCommand),
    /// Import an article and turn its candidate claims into claims
    #[command(subcommand)]
    Article(article::ArticleCommand),
    /// Export claim reports: md, html, pdf, csv, csv-evidence, json or claimreview
    Export(export::ExportArgs),
    /// Import ClaimReview markup, a Factdesk JSON export or the claims CSV (one transaction: all or nothing)
    #[command(subcommand)]
    Import(interchange::ImportCommand),
    /// Copy the workspace to OUT with SQLite's online backup API (safe while the app writes)
    Backup(interchange::BackupArgs),
    /// Restore a backup into the workspace (--db); the replaced file is kept as FILE.before-restore
    Restore(interchange::RestoreArgs),
    /// Share the workspace with a desk of checkers through PostgreSQL: create, join, sync, status, leave
    #[command(subcommand)]
    Desk(desk::DeskCommand),
    /// Show which workspace file is used and what it holds
    Info,
    /// Extract check-worthy claim candidates from an article (a text file, one paragraph a line); no workspace needed
    Extract {
        /// The article: a UTF-8 text file, or - for standard input
        file: PathBuf,
        /// Print one JSON object per candidate (JSON Lines) instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print the shell's completion script for factdesk-cli (bash, zsh, fish, elvish or powershell); see the README
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand)]
enum ClaimCommand {
    /// Capture a claim and print its UUID
    Add {
        /// The exact wording of the claim
        #[arg(long)]
        text: String,
        /// Who made the claim (a person or an organisation)
        #[arg(long)]
        claimant: Option<String>,
        /// When it was said, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Where it was said or published
        #[arg(long = "where", value_name = "PLACE")]
        said_where: Option<String>,
        /// Workflow status: new, researching, in_review, ready, published, corrected, archived
        #[arg(long)]
        status: Option<String>,
        /// A tag (repeat for several)
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// List claims, most recently changed first
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
        /// Only claims containing these words
        #[arg(long)]
        search: Option<String>,
        /// Only claims with this status
        #[arg(long)]
        status: Option<String>,
        /// At most this many claims
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Show one claim with its evidence, verdicts and history (JSON)
    Show { uuid: String },
    /// Record the address the claim's fact-check was published at (the ClaimReview's `url`);
    /// an empty URL removes it
    PublishedAt {
        uuid: String,
        /// The fact-check's page, https://…
        url: String,
    },
    /// Claims already in the workspace (the desk's, or other publishers' fact-checks) that say what
    /// TEXT says, best first: by meaning with the matching model, by words without it
    Similar {
        /// The wording to look for
        #[arg(long)]
        text: String,
        /// At most this many
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Print a JSON array (uuid, text, score, origin, claimant, status, rating, publisher,
        /// publisher_rating, differs) instead of a table
        #[arg(long)]
        json: bool,
    },
}

fn parse_status(s: &str) -> Result<ClaimStatus, Error> {
    let norm = s.trim().to_lowercase().replace([' ', '-'], "_");
    ClaimStatus::parse(&norm).ok_or_else(|| {
        let all: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.as_str()).collect();
        Error::validation("status", format!("“{s}” is not a status; use one of: {}", all.join(", ")))
    })
}

/// `extract FILE [--json]`: reads the article, never the workspace.
fn run_extract(file: &std::path::Path, json: bool) -> Result<(), Error> {
    use std::io::Read;
    let bytes = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| Error::io("could not read standard input", e))?;
        b
    } else {
        std::fs::read(file).map_err(|e| Error::io(format!("could not read {}", file.display()), e))?
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::validation("file", format!("{} looks like a binary file, not text", file.display())));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let b = e.into_bytes();
            let lossy = String::from_utf8_lossy(&b).into_owned();
            if lossy.chars().filter(|&c| c == '\u{fffd}').count() * 20 > lossy.chars().count().max(1) {
                return Err(Error::validation("file", format!("{} is not UTF-8 text", file.display())));
            }
            lossy
        }
    };
    let candidates = factdesk_core::extract::extract(&text);
    if json {
        for c in &candidates {
            outln!("{}", serde_json::to_string(c).expect("candidates serialise"));
        }
    } else if candidates.is_empty() {
        outln!("No candidates.");
    } else {
        for c in &candidates {
            let t: String = c.text.chars().take(90).collect();
            let more = if c.text.chars().count() > 90 { "…" } else { "" };
            outln!("{:.2}  {:<10} {:<24} {t}{more}", c.score, c.kind.as_str(), c.speaker.as_deref().unwrap_or("-"));
        }
    }
    Ok(())
}

/// The completion script for `shell`, generated whole before it is written (clap_complete
/// panics when it cannot write).
fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "factdesk-cli", &mut script);
    if shell != clap_complete::Shell::Bash {
        return script;
    }
    // clap_complete's bash script spells the state of a subcommand two ways when the program's
    // name has a hyphen (`factdesk__cli__subcmd__claim` where it is set, `factdesk__subcmd__cli__
    // subcmd__claim` where it is matched), so nothing after the first word would ever complete
    // (clap-rs/clap#6421, open in clap_complete 4.6.12). One spelling, the one it sets, mends it;
    // once fixed upstream this replaces nothing.
    String::from_utf8(script).expect("the script is text").replace("factdesk__subcmd__cli", "factdesk__cli").into_bytes()
}

fn run(cli: Cli) -> Result<(), Error> {
    if let Command::Extract { file, json } = &cli.command {
        return run_extract(file, *json);
    }
    if let Command::Completions { shell } = cli.command {
        return out::bytes(&completion_script(shell));
    }
    if let Command::Desk(desk::DeskCommand::Grant { url, role, reader }) = &cli.command {
        return desk::grant(url, role, *reader);
    }
    let path = resolve_db_path(cli.db.as_deref());
    prepare_default_dir(&path).map_err(|e| Error::io(format!("could not create the folder of {}", path.display()), e))?;
    let guard = take_workspace(&path, cli.command.access(), cli.command.name())?;
    if let Command::Restore(args) = &cli.command {
        return interchange::restore(args, &path, guard);
    }
    let mut store = Store::open_with(&path, guard)?;
    let model_dir = cli.model_dir;
    match cli.command {
        Command::Demo { synthetic, seed } => {
            let r = factdesk_core::demo::seed(&mut store)?;
            if let Some(n) = synthetic {
                let started = std::time::Instant::now();
                // The core reports no progress while it generates: a spinner with the time taken.
                let spinner = progress::Progress::spinner(&format!("Generating {n} claims…"));
                let s = factdesk_core::synthetic::fill_synthetic(&mut store, n, seed)?;
                drop(spinner);
                let secs = started.elapsed().as_secs_f64();
                let statuses: Vec<String> =
                    s.by_status.iter().map(|(st, c)| format!("{c} {}", st.as_str().replace('_', " "))).collect();
                outln!(
                    "Synthetic claims (seed {seed}): added {} claims from {} claimants ({}), {} sources, {} evidence links and {} verdicts in {secs:.1} s ({:.0} claims/s).",
                    s.claims_added,
                    s.claimants_used,
                    statuses.join(", "),
                    s.sources_added,
                    s.evidence_added,
                    s.verdicts_added,
                    s.claims_added as f64 / secs.max(1e-9),
                );
            }
            let info = store.info()?;
            outln!(
                "Demo workspace ready at {}: added {} claims and {} sources ({} claims in all).",
                path.display(),
                r.claims_added,
                r.sources_added,
                info.claim_count
            );
        }
        Command::Info => {
            let info = store.info()?;
            outln!("workspace: {}", info.path);
            outln!("schema:    v{}", info.schema_version);
            outln!("claims:    {}", info.claim_count);
            outln!("sources:   {}", info.source_count);
            outln!("checker:   {}", info.actor);
        }
        Command::Extract { .. } | Command::Completions { .. } => unreachable!("handled before the workspace is opened"),
        Command::Claim(ClaimCommand::Add { text, claimant, date, said_where, status, tags }) => {
            let input = ClaimInput {
                text,
                claimant,
                said_on: date,
                said_where: said_where.unwrap_or_default(),
                status: status.as_deref().map(parse_status).transpose()?,
                tags,
                ..ClaimInput::default()
            };
            let claim = store.create_claim(&input)?;
            outln!("{}", claim.uuid);
        }
        Command::Claim(ClaimCommand::List { json, search, status, limit }) => {
            let mut query = ClaimQuery {
                search,
                status: status.as_deref().map(parse_status).transpose()?,
                limit: Some(500),
                ..ClaimQuery::default()
            };
            let mut all: Vec<ClaimSummary> = Vec::new();
            loop {
                let page = store.list_claims(&query)?;
                all.extend(page.items);
                if limit.is_some_and(|l| all.len() >= l) {
                    break;
                }
                match page.next_cursor {
                    Some(c) => query.cursor = Some(c),
                    None => break,
                }
            }
            if let Some(l) = limit {
                all.truncate(l);
            }
            if json {
                outln!("{}", serde_json::to_string_pretty(&all).expect("claims serialise"));
            } else {
                print_table(&all)?;
            }
        }
        Command::Source(cmd) => source::run(&mut store, cmd)?,
        Command::Article(cmd) => article::run(&mut store, cmd)?,
        Command::Export(args) => export::run(&store, args)?,
        Command::Import(cmd) => interchange::import(&mut store, cmd)?,
        Command::Backup(args) => interchange::backup(&store, args)?,
        Command::Restore(_) => unreachable!("handled before the workspace is opened"),
        Command::Claim(ClaimCommand::Show { uuid }) => {
            let claim = store.get_claim(uuid.trim())?;
            outln!("{}", serde_json::to_string_pretty(&claim).expect("claim serialises"));
        }
        Command::Claim(ClaimCommand::PublishedAt { uuid, url }) => {
            let claim = store.set_published_url(uuid.trim(), &url)?;
            if claim.published_url.is_empty() {
                outln!("{} has no publication address", claim.uuid);
            } else {
                outln!("{} is published at {}", claim.uuid, claim.published_url);
            }
        }
        Command::Claim(ClaimCommand::Similar { text, limit, json }) => {
            similar::run(&mut store, model_dir.as_deref(), &text, limit, json)?;
        }
        Command::Desk(cmd) => desk::run(&mut store, cmd)?,
    }
    Ok(())
}

impl Command {
    /// Whether the command only reads the workspace: it then shares it with other readers and
    /// never writes to the file, not even a checkpoint.
    fn access(&self) -> Access {
        match self {
            Command::Info | Command::Export(_) | Command::Backup(_) => Access::Read,
            Command::Claim(ClaimCommand::List { .. } | ClaimCommand::Show { .. }) => Access::Read,
            Command::Source(c) if c.reads_only() => Access::Read,
            Command::Desk(c) if c.reads_only() => Access::Read,
            _ => Access::Write,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Command::Demo { .. } => "demo",
            Command::Claim(_) => "claim",
            Command::Source(_) => "source",
            Command::Article(_) => "article",
            Command::Export(_) => "export",
            Command::Import(_) => "import",
            Command::Backup(_) => "backup",
            Command::Restore(_) => "restore",
            Command::Info => "info",
            Command::Desk(_) => "desk",
            Command::Extract { .. } => "extract",
            Command::Completions { .. } => "completions",
        }
    }
}

/// The right to use the workspace for this command: its own lock when nobody holds it; borrowed
/// from the app when the app has it open (the app lets go of the file meanwhile and opens it again
/// afterwards); otherwise it waits for the other command that holds it to finish.
fn take_workspace(path: &std::path::Path, access: Access, name: &str) -> Result<Guard, Error> {
    let who = format!("factdesk-cli {name} (process {})", std::process::id());
    let mut told = false;
    loop {
        if let Some(g) = Guard::try_lock(path, access)? {
            return Ok(g);
        }
        if let Some(lease) = handover::ask(path, &Ask::Lend { who: who.clone() })? {
            return Ok(lease);
        }
        if !told {
            let holder = lock::holder(path).map(|h| format!(" by {h}")).unwrap_or_default();
            eprintln!("factdesk-cli: {} is in use{holder}; waiting for it to finish (Ctrl+C to stop)…", path.display());
            told = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn print_table(claims: &[ClaimSummary]) -> Result<(), Error> {
    if claims.is_empty() {
        outln!("No claims.");
        return Ok(());
    }
    for c in claims {
        let text: String = c.text.chars().take(70).collect();
        let more = if c.text.chars().count() > 70 { "…" } else { "" };
        outln!(
            "{}  {:<11} {:<13} {:<10} {:<22} {text}{more}",
            c.uuid,
            c.status.as_str(),
            c.rating.as_ref().map(|r| r.label.as_str()).unwrap_or("-"),
            c.said_on.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            c.claimant.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}

/// The name the command line answers to, in its help and usage.
pub const NAME: &str = "factdesk-cli";

/// Whether the process was started as the command line, and if so the arguments for it: under the
/// name `factdesk-cli` (how the packages install it, beside the app) or as `factdesk cli ARGS…`.
/// `None`: the app's window.
pub fn cli_args(args: Vec<OsString>) -> Option<Vec<OsString>> {
    let invoked_as = args.first().and_then(|a| Path::new(a).file_name()).map(|n| n.to_string_lossy().into_owned());
    if invoked_as.is_some_and(|n| n.starts_with(NAME)) {
        return Some(args);
    }
    if args.get(1).is_some_and(|a| a == "cli") {
        return Some(std::iter::once(OsString::from(NAME)).chain(args.into_iter().skip(2)).collect());
    }
    None
}

/// The command line's `main`: parses `args` (the program's name first), runs the command and
/// answers the exit status.
pub fn main_with(args: Vec<OsString>) -> ExitCode {
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // Output piped into a program that stopped reading (`| head`): the command ends there,
        // quietly and successfully, as Unix tools do (see out.rs for why not SIGPIPE). Every
        // write to the workspace is a transaction, so stopping changes nothing half way.
        Err(e) if out::closed(&e) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                Error::Validation { field, .. } => eprintln!("error ({field}): {e}"),
                _ => eprintln!("error: {e}"),
            }
            if matches!(e, Error::Workspace(_)) {
                eprintln!("hint: choose the workspace with --db PATH or the {DB_ENV} environment variable");
            }
            ExitCode::from(if matches!(e, Error::Validation { .. }) { 2 } else { 1 })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_app_binary_runs_the_command_line_by_name_or_by_the_cli_word() {
        // Installed as a link or a copy named factdesk-cli: every argument is the CLI's.
        assert_eq!(cli_args(os(&["/usr/bin/factdesk-cli", "info"])), Some(os(&["/usr/bin/factdesk-cli", "info"])));
        assert_eq!(cli_args(os(&["factdesk-cli"])), Some(os(&["factdesk-cli"])));
        // `factdesk cli ARGS`: the word is dropped and the usage says factdesk-cli.
        assert_eq!(cli_args(os(&["/usr/bin/factdesk", "cli", "--version"])), Some(os(&["factdesk-cli", "--version"])));
        // The window: no arguments, a workspace file, --db, or a file that happens to be called cli.factdesk.
        assert_eq!(cli_args(os(&["/usr/bin/factdesk"])), None);
        assert_eq!(cli_args(os(&["factdesk", "/home/ana/desk.factdesk"])), None);
        assert_eq!(cli_args(os(&["factdesk", "--db", "cli"])), None);
        assert_eq!(cli_args(os(&["factdesk", "cli.factdesk"])), None);
        assert_eq!(cli_args(Vec::new()), None);
    }

    #[test]
    fn the_cli_word_parses_like_the_command_line_itself() {
        let args = cli_args(os(&["factdesk", "cli", "--db", "/tmp/x.factdesk", "claim", "list", "--json"])).unwrap();
        let cli = Cli::try_parse_from(args).expect("parses");
        assert_eq!(cli.db, Some(PathBuf::from("/tmp/x.factdesk")));
        assert!(matches!(cli.command, Command::Claim(ClaimCommand::List { json: true, .. })));
    }
}
