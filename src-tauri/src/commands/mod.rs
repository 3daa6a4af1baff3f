//! One module per domain; each command takes its arguments, calls core and returns DTOs.
//! Commands are `async` so SQLite work runs off the main (UI) thread.

pub mod articles;
pub mod claims;
pub mod interchange;
pub mod reports;
pub mod settings;
pub mod sources;
pub mod verdicts;
pub mod workflow;
pub mod workspace;
