//! The models built into the library: produced by `khabar train …` from
//! `../shared/data`, committed under `models/`, and embedded in the binary so that
//! nothing is read or downloaded at run time.

use crate::text::lexicon::Lexicon;
use crate::text::segment::{Segmenter, SegmenterModel};
use std::sync::{Arc, OnceLock};

/// Word-frequency lexicon of SaudiNewsNet (`khabar train lexicon`).
pub static LEXICON_FST: &[u8] = include_bytes!("../../../models/lexicon.fst");
/// Segmentation weights (`khabar train segmenter`).
pub static SEGMENTER_JSON: &[u8] = include_bytes!("../../../models/segmenter.json");

/// The embedded lexicon, parsed once per process. An empty or unreadable file gives an
/// empty lexicon (the segmenter then falls back on its clitic grammar and weights).
pub fn default_lexicon() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEX.get_or_init(|| {
        Arc::new(if LEXICON_FST.is_empty() { Lexicon::default() } else { Lexicon::from_fst_bytes(LEXICON_FST).unwrap_or_default() })
    })
    .clone()
}

/// The embedded segmentation model.
pub fn default_segmenter_model() -> SegmenterModel {
    SegmenterModel::from_json(SEGMENTER_JSON).unwrap_or_default()
}

/// A segmenter over the embedded lexicon and model.
pub fn default_segmenter() -> Segmenter {
    Segmenter::new(default_lexicon(), default_segmenter_model())
}

/// Named-entity tagger weights and gazetteers (`khabar train ner`).
pub static NER_BIN: &[u8] = include_bytes!("../../../models/ner.bin");

/// The embedded named-entity tagger, parsed once per process. An empty or unreadable
/// file gives a tagger that finds nothing (every token `O`), like the lexicon above, so
/// that the model can be rebuilt by a binary compiled without one.
pub fn default_tagger() -> &'static crate::ner::Tagger {
    static TAGGER: OnceLock<crate::ner::Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        let model = if NER_BIN.is_empty() { Default::default() } else { crate::ner::Model::from_bytes(NER_BIN).unwrap_or_default() };
        crate::ner::Tagger::new(model, default_segmenter())
    })
}
