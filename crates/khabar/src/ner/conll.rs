//! Reading and writing `TOKEN TAG` files (the CoNLL layout of ANERcorp).
//!
//! One token a line; columns are separated by spaces or tabs; the first column is the
//! token and the last (when there are two or more) is the tag, as in CoNLL-2003 where
//! middle columns hold other annotations. ANERcorp has lines that break these rules
//! and are kept rather than rejected, because dropping or merging tokens would shift
//! every following tag: a line starting with a separator (` O`, a token lost in
//! conversion) is an empty token, and `. Oالإصابة O` is token `.` tagged `O`.
//!
//! Blank lines separate sentences. A file with no blank line at all (ANERcorp) is cut
//! into sentences after the tokens `.` `!` `?` `؟` instead, so that no "sentence" is
//! the whole corpus.
//!
//! [`Conll::lines`] remembers where the blank lines were, so that a tagged file can be
//! written back with exactly the input's layout.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{LabeledSentence, Tag};

/// What to do with the tag column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagColumn {
    /// Every token must have a valid tag (gold and training data).
    Required,
    /// Tags are read when present and valid, otherwise left out (input to tag).
    Ignored,
}

/// A token line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllToken {
    pub text: String,
    pub tag: Option<Tag>,
    /// 1-based line number in the source.
    pub line: usize,
}

/// A parsed file.
#[derive(Debug, Clone, Default)]
pub struct Conll {
    pub tokens: Vec<ConllToken>,
    /// Sentences as ranges of `tokens`.
    pub sentences: Vec<Range<usize>>,
    /// Every source line: `Some(token index)` or `None` for a blank line.
    pub lines: Vec<Option<usize>>,
}

/// An error with its place: file (when read from one) and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllError {
    pub file: Option<PathBuf>,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConllError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(p) if self.line > 0 => write!(f, "{}:{}: {}", p.display(), self.line, self.message),
            Some(p) => write!(f, "{}: {}", p.display(), self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for ConllError {}

/// Sentence-final tokens, used only when the file has no blank lines.
pub fn is_sentence_end(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "؟")
}

/// Parses CoNLL text.
pub fn parse(src: &str, tags: TagColumn) -> Result<Conll, ConllError> {
    let mut out = Conll::default();
    let mut any_blank = false;
    for (k, raw) in src.lines().enumerate() {
        let line_no = k + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            any_blank = true;
            out.lines.push(None);
            continue;
        }
        let is_sep = |c: char| c == ' ' || c == '\t';
        // A leading separator means an empty first column (see the module docs).
        let (text, rest) = match line.find(is_sep) {
            Some(p) => (&line[..p], line[p..].trim_matches(is_sep)),
            None => (line, ""),
        };
        let last = rest.rsplit(is_sep).next().unwrap_or("");
        let tag = if last.is_empty() {
            if tags == TagColumn::Required {
                return Err(ConllError { file: None, line: line_no, message: format!("no tag column in {line:?}") });
            }
            None
        } else {
            match (Tag::parse(last), tags) {
                (Some(t), _) => Some(t),
                (None, TagColumn::Ignored) => None,
                (None, TagColumn::Required) => {
                    return Err(ConllError { file: None, line: line_no, message: format!("unknown tag {last:?} (expected O, B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC or I-MISC)") })
                }
            }
        };
        out.lines.push(Some(out.tokens.len()));
        out.tokens.push(ConllToken { text: text.to_string(), tag, line: line_no });
    }
    // Sentences: blank lines when there are any, else sentence-final punctuation.
    if any_blank {
        let mut cur: Option<Range<usize>> = None;
        for l in &out.lines {
            match (l, cur.as_mut()) {
                (Some(i), Some(r)) => r.end = i + 1,
                (Some(i), None) => cur = Some(*i..i + 1),
                (None, _) => out.sentences.extend(cur.take()),
            }
        }
        out.sentences.extend(cur);
    } else {
        let mut start = 0;
        for (i, t) in out.tokens.iter().enumerate() {
            if is_sentence_end(&t.text) {
                out.sentences.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < out.tokens.len() {
            out.sentences.push(start..out.tokens.len());
        }
    }
    Ok(out)
}

/// Reads a file (`-` is stdin), naming the file in errors.
pub fn read_file(path: &Path, tags: TagColumn) -> Result<Conll, ConllError> {
    let src = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|e| ConllError { file: Some(path.to_path_buf()), line: 0, message: format!("cannot read: {e}") })?;
    parse(&src, tags).map_err(|e| ConllError { file: Some(path.to_path_buf()), ..e })
}

impl Conll {
    /// The sentences with their gold tags (tokens without a tag get `O`; with
    /// [`TagColumn::Required`] there are none).
    pub fn labeled_sentences(&self) -> Vec<LabeledSentence> {
        self.sentences
            .iter()
            .map(|r| LabeledSentence {
                tokens: self.tokens[r.clone()].iter().map(|t| t.text.clone()).collect(),
                tags: self.tokens[r.clone()].iter().map(|t| t.tag.unwrap_or(Tag::O)).collect(),
            })
            .collect()
    }

    /// Writes `TOKEN TAG` lines with `tags[i]` for token `i`, keeping the blank lines
    /// of the source where they were.
    pub fn write_tagged(&self, tags: &[Tag], out: &mut impl std::io::Write) -> std::io::Result<()> {
        for l in &self.lines {
            match l {
                Some(i) => writeln!(out, "{} {}", self.tokens[*i].text, tags.get(*i).copied().unwrap_or(Tag::O))?,
                None => writeln!(out)?,
            }
        }
        Ok(())
    }
}

/// Writes labeled sentences, one blank line after each.
pub fn write_sentences(sents: &[LabeledSentence], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for s in sents {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            writeln!(out, "{t} {g}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType::*;

    #[test]
    fn without_blank_lines_sentences_end_at_final_punctuation() {
        let c = parse("قال O\nأوباما B-PERS\n. O\nفي O\nواشنطن B-LOC\n؟ O\nذهب O\n", TagColumn::Required).unwrap();
        assert_eq!(c.sentences, vec![0..3, 3..6, 6..7]);
        assert_eq!(c.tokens[1].tag, Some(Tag::B(Pers)));
        assert_eq!(c.tokens[4].line, 5);
    }

    #[test]
    fn blank_lines_separate_sentences_and_are_kept() {
        let src = "\nقال\nأوباما\n.\n\n\nفي\tB-LOC\n";
        let c = parse(src, TagColumn::Ignored).unwrap();
        assert_eq!(c.sentences, vec![0..3, 3..4]);
        assert_eq!(c.lines, vec![None, Some(0), Some(1), Some(2), None, None, Some(3)]);
        let mut out = Vec::new();
        c.write_tagged(&[Tag::O, Tag::B(Pers), Tag::O, Tag::B(Loc)], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\nقال O\nأوباما B-PERS\n. O\n\n\nفي B-LOC\n");
    }

    #[test]
    fn anercorp_oddities_keep_token_alignment() {
        let c = parse(" O\n. Oالإصابة O\nx\tI-ORG\r\n", TagColumn::Required).unwrap();
        assert_eq!(c.tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["", ".", "x"]);
        assert_eq!(c.tokens[2].tag, Some(Tag::I(Org)));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("a O\nb B-PER\n", TagColumn::Required).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("line 2: unknown tag \"B-PER\""), "{e}");
        let e = parse("a O\nb\n", TagColumn::Required).unwrap_err();
        assert_eq!(e.line, 2);
        // The same input is fine when tags are not needed.
        assert_eq!(parse("a O\nb B-PER\n", TagColumn::Ignored).unwrap().tokens[1].tag, None);
    }
}
