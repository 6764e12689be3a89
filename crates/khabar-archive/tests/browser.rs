//! The web page in a real browser: Debian's headless Chromium loads the page from a
//! server on loopback, runs its JavaScript, and the rendered DOM and a screenshot are
//! checked. Skipped, saying so, when Chromium is not installed (`.ci/run` installs it
//! where apt is available).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use khabar_archive::server::ServerConfig;
use khabar_archive::testkit::{demo_archive, spawn_server};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| PathBuf::from(d).join(name)).find(|p| p.is_file())
    })
}

fn server() -> std::net::SocketAddr {
    static ADDR: OnceLock<std::net::SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| spawn_server(demo_archive().unwrap(), ServerConfig::default()))
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Runs headless Chromium on `url` with `mode` (`--dump-dom` or `--screenshot=FILE`);
/// its stdout. Each run gets a fresh profile and is killed after 90 s.
fn run_chromium(browser: &PathBuf, mode: &str, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1200,900",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(mode)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let t = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if t.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

macro_rules! browser_or_skip {
    () => {
        match chromium() {
            Some(b) => b,
            None => {
                eprintln!("skipped: chromium is not installed (apt-get install chromium chromium-driver); the web page was not tested in a browser");
                return;
            }
        }
    };
}

#[test]
fn search_shows_results_with_highlights_and_facets() {
    let browser = browser_or_skip!();
    let url = format!("http://{}/#/search?q={}", server(), enc("بالشجرة"));
    let dom = run_chromium(&browser, "--dump-dom", &url);
    assert_eq!(dom.matches("class=\"hit\"").count(), 2, "{dom}");
    assert!(dom.contains("<mark>الشجرة</mark>"), "{dom}");
    assert!(dom.contains("id=\"facets\"") && dom.contains("الكيانات"), "{dom}");
    assert!(dom.contains("href=\"#/doc/demo-2\""));
}

#[test]
fn article_view_highlights_entities_by_type_and_marks_quotes_with_speakers() {
    let browser = browser_or_skip!();
    let dom = run_chromium(&browser, "--dump-dom", &format!("http://{}/#/doc/demo-1", server()));
    assert!(dom.contains("id=\"article\""), "{dom}");
    assert!(dom.contains("class=\"ent ent-PER\" title=\"شخص: جو بايدن\">جو بايدن</mark>"), "{dom}");
    assert!(dom.contains("class=\"ent ent-LOC\""), "{dom}");
    assert!(dom.contains("<span class=\"speaker\" title=\"المتحدث\">جو بايدن</span><span class=\"quote\">نحن ملتزمون بأمن المنطقة</span>"), "{dom}");
}

#[test]
fn pasted_text_is_analysed_on_the_spot() {
    let browser = browser_or_skip!();
    let text = "وبالوكالة قال الرئيس لنتنياهو إن الشجرة جميلة.";
    let dom = run_chromium(&browser, "--dump-dom", &format!("http://{}/#/analyze?text={}", server(), enc(text)));
    assert!(dom.contains("id=\"tokens\""), "{dom}");
    // وبالوكالة as و + ب + ال + وكالة
    assert!(dom.contains("<span class=\"seg\">و</span>+<span class=\"seg\">ب</span>+<span class=\"seg\">ال</span>+وكالة"), "{dom}");
    assert!(dom.contains("id=\"article\""));
}

#[test]
fn entity_page_lists_quotes_and_co_mentioned_entities() {
    let browser = browser_or_skip!();
    let dom = run_chromium(&browser, "--dump-dom", &format!("http://{}/#/entity/{}", server(), enc("جو بايدن")));
    assert!(dom.contains("id=\"entity\""), "{dom}");
    assert!(dom.contains("id=\"co\"") && dom.contains("بنيامين نتنياهو"), "{dom}");
    assert!(dom.contains("id=\"entity-quotes\"") && dom.contains("نحن ملتزمون بأمن المنطقة"), "{dom}");
}

/// Pixels below the header bar (the top 70 rows) that differ clearly from the page
/// background, and the number of pixels there.
fn ink(png_path: &std::path::Path) -> (usize, usize) {
    let decoder = png::Decoder::new(std::fs::File::open(png_path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let skip = 70 * info.line_size;
    let bytes = &buf[skip.min(info.buffer_size())..info.buffer_size()];
    let bg: [u8; 3] = [0xfb, 0xfb, 0xf8];
    let total = bytes.len() / channels;
    let inked = bytes
        .chunks(channels)
        .filter(|px| px.iter().take(3).zip(bg).map(|(&a, b)| (a as i32 - b as i32).abs()).sum::<i32>() > 60)
        .count();
    (inked, total)
}

#[test]
fn screenshots_are_not_empty() {
    let browser = browser_or_skip!();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, route) in [("search", format!("#/search?q={}", enc("الشجرة"))), ("article", "#/doc/demo-1".to_string())] {
        let path = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&path);
        run_chromium(&browser, &format!("--screenshot={}", path.display()), &format!("http://{}/{route}", server()));
        let (inked, total) = ink(&path);
        let share = inked as f64 / total as f64;
        eprintln!("{name}: {} ({:.1}% of pixels inked)", path.display(), share * 100.0);
        // an empty page leaves only the footer line below the header (~0.1%)
        assert!(share > 0.01, "{name} screenshot looks empty: {:.1}% inked ({})", share * 100.0, path.display());
    }
}
