//! `factdesk-cli source …`: the source library, on the same core functions as the app.

use clap::Subcommand;
use factdesk_core::library;
use factdesk_core::model::{Source, SourceQuery};
use factdesk_core::web::FetchLimits;
use factdesk_core::{Error, Store};

#[derive(Subcommand)]
pub enum SourceCommand {
    /// Add the page at URL to the library: fetch it, read its title, publisher, author and dates,
    /// and archive its text and bytes with their SHA-256. Prints the source's UUID.
    Add {
        url: String,
        /// Give up after this many seconds
        #[arg(long, default_value_t = 20)]
        timeout: u64,
    },
    /// Capture the source's page again (every capture is kept)
    Recapture { uuid: String },
    /// List the library, newest first
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
        /// Only sources with these words in the title, publisher, author or address
        #[arg(long)]
        search: Option<String>,
    },
    /// Show one source with its captures and the claims citing it (JSON)
    Show { uuid: String },
}

impl SourceCommand {
    pub fn reads_only(&self) -> bool {
        matches!(self, SourceCommand::List { .. } | SourceCommand::Show { .. })
    }
}

pub fn run(store: &mut Store, cmd: SourceCommand) -> Result<(), Error> {
    match cmd {
        SourceCommand::Add { url, timeout } => {
            let limits = FetchLimits { timeout: std::time::Duration::from_secs(timeout.max(1)), ..FetchLimits::default() };
            let added = library::add_source_by_url(store, &url, &limits)?;
            if added.existing {
                eprintln!("Already in the library as “{}”; nothing added.", added.source.title);
            }
            for note in &added.notes {
                eprintln!("note: {note}");
            }
            outln!("{}", added.source.uuid);
        }
        SourceCommand::Recapture { uuid } => {
            let c = library::recapture(store, uuid.trim(), &FetchLimits::default())?;
            outln!("{}  {}  sha256 {}", c.uuid, c.captured_at.format("%Y-%m-%d %H:%M:%S UTC"), c.sha256);
        }
        SourceCommand::List { json, search } => {
            let sources = store.list_sources(&SourceQuery { search, ..SourceQuery::default() })?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&sources).expect("sources serialise"));
            } else {
                print_table(&sources)?;
            }
        }
        SourceCommand::Show { uuid } => {
            let detail = store.source_detail(uuid.trim())?;
            outln!("{}", serde_json::to_string_pretty(&detail).expect("source serialises"));
        }
    }
    Ok(())
}

fn print_table(sources: &[Source]) -> Result<(), Error> {
    if sources.is_empty() {
        outln!("No sources.");
        return Ok(());
    }
    for s in sources {
        let title: String = s.title.chars().take(60).collect();
        let more = if s.title.chars().count() > 60 { "…" } else { "" };
        outln!(
            "{}  {:<18} {:<10} {:>3} cited  {:<24} {title}{more}",
            s.uuid,
            s.kind.as_str(),
            s.published_on.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            s.cited_by.unwrap_or(0),
            s.publisher.chars().take(24).collect::<String>(),
        );
    }
    Ok(())
}
