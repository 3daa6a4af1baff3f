//! Language handling shared by extraction and matching, with no SQL (DESIGN.md, "Matching").
//! Two claims compared by their words ([`compare`]), sentence embeddings from a model folder
//! ([`embed`]), and the vectors' storage form and in-memory index ([`vectors`]).

pub mod compare;
pub mod embed;
pub mod vectors;
