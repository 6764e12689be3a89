//! News-specific layers over the text layer: article structure, and entities merged
//! across their mentions (later: quotes and speakers, keyphrases, summaries).

pub mod duplicates;
pub mod entities;
pub mod index;
pub mod quotes;
pub mod keyphrases;
pub mod structure;
pub mod summary;
