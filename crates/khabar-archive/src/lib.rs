//! The khabar archive: point khabar at a news collection, find articles again with
//! Arabic-aware search, browse who is mentioned and quoted, over HTTP or in a browser.
//!
//! - [`archive`]: the embedded tantivy index (schema, idempotent crash-safe ingestion,
//!   stored documents, near-duplicate groups by `khabar::news::duplicates`, the MinHash
//!   that `khabar analyze` uses for `near_duplicate_of`);
//! - [`analysis`]: index terms from khabar's analysis, and khabar as a tantivy tokenizer;
//! - [`search`]: query parsing, filters, ranking, snippets, facets;
//! - [`eval`]: search quality (P@10, MRR) against a plain-token baseline index;
//! - [`aggregate`]: entities and quotes across the archive;
//! - [`server`]: the JSON API and the web page.

pub mod aggregate;
pub mod analysis;
pub mod archive;
pub mod eval;
pub mod search;
pub mod server;
pub mod testkit;

pub use archive::{Archive, BatchOutcome, Ingester};
pub use search::{SearchRequest, SearchResults};
