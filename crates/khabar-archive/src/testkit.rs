//! Hand-annotated documents, for tests and demos whose expectations must not move with
//! the entity tagger and quote finder: [`annotate`] replaces a document's `entities` and
//! `quotes` with names and quoted passages found in its text, and [`demo_archive`]
//! builds a small archive of such documents.

use khabar::doc::{Entity, EntityLabel, Quote, QuoteKind, Span, Speaker};
use khabar::{Document, InputDoc};

use crate::archive::{doc_key, Archive};

fn find_all(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let b = from + i;
        let start = text[..b].chars().count();
        out.push(Span { start, end: start + needle.chars().count(), text: needle.to_string() });
        from = b + needle.len();
    }
    out
}

/// Replaces `entities` (every occurrence of each name) and `quotes` (each quoted
/// passage, said by the given speaker entity) of an analysed document.
pub fn annotate(mut doc: Document, entities: &[(EntityLabel, &str)], quotes: &[(&str, &str)]) -> Document {
    doc.entities = entities
        .iter()
        .enumerate()
        .map(|(i, (label, name))| Entity { id: format!("e{}", i + 1), label: *label, name: name.to_string(), mentions: find_all(&doc.text, name) })
        .filter(|e| !e.mentions.is_empty())
        .collect();
    doc.quotes.clear();
    for (speaker, passage) in quotes {
        let Some(span) = find_all(&doc.text, passage).into_iter().next() else { continue };
        let entity = doc.entities.iter().find(|e| e.name == *speaker);
        let sp = entity.and_then(|e| e.mentions.first().map(|m| (m.clone(), e.id.clone())));
        doc.quotes.push(Quote {
            start: span.start,
            end: span.end,
            text: span.text,
            kind: QuoteKind::Direct,
            cue: None,
            speaker: Some(match sp {
                Some((m, id)) => Speaker { start: m.start, end: m.end, text: m.text, entity: Some(id) },
                None => Speaker { start: 0, end: 0, text: speaker.to_string(), entity: None },
            }),
        });
    }
    doc
}

/// The demo articles: `(id, title, source, date, text, entities, quotes)`.
#[allow(clippy::type_complexity)]
pub fn demo_articles() -> Vec<(&'static str, &'static str, &'static str, &'static str, &'static str, Vec<(EntityLabel, &'static str)>, Vec<(&'static str, &'static str)>)> {
    use EntityLabel::*;
    vec![
        (
            "demo-1",
            "بايدن يتصل بنتنياهو",
            "wire",
            "2015-07-21",
            "أجرى الرئيس الأمريكي جو بايدن اتصالا هاتفيا مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو.\nوقال بايدن: \"نحن ملتزمون بأمن المنطقة\".\nوأضاف نتنياهو أن المحادثة كانت مثمرة في واشنطن والقدس.",
            vec![(Person, "جو بايدن"), (Person, "بنيامين نتنياهو"), (Location, "واشنطن"), (Location, "القدس")],
            vec![("جو بايدن", "نحن ملتزمون بأمن المنطقة")],
        ),
        (
            "demo-2",
            "وزارة الصحة تطلق حملة لزراعة الأشجار",
            "alriyadh",
            "2015-07-22",
            "أطلقت وزارة الصحة في الرياض حملة لزراعة الشجرة في كل حي.\nوقال الوزير خالد الفالح: \"الشجرة مصدر الحياة\".\nوشارك أطفال المدارس بأشجارهم وشجرتهم الأولى.",
            vec![(Organisation, "وزارة الصحة"), (Location, "الرياض"), (Person, "خالد الفالح")],
            vec![("خالد الفالح", "الشجرة مصدر الحياة")],
        ),
        (
            "demo-3",
            "منتخب البانيا يفوز",
            "sabq",
            "2015-08-01",
            "فاز منتخب البانيا لكرة القدم على منافسه في مباراة ودية أقيمت في تيرانا.\nوقال المدرب إن الفريق قدم مستوى جيدا.",
            vec![(Location, "البانيا"), (Location, "تيرانا")],
            vec![],
        ),
        (
            "demo-4",
            "إطلاق مبادرة بالشجرة الخضراء",
            "sabq",
            "2015-08-02",
            "أعلنت أمانة جدة عن مبادرة جديدة تحت اسم الشجرة الخضراء لتشجير الشوارع في جدة.\nوقال الأمين إن المبادرة تستهدف زراعة ألف شجرة.",
            vec![(Organisation, "أمانة جدة"), (Location, "جدة")],
            vec![],
        ),
        (
            "demo-5",
            "بانيا شركة ناشئة",
            "aleqtisadiya",
            "2015-08-03",
            "أعلنت شركة بانيا الناشئة عن جولة تمويل جديدة في دبي.",
            vec![(Organisation, "شركة بانيا"), (Location, "دبي")],
            vec![],
        ),
    ]
}

/// The demo articles, analysed and annotated.
pub fn demo_documents(archive: &Archive) -> Vec<(String, Document)> {
    demo_articles()
        .into_iter()
        .map(|(id, title, source, date, text, ents, quotes)| {
            let input = InputDoc {
                id: Some(id.into()),
                text: text.into(),
                title: Some(title.into()),
                url: None,
                date: Some(date.into()),
                source: Some(source.into()),
            };
            let key = doc_key(&input);
            (key, annotate(archive.analyzer.analyze(input), &ents, &quotes))
        })
        .collect()
}

/// Adds the demo documents to an archive (skipping those already there) and commits.
pub fn add_demo(archive: &Archive) -> anyhow::Result<usize> {
    let mut ingester = archive.ingester(1000)?;
    let mut added = 0;
    for (key, doc) in demo_documents(archive) {
        if ingester.contains(&key) {
            continue;
        }
        ingester.add_document(key, doc)?;
        added += 1;
    }
    ingester.finish()?;
    Ok(added)
}

/// An in-memory archive holding the demo documents.
pub fn demo_archive() -> anyhow::Result<Archive> {
    let archive = Archive::in_memory()?;
    add_demo(&archive)?;
    Ok(archive)
}

/// Serves `archive` on an ephemeral loopback port from a background thread (for the
/// life of the process); returns the address.
pub fn spawn_server(archive: Archive, config: crate::server::ServerConfig) -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
            tx.send(listener.local_addr().expect("local address")).expect("send address");
            let app = crate::server::router(crate::server::AppState::new(archive, config));
            let _ = crate::server::serve(listener, app, config, std::future::pending()).await;
        });
    });
    rx.recv().expect("server started")
}
