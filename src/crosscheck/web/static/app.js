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

  function revealIn(box, mark) {
    if (!box) { return; }
    var delta = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
    box.scrollTop = Math.max(0, box.scrollTop + delta - box.clientHeight / 3);
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
    var first = null;
    all("#sources article.source").forEach(function (source) {
      var mark = source.querySelector("mark.evidence.is-active");
      if (!mark) { return; }
      revealIn(source.querySelector(".source-text"), mark);
      if (!first) { first = mark; }
    });
    if (first) {
      var r = first.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        window.scrollBy(0, r.top - window.innerHeight / 3);
      }
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
