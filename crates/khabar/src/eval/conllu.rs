//! Reading CoNLL-U gold data (UD Arabic-PUD) as sentences with code-point spans of
//! their syntactic words.
//!
//! PUD writes a surface word split into syntactic words as consecutive rows joined by
//! `SpaceAfter=No` (`ل` + `أوباما`); concatenating the rows with a space where
//! `SpaceAfter=No` is absent gives back the sentence's `# text`, so each row has an
//! exact span in it.

use std::fmt;

/// One sentence: its text and the spans (code points) of its syntactic words.
#[derive(Debug, Clone)]
pub struct GoldSentence {
    pub id: String,
    pub text: String,
    /// `(start, end, form)` per syntactic word, in order.
    pub words: Vec<(usize, usize, String)>,
}

#[derive(Debug)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parses CoNLL-U text. Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are skipped:
/// PUD marks splits with `SpaceAfter=No` instead.
pub fn parse_conllu(src: &str) -> Result<Vec<GoldSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut id = String::new();
    let mut text: Option<String> = None;
    let mut rows: Vec<(String, bool)> = Vec::new();
    let mut start_line = 0;
    let mut flush = |id: &mut String, text: &mut Option<String>, rows: &mut Vec<(String, bool)>, line: usize| -> Result<(), ConlluError> {
        if rows.is_empty() {
            return Ok(());
        }
        let t = match text.take() {
            Some(t) => t,
            None => rows.iter().map(|(f, sa)| format!("{f}{}", if *sa { "" } else { " " })).collect::<String>().trim_end().to_string(),
        };
        let chars: Vec<char> = t.chars().collect();
        let mut pos = 0;
        let mut words = Vec::new();
        for (form, _) in rows.iter() {
            while pos < chars.len() && chars[pos].is_whitespace() {
                pos += 1;
            }
            let fc: Vec<char> = form.chars().collect();
            if chars.get(pos..pos + fc.len()) != Some(&fc[..]) {
                return Err(ConlluError { line, message: format!("word {form:?} does not match the sentence text at code point {pos}") });
            }
            words.push((pos, pos + fc.len(), form.clone()));
            pos += fc.len();
        }
        out.push(GoldSentence { id: std::mem::take(id), text: t, words });
        rows.clear();
        Ok(())
    };
    for (n, line) in src.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            flush(&mut id, &mut text, &mut rows, start_line)?;
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix("sent_id = ") {
                id = v.to_string();
                start_line = line_no;
            } else if let Some(v) = rest.strip_prefix("text = ") {
                text = Some(v.to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError { line: line_no, message: format!("expected 10 tab-separated columns, found {}", cols.len()) });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let space_after_no = cols[9].split('|').any(|m| m == "SpaceAfter=No");
        rows.push((cols[1].to_string(), space_after_no));
    }
    flush(&mut id, &mut text, &mut rows, start_line)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_space_after() {
        let src = "# sent_id = s1\n# text = قال لأوباما.\n1\tقال\t_\t_\t_\t_\t0\troot\t_\t_\n2\tل\t_\t_\t_\t_\t3\tcase\t_\tSpaceAfter=No\n3\tأوباما\t_\t_\t_\t_\t1\tobl\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n";
        let s = parse_conllu(src).unwrap();
        assert_eq!(s.len(), 1);
        let spans: Vec<_> = s[0].words.iter().map(|w| (w.0, w.1)).collect();
        assert_eq!(spans, vec![(0, 3), (4, 5), (5, 11), (11, 12)]);
    }

    #[test]
    fn mismatch_is_an_error_with_a_line() {
        let src = "# sent_id = s1\n# text = قال\n1\tكتب\t_\t_\t_\t_\t0\troot\t_\t_\n\n";
        assert!(parse_conllu(src).is_err());
    }
}
