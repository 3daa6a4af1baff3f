//! One error type for the whole core. Over IPC it serialises as `{ kind, message, field }`: the UI
//! switches on `kind` and shows `message`, which is written for a checker, not a developer.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a checker can fix; `field` names the input field at fault.
    #[error("{message}")]
    Validation { field: &'static str, message: String },
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },
    /// The request clashes with what is stored (e.g. a duplicate).
    #[error("{0}")]
    Conflict(String),
    /// The workspace is held by another Factdesk (the app, or a command) that did not lend it.
    #[error("{0}")]
    InUse(String),
    /// The file cannot be used as a workspace (not one, or from a newer Factdesk).
    #[error("{0}")]
    Workspace(String),
    #[error("the workspace database failed: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("the workspace could not be upgraded to this version of Factdesk: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A page or file could not be fetched from the network (timeout, HTTP error, too large…).
    #[error("{0}")]
    Network(String),
    /// A long job (an export, an import) stopped because the checker asked it to; nothing was written.
    #[error("{0}")]
    Cancelled(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation { field, message: message.into() }
    }

    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound { what, id: id.into() }
    }

    /// An export stopped by the checker before anything was written.
    pub fn export_cancelled() -> Self {
        Error::Cancelled("The export was cancelled; nothing was written.".into())
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// The stable name the UI switches on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "Validation",
            Error::NotFound { .. } => "NotFound",
            Error::Conflict(_) | Error::InUse(_) => "Conflict",
            Error::Storage(_) | Error::Migration(_) | Error::Workspace(_) => "Storage",
            Error::Io { .. } => "Io",
            Error::Network(_) => "Network",
            Error::Cancelled(_) => "Cancelled",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("field", &self.field())?;
        s.end()
    }
}

/// The shape an [`Error`] takes on the wire, for the generated TS types.
#[derive(Debug, Clone, serde::Deserialize, Serialize, ts_rs::TS)]
pub struct ApiError {
    /// `Validation`, `NotFound`, `Conflict`, `Storage`, `Io` or `Network`.
    pub kind: String,
    pub message: String,
    pub field: Option<String>,
}
