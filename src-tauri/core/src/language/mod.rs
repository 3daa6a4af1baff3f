//! Language handling shared by extraction and matching, with no SQL (DESIGN.md, "Matching").
//! For now: sentence embeddings from a model folder ([`embed`]).

pub mod embed;
