//! Factdesk's core: the workspace store and every feature, usable without a window.
//! The Tauri shell and `factdesk-cli` are thin adapters over this crate.

pub mod article;
pub mod bindings;
pub mod demo;
pub mod desk;
pub mod error;
pub mod extract;
pub mod files;
pub mod interchange;
pub mod language;
pub mod library;
pub mod lock;
pub mod matching;
pub mod model;
pub mod model_download;
pub mod paths;
pub mod report;
pub mod store;
pub mod synthetic;
pub mod web;

pub use error::{Error, Result};
pub use store::Store;
