//! Ingestion idempotence, near-duplicate grouping, Arabic search variants, phrases,
//! filters, entity and quote aggregation.

use khabar::InputDoc;
use khabar_archive::aggregate::EntityIndex;
use khabar_archive::testkit::{add_demo, demo_archive};
use khabar_archive::{Archive, SearchRequest, SearchResults};

fn search(archive: &Archive, q: &str) -> SearchResults {
    search_with(archive, SearchRequest { q: q.into(), ..Default::default() })
}

fn search_with(archive: &Archive, mut req: SearchRequest) -> SearchResults {
    if req.limit == 0 {
        req.limit = 10;
    }
    req.facets = true;
    archive.search(&req).unwrap().unwrap()
}

fn ids(r: &SearchResults) -> Vec<String> {
    let mut v: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
    v.sort();
    v
}

#[test]
fn clitic_article_and_suffix_variants_find_each_other() {
    let archive = demo_archive().unwrap();
    let base = ids(&search(&archive, "الشجرة"));
    assert!(base.contains(&"demo-2".to_string()) && base.contains(&"demo-4".to_string()), "{base:?}");
    for variant in ["شجرة", "بالشجرة", "وشجرتهم", "الشَّجَرَة", "الشجـــرة"] {
        assert_eq!(ids(&search(&archive, variant)), base, "{variant}");
    }
}

#[test]
fn alef_variants_find_each_other() {
    let archive = demo_archive().unwrap();
    let a = ids(&search(&archive, "أطلقت"));
    assert_eq!(a, vec!["demo-2"]);
    assert_eq!(ids(&search(&archive, "اطلقت")), a);
    assert_eq!(ids(&search(&archive, "إطلاق")), vec!["demo-4"]);
    assert_eq!(ids(&search(&archive, "اطلاق")), vec!["demo-4"]);
    // final yeh and alef maqsura
    assert_eq!(ids(&search(&archive, "مستوى")), vec!["demo-3"]);
    assert_eq!(ids(&search(&archive, "مستوي")), vec!["demo-3"]);
}

#[test]
fn albania_is_not_split_into_the_article_and_bania() {
    let archive = demo_archive().unwrap();
    assert_eq!(ids(&search(&archive, "البانيا")), vec!["demo-3"]);
    assert_eq!(ids(&search(&archive, "بانيا")), vec!["demo-5"]);
}

#[test]
fn quoted_phrase_matches_exactly_and_in_order() {
    let archive = demo_archive().unwrap();
    assert_eq!(ids(&search(&archive, "\"وزارة الصحة\"")), vec!["demo-2"]);
    assert_eq!(ids(&search(&archive, "«الشجرة الخضراء»")), vec!["demo-4"]);
    // the words of the phrase are in demo-2 too, but not in this order
    assert!(ids(&search(&archive, "\"الصحة وزارة\"")).is_empty());
    // a phrase is exact: another form of the word does not match it
    assert!(ids(&search(&archive, "\"للشجرة الخضراء\"")).is_empty());
}

#[test]
fn title_matches_rank_first_and_snippets_mark_matches() {
    let archive = demo_archive().unwrap();
    let r = search(&archive, "مبادرة");
    assert_eq!(r.hits[0].id, "demo-4");
    assert!(r.hits[0].title_fragments.iter().any(|f| f.hit && f.text == "مبادرة"));
    assert!(r.hits[0].snippet_html.contains("<mark>مبادرة</mark>"), "{}", r.hits[0].snippet_html);
    let r = search(&archive, "الشجرة");
    let demo2 = r.hits.iter().find(|h| h.id == "demo-2").unwrap();
    assert!(demo2.snippet.iter().any(|f| f.hit && f.text == "الشجرة"), "{:?}", demo2.snippet);
}

#[test]
fn all_words_required_then_relaxed() {
    let archive = demo_archive().unwrap();
    let r = search(&archive, "بايدن نتنياهو");
    assert_eq!(ids(&r), vec!["demo-1"]);
    assert!(!r.relaxed);
    let r = search(&archive, "بايدن البانيا");
    assert!(r.relaxed);
    assert_eq!(ids(&r), vec!["demo-1", "demo-3"]);
}

#[test]
fn filters_source_dates_entity_speaker() {
    let archive = demo_archive().unwrap();
    let req = |q: &str| SearchRequest { q: q.into(), ..Default::default() };
    let r = search_with(&archive, SearchRequest { source: Some("sabq".into()), ..req("") });
    assert_eq!(ids(&r), vec!["demo-3", "demo-4"]);
    let r = search_with(&archive, SearchRequest { from: Some("2015-08-01".into()), to: Some("2015-08-02".into()), ..req("") });
    assert_eq!(ids(&r), vec!["demo-3", "demo-4"]);
    let r = search_with(&archive, SearchRequest { from: Some("2015-08-02".into()), ..req("الشجرة") });
    assert_eq!(ids(&r), vec!["demo-4"]);
    // entity filter: the name normalised (alef variants), any query
    let r = search_with(&archive, SearchRequest { entity: Some("جو بايدن".into()), ..req("") });
    assert_eq!(ids(&r), vec!["demo-1"]);
    let r = search_with(&archive, SearchRequest { entity: Some("الرياض".into()), ..req("الشجرة") });
    assert_eq!(ids(&r), vec!["demo-2"]);
    let r = search_with(&archive, SearchRequest { speaker: Some("خالد الفالح".into()), ..req("") });
    assert_eq!(ids(&r), vec!["demo-2"]);
    let r = search_with(&archive, SearchRequest { speaker: Some("خالد الفالح".into()), ..req("البانيا") });
    assert!(r.hits.is_empty());
    // bad dates and empty requests are the caller's errors
    let bad = archive.search(&SearchRequest { q: "x".into(), from: Some("yesterday".into()), limit: 10, ..Default::default() }).unwrap();
    assert!(bad.unwrap_err().0.contains("YYYY-MM-DD"));
    assert!(archive.search(&SearchRequest { limit: 10, ..Default::default() }).unwrap().is_err());
}

#[test]
fn facets_count_entities_and_sources_of_the_hits() {
    let archive = demo_archive().unwrap();
    let r = search(&archive, "وقال");
    let sources: Vec<(&str, usize)> = r.facets.sources.iter().map(|f| (f.value.as_str(), f.count)).collect();
    assert!(sources.contains(&("sabq", 2)), "{sources:?}");
    assert!(r.facets.entities.iter().any(|f| f.value == "جو بايدن" && f.label.as_deref() == Some("PER")));
}

#[test]
fn entities_across_the_archive_with_co_mentions_and_quotes() {
    let archive = demo_archive().unwrap();
    let index = EntityIndex::build(&archive).unwrap();
    assert!(index.len() >= 12);
    let found = index.find(&archive, "بايدن", None, 10, 10);
    assert_eq!(found[0].name, "جو بايدن");
    assert_eq!(found[0].label, "PER");
    assert_eq!(found[0].documents, 1);
    assert_eq!(found[0].mentions, 1);
    let co: Vec<&str> = found[0].co_mentioned.iter().map(|c| c.name.as_str()).collect();
    assert!(co.contains(&"بنيامين نتنياهو") && co.contains(&"واشنطن"), "{co:?}");
    assert!(index.find(&archive, "", Some("ORG"), 10, 0).iter().all(|e| e.label == "ORG"));
    let quotes = archive.quotes("جو بايدن", 10).unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "نحن ملتزمون بأمن المنطقة");
    assert_eq!(quotes[0].document, "demo-1");
    assert!(archive.quotes("أحد آخر", 10).unwrap().is_empty());
}

#[test]
fn stored_document_comes_back_whole() {
    let archive = demo_archive().unwrap();
    let doc = archive.document("demo-1").unwrap().unwrap();
    assert_eq!(doc.title.as_deref(), Some("بايدن يتصل بنتنياهو"));
    assert!(!doc.tokens.is_empty() && !doc.sentences.is_empty());
    assert_eq!(doc.entities.len(), 4);
    assert_eq!(doc.quotes.len(), 1);
    let fresh = archive.analyzer.analyze(InputDoc { id: Some("x".into()), text: doc.text.clone(), ..Default::default() });
    assert_eq!(fresh.tokens, doc.tokens);
    assert!(archive.document("no-such-id").unwrap().is_none());
}

fn article(i: usize) -> String {
    format!(
        "أعلنت الهيئة العامة للإحصاء في تقريرها رقم {i} أن معدل التضخم في المملكة بلغ مستوى جديدا خلال الشهر الماضي، \
         مدفوعا بارتفاع أسعار السكن والنقل والغذاء، فيما توقع محللون أن يستقر المعدل خلال الأشهر المقبلة مع تراجع الطلب."
    )
}

#[test]
fn ingestion_is_idempotent_and_incremental_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let docs = |range: std::ops::Range<usize>| -> Vec<InputDoc> {
        range
            .map(|i| InputDoc {
                // positional ids, as the reader gives: keyed by content
                id: Some(format!("batch.jsonl:{i}")),
                text: format!("{} {}", article(i), "كلمة ".repeat(i * 7)),
                title: Some(format!("تقرير {i}")),
                ..Default::default()
            })
            .collect()
    };
    let ingest = |docs: Vec<InputDoc>| {
        let archive = Archive::open_or_create(dir.path()).unwrap();
        let mut ing = archive.ingester(3).unwrap();
        let mut errors = Vec::new();
        let out = ing.add_batch(docs, &mut errors).unwrap();
        assert!(errors.is_empty());
        ing.finish().unwrap();
        (out, archive.num_docs())
    };
    let (out, n) = ingest(docs(0..10));
    assert_eq!((out.added, out.known, n), (10, 0, 10));
    let (out, n) = ingest(docs(0..10));
    assert_eq!((out.added, out.known, n), (0, 10, 10));
    // the same content under other positional ids is the same document
    let mut moved = docs(0..5);
    for d in &mut moved {
        d.id = Some(format!("elsewhere/{}", d.id.as_deref().unwrap()));
    }
    let (out, n) = ingest(moved);
    assert_eq!((out.added, n), (0, 10));
    // new input is added incrementally; a repeat inside one batch counts once
    let mut more = docs(8..14);
    more.extend(docs(12..13));
    let (out, n) = ingest(more);
    assert_eq!((out.added, out.known, n), (4, 3, 14));
    // explicit ids key documents by id
    let explicit = vec![
        InputDoc { id: Some("story-1".into()), text: "نص أول".into(), ..Default::default() },
        InputDoc { id: Some("story-1".into()), text: "نص معدل".into(), ..Default::default() },
    ];
    let (out, n) = ingest(explicit);
    assert_eq!((out.added, out.known, n), (1, 1, 15));
}

#[test]
fn near_duplicates_are_grouped_and_collapsed_in_results() {
    let archive = Archive::in_memory().unwrap();
    let mut ing = archive.ingester(100).unwrap();
    let base = article(1);
    let docs = vec![
        InputDoc { id: Some("a".into()), text: base.clone(), source: Some("spa".into()), title: Some("التضخم".into()), ..Default::default() },
        InputDoc { id: Some("b".into()), text: format!("{base} المصدر: واس"), source: Some("okaz".into()), title: Some("التضخم".into()), ..Default::default() },
        InputDoc { id: Some("c".into()), text: article(2).replace("التضخم", "البطالة").replace("السكن", "العمل"), source: Some("sabq".into()), ..Default::default() },
        InputDoc { id: Some("d".into()), text: "خبر آخر تماما عن مباراة كرة القدم بين الهلال والنصر في الرياض مساء أمس أمام جمهور كبير من المشجعين".into(), ..Default::default() },
    ];
    let mut errors = Vec::new();
    let out = ing.add_batch(docs, &mut errors).unwrap();
    ing.finish().unwrap();
    assert_eq!(out.added, 4);
    assert_eq!(out.grouped, 1, "b joins a; c (different words) and d stand alone");
    let b = archive.document("b").unwrap().unwrap();
    assert_eq!(b.near_duplicate_of.as_ref().unwrap().id, "a");
    assert!(archive.document("a").unwrap().unwrap().near_duplicate_of.is_none());
    let r = search(&archive, "التضخم");
    let lead = r.hits.iter().find(|h| h.id == "a" || h.id == "b").unwrap();
    assert_eq!(lead.also.len(), 1);
    assert_eq!(r.hits.iter().filter(|h| h.id == "a" || h.id == "b").count(), 1);
    // re-opening for more input keeps the groups
    let mut ing = archive.ingester(100).unwrap();
    let out = ing
        .add_batch(vec![InputDoc { id: Some("e".into()), text: format!("{base} وكالات"), ..Default::default() }], &mut errors)
        .unwrap();
    ing.finish().unwrap();
    assert_eq!(out.grouped, 1);
}

#[test]
fn demo_can_be_added_twice() {
    let archive = demo_archive().unwrap();
    assert_eq!(add_demo(&archive).unwrap(), 0);
    assert_eq!(archive.num_docs(), 5);
}
