//! Everything the CLI prints as its output goes through here, so that a reader that stops reading
//! (`factdesk-cli claim list | head -1`) ends the command quietly instead of with a panic, and a
//! full disk (`> /dev/full`) is an error message instead of a panic.
//!
//! Why not reset SIGPIPE to its default: that would apply to every pipe and socket of the process,
//! not just standard output. Asking the app for its workspace goes through a Unix socket the app
//! may close at any moment (the core then tries again), and a desk's PostgreSQL may be reached
//! through one: with SIGPIPE's default action either would kill the command silently instead. So
//! SIGPIPE stays ignored (Rust's default), and a closed standard output is an error the command
//! returns like any other, which `main` turns into a quiet exit with status 0.

use std::io::{ErrorKind, Write};

use factdesk_core::Error;

/// The context of the error that means "the reader closed standard output".
const STDOUT_CLOSED: &str = "standard output was closed";

/// `println!` for the command's output: on a write error, returns it from the enclosing function
/// (which answers `Result<_, Error>`).
macro_rules! outln {
    () => {
        $crate::out::line(format_args!(""))?
    };
    ($($arg:tt)*) => {
        $crate::out::line(format_args!($($arg)*))?
    };
}

/// Writes one line to standard output.
pub fn line(args: std::fmt::Arguments) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args).and_then(|_| out.write_all(b"\n")).map_err(stdout_error)
}

/// Writes bytes as they are to standard output, and flushes them.
pub fn bytes(b: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(b).and_then(|_| out.flush()).map_err(stdout_error)
}

fn stdout_error(e: std::io::Error) -> Error {
    if e.kind() == ErrorKind::BrokenPipe {
        Error::io(STDOUT_CLOSED, e)
    } else {
        Error::io("could not write to standard output", e)
    }
}

/// Whether `e` is the reader having closed standard output: nothing to report, the command is done.
pub fn closed(e: &Error) -> bool {
    matches!(e, Error::Io { context, source } if context == STDOUT_CLOSED && source.kind() == ErrorKind::BrokenPipe)
}
