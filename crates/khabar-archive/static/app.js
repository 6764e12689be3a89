// khabar archive web page: search, article view, paste-and-analyse, entity pages.
// Plain JavaScript, no dependencies; every route lives in the URL hash.
"use strict";

const $app = document.getElementById("app");
const LABELS = { PER: "شخص", LOC: "مكان", ORG: "منظمة", MISC: "أخرى" };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path, options) {
  const r = await fetch(path, options);
  const body = await r.json().catch(() => ({ error: "bad response " + r.status }));
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
}

function params(hash) {
  const i = hash.indexOf("?");
  return new URLSearchParams(i < 0 ? "" : hash.slice(i + 1));
}

function docLink(id) { return "#/doc/" + encodeURIComponent(id); }
function entityLink(name) { return "#/entity/" + encodeURIComponent(name); }

async function route() {
  const hash = location.hash || "#/";
  try {
    if (hash.startsWith("#/doc/")) return await showDoc(decodeURIComponent(hash.slice(6).split("?")[0]));
    if (hash.startsWith("#/entity/")) return await showEntity(decodeURIComponent(hash.slice(9).split("?")[0]));
    if (hash.startsWith("#/analyze")) return showAnalyze(params(hash));
    return await showSearch(params(hash));
  } catch (e) {
    $app.innerHTML = `<p class="error" id="error">${esc(e.message)}</p>`;
  }
}

// ---- search -------------------------------------------------------------------------
async function showSearch(p) {
  const q = p.get("q") || "";
  const f = k => esc(p.get(k) || "");
  $app.innerHTML = `
    <form class="search" id="search-form">
      <input name="q" id="q" type="search" placeholder="ابحث في الأرشيف… (كلمات، أو «عبارة» بين علامتي تنصيص)" value="${esc(q)}" autofocus>
      <input name="entity" placeholder="كيان" value="${f("entity")}" size="10">
      <input name="source" placeholder="المصدر" value="${f("source")}" size="10" dir="ltr">
      <input name="from" type="date" value="${f("from")}" title="من">
      <input name="to" type="date" value="${f("to")}" title="إلى">
      <button type="submit">بحث</button>
    </form>
    <div class="layout"><section id="results"></section><aside id="facets"></aside></div>`;
  document.getElementById("search-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const data = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (v) data.set(k, v);
    location.hash = "#/search?" + data.toString();
  });
  const query = new URLSearchParams();
  for (const k of ["q", "entity", "source", "from", "to", "speaker"]) if (p.get(k)) query.set(k, p.get(k));
  if ([...query.keys()].length === 0) {
    document.getElementById("results").innerHTML = `<p class="muted">اكتب كلمات للبحث: «الشجرة» تجد شجرة وبالشجرة وشجرتهم.</p>`;
    return;
  }
  const r = await api("/api/search?" + query.toString() + "&limit=20");
  const results = document.getElementById("results");
  results.innerHTML = `<p class="muted" id="total">${r.total} نتيجة${r.relaxed ? " (لا تحوي كل الكلمات)" : ""}</p>` +
    r.hits.map(h => `
      <article class="hit">
        <h3><a href="${docLink(h.id)}">${h.title_fragments.length ? h.title_fragments.map(x => x.hit ? `<mark>${esc(x.text)}</mark>` : esc(x.text)).join("") : "(بلا عنوان)"}</a></h3>
        <div class="meta"><span dir="ltr">${esc(h.source || "")}</span> · ${esc(h.date || "")}${h.also.length ? " · أيضاً في: " + h.also.map(m => `<a href="${docLink(m.id)}" dir="ltr">${esc(m.source || m.id)}</a>`).join("، ") : ""}</div>
        <p class="snippet">${h.snippet_html}</p>
      </article>`).join("");
  const facet = (title, items, link) => items.length ? `<h4>${title}</h4><ul>` +
    items.map(i => `<li><a href="${link(i)}">${esc(i.value)}${i.label ? ` <small class="muted">${LABELS[i.label] || i.label}</small>` : ""}</a><span class="muted">${i.count}</span></li>`).join("") + "</ul>" : "";
  const withParam = (k, v) => { const n = new URLSearchParams(p); n.set(k, v); return "#/search?" + n.toString(); };
  document.getElementById("facets").innerHTML =
    facet("الكيانات", r.facets.entities, i => entityLink(i.value)) +
    facet("المصادر", r.facets.sources, i => withParam("source", i.value));
}

// ---- article view -------------------------------------------------------------------
function renderAnnotated(doc) {
  const chars = Array.from(doc.text);
  const cuts = new Set([0, chars.length]);
  const mentions = [];
  for (const e of doc.entities || []) for (const m of e.mentions || []) { mentions.push({ s: m.start, e: m.end, label: e.label, name: e.name }); cuts.add(m.start); cuts.add(m.end); }
  const quotes = (doc.quotes || []).map(q => ({ s: q.start, e: q.end, speaker: q.speaker ? q.speaker.text : null }));
  for (const q of quotes) { cuts.add(q.s); cuts.add(q.e); }
  const points = [...cuts].filter(x => x >= 0 && x <= chars.length).sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const text = esc(chars.slice(a, b).join(""));
    for (const q of quotes) if (q.s === a && q.speaker) html += `<span class="speaker" title="المتحدث">${esc(q.speaker)}</span>`;
    const m = mentions.find(m => m.s <= a && b <= m.e);
    const inQuote = quotes.some(q => q.s <= a && b <= q.e);
    let piece = m ? `<mark class="ent ent-${esc(m.label)}" title="${esc(LABELS[m.label] || m.label)}: ${esc(m.name)}">${text}</mark>` : text;
    if (inQuote) piece = `<span class="quote">${piece}</span>`;
    html += piece;
  }
  return html;
}

function docView(doc) {
  const ents = (doc.entities || []).map(e => `<a href="${entityLink(e.name)}" class="ent ent-${esc(e.label)}">${esc(e.name)}</a>`).join(" ");
  const quotes = (doc.quotes || []).map(q => `<li><b>${esc(q.speaker ? q.speaker.text : "؟")}</b>: «${esc(q.text)}»</li>`).join("");
  return `
    <article class="article" id="article">
      <h2>${esc(doc.title || (doc.structure && doc.structure.headline ? doc.structure.headline.text : "") || "(بلا عنوان)")}</h2>
      <p class="muted"><span dir="ltr">${esc(doc.source || "")}</span> · ${esc(doc.date || "")} · ${doc.tokens.length} كلمة، ${doc.sentences.length} جملة
        ${doc.url ? ` · <a href="${esc(doc.url)}" dir="ltr">المصدر</a>` : ""}
        ${doc.near_duplicate_of ? ` · نسخة قريبة من <a href="${docLink(doc.near_duplicate_of.id)}">مقال آخر</a>` : ""}</p>
      <p class="legend muted"><span class="ent ent-PER">شخص</span><span class="ent ent-LOC">مكان</span><span class="ent ent-ORG">منظمة</span><span class="ent ent-MISC">أخرى</span><span class="quote">اقتباس</span></p>
      <div class="body" id="body">${renderAnnotated(doc)}</div>
      ${ents ? `<h3>الكيانات</h3><p class="chips" id="entities">${ents}</p>` : ""}
      ${quotes ? `<h3>الاقتباسات</h3><ul id="quotes">${quotes}</ul>` : ""}
    </article>`;
}

async function showDoc(id) {
  $app.innerHTML = `<p class="muted">…</p>`;
  const doc = await api("/api/documents/" + encodeURIComponent(id));
  $app.innerHTML = docView(doc);
}

// ---- paste an article -----------------------------------------------------------------
function showAnalyze(p) {
  $app.innerHTML = `
    <h2>حلّل نصاً</h2>
    <form id="analyze-form">
      <textarea id="text" name="text" placeholder="الصق نص مقال هنا…">${esc(p.get("text") || "")}</textarea>
      <p><button type="submit" id="analyze-button">حلّل</button></p>
    </form>
    <div id="analysis"></div>`;
  const form = document.getElementById("analyze-form");
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const out = document.getElementById("analysis");
    out.innerHTML = `<p class="muted">…</p>`;
    try {
      const doc = await api("/api/analyze", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: document.getElementById("text").value }) });
      const words = doc.tokens.filter(t => t.kind === "word").slice(0, 300);
      out.innerHTML = docView(doc) + `<h3>الكلمات وسوابقها ولواحقها</h3><div class="tokens" id="tokens">` +
        words.map(t => `<span class="tok" title="الجذع: ${esc(t.stem)}">${t.segments.map(s => s.kind === "stem" ? esc(s.text) : `<span class="seg">${esc(s.text)}</span>`).join("+")}</span>`).join("") + `</div>`;
    } catch (e) {
      out.innerHTML = `<p class="error" id="error">${esc(e.message)}</p>`;
    }
  });
  if (p.get("text")) form.requestSubmit();
}

// ---- entity page ----------------------------------------------------------------------
async function showEntity(name) {
  $app.innerHTML = `<p class="muted">…</p>`;
  const [ents, quotes, docs] = await Promise.all([
    api("/api/entities?limit=1&q=" + encodeURIComponent(name)),
    api("/api/quotes?speaker=" + encodeURIComponent(name)),
    api("/api/search?limit=10&entity=" + encodeURIComponent(name)),
  ]);
  const e = ents.entities[0];
  $app.innerHTML = `
    <article class="article" id="entity">
      <h2>${esc(name)} ${e ? `<small class="ent ent-${esc(e.label)}">${LABELS[e.label] || e.label}</small>` : ""}</h2>
      ${e ? `<p class="muted">في ${e.documents} مقال، ${e.mentions} ذكر</p>` : `<p class="muted">لا يعرف الأرشيف هذا الكيان.</p>`}
      ${e && e.co_mentioned.length ? `<h3>يُذكر معه غالباً</h3><p class="chips" id="co">` + e.co_mentioned.map(c => `<a href="${entityLink(c.name)}" class="ent ent-${esc(c.label)}">${esc(c.name)} <small>${c.count}</small></a>`).join("") + "</p>" : ""}
      <h3>أقواله</h3>
      ${quotes.quotes.length ? `<ul id="entity-quotes">` + quotes.quotes.map(q => `<li>«${esc(q.text)}» — <a href="${docLink(q.document)}">${esc(q.title || q.document)}</a> <span class="muted" dir="ltr">${esc(q.source || "")}</span></li>`).join("") + "</ul>" : `<p class="muted">لا اقتباسات.</p>`}
      <h3>مقالات تذكره</h3>
      <ul>${docs.hits.map(h => `<li><a href="${docLink(h.id)}">${esc(h.title || h.id)}</a> <span class="muted" dir="ltr">${esc(h.source || "")}</span></li>`).join("")}</ul>
    </article>`;
}

window.addEventListener("hashchange", route);
route();
api("/health").then(h => { document.getElementById("count").textContent = h.documents + " مقال في الأرشيف"; }).catch(() => {});
