//! What the shell's tests share: the declared commands, read from `src/commands/list.rs` as
//! `lib.rs` and `build.rs` read them, and files of the repository.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

include!("../../src/commands/list.rs");

macro_rules! declared_commands {
    ( $( $module:ident :: $name:ident ),* $(,)? ) => {
        &[ $( (stringify!($module), stringify!($name)) ),* ]
    };
}

/// `(module, command)` for every command of the list, in its order.
pub const DECLARED: &[(&str, &str)] = with_commands!(declared_commands);

/// The repository's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A file of the repository, by its path from the root.
pub fn read(rel: &str) -> String {
    let p = root().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}
