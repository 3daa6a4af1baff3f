#![no_main]

#[path = "../../src-tauri/core/tests/fuzzing/mod.rs"]
mod fuzzing;

use std::cell::RefCell;

use fuzzing::{Bench, Importer};

thread_local! {
    static BENCH: RefCell<Bench> = RefCell::new(Bench::new(Importer::Csv));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| BENCH.with(|b| b.borrow_mut().check_bytes(Importer::Csv, data)));
