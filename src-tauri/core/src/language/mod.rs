//! Language handling shared by extraction and matching, with no SQL (DESIGN.md, "Matching").
//!
//! - Words: the two tokenizers side by side ([`tokens`]), the word tables as data files
//!   ([`words`], `words/*.txt`) and as the sets article reading looks up ([`lexicon`]).
//! - Comparing claims: a text reduced to terms ([`terms`]) with figures in any spelling
//!   ([`numbers`]), idioms read whole ([`idioms`]) and stems ([`stems`]); two texts' terms
//!   compared ([`compare`]), and told apart when one is the other with a word or two changed
//!   ([`edits`]).
//! - Reading articles: paragraphs, quotations and sentences ([`sentences`]), who said it
//!   ([`speakers`]), and how worth checking a sentence or a claim's wording is ([`worthiness`]).
//! - Meaning: sentence embeddings from a model folder ([`embed`]), and the vectors' storage form
//!   and in-memory index ([`vectors`]).

pub mod compare;
pub mod edits;
pub mod embed;
pub mod guess;
pub mod idioms;
pub mod lexicon;
pub mod numbers;
pub mod sentences;
pub mod speakers;
pub mod stems;
pub mod terms;
pub mod tokens;
pub mod vectors;
pub mod words;
pub mod wording;
pub mod worthiness;
