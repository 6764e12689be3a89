//! Index terms from khabar's own analysis, and a tantivy [`Tokenizer`] that runs it.
//!
//! Every indexable token gives two terms at the same position:
//!
//! - a **stem term** (`stem` of khabar's text layer: search-normalised, clitics and
//!   article removed by the segmenter, light-stemmed): `الشجرة`, `شجرة`, `بالشجرة` and
//!   `وشجرتهم` all give `شجر`, while `البانيا` keeps its ال (the segmenter does not split
//!   it) and so never meets `بانيا`;
//! - an **exact term**: the normalised surface form (`norm`: alef variants, ى, diacritics
//!   and tatweel folded; ة folded to ه; Latin lower-cased), used for quoted phrases.
//!
//! Punctuation and symbols give no term and take no position. Documents are indexed from
//! the tokens of their [`khabar::Document`]; queries are analysed by the same
//! [`TextAnalyzer`], so both sides agree by construction.
//!
//! ```
//! use khabar_archive::analysis::QueryAnalyzer;
//! let qa = QueryAnalyzer::default();
//! for w in ["الشجرة", "شجرة", "بالشجرة", "وشجرتهم"] {
//!     assert_eq!(qa.terms(w)[0].stem, "شجر");
//! }
//! assert_ne!(qa.terms("البانيا")[0].stem, qa.terms("بانيا")[0].stem);
//! ```

use std::cell::RefCell;
use std::sync::Arc;

use khabar::doc::{Token as DocToken, TokenKind};
use khabar::text::{TextAnalyzer, TextLayer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// One indexable token: its terms, its position among indexable tokens, and its
/// place in the text (code points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub stem: String,
    pub exact: String,
    pub start: usize,
    pub end: usize,
}

/// Whether a token kind is indexed.
pub fn indexable(kind: TokenKind) -> bool {
    !matches!(kind, TokenKind::Punct | TokenKind::Symbol)
}

/// Whether lower-casing leaves `s` as it is, known cheaply: ASCII without capitals and
/// Arabic-block letters have no case.
fn caseless(s: &str) -> bool {
    s.chars().all(|c| if c.is_ascii() { !c.is_ascii_uppercase() } else { ('\u{0600}'..='\u{06ff}').contains(&c) })
}

/// The exact term of a normalised form: ة → ه, lower case.
pub fn exact_term(norm: &str) -> String {
    let folded = if norm.contains('ة') { norm.replace('ة', "ه") } else { norm.to_string() };
    if caseless(&folded) {
        folded
    } else {
        folded.to_lowercase()
    }
}

/// The stem term of a token: its search stem, or its exact term when it has none.
pub fn stem_term(norm: &str, stem: &str) -> String {
    if stem.is_empty() {
        exact_term(norm)
    } else if caseless(stem) {
        stem.to_string()
    } else {
        stem.to_lowercase()
    }
}

/// The terms of an analysed document's tokens (or of any token list).
pub fn terms_of_tokens(tokens: &[DocToken]) -> Vec<Term> {
    tokens
        .iter()
        .filter(|t| indexable(t.kind))
        .map(|t| Term { stem: stem_term(&t.norm, &t.stem), exact: exact_term(&t.norm), start: t.start, end: t.end })
        .collect()
}

thread_local! {
    static LAYER: RefCell<TextLayer> = RefCell::new(TextLayer::default());
}

/// Analyses short texts (queries, names) into [`Term`]s with khabar's text layer.
#[derive(Clone)]
pub struct QueryAnalyzer {
    text: Arc<TextAnalyzer>,
}

impl Default for QueryAnalyzer {
    fn default() -> Self {
        QueryAnalyzer { text: Arc::new(TextAnalyzer::default_model()) }
    }
}

impl QueryAnalyzer {
    pub fn new(text: Arc<TextAnalyzer>) -> Self {
        QueryAnalyzer { text }
    }

    /// The terms of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        LAYER.with(|cell| {
            let mut layer = cell.borrow_mut();
            self.text.analyze_into(text, &mut layer);
            (0..layer.tokens.len())
                .filter(|&i| indexable(layer.tokens[i].kind))
                .map(|i| {
                    let t = &layer.tokens[i];
                    Term { stem: stem_term(layer.norm(i), layer.stem(i)), exact: exact_term(layer.norm(i)), start: t.start, end: t.end }
                })
                .collect()
        })
    }

    /// A name (entity, speaker) as one normalised key: exact terms joined by a space.
    pub fn name_key(&self, name: &str) -> String {
        self.terms(name).iter().map(|t| t.exact.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// Which term a [`KhabarTokenizer`] emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Stem,
    Exact,
}

/// khabar's analysis as a tantivy tokenizer (registered as `khabar_stem` and
/// `khabar_exact` on every archive index), usable in any tantivy schema.
#[derive(Clone)]
pub struct KhabarTokenizer {
    analyzer: QueryAnalyzer,
    kind: TermKind,
}

impl KhabarTokenizer {
    pub fn new(analyzer: QueryAnalyzer, kind: TermKind) -> Self {
        KhabarTokenizer { analyzer, kind }
    }
}

/// The token stream of a [`KhabarTokenizer`] (tokens computed up front).
pub struct KhabarTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for KhabarTokenizer {
    type TokenStream<'a> = KhabarTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KhabarTokenStream {
        let terms = self.analyzer.terms(text);
        // tantivy offsets are bytes; khabar's are code points.
        let mut byte_of = Vec::with_capacity(text.len() + 1);
        for (b, _) in text.char_indices() {
            byte_of.push(b);
        }
        byte_of.push(text.len());
        let tokens = terms
            .into_iter()
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: byte_of[t.start.min(byte_of.len() - 1)],
                offset_to: byte_of[t.end.min(byte_of.len() - 1)],
                position,
                text: if self.kind == TermKind::Stem { t.stem } else { t.exact },
                position_length: 1,
            })
            .collect();
        KhabarTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for KhabarTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Very frequent function words left out of unquoted queries (they stay in the index,
/// so quoted phrases still match them). Given as exact terms.
pub const STOPWORDS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "ان", "او", "ما", "لا", "لم", "لن", "قد", "و", "ثم", "هذا", "هذه", "ذلك", "تلك",
    "التي", "الذي", "الذين", "كان", "كانت", "مع", "بين", "بعد", "قبل", "عند", "حتي", "هو", "هي", "هم", "كل", "الا",
    "اذا", "منذ", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "به", "بها", "له", "لها", "the", "of", "and", "a", "in",
];

pub fn is_stopword(exact: &str) -> bool {
    STOPWORDS.contains(&exact)
}
