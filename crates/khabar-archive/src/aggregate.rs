//! Entities and quotes across the archive.
//!
//! [`EntityIndex`] counts, for every entity (by type and normalised name), the documents
//! that name it, its mentions, and the entities most often named in the same documents.
//! It is built in one pass over the index (the entity list of each document is a fast
//! field; mention counts come from the stored annotations of the documents that have
//! entities). [`Archive::quotes`] lists what a speaker is quoted as saying.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use crate::archive::{label_str, Archive};

#[derive(Debug, Clone, Serialize)]
pub struct CoMention {
    pub name: String,
    pub label: String,
    /// Documents naming both.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    pub name: String,
    pub label: String,
    /// Documents that name it.
    pub documents: usize,
    /// Mentions across those documents.
    pub mentions: usize,
    /// The entities most often named with it.
    pub co_mentioned: Vec<CoMention>,
}

struct Stats {
    name: String,
    label: String,
    key: String,
    documents: usize,
    mentions: usize,
    co: HashMap<usize, usize>,
}

/// Entity counts over the whole archive (as of the searcher it was built from).
#[derive(Default)]
pub struct EntityIndex {
    stats: Vec<Stats>,
}

/// At most this many entities of one document count towards co-mentions.
const CO_MENTION_CAP: usize = 40;

impl EntityIndex {
    pub fn build(archive: &Archive) -> anyhow::Result<EntityIndex> {
        let searcher = archive.searcher();
        let mut slot: HashMap<String, usize> = HashMap::new();
        let mut stats: Vec<Stats> = Vec::new();
        let mut s = String::new();
        for (seg_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(col) = segment.fast_fields().str("entity_facet")? else { continue };
            for doc in segment.doc_ids_alive() {
                let mut here = Vec::new();
                for ord in col.term_ords(doc) {
                    s.clear();
                    col.ord_to_str(ord, &mut s)?;
                    let (label, name) = s.split_once('\u{1f}').unwrap_or(("MISC", &s));
                    let k = format!("{label}\u{1f}{}", archive.query.name_key(name));
                    let i = *slot.entry(k.clone()).or_insert_with(|| {
                        stats.push(Stats {
                            name: name.to_string(),
                            label: label.to_string(),
                            key: archive.query.name_key(name),
                            documents: 0,
                            mentions: 0,
                            co: HashMap::new(),
                        });
                        stats.len() - 1
                    });
                    here.push(i);
                }
                if here.is_empty() {
                    continue;
                }
                let stored = archive.stored(&searcher, DocAddress::new(seg_ord as u32, doc), true)?;
                for e in &stored.annotations.entities {
                    let k = format!("{}\u{1f}{}", label_str(e.label), archive.query.name_key(&e.name));
                    if let Some(&i) = slot.get(&k) {
                        stats[i].mentions += e.mentions.len().max(1);
                    }
                }
                here.sort_unstable();
                here.dedup();
                for &i in &here {
                    stats[i].documents += 1;
                }
                let capped = &here[..here.len().min(CO_MENTION_CAP)];
                for &a in capped {
                    for &b in capped {
                        if a != b {
                            *stats[a].co.entry(b).or_default() += 1;
                        }
                    }
                }
            }
        }
        Ok(EntityIndex { stats })
    }

    /// Entities whose normalised name contains the normalised `q` (all when empty), most
    /// named first, each with its `co` most frequent co-mentioned entities.
    pub fn find(&self, archive: &Archive, q: &str, label: Option<&str>, limit: usize, co: usize) -> Vec<EntitySummary> {
        let key = archive.query.name_key(q);
        let mut found: Vec<&Stats> = self
            .stats
            .iter()
            .filter(|s| key.is_empty() || s.key.contains(&key))
            .filter(|s| label.is_none_or(|l| l.eq_ignore_ascii_case(&s.label)))
            .collect();
        found.sort_by(|a, b| {
            // an exact name match first, then by documents
            (b.key == key).cmp(&(a.key == key)).then(b.documents.cmp(&a.documents)).then(b.mentions.cmp(&a.mentions)).then(a.name.cmp(&b.name))
        });
        found.truncate(limit);
        found
            .into_iter()
            .map(|s| {
                let mut cos: Vec<(&usize, &usize)> = s.co.iter().collect();
                cos.sort_by(|a, b| b.1.cmp(a.1).then(self.stats[*a.0].name.cmp(&self.stats[*b.0].name)));
                EntitySummary {
                    name: s.name.clone(),
                    label: s.label.clone(),
                    documents: s.documents,
                    mentions: s.mentions,
                    co_mentioned: cos
                        .into_iter()
                        .take(co)
                        .map(|(&j, &count)| CoMention { name: self.stats[j].name.clone(), label: self.stats[j].label.clone(), count })
                        .collect(),
                }
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.stats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stats.is_empty()
    }
}

/// A quote found in the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchivedQuote {
    pub document: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub speaker: String,
    pub text: String,
    pub kind: khabar::doc::QuoteKind,
    pub cue: Option<String>,
}

impl Archive {
    /// What `speaker` is quoted as saying, from up to `limit` documents.
    pub fn quotes(&self, speaker: &str, limit: usize) -> anyhow::Result<Vec<ArchivedQuote>> {
        let key = self.query.name_key(speaker);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.searcher();
        let q = TermQuery::new(Term::from_field_text(self.fields.speaker, &key), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(limit.clamp(1, 1000)))?;
        let mut out = Vec::new();
        for (_, address) in top {
            let stored = self.stored(&searcher, address, true)?;
            let a = &stored.annotations;
            for quote in &a.quotes {
                let Some(sp) = &quote.speaker else { continue };
                let name = sp
                    .entity
                    .as_ref()
                    .and_then(|eid| a.entities.iter().find(|e| &e.id == eid))
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| sp.text.clone());
                if self.query.name_key(&name) != key {
                    continue;
                }
                out.push(ArchivedQuote {
                    document: stored.id.clone(),
                    title: stored.title.clone(),
                    source: stored.source.clone(),
                    date: stored.date.clone(),
                    speaker: name,
                    text: quote.text.clone(),
                    kind: quote.kind,
                    cue: quote.cue.as_ref().map(|c| c.text.clone()),
                });
            }
        }
        Ok(out)
    }
}
