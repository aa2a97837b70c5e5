/* timeline dashboard: keyboard navigation, click delegation, marking the selection.
 *
 * The server renders the list and the source text; this file only
 *  - turns clicks / keys on [data-event-id] elements into a "select-request" for the server,
 *  - marks the selected list option (aria-selected) and keeps it scrolled into view,
 *  - rings the selected event in the figure and pans to it when it is out of view,
 *  - scrolls the source paragraph into view,
 *  - keeps what the user types into the edit form (the "edit-draft" store) and, when the panel is
 *    re-rendered around it (a seed file reloaded), puts the focus and caret back in the same field.
 * No text from articles is ever written as HTML here.
 */
(function () {
  "use strict";

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
    var status = document.getElementById("sr-status");
    if (status && el && status.getAttribute("data-for") !== id) {  // screen readers announce the new selection
      status.setAttribute("data-for", id);
      status.textContent = "Selected: " + el.getAttribute("aria-label");
    }
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

  // The selected event is ringed and titled by two HTML elements laid over the chart (pointer-events:
  // none), positioned with Plotly's axis conversions. Moving them never redraws the chart, which keeps
  // selection instant with thousands of marks; they follow zoom and pan through Plotly's events.
  var selectedId = null;

  function overlay(gd) {
    var host = document.getElementById("graph");
    var ring = host.querySelector(".sel-ring");
    if (!ring) {
      ring = document.createElement("div");
      ring.className = "sel-ring";
      ring.setAttribute("aria-hidden", "true");
      var callout = document.createElement("div");
      callout.className = "sel-callout";
      callout.setAttribute("aria-hidden", "true");
      host.appendChild(ring);
      host.appendChild(callout);
    }
    if (!gd._timelineBound && gd.on) {
      gd._timelineBound = true;
      var again = function () { placeSelection(false); };
      gd.on("plotly_afterplot", again);
      gd.on("plotly_relayouting", again);
      gd.on("plotly_relayout", again);
    }
    return { ring: ring, callout: host.querySelector(".sel-callout"), host: host };
  }

  // Undo Python's html.escape of the hover title; the result is only ever assigned to textContent.
  function unescapeHtml(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
  }

  function findMark(gd, id) {
    for (var n = 0; n < EVENT_TRACES.length; n++) {
      var tr = gd.data[EVENT_TRACES[n]];
      if (!tr || !tr.customdata) continue;
      var i = tr.customdata.indexOf(id);
      if (i >= 0) {
        var m = tr.hovertext ? /^<b>(.*?)<\/b>/.exec(tr.hovertext[i]) : null;
        return { x: tr.x[i], y: tr.y[i], title: unescapeHtml(m ? m[1] : "") };
      }
    }
    return null;
  }

  function placeSelection(pan, tries) {
    var gd = graphDiv();
    if (!gd || !gd.data || !gd._fullLayout || !gd._fullLayout.xaxis) {
      tries = tries || 0;  // the chart is not drawn yet (first load): look again shortly
      if (tries < 100) setTimeout(function () { placeSelection(pan, tries + 1); }, 100);
      return;
    }
    var o = overlay(gd);
    var mark = selectedId ? findMark(gd, selectedId) : null;
    var xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    if (!mark) {
      o.ring.style.display = o.callout.style.display = "none";
      return;
    }
    var l = xa.d2l(mark.x);
    var a = xa.r2l(xa.range[0]), b = xa.r2l(xa.range[1]);
    if (pan && (l < a || l > b)) {  // out of view: pan to it (the redraw calls us again)
      var half = (b - a) / 2;
      window.Plotly.relayout(gd, { "xaxis.range": [xa.l2r(l - half), xa.l2r(l + half)] });
      return;
    }
    var gbox = gd.getBoundingClientRect(), hbox = o.host.getBoundingClientRect();
    var px = xa._offset + xa.l2p(l), py = ya._offset + ya.l2p(ya.d2l(mark.y));
    var inside = px >= xa._offset - 1 && px <= xa._offset + xa._length + 1 &&
                 py >= ya._offset - 1 && py <= ya._offset + ya._length + 1;
    if (!inside) {
      o.ring.style.display = o.callout.style.display = "none";
      return;
    }
    var left = gbox.left - hbox.left + px, top = gbox.top - hbox.top + py;
    o.ring.style.display = o.callout.style.display = "block";
    o.ring.style.left = left + "px";
    o.ring.style.top = top + "px";
    o.callout.textContent = mark.title.length > 60 ? mark.title.slice(0, 57) + "…" : mark.title;
    var frac = xa._length ? (px - xa._offset) / xa._length : 0.5;
    o.callout.style.left = left + "px";
    o.callout.style.top = (top - 16) + "px";
    o.callout.style.transform = "translate(" + (frac < 0.35 ? "-12px" : frac > 0.65 ? "calc(-100% + 12px)" : "-50%") +
      ", -100%)";
  }

  // The figure's relayoutData, passed on to the server only when the time axis moved: {"xaxis.range":
  // [a, b]} as the axis now is (also when a drag reported one end only), or {"xaxis.autorange": true}.
  // Anything else (the graph's {"autosize": true} on every resize) is dropped here.
  var relayouts = 0;

  function xRelayout(relayout) {
    if (!relayout) return noUpdate();
    relayouts += 1;
    if (relayout["xaxis.autorange"]) return { "xaxis.autorange": true, n: relayouts };
    var moved = Object.keys(relayout).some(function (k) { return k.indexOf("xaxis.range") === 0; });
    if (!moved) return noUpdate();
    var gd = graphDiv(), xa = gd && gd._fullLayout && gd._fullLayout.xaxis;
    if (xa && xa.range && !xa.autorange) return { "xaxis.range": [xa.range[0], xa.range[1]], n: relayouts };
    var out = { n: relayouts };
    Object.keys(relayout).forEach(function (k) { if (k.indexOf("xaxis.range") === 0) out[k] = relayout[k]; });
    return out;
  }

  // Not an input: the figure prop (Dash would hand this function the whole figure on every selection).
  // A new figure is drawn by Plotly, whose "plotly_afterplot" event places the ring again.
  function markFigure(id) {
    selectedId = id || null;
    window.requestAnimationFrame(function () { placeSelection(true); });
    return selectedId;
  }

  // -- the edit form's draft ------------------------------------------------------------------
  // The server puts a kept draft back into the form (dashboard/editing.py, restore_draft). Here: the
  // last input typed (keystrokes made while that re-render was on its way are not lost) and the field
  // that had the focus when the re-render replaced it.
  var typed = null;       // the last draft sent to the "edit-draft" store
  var editField = null;   // the edit field last focused: {el, id, event}

  function keepDraft(title, when, tags, notes, base, store) {
    typed = { base: base, title: title, when: when, tags: tags, notes: notes };
    // one draft per event: typing into another event's form keeps this one
    var drafts = {};
    var kept = store && store.drafts ? store.drafts : {};
    Object.keys(kept).forEach(function (k) { drafts[k] = kept[k]; });
    if (base && base.event) drafts[base.event] = typed;
    return { drafts: drafts };
  }

  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    var form = t && t.closest && t.closest("#edit-event");
    editField = form && /^edit-(title|when|tags|notes)$/.test(t.id) ?
      { el: t, id: t.id, event: form.getAttribute("data-edit-event") } : null;
  });

  function restoreDraftInput() {
    var form = document.getElementById("edit-event");
    var eventId = form && form.getAttribute("data-edit-event");
    if (!form || !document.getElementById("edit-draft-note")) return;  // no draft kept in this render
    if (typed && typed.base && typed.base.event === eventId && window.dash_clientside.set_props) {
      ["title", "when", "tags", "notes"].forEach(function (f) {
        var el = document.getElementById("edit-" + f);
        if (el && typeof typed[f] === "string" && el.value !== typed[f]) {
          window.dash_clientside.set_props("edit-" + f, { value: typed[f] });
        }
      });
    }
    var a = document.activeElement;
    if (editField && !editField.el.isConnected && editField.event === eventId && (!a || a === document.body)) {
      var el = document.getElementById(editField.id);
      if (el) {
        var start = editField.el.selectionStart, end = editField.el.selectionEnd;
        el.focus({ preventScroll: true });
        if (typeof start === "number" && el.setSelectionRange) el.setSelectionRange(start, end);
        editField.el = el;
      }
    }
  }

  // -- the "Add an event" form's draft -------------------------------------------------------
  // Kept here only (nothing is on disk yet): what was typed into the add form goes back into it when a
  // reload re-renders the panel; a click on "Add event" (or Enter) hands it to the server and forgets it.
  var addTyped = null;
  var ADD_FIELD = /^add-(title|when|tags|notes)$/;

  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (t && ADD_FIELD.test(t.id || "")) {
      addTyped = addTyped || {};
      addTyped[t.id.slice(4)] = t.value;
    }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target && ev.target.id === "add-save") addTyped = null;
  }, true);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target && /^add-(title|when|tags)$/.test(ev.target.id || "")) addTyped = null;
  }, true);

  function restoreAddDraft() {
    if (!addTyped || !window.dash_clientside || !window.dash_clientside.set_props) return;
    var title = document.getElementById("add-title");
    if (!title) return;
    var fields = ["title", "when", "tags", "notes"];
    var blank = fields.every(function (f) { var el = document.getElementById("add-" + f); return !el || !el.value; });
    if (!blank) return;  // the form already holds input: nothing was lost
    fields.forEach(function (f) {
      if (typeof addTyped[f] === "string" && addTyped[f]) window.dash_clientside.set_props("add-" + f, { value: addTyped[f] });
    });
    var details = title.closest("details");
    if (details) details.open = true;
  }

  function onPanelChange() {
    restoreDraftInput();
    restoreAddDraft();
  }

  // Put the draft's focus and input back whenever React has re-rendered the panel (however late that is).
  var panelObserver = null;
  function watchPanel() {
    var panel = document.getElementById("source-panel");
    if (panelObserver || !panel || !window.MutationObserver) return;
    panelObserver = new MutationObserver(onPanelChange);
    panelObserver.observe(panel, { childList: true, subtree: true });
  }
  // The panel is rendered by Dash after this script runs: watch it as soon as it exists.
  var watchTimer = setInterval(function () {
    watchPanel();
    if (panelObserver) clearInterval(watchTimer);
  }, 300);

  // Scroll the source paragraph to the upper part of the text box. Runs a few times because the
  // clientside callback can fire before React has put the new text in the page.
  function scrollSource() {
    // After a save the panel is rebuilt and the focused button is gone: keep keyboard users in the
    // edit form instead of dropping them at the top of the page.
    watchPanel();
    setTimeout(function () {
      var a = document.activeElement;
      if (a && a !== document.body) return;
      var keep = document.querySelector("#edit-event[open] > summary") ||
        document.querySelector("#source-panel .edit-status:not(:empty) ~ #edit-undo:not([disabled])");
      if (keep) keep.focus({ preventScroll: true });
    }, 0);
    [0, 60, 250].forEach(function (ms) {
      setTimeout(function () {
        var box = document.querySelector("#source-panel .doc-scroll");
        var p = box && box.querySelector(".para-current");
        if (!box || !p) return;
        var delta = p.getBoundingClientRect().top - box.getBoundingClientRect().top;
        var want = Math.min(box.clientHeight / 4, 80);
        if (Math.abs(delta - want) > 4) box.scrollTop = Math.max(0, box.scrollTop + delta - want);
      }, ms);
    });
    return Date.now();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.timeline = {
    markList: function (id) {
      setTimeout(function () { markList(id); }, 0);
      return id || null;
    },
    markFigure: markFigure,
    scrollSource: scrollSource,
    keepDraft: keepDraft,
    xRelayout: xRelayout
  };
})();
