"""Inline CSS and JavaScript of the HTML report (no external assets).

Kept as constants so the standalone page and the web UI (``crosscheck.web``) share them;
the page's Content-Security-Policy allows exactly these two blocks by hash.
"""

from __future__ import annotations

import base64
import hashlib

REPORT_CSS = """
:root {
  --fg: #1d2330; --muted: #5b6472; --line: #d9dde3; --bg: #f6f7f9; --card: #fff;
  --accent: #24518f;
  --k-contradiction: #8c1d40; --kb-contradiction: #f7dde6;
  --k-attribution_conflict: #b3261e; --kb-attribution_conflict: #fbe0de;
  --k-numeric_conflict: #b84a00; --kb-numeric_conflict: #ffe6d1;
  --k-date_conflict: #8a5a00; --kb-date_conflict: #fbecc8;
  --k-temporal_anomaly: #6b2fa0; --kb-temporal_anomaly: #eee2f8;
  --k-corroborated: #2d6a30; --kb-corroborated: #dcefdc;
  --k-single_source: #1f5aa6; --kb-single_source: #dde8f7;
  --k-copy: #55636e; --kb-copy: #e4e8eb;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .4rem .8rem; z-index: 10; }
.cc-header { background: #16202e; color: #fff; padding: 1.1rem 1.6rem 1rem; }
.cc-header h1 { margin: 0 0 .2rem; font-size: 1.35rem; font-weight: 650; letter-spacing: .01em; }
.cc-header .sub { margin: 0 0 .7rem; color: #b9c3d0; font-size: .9rem; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; padding: 0; list-style: none; }
.counts li { background: rgba(255,255,255,.09); border: 1px solid rgba(255,255,255,.18);
  border-radius: 999px; padding: .12rem .7rem .12rem .5rem; font-size: .85rem; }
.counts .dot { display: inline-block; width: .65rem; height: .65rem; border-radius: 50%;
  margin-right: .35rem; vertical-align: -.02rem; background: var(--kc, #999); }
.counts b { font-variant-numeric: tabular-nums; margin-left: .25rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: 1.2rem; align-items: center;
  padding: .55rem 1.6rem; background: #fff; border-bottom: 1px solid var(--line);
  font-size: .88rem; position: sticky; top: 0; z-index: 5; }
.toolbar label { cursor: pointer; }
.legend { display: flex; flex-wrap: wrap; gap: .7rem; margin-left: auto; color: var(--muted); }
.legend span::before { content: ""; display: inline-block; width: .8rem; height: .8rem;
  border-radius: 2px; margin-right: .3rem; vertical-align: -.1rem;
  background: var(--kb); border-bottom: 2px solid var(--kc); }
.layout { display: grid; grid-template-columns: minmax(300px, 410px) 1fr; gap: 1.2rem;
  padding: 1.2rem 1.6rem 2rem; align-items: start; }
@media (max-width: 1000px) {
  .layout { grid-template-columns: 1fr; }
  .findings-panel { position: static; max-height: none; overflow: visible; }
}
h2 { font-size: 1.02rem; margin: 0 0 .6rem; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); font-weight: 650; }
.findings-panel { position: sticky; top: 3.2rem; max-height: calc(100vh - 4rem); overflow: auto;
  padding-right: .3rem; }
.findings { list-style: none; margin: 0; padding: 0; }
.kind-group { margin: 0 0 1rem; }
.kind-group > h3 { font-size: .82rem; margin: 0 0 .4rem; color: var(--kc);
  text-transform: uppercase; letter-spacing: .05em; }
.finding { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--kc);
  border-radius: 6px; margin: 0 0 .55rem; padding: .55rem .75rem .6rem; }
.finding.severity-severe { background: linear-gradient(90deg, #fff6f5, #fff 60%); }
.finding.selected { box-shadow: 0 0 0 2px var(--kc); }
.finding-head { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; width: 100%;
  background: none; border: 0; padding: 0; margin: 0 0 .25rem; font: inherit; color: inherit;
  text-align: left; cursor: pointer; }
.badge { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  color: var(--kc); background: var(--kb); border-radius: 3px; padding: .05rem .4rem; }
.sev { font-size: .72rem; border-radius: 3px; padding: .05rem .4rem; border: 1px solid; }
.sev-severe { color: #fff; background: #b3261e; border-color: #b3261e; }
.sev-review { color: #7a4d00; background: #fff2cc; border-color: #e5c15c; }
.sev-info { color: var(--muted); background: #f1f3f5; border-color: var(--line); }
.conf { margin-left: auto; font-size: .8rem; color: var(--muted);
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.conf meter { width: 3.5rem; height: .55rem; vertical-align: middle; margin-right: .3rem; }
.summary { margin: .1rem 0 .2rem; font-weight: 600; }
.reason { margin: 0 0 .3rem; color: var(--muted); font-size: .9rem; }
.evidence { list-style: none; margin: .2rem 0 0; padding: 0; font-size: .88rem; }
.evidence li { margin: .15rem 0; display: flex; gap: .45rem; }
.src { flex: none; display: inline-flex; align-items: center; justify-content: center;
  min-width: 1.45rem; height: 1.45rem; border-radius: 50%; background: #2f3b4c; color: #fff;
  font-size: .75rem; font-weight: 700; text-decoration: none; padding: 0 .3rem; }
.evidence q { quotes: "“" "”"; }
.sources { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1rem; }
.source { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  display: flex; flex-direction: column; min-width: 0; }
.source > header { padding: .7rem .9rem .6rem; border-bottom: 1px solid var(--line); }
.source h3 { margin: 0; font-size: 1rem; display: flex; gap: .5rem; align-items: baseline; }
.source h3 .src { position: relative; top: -.1rem; }
.meta { margin: .3rem 0 0; font-size: .8rem; color: var(--muted); display: grid;
  grid-template-columns: auto 1fr; gap: .05rem .6rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.unknown { color: #8a5a00; }
.text { position: relative; padding: .8rem .95rem 1rem; white-space: pre-wrap;
  overflow-wrap: break-word; font-family: Georgia, "Iowan Old Style", "Times New Roman", serif;
  font-size: 1rem; line-height: 1.6; max-height: 78vh; overflow: auto; }
mark.ev { color: inherit; background: var(--kb); border-bottom: 2px solid var(--kc);
  padding: 0 .05rem; border-radius: 2px; cursor: pointer; }
mark.ev.active { background: var(--kc); color: #fff; border-bottom-color: #000; }
body.has-selection mark.ev:not(.active) { opacity: .55; }
body.focus-sources .source:not(.is-involved) { display: none; }
mark.value { background: #ffe08a; color: inherit; font-weight: 700; }
.removed { color: #8b929c; text-decoration: line-through; text-decoration-color: #b0b6be;
  background: repeating-linear-gradient(135deg, transparent 0 6px, #f0f1f3 6px 8px); }
.removed mark.ev { opacity: .7; }
body:has(#show-removed:not(:checked)) .removed, body.hide-removed .removed { display: none; }
.fact { text-decoration: none; }
body:has(#show-facts:checked) .fact.q, body.show-facts .fact.q {
  text-decoration: underline dotted #24518f 2px; text-underline-offset: 3px; }
body:has(#show-facts:checked) .fact.n, body.show-facts .fact.n {
  text-decoration: underline solid #b84a00 2px; text-underline-offset: 3px; }
body:has(#show-facts:checked) .fact.d, body.show-facts .fact.d {
  text-decoration: underline double #6b2fa0; text-underline-offset: 3px; }
.empty { color: var(--muted); font-style: italic; }
.k-contradiction, .k-conflict { --kc: var(--k-contradiction); --kb: var(--kb-contradiction); }
.k-attribution_conflict { --kc: var(--k-attribution_conflict);
  --kb: var(--kb-attribution_conflict); }
.k-numeric_conflict { --kc: var(--k-numeric_conflict); --kb: var(--kb-numeric_conflict); }
.k-date_conflict { --kc: var(--k-date_conflict); --kb: var(--kb-date_conflict); }
.k-temporal_anomaly { --kc: var(--k-temporal_anomaly); --kb: var(--kb-temporal_anomaly); }
.k-corroborated { --kc: var(--k-corroborated); --kb: var(--kb-corroborated); }
.k-single_source { --kc: var(--k-single_source); --kb: var(--kb-single_source); }
.k-copy { --kc: var(--k-copy); --kb: var(--kb-copy); }
.k-other { --kc: #444; --kb: #eee; }
.problems { margin: 0 1.6rem 2rem; font-size: .88rem; }
footer { padding: 0 1.6rem 1.5rem; color: var(--muted); font-size: .8rem; }
@media print {
  html { font-size: 11pt; }
  body { background: #fff; }
  .toolbar, .skip { display: none; }
  .cc-header { background: #fff; color: #000; border-bottom: 2px solid #000; }
  .cc-header .sub { color: #333; }
  .counts li { border-color: #999; }
  .layout { display: block; padding: 0; }
  .findings-panel { position: static; max-height: none; overflow: visible; }
  .finding, .source { break-inside: avoid-page; }
  .text { max-height: none; overflow: visible; }
  .sources { grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); }
  mark.ev, .badge, .sev, .src, .removed { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  body.has-selection mark.ev:not(.active) { opacity: 1; }
}
""".strip()

REPORT_JS = """
(function () {
  "use strict";
  var body = document.body;
  body.classList.add("js");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finding[id]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.ev"));
  var current = null;
  function sel(id) { return 'mark.ev[data-findings~="' + id + '"]'; }
  function clear() {
    marks.forEach(function (m) { m.classList.remove("active"); });
    cards.forEach(function (c) {
      c.classList.remove("selected");
      var b = c.querySelector(".finding-head");
      if (b) { b.setAttribute("aria-pressed", "false"); }
    });
    body.classList.remove("has-selection");
    body.classList.remove("focus-sources");
    var grid = document.querySelector(".sources");
    if (grid) { grid.style.gridTemplateColumns = ""; }
    Array.prototype.forEach.call(document.querySelectorAll(".source"), function (s) {
      s.classList.remove("is-involved");
    });
    current = null;
  }
  function focusSources(id) {
    var grid = document.querySelector(".sources");
    if (!grid) { return; }
    var all = Array.prototype.slice.call(grid.querySelectorAll(".source"));
    var involved = all.filter(function (s) { return s.querySelector(sel(id)); });
    all.forEach(function (s) { s.classList.toggle("is-involved", involved.indexOf(s) >= 0); });
    var focus = all.length > 3 && involved.length > 0;
    body.classList.toggle("focus-sources", focus);
    grid.style.gridTemplateColumns = focus
      ? "repeat(" + Math.min(involved.length, 4) + ", minmax(0, 1fr))" : "";
  }
  function bringIntoView(list) {
    if (!list.length) { return; }
    var top = Infinity, bottom = -Infinity;
    list.forEach(function (m) {
      var r = m.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) { return; }
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    });
    var view = window.innerHeight;
    if (top === Infinity || (top >= 0 && bottom <= view)) { return; }
    var margin = Math.min(80, view / 8);
    var room = view - 2 * margin - (bottom - top);
    window.scrollBy(0, top - margin - (room > 0 ? room / 2 : 0));
  }
  function select(id, fromMark) {
    if (current === id) { clear(); return; }
    clear();
    var card = document.getElementById(id);
    if (!card) { return; }
    current = id;
    card.classList.add("selected");
    var b = card.querySelector(".finding-head");
    if (b) { b.setAttribute("aria-pressed", "true"); }
    body.classList.add("has-selection");
    var hits = document.querySelectorAll(sel(id));
    Array.prototype.forEach.call(hits, function (m) { m.classList.add("active"); });
    focusSources(id);
    var firsts = [];
    Array.prototype.forEach.call(document.querySelectorAll(".source .text"), function (box) {
      var ms = box.querySelectorAll(sel(id));
      if (!ms.length) { return; }
      // every mark of the box in view when they fit (centred), else the first a third down
      var base = box.getBoundingClientRect().top;
      var top = ms[0].getBoundingClientRect().top - base;
      var span = ms[ms.length - 1].getBoundingClientRect().bottom - base - top;
      var fits = span < box.clientHeight * 0.9;
      var offset = fits ? (box.clientHeight - span) / 2 : box.clientHeight / 3;
      box.scrollTop = Math.max(0, box.scrollTop + top - offset);
      firsts.push(ms[0]);
    });
    if (fromMark) {
      card.scrollIntoView({ block: "nearest" });
    } else {
      bringIntoView(firsts);
    }
  }
  cards.forEach(function (c) {
    var b = c.querySelector(".finding-head");
    if (b) { b.addEventListener("click", function () { select(c.id, false); }); }
  });
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var a = t.closest("a.ev-link");
    if (a) {
      ev.preventDefault();
      var f = a.getAttribute("data-finding");
      if (f && current !== f) { select(f, false); }
      return;
    }
    var m = t.closest("mark.ev");
    if (m) {
      var ids = (m.getAttribute("data-findings") || "").split(" ").filter(Boolean);
      if (ids.length) {
        var i = ids.indexOf(current);
        select(ids[(i + 1) % ids.length], true);
      }
    }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { clear(); } });
  function bindToggle(inputId, cls, invert) {
    var box = document.getElementById(inputId);
    if (!box) { return; }
    var apply = function () { body.classList.toggle(cls, invert ? !box.checked : box.checked); };
    box.addEventListener("change", apply);
    apply();
  }
  function fromHash() {
    var h = decodeURIComponent(window.location.hash.slice(1));
    if (/^finding-[0-9]+$/.test(h) && current !== h) { select(h, false); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  bindToggle("show-removed", "hide-removed", true);
  bindToggle("show-facts", "show-facts", false);
})();
""".strip()


def csp_hash(source: str) -> str:
    """The CSP source expression (``'sha256-…'``) allowing an inline block of ``source``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: Content-Security-Policy of the standalone page: nothing external, only our own blocks.
REPORT_CSP = (
    "default-src 'none'; "
    f"style-src {csp_hash(REPORT_CSS)}; "
    f"script-src {csp_hash(REPORT_JS)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
