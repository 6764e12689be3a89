//! Sentence splitting over tokens.
//!
//! A sentence ends at a final mark (`.` `!` `?` `؟` `…`) standing as its own token, and
//! takes with it the closing quotes and brackets that follow. It also ends at every
//! paragraph break. Inside an open quotation a final mark does not end the sentence
//! (the quote is reported as one unit), unless the quote has run on for so long that it
//! was probably never closed. Abbreviations (`أ.ف.ب`, `U.S.`) are single tokens, so their
//! dots never reach this stage.

use super::chars::{closing_quote_for, is_closing, is_sentence_final};
use super::tokenize::RawToken;
use crate::doc::TokenKind;

/// Tokens after which an unclosed quote is given up on.
const MAX_QUOTE_TOKENS: usize = 120;

/// Returns sentences as byte ranges `[start, end)` of `text`, each from its first token to
/// its last, in order and non-overlapping.
pub fn split_sentences(text: &str, tokens: &[RawToken]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // index of first token of the current sentence
    let mut open_quote: Option<(char, usize)> = None; // (closing char, token index opened)
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // A paragraph break between the previous token and this one ends the sentence.
        if let Some(s) = start {
            if i > s && bytes[tokens[i - 1].end..t.start].contains(&b'\n') {
                out.push((tokens[s].start, tokens[i - 1].end));
                start = None;
                open_quote = None;
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        let s = start.unwrap_or(i);
        let tok = &text[t.start..t.end];
        let first = tok.chars().next().unwrap_or(' ');
        if t.kind == TokenKind::Punct {
            match open_quote {
                Some((close, _)) if first == close => open_quote = None,
                None => {
                    if let Some(close) = closing_quote_for(first) {
                        // A straight quote glued to the word before it closes a quote whose
                        // opening mark is missing: it opens nothing.
                        let glued = t.start > 0 && !text[..t.start].ends_with(|c: char| c.is_whitespace() || "(:«[".contains(c));
                        if first != '"' || !glued {
                            open_quote = Some((close, i));
                        }
                    }
                }
                _ => {}
            }
            // (An open quote also gives way at a paragraph break written as a run of
            // spaces after the final mark, `… المنع . \u{a0} وأكد`, as some outlets
            // separate paragraphs: unclosed words end with their paragraph.)
            let quote_ok = match open_quote {
                None => true,
                Some((_, at)) => i - at > MAX_QUOTE_TOKENS || tokens.get(i + 1).is_some_and(|n| paragraph_gap(&text[t.end..n.start])),
            };
            if is_sentence_final(first) && quote_ok && !is_initial(text, tokens, i) {
                let j = absorb_closing(text, tokens, i + 1);
                out.push((tokens[s].start, tokens[j - 1].end));
                start = None;
                open_quote = None;
                i = j;
                continue;
            }
            // A final mark inside a quote that is closed right after it: `."` ends both.
            if is_sentence_final(first) && open_quote.is_some() {
                if let Some(n) = tokens.get(i + 1) {
                    let c = text[n.start..].chars().next().unwrap_or(' ');
                    if Some(c) == open_quote.map(|q| q.0) && n.start == t.end {
                        open_quote = None;
                        let j = absorb_closing(text, tokens, i + 2);
                        out.push((tokens[s].start, tokens[j - 1].end));
                        start = None;
                        i = j;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        if s < tokens.len() {
            out.push((tokens[s].start, tokens[tokens.len() - 1].end));
        }
    }
    out
}

/// A run of spaces that separates paragraphs where an outlet writes no line break: three
/// or more, or two with a no-break space among them (`. \u{a0} `). Shared with the
/// quote stage.
pub fn paragraph_gap(gap: &str) -> bool {
    let mut run = 0;
    let mut no_break = false;
    for c in gap.chars() {
        if c.is_whitespace() {
            run += 1;
            no_break |= c == '\u{a0}';
            if run >= 3 || (run >= 2 && no_break) {
                return true;
            }
        } else {
            run = 0;
            no_break = false;
        }
    }
    false
}

/// Whether the `.` at token `i` ends no sentence ([`dot_continues`]).
fn is_initial(text: &str, tokens: &[RawToken], i: usize) -> bool {
    let view = |j: usize| {
        tokens.get(j).map(|t| DotToken {
            text: &text[t.start..t.end],
            kind: t.kind,
            glued: j > 0 && touches(&text[tokens[j - 1].end..t.start]),
            new_line: j > 0 && text[tokens[j - 1].end..t.start].contains('\n'),
        })
    };
    dot_continues(i, view)
}

/// Whether `gap`, the text between two tokens, lets them touch: empty, or only
/// direction marks (`4.\u{200F}436`: some outlets type one after a decimal point).
pub fn touches(gap: &str) -> bool {
    gap.chars().all(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}'))
}

/// What [`dot_continues`] needs to know of a token.
pub struct DotToken<'a> {
    pub text: &'a str,
    pub kind: TokenKind,
    /// It touches the token before it (no space between).
    pub glued: bool,
    /// A line break stands between it and the token before it.
    pub new_line: bool,
}

/// Whether the `.` at token `i` abbreviates and the sentence goes on (on the same line,
/// with a word): the initial of a title (`د. فيصل`, `م. خالد`: one letter glued to the
/// dot), or a letter of a spelt-out name (`سي. إن. إن. الأمريكية`, `(جي. بي. إس.)`: a
/// run of two or more words of one or two letters, each glued to its dot; the last may
/// also be followed by a closing bracket; with no space after the dot, the word before
/// it may have three: `إتش.إس.بي.سي`). One-letter abbreviations written without spaces
/// (`أ.ف.ب`) are single tokens and never get here. Shared with the quote stage, which
/// must not stop at these dots either; `token(j)` is `None` past the end.
pub fn dot_continues<'a>(i: usize, token: impl Fn(usize) -> Option<DotToken<'a>>) -> bool {
    let is_dot = |j: usize| token(j).is_some_and(|t| t.kind == TokenKind::Punct && t.text == "." && t.glued);
    let word_before = |j: usize, max_letters: usize| {
        j > 0 && token(j - 1).is_some_and(|w| w.kind == TokenKind::Word && (1..=max_letters).contains(&w.text.chars().count()) && w.text.chars().all(|c| c.is_alphabetic() || ('\u{064B}'..='\u{0652}').contains(&c)))
    };
    let Some(next) = token(i + 1) else {
        return false;
    };
    if !is_dot(i) || next.new_line {
        return false;
    }
    let title = word_before(i, 1) && token(i - 1).is_some_and(|w| w.text.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))) && next.kind == TokenKind::Word;
    // a dotted short word before (…`إن.` `إن.`) or after (`سي.` `إن.`…) this one
    let letters = if next.glued { 3 } else { 2 };
    let in_run = word_before(i, letters) && ((i >= 2 && is_dot(i - 2) && word_before(i - 2, letters)) || (is_dot(i + 2) && word_before(i + 2, letters)));
    let goes_on = next.kind == TokenKind::Word || (next.text == ")" && next.glued);
    // A decimal point the tokeniser could not keep inside its number (`4.\u{200F}436`).
    let decimal = i > 0 && is_dot(i) && next.glued && next.kind == TokenKind::Number && token(i - 1).is_some_and(|t| t.kind == TokenKind::Number);
    title || (in_run && goes_on) || decimal
}

/// Index after the closing quotes, brackets and further final marks glued to the
/// sentence end, starting at token `j`.
fn absorb_closing(text: &str, tokens: &[RawToken], mut j: usize) -> usize {
    while j < tokens.len() && tokens[j].kind == TokenKind::Punct && tokens[j].start == tokens[j - 1].end {
        let c = text[tokens[j].start..].chars().next().unwrap_or(' ');
        if is_closing(c) || is_sentence_final(c) {
            j += 1;
        } else {
            break;
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn split(s: &str) -> Vec<&str> {
        let t = tokenize(s);
        split_sentences(s, &t).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn splits_on_final_marks_and_paragraphs() {
        assert_eq!(split("جاء زيد. ذهب عمرو؟ نعم!"), vec!["جاء زيد.", "ذهب عمرو؟", "نعم!"]);
        assert_eq!(split("عنوان بلا نقطة\nفقرة أولى."), vec!["عنوان بلا نقطة", "فقرة أولى."]);
    }

    #[test]
    fn keeps_quotes_together_and_takes_closing_marks() {
        assert_eq!(
            split("قال: «هذا أمر. وذلك آخر.» ثم غادر."),
            vec!["قال: «هذا أمر. وذلك آخر.»", "ثم غادر."]
        );
        assert_eq!(split("قال \"نعم.\" ثم مضى."), vec!["قال \"نعم.\"", "ثم مضى."]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(split("نقلت أ.ف.ب عن مصدر. وقال"), vec!["نقلت أ.ف.ب عن مصدر.", "وقال"]);
        assert_eq!(split("3.5 مليار."), vec!["3.5 مليار."]);
        // A direction mark after a decimal point splits the number, not the sentence;
        // after a year that ends its sentence it changes nothing.
        assert_eq!(split("بلغت 4.\u{200F}436 مليار دولار. ثم"), vec!["بلغت 4.\u{200F}436 مليار دولار.", "ثم"]);
        assert_eq!(split("في عام 2015.\u{200F} 12 قتيلا"), vec!["في عام 2015.", "12 قتيلا"]);
        // A one-letter title (`د.` for doctor) does not end the sentence; a one-letter
        // word before a line break still ends one.
        assert_eq!(split("وقال د. فيصل الخيل إن الأمر انتهى. ثم غادر."), vec!["وقال د. فيصل الخيل إن الأمر انتهى.", "ثم غادر."]);
        assert_eq!(split("انتهى العام ب.\nثم غادر."), vec!["انتهى العام ب.", "ثم غادر."]);
        assert_eq!(split("قال د.\nفيصل"), vec!["قال د.", "فيصل"]);
        // Spelt-out letters (`سي. إن. إن.`) go on; one short word before a dot does not.
        assert_eq!(
            split("قال لشبكة سي. إن. إن. الأمريكية إن النظام (جي. بي. إس.) يعمل. ثم غادر."),
            vec!["قال لشبكة سي. إن. إن. الأمريكية إن النظام (جي. بي. إس.) يعمل.", "ثم غادر."]
        );
        assert_eq!(split("لم يرد عليه. ثم غادر."), vec!["لم يرد عليه.", "ثم غادر."]);
        assert_eq!(split("قال سي. إن. إن.\nثم غادر."), vec!["قال سي. إن. إن.", "ثم غادر."]);
        // Written without spaces, a letter name may have three letters.
        assert_eq!(split("في بنوك إتش.إس.بي.سي وستاندرد. ثم غادر."), vec!["في بنوك إتش.إس.بي.سي وستاندرد.", "ثم غادر."]);
    }

    #[test]
    fn unclosed_quote_is_given_up() {
        let long = format!("قال «{}", "كلمة. ".repeat(200));
        assert!(split(&long).len() > 1);
    }

    #[test]
    fn an_unclosed_quote_ends_with_a_paragraph_written_as_spaces() {
        // `. \u{a0} ` after the final mark: a paragraph break without a line break.
        let text = "وأضاف: \"تم رصد 250 عاملاً في المنشآت . \u{a0} وأكد المدير أن الجولات مستمرة.";
        assert_eq!(split(text), ["وأضاف: \"تم رصد 250 عاملاً في المنشآت .", "وأكد المدير أن الجولات مستمرة."]);
        // One space is no paragraph break: the quote still holds its sentences together.
        let text = "وقال: \"تم رصد العمال. وأكد المدير أن الجولات مستمرة.";
        assert_eq!(split(text).len(), 1);
        assert!(paragraph_gap(" \u{a0} ") && paragraph_gap("   ") && !paragraph_gap(" ") && !paragraph_gap("\u{a0}"));
    }
}
