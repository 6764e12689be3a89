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
