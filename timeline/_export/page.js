/* timeline export: event list, search, figure sync and the source panel.
 *
 * Article text is untrusted. It reaches the page only through the JSON data block and is put
 * into the document with textContent / createTextNode, never as markup.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  var EVENTS = DATA.events;
  var DOCS = {};
  DATA.documents.forEach(function (d) { DOCS[d.id] = d; });
  var INDEX = {};
  EVENTS.forEach(function (e, i) { INDEX[e.id] = i; });

  var listEl = document.getElementById("event-list");
  var panel = document.getElementById("source-panel");
  var search = document.getElementById("search");
  var countEl = document.getElementById("match-count");
  var figEl = document.getElementById("figure");
  var items = [];
  var current = -1;
  var hasFigure = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  /* ---- event list ---- */
  EVENTS.forEach(function (e, i) {
    var li = el("li");
    li.id = "event-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.appendChild(el("span", "ev-date", e.label));
    var title = el("span", "ev-title", e.title);
    if (e.origin !== "extracted") title.appendChild(el("span", "badge", e.origin));
    if (e.stale) title.appendChild(el("span", "badge stale", "stale"));
    if (e.alternatives.length) title.appendChild(el("span", "badge conflict", "conflicting dates"));
    li.appendChild(title);
    li.addEventListener("click", function () { select(i, { focusList: true }); });
    listEl.appendChild(li);
    items.push(li);
  });

  function visibleIndices() {
    var out = [];
    items.forEach(function (li, i) { if (!li.hidden) out.push(i); });
    return out;
  }

  listEl.addEventListener("keydown", function (ev) {
    var vis = visibleIndices();
    if (!vis.length) return;
    var pos = vis.indexOf(current);
    var next = null;
    if (ev.key === "ArrowDown" || ev.key === "j") next = pos < 0 ? vis[0] : vis[Math.min(pos + 1, vis.length - 1)];
    else if (ev.key === "ArrowUp" || ev.key === "k") next = pos < 0 ? vis[0] : vis[Math.max(pos - 1, 0)];
    else if (ev.key === "Home") next = vis[0];
    else if (ev.key === "End") next = vis[vis.length - 1];
    else if ((ev.key === "Enter" || ev.key === " ") && current < 0) next = vis[0];
    if (next !== null) {
      ev.preventDefault();
      select(next, { focusList: true });
    }
  });

  /* ---- source panel ---- */
  function renderPassage(src) {
    var fig = el("figure", "source");
    var quote = el("blockquote");
    src.pieces.forEach(function (p) {
      var text = p[0], inSentence = p[1], inExpression = p[2];
      if (inExpression) {
        var mark = el("mark", inSentence ? "expression sentence" : "expression", text);
        quote.appendChild(mark);
      } else if (inSentence) {
        quote.appendChild(el("span", "sentence", text));
      } else {
        quote.appendChild(document.createTextNode(text));
      }
    });
    fig.appendChild(quote);
    var cap = el("figcaption");
    var url = safeUrl(src.url);
    if (url) {
      var a = el("a", null, src.document_title);
      a.href = url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      cap.appendChild(a);
    } else {
      cap.appendChild(document.createTextNode(src.document_title));
    }
    cap.appendChild(document.createTextNode(", paragraph " + src.paragraph));
    fig.appendChild(cap);
    return fig;
  }

  function renderArticle(src) {
    var doc = DOCS[src.document];
    if (!doc || !doc.paragraphs.length) return null;
    var details = el("details", "article");
    details.appendChild(el("summary", null, "Whole article: " + (doc.title || doc.id)));
    doc.paragraphs.forEach(function (p) {
      var cls = p.index === src.paragraph ? "current" : (p.kind === "content" || p.kind === "headline" ? "" : "noise");
      var para = el("p", cls, p.text);
      para.setAttribute("data-paragraph", String(p.index));
      details.appendChild(para);
    });
    return details;
  }

  function fact(list, name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var li = el("li");
    li.appendChild(el("b", null, name + ": "));
    li.appendChild(document.createTextNode(Array.isArray(value) ? value.join(", ") : String(value)));
    list.appendChild(li);
  }

  function renderPanel(e) {
    panel.textContent = "";
    panel.appendChild(el("h2", null, e.title));
    var reading = el("p", "reading");
    reading.appendChild(el("span", "label", e.label));
    if (e.wording && e.wording !== e.label) {
      reading.appendChild(document.createTextNode(" — "));
      reading.appendChild(el("span", "wording", "“" + e.wording + "”"));
    }
    panel.appendChild(reading);
    var facts = el("ul", "facts");
    fact(facts, "Date value", e.when);
    fact(facts, "Precision", e.granularity);
    fact(facts, "Other readings", e.alternatives);
    fact(facts, "Tags", e.tags);
    fact(facts, "Actors", e.actors);
    fact(facts, "Origin", e.origin);
    if (e.stale) fact(facts, "Note", "no longer found in its article");
    fact(facts, "Editor's notes", e.notes);
    panel.appendChild(facts);
    if (!e.sources.length) panel.appendChild(el("p", "hint", "No source recorded for this event."));
    e.sources.forEach(function (src) { panel.appendChild(renderPassage(src)); });
    if (e.sources.length) {
      var art = renderArticle(e.sources[0]);
      if (art) panel.appendChild(art);
    }
  }

  /* ---- selection, shared by list, figure and URL hash ---- */
  function select(i, opts) {
    opts = opts || {};
    if (i < 0 || i >= EVENTS.length) return;
    if (current >= 0) items[current].setAttribute("aria-selected", "false");
    current = i;
    var li = items[i];
    li.setAttribute("aria-selected", "true");
    listEl.setAttribute("aria-activedescendant", li.id);
    if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    if (opts.focusList) listEl.focus({ preventScroll: true });
    var e = EVENTS[i];
    renderPanel(e);
    markFigure(e);
    if (window.history && history.replaceState) {
      try { history.replaceState(null, "", "#event=" + encodeURIComponent(e.id)); } catch (err) { /* file: quirks */ }
    }
  }

  function markFigure(e) {
    if (!hasFigure) return;
    var x = e.mark ? [e.mark] : [];
    var y = e.mark ? [e.row] : [];
    // naming the axis types keeps restyle from re-guessing them (bar lengths are numbers)
    window.Plotly.update(figEl, { x: [x], y: [y] }, { "xaxis.type": "date", "yaxis.type": "category" },
                         [DATA.selection_trace]);
  }

  /* ---- search ---- */
  function haystack(e) {
    var parts = [e.title, e.label, e.when, e.wording, e.notes, e.origin].concat(e.tags, e.actors, e.alternatives);
    e.sources.forEach(function (s) {
      parts.push(s.document_title);
      // the stating sentence, not the whole paragraph: a paragraph often holds other events too
      s.pieces.forEach(function (p) { if (p[1] || p[2]) parts.push(p[0]); });
    });
    return parts.join(" \u0001 ").toLowerCase();
  }
  var HAY = EVENTS.map(haystack);

  function applySearch() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    var matchIds = {};
    EVENTS.forEach(function (e, i) {
      var ok = words.every(function (w) { return HAY[i].indexOf(w) >= 0; });
      items[i].hidden = !ok;
      if (ok) { shown += 1; matchIds[e.id] = true; }
    });
    countEl.textContent = words.length ? shown + " of " + EVENTS.length + " events" : EVENTS.length + " events";
    if (hasFigure) {
      var sel = figEl.data.slice(0, DATA.selection_trace).map(function (trace) {
        if (!words.length) return null;
        var keep = [];
        (trace.customdata || []).forEach(function (cd, k) { if (matchIds[cd[0]]) keep.push(k); });
        return keep;
      });
      var idx = sel.map(function (_, k) { return k; });
      window.Plotly.restyle(figEl, { selectedpoints: sel }, idx);
    }
  }
  search.addEventListener("input", applySearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { search.value = ""; applySearch(); }
    if (ev.key === "Enter" || ev.key === "ArrowDown") {
      ev.preventDefault();
      var vis = visibleIndices();
      if (vis.length) select(vis[0], { focusList: true });
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== search) { ev.preventDefault(); search.focus(); }
  });

  /* ---- figure ---- */
  function drawFigure(ready) {
  if (ready && window.Plotly && DATA.figure) {
    // showSendToCloud: no "share chart" button, which would upload the chart to a web service
    var config = { displaylogo: false, responsive: true, scrollZoom: true, showSendToCloud: false,
                   modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
                   toImageButtonOptions: { filename: "timeline" } };
    window.Plotly.newPlot(figEl, DATA.figure.data, DATA.figure.layout, config).then(function () {
      hasFigure = true;
      figEl.on("plotly_click", function (ev) {
        var pt = ev.points && ev.points[0];
        if (pt && pt.customdata && INDEX.hasOwnProperty(pt.customdata[0])) {
          var i = INDEX[pt.customdata[0]];
          if (items[i].hidden) { search.value = ""; applySearch(); }
          select(i, {});
        }
      });
      if (current >= 0) markFigure(EVENTS[current]);
      if (search.value) applySearch();
      figEl.setAttribute("data-ready", "true");
    });
  } else if (DATA.figure) {
    document.getElementById("figure-missing").hidden = false;
    figEl.hidden = true;
  }
  }
  // plotly.js is there already (inline), is being unpacked (compressed), or did not load (cdn, offline)
  if (window.Plotly) drawFigure(true);
  else if (window.timelinePlotly) window.timelinePlotly.then(drawFigure, function () { drawFigure(false); });
  else drawFigure(false);

  applySearch();
  var m = /^#event=(.+)$/.exec(window.location.hash || "");
  if (m) {
    var id = decodeURIComponent(m[1]);
    if (INDEX.hasOwnProperty(id)) select(INDEX[id], {});
  }
  document.body.setAttribute("data-ready", "true");
})();
