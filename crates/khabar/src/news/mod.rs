//! News-specific layers over the text layer: article structure, and entities merged
//! across their mentions (later: quotes and speakers, keyphrases, summaries).

pub mod entities;
pub mod structure;
