//! The HTTP API over loopback: answers, errors, limits, slow clients, and a small
//! bounded load.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use khabar_archive::server::{router, serve, AppState, ServerConfig};
use khabar_archive::testkit::demo_archive;

fn config() -> ServerConfig {
    ServerConfig {
        max_body: 64 * 1024,
        max_text_chars: 20_000,
        request_timeout: Duration::from_millis(1500),
        header_timeout: Duration::from_millis(1000),
    }
}

/// Starts a server on an ephemeral loopback port, for the life of the test process.
fn start() -> SocketAddr {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let app = router(AppState::new(demo_archive().unwrap(), config()));
            serve(listener, app, config(), std::future::pending()).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn request(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(raw).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    Reply { status, body }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
}

fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> Reply {
    let mut raw = format!("POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    raw.extend_from_slice(body);
    request(addr, &raw)
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[test]
fn api_answers() {
    let addr = start();
    let r = get(addr, "/health");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["documents"], 5);

    let r = post(addr, "/api/analyze", "application/json", "{\"text\": \"قال بايدن لنتنياهو: نحن ملتزمون.\", \"title\": \"t\"}".as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let doc = r.json();
    assert_eq!(doc["schema"], "khabar.document/1");
    assert!(doc["tokens"].as_array().unwrap().len() >= 6);
    let r = post(addr, "/api/analyze", "text/plain; charset=utf-8", "وبالوكالة".as_bytes());
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["tokens"][0]["segments"].as_array().unwrap().len(), 4);

    let r = get(addr, &format!("/api/search?q={}", enc("بالشجرة")));
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["total"], 2);
    assert!(j["hits"][0]["snippet_html"].as_str().unwrap().contains("<mark>"));
    let r = get(addr, &format!("/api/search?q=&entity={}&source=wire", enc("جو بايدن")));
    assert_eq!(r.json()["hits"][0]["id"], "demo-1");
    let r = get(addr, &format!("/api/search?q={}&from=2015-08-01&to=2015-08-31", enc("الشجرة")));
    assert_eq!(r.json()["hits"][0]["id"], "demo-4");

    let r = get(addr, "/api/documents/demo-2");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["entities"].as_array().unwrap().len(), 3);
    let r = get(addr, &format!("/api/entities?q={}", enc("بايدن")));
    let e = &r.json()["entities"][0];
    assert_eq!(e["name"], "جو بايدن");
    assert!(e["co_mentioned"].as_array().unwrap().iter().any(|c| c["name"] == "واشنطن"));
    let r = get(addr, &format!("/api/quotes?speaker={}", enc("خالد الفالح")));
    assert_eq!(r.json()["quotes"][0]["text"], "الشجرة مصدر الحياة");

    let r = get(addr, "/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r.json()["paths"]["/api/search"].is_object());
    let r = get(addr, "/");
    assert!(r.body.contains("dir=\"rtl\"") && r.body.contains("/static/app.js"));
    assert!(!r.body.contains("https://"), "no CDN");
    let r = get(addr, "/static/style.css");
    assert!(r.body.contains("/static/fonts/NotoNaskhArabic-Regular.ttf"));
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"GET /static/fonts/NotoNaskhArabic-Regular.ttf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    assert!(buf.len() > 100_000 && buf.starts_with(b"HTTP/1.1 200"));
}

#[test]
fn api_errors_are_4xx_with_a_message() {
    let addr = start();
    let cases: Vec<(Reply, u16, &str)> = vec![
        (post(addr, "/api/analyze", "application/json", b"{\"text\": "), 400, "malformed JSON"),
        (post(addr, "/api/analyze", "application/json", b"[1,2]"), 400, "malformed JSON"),
        (post(addr, "/api/analyze", "application/json", b"{\"txt\": \"x\"}"), 400, "malformed JSON"),
        (post(addr, "/api/analyze", "application/x-www-form-urlencoded", b"text=abc"), 400, "malformed JSON"),
        (post(addr, "/api/analyze", "application/json", b"{\"text\": \"   \"}"), 400, "empty"),
        (post(addr, "/api/analyze", "text/plain", &[0xff, 0xfe, 0x41]), 400, "UTF-8"),
        (post(addr, "/api/analyze", "application/json", &vec![b' '; 100 * 1024]), 413, "too large"),
        (post(addr, "/api/analyze", "text/plain", "ب".repeat(25_000).as_bytes()), 413, "too long"),
        (get(addr, "/api/search?q=x&limit=abc"), 400, "limit"),
        (get(addr, "/api/search?q=x&limit=0"), 400, "limit"),
        (get(addr, "/api/search?q=x&from=tomorrow"), 400, "YYYY-MM-DD"),
        (get(addr, "/api/search?q="), 400, "empty query"),
        (get(addr, &format!("/api/search?q={}", "a".repeat(1200))), 400, "too long"),
        (get(addr, "/api/documents/nothing-here"), 404, "no document"),
        (get(addr, "/api/quotes"), 400, "speaker"),
        (get(addr, "/api/entities?label=XYZ"), 400, "label"),
        (get(addr, "/api/nowhere"), 404, "no such"),
    ];
    for (i, (reply, status, message)) in cases.into_iter().enumerate() {
        assert_eq!(reply.status, status, "case {i}: {}", reply.body);
        let j = reply.json();
        assert!(j["error"].as_str().unwrap().contains(message), "case {i}: {}", reply.body);
    }
    // a huge declared body is refused before it is read
    let r = request(addr, b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n{");
    assert_eq!(r.status, 413);
    // garbage instead of HTTP: an error answer or a closed connection, and the server lives on
    let _ = request(addr, b"\x00\x01\x02 garbage\r\n\r\n");
    assert_eq!(get(addr, "/health").status, 200);
}

#[test]
fn slow_clients_are_timed_out() {
    let addr = start();
    // headers never finished: disconnected after the header timeout
    let t = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    // a body that never arrives: 408 after the request timeout
    let t = Instant::now();
    let r = request(addr, b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":");
    assert_eq!(r.status, 408, "{}", r.body);
    assert!(r.json()["error"].as_str().is_some() || r.body.is_empty());
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(get(addr, "/health").status, 200);
}

#[test]
fn bounded_mixed_load_all_answered() {
    let addr = start();
    let t = Instant::now();
    let threads: Vec<_> = (0..4)
        .map(|k| {
            std::thread::spawn(move || {
                let mut ok = 0;
                for i in 0..50 {
                    let r = if (i + k) % 5 == 0 {
                        post(addr, "/api/analyze", "application/json", "{\"text\": \"أعلنت وزارة الصحة عن حملة جديدة.\"}".as_bytes())
                    } else {
                        get(addr, &format!("/api/search?q={}", enc(["الشجرة", "بايدن", "البانيا", "\"وزارة الصحة\""][i % 4])))
                    };
                    if r.status == 200 {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let ok: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(ok, 200);
    assert!(t.elapsed() < Duration::from_secs(60));
}
