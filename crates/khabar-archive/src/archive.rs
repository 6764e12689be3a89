//! The archive: an embedded tantivy index of analysed documents in one directory.
//!
//! Documents are keyed by their `id` when the input names one, or by a hash of their
//! title and text when the id is only the reader's name for a place in a file
//! (`day.zip/day.json#12`, `a.jsonl:3`, `a.txt`, `stdin`): re-ingesting the same input,
//! from any path, adds nothing twice. Ingestion commits every `commit_every` documents;
//! a tantivy commit is atomic, so a killed run leaves the index as of its last commit
//! and re-running adds exactly what is missing.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, Context};
use khabar::doc::{Entity, Keyphrase, NearDuplicate, Quote, Repeat, Span, Structure};
use khabar::{Analyzer, Document, InputDoc};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::{terms_of_tokens, KhabarTokenizer, QueryAnalyzer, TermKind};
use khabar::news::duplicates::{signature, MinHashSignature, NearDuplicateIndex};

/// The fields of the archive schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub key: Field,
    pub title: Field,
    pub title_stem: Field,
    pub body_stem: Field,
    pub exact: Field,
    pub text: Field,
    pub url: Field,
    pub date: Field,
    pub day: Field,
    pub source: Field,
    pub entity: Field,
    pub entity_facet: Field,
    pub speaker: Field,
    pub ann: Field,
    pub sig: Field,
    pub group: Field,
    pub near: Field,
    pub group_hash: Field,
}

/// Schema version, written next to the index; a different one is refused.
pub const SCHEMA_VERSION: &str = "khabar.archive/3";

fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let stem = |rec| TextOptions::default().set_indexing_options(TextFieldIndexing::default().set_tokenizer("khabar_stem").set_index_option(rec));
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("key", STRING | FAST);
    b.add_text_field("title", STORED);
    b.add_text_field("title_stem", stem(IndexRecordOption::WithFreqsAndPositions));
    b.add_text_field("body_stem", stem(IndexRecordOption::WithFreqs));
    b.add_text_field(
        "exact",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer("khabar_exact").set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    b.add_text_field("text", STORED);
    b.add_text_field("url", STORED);
    b.add_text_field("date", STORED);
    b.add_u64_field("day", INDEXED | FAST);
    b.add_text_field("source", STRING | STORED | FAST);
    b.add_text_field("entity", STRING);
    b.add_text_field("entity_facet", STRING | FAST);
    b.add_text_field("speaker", STRING);
    b.add_bytes_field("ann", STORED);
    b.add_bytes_field("sig", FAST);
    b.add_text_field("group", STRING | STORED | FAST);
    b.add_text_field("near", STORED);
    b.add_u64_field("group_hash", FAST);
    b.build()
}

impl Fields {
    fn of(schema: &Schema) -> anyhow::Result<Fields> {
        let f = |name: &str| schema.get_field(name).map_err(|_| anyhow!("index schema has no field `{name}`: not a khabar archive?"));
        Ok(Fields {
            id: f("id")?,
            key: f("key")?,
            title: f("title")?,
            title_stem: f("title_stem")?,
            body_stem: f("body_stem")?,
            exact: f("exact")?,
            text: f("text")?,
            url: f("url")?,
            date: f("date")?,
            day: f("day")?,
            source: f("source")?,
            entity: f("entity")?,
            entity_facet: f("entity_facet")?,
            speaker: f("speaker")?,
            ann: f("ann")?,
            sig: f("sig")?,
            group: f("group")?,
            near: f("near")?,
            group_hash: f("group_hash")?,
        })
    }
}

/// What is stored of a document besides its text and metadata: every annotation layer
/// except tokens and sentences, which are recomputed from the text when a document is
/// shown (the analysis is deterministic).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default)]
    pub structure: Structure,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub keyphrases: Vec<Keyphrase>,
    #[serde(default)]
    pub summary: Vec<Span>,
    #[serde(default)]
    pub duplicates: Vec<Repeat>,
    #[serde(default)]
    pub near_duplicate_of: Option<NearDuplicate>,
}

/// An archive directory opened for reading (and, through [`Archive::ingester`], writing).
pub struct Archive {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub analyzer: Arc<Analyzer>,
    pub query: QueryAnalyzer,
}

/// Stored metadata of a document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoredDoc {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub group: Option<String>,
    pub text: String,
    #[serde(skip)]
    pub annotations: Annotations,
}

impl Archive {
    /// Opens the archive in `dir`, creating it (and the directory) when absent.
    pub fn open_or_create(dir: &Path) -> anyhow::Result<Archive> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let index = if dir.join("meta.json").exists() {
            Self::check_version(dir)?;
            Index::open_in_dir(dir).with_context(|| format!("cannot open the index in {}", dir.display()))?
        } else {
            let index = Index::create_in_dir(dir, build_schema()).with_context(|| format!("cannot create an index in {}", dir.display()))?;
            std::fs::write(dir.join("khabar-archive.version"), SCHEMA_VERSION)?;
            index
        };
        Self::from_index(index)
    }

    /// Opens an existing archive.
    pub fn open(dir: &Path) -> anyhow::Result<Archive> {
        if !dir.join("meta.json").exists() {
            return Err(anyhow!("{} is not a khabar archive (no meta.json); build one with `khabar index --index {} INPUT…`", dir.display(), dir.display()));
        }
        Self::check_version(dir)?;
        let index = Index::open_in_dir(dir).with_context(|| format!("cannot open the index in {}", dir.display()))?;
        Self::from_index(index)
    }

    /// An archive in memory (tests, evaluation).
    pub fn in_memory() -> anyhow::Result<Archive> {
        Self::from_index(Index::create_in_ram(build_schema()))
    }

    fn check_version(dir: &Path) -> anyhow::Result<()> {
        match std::fs::read_to_string(dir.join("khabar-archive.version")) {
            Ok(v) if v.trim() == SCHEMA_VERSION => Ok(()),
            Ok(v) => Err(anyhow!("{} holds a {} index; this khabar reads {SCHEMA_VERSION}: rebuild it", dir.display(), v.trim())),
            Err(_) => Err(anyhow!("{} is a tantivy index but not a khabar archive", dir.display())),
        }
    }

    fn from_index(index: Index) -> anyhow::Result<Archive> {
        let query = QueryAnalyzer::default();
        index.tokenizers().register("khabar_stem", KhabarTokenizer::new(query.clone(), TermKind::Stem));
        index.tokenizers().register("khabar_exact", KhabarTokenizer::new(query.clone(), TermKind::Exact));
        let fields = Fields::of(&index.schema())?;
        // readers follow commits (a server sees what a concurrent `khabar index` commits)
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(Archive { index, reader, fields, analyzer: Arc::new(Analyzer::default()), query })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Picks up the latest commit.
    pub fn reload(&self) -> anyhow::Result<()> {
        Ok(self.reader.reload()?)
    }

    pub fn num_docs(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// The address of the document with this id.
    pub fn address(&self, id: &str) -> anyhow::Result<Option<DocAddress>> {
        let searcher = self.searcher();
        let q = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1))?;
        Ok(top.first().map(|&(_, a)| a))
    }

    /// The stored fields of a document.
    pub fn stored(&self, searcher: &Searcher, address: DocAddress, with_text: bool) -> anyhow::Result<StoredDoc> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let f = &self.fields;
        let s = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let annotations = if with_text {
            let mut a: Annotations =
                doc.get_first(f.ann).and_then(|v| v.as_bytes()).and_then(|b| serde_json::from_slice(b).ok()).unwrap_or_default();
            a.near_duplicate_of = doc.get_first(f.near).and_then(|v| v.as_str()).and_then(|s| serde_json::from_str(s).ok());
            a
        } else {
            Annotations::default()
        };
        Ok(StoredDoc {
            id: s(f.id).unwrap_or_default(),
            title: s(f.title),
            url: s(f.url),
            date: s(f.date),
            source: s(f.source),
            group: s(f.group),
            text: if with_text { s(f.text).unwrap_or_default() } else { String::new() },
            annotations,
        })
    }

    /// The full document with this id: stored annotations, tokens and sentences
    /// recomputed from the text.
    pub fn document(&self, id: &str) -> anyhow::Result<Option<Document>> {
        let Some(address) = self.address(id)? else { return Ok(None) };
        let stored = self.stored(&self.searcher(), address, true)?;
        let mut doc = self.analyzer.analyze(InputDoc {
            id: Some(stored.id),
            text: stored.text,
            title: stored.title,
            url: stored.url,
            date: stored.date,
            source: stored.source,
        });
        let a = stored.annotations;
        doc.structure = a.structure;
        if !a.entities.is_empty() || doc.entities.is_empty() {
            doc.entities = a.entities;
        }
        if !a.quotes.is_empty() || doc.quotes.is_empty() {
            doc.quotes = a.quotes;
        }
        if !a.keyphrases.is_empty() || doc.keyphrases.is_empty() {
            doc.keyphrases = a.keyphrases;
        }
        if !a.summary.is_empty() || doc.summary.is_empty() {
            doc.summary = a.summary;
        }
        if !a.duplicates.is_empty() || doc.duplicates.is_empty() {
            doc.duplicates = a.duplicates;
        }
        doc.near_duplicate_of = a.near_duplicate_of;
        if let Some(group) = stored.group {
            doc.extra.insert("group".into(), group.into());
        }
        Ok(Some(doc))
    }

    /// Starts ingesting: loads the keys and near-duplicate signatures already indexed.
    pub fn ingester(&self, commit_every: usize) -> anyhow::Result<Ingester<'_>> {
        let writer: IndexWriter = self
            .index
            .writer_with_num_threads(2, 256 << 20)
            .context("cannot open the index for writing (is another `khabar index` running on it?)")?;
        let mut keys = HashSet::new();
        let mut dedup = NearDuplicateIndex::default();
        let searcher = self.searcher();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let key_col = ff.str("key")?;
            let group_col = ff.str("group")?;
            let sig_col = ff.bytes("sig")?;
            let (mut s, mut g, mut b) = (String::new(), String::new(), Vec::new());
            for doc in segment.doc_ids_alive() {
                s.clear();
                g.clear();
                b.clear();
                if let Some(c) = &key_col {
                    if let Some(ord) = c.term_ords(doc).next() {
                        c.ord_to_str(ord, &mut s)?;
                    }
                }
                if let Some(c) = &group_col {
                    if let Some(ord) = c.term_ords(doc).next() {
                        c.ord_to_str(ord, &mut g)?;
                    }
                }
                if let Some(c) = &sig_col {
                    if let Some(ord) = c.term_ords(doc).next() {
                        c.ord_to_bytes(ord, &mut b)?;
                    }
                }
                if let Some(sig) = MinHashSignature::from_bytes(&b).filter(|_| !g.is_empty()) {
                    // indexed under its group, so that a new duplicate joins that group
                    dedup.insert(&g, sig);
                }
                keys.insert(s.clone());
            }
        }
        Ok(Ingester {
            archive: self,
            writer,
            keys,
            dedup,
            group_of: HashMap::new(),
            commit_every: commit_every.max(1),
            pending: 0,
            commits: 0,
            added: 0,
        })
    }
}

/// The near-duplicate group as a number (a 64-bit hash of the group's id), for fast
/// grouping of hits.
pub fn group_hash(group: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in group.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The key a document is stored under; see the module documentation.
pub fn doc_key(doc: &InputDoc) -> String {
    let id = doc.id.as_deref().unwrap_or("");
    if id.is_empty() || positional_id(id) {
        let mut h: u64 = 0xcbf29ce484222325;
        for &b in doc.title.as_deref().unwrap_or("").as_bytes().iter().chain(b"\x01").chain(doc.text.as_bytes()) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        format!("hash:{h:016x}")
    } else {
        format!("id:{id}")
    }
}

/// Whether an id is the name khabar's reader gives a document by its place in the input.
fn positional_id(id: &str) -> bool {
    let tail_number = |sep: char| id.rsplit_once(sep).is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    id == "stdin"
        || tail_number('#')
        || tail_number(':')
        || [".txt", ".json", ".jsonl", ".zip"].iter().any(|e| id.ends_with(e))
        || id.contains(".zip/")
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents analysed and added.
    pub added: usize,
    /// Documents already in the archive (or repeated in the input), skipped.
    pub known: usize,
    /// Added documents that were grouped with an earlier near-duplicate.
    pub grouped: usize,
}

/// Adds documents to an [`Archive`], committing every `commit_every` documents.
pub struct Ingester<'a> {
    archive: &'a Archive,
    writer: IndexWriter,
    keys: HashSet<String>,
    dedup: NearDuplicateIndex,
    /// The group of each document added in this run.
    group_of: HashMap<String, String>,
    commit_every: usize,
    pending: usize,
    commits: usize,
    added: usize,
}

impl Ingester<'_> {
    /// Documents already in the archive when ingestion started, plus those added since.
    pub fn known(&self) -> usize {
        self.keys.len()
    }

    /// Whether a document with this key is in the archive (or was added in this run).
    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    pub fn commits(&self) -> usize {
        self.commits
    }

    /// Analyses a batch in parallel and adds the documents not yet in the archive.
    /// `errors` receives a message for each document that could not be analysed.
    pub fn add_batch(&mut self, docs: Vec<InputDoc>, errors: &mut Vec<String>) -> anyhow::Result<BatchOutcome> {
        let mut outcome = BatchOutcome::default();
        let mut fresh = Vec::with_capacity(docs.len());
        for doc in docs {
            let key = doc_key(&doc);
            if self.keys.insert(key.clone()) {
                fresh.push((key, doc));
            } else {
                outcome.known += 1;
            }
        }
        let archive = self.archive;
        let prepared: Vec<Result<Prepared, String>> = fresh
            .into_par_iter()
            .map(|(key, input)| {
                let id = input.id.clone().unwrap_or_default();
                catch_unwind(AssertUnwindSafe(|| prepare(archive, key, archive.analyzer.analyze(input))))
                    .map_err(|_| format!("{id}: analysis failed (internal error); document skipped"))?
                    .map_err(|e| format!("{id}: {e}"))
            })
            .collect();
        for result in prepared {
            match result {
                Ok(p) => {
                    if self.add_prepared(p)? {
                        outcome.grouped += 1;
                    }
                    outcome.added += 1;
                }
                Err(e) => errors.push(e),
            }
        }
        Ok(outcome)
    }

    /// Adds one analysed document (its key must be new); `true` when it joined a
    /// near-duplicate group.
    pub fn add_document(&mut self, key: String, doc: Document) -> anyhow::Result<bool> {
        self.keys.insert(key.clone());
        let p = prepare(self.archive, key, doc)?;
        self.add_prepared(p)
    }

    fn add_prepared(&mut self, p: Prepared) -> anyhow::Result<bool> {
        let f = self.archive.fields;
        let Prepared { id, mut doc, sig } = p;
        let near = sig.and_then(|sig| self.dedup.insert(&id, sig));
        let group = match &near {
            Some(near) => {
                doc.add_text(f.near, serde_json::to_string(near)?);
                self.group_of.get(&near.id).cloned().unwrap_or_else(|| near.id.clone())
            }
            None => id.clone(),
        };
        doc.add_text(f.group, &group);
        doc.add_u64(f.group_hash, group_hash(&group));
        self.group_of.insert(id, group);
        self.writer.add_document(doc)?;
        self.added += 1;
        self.pending += 1;
        if self.pending >= self.commit_every {
            self.commit()?;
        }
        Ok(near.is_some())
    }

    /// Commits what was added; after this it survives a crash.
    pub fn commit(&mut self) -> anyhow::Result<()> {
        if self.pending > 0 {
            self.writer.commit()?;
            self.commits += 1;
            self.pending = 0;
        }
        Ok(())
    }

    /// Commits, waits for background merges, and reloads the archive's reader.
    pub fn finish(mut self) -> anyhow::Result<usize> {
        self.commit()?;
        let added = self.added;
        self.writer.wait_merging_threads()?;
        self.archive.reload()?;
        Ok(added)
    }
}

/// A document ready for the index, but for its near-duplicate group.
struct Prepared {
    id: String,
    doc: TantivyDocument,
    /// `None` when the document is too short to compare.
    sig: Option<MinHashSignature>,
}

/// Builds the index document (everything that can be done in parallel).
fn prepare(archive: &Archive, key: String, mut doc: Document) -> anyhow::Result<Prepared> {
    let f = archive.fields;
    let terms = terms_of_tokens(&doc.tokens);
    let sig = Some(signature(&doc)).filter(|s| !s.is_too_short());
    let mut t = TantivyDocument::new();
    t.add_text(f.id, &doc.id);
    t.add_text(f.key, &key);
    if let Some(sig) = &sig {
        t.add_bytes(f.sig, &sig.to_bytes());
    }
    let title_terms = doc.title.as_deref().map(|title| archive.query.terms(title)).unwrap_or_default();
    if let Some(title) = &doc.title {
        t.add_text(f.title, title);
    }
    t.add_pre_tokenized_text(f.title_stem, pretokenized(&title_terms, TermKind::Stem, 0));
    // title then body in one positional field, with a gap so no phrase spans both
    let mut exact = pretokenized(&title_terms, TermKind::Exact, 0);
    exact.tokens.extend(pretokenized(&terms, TermKind::Exact, title_terms.len() + 10).tokens);
    t.add_pre_tokenized_text(f.exact, exact);
    t.add_pre_tokenized_text(f.body_stem, pretokenized(&terms, TermKind::Stem, 0));
    drop(terms);
    t.add_text(f.text, &doc.text);
    if let Some(url) = &doc.url {
        t.add_text(f.url, url);
    }
    if let Some(date) = &doc.date {
        t.add_text(f.date, date);
        if let Some(day) = parse_day(date) {
            t.add_u64(f.day, day);
        }
    }
    if let Some(source) = &doc.source {
        t.add_text(f.source, source);
    }
    let mut seen = HashSet::new();
    for e in &doc.entities {
        let key = archive.query.name_key(&e.name);
        if !key.is_empty() && seen.insert(key.clone()) {
            t.add_text(f.entity, &key);
            t.add_text(f.entity_facet, format!("{}\u{1f}{}", label_str(e.label), e.name));
        }
    }
    let mut seen = HashSet::new();
    for q in &doc.quotes {
        if let Some(name) = speaker_name(&doc, q) {
            let key = archive.query.name_key(&name);
            if !key.is_empty() && seen.insert(key.clone()) {
                t.add_text(f.speaker, &key);
            }
        }
    }
    let ann = Annotations {
        structure: std::mem::take(&mut doc.structure),
        entities: std::mem::take(&mut doc.entities),
        quotes: std::mem::take(&mut doc.quotes),
        keyphrases: std::mem::take(&mut doc.keyphrases),
        summary: std::mem::take(&mut doc.summary),
        duplicates: std::mem::take(&mut doc.duplicates),
        near_duplicate_of: None,
    };
    t.add_bytes(f.ann, &serde_json::to_vec(&ann)?);
    Ok(Prepared { id: doc.id, doc: t, sig })
}

/// The name of a quote's speaker: the entity it resolves to, else its text.
pub fn speaker_name(doc: &Document, q: &Quote) -> Option<String> {
    let s = q.speaker.as_ref()?;
    if let Some(eid) = &s.entity {
        if let Some(e) = doc.entities.iter().find(|e| &e.id == eid) {
            return Some(e.name.clone());
        }
    }
    Some(s.text.clone()).filter(|t| !t.trim().is_empty())
}

pub fn label_str(label: khabar::doc::EntityLabel) -> &'static str {
    match serde_json::to_value(label).ok().and_then(|v| v.as_str().map(str::to_string)).as_deref() {
        Some("PER") => "PER",
        Some("LOC") => "LOC",
        Some("ORG") => "ORG",
        _ => "MISC",
    }
}

fn pretokenized(terms: &[crate::analysis::Term], kind: TermKind, first_position: usize) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens: terms
            .iter()
            .enumerate()
            .map(|(i, t)| Token {
                offset_from: t.start,
                offset_to: t.end,
                position: first_position + i,
                text: if kind == TermKind::Stem { t.stem.clone() } else { t.exact.clone() },
                position_length: 1,
            })
            .collect(),
    }
}

/// `2015-07-21` (anything starting with a date) as 20150721.
pub fn parse_day(date: &str) -> Option<u64> {
    let b = date.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok()?.parse::<u64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(y * 10000 + m * 100 + d)
}
