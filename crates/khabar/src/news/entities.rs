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

use rustc_hash::FxHashMap;

use crate::doc::{SegmentKind, Span, Structure, Token};
use crate::news::index::{DocIndex, Forms, Keys};
use crate::text::normalize::{normalize_append, NormalizeOptions};

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
    /// The name's words, search-normalised, without clitics ([`interned_word_keys`]).
    key: Vec<u32>,
}

/// Builds the document's entities from tagged mentions over `tokens` of `text`.
pub fn merge_entities(text: &str, tokens: &[Token], structure: &Structure, tagged: &[TaggedMention]) -> Vec<Entity> {
    merge_entities_indexed(&DocIndex::new(text, tokens), tokens, structure, tagged)
}

/// [`merge_entities`] with the document's index already built (over `tokens`).
pub fn merge_entities_indexed(index: &DocIndex, tokens: &[Token], structure: &Structure, tagged: &[TaggedMention]) -> Vec<Entity> {
    let (keys, key_text) = interned_word_keys(tokens, &index.forms);
    let tagged = extend_left(tokens, &propagate(tokens, &keys, &key_text, &split_people(tokens, tagged)));
    let mut mentions: Vec<Mention> = tagged.iter().filter_map(|m| mention(&index.slicer, tokens, &keys, m)).collect();
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

    // One name, one entity: a group all of whose names are also names of a larger group
    // of another type is that group's entity, typed differently where the tagger read
    // one context its own way (`«جو بايدن»` in marks, tagged as a work's title, while
    // `جو بايدن` is a person everywhere else). Names are compared whole, so `الله`
    // never joins `حزب الله`.
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by_key(|&g| groups[g].members.len());
    for &g in &by_size {
        let n = groups[g].members.len();
        if n == 0 {
            continue;
        }
        let same_names = |h: &Group| groups[g].members.iter().all(|&i| h.members.iter().any(|&j| mentions[j].key == mentions[i].key));
        let target = (0..groups.len()).filter(|&h| h != g && groups[h].label != groups[g].label && groups[h].members.len() > n && same_names(&groups[h])).max_by_key(|&h| groups[h].members.len());
        if let Some(h) = target {
            let moved = std::mem::take(&mut groups[g].members);
            groups[h].members.extend(moved);
        }
    }
    groups.retain(|g| !g.members.is_empty());

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

/// Cuts a person mention before any inner word that carries a proclitic: a name's
/// parts never do, so `بايدن لنتنياهو` or `بايدن ونتنياهو` run together by the tagger are
/// two people. (Organisation and place names may: `وزارة الخارجية والتعاون`.)
fn split_people(tokens: &[Token], tagged: &[TaggedMention]) -> Vec<TaggedMention> {
    let mut out = Vec::with_capacity(tagged.len());
    for m in tagged {
        if m.label != EntityLabel::Person || m.last >= tokens.len() {
            out.push(*m);
            continue;
        }
        let mut first = m.first;
        for (k, t) in tokens.iter().enumerate().take(m.last + 1).skip(m.first + 1) {
            if t.segments.first().is_some_and(|s| s.kind == SegmentKind::Proclitic) {
                out.push(TaggedMention { first, last: k - 1, label: m.label });
                first = k;
            }
        }
        out.push(TaggedMention { first, last: m.last, label: m.label });
    }
    out
}

/// Head nouns that belong to the name they precede: `قطاع غزة`, `حركة حماس`.
const PLACE_HEADS: &[&str] = &["قطاع", "مدينه", "محافظه", "منطقه", "ولايه", "اقليم", "جزيره", "مخيم", "بلده", "قريه", "ضاحيه"];
const ORGANISATION_HEADS: &[&str] = &["حركه", "حزب", "جماعه", "تنظيم", "جبهه"];

/// Grows mentions leftwards over words the tagger left out: a place's or
/// organisation's head noun (`قطاع` in `قطاع غزة`), and a person's first name between a
/// definite title or nisba and the surname (`الرئيس الأمريكي جو بايدن`, where `جو` is
/// also a common word). Propagation then carries the full name to other mentions.
fn extend_left(tokens: &[Token], tagged: &[TaggedMention]) -> Vec<TaggedMention> {
    let mut out: Vec<TaggedMention> = tagged.to_vec();
    let mut covered = vec![false; tokens.len()];
    for m in tagged.iter().filter(|m| m.first <= m.last && m.last < tokens.len()) {
        covered[m.first..=m.last].iter_mut().for_each(|c| *c = true);
    }
    for m in out.iter_mut() {
        if m.first == 0 || m.last >= tokens.len() || covered[m.first - 1] {
            continue;
        }
        let prev = &tokens[m.first - 1];
        let key = word_key(prev);
        let grow = match m.label {
            EntityLabel::Location => PLACE_HEADS.contains(&key.as_str()),
            EntityLabel::Organisation => ORGANISATION_HEADS.contains(&key.as_str()),
            EntityLabel::Person => {
                let bare = prev.kind == crate::doc::TokenKind::Word && !prev.segments.iter().any(|s| s.kind == SegmentKind::Article) && key.chars().count() >= 2;
                let titled = m.first >= 2 && tokens[m.first - 2].segments.iter().any(|s| s.kind == SegmentKind::Article) && !covered[m.first - 2];
                // The first name itself may carry a preposition (`لجو بايدن`), its
                // title never sits between them.
                bare && titled && m.first == m.last
            }
            EntityLabel::Misc => false,
        };
        if grow {
            m.first -= 1;
            covered[m.first] = true;
        }
    }
    out
}

/// One name, one type, everywhere in the article. The tagger decides each sentence on
/// its own and misses a name where the context is thin (`بايدن يوجه رسالة لنتنياهو`) or
/// types it differently; an article is consistent. Each name the tagger found (and the
/// surname of each person) takes the type most of its tagged occurrences have, and
/// every untagged occurrence of it becomes a mention too.
fn propagate(tokens: &[Token], keys: &[u32], key_text: &Keys, tagged: &[TaggedMention]) -> Vec<TaggedMention> {
    // Name (as key words) → votes per label, in order of first appearance.
    let mut names: Vec<(Vec<u32>, [usize; 4])> = Vec::new();
    let mut name_index: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    let mut vote = |words: Vec<u32>, label: EntityLabel| {
        if words.is_empty() || words.iter().any(|&w| key_text.text(w).chars().count() < 2) {
            return;
        }
        let slot = label_index(label);
        match name_index.get(&words) {
            Some(&i) => names[i].1[slot] += 1,
            None => {
                let mut v = [0; 4];
                v[slot] = 1;
                name_index.insert(words.clone(), names.len());
                names.push((words, v));
            }
        }
    };
    let words_of = |m: &TaggedMention| -> Vec<u32> { keys[m.first..=m.last].iter().copied().filter(|&k| k != NO_KEY).collect() };
    for m in tagged.iter().filter(|m| m.first <= m.last && m.last < tokens.len()) {
        let words = words_of(m);
        if m.label == EntityLabel::Person && words.len() > 1 {
            vote(vec![words[words.len() - 1]], m.label);
        }
        vote(words, m.label);
    }
    let label_of = |v: &[usize; 4]| LABELS[(0..4).max_by(|&a, &b| v[a].cmp(&v[b]).then(b.cmp(&a))).unwrap_or(0)];
    let mut covered = vec![false; tokens.len()];
    let mut out: Vec<TaggedMention> = Vec::with_capacity(tagged.len());
    for m in tagged.iter().filter(|m| m.first <= m.last && m.last < tokens.len()) {
        let label = name_index.get(&words_of(m)).map_or(m.label, |&i| label_of(&names[i].1));
        covered[m.first..=m.last].iter_mut().for_each(|c| *c = true);
        out.push(TaggedMention { label, ..*m });
    }
    // Longest names first, so that `جو بايدن` is found before its surname.
    names.sort_by_key(|name| std::cmp::Reverse(name.0.len()));
    // Where each key occurs: a name is looked for only where its first word is.
    let mut at: Vec<Vec<u32>> = vec![Vec::new(); key_text.len()];
    for (i, &k) in keys.iter().enumerate() {
        if let Some(list) = at.get_mut(k as usize) {
            list.push(i as u32);
        }
    }
    for (words, v) in &names {
        let n = words.len();
        for &i in &at[words[0] as usize] {
            let i = i as usize;
            if i + n > tokens.len() || (0..n).any(|k| keys[i + k] != words[k]) || covered[i..i + n].iter().any(|&c| c) {
                continue;
            }
            covered[i..i + n].iter_mut().for_each(|c| *c = true);
            out.push(TaggedMention { first: i, last: i + n - 1, label: label_of(v) });
        }
    }
    out.sort_by_key(|m| m.first);
    out
}

const LABELS: [EntityLabel; 4] = [EntityLabel::Person, EntityLabel::Location, EntityLabel::Organisation, EntityLabel::Misc];

fn label_index(l: EntityLabel) -> usize {
    LABELS.iter().position(|&x| x == l).unwrap_or(0)
}

/// The key of a token that has none (punctuation).
const NO_KEY: u32 = u32::MAX;

/// Each token's [`word_key`] as a small integer (`NO_KEY` for an empty key), and the
/// key texts by integer (see [`Keys`]).
fn interned_word_keys(tokens: &[Token], forms: &Forms) -> (Vec<u32>, Keys) {
    let mut core = String::new();
    let keys = Keys::build(tokens, forms, |t, key| push_word_key(t, &mut core, key));
    let ids = keys.ids().iter().map(|&id| if keys.text(id).is_empty() { NO_KEY } else { id }).collect();
    (ids, keys)
}

/// A token's word without clitics, search-normalised (empty for punctuation).
fn word_key(t: &Token) -> String {
    let mut key = String::new();
    push_word_key(t, &mut String::new(), &mut key);
    key
}

/// [`word_key`] into `key` (cleared first), with `core` as scratch.
fn push_word_key(t: &Token, core: &mut String, key: &mut String) {
    key.clear();
    if t.kind == crate::doc::TokenKind::Punct {
        return;
    }
    let stems = || t.segments.iter().filter(|s| s.kind == SegmentKind::Stem);
    let src = if t.segments.is_empty() {
        t.text.as_str()
    } else if stems().count() == 1 {
        stems().next().map_or("", |s| s.text.as_str())
    } else {
        core.clear();
        stems().for_each(|s| core.push_str(&s.text));
        core.as_str()
    };
    normalize_append(src, &NormalizeOptions::search(), key);
}

/// True when `short` occurs as a contiguous run of words in `long`.
fn contains(long: &[u32], short: &[u32]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// The span of the name alone, and its key.
fn mention(slicer: &crate::doc::CharSlicer, tokens: &[Token], keys: &[u32], m: &TaggedMention) -> Option<Mention> {
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
    let key: Vec<u32> = keys[m.first..=m.last].iter().copied().filter(|&k| k != NO_KEY).collect();
    if key.is_empty() {
        return None;
    }
    Some(Mention { span: Span { start, end, text: slicer.slice(start, end).to_string() }, label: m.label, key })
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

    #[test]
    fn names_run_together_are_split_propagated_and_grown() {
        use EntityLabel::*;
        let text = "قال الرئيس الأمريكي جو بايدن لنتنياهو إن حماس في غزة. وأكد بايدن أن مخيم غزة صامد.";
        let doc = Analyzer::default().analyze_text(text);
        let at = |w: &str| doc.tokens.iter().position(|t| t.text == w).unwrap();
        // The tagger found only "بايدن لنتنياهو" (as one person) and the first غزة.
        let tagged = [
            TaggedMention { first: at("بايدن"), last: at("لنتنياهو"), label: Person },
            TaggedMention { first: at("غزة"), last: at("غزة"), label: Location },
        ];
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        let find = |name: &str| ents.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in {ents:#?}"));
        // Split at the preposition; the first name joined after the nisba; the later
        // untagged بايدن found by propagation and merged.
        assert_eq!(find("جو بايدن").mentions.len(), 2);
        assert_eq!(find("نتنياهو").label, Person);
        // Propagation reaches the second غزة; the head noun مخيم joins it.
        let gaza = find("مخيم غزة");
        assert_eq!(gaza.mentions.len(), 2);
        assert!(ents.iter().all(|e| e.name != "حماس"), "untagged names are not invented");
    }

    #[test]
    fn a_name_keeps_the_type_most_of_its_mentions_have() {
        use EntityLabel::*;
        let text = "زار ميسي برشلونة. وقال ميسي إن ميسي سعيد.";
        let doc = Analyzer::default().analyze_text(text);
        let idx: Vec<usize> = doc.tokens.iter().enumerate().filter(|(_, t)| t.text == "ميسي").map(|(i, _)| i).collect();
        let tagged = [
            TaggedMention { first: idx[0], last: idx[0], label: Person },
            TaggedMention { first: idx[1], last: idx[1], label: Organisation },
            TaggedMention { first: idx[2], last: idx[2], label: Person },
        ];
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        assert_eq!(ents.len(), 1, "{ents:#?}");
        assert_eq!((ents[0].label, ents[0].mentions.len()), (Person, 3));
    }

    #[test]
    fn a_name_grown_to_a_person_elsewhere_joins_it_whatever_its_type_in_marks() {
        use EntityLabel::*;
        // The tagger took the surname alone twice (the title's first name is grown
        // afterwards) and the full name in marks once, as a title (MISC).
        let text = "قال الرئيس الأمريكي جو بايدن إن الحرب طويلة. ودعا «جو بايدن» إلى الهدوء. وأكد بايدن ذلك. وقال بايدن أيضا.";
        let doc = Analyzer::default().analyze_text(text);
        let pos: Vec<usize> = doc.tokens.iter().enumerate().filter(|(_, t)| t.text == "بايدن").map(|(i, _)| i).collect();
        let quoted = doc.tokens.iter().enumerate().filter(|(_, t)| t.text == "جو").map(|(i, _)| i).nth(1).unwrap();
        let tagged = [
            TaggedMention { first: pos[0], last: pos[0], label: Person },
            TaggedMention { first: quoted, last: quoted + 1, label: Misc },
            TaggedMention { first: pos[2], last: pos[2], label: Person },
            TaggedMention { first: pos[3], last: pos[3], label: Person },
        ];
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        assert_eq!(ents.len(), 1, "{ents:#?}");
        assert_eq!((ents[0].label, ents[0].name.as_str(), ents[0].mentions.len()), (Person, "جو بايدن", 4));
    }

    #[test]
    fn a_name_inside_another_type_of_name_stays_apart() {
        use EntityLabel::*;
        let text = "قال حزب الله إن حزب الله مستعد. الحمد لله.";
        let doc = Analyzer::default().analyze_text(text);
        let tagged = tag(&doc, &[("حزب الله", Organisation), ("لله", Misc)]);
        let ents = merge_entities(&doc.text, &doc.tokens, &doc.structure, &tagged);
        assert!(ents.iter().any(|e| e.label == Organisation && e.mentions.len() == 2), "{ents:#?}");
        assert!(ents.iter().any(|e| e.label == Misc), "{ents:#?}");
    }
}
