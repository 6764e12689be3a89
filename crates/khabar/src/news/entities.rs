//! Entities merged across their mentions.
//!
//! The tagger marks mentions token by token; a reader wants the people, places and
//! organisations of the article, each once. This stage turns tagged token ranges into
//! mention spans of the name alone — the clitics glued to its first word (`لنتنياهو`,
//! `وحزب الله`) and a pronoun glued to its last are left out, the article of
//! `البيت الأبيض` is kept — and merges mentions of one entity: a mention whose words
//! (search-normalised, clitics stripped) occur in order inside a longer mention of the
//! same type is the same entity (`بايدن` in `جو بايدن`, `حماس` in `حركة حماس`, `غزة` in
//! `قطاع غزة`). The entity's `name` is its fullest mention; entities are listed by
//! salience: mentions, with a bonus for the headline and the lead paragraph.

use crate::doc::{SegmentKind, Span, Structure, Token};
use crate::text::normalize::{normalize, NormalizeOptions};

pub use crate::doc::{Entity, EntityLabel};

/// A tagged mention: tokens `first..=last` of the document, of one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedMention {
    pub first: usize,
    pub last: usize,
    pub label: EntityLabel,
}

struct Mention {
    span: Span,
    label: EntityLabel,
    /// The name's words, search-normalised, without clitics.
    key: Vec<String>,
}

/// Builds the document's entities from tagged mentions over `tokens` of `text`.
pub fn merge_entities(text: &str, tokens: &[Token], structure: &Structure, tagged: &[TaggedMention]) -> Vec<Entity> {
    let mut mentions: Vec<Mention> = tagged.iter().filter_map(|m| mention(text, tokens, m)).collect();
    mentions.sort_by_key(|m| m.span.start);

    // Longest names first, so that a short mention finds the full name it belongs to.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by(|&a, &b| mentions[b].key.len().cmp(&mentions[a].key.len()).then(mentions[a].span.start.cmp(&mentions[b].span.start)));
    struct Group {
        label: EntityLabel,
        members: Vec<usize>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for &i in &order {
        let m = &mentions[i];
        // Candidates: groups of the same type with a member containing this name.
        let mut best: Option<(usize, usize)> = None; // (group, distance to nearest earlier member)
        for (g, group) in groups.iter().enumerate() {
            if group.label != m.label || !group.members.iter().any(|&j| contains(&mentions[j].key, &m.key)) {
                continue;
            }
            // An ambiguous short name (`محمد` of two people) goes to the entity last named before it.
            let dist = group
                .members
                .iter()
                .map(|&j| if mentions[j].span.start <= m.span.start { m.span.start - mentions[j].span.start } else { usize::MAX / 2 + mentions[j].span.start })
                .min()
                .unwrap_or(usize::MAX);
            if best.is_none_or(|(_, d)| dist < d) {
                best = Some((g, dist));
            }
        }
        match best {
            Some((g, _)) => groups[g].members.push(i),
            None => groups.push(Group { label: m.label, members: vec![i] }),
        }
    }

    let headline = structure.headline.as_ref().map(|h| (h.start, h.end));
    let lead = structure.paragraphs.first().map(|p| (p.start, p.end));
    let inside = |r: Option<(usize, usize)>, s: &Span| r.is_some_and(|(a, b)| s.start >= a && s.end <= b);
    let mut scored: Vec<(f64, usize, Entity)> = groups
        .into_iter()
        .map(|g| {
            let mut members = g.members;
            members.sort_by_key(|&j| mentions[j].span.start);
            let fullest = members
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    let (ma, mb) = (&mentions[a], &mentions[b]);
                    ma.key.len().cmp(&mb.key.len()).then(mb.span.start.cmp(&ma.span.start))
                })
                .unwrap_or(members[0]);
            let spans: Vec<Span> = members.iter().map(|&j| mentions[j].span.clone()).collect();
            let score = spans.len() as f64
                + if spans.iter().any(|s| inside(headline, s)) { 2.0 } else { 0.0 }
                + if spans.iter().any(|s| inside(lead, s)) { 1.0 } else { 0.0 };
            let first = spans[0].start;
            (score, first, Entity { id: String::new(), label: g.label, name: mentions[fullest].span.text.clone(), mentions: spans })
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .enumerate()
        .map(|(k, (_, _, mut e))| {
            e.id = format!("e{}", k + 1);
            e
        })
        .collect()
}

/// True when `short` occurs as a contiguous run of words in `long`.
fn contains(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// The span of the name alone, and its key.
fn mention(text: &str, tokens: &[Token], m: &TaggedMention) -> Option<Mention> {
    if m.first > m.last || m.last >= tokens.len() {
        return None;
    }
    let first = &tokens[m.first];
    let last = &tokens[m.last];
    let start = first.segments.iter().find(|s| s.kind != SegmentKind::Proclitic).map_or(first.start, |s| s.start);
    let end = match last.segments.last() {
        Some(s) if s.kind == SegmentKind::Enclitic && s.start > start => s.start,
        _ => last.end,
    };
    if end <= start {
        return None;
    }
    let key: Vec<String> = tokens[m.first..=m.last]
        .iter()
        .filter(|t| t.kind != crate::doc::TokenKind::Punct)
        .map(|t| {
            let core: String = if t.segments.is_empty() {
                t.text.clone()
            } else {
                t.segments.iter().filter(|s| s.kind == SegmentKind::Stem).map(|s| s.text.as_str()).collect()
            };
            normalize(&core, &NormalizeOptions::search())
        })
        .filter(|k| !k.is_empty())
        .collect();
    if key.is_empty() {
        return None;
    }
    Some(Mention { span: Span { start, end, text: crate::doc::slice_chars(text, start, end).to_string() }, label: m.label, key })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    /// Tags every occurrence of each (words, label) in the document's tokens.
    fn tag(doc: &crate::Document, names: &[(&str, EntityLabel)]) -> Vec<TaggedMention> {
        let mut out = Vec::new();
        for &(name, label) in names {
            let words: Vec<&str> = name.split(' ').collect();
            for i in 0..doc.tokens.len() {
                if i + words.len() > doc.tokens.len() {
                    break;
                }
                let ok = words.iter().enumerate().all(|(k, w)| {
                    let t = &doc.tokens[i + k];
                    t.text == *w || t.segments.iter().skip_while(|s| s.kind == SegmentKind::Proclitic).map(|s| s.text.as_str()).collect::<String>() == *w
                });
                if ok {
                    out.push(TaggedMention { first: i, last: i + words.len() - 1, label });
                }
            }
        }
        // Keep the longest of overlapping matches, as a tagger would output.
        out.sort_by_key(|m| (m.first, std::cmp::Reverse(m.last)));
        let mut kept: Vec<TaggedMention> = Vec::new();
        for m in out {
            if kept.last().is_none_or(|k| m.first > k.last) {
                kept.push(m);
            }
        }
        kept
    }

    #[test]
    fn mentions_leave_clitics_out_and_merge_into_the_fullest_name() {
        use EntityLabel::*;
        let text = "بايدن لنتنياهو: ملتزمون\nقال جو بايدن إن بنيامين نتنياهو وحركة حماس في غزة. وأضاف بايدن أن حماس وقطاع غزة.";
        let doc = Analyzer::default().analyze_text(text);
        let tagged = tag(
            &doc,
            &[("جو بايدن", Person), ("بايدن", Person), ("بنيامين نتنياهو", Person), ("نتنياهو", Person), ("حركة حماس", Organisation), ("حماس", Organisation), ("قطاع غزة", Location), ("غزة", Location)],
        );
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        let find = |name: &str| ents.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in {ents:#?}"));
        let biden = find("جو بايدن");
        assert_eq!(biden.label, Person);
        assert_eq!(biden.mentions.len(), 3);
        let bibi = find("بنيامين نتنياهو");
        assert_eq!(bibi.mentions.len(), 2);
        // `لنتنياهو`: the mention is the name without the preposition.
        assert!(bibi.mentions.iter().any(|m| m.text == "نتنياهو" && crate::doc::slice_chars(text, m.start, m.end) == "نتنياهو"));
        assert_eq!(find("حركة حماس").mentions.len(), 2);
        let gaza = find("قطاع غزة");
        assert_eq!(gaza.mentions.len(), 2);
        // `وقطاع`: the conjunction is not part of the mention.
        assert!(gaza.mentions.iter().all(|m| m.text.starts_with("قطاع") || m.text == "غزة"));
        // Biden: most mentions and in the headline, so first.
        assert_eq!(ents[0].name, "جو بايدن");
        assert_eq!(ents[0].id, "e1");
        for e in &ents {
            for m in &e.mentions {
                assert_eq!(crate::doc::slice_chars(text, m.start, m.end), m.text);
            }
        }
    }

    #[test]
    fn different_types_and_different_people_stay_apart() {
        use EntityLabel::*;
        let text = "التقى محمد مرسي ومحمد بن سلمان في جدة. وقال مرسي إن جدة جميلة.";
        let doc = Analyzer::default().analyze_text(text);
        let tagged = tag(&doc, &[("محمد مرسي", Person), ("محمد بن سلمان", Person), ("مرسي", Person), ("جدة", Location)]);
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        assert_eq!(ents.iter().filter(|e| e.label == Person).count(), 2, "{ents:#?}");
        let morsi = ents.iter().find(|e| e.name == "محمد مرسي").unwrap();
        assert_eq!(morsi.mentions.len(), 2);
        assert_eq!(ents.iter().find(|e| e.name == "جدة").unwrap().mentions.len(), 2);
    }
}
