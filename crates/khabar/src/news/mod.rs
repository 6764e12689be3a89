//! News-specific layers over the text layer: article structure (and, later, entities
//! merged across mentions, quotes and speakers, keyphrases and summaries).

pub mod structure;
