//! The types that cross the boundary to the UI and the CLI. Rust is the source of truth: the TS
//! declarations in `ui/src/lib/api/types.ts` are generated from these (see `bindings.rs`) and a
//! test fails when the checked-in file drifts.
//!
//! One file per domain; everything is re-exported here, so `crate::model::X` names any of them.

mod article;
mod claims;
mod interchange;
pub mod limits;
mod report;
mod sources;
mod verdicts;
mod workflow;
mod workspace;
pub mod bundle;
pub mod desk;

pub use article::*;
pub use claims::*;
pub use interchange::*;
pub use report::*;
pub use sources::*;
pub use verdicts::*;
pub use workflow::*;
pub use workspace::*;
