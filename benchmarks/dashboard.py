"""Dashboard scale benchmark: synthetic timelines of 1k / 10k / 100k events.

Measures, for the real app (dashboard.create_app):
  - index build (once per load) and figure build (the first figure a visitor gets, and a zoomed-in one),
  - payload: length of the figure JSON sent to the browser,
  - in headless Chromium (Debian's /usr/bin/chromium): time to first render (page load until the figure
    and the list are drawn) and click-to-source latency (click an event -> its highlighted expression
    is on screen), for a list click and, where events are drawn individually, a click on the mark.
Baselines in the same run:
  - naive-1k: one Plotly trace per event (go.Figure), the usual way a timeline gets built, in a bare
    Dash app whose click shows the paragraph;
  - flat-10k: every event as one SVG marker, no aggregation (build + payload only).

    python benchmarks/dashboard.py                 # 1k, 10k, 100k
    python benchmarks/dashboard.py --sizes 1000 10000 --no-browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard import create_app  # noqa: E402
from dashboard import callbacks as cb  # noqa: E402
from dashboard.query import Filters, TimelineIndex  # noqa: E402
from timeline._models import Document, Event, Paragraph, SourceRef, Span, Timeline  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ACTORS = ["Kim Jong-un", "Vladimir Putin", "KCNA", "Russian military", "Ukrainian forces", "the museum", "Pyongyang"]
VERBS = ["announced", "reported", "visited", "signed", "opened", "inspected", "praised", "denied"]
TAGS = ["diplomacy", "military", "memorial", "economy", "media", "culture", "law", "health", "sport", "science"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


# -- synthetic data -----------------------------------------------------------------------------------


def synthetic_timeline(n: int, seed: int = 7) -> Timeline:
    """n events over 1990-2025 in n/100 articles of 20 paragraphs; day / month / season / year precision."""
    rng = random.Random(seed)
    n_docs = max(3, n // 100)
    docs, slots = [], []
    for d in range(n_docs):
        paras, text = [], ""
        for p in range(20):
            day = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(36 * 365))
            kind = rng.random()
            if kind < 0.5:
                phrase, when = f"{day.day} {MONTHS[day.month - 1]} {day.year}", day.isoformat()
            elif kind < 0.75:
                phrase, when = f"{MONTHS[day.month - 1]} {day.year}", f"{day.year}-{day.month:02d}"
            elif kind < 0.85:
                phrase, when = f"late {MONTHS[day.month - 1]} {day.year}", f"late {day.year}-{day.month:02d}"
            elif kind < 0.93:
                season = ["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"][day.month - 1]
                name = {"WI": "winter", "SP": "spring", "SU": "summer", "FA": "autumn"}[season]
                phrase, when = f"the {name} of {day.year}", f"{day.year}-{season}"
            else:
                phrase, when = str(day.year), str(day.year)
            sentence = f"In {phrase}, {rng.choice(ACTORS)} {rng.choice(VERBS)} plans number {d}-{p}."
            if text:
                text += "\n\n"
            start = len(text)
            text += sentence + " Officials gave no further details."
            paras.append(Paragraph(index=p + 1, start=start, end=len(text)))
            e0 = start + 3
            slots.append((f"doc{d}", p + 1, start, start + len(sentence), e0, e0 + len(phrase), phrase, when))
        docs.append(Document(id=f"doc{d}", title=f"Synthetic article {d}", published=dt.date(2026, 1, 16), text=text,
                             paragraphs=paras))
    events = []
    for i in range(n):
        doc_id, para, s0, s1, e0, e1, phrase, when = slots[i % len(slots)]
        events.append(Event(
            id=f"ev{i}", title=f"{rng.choice(ACTORS)} {rng.choice(VERBS)} plans ({i})", when=when,
            sources=[SourceRef(document=doc_id, paragraph=para, sentence=Span(start=s0, end=s1),
                               expression=Span(start=e0, end=e1), quote=phrase)],
            tags=[rng.choice(TAGS)], actors=[rng.choice(ACTORS)],
        ))
    return Timeline(title=f"Synthetic {n:,}", documents=docs, events=events)


# -- helpers ------------------------------------------------------------------------------------------


def timed(fn, repeat: int = 3):
    """(median seconds, last result)."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def payload(fig) -> int:
    return len(json.dumps(fig, cls=plotly.utils.PlotlyJSONEncoder))


def serve(app) -> tuple[str, object]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", server


def naive_figure(timeline: Timeline):
    """Baseline: one go.Scatter trace per event."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for e in timeline.events:
        fig.add_trace(go.Scatter(x=[e.when.start, e.when.end], y=[e.sources[0].document] * 2, mode="lines+markers",
                                 name=e.title, customdata=[e.id, e.id], hovertext=e.title, showlegend=False))
    fig.update_layout(xaxis={"rangeslider": {"visible": True}}, height=500)
    return fig


def naive_app(timeline: Timeline, fig):
    import dash
    from dash import Input, Output, dcc, html

    docs = {d.id: d for d in timeline.documents}
    by_id = {e.id: e for e in timeline.events}
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Graph(id="g", figure=fig), html.Div(id="src")])

    @app.callback(Output("src", "children"), Input("g", "clickData"))
    def show(click):
        if not click:
            return ""
        e = by_id[click["points"][0]["customdata"]]
        s = e.sources[0]
        doc = docs[s.document]
        p = doc.paragraph(s.paragraph)
        return html.P([doc.text[p.start:s.expression.start], html.Mark(s.quote, className="expr-current",
                                                                         **{"data-event-id": e.id}),
                       doc.text[s.expression.end:p.end]])

    return app


_MARK_POSITION = """([id, traces]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (const k of traces) {
    const tr = gd.data[k];
    const cd = tr.customdata || [];
    const i = cd.indexOf(id);
    if (i >= 0) {
      const box = gd.getBoundingClientRect();
      const y = ya.type === 'category' ? ya.d2l(tr.y[i]) : tr.y[i];
      return {x: box.left + xa._offset + xa.l2p(xa.d2l(tr.x[i])), y: box.top + ya._offset + ya.l2p(y)};
    }
  }
  return null;
}"""


_SHOWN_FROM_URL = """(before) => {
  if (location.search === before) return false;
  const id = new URLSearchParams(location.search).get('event');
  const m = document.querySelector('#source-panel mark.expr-current');
  return m && m.dataset.eventId === id;
}"""


def browser_app(page, url: str, figure_clicks: bool, traces) -> dict:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("#event-list [role=option]", timeout=180000)
    page.wait_for_function("() => { const gd = document.querySelector('#graph .js-plotly-plot');"
                           " return gd && gd.data && gd.data.length === 5 && gd.querySelector('.main-svg'); }",
                           timeout=180000)
    first = time.perf_counter() - t0
    rendered = page.eval_on_selector_all("#event-list [role=option]", "els => els.map(e => e.dataset.eventId)")
    ids = [rendered[min(i, len(rendered) - 1)] for i in (3, 40, 80, 120, 160)]
    lat = []
    for eid in ids:
        t1 = time.perf_counter()
        page.click(f"#event-list [data-event-id='{eid}']")
        page.wait_for_selector(f"#source-panel mark.expr-current[data-event-id='{eid}']", timeout=60000)
        lat.append(time.perf_counter() - t1)
    out = {"first_render_s": first, "list_click_s": statistics.median(lat)}
    if figure_clicks:
        flat = []
        for eid in ids:
            pos = page.evaluate(_MARK_POSITION, [eid, traces])
            if pos is None:
                continue
            page.click(f"#event-list [data-event-id='{rendered[-1]}']")  # select something elsewhere first
            page.wait_for_selector(f"#source-panel mark.expr-current[data-event-id='{rendered[-1]}']")
            page.evaluate("() => window.scrollTo(0, 0)")
            pos = page.evaluate(_MARK_POSITION, [eid, traces])
            before = page.evaluate("() => location.search")
            t1 = time.perf_counter()
            page.mouse.click(pos["x"], pos["y"])
            # marks can overlap: accept whichever event the click selected, once its source is on screen
            page.wait_for_function(_SHOWN_FROM_URL, arg=before, timeout=60000)
            flat.append(time.perf_counter() - t1)
            page.mouse.move(1, 1)
        if flat:
            out["figure_click_s"] = statistics.median(flat)
    return out


def browser_naive(page, url: str, ids: list[str], n_traces: int) -> dict:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(f"() => {{ const gd = document.querySelector('.js-plotly-plot');"
                           f" return gd && gd.data && gd.data.length === {n_traces} && gd.querySelector('.main-svg'); }}",
                           timeout=300000)
    first = time.perf_counter() - t0
    lat = []
    for eid in ids:
        k = int(eid[2:])
        pos = page.evaluate(_MARK_POSITION, [eid, [k]])
        if pos is None:
            continue
        t1 = time.perf_counter()
        page.mouse.click(pos["x"], pos["y"])
        try:
            page.wait_for_selector(f"#src mark[data-event-id='{eid}']", timeout=30000)
        except Exception:
            continue  # the click hit an overlapping trace: not counted
        lat.append(time.perf_counter() - t1)
        page.mouse.move(1, 1)
    return {"first_render_s": first, "figure_click_s": statistics.median(lat) if lat else float("nan")}


# -- main ---------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--browser-max", type=int, default=100000, help="skip the browser part above this size")
    args = ap.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    rows = []
    timelines = {}
    for n in args.sizes:
        t0 = time.perf_counter()
        tl = synthetic_timeline(n)
        synth = time.perf_counter() - t0
        timelines[n] = tl
        index_s, index = timed(lambda: TimelineIndex.build(tl), repeat=1)
        source = SimpleNamespace(index=index)  # what the callbacks read; no background warm-up thread
        fresh = iter([source] + [SimpleNamespace(index=TimelineIndex.build(tl)) for _ in range(2)])
        # cold: the first figure of a freshly loaded timeline, nothing memoised (the app also prepares this
        # figure in the background right after loading, so a visitor usually gets the warm one)
        build_s, (fig, view) = timed(lambda: cb.update_figure(next(fresh), None, Filters(), "document", None, None,
                                                              None))
        warm_s, _ = timed(lambda: cb.update_figure(source, None, Filters(), "document", None, None, None))
        mode = "bins" if fig["data"][4]["x"] else "marks"
        # zoomed in on ~1,000 events (or the whole set when it is smaller)
        span = dt.timedelta(days=36 * 365 * min(1.0, 1000 / n))
        lo = dt.datetime(2005, 1, 1)
        relayout = {"xaxis.range": [lo.isoformat(), (lo + span).isoformat()]}
        zoom_s, zoomed = timed(lambda: cb.update_figure(source, "graph-relayout", Filters(), "document", relayout, None,
                                                        view))
        zoom_payload = payload(zoomed[0]) if isinstance(zoomed[0], dict) else payload(fig)
        search_s, _ = timed(lambda: source.index.filter(Filters.of(text=f"plans ({n // 2})")), repeat=1)
        rows.append({"what": f"app {n:,}", "synth_s": synth, "index_s": index_s, "build_s": build_s, "warm_s": warm_s,
                     "payload": payload(fig), "mode": mode, "zoom_build_s": zoom_s, "zoom_payload": zoom_payload,
                     "search_s": search_s})
    baselines = []
    if 1000 in timelines or args.sizes:
        n0 = 1000
        tl = timelines.get(n0) or synthetic_timeline(n0)
        timelines[n0] = tl
        s, nf = timed(lambda: naive_figure(tl), repeat=1)
        baselines.append({"what": "naive 1 trace/event 1,000", "build_s": s, "payload": payload(nf.to_plotly_json()),
                          "fig": nf})
    if 10000 in timelines:
        tl = timelines[10000]
        src = SimpleNamespace(index=TimelineIndex.build(tl))
        s, (flat, _) = timed(lambda: cb.update_figure(src, None, Filters(), "document", None, None, None,
                                                      aggregate_above=10**9))
        baselines.append({"what": "flat all-marks 10,000", "build_s": s, "payload": payload(flat)})

    print(f"{'timeline':<28}{'index':>8}{'figure':>9}{'warm':>9}{'payload':>11}{'mode':>7}{'zoom fig':>10}"
          f"{'zoom pl':>10}{'search':>8}")
    for r in rows:
        print(f"{r['what']:<28}{r['index_s']:>7.2f}s{r['build_s']:>8.3f}s{r['warm_s']:>8.4f}s{r['payload']:>11,}"
              f"{r['mode']:>7}{r['zoom_build_s']:>9.3f}s{r['zoom_payload']:>10,}{r['search_s']:>7.3f}s")
    for b in baselines:
        print(f"{'baseline ' + b['what']:<28}{'':>8}{b['build_s']:>8.3f}s{'':>9}{b['payload']:>11,}")
    print("(index = once per load; figure = first figure of a fresh load (cold); warm = the same request again;\n"
          " payload = figure JSON characters; zoom = rebuild after zooming to ~1,000 events; search = first free-text\n"
          " search, which builds the search text)")

    if args.no_browser or not Path(CHROMIUM).exists():
        print("browser part skipped" + ("" if args.no_browser else f": no {CHROMIUM}"))
        return
    from playwright.sync_api import sync_playwright

    print(f"\n{'in Chromium':<28}{'first render':>14}{'list click':>12}{'figure click':>14}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in args.sizes:
            if n > args.browser_max:
                print(f"{'app ' + format(n, ','):<28}  skipped (above --browser-max)")
                continue
            tl = timelines[n]
            url, server = serve(create_app(tl, poll_ms=10**9))
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            try:
                page.goto(url)  # warm: the server's first request and the browser's cache of the JS bundles
                page.wait_for_selector("#event-list [role=option]", timeout=180000)
                res = browser_app(page, url, figure_clicks=n <= 2000, traces=[2, 3])
            except Exception as exc:  # report and go on with the other sizes
                shot = Path(__file__).resolve().parents[1] / "tests" / "artifacts" / f"benchmark-{n}-failed.png"
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot))
                state = page.evaluate("() => { const gd = document.querySelector('#graph .js-plotly-plot');"
                                      " return gd ? (gd.data ? gd.data.length : 'no data') : 'no graph'; }")
                print(f"{'app ' + format(n, ','):<28}  failed: {type(exc).__name__}: {str(exc).splitlines()[0]}"
                      f" (graph: {state}; screenshot {shot.name})")
                continue
            finally:
                page.close()
                server.shutdown()
            fc = f"{res['figure_click_s']:>13.2f}s" if "figure_click_s" in res else f"{'n/a (bins)':>14}"
            print(f"{'app ' + format(n, ','):<28}{res['first_render_s']:>13.2f}s{res['list_click_s']:>11.2f}s{fc}")
        for b in baselines:
            if "fig" not in b:
                continue
            tl = timelines[1000]
            url, server = serve(naive_app(tl, b["fig"]))
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            try:
                page.goto(url)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=300000)
                res = browser_naive(page, url, [f"ev{i}" for i in (3, 333, 500, 666, 995)], 1000)
            finally:
                page.close()
                server.shutdown()
            print(f"{'baseline ' + b['what']:<28}{res['first_render_s']:>13.2f}s{'n/a':>12}"
                  f"{res['figure_click_s']:>13.2f}s")
        browser.close()
    print("(first render = page load until the figure and the list are drawn, JS bundles cached; clicks = median of "
          "5, until the highlighted expression is on screen)")


if __name__ == "__main__":
    main()
