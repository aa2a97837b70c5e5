/* timeline dashboard: keyboard navigation, click delegation, marking the selection.
 *
 * The server renders the list and the source text; this file only
 *  - turns clicks / keys on [data-event-id] elements into a "select-request" for the server,
 *  - marks the selected list option (aria-selected) and keeps it scrolled into view,
 *  - rings the selected event in the figure and pans to it when it is out of view,
 *  - scrolls the source paragraph into view.
 * No text from articles is ever written as HTML here.
 */
(function () {
  "use strict";

  var SELECTED_TRACE = 5;      // dashboard/figure.py TRACE["selected"]
  var EVENT_TRACES = [2, 3];   // handles (spans) and points
  var seq = 0;

  function noUpdate() {
    return window.dash_clientside.no_update;
  }

  function request(id) {
    if (!id || !window.dash_clientside || !window.dash_clientside.set_props) return;
    seq += 1;
    window.dash_clientside.set_props("select-request", { data: { id: id, seq: seq } });
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&");
  }

  function keepVisible(container, el) {
    var top = el.offsetTop, bottom = top + el.offsetHeight;
    if (top < container.scrollTop + 4) {
      container.scrollTop = Math.max(0, top - 8);
    } else if (bottom > container.scrollTop + container.clientHeight - 4) {
      container.scrollTop = bottom - container.clientHeight + 8;
    }
  }

  function markList(id) {
    var list = document.getElementById("event-list");
    if (!list) return null;
    var old = list.querySelectorAll('[aria-selected="true"]');
    for (var i = 0; i < old.length; i++) {
      old[i].setAttribute("aria-selected", "false");
      old[i].classList.remove("is-selected");
    }
    var el = id ? list.querySelector('[data-event-id="' + cssEscape(id) + '"]') : null;
    if (el) {
      el.setAttribute("aria-selected", "true");
      el.classList.add("is-selected");
      list.setAttribute("aria-activedescendant", el.id);
      keepVisible(list, el);
    } else {
      list.removeAttribute("aria-activedescendant");
    }
    return el;
  }

  function choose(el) {
    var id = el.getAttribute("data-event-id");
    if (el.closest("#event-list")) markList(id);
    request(id);
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-event-id]");
    if (!el) return;
    var list = el.closest("#event-list");
    if (!list && !el.closest("#source-panel")) return;
    ev.preventDefault();
    if (list) list.focus({ preventScroll: true });
    choose(el);
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && t.id === "event-list") {
      var opts = options(t);
      if (!opts.length) return;
      var i = opts.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
      var j = null;
      switch (ev.key) {
        case "ArrowDown": case "j": j = i < 0 ? 0 : Math.min(i + 1, opts.length - 1); break;
        case "ArrowUp": case "k": j = i < 0 ? 0 : Math.max(i - 1, 0); break;
        case "Home": j = 0; break;
        case "End": j = opts.length - 1; break;
        case "PageDown": j = Math.min((i < 0 ? 0 : i) + 10, opts.length - 1); break;
        case "PageUp": j = Math.max((i < 0 ? 0 : i) - 10, 0); break;
        case "Enter": {
          var mark = document.querySelector("#source-panel .expr-current");
          if (mark) { ev.preventDefault(); mark.focus(); }
          return;
        }
        default: return;
      }
      ev.preventDefault();
      if (j !== i) choose(opts[j]);
      return;
    }
    if (t && t.matches && t.matches(".expr[data-event-id]") && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      choose(t);
      return;
    }
    if (ev.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test((t && t.tagName) || "") && !(t && t.isContentEditable)) {
      var search = document.getElementById("search");
      if (search) { ev.preventDefault(); search.focus(); }
    }
  });

  function graphDiv() {
    return document.querySelector("#graph .js-plotly-plot");
  }

  function escapeText(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function markFigure(id, figure) {
    var trig = (window.dash_clientside.callback_context || {}).triggered || [];
    var byFigure = trig.some(function (t) { return t.prop_id === "graph.figure"; });
    if (byFigure) return noUpdate(); // the server drew the ring for the selection it knew
    var gd = graphDiv();
    if (!gd || !gd.data || !window.Plotly || gd.data.length <= SELECTED_TRACE) return noUpdate();
    var xs = [], ys = [], title = null;
    EVENT_TRACES.forEach(function (k) {
      var tr = gd.data[k];
      if (!tr || !tr.customdata) return;
      for (var i = 0; i < tr.customdata.length; i++) {
        if (tr.customdata[i] === id) {
          xs.push(tr.x[i]); ys.push(tr.y[i]);
          if (title === null && tr.hovertext) {
            var m = /^<b>(.*?)<\/b>/.exec(tr.hovertext[i]);  // already escaped by the server
            title = m ? m[1] : "";
          }
        }
      }
    });
    window.Plotly.restyle(gd, { x: [xs], y: [ys] }, [SELECTED_TRACE]);
    var anns = (gd.layout.annotations || []).filter(function (a) { return a.name !== "selected-callout"; });
    if (xs.length) {
      var short = title && title.length > 60 ? title.slice(0, 57) + "…" : title;
      anns.push({
        x: xs[0], y: ys[0], xref: "x", yref: "y", text: short || escapeText(id), showarrow: true, arrowhead: 0,
        arrowcolor: "#111827", ax: 0, ay: -26, bgcolor: "rgba(255,255,255,0.92)", bordercolor: "#111827",
        borderwidth: 1, borderpad: 3, font: { size: 12, color: "#111827" }, name: "selected-callout"
      });
    }
    var update = { annotations: anns };
    var ax = gd._fullLayout && gd._fullLayout.xaxis;
    if (xs.length && ax && ax.d2l && ax.r2l && ax.l2r) {
      var l = ax.d2l(xs[0]), a = ax.r2l(ax.range[0]), b = ax.r2l(ax.range[1]);
      var frac = 0.5;
      if (l < a || l > b) {
        var half = (b - a) / 2;
        update["xaxis.range"] = [ax.l2r(l - half), ax.l2r(l + half)];
      } else if (b > a) {
        frac = (l - a) / (b - a);
      }
      anns[anns.length - 1].xanchor = frac < 0.35 ? "left" : frac > 0.65 ? "right" : "center";
    }
    window.Plotly.relayout(gd, update);
    return id || null;
  }

  function scrollSource() {
    setTimeout(function () {
      var box = document.querySelector("#source-panel .doc-scroll");
      var p = box && box.querySelector(".para-current");
      if (!box || !p) return;
      var delta = p.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = Math.max(0, box.scrollTop + delta - box.clientHeight / 4);
    }, 0);
    return Date.now();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.timeline = {
    markList: function (id) {
      setTimeout(function () { markList(id); }, 0);
      return id || null;
    },
    markFigure: markFigure,
    scrollSource: scrollSource
  };
})();
