//! What every news stage looks up in one document, built once and shared: code-point
//! slicing of the text and an id for each distinct word form.
//!
//! Each stage derives something from a token's form (a search key, a word-list
//! membership, a lexicon rarity). Within one document a form has one normalisation and
//! one segmentation, so the derivation runs once per form; before this index each
//! stage hashed every token's text again to find its forms.

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use crate::doc::{CharSlicer, Token};

/// Built by the pipeline for a document's text and tokens; the stages' public
/// functions build one themselves when called alone.
pub struct DocIndex<'a> {
    pub slicer: CharSlicer<'a>,
    pub forms: Forms,
}

impl<'a> DocIndex<'a> {
    pub fn new(text: &'a str, tokens: &[Token]) -> Self {
        DocIndex { slicer: CharSlicer::new(text), forms: Forms::new(tokens) }
    }
}

/// Tokens grouped by their exact text: token `k` has form `of(k)`, and forms are
/// numbered in order of first occurrence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    of_token: Vec<u32>,
    first_token: Vec<u32>,
}

impl Forms {
    pub fn new(tokens: &[Token]) -> Self {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(tokens.len() / 2, Default::default());
        let mut first_token = Vec::new();
        let of_token = tokens
            .iter()
            .enumerate()
            .map(|(k, t)| {
                *ids.entry(t.text.as_str()).or_insert_with(|| {
                    first_token.push(k as u32);
                    (first_token.len() - 1) as u32
                })
            })
            .collect();
        Forms { of_token, first_token }
    }

    /// The form of token `k`.
    #[inline]
    pub fn of(&self, k: usize) -> usize {
        self.of_token[k] as usize
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        self.first_token.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first_token.is_empty()
    }

    /// The first token of each form, by form id: what a per-form value is computed from.
    pub fn first_tokens(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.first_token.iter().map(|&k| k as usize)
    }

    /// A value per token, from values per form.
    pub fn spread<T: Copy>(&self, per_form: &[T]) -> Vec<T> {
        self.of_token.iter().map(|&f| per_form[f as usize]).collect()
    }
}

/// A string key per token, made once per form by a stage's own rule (a word without
/// its clitics, normalised) and interned: tokens with equal keys share an id, whatever
/// their forms (`الوزير`, `والوزير`). Ids are numbered in order of first occurrence.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    of_token: Vec<u32>,
    /// Every distinct key, back to back; key `i` is `text[bounds[i].0..bounds[i].1]`.
    text: String,
    bounds: Vec<(u32, u32)>,
}

impl Keys {
    /// Keys of `tokens` (grouped by `forms`), `key` writing a token's key into the
    /// buffer it is given (cleared first).
    pub fn build(tokens: &[Token], forms: &Forms, mut key: impl FnMut(&Token, &mut String)) -> Self {
        // Keyed by the key's 64-bit hash, checked against the stored text: no string is
        // copied but into `text`. Two different keys of one document with one hash,
        // vanishingly rare, would make the second one new each time it is met.
        let mut ids: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(forms.len(), Default::default());
        let mut keys = Keys { of_token: Vec::new(), text: String::new(), bounds: Vec::with_capacity(forms.len()) };
        let mut buf = String::new();
        let per_form: Vec<u32> = forms
            .first_tokens()
            .map(|k| {
                buf.clear();
                key(&tokens[k], &mut buf);
                let h = rustc_hash::FxBuildHasher.hash_one(buf.as_str());
                if let Some(&id) = ids.get(&h) {
                    if keys.text(id) == buf {
                        return id;
                    }
                }
                let id = keys.bounds.len() as u32;
                let start = keys.text.len() as u32;
                keys.text.push_str(&buf);
                keys.bounds.push((start, keys.text.len() as u32));
                ids.entry(h).or_insert(id);
                id
            })
            .collect();
        keys.of_token = forms.spread(&per_form);
        keys
    }

    /// The key id of token `k`.
    #[inline]
    pub fn of(&self, k: usize) -> u32 {
        self.of_token[k]
    }

    /// Every token's key id.
    pub fn ids(&self) -> &[u32] {
        &self.of_token
    }

    /// The text of key `id`.
    #[inline]
    pub fn text(&self, id: u32) -> &str {
        let (a, b) = self.bounds[id as usize];
        &self.text[a as usize..b as usize]
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The distinct keys, by id.
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.bounds.len() as u32).map(|i| self.text(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Analyzer;

    #[test]
    fn forms_group_tokens_by_exact_text_in_order_of_first_occurrence() {
        let doc = Analyzer::default().with_tagger(None).analyze_text("قال الوزير إن الوزير قال، وقال الوزير.");
        let forms = Forms::new(&doc.tokens);
        let texts: Vec<&str> = doc.tokens.iter().map(|t| t.text.as_str()).collect();
        for (k, t) in texts.iter().enumerate() {
            let first = forms.first_tokens().nth(forms.of(k)).unwrap();
            assert_eq!(texts[first], *t);
            assert!(first <= k);
        }
        // قال، الوزير، إن، ،، وقال، . : distinct exact texts (وقال is its own form).
        let mut distinct: Vec<&str> = Vec::new();
        for t in &texts {
            if !distinct.contains(t) {
                distinct.push(t);
            }
        }
        assert_eq!(forms.len(), distinct.len());
        let order: Vec<&str> = forms.first_tokens().map(|k| texts[k]).collect();
        assert_eq!(order, distinct);
        assert_eq!(forms.spread(&(0..forms.len()).collect::<Vec<_>>()), (0..texts.len()).map(|k| forms.of(k)).collect::<Vec<_>>());
    }

    #[test]
    fn keys_are_shared_by_tokens_whose_rule_gives_the_same_text() {
        let doc = Analyzer::default().with_tagger(None).analyze_text("قال الوزير إن الوزير قال، وقال الوزير.");
        let forms = Forms::new(&doc.tokens);
        // The rule: the text without a leading و.
        let keys = Keys::build(&doc.tokens, &forms, |t, out| out.push_str(t.text.strip_prefix('و').unwrap_or(&t.text)));
        let texts: Vec<&str> = doc.tokens.iter().map(|t| t.text.as_str()).collect();
        for (a, ta) in texts.iter().enumerate() {
            assert_eq!(keys.text(keys.of(a)), ta.strip_prefix('و').unwrap_or(ta));
            for (b, tb) in texts.iter().enumerate() {
                assert_eq!(keys.of(a) == keys.of(b), ta.strip_prefix('و').unwrap_or(ta) == tb.strip_prefix('و').unwrap_or(tb), "{ta} {tb}");
            }
        }
        // قال and وقال: one key; ids in order of first occurrence.
        assert_eq!(keys.texts().collect::<Vec<_>>(), vec!["قال", "الوزير", "إن", "،", "."]);
        assert_eq!(keys.len(), 5);
    }
}
