//! Progress on long commands (exports, imports, synthetic workspaces), drawn on standard error and
//! only when standard error is a terminal: scripts, cron jobs and tests, which capture or redirect
//! it, see nothing, and standard output keeps only the command's output (`export --out - > file`
//! still shows progress to the person who typed it).

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// A bar or a spinner, cleared from the terminal when done (or dropped, e.g. on an error).
pub struct Progress {
    bar: ProgressBar,
    /// The bar's look, taken on once the total is known (a spinner until then).
    counting: Option<ProgressStyle>,
    counted: Cell<bool>,
}

/// Whether progress is shown at all: standard error is a terminal that can redraw a line.
fn shown() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

fn new(bar: ProgressBar) -> ProgressBar {
    if shown() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar
    } else {
        ProgressBar::hidden()
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("the template is valid")
}

impl Progress {
    /// A bar counting `unit` (e.g. "claims") towards a total given later by [`Progress::set`]
    /// (a spinner until then). `message` is a fixed text, with no braces.
    pub fn bar(message: &str, unit: &str) -> Progress {
        let template = format!("{message} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{elapsed}}{{left}})");
        let style = ProgressStyle::with_template(&template)
            .expect("the template is valid")
            .progress_chars("=> ")
            // The time left once there is enough to go by (the first claims say little about the rest).
            .with_key("left", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                if s.elapsed() >= Duration::from_secs(2) && s.fraction() >= 0.01 {
                    let _ = write!(w, ", about {} left", HumanDuration(s.eta()));
                }
            });
        let mut p = Progress::spinner(&format!("{message}…"));
        p.counting = Some(style);
        p
    }

    /// A spinner with the time taken so far, for work that does not say how far it is.
    pub fn spinner(message: &str) -> Progress {
        let bar = new(ProgressBar::new_spinner());
        bar.set_style(spinner_style());
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar, counting: None, counted: Cell::new(false) }
    }

    /// `done` of `total`.
    pub fn set(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        if let (Some(style), false) = (&self.counting, self.counted.get()) {
            self.bar.disable_steady_tick();
            self.bar.set_style(style.clone());
            self.counted.set(true);
        }
        self.bar.set_position(done as u64);
    }

    /// Turns the bar into a spinner for the next, unmeasured, step.
    pub fn then(&self, message: &str) {
        self.bar.set_style(spinner_style());
        self.bar.set_message(message.to_string());
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
