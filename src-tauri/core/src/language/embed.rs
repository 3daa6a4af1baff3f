//! Sentence embeddings for matching ("already checked?", issue 13): a sentence-transformers BERT
//! model, all-MiniLM-L6-v2 by default, run in-process on the CPU with candle. No Python, no network.
//!
//! The model is data, not code: any sentence-transformers folder with a BERT `config.json`, a
//! `tokenizer.json` (the Hugging Face fast-tokenizer format) and `model.safetensors`, pooled by the
//! mean, works (a multilingual MiniLM, say). The vector of a text is what sentence-transformers'
//! `encode(…, normalize_embeddings=True)` gives: BERT's last hidden states averaged over the text's
//! real tokens (attention mask 1, never the padding), then scaled to unit length, so the cosine of
//! two vectors is their dot product.
//!
//! ```no_run
//! # fn main() -> factdesk_core::Result<()> {
//! use factdesk_core::language::embed::{cosine, Embedder};
//! let embedder = Embedder::load(&factdesk_core::paths::model_dir())?;
//! let v = embedder.embed(&["Unemployment fell to 4% last year", "Joblessness dropped to four percent"])?;
//! assert!(cosine(&v[0], &v[1]) > 0.5);
//! # Ok(()) }
//! ```

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use sha2::{Digest, Sha256};
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use crate::error::{Error, Result};

/// The files a model folder must hold; the others (`sentence_bert_config.json`,
/// `1_Pooling/config.json`) are read when present.
const REQUIRED: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Texts run through the model together. Texts are sorted by length first, so a batch pads little.
const BATCH: usize = 32;

/// The `field` of the errors about the model folder (Settings, `--model-dir`, `FACTDESK_MODEL`).
const FIELD: &str = "model";

/// A loaded model and its tokenizer. Loading takes a moment (the weights are read into memory,
/// ~90 MB for all-MiniLM-L6-v2): load once and share it (it is `Send + Sync`).
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    name: String,
    dim: usize,
    max_tokens: usize,
    pad_id: u32,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("name", &self.name)
            .field("dim", &self.dim)
            .field("max_tokens", &self.max_tokens)
            .finish()
    }
}

impl Embedder {
    /// Loads the model in `dir` (see [`crate::paths::model_dir`]). A missing or incomplete folder,
    /// or one that is not a mean-pooled BERT model, is a `Validation` error on the field `model`
    /// whose message names the folder and says how to install the model.
    pub fn load(dir: &Path) -> Result<Embedder> {
        if !dir.is_dir() {
            return Err(Error::validation(
                FIELD,
                format!(
                    "There is no matching model at {}: the folder does not exist. Download it in Settings → Matching model, \
                     or choose another model folder there.",
                    dir.display()
                ),
            ));
        }
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|f| !dir.join(f).is_file()).collect();
        if !missing.is_empty() {
            return Err(Error::validation(
                FIELD,
                format!(
                    "The model folder {} is incomplete: {} missing. Download the model again in Settings → \
                     Matching model, or choose another model folder there.",
                    dir.display(),
                    missing.join(", ")
                ),
            ));
        }
        let invalid = |file: &str, why: String| {
            Error::validation(
                FIELD,
                format!(
                    "The model folder {} cannot be used: {file} {why}. Download the model again in Settings → \
                     Matching model, or choose another model folder there.",
                    dir.display()
                ),
            )
        };
        let read = |file: &str| {
            std::fs::read(dir.join(file)).map_err(|e| Error::io(format!("reading {}", dir.join(file).display()), e))
        };

        let config_bytes = read("config.json")?;
        let config: Config = serde_json::from_slice(&config_bytes)
            .map_err(|e| invalid("config.json", format!("is not a BERT configuration ({e})")))?;
        if let Some(kind) = config.model_type.as_deref().filter(|k| *k != "bert") {
            return Err(invalid("config.json", format!("describes a “{kind}” model; only BERT models are supported")));
        }
        check_pooling(dir).map_err(|why| invalid("1_Pooling/config.json", why))?;
        // sentence-transformers truncates at `max_seq_length` (256 here); BERT cannot go past its positions.
        let max_tokens = read_json(dir, "sentence_bert_config.json")
            .and_then(|v| v.get("max_seq_length")?.as_u64())
            .map_or(config.max_position_embeddings, |n| (n as usize).min(config.max_position_embeddings));

        let tokenizer_bytes = read("tokenizer.json")?;
        let mut tokenizer = Tokenizer::from_bytes(&tokenizer_bytes)
            .map_err(|e| invalid("tokenizer.json", format!("could not be read ({e})")))?;
        // tokenizer.json may carry a fixed padding (all-MiniLM-L6-v2's pads every text to 128
        // tokens): turn it off, `embed` pads each batch to its longest text itself.
        let pad_id = tokenizer
            .get_padding()
            .map(|p| p.pad_id)
            .or_else(|| tokenizer.token_to_id("[PAD]"))
            .unwrap_or(config.pad_token_id as u32);
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: max_tokens, ..Default::default() }))
            .map_err(|e| invalid("tokenizer.json", format!("cannot truncate at {max_tokens} tokens ({e})")))?;

        let weights = read("model.safetensors")?;
        let name = model_name(dir, &config_bytes, &tokenizer_bytes, &weights);
        let device = Device::Cpu;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .map_err(|e| invalid("model.safetensors", format!("could not be read ({e})")))?;
        let model = BertModel::load(vb, &config).map_err(|e| {
            invalid("model.safetensors", format!("does not hold the weights config.json describes ({e})"))
        })?;

        Ok(Embedder { model, tokenizer, device, name, dim: config.hidden_size, max_tokens, pad_id })
    }

    /// Which model makes the vectors: the folder's name and a short hash of its `config.json`,
    /// `tokenizer.json` and its weights, e.g. `all-MiniLM-L6-v2@1f0c9e2a`. Stored
    /// beside each vector, it tells vectors of another model (which must be made again) apart.
    pub fn model_name(&self) -> &str {
        &self.name
    }

    /// The length of every vector: 384 for all-MiniLM-L6-v2.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Tokens read of each text, `[CLS]` and `[SEP]` included (256 for all-MiniLM-L6-v2); the
    /// rest of a longer text is ignored.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// One unit-length vector of [`dim`](Self::dim) floats per text, in the order given. A text's
    /// vector does not depend on the others: texts are batched by length and padded to the
    /// longest of their batch, and padding is masked out of the attention and of the mean.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let encodings = self.tokenizer.encode_batch(texts.to_vec(), true).map_err(|e| {
            Error::validation("text", format!("The text could not be split into tokens for the matching model: {e}"))
        })?;
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| encodings[i].get_ids().len());
        let mut out = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&Encoding> = chunk.iter().map(|&i| &encodings[i]).collect();
            let vectors = self.run(&batch).map_err(|e| {
                Error::validation(FIELD, format!("The matching model ({}) failed on a text: {e}", self.name))
            })?;
            for (&i, v) in chunk.iter().zip(vectors) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// Runs one batch: pads it to its longest text, runs BERT, mean-pools under the attention
    /// mask and normalises.
    fn run(&self, batch: &[&Encoding]) -> candle_core::Result<Vec<Vec<f32>>> {
        let (n, len) = (batch.len(), batch.iter().map(|e| e.get_ids().len()).max().unwrap_or(0));
        let (mut ids, mut types, mut mask) = (vec![self.pad_id; n * len], vec![0u32; n * len], vec![0f32; n * len]);
        for (row, e) in batch.iter().enumerate() {
            let at = row * len;
            ids[at..at + e.len()].copy_from_slice(e.get_ids());
            types[at..at + e.len()].copy_from_slice(e.get_type_ids());
            for (m, &a) in mask[at..at + e.len()].iter_mut().zip(e.get_attention_mask()) {
                *m = a as f32;
            }
        }
        let ids = Tensor::from_vec(ids, (n, len), &self.device)?;
        let types = Tensor::from_vec(types, (n, len), &self.device)?;
        let mask = Tensor::from_vec(mask, (n, len), &self.device)?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?; // (n, len, dim)
        let summed = hidden.broadcast_mul(&mask.unsqueeze(2)?)?.sum(1)?.to_vec2::<f32>()?; // (n, dim)
        let counts = mask.sum(1)?.to_vec1::<f32>()?;
        Ok(summed
            .into_iter()
            .zip(counts)
            .map(|(mut v, count)| {
                v.iter_mut().for_each(|x| *x /= count.max(1e-9));
                normalise(&mut v);
                v
            })
            .collect())
    }
}

/// The cosine similarity of two vectors, in [-1, 1]; 0 when either is all zeros. For vectors from
/// [`Embedder::embed`], which have unit length, it is their dot product.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len(), "vectors of different models compared");
    let (mut dot, mut aa, mut bb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        dot / (aa.sqrt() * bb.sqrt())
    }
}

/// Scales `v` to unit length (sentence-transformers' `Normalize`), leaving all zeros as they are.
fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Refuses a folder whose pooling (`1_Pooling/config.json`, when there is one) is not the mean.
fn check_pooling(dir: &Path) -> std::result::Result<(), String> {
    let Some(pooling) = read_json(dir, "1_Pooling/config.json") else { return Ok(()) };
    if pooling.get("pooling_mode_mean_tokens").and_then(|v| v.as_bool()) == Some(false) {
        let mode = pooling
            .as_object()
            .and_then(|o| {
                o.iter()
                    .find(|(_, v)| v.as_bool() == Some(true))
                    .map(|(k, _)| k.trim_start_matches("pooling_mode_").to_owned())
            })
            .unwrap_or_else(|| "no".into());
        return Err(format!("asks for {mode} pooling; only mean pooling is supported"));
    }
    Ok(())
}

/// A small JSON file of the folder, or None when it is absent or unreadable.
fn read_json(dir: &Path, file: &str) -> Option<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(dir.join(file)).ok()?).ok()
}

/// See [`Embedder::model_name`].
fn model_name(dir: &Path, config: &[u8], tokenizer: &[u8], weights: &[u8]) -> String {
    let folder = dir.canonicalize().unwrap_or_else(|_| PathBuf::from(dir));
    let folder = folder.file_name().map_or_else(|| "model".into(), |n| n.to_string_lossy().into_owned());
    let mut hash = Sha256::new();
    // The weights' bytes too, not only their length: weights changed at the same size (another
    // quantization, a fine-tune) make other vectors, so the name must change and the claims re-index.
    for part in [config, tokenizer, weights] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let hex: String = hash.finalize().iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("{folder}@{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_plain_vectors() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-2.0, -2.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn normalise_makes_unit_length_and_leaves_zeros() {
        let mut v = vec![3.0, 4.0];
        normalise(&mut v);
        assert_eq!(v, [0.6, 0.8]);
        let mut z = vec![0.0; 3];
        normalise(&mut z);
        assert_eq!(z, [0.0; 3]);
    }

    #[test]
    fn the_name_changes_with_the_model_not_the_path() {
        let a = model_name(Path::new("/x/all-MiniLM-L6-v2"), b"{}", b"tok", &[1; 10]);
        assert!(a.starts_with("all-MiniLM-L6-v2@") && a.len() == "all-MiniLM-L6-v2@".len() + 8, "{a}");
        assert_eq!(a, model_name(Path::new("/y/all-MiniLM-L6-v2"), b"{}", b"tok", &[1; 10]));
        assert_ne!(a, model_name(Path::new("/x/all-MiniLM-L6-v2"), b"{}", b"tok", &[1; 11]));
        // Weights of the same size with other values (another quantization) are another model.
        assert_ne!(a, model_name(Path::new("/x/all-MiniLM-L6-v2"), b"{}", b"tok", &[2; 10]));
        assert_ne!(a, model_name(Path::new("/x/all-MiniLM-L6-v2"), b"{ }", b"tok", &[1; 10]));
    }
}
