//! Search quality: precision at 10 and mean reciprocal rank of khabar's search against
//! a baseline index of the same articles built with plain tokens (tantivy's default
//! tokenizer: split at spaces and punctuation, lower-case; no Arabic normalisation, no
//! clitic splitting, no stemming), queried the same way (every word required, else any;
//! title boost; quoted phrases).

use std::collections::HashSet;

use khabar::InputDoc;
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value, STORED, TEXT};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, IndexReader, TantivyDocument, Term};

use crate::search::TITLE_BOOST;
use crate::{Archive, SearchRequest};

/// One query and the URLs of the articles that answer it.
#[derive(Debug, Clone, Deserialize)]
pub struct Judged {
    pub query: String,
    #[serde(default)]
    pub title: String,
    pub relevant: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Fixture {
    pub queries: Vec<Judged>,
}

/// P@10, MRR (reciprocal rank of the first relevant result in the top 10, else 0) and
/// success@10, averaged over the queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub p_at_10: f64,
    pub mrr: f64,
    pub success_at_10: f64,
    pub queries: usize,
}

/// Scores ranked URL lists against the judgements.
pub fn score(judged: &[Judged], ranked: &[Vec<String>]) -> Scores {
    let mut s = Scores { queries: judged.len(), ..Default::default() };
    for (j, list) in judged.iter().zip(ranked) {
        let relevant: HashSet<&str> = j.relevant.iter().map(String::as_str).collect();
        let top: Vec<&String> = list.iter().take(10).collect();
        let hits = top.iter().filter(|u| relevant.contains(String::as_str(u))).count();
        s.p_at_10 += hits as f64 / 10.0;
        if let Some(rank) = top.iter().position(|u| relevant.contains(String::as_str(u))) {
            s.mrr += 1.0 / (rank + 1) as f64;
            s.success_at_10 += 1.0;
        }
    }
    let n = judged.len().max(1) as f64;
    s.p_at_10 /= n;
    s.mrr /= n;
    s.success_at_10 /= n;
    s
}

/// khabar's top 10 for a query as URLs: each hit, then the near-duplicates grouped
/// under it.
pub fn khabar_top10(archive: &Archive, q: &str) -> anyhow::Result<Vec<String>> {
    let req = SearchRequest { q: q.into(), limit: 10, facets: false, ..Default::default() };
    let results = archive.search(&req)?.map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut urls = Vec::new();
    for hit in results.hits {
        urls.push(hit.url.unwrap_or(hit.id));
        for m in hit.also {
            urls.push(m.url.unwrap_or(m.id));
        }
    }
    urls.truncate(10);
    Ok(urls)
}

/// The plain-token baseline index (in memory).
pub struct Baseline {
    index: Index,
    reader: IndexReader,
    title: Field,
    body: Field,
    url: Field,
}

impl Baseline {
    /// Indexes documents with the default tokenizer.
    pub fn build(docs: impl IntoIterator<Item = InputDoc>) -> anyhow::Result<Baseline> {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let url = b.add_text_field("url", STORED);
        let index = Index::create_in_ram(b.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(2, 200 << 20)?;
        for d in docs {
            let mut t = TantivyDocument::new();
            t.add_text(title, d.title.as_deref().unwrap_or(""));
            t.add_text(body, &d.text);
            t.add_text(url, d.url.as_deref().or(d.id.as_deref()).unwrap_or(""));
            writer.add_document(t)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index.reader()?;
        Ok(Baseline { index, reader, title, body, url })
    }

    fn tokens(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.index.tokenizers().get("default").expect("default tokenizer");
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    /// The top 10 URLs for a query.
    pub fn top10(&self, q: &str) -> anyhow::Result<Vec<String>> {
        let mut free = String::new();
        let mut phrases = Vec::new();
        for (i, part) in q.split('"').enumerate() {
            if i % 2 == 1 {
                phrases.push(self.tokens(part));
            } else {
                free.push_str(part);
                free.push(' ');
            }
        }
        let words = self.tokens(&free);
        let build = |all: bool| -> Box<dyn Query> {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for w in &words {
                let tq = |f: Field| Box::new(TermQuery::new(Term::from_field_text(f, w), IndexRecordOption::WithFreqs)) as Box<dyn Query>;
                let either = BooleanQuery::new(vec![
                    (Occur::Should, Box::new(BoostQuery::new(tq(self.title), TITLE_BOOST)) as Box<dyn Query>),
                    (Occur::Should, tq(self.body)),
                ]);
                clauses.push((if all { Occur::Must } else { Occur::Should }, Box::new(either)));
            }
            for p in phrases.iter().filter(|p| !p.is_empty()) {
                let on = |f: Field| -> Box<dyn Query> {
                    if p.len() == 1 {
                        Box::new(TermQuery::new(Term::from_field_text(f, &p[0]), IndexRecordOption::WithFreqs))
                    } else {
                        Box::new(PhraseQuery::new(p.iter().map(|t| Term::from_field_text(f, t)).collect()))
                    }
                };
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(vec![(Occur::Should, on(self.title)), (Occur::Should, on(self.body))]))));
            }
            Box::new(BooleanQuery::new(clauses))
        };
        let searcher = self.reader.searcher();
        let mut top = searcher.search(&build(true), &TopDocs::with_limit(10))?;
        if top.is_empty() && words.len() > 1 {
            top = searcher.search(&build(false), &TopDocs::with_limit(10))?;
        }
        top.into_iter()
            .map(|(_, a)| {
                let d: TantivyDocument = searcher.doc(a)?;
                Ok(d.get_first(self.url).and_then(|v| v.as_str()).unwrap_or("").to_string())
            })
            .collect()
    }
}
