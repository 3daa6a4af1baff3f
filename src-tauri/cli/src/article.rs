//! `factdesk-cli article …`: import an article into the workspace and work through its
//! candidate claims, on the same core functions as the app's Import screen.

use std::path::PathBuf;

use clap::Subcommand;
use factdesk_core::article;
use factdesk_core::model::{AcceptCandidate, Article};
use factdesk_core::web::FetchLimits;
use factdesk_core::{Error, Store};

#[derive(Subcommand)]
pub enum ArticleCommand {
    /// Keep an article (.txt, .md or .html file, or --url) as a source and list its candidate claims
    Import {
        /// The article file
        #[arg(required_unless_present = "url", conflicts_with = "url")]
        file: Option<PathBuf>,
        /// Fetch the article from this address instead
        #[arg(long)]
        url: Option<String>,
        /// Print the article with its candidates as JSON
        #[arg(long)]
        json: bool,
    },
    /// Make a claim of candidate N (as numbered by `import`) of the article held by source UUID
    Accept {
        source: String,
        n: usize,
    },
}

pub fn run(store: &mut Store, cmd: ArticleCommand) -> Result<(), Error> {
    match cmd {
        ArticleCommand::Import { file, url, json } => {
            let fetched = match (file, url) {
                (_, Some(u)) => article::read_url(&u, &FetchLimits::default())?,
                (Some(f), None) => article::read_file(&f)?,
                (None, None) => return Err(Error::validation("file", "Name an article file or give --url.")),
            };
            let a = article::import(store, &fetched)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&a).expect("article serialises"));
            } else {
                print_article(&a)?;
            }
        }
        ArticleCommand::Accept { source, n } => {
            let a = article::get(store, source.trim())?;
            let c = n
                .checked_sub(1)
                .and_then(|i| a.candidates.get(i))
                .ok_or_else(|| Error::validation("n", format!("The article has {} candidates; choose 1 to {}.", a.candidates.len(), a.candidates.len())))?;
            let claim = article::accept_candidate(store, &AcceptCandidate {
                capture_uuid: a.capture_uuid.clone(),
                start: c.candidate.start as u32,
                end: c.candidate.end as u32,
                claimant: c.candidate.speaker.clone(),
                claimant_role: c.candidate.speaker_role.clone(),
                ..AcceptCandidate::default()
            })?;
            outln!("{}", claim.uuid);
        }
    }
    Ok(())
}

fn print_article(a: &Article) -> Result<(), Error> {
    let note = if a.existing { " (already in the library)" } else { "" };
    outln!("source {}  “{}”{note}", a.source.uuid, a.source.title);
    for n in &a.notes {
        outln!("note: {n}");
    }
    for (i, c) in a.candidates.iter().enumerate() {
        let decided = match c.decision {
            Some(d) => format!(" [{}]", serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()),
            None => String::new(),
        };
        let similar = if c.similar.is_empty() { String::new() } else { format!(" ~ similar to {}", c.similar[0].uuid) };
        outln!(
            "{:>3}. {:.2} {:<10} {:<24} {}{decided}{similar}",
            i + 1,
            c.candidate.score,
            c.candidate.kind.as_str(),
            c.candidate.speaker.as_deref().unwrap_or("-"),
            c.candidate.text
        );
    }
    Ok(())
}
