//! Searching the archive: query parsing, filters, ranking, grouping of near-duplicates,
//! snippets with highlighted matches, and facets.
//!
//! A query is words and quoted phrases. Words are analysed like the documents (stem
//! terms) and must all match (when that finds nothing, any may match); each is looked
//! up in the body and, boosted, in the title. A phrase in `"…"`, `«…»` or `“…”` must match
//! its exact (normalised) words in order. Frequent function words are dropped from
//! unquoted words. Ranking is tantivy's BM25 with the title boost.

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use crate::analysis::{is_stopword, QueryAnalyzer};
use crate::archive::{parse_day, Archive, Fields};

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.0;
/// Hits whose entities and sources are counted for the facets.
pub const FACET_DEPTH: usize = 100;
/// The longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub entity: Option<String>,
    pub source: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    pub speaker: Option<String>,
    pub limit: usize,
    pub offset: usize,
    /// Count entity and source facets over the best hits.
    pub facets: bool,
}

/// A piece of a snippet or title; `hit` pieces match the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

/// Another article of the same near-duplicate group among the hits.
#[derive(Debug, Clone, Serialize)]
pub struct GroupMember {
    pub id: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub title_fragments: Vec<Fragment>,
    pub snippet: Vec<Fragment>,
    /// The snippet as HTML, matches in `<mark>`.
    pub snippet_html: String,
    /// The same story from other outlets (near-duplicates) among the hits.
    pub also: Vec<GroupMember>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub entities: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Documents matching (before grouping).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// `true` when not every word matched and the results are those matching some.
    pub relaxed: bool,
}

/// An error in the request (reported as a 400).
#[derive(Debug)]
pub struct BadRequest(pub String);

impl std::fmt::Display for BadRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadRequest {}

/// The parsed text part of a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Distinct stem terms of the unquoted words.
    pub stems: Vec<String>,
    /// Each quoted phrase as exact terms.
    pub phrases: Vec<Vec<String>>,
}

/// Splits a query into unquoted words and quoted phrases and analyses both.
pub fn parse_query(qa: &QueryAnalyzer, q: &str) -> ParsedQuery {
    let mut free = String::new();
    let mut phrases = Vec::new();
    let mut rest = q;
    loop {
        let open = rest.char_indices().find(|&(_, c)| matches!(c, '"' | '«' | '“'));
        let Some((i, c)) = open else {
            free.push_str(rest);
            break;
        };
        free.push_str(&rest[..i]);
        free.push(' ');
        let close = match c {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let after = &rest[i + c.len_utf8()..];
        let (inside, next) = match after.find(close) {
            Some(j) => (&after[..j], &after[j + close.len_utf8()..]),
            None => (after, ""),
        };
        let terms: Vec<String> = qa.terms(inside).into_iter().map(|t| t.exact).collect();
        if !terms.is_empty() {
            phrases.push(terms);
        }
        rest = next;
    }
    let terms = qa.terms(&free);
    let all_stop = terms.iter().all(|t| is_stopword(&t.exact));
    let mut seen = HashSet::new();
    let stems = terms
        .into_iter()
        .filter(|t| all_stop || !is_stopword(&t.exact))
        .map(|t| t.stem)
        .filter(|s| seen.insert(s.clone()))
        .collect();
    ParsedQuery { stems, phrases }
}

fn term_query(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

/// The tantivy query for a parsed query and filters; `all` requires every word.
fn build_query(f: &Fields, parsed: &ParsedQuery, filters: &[Box<dyn Query>], all_words: bool) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let word_occur = if all_words { Occur::Must } else { Occur::Should };
    for stem in &parsed.stems {
        let word = BooleanQuery::new(vec![
            (Occur::Should, Box::new(BoostQuery::new(term_query(f.title_stem, stem), TITLE_BOOST)) as Box<dyn Query>),
            (Occur::Should, term_query(f.body_stem, stem)),
        ]);
        clauses.push((word_occur, Box::new(word)));
    }
    for phrase in &parsed.phrases {
        let q: Box<dyn Query> = if phrase.len() == 1 {
            term_query(f.exact, &phrase[0])
        } else {
            Box::new(PhraseQuery::new(phrase.iter().map(|t| Term::from_field_text(f.exact, t)).collect()))
        };
        clauses.push((Occur::Must, q));
    }
    if clauses.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn day_bound(value: &Option<String>, what: &str) -> Result<Option<u64>, BadRequest> {
    match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_day(s).map(Some).ok_or_else(|| BadRequest(format!("`{what}` must be a date YYYY-MM-DD, not `{s}`"))),
    }
}

impl Archive {
    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> anyhow::Result<Result<SearchResults, BadRequest>> {
        let f = &self.fields;
        let parsed = parse_query(&self.query, &req.q);
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let nonempty = |o: &Option<String>| o.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if let Some(e) = nonempty(&req.entity) {
            filters.push(term_query(f.entity, &self.query.name_key(&e)));
        }
        if let Some(s) = nonempty(&req.speaker) {
            filters.push(term_query(f.speaker, &self.query.name_key(&s)));
        }
        if let Some(s) = nonempty(&req.source) {
            filters.push(term_query(f.source, &s));
        }
        let from = match day_bound(&req.from, "from") {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        let to = match day_bound(&req.to, "to") {
            Ok(d) => d,
            Err(e) => return Ok(Err(e)),
        };
        if from.is_some() || to.is_some() {
            let lo = from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.day, d)));
            let hi = to.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.day, d)));
            filters.push(Box::new(RangeQuery::new(lo, hi)));
        }
        if parsed.stems.is_empty() && parsed.phrases.is_empty() && filters.is_empty() {
            return Ok(Err(BadRequest("empty query: give words to search for, or a filter".into())));
        }
        let limit = req.limit.clamp(1, 100);
        let searcher = self.searcher();
        let want = (req.offset + limit) * 3 + 10;
        let mut relaxed = false;
        let query = build_query(f, &parsed, &filters, true);
        let (mut top, mut total) = searcher.search(&query, &(TopDocs::with_limit(want.max(FACET_DEPTH)), Count))?;
        if total == 0 && parsed.stems.len() > 1 {
            let query = build_query(f, &parsed, &filters, false);
            (top, total) = searcher.search(&query, &(TopDocs::with_limit(want.max(FACET_DEPTH)), Count))?;
            relaxed = true;
        }
        let facets = if req.facets { self.facets(&searcher, top.iter().take(FACET_DEPTH).map(|&(_, a)| a))? } else { Facets::default() };
        // group near-duplicates: the best hit of each group stands for it
        let groups = self.groups(&searcher, top.iter().map(|&(_, a)| a))?;
        let mut order: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut slot_of: HashMap<u64, usize> = HashMap::new();
        for (i, &g) in groups.iter().enumerate() {
            match slot_of.get(&g) {
                Some(&slot) => order[slot].1.push(i),
                None => {
                    slot_of.insert(g, order.len());
                    order.push((i, Vec::new()));
                }
            }
        }
        let mut hits = Vec::new();
        for (lead, others) in order.into_iter().skip(req.offset).take(limit) {
            let (score, address) = top[lead];
            let stored = self.stored(&searcher, address, true)?;
            let also = others
                .iter()
                .map(|&j| self.stored(&searcher, top[j].1, false).map(|s| GroupMember { id: s.id, source: s.source, title: s.title, url: s.url }))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let title_fragments = stored.title.as_deref().map(|t| highlight(&self.query, &parsed, t, usize::MAX).1).unwrap_or_default();
            let snippet = snippet(&self.query, &parsed, &stored.text);
            hits.push(Hit {
                id: stored.id,
                score,
                title: stored.title,
                source: stored.source,
                date: stored.date,
                url: stored.url,
                snippet_html: fragments_html(&snippet),
                title_fragments,
                snippet,
                also,
            });
        }
        Ok(Ok(SearchResults { query: req.q.clone(), total, hits, facets, relaxed }))
    }

    fn groups(&self, searcher: &Searcher, addresses: impl Iterator<Item = DocAddress>) -> anyhow::Result<Vec<u64>> {
        let mut cols: HashMap<u32, tantivy::columnar::Column<u64>> = HashMap::new();
        let mut out = Vec::new();
        for a in addresses {
            let col = match cols.entry(a.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(searcher.segment_reader(a.segment_ord).fast_fields().u64("group_hash")?),
            };
            let g = col.first(a.doc_id);
            // a document without a group stands alone
            out.push(g.unwrap_or(u64::MAX - ((a.segment_ord as u64) << 32 | a.doc_id as u64)));
        }
        Ok(out)
    }

    fn facets(&self, searcher: &Searcher, addresses: impl Iterator<Item = DocAddress>) -> anyhow::Result<Facets> {
        // count by term ordinal within each segment; resolve each distinct one once
        let mut entity_ords: HashMap<(u32, u64), usize> = HashMap::new();
        let mut source_ords: HashMap<(u32, u64), usize> = HashMap::new();
        let mut cols = HashMap::new();
        for a in addresses {
            let (ec, sc) = match cols.entry(a.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let ff = searcher.segment_reader(a.segment_ord).fast_fields();
                    e.insert((ff.str("entity_facet")?, ff.str("source")?))
                }
            };
            if let Some(c) = ec {
                for ord in c.term_ords(a.doc_id) {
                    *entity_ords.entry((a.segment_ord, ord)).or_default() += 1;
                }
            }
            if let Some(c) = sc {
                for ord in c.term_ords(a.doc_id) {
                    *source_ords.entry((a.segment_ord, ord)).or_default() += 1;
                }
            }
        }
        let resolve = |ords: HashMap<(u32, u64), usize>, which: usize| -> anyhow::Result<HashMap<String, usize>> {
            let mut out: HashMap<String, usize> = HashMap::new();
            let mut s = String::new();
            for ((seg, ord), n) in ords {
                let col = if which == 0 { &cols[&seg].0 } else { &cols[&seg].1 };
                if let Some(c) = col {
                    s.clear();
                    c.ord_to_str(ord, &mut s)?;
                    *out.entry(s.clone()).or_default() += n;
                }
            }
            Ok(out)
        };
        let entities = resolve(entity_ords, 0)?;
        let sources = resolve(source_ords, 1)?;
        let sorted = |m: HashMap<String, usize>, n: usize| {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(n);
            v
        };
        Ok(Facets {
            entities: sorted(entities, 20)
                .into_iter()
                .map(|(k, count)| {
                    let (label, name) = k.split_once('\u{1f}').unwrap_or(("MISC", &k));
                    FacetCount { value: name.to_string(), label: Some(label.to_string()), count }
                })
                .collect(),
            sources: sorted(sources, 20).into_iter().map(|(value, count)| FacetCount { value, label: None, count }).collect(),
        })
    }
}

/// Marks the words of `text` that match the query: `(matched, fragments)`, the text cut
/// to at most `max_chars` around the first match when it is longer.
pub fn highlight(qa: &QueryAnalyzer, q: &ParsedQuery, text: &str, max_chars: usize) -> (bool, Vec<Fragment>) {
    let terms = qa.terms(text);
    let stems: HashSet<&str> = q.stems.iter().map(String::as_str).collect();
    let mut hit = vec![false; terms.len()];
    for (i, t) in terms.iter().enumerate() {
        if stems.contains(t.stem.as_str()) {
            hit[i] = true;
        }
    }
    for phrase in &q.phrases {
        if phrase.is_empty() || phrase.len() > terms.len() {
            continue;
        }
        for i in 0..=terms.len() - phrase.len() {
            if phrase.iter().enumerate().all(|(k, p)| &terms[i + k].exact == p) {
                hit[i..i + phrase.len()].iter_mut().for_each(|h| *h = true);
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let first = hit.iter().position(|&h| h);
    let (lo, hi) = if chars.len() <= max_chars {
        (0, chars.len())
    } else {
        let anchor = first.map_or(0, |i| terms[i].start);
        let mut lo = anchor.saturating_sub(max_chars / 4);
        while lo > 0 && !chars[lo - 1].is_whitespace() {
            lo -= 1;
        }
        let mut hi = (lo + max_chars).min(chars.len());
        while hi < chars.len() && !chars[hi].is_whitespace() && hi - lo < max_chars + 20 {
            hi += 1;
        }
        (lo, hi)
    };
    let mut out: Vec<Fragment> = Vec::new();
    let push = |s: String, h: bool, out: &mut Vec<Fragment>| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.hit == h => last.text.push_str(&s),
            _ => out.push(Fragment { text: s, hit: h }),
        }
    };
    if lo > 0 {
        push("… ".into(), false, &mut out);
    }
    let mut pos = lo;
    for (i, t) in terms.iter().enumerate() {
        if !hit[i] || t.end <= lo || t.start >= hi {
            continue;
        }
        let (s, e) = (t.start.max(lo), t.end.min(hi));
        push(chars[pos..s].iter().collect(), false, &mut out);
        push(chars[s..e].iter().collect(), true, &mut out);
        pos = e;
    }
    push(chars[pos..hi].iter().collect(), false, &mut out);
    if hi < chars.len() {
        push(" …".into(), false, &mut out);
    }
    (first.is_some(), out)
}

/// A snippet of `text`: the first paragraph that matches, around its first match;
/// else the start of the text.
pub fn snippet(qa: &QueryAnalyzer, q: &ParsedQuery, text: &str) -> Vec<Fragment> {
    // Only paragraphs whose search-normalised text contains a query stem or phrase word
    // can match (a stem is a substring of its word's search-normalised form), and only a
    // window around the first such place is analysed: a long article costs no more
    // than a short one.
    let needles: Vec<&str> = q.stems.iter().chain(q.phrases.iter().flatten()).map(String::as_str).collect();
    let options = khabar::text::normalize::NormalizeOptions::search();
    let mut folded = String::new();
    let mut align = Vec::new();
    for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
        let para = para.trim();
        folded.clear();
        align.clear();
        khabar::text::normalize::normalize_into(para, &options, &mut folded, &mut align);
        if folded.bytes().any(|b| b.is_ascii_uppercase()) {
            folded.make_ascii_lowercase();
        }
        let Some(at) = needles.iter().filter_map(|n| folded.find(n)).min() else { continue };
        let source_char = align.get(folded[..at].chars().count()).copied().unwrap_or(0) as usize;
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut lo = source_char.saturating_sub(SNIPPET_CHARS / 2);
        while lo > 0 && !chars[lo - 1].1.is_whitespace() {
            lo -= 1;
        }
        let mut hi = (source_char + SNIPPET_CHARS * 2).min(chars.len());
        while hi < chars.len() && !chars[hi].1.is_whitespace() {
            hi += 1;
        }
        let byte = |i: usize| chars.get(i).map_or(para.len(), |c| c.0);
        let window = &para[byte(lo)..byte(hi)];
        let (matched, mut fragments) = highlight(qa, q, window, SNIPPET_CHARS);
        if matched {
            if lo > 0 && !fragments.first().is_some_and(|f| f.text.starts_with('…')) {
                fragments.insert(0, Fragment { text: "… ".into(), hit: false });
            }
            if hi < chars.len() && !fragments.last().is_some_and(|f| f.text.ends_with('…')) {
                fragments.push(Fragment { text: " …".into(), hit: false });
            }
            return fragments;
        }
    }
    let start: String = text.trim().chars().take(SNIPPET_CHARS).collect();
    let more = text.trim().chars().nth(SNIPPET_CHARS).is_some();
    vec![Fragment { text: if more { format!("{start} …") } else { start }, hit: false }]
}

/// HTML-escapes text.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Fragments as HTML, matches in `<mark>`.
pub fn fragments_html(fragments: &[Fragment]) -> String {
    fragments
        .iter()
        .map(|f| if f.hit { format!("<mark>{}</mark>", escape_html(&f.text)) } else { escape_html(&f.text) })
        .collect()
}
