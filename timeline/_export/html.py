"""One self-contained HTML file: the figure, the event list, search and the source panel.

Everything is inlined (plotly.js from the installed plotly package, gzip-compressed by default,
styles, script, data, the articles' text), so the file works from disk with no network. Article text travels only
inside a ``<script type="application/json">`` block with every ``<`` written as ``\\u003c``
and is put on the page with ``textContent``. A Content-Security-Policy allows exactly the
page's own inline scripts (by hash), so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Literal

import plotly.io as pio
import plotly.offline

from .._models import Timeline
from .._timex import format_when, mod_core
from ._view import EventView, event_views, iso
from .figure import build_figure, is_point, row_of

PlotlyJs = Literal["compressed", "inline", "cdn"]
PLOTLY_JS_MODES = ("compressed", "inline", "cdn")
SELECTION_TRACE = 3  # index of the "selected" ring trace in build_figure


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def script_json(data) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` (so no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_script(js: str) -> str:
    if re.search(r"</script", js, re.I):  # cannot happen with plotly's bundle, but never break out of the tag
        js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)
    return js


def _sha256(js: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode() + "'"


def _mark(view: EventView) -> str | None:
    """Where the figure puts the selection ring: the point, or the middle of the stronger part of a span."""
    when = view.event.when
    if when.start is None:
        return None
    if is_point(view):
        return iso(when.start)
    a, b = mod_core(when.start, when.end, when.mod)
    return (a + (b - a) / 2).isoformat()


def _event_data(view: EventView, row: dict[str, str]) -> dict:
    e = view.event
    return {
        "id": e.id,
        "title": e.title,
        "when": format_when(e.when),
        "label": e.when.label,
        "wording": view.wording,
        "start": iso(e.when.start),
        "end": iso(e.when.end),
        "granularity": e.when.granularity,
        "mod": e.when.mod,
        "mark": _mark(view),
        "row": row.get(e.id),
        "tags": list(e.tags),
        "actors": list(e.actors),
        "notes": e.notes,
        "origin": e.origin,
        "stale": e.stale,
        "alternatives": [a.label for a in e.alternatives],
        "sources": [
            {
                "document": p.document,
                "document_title": p.document_title,
                "url": p.url,
                "paragraph": p.paragraph,
                "quote": p.quote,
                "pieces": [[piece.text, piece.sentence, piece.expression] for piece in p.pieces],
            }
            for p in view.passages
        ],
    }


def page_data(timeline: Timeline, title: str, with_figure: bool = True) -> dict:
    views = event_views(timeline)
    row = row_of(views)
    figure = json.loads(pio.to_json(build_figure(timeline, title, views), validate=False)) if with_figure else None
    return {
        "title": title,
        "selection_trace": SELECTION_TRACE,
        "figure": figure,
        "events": [_event_data(v, row) for v in views],
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "url": d.url,
                "published": d.published.isoformat() if d.published else None,
                "paragraphs": [{"index": p.index, "kind": p.kind.value, "text": d.text[p.start:p.end]} for p in d.paragraphs],
            }
            for d in timeline.documents
        ],
    }


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("timeline")
    except Exception:  # not installed (running from a checkout)
        return "dev"


@functools.lru_cache(maxsize=1)
def _packed_plotly() -> str:
    """plotly.js gzip-compressed and base64-encoded (about 40% of its size; made once per process)."""
    raw = plotly.offline.get_plotlyjs().encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def render_html(timeline: Timeline, title: str | None = None, plotly_js: PlotlyJs = "compressed") -> str:
    """The export page as a string.

    ``plotly_js``: "compressed" (the default: plotly.js inlined gzip-compressed and unpacked by the browser,
    which needs DecompressionStream, in browsers since 2023), "inline" (as is: twice the size, any
    browser) or "cdn" (loaded from the internet; the list and sources work offline, the figure does not).
    """
    if plotly_js not in PLOTLY_JS_MODES:
        raise ValueError(f"plotly_js must be one of {', '.join(PLOTLY_JS_MODES)}, not {plotly_js!r}")
    title = title if title is not None else (timeline.title or _default_title(timeline))
    page_js = _inline_script(_asset("page.js"))
    if plotly_js == "compressed":
        unpack = _inline_script(_asset("unpack.js"))
        plotly_tag = (f'<script type="application/octet-stream" id="plotly-gz">{_packed_plotly()}</script>\n'
                      f"<script>{unpack}</script>")
        # 'strict-dynamic': the unpacking script (trusted by its hash) may load the blob: it makes
        script_src = f"{_sha256(unpack)} {_sha256(chr(10) + page_js + chr(10))} 'strict-dynamic'"
    elif plotly_js == "inline":
        bundle = _inline_script(plotly.offline.get_plotlyjs())
        plotly_tag = f"<script>{bundle}</script>"
        script_src = f"{_sha256(bundle)} {_sha256(chr(10) + page_js + chr(10))}"
    else:
        from plotly.io._utils import plotly_cdn_url

        url = plotly_cdn_url()
        plotly_tag = f'<script src="{html.escape(url)}" charset="utf-8"></script>'
        script_src = f"{url} {_sha256(chr(10) + page_js + chr(10))}"
    # plotly.js builds some functions at run time ('unsafe-eval') and injects its own <style> elements
    csp = (f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; "
           "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    n = len(timeline.events)
    fields = {
        "CSP": html.escape(csp),
        "VERSION": html.escape(_version()),
        "TITLE": html.escape(title),
        "CSS": _asset("page.css").replace("</", "<\\/"),
        "COUNT": f"{n} event{'s' if n != 1 else ''} from {len(timeline.documents)} article{'s' if len(timeline.documents) != 1 else ''}",
        "GENERATED": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "DATA": script_json(page_data(timeline, title)),
        "PLOTLY": plotly_tag,
        "JS": page_js,
    }
    # one pass over the template: text substituted in is never scanned for placeholders again
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: fields[m.group(1)], _asset("page.html"))


def _default_title(timeline: Timeline) -> str:
    if len(timeline.documents) == 1 and timeline.documents[0].title:
        return timeline.documents[0].title
    return "Timeline"


def write_html(timeline: Timeline, path: str | Path, title: str | None = None, plotly_js: PlotlyJs = "compressed") -> int:
    """Write the export page; returns its size in bytes."""
    data = render_html(timeline, title, plotly_js).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
