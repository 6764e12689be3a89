//! Article structure: headline, sub-headings and body paragraphs.
//!
//! News text arrives as one paragraph per line. The first line is the headline when it
//! reads like one (short, no final punctuation) and the document has more than one
//! paragraph; later short lines without final punctuation that are followed by body text
//! are sub-headings; every other non-empty line is a body paragraph. Spans are trimmed of
//! surrounding whitespace and invisible controls.

use crate::doc::{span_from_bytes, CharCounter, Structure};
use crate::text::chars::{classify, CharClass};

/// Longest line (in words) still taken for a headline or sub-heading.
const MAX_HEADING_WORDS: usize = 20;

/// Finds the structure of `text`.
pub fn detect_structure(text: &str) -> Structure {
    let lines = paragraph_ranges(text);
    let mut counter = CharCounter::new(text);
    let mut s = Structure::default();
    let n = lines.len();
    for (k, &(a, b)) in lines.iter().enumerate() {
        let line = &text[a..b];
        let heading_like = looks_like_heading(line);
        let span = span_from_bytes(text, &mut counter, a, b);
        if k == 0 && n > 1 && heading_like {
            s.headline = Some(span);
        } else if k > 0 && k + 1 < n && heading_like && !looks_like_heading(&text[lines[k + 1].0..lines[k + 1].1]) {
            s.subheadings.push(span);
        } else {
            s.paragraphs.push(span);
        }
    }
    s
}

/// Non-empty lines as trimmed byte ranges.
fn paragraph_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let trimmed_start = line.find(|c: char| !is_blank(c)).map(|i| start + i);
        if let Some(a) = trimmed_start {
            let b = start + line.rfind(|c: char| !is_blank(c)).map(|i| i + line[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
            out.push((a, b));
        }
        start = end;
    }
    out
}

fn is_blank(c: char) -> bool {
    matches!(classify(c), CharClass::Space | CharClass::Control | CharClass::Joiner)
}

/// Short, and not ending like a sentence.
fn looks_like_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().rev().find(|&c| !is_blank(c));
    let ends_sentence = matches!(last, Some('.' | '!' | '?' | '؟' | '…' | '،' | ',' | ':' | '؛' | ';'));
    words > 0 && words <= MAX_HEADING_WORDS && !ends_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_subheadings_paragraphs() {
        let t = "عنوان الخبر هنا\nالفقرة الأولى طويلة بما يكفي.\nعنوان فرعي\nالفقرة الثانية.\n";
        let s = detect_structure(t);
        assert_eq!(s.headline.unwrap().text, "عنوان الخبر هنا");
        assert_eq!(s.subheadings.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(), ["عنوان فرعي"]);
        assert_eq!(s.paragraphs.len(), 2);
    }

    #[test]
    fn single_paragraph_has_no_headline() {
        let s = detect_structure("نص قصير بلا نقطة");
        assert!(s.headline.is_none());
        assert_eq!(s.paragraphs.len(), 1);
    }

    #[test]
    fn spans_are_trimmed_code_points() {
        let t = "  أ\u{200F}\n\n  ب ج.  \n";
        let s = detect_structure(t);
        let h = s.headline.unwrap();
        assert_eq!((h.start, h.end, h.text.as_str()), (2, 3, "أ"));
        assert_eq!(s.paragraphs[0].text, "ب ج.");
    }
}
