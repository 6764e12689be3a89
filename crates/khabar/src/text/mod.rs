//! The Arabic text layer: normalisation, tokenisation, sentences, clitic segmentation
//! and light stemming.
//!
//! [`TextAnalyzer::analyze_into`] runs all of it over one text into a reusable
//! [`TextLayer`] (offsets and ranges into shared buffers, no allocation per token once
//! warm); [`TextLayer`] is turned into the owned [`crate::doc`] types only when a
//! [`crate::Document`] is built.
//!
//! ```
//! let analyzer = khabar::text::TextAnalyzer::default_model();
//! let mut layer = khabar::text::TextLayer::default();
//! let text = "وبالوكالة قال";
//! analyzer.analyze_into(text, &mut layer);
//! let segs: Vec<&str> = layer.segments(0).iter().map(|s| &text[s.start_byte..s.end_byte]).collect();
//! assert_eq!(segs, ["و", "ب", "ال", "وكالة"]);
//! ```

pub mod chars;
pub mod lexicon;
pub mod normalize;
pub mod segment;
pub mod sentences;
pub mod stem;
pub mod tokenize;

use crate::doc::{SegmentKind, TokenKind};
use crate::models;
use normalize::{normalize_into, NormalizeOptions};
use segment::{Pattern, Segmenter};
use tokenize::RawToken;

/// A token of a [`TextLayer`]: offsets in bytes and code points, and ranges into the
/// layer's shared buffers.
#[derive(Debug, Clone, Copy)]
pub struct TokenInfo {
    pub start_byte: usize,
    pub end_byte: usize,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The segmentation chosen for an Arabic word, over its default normalisation
    /// (`None` for other tokens): later stages reuse the document-aware decision.
    pub pattern: Option<Pattern>,
    norm: (u32, u32),
    segs: (u32, u32),
    stem: (u32, u32),
}

/// A clitic segment of a token, in bytes and code points of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentInfo {
    pub start_byte: usize,
    pub end_byte: usize,
    pub start: usize,
    pub end: usize,
    pub kind: SegmentKind,
}

/// The output of the text layer for one text. Reuse one per thread to avoid allocation.
#[derive(Debug, Default)]
pub struct TextLayer {
    pub tokens: Vec<TokenInfo>,
    /// Sentences as byte ranges.
    pub sentences: Vec<(usize, usize)>,
    norm_buf: String,
    stem_buf: String,
    segs: Vec<SegmentInfo>,
    raw: Vec<RawToken>,
    // scratch
    seg_norm: String,
    seg_align: Vec<u32>,
    tmp: String,
    tmp2: String,
    cache: segment::SegmentCache,
    doc_counts: segment::DocCounts,
}

impl TextLayer {
    pub fn norm(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].norm;
        &self.norm_buf[a as usize..b as usize]
    }

    pub fn stem(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].stem;
        &self.stem_buf[a as usize..b as usize]
    }

    pub fn segments(&self, i: usize) -> &[SegmentInfo] {
        let (a, b) = self.tokens[i].segs;
        &self.segs[a as usize..b as usize]
    }

    fn clear(&mut self) {
        self.tokens.clear();
        self.sentences.clear();
        self.norm_buf.clear();
        self.stem_buf.clear();
        self.segs.clear();
        self.raw.clear();
    }
}

/// Configuration of the text layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Foldings applied to each token's `norm`.
    pub normalize: NormalizeOptions,
}

/// Runs the text layer. Cheap to share between threads (`&TextAnalyzer` is `Sync`).
pub struct TextAnalyzer {
    segmenter: Segmenter,
    options: TextOptions,
}

impl TextAnalyzer {
    pub fn new(segmenter: Segmenter, options: TextOptions) -> Self {
        TextAnalyzer { segmenter, options }
    }

    /// The analyzer with the lexicon and segmentation model built into the binary.
    pub fn default_model() -> Self {
        Self::new(models::default_segmenter(), TextOptions::default())
    }

    pub fn with_options(mut self, options: TextOptions) -> Self {
        self.options = options;
        self
    }

    pub fn options(&self) -> &TextOptions {
        &self.options
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Analyses `text` into `out` (cleared first).
    ///
    /// Two passes: the first tokenises and normalises, counting the document's word
    /// forms; the second segments and stems, so that a rare name the article repeats is
    /// segmented with the article's own evidence (see [`Segmenter::segment_in_doc`]).
    pub fn analyze_into(&self, text: &str, out: &mut TextLayer) {
        out.clear();
        let mut raw = std::mem::take(&mut out.raw);
        tokenize::tokenize_into(text, &mut raw);
        out.tokens.reserve(raw.len());
        let default_norm = self.options.normalize == NormalizeOptions::default();
        let bytes = text.as_bytes();
        let mut chars_before = 0usize;
        let mut last_byte = 0usize;
        out.doc_counts.clear();
        for t in &raw {
            chars_before += count_chars(&bytes[last_byte..t.start]);
            let start = chars_before;
            let tok = &text[t.start..t.end];
            let end = start + count_chars(tok.as_bytes());
            chars_before = end;
            last_byte = t.end;
            let n0 = out.norm_buf.len();
            normalize::normalize_append(tok, &self.options.normalize, &mut out.norm_buf);
            let n1 = out.norm_buf.len();
            if default_norm && t.kind == TokenKind::Word {
                out.doc_counts.add(&out.norm_buf[n0..n1]);
            }
            out.tokens.push(TokenInfo { start_byte: t.start, end_byte: t.end, start, end, kind: t.kind, pattern: None, norm: (n0 as u32, n1 as u32), segs: (0, 0), stem: (0, 0) });
        }
        for (k, r) in raw.iter().enumerate().take(out.tokens.len()) {
            let t = out.tokens[k];
            let tok = &text[t.start_byte..t.end_byte];
            let (n0, n1) = (t.norm.0 as usize, t.norm.1 as usize);
            let s0 = out.segs.len();
            let st0 = out.stem_buf.len();
            match t.kind {
                TokenKind::Word if r.arabic => {
                    // Segmentation always works on the default normalisation, which is what
                    // the lexicon was counted with.
                    if !default_norm {
                        out.seg_norm.clear();
                        normalize::normalize_append(tok, &NormalizeOptions::default(), &mut out.seg_norm);
                    }
                    let seg_norm: &str = if default_norm { &out.norm_buf[n0..n1] } else { &out.seg_norm };
                    let pattern = if seg_norm.is_empty() {
                        Pattern::whole(0)
                    } else {
                        self.segmenter.segment_in_doc(seg_norm, &out.doc_counts, &mut out.cache)
                    };
                    out.tokens[k].pattern = (!seg_norm.is_empty()).then_some(pattern);
                    if pattern.is_whole() {
                        out.segs.push(SegmentInfo {
                            start_byte: t.start_byte,
                            end_byte: t.end_byte,
                            start: t.start,
                            end: t.end,
                            kind: SegmentKind::Stem,
                        });
                    } else {
                        // The alignment is only needed to place inner boundaries.
                        out.seg_align.clear();
                        out.tmp.clear();
                        normalize_into(tok, &NormalizeOptions::default(), &mut out.tmp, &mut out.seg_align);
                        push_segments(tok, t.start_byte, t.start, t.end - t.start, &out.seg_align, &pattern, &mut out.segs);
                    }
                    // Stem: the stem segment, search-normalised, light-stemmed.
                    out.tmp.clear();
                    // A whole word is all stem (its one part may be longer than a part can say).
                    let (skip, take) = if pattern.is_whole() { (0, usize::MAX) } else { stem_range(&pattern) };
                    out.tmp.extend(seg_norm.chars().skip(skip).take(take).map(|c| if c == 'ة' { 'ه' } else { c }));
                    // A pronoun suffix turned ة into ت (شجرتهم): give the stem back its ة
                    // (folded to ه) when the lexicon knows that form better.
                    let has_enclitic = pattern.parts().any(|(_, k)| k == SegmentKind::Enclitic);
                    if has_enclitic && out.tmp.ends_with('ت') {
                        let lex = self.segmenter.lexicon();
                        let t_count = lex.count(&out.tmp);
                        out.tmp.pop();
                        out.tmp.push('ة');
                        let teh_count = lex.count(&out.tmp);
                        out.tmp.pop();
                        out.tmp.push(if teh_count > t_count { 'ه' } else { 'ت' });
                    }
                    if segment::is_fused_al(seg_norm) {
                        out.tmp2.clear();
                        out.tmp2.push_str(&out.tmp);
                    } else {
                        stem::light_stem(&out.tmp, &mut out.tmp2);
                    }
                    out.stem_buf.push_str(&out.tmp2);
                }
                TokenKind::Latin | TokenKind::Url | TokenKind::Email | TokenKind::Hashtag | TokenKind::Mention | TokenKind::Word => {
                    for c in out.norm_buf[n0..n1].chars() {
                        out.stem_buf.extend(c.to_lowercase());
                    }
                }
                _ => out.stem_buf.push_str(&out.norm_buf[n0..n1]),
            }
            let tk = &mut out.tokens[k];
            tk.segs = (s0 as u32, out.segs.len() as u32);
            tk.stem = (st0 as u32, out.stem_buf.len() as u32);
        }
        out.sentences = sentences::split_sentences(text, &raw);
        out.raw = raw;
    }
}

/// Where the stem part of a pattern lies: (letters before it, its length).
fn stem_range(pattern: &Pattern) -> (usize, usize) {
    let mut pos = 0;
    for (len, kind) in pattern.parts() {
        if kind == SegmentKind::Stem {
            return (pos, len);
        }
        pos += len;
    }
    (0, 0)
}

#[inline]
fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// Turns a pattern over the normalised word into segments of the original token that
/// tile it exactly. `align[i]` is the token-relative code-point offset of the source of
/// normalised char `i`. A boundary falls at the source of the first char after it, so
/// marks and tatweels stay with the letter before them. When two boundaries fall on one
/// source character (a presentation-form ligature such as ﳢ = به holds both clitic and
/// stem) the pattern cannot be shown on the text, and the token is one stem segment.
fn push_segments(tok: &str, tok_byte: usize, tok_char: usize, tok_len: usize, align: &[u32], pattern: &Pattern, out: &mut Vec<SegmentInfo>) {
    let n_parts = pattern.parts().count();
    let mut ends = [0usize; segment::MAX_PARTS];
    let mut pos = 0usize;
    let mut prev = 0usize;
    let mut ok = true;
    for (k, (l, _)) in pattern.parts().enumerate() {
        pos += l;
        let end = if k + 1 == n_parts { tok_len } else { align.get(pos).map_or(tok_len, |&a| a as usize) };
        ok &= end > prev && end <= tok_len;
        ends[k] = end;
        prev = end;
    }
    if !ok || n_parts == 0 {
        out.push(SegmentInfo { start_byte: tok_byte, end_byte: tok_byte + tok.len(), start: tok_char, end: tok_char + tok_len, kind: SegmentKind::Stem });
        return;
    }
    // Code-point offsets → byte offsets, walking the token once.
    let mut bytes = tok.char_indices().map(|(b, _)| b).chain(std::iter::once(tok.len()));
    let mut at = 0usize; // code point that `bytes` will yield next
    let mut byte_at = |c: usize| -> usize {
        let b = bytes.nth(c - at).unwrap_or(tok.len());
        at = c + 1;
        b
    };
    let mut start_c = 0usize;
    let mut start_b = byte_at(0);
    for (k, (_, kind)) in pattern.parts().enumerate() {
        let end_c = ends[k];
        let end_b = byte_at(end_c);
        out.push(SegmentInfo { start_byte: tok_byte + start_b, end_byte: tok_byte + end_b, start: tok_char + start_c, end: tok_char + end_c, kind });
        start_c = end_c;
        start_b = end_b;
    }
}
