/* crosscheck web UI: finding highlight, removed-text toggle, extra compare boxes.
   Loaded from /static (the Content-Security-Policy forbids inline scripts). */
(function () {
  "use strict";
  var body = document.body;
  body.classList.add("js");

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function toggleButton(id, cls) {
    var button = document.getElementById(id);
    if (!button) { return; }
    button.addEventListener("click", function () {
      var on = body.classList.toggle(cls);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  toggleButton("show-removed", "show-removed");
  toggleButton("show-facts", "show-facts");

  /* --- findings and their evidence ------------------------------------------------ */
  function listed(mark, index) {
    return (mark.getAttribute("data-findings") || "").split(/\s+/).indexOf(index) >= 0;
  }

  /* Scroll a source's text box so that all of a finding's marks in it are shown when they
     fit in the box (centred), else the first one a third of the way down. */
  function revealIn(box, marks) {
    if (!box || !marks.length) { return; }
    var base = box.getBoundingClientRect().top;
    var top = marks[0].getBoundingClientRect().top - base;
    var bottom = marks[marks.length - 1].getBoundingClientRect().bottom - base;
    var span = bottom - top;
    var offset = span < box.clientHeight * 0.9
      ? (box.clientHeight - span) / 2
      : box.clientHeight / 3;
    box.scrollTop = Math.max(0, box.scrollTop + top - offset);
  }

  function activate(item) {
    var index = item.getAttribute("data-finding");
    all("li.finding.is-active").forEach(function (li) {
      li.classList.remove("is-active");
      li.setAttribute("aria-current", "false");
    });
    item.classList.add("is-active");
    item.setAttribute("aria-current", "true");
    all("mark.evidence").forEach(function (mark) {
      mark.classList.toggle("is-active", listed(mark, index));
    });
    body.classList.add("has-selection");
    revealRemoved();
    focusSources();
    var active = [];
    all("#sources article.source").forEach(function (source) {
      var marks = all("mark.evidence.is-active", source);
      if (!marks.length) { return; }
      revealIn(source.querySelector(".source-text"), marks);
      active.push(marks[0]);
    });
    bringIntoView(active);
  }

  /* Evidence inside removed boilerplate is hidden by default: show the removed text
     while such a finding is selected. */
  function revealRemoved() {
    var hidden = all("mark.evidence.is-active").some(function (m) {
      return m.closest("del.removed");
    });
    var button = document.getElementById("show-removed");
    if (hidden && !body.classList.contains("show-removed")) {
      body.classList.add("show-removed");
      if (button) { button.setAttribute("aria-pressed", "true"); }
    }
  }

  /* With more than three sources, the ones a finding involves are shown side by side in
     one row (the others are folded away until the selection is cleared), so every piece of
     its evidence can be on screen at once. */
  function focusSources() {
    var grid = document.getElementById("sources");
    if (!grid) { return; }
    var sources = all("article.source", grid);
    var involved = sources.filter(function (s) {
      return s.querySelector("mark.evidence.is-active");
    });
    sources.forEach(function (s) {
      s.classList.toggle("is-involved", involved.indexOf(s) >= 0);
    });
    var focus = sources.length > 3 && involved.length > 0;
    body.classList.toggle("focus-sources", focus);
    grid.style.gridTemplateColumns = focus
      ? "repeat(" + Math.min(involved.length, 4) + ", minmax(0, 1fr))"
      : "";
  }

  function clearSelection() {
    all("li.finding.is-active").forEach(function (li) {
      li.classList.remove("is-active");
      li.setAttribute("aria-current", "false");
    });
    all("mark.evidence.is-active").forEach(function (m) { m.classList.remove("is-active"); });
    body.classList.remove("has-selection");
    body.classList.remove("focus-sources");
    var grid = document.getElementById("sources");
    if (grid) { grid.style.gridTemplateColumns = ""; }
  }

  /* Scroll the window so that all the marks are inside the viewport (the topmost one a
     little below the top edge); when they cannot all fit, the first one is shown. */
  function bringIntoView(marks) {
    if (!marks.length) { return; }
    var top = Infinity, bottom = -Infinity;
    marks.forEach(function (m) {
      var r = m.getBoundingClientRect();
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    });
    var view = window.innerHeight;
    if (top >= 0 && bottom <= view) { return; }
    var margin = Math.min(80, view / 8);
    if (bottom - top <= view - 2 * margin) {
      window.scrollBy(0, top - margin - Math.max(0, (view - 2 * margin - (bottom - top)) / 2));
    } else {
      window.scrollBy(0, top - margin);
    }
  }

  function byIndex(index) {
    return document.querySelector('li.finding[data-finding="' + index + '"]');
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var link = target.closest("a.ev-link");
    if (link) {
      event.preventDefault();
      var fromLink = byIndex(link.getAttribute("data-finding"));
      if (fromLink) { activate(fromLink); }
      return;
    }
    var item = target.closest("li.finding");
    if (item) { activate(item); return; }
    var mark = target.closest("mark.evidence");
    if (mark) {
      var ids = (mark.getAttribute("data-findings") || "").split(/\s+/).filter(Boolean);
      if (!ids.length) { return; }
      var current = document.querySelector("li.finding.is-active");
      var at = current ? ids.indexOf(current.getAttribute("data-finding")) : -1;
      var next = byIndex(ids[(at + 1) % ids.length]);
      if (next) {
        activate(next);
        next.scrollIntoView({ block: "nearest" });
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearSelection(); return; }
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if ((event.key === "Enter" || event.key === " ") && target.matches("li.finding")) {
      event.preventDefault();
      activate(target);
    }
  });

  var hash = decodeURIComponent(window.location.hash.slice(1));
  if (/^finding-[0-9]+$/.test(hash)) {
    var fromHash = byIndex(hash.slice(8));
    if (fromHash) { activate(fromHash); }
  }

  /* --- compare now: the report is what the user came for ---------------------------- */
  var report = document.getElementById("report");
  if (report && !window.location.hash) {
    report.scrollIntoView({ block: "start" });
  }

  /* --- compare form: one more text box --------------------------------------------- */
  var add = document.getElementById("compare-add");
  var boxes = document.getElementById("compare-texts");
  if (add && boxes) {
    add.addEventListener("click", function () {
      var n = all("textarea.compare-text").length + 1;
      var label = document.createElement("label");
      label.htmlFor = "compare-text-" + n;
      label.textContent = "Text " + n;
      var area = document.createElement("textarea");
      area.className = "compare-text";
      area.id = "compare-text-" + n;
      area.name = "text";
      area.rows = 8;
      boxes.appendChild(label);
      boxes.appendChild(area);
      area.focus();
    });
  }
})();
