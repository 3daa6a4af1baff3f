//! The matching model run in-process (language/embed.rs), on the real all-MiniLM-L6-v2 folder that
//! `make model` installs (or the folder `FACTDESK_MODEL` names). Without that folder the tests that
//! need it say so and pass without checking anything; the error tests always run.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use factdesk_core::language::embed::{cosine, Embedder};
use factdesk_core::{paths, Error};

/// The installed model, loaded once for every test; None (after saying why) when it is absent.
fn embedder(test: &str) -> Option<&'static Embedder> {
    static EMBEDDER: OnceLock<Option<Embedder>> = OnceLock::new();
    let loaded = EMBEDDER.get_or_init(|| {
        let dir = paths::model_dir();
        if !dir.is_dir() {
            return None;
        }
        let start = Instant::now();
        let embedder =
            Embedder::load(&dir).unwrap_or_else(|e| panic!("the model in {} does not load: {e}", dir.display()));
        eprintln!("loaded {} from {} in {:.2?}", embedder.model_name(), dir.display(), start.elapsed());
        Some(embedder)
    });
    if loaded.is_none() {
        eprintln!(
            "SKIPPED {test}: no model folder at {} (run `make model`, or set FACTDESK_MODEL to a model folder)",
            paths::model_dir().display()
        );
    }
    loaded.as_ref()
}

fn one(e: &Embedder, text: &str) -> Vec<f32> {
    e.embed(&[text]).unwrap().remove(0)
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn vectors_have_384_unit_length_dimensions() {
    let Some(e) = embedder("vectors_have_384_unit_length_dimensions") else { return };
    assert_eq!(e.dim(), 384);
    assert_eq!(e.max_tokens(), 256, "sentence_bert_config.json's max_seq_length");
    let texts = ["Unemployment fell to 4% last year", "", "¿Bajó el desempleo al 4 %?", "   ", "42"];
    let vectors = e.embed(&texts).unwrap();
    assert_eq!(vectors.len(), texts.len());
    for (t, v) in texts.iter().zip(&vectors) {
        assert_eq!(v.len(), 384, "{t:?}");
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{t:?}: norm {norm}");
        assert!(v.iter().all(|x| x.is_finite()), "{t:?}");
    }
    assert!(e.embed(&[]).unwrap().is_empty());
}

#[test]
fn the_same_text_always_gives_the_same_vector() {
    let Some(e) = embedder("the_same_text_always_gives_the_same_vector") else { return };
    let text = "The mayor said crime in Springfield doubled between 2019 and 2023.";
    let first = one(e, text);
    for _ in 0..3 {
        assert_eq!(one(e, text), first);
    }
}

#[test]
fn a_vector_does_not_depend_on_the_batch_it_is_in() {
    let Some(e) = embedder("a_vector_does_not_depend_on_the_batch_it_is_in") else { return };
    // Different lengths, so most are padded in the batch; more than one batch of 32.
    let mut texts: Vec<String> = vec![
        "Vaccines cause autism.".into(),
        "The minimum wage has not been raised since 2009, while rents in the capital went up by 40 percent.".into(),
        "".into(),
        "Ohio".into(),
    ];
    texts.extend((0..40).map(|i| format!("Claim number {i}: {}", "the budget grew ".repeat(i % 9))));
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let batched = e.embed(&refs).unwrap();
    let mut worst = 0f32;
    for (t, v) in refs.iter().zip(&batched) {
        let diff = max_diff(v, &one(e, t));
        worst = worst.max(diff);
        assert!(diff < 1e-5, "{t:?}: batched and alone differ by {diff}");
    }
    eprintln!("largest difference between batched and alone: {worst:e}");
}

#[test]
fn text_past_the_models_length_is_cut() {
    let Some(e) = embedder("text_past_the_models_length_is_cut") else { return };
    // 400 words are far more than 256 tokens: what follows them is never read.
    let start = "the economy grew last quarter ".repeat(80);
    let a = one(e, &format!("{start} and unemployment fell"));
    let b = one(e, &format!("{start} while prices of eggs and milk rose sharply in every state"));
    assert!(max_diff(&a, &b) < 1e-6);
    assert!(max_diff(&a, &one(e, "the economy grew last quarter")) > 1e-3);
}

/// (claim, paraphrase, near misses and unrelated claims): the paraphrase must score highest.
const GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "The governor cut school funding by 10 percent",
        "Education budgets were slashed by a tenth under the governor",
        &["The governor cut police funding by 10 percent", "It will rain heavily in Lisbon tomorrow"],
    ),
    (
        "Crime in Chicago doubled over the past five years",
        "Chicago's crime rate has gone up twofold since five years ago",
        &["Crime in Chicago fell by half over the past five years", "Tesla sold more cars than ever in March"],
    ),
    (
        "The senator voted against the infrastructure bill",
        "The senator opposed the infrastructure legislation in the vote",
        &["The senator wrote the infrastructure bill", "Coffee is the most traded commodity after oil"],
    ),
    (
        "More than half of Americans own a gun",
        "Over 50% of people in the US are gun owners",
        &["More than half of Americans own a car", "The Eiffel Tower was built in 1889"],
    ),
];

#[test]
fn paraphrases_score_higher_than_near_misses_and_unrelated_claims() {
    let Some(e) = embedder("paraphrases_score_higher_than_near_misses_and_unrelated_claims") else { return };
    let mut failures = Vec::new();
    for (claim, paraphrase, others) in GROUPS {
        let q = one(e, claim);
        let p = cosine(&q, &one(e, paraphrase));
        eprintln!("{p:.3}  {claim:?} ~ {paraphrase:?}");
        for other in *others {
            let o = cosine(&q, &one(e, other));
            eprintln!("{o:.3}  {claim:?} ~ {other:?}");
            if o >= p {
                failures.push(format!("{claim:?}: {other:?} ({o:.3}) ≥ the paraphrase {paraphrase:?} ({p:.3})"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The model alone is not enough (issue 13): here a claim with another subject and the opposite
/// direction but the same words outranks a true paraphrase in other words and number spellings
/// (0.584 against 0.572 on this machine). Cosine still puts both far above an unrelated claim;
/// the claim-conflict penalties of the scoring are what must push the near miss down.
#[test]
fn a_near_miss_in_the_same_words_can_outrank_a_paraphrase() {
    let Some(e) = embedder("a_near_miss_in_the_same_words_can_outrank_a_paraphrase") else { return };
    let q = one(e, "Unemployment fell to 4% last year");
    let paraphrase = cosine(&q, &one(e, "Joblessness dropped to four percent in 2023"));
    let near_miss = cosine(&q, &one(e, "Inflation rose to 4% last year"));
    let unrelated = cosine(&q, &one(e, "The city council approved a new stadium"));
    eprintln!("paraphrase {paraphrase:.3}, near miss {near_miss:.3}, unrelated {unrelated:.3}");
    assert!(paraphrase > 0.5 && near_miss > 0.5 && unrelated < 0.2, "{paraphrase} {near_miss} {unrelated}");
    assert!((paraphrase - near_miss).abs() < 0.05, "cosine alone now tells them apart: {paraphrase} vs {near_miss}");
}

/// Reference values published for this model. The first six values of four vectors come from a
/// public test of an ONNX-based R `sbert` package that checks the official all-MiniLM-L6-v2 export
/// against SentenceTransformers (found by searching for the value 0.0634959; our own first
/// sentence agrees with the well-known `6.7657e-02, 6.3496e-02, 4.8713e-02` of the model card's
/// example). The cosines of three sentences are printed in the sentence-transformers quickstart.
#[test]
fn matches_the_published_reference_values() {
    let Some(e) = embedder("matches_the_published_reference_values") else { return };
    if !e.model_name().starts_with("all-MiniLM-L6-v2@") {
        eprintln!(
            "SKIPPED matches_the_published_reference_values: the model is {}, not all-MiniLM-L6-v2",
            e.model_name()
        );
        return;
    }
    let texts = ["This is an example sentence", "Each sentence is converted.", "", "Café déjà vu — 東京"];
    let expected: [[f32; 6]; 4] = [
        [0.06765693, 0.06349593, 0.04871314, 0.07930495, 0.03744806, 0.00265273],
        [0.07853645, 0.08856265, -0.00209270, -0.00717247, -0.01252624, 0.01881747],
        [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.05195070, 0.01029179],
        [0.05083271, 0.00967685, 0.09635572, -0.00997369, -0.01987603, 0.01692343],
    ];
    let v = e.embed(&texts).unwrap();
    let mut worst = 0f32;
    for ((t, got), want) in texts.iter().zip(&v).zip(expected) {
        let diff = max_diff(&got[..6], &want);
        worst = worst.max(diff);
        assert!(diff < 1e-3, "{t:?}: {:?} vs the published {want:?}", &got[..6]);
    }
    let v = e.embed(&["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]).unwrap();
    let got = [cosine(&v[0], &v[1]), cosine(&v[0], &v[2]), cosine(&v[1], &v[2])];
    let cosines = max_diff(&got, &[0.6660, 0.1046, 0.1411]);
    eprintln!("largest difference: {worst:e} on the first values, {cosines:e} on the cosines {got:?} (published to 4 decimals)");
    assert!(cosines < 1e-3, "{got:?} vs the published [0.6660, 0.1046, 0.1411]");
}

#[test]
fn the_model_name_says_which_model_made_a_vector() {
    let Some(e) = embedder("the_model_name_says_which_model_made_a_vector") else { return };
    let name = e.model_name();
    let folder = paths::model_dir().canonicalize().unwrap();
    let (stem, hash) = name.rsplit_once('@').unwrap();
    assert_eq!(stem, folder.file_name().unwrap().to_str().unwrap());
    assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
}

/// Roughly how long one claim takes (debug build: dependencies at opt-level 1); printed, not checked.
#[test]
fn time_to_embed_one_claim() {
    let Some(e) = embedder("time_to_embed_one_claim") else { return };
    let claim = "Unemployment fell to 4% last year, the lowest since 1969, the president said.";
    one(e, claim);
    let mut times: Vec<_> = (0..20)
        .map(|_| {
            let start = Instant::now();
            one(e, claim);
            start.elapsed()
        })
        .collect();
    times.sort();
    let batch: Vec<&str> = std::iter::repeat_n(claim, 64).collect();
    let start = Instant::now();
    e.embed(&batch).unwrap();
    eprintln!(
        "one claim: median {:.2?}, fastest {:.2?}; 64 claims in one call: {:.2?}",
        times[10],
        times[0],
        start.elapsed()
    );
}

fn assert_model_error(err: Error, dir: &Path, says: &[&str]) {
    let message = err.to_string();
    assert!(matches!(err, Error::Validation { field: "model", .. }), "{err:?}");
    assert!(message.contains(&dir.display().to_string()), "does not name the folder: {message}");
    for s in says {
        assert!(message.contains(s), "does not say {s:?}: {message}");
    }
}

#[test]
fn a_missing_or_incomplete_folder_is_a_plain_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("all-MiniLM-L6-v2");
    assert_model_error(Embedder::load(&missing).unwrap_err(), &missing, &["does not exist", "Settings → Matching model"]);

    let dir = tmp.path().join("half");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("config.json"), "{}").unwrap();
    assert_model_error(
        Embedder::load(&dir).unwrap_err(),
        &dir,
        &["incomplete", "tokenizer.json, model.safetensors missing", "Settings → Matching model"],
    );

    // All three files, but not what they should be.
    std::fs::write(dir.join("tokenizer.json"), "{}").unwrap();
    std::fs::write(dir.join("model.safetensors"), "not weights").unwrap();
    assert_model_error(
        Embedder::load(&dir).unwrap_err(),
        &dir,
        &["config.json is not a BERT configuration", "Settings → Matching model"],
    );

    let config = r#"{"vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12,
        "intermediate_size": 1536, "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "max_position_embeddings": 512,
        "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0, "model_type": "MODEL"}"#;
    std::fs::write(dir.join("config.json"), config.replace("MODEL", "xlm-roberta")).unwrap();
    assert_model_error(Embedder::load(&dir).unwrap_err(), &dir, &["“xlm-roberta” model", "only BERT"]);

    std::fs::write(dir.join("config.json"), config.replace("MODEL", "bert")).unwrap();
    std::fs::create_dir(dir.join("1_Pooling")).unwrap();
    std::fs::write(
        dir.join("1_Pooling/config.json"),
        r#"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#,
    )
    .unwrap();
    assert_model_error(Embedder::load(&dir).unwrap_err(), &dir, &["cls_token pooling", "only mean pooling"]);

    std::fs::write(dir.join("1_Pooling/config.json"), r#"{"pooling_mode_mean_tokens": true}"#).unwrap();
    assert_model_error(Embedder::load(&dir).unwrap_err(), &dir, &["tokenizer.json could not be read"]);

    // A real tokenizer (when the model is installed) gets as far as the weights.
    let installed = paths::model_dir().join("tokenizer.json");
    if installed.is_file() {
        std::fs::copy(installed, dir.join("tokenizer.json")).unwrap();
        assert_model_error(Embedder::load(&dir).unwrap_err(), &dir, &["model.safetensors could not be read"]);
    }
}

#[test]
fn the_model_folder_comes_from_factdesk_model_then_the_data_directory() {
    // Only reads the variable (changing it here would race the other tests, which load the model).
    match std::env::var_os(paths::MODEL_ENV) {
        Some(v) if !v.is_empty() => assert_eq!(paths::model_dir(), Path::new(&v)),
        _ => assert_eq!(paths::model_dir(), paths::default_model_dir()),
    }
    assert!(paths::default_model_dir().ends_with("factdesk/models/all-MiniLM-L6-v2"));
}

#[test]
fn an_embedder_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Embedder>();
}
