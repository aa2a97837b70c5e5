"""The single-file HTML export: inlined, escaped, and carrying what the page needs."""

from __future__ import annotations

import html
import json
import re

import plotly.offline
import pytest

from export_sample import hostile_timeline, kursk_timeline
from timeline._export._view import event_views
from timeline._export.figure import build_figure, row_of
from timeline._models import Timeline
from timeline._export.html import page_data, render_html, script_json
from timeline._timex import parse_when


def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return m.group(1)


@pytest.fixture(scope="module")
def kursk_page() -> str:
    return render_html(kursk_timeline())


def _packed_plotly(page: str) -> str:
    import base64
    import gzip

    m = re.search(r'<script type="application/octet-stream" id="plotly-gz">([A-Za-z0-9+/=]+)</script>', page)
    assert m, "no compressed plotly.js block"
    return gzip.decompress(base64.b64decode(m.group(1))).decode("utf-8")


def test_everything_is_inlined(kursk_page):
    assert _packed_plotly(kursk_page) == plotly.offline.get_plotlyjs()  # compressed, word for word
    assert len(kursk_page) < len(plotly.offline.get_plotlyjs()) * 0.5
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", kursk_page, re.I)
    assert "cdn.plot.ly" not in kursk_page
    # the CSP lets the unpacking script (by its hash) load what it unpacks, nothing else
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', kursk_page).group(1))
    assert "'strict-dynamic'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    data = json.loads(_data_block(kursk_page))
    assert [e["id"] for e in data["events"]][0] == "treaty-2024-06"
    # the article text travels with the page
    texts = {p["index"]: p["text"] for p in data["documents"][0]["paragraphs"]}
    assert texts[17].startswith("In late December, Kim told Russian President Vladimir Putin")


def test_inline_mode_carries_plotly_as_is():
    page = render_html(kursk_timeline(), plotly_js="inline")
    assert plotly.offline.get_plotlyjs()[:2000] in page and "plotly-gz" not in page
    assert "'strict-dynamic'" not in page


def test_cdn_mode_references_the_cdn_instead():
    page = render_html(kursk_timeline(), plotly_js="cdn")
    assert re.search(r'<script src="https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js"', page)
    assert plotly.offline.get_plotlyjs()[:2000] not in page
    assert len(page) < 200_000


def test_events_sorted_with_source_pieces():
    data = page_data(kursk_timeline(), "t")
    ids = [e["id"] for e in data["events"]]
    assert ids == ["treaty-2024-06", "repel-2025-sp", "expelled-2025-04", "museum-2025-08", "blood-2025-12",
                   "images-2026-01-16"]
    blood = data["events"][4]
    assert blood["label"] == "December 2025 (late)" and blood["wording"] == "In late December"
    src = blood["sources"][0]
    assert src["paragraph"] == 17
    expr = [p[0] for p in src["pieces"] if p[2]]
    sentence = "".join(p[0] for p in src["pieces"] if p[1])
    assert expr == ["In late December"]
    assert sentence == "In late December, Kim told Russian President Vladimir Putin"
    # the pieces put together are the paragraph, unchanged
    para = {p["index"]: p["text"] for p in data["documents"][0]["paragraphs"]}[17]
    assert "".join(p[0] for p in src["pieces"]) == para


def test_script_json_never_closes_the_script():
    evil = {"a": "</script><script>alert(1)</script>", "b": "<!--", "c": "\u2028"}
    out = script_json(evil)
    assert "<" not in out and ">" not in out and "\u2028" not in out
    assert json.loads(out) == evil


def test_hostile_article_is_never_markup():
    page = render_html(hostile_timeline())
    block = _data_block(page)
    assert "<" not in block
    for needle in ("<script>window.__pwned", "<img src=x", "<svg onload", "<iframe", "</script><script>"):
        # outside the inlined plotly bundle and our own script, no article text appears as markup
        assert needle not in page.replace(plotly.offline.get_plotlyjs(), "")
    # the title is escaped where it appears as HTML
    assert "<title>&lt;script&gt;window.__pwned=10&lt;/script&gt;</title>" in page
    data = json.loads(block)
    assert data["events"][0]["title"].startswith("Officials meet </script>")  # kept as text, shown as text


def test_csp_allows_only_the_page_scripts(kursk_page):
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', kursk_page).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src
    assert len(re.findall(r"'sha256-", script_src)) == 2


def test_figure_points_for_days_spans_for_coarser_dates():
    fig = build_figure(kursk_timeline())
    span, core, point = fig.data[0], fig.data[1], fig.data[2]
    assert list(point.y) == ["images-2026-01-16"]
    assert "blood-2025-12" in span.y and "treaty-2024-06" in span.y
    i = list(core.y).index("blood-2025-12")
    # "late December": the stronger bar is the last third of the month
    assert core.base[i].startswith("2025-12-21") and core.x[i] == pytest.approx(31 / 3 * 86_400_000)
    j = list(core.y).index("treaty-2024-06")
    assert core.x[j] == span.x[list(span.y).index("treaty-2024-06")]  # no mod: the whole month
    assert fig.layout.xaxis.type == "date"


def test_figure_escapes_labels():
    fig = build_figure(hostile_timeline())
    labels = list(fig.layout.yaxis.ticktext) + [c[1] for t in fig.data[:3] for c in (t.customdata or [])]
    assert labels and all("<img" not in s and "<script" not in s for s in labels)


def test_undated_events_stay_in_the_list_but_not_the_figure():
    t = kursk_timeline()
    t.events[3].when = parse_when("XXXX-08")
    data = page_data(t, "t")
    assert data["events"][-1]["id"] == "museum-2025-08" and data["events"][-1]["mark"] is None
    assert all("museum-2025-08" not in (tr.get("y") or []) for tr in data["figure"]["data"])


def _many_events(n: int) -> Timeline:
    t = kursk_timeline()
    base = t.events[0]
    values = ["2020", "2021-03", "2022-SP", "2023-Q2", "2024-06-14", "2025-W10", "2019-11-02", "2024-10"]
    t.events = [base.model_copy(update={"id": f"e{i}", "title": f"Event {i}", "when": parse_when(values[i % len(values)])})
                for i in range(n)]
    return t


def test_many_events_are_packed_into_lanes_without_overlap():
    t = _many_events(120)
    views = event_views(t)
    rows = row_of(views)
    lanes = set(rows.values())
    assert len(rows) == 120 and len(lanes) < 120
    by_lane: dict[str, list] = {}
    for v in views:
        by_lane.setdefault(rows[v.event.id], []).append((v.event.when.start, v.event.when.end))
    for spans in by_lane.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    data = page_data(t, "many")
    assert {e["row"] for e in data["events"]} == lanes
    layout = data["figure"]["layout"]
    assert layout["yaxis"]["showticklabels"] is False and layout["height"] < 140 + 34 * 120
    # few events: one labelled row each
    assert set(row_of(event_views(kursk_timeline()))) == set(row_of(event_views(kursk_timeline())).values())


def test_export_api_writes_by_suffix(tmp_path):
    from timeline._errors import UsageError
    from timeline._export import export

    n = export(kursk_timeline(), tmp_path / "k.json")
    assert n == (tmp_path / "k.json").stat().st_size and json.loads((tmp_path / "k.json").read_text())["events"]
    with pytest.raises(UsageError, match="cannot tell the export format"):
        export(kursk_timeline(), tmp_path / "k.docx")


def test_wording_prefers_the_quote_that_gives_the_date():
    pytest.importorskip("timeline._tagger")
    t = kursk_timeline()
    repel = t.event("repel-2025-sp")
    repel.sources.reverse()  # "last year" (paragraph 4) first, as the parser orders them
    assert [s.quote for s in repel.sources] == ["last year", "Last spring"]
    data = page_data(t, "t")
    assert next(e for e in data["events"] if e["id"] == "repel-2025-sp")["wording"] == "Last spring"
    assert next(e for e in data["events"] if e["id"] == "blood-2025-12")["wording"] == "In late December"
