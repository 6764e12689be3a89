//! The HTTP server: a JSON API over an [`Archive`], its OpenAPI description, and a web
//! page (right-to-left, with an Arabic font served from the binary).
//!
//! Limits: request bodies over [`ServerConfig::max_body`] get a 413, texts over
//! [`ServerConfig::max_text_chars`] a 413, requests taking longer than
//! [`ServerConfig::request_timeout`] (a slow body included) a 408, and a client that
//! does not send its request headers within [`ServerConfig::header_timeout`] is
//! disconnected. Malformed JSON or parameters get a 400. Every error is
//! `{"error": "…"}`. A panic in a handler becomes a 500, never a dead server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::middleware::{self, Next};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

use crate::aggregate::EntityIndex;
use crate::search::SearchRequest;
use crate::Archive;

/// Server limits.
#[derive(Debug, Clone, Copy)]
pub struct ServerConfig {
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Longest text `POST /api/analyze` accepts, in characters.
    pub max_text_chars: usize,
    /// Time for a whole request, from its headers to the response.
    pub request_timeout: Duration,
    /// Time a client has to send its request headers.
    pub header_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body: 2 << 20,
            max_text_chars: 500_000,
            request_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(5),
        }
    }
}

/// What the handlers share.
pub struct AppState {
    pub archive: Archive,
    pub config: ServerConfig,
    /// The entity index and the index generation it was built from.
    entities: Mutex<Option<(u64, Arc<EntityIndex>)>>,
}

impl AppState {
    pub fn new(archive: Archive, config: ServerConfig) -> Arc<AppState> {
        Arc::new(AppState { archive, config, entities: Mutex::new(None) })
    }
}

const INDEX_HTML: &str = include_str!("../static/index.html");
const APP_JS: &str = include_str!("../static/app.js");
const STYLE_CSS: &str = include_str!("../static/style.css");
const FONT: &[u8] = include_bytes!("../static/fonts/NotoNaskhArabic-Regular.ttf");
const FONT_LICENSE: &str = include_str!("../static/fonts/LICENSE-OFL.txt");
const OPENAPI: &str = include_str!("../static/openapi.json");

/// An error answer: `{"error": message}` with a status.
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad(message: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, message.into())
    }
    fn internal(e: anyhow::Error) -> Self {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("internal error: {e:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1, "status": self.0.as_u16() }))).into_response()
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError(StatusCode::BAD_REQUEST, format!("bad query parameters: {}", r.body_text()))
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        let status = r.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "request body too large".to_string()
        } else {
            format!("cannot read the request body: {}", r.body_text())
        };
        ApiError(status, message)
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// The router with every route and limit.
pub fn router(state: Arc<AppState>) -> Router {
    let config = state.config;
    Router::new()
        .route("/", get(page))
        .route("/static/app.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], APP_JS) }))
        .route("/static/style.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE_CSS) }))
        .route(
            "/static/fonts/NotoNaskhArabic-Regular.ttf",
            get(|| async { ([(header::CONTENT_TYPE, "font/ttf"), (header::CACHE_CONTROL, "max-age=86400")], FONT) }),
        )
        .route("/static/fonts/LICENSE-OFL.txt", get(|| async { ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], FONT_LICENSE) }))
        .route("/openapi.json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }))
        .route("/health", get(health))
        .route("/api/analyze", post(analyze))
        .route("/api/search", get(search))
        .route("/api/documents/{*id}", get(document))
        .route("/api/entities", get(entities))
        .route("/api/quotes", get(quotes))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn(move |req: Request, next: Next| limits(config, req, next)))
        .layer(CatchPanicLayer::custom(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()).into_response()))
        .with_state(state)
}

/// Refuses a declared body over the limit before reading it, and answers 408 when a
/// request (a slow body included) takes longer than the request timeout.
async fn limits(config: ServerConfig, req: Request, next: Next) -> Response {
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > config.max_body as u64) {
        return ApiError(StatusCode::PAYLOAD_TOO_LARGE, format!("request body too large (at most {} bytes)", config.max_body)).into_response();
    }
    match tokio::time::timeout(config.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError(StatusCode::REQUEST_TIMEOUT, format!("request not completed within {} ms", config.request_timeout.as_millis()))
            .into_response(),
    }
}

async fn page() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML)
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such page or endpoint; see /openapi.json".into())
}

async fn health(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(json!({ "status": "ok", "documents": state.archive.num_docs() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeBody {
    text: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// `POST /api/analyze`: `{"text": …}` (or a plain-text body) in, a document out.
async fn analyze(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> ApiResult<Response> {
    let body = body?;
    // a text/plain body is the text itself; anything else must be JSON
    let plain = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.starts_with("text/plain"));
    let input = if !plain {
        let b: AnalyzeBody = serde_json::from_slice(&body).map_err(|e| ApiError::bad(format!("malformed JSON: {e}; expected {{\"text\": \"…\"}}")))?;
        khabar::InputDoc { id: b.id, text: b.text, title: b.title, url: b.url, date: b.date, source: b.source }
    } else {
        let text = String::from_utf8(body.to_vec()).map_err(|e| ApiError::bad(format!("body is not UTF-8: {e}")))?;
        khabar::InputDoc::from_text(text)
    };
    if input.text.trim().is_empty() {
        return Err(ApiError::bad("`text` is empty"));
    }
    let chars = input.text.chars().count();
    if chars > state.config.max_text_chars {
        return Err(ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("text too long: {chars} characters, at most {}", state.config.max_text_chars),
        ));
    }
    let st = state.clone();
    let doc = tokio::task::spawn_blocking(move || st.archive.analyzer.analyze(input))
        .await
        .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed (internal error)".into()))?;
    Ok(Json(doc).into_response())
}

#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    entity: Option<String>,
    source: Option<String>,
    from: Option<String>,
    to: Option<String>,
    speaker: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    facets: Option<bool>,
}

/// `GET /api/search`.
async fn search(State(state): State<Arc<AppState>>, params: Result<Query<SearchParams>, QueryRejection>) -> ApiResult<Response> {
    let Query(p) = params?;
    if p.q.chars().count() > 1000 {
        return Err(ApiError::bad("query too long (at most 1000 characters)"));
    }
    let limit = p.limit.unwrap_or(10);
    if limit == 0 || limit > 100 {
        return Err(ApiError::bad("`limit` must be between 1 and 100"));
    }
    let req = SearchRequest {
        q: p.q,
        entity: p.entity,
        source: p.source,
        from: p.from,
        to: p.to,
        speaker: p.speaker,
        limit,
        offset: p.offset.unwrap_or(0).min(1000),
        facets: p.facets.unwrap_or(true),
    };
    match state.archive.search(&req).map_err(ApiError::internal)? {
        Ok(results) => Ok(Json(results).into_response()),
        Err(bad) => Err(ApiError::bad(bad.0)),
    }
}

/// `GET /api/documents/{id}`.
async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Response> {
    match state.archive.document(&id).map_err(ApiError::internal)? {
        Some(doc) => Ok(Json(doc).into_response()),
        None => Err(ApiError(StatusCode::NOT_FOUND, format!("no document with id `{id}`"))),
    }
}

#[derive(Deserialize)]
struct EntityParams {
    #[serde(default)]
    q: String,
    label: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/entities`.
async fn entities(State(state): State<Arc<AppState>>, params: Result<Query<EntityParams>, QueryRejection>) -> ApiResult<Response> {
    let Query(p) = params?;
    if let Some(l) = &p.label {
        if !["PER", "LOC", "ORG", "MISC"].contains(&l.to_ascii_uppercase().as_str()) {
            return Err(ApiError::bad("`label` must be PER, LOC, ORG or MISC"));
        }
    }
    let st = state.clone();
    let index = tokio::task::spawn_blocking(move || entity_index(&st))
        .await
        .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "entity index failed".into()))?
        .map_err(ApiError::internal)?;
    let found = index.find(&state.archive, &p.q, p.label.as_deref(), p.limit.unwrap_or(20).clamp(1, 200), 10);
    Ok(Json(json!({ "entities": found })).into_response())
}

/// The entity index of the current searcher, rebuilt when the index has changed.
fn entity_index(state: &AppState) -> anyhow::Result<Arc<EntityIndex>> {
    let generation = state.archive.searcher().generation().generation_id();
    let mut cached = state.entities.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((g, index)) = cached.as_ref() {
        if *g == generation {
            return Ok(index.clone());
        }
    }
    let index = Arc::new(EntityIndex::build(&state.archive)?);
    *cached = Some((generation, index.clone()));
    Ok(index)
}

#[derive(Deserialize)]
struct QuoteParams {
    speaker: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/quotes?speaker=…`.
async fn quotes(State(state): State<Arc<AppState>>, params: Result<Query<QuoteParams>, QueryRejection>) -> ApiResult<Response> {
    let Query(p) = params?;
    let Some(speaker) = p.speaker.filter(|s| !s.trim().is_empty()) else {
        return Err(ApiError::bad("`speaker` is required"));
    };
    let quotes = state.archive.quotes(&speaker, p.limit.unwrap_or(100)).map_err(ApiError::internal)?;
    Ok(Json(json!({ "speaker": speaker, "quotes": quotes })).into_response())
}

/// Serves `app` on `listener` until `shutdown` resolves, with the header timeout.
pub async fn serve(listener: TcpListener, app: Router, config: ServerConfig, shutdown: impl std::future::Future<Output = ()>) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_timeout).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(_) => {
                    // out of file descriptors or similar: back off, keep serving
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let conn = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
}

/// Binds `addr` and serves the archive until Ctrl-C.
pub fn run(archive: Archive, addr: SocketAddr, config: ServerConfig, on_ready: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr()?;
        let app = router(AppState::new(archive, config));
        on_ready(local);
        serve(listener, app, config, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok(())
    })
}

