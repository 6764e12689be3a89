//! # khabar — Arabic news analysis
//!
//! khabar reads Arabic news and tells what is in it. This crate holds the whole
//! pipeline; the `khabar` command-line tool is a thin front-end over it.
//!
//! - [`doc`]: the document model (spans with code-point offsets); its JSON form is the
//!   schema `khabar.document/1`.
//! - [`text`]: normalisation, tokenisation, sentences, clitic segmentation, stemming.
//! - [`news`]: article structure.
//! - [`corpus`]: readers for txt, JSON, JSONL, zip and stdin.
//! - [`eval`]: scoring against gold data.
//!
//! ```
//! let analyzer = khabar::Analyzer::default();
//! let doc = analyzer.analyze_text("قال بايدن لنتنياهو: نحن ملتزمون.");
//! let t = &doc.tokens[2];
//! assert_eq!(t.text, "لنتنياهو");
//! assert_eq!(t.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["ل", "نتنياهو"]);
//! ```

pub mod corpus;
pub mod doc;
pub mod eval;
pub mod hash;
pub mod models;
pub mod ner;
pub mod news;
pub mod pipeline;
pub mod text;

pub use doc::{Document, InputDoc, Segment, SegmentKind, Span, Token, TokenKind};
pub use pipeline::Analyzer;
