//! Light stemming for search, in the spirit of Larkey's Light10 and Lucene's
//! `ArabicStemmer`: clitics are removed by the segmenter (so `البانيا` keeps its letters
//! unless the lexicon says `ال` is the article), then the search-normalised stem loses
//! one common inflectional suffix when enough of it remains.

/// Suffixes removed, longest first (Light10's list, ة already folded to ه).
const SUFFIXES: [&str; 9] = ["ات", "ون", "ين", "ان", "يه", "ها", "ه", "ي", "ا"];

/// Strips one inflectional suffix from a search-normalised stem, keeping ≥ 3 letters
/// (Light10 allows 2 before `ه`; that turns `وجه` into `وج`, too lossy for search).
pub fn light_stem(stem: &str, out: &mut String) {
    out.clear();
    let n = stem.chars().count();
    for suf in SUFFIXES {
        let sl = suf.chars().count();
        let min_left = 3;
        if n >= sl + min_left && stem.ends_with(suf) {
            out.push_str(&stem[..stem.len() - suf.len()]);
            return;
        }
    }
    out.push_str(stem);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str) -> String {
        let mut o = String::new();
        light_stem(w, &mut o);
        o
    }

    #[test]
    fn strips_one_suffix_keeping_enough() {
        assert_eq!(s("مفاوضات"), "مفاوض");
        assert_eq!(s("مسلمون"), "مسلم");
        assert_eq!(s("شجره"), "شجر");
        assert_eq!(s("وجه"), "وجه");
        assert_eq!(s("امريكي"), "امريك");
        assert_eq!(s("بانيا"), "باني");
        assert_eq!(s("من"), "من");
        assert_eq!(s("ات"), "ات");
    }
}
