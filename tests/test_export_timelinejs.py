"""TimelineJS3 JSON: only documented field names, dates at their real precision."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser

from export_sample import hostile_timeline, kursk_timeline
from timeline._export.timelinejs import to_timelinejs
from timeline._timex import parse_when

# The TimelineJS3 JSON format as documented at https://timeline.knightlab.com/docs/json-format.html
# (repository NUKnightLab/TimelineJS3, website/templates/docs/json-format.html); ``unique_id`` is the
# slide id of src/js/core/TimelineConfig.js (_assignID) and of the API events (API.md).
TOP_KEYS = {"events", "title", "eras", "scale"}
SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
TEXT_KEYS = {"headline", "text"}
SLIDE_REQUIRED = {"start_date"}


def validate(data: dict) -> None:
    assert set(data) <= TOP_KEYS and "events" in data
    slides = list(data["events"]) + ([data["title"]] if "title" in data else [])
    for i, s in enumerate(slides):
        is_title = "title" in data and i == len(slides) - 1
        assert set(s) <= SLIDE_KEYS, set(s) - SLIDE_KEYS
        if not is_title:
            assert SLIDE_REQUIRED <= set(s)
        for key in ("start_date", "end_date"):
            if key in s:
                d = s[key]
                assert set(d) <= DATE_KEYS and "year" in d, d
                assert all(isinstance(d[k], int) for k in d if k != "display_date")
                if "month" in d:
                    assert 1 <= d["month"] <= 12
        if "text" in s:
            assert set(s["text"]) <= TEXT_KEYS
            assert all(isinstance(v, str) for v in s["text"].values())
        for key in ("display_date", "group", "unique_id"):
            if key in s:
                assert isinstance(s[key], str)


def _by_id(data):
    return {s["unique_id"]: s for s in data["events"]}


def test_field_names_follow_the_documented_format():
    data = json.loads(json.dumps(to_timelinejs(kursk_timeline())))
    validate(data)
    assert len(data["events"]) == 6


def test_dates_keep_their_real_precision():
    ev = _by_id(to_timelinejs(kursk_timeline()))
    assert ev["treaty-2024-06"]["start_date"] == {"year": 2024, "month": 6}
    assert "end_date" not in ev["treaty-2024-06"]
    assert ev["repel-2025-sp"]["start_date"] == {"year": 2025, "month": 3}
    assert ev["repel-2025-sp"]["end_date"] == {"year": 2025, "month": 5}
    assert ev["images-2026-01-16"]["start_date"] == {"year": 2026, "month": 1, "day": 16}
    assert ev["blood-2025-12"]["start_date"] == {"year": 2025, "month": 12}


def test_other_precisions():
    t = kursk_timeline()
    cases = {"2025": ({"year": 2025}, None), "2025-Q3": ({"year": 2025, "month": 7}, {"year": 2025, "month": 9}),
             "2025-W03": ({"year": 2025, "month": 1, "day": 13}, {"year": 2025, "month": 1, "day": 19}),
             "199": ({"year": 1990}, {"year": 1999}),
             "2025-04-01..2025-04-30": ({"year": 2025, "month": 4, "day": 1}, {"year": 2025, "month": 4, "day": 30}),
             "2025-04-02T14:30": ({"year": 2025, "month": 4, "day": 2, "hour": 14, "minute": 30}, None)}
    for value, (start, end) in cases.items():
        t.events[0].when = parse_when(value)
        s = _by_id(to_timelinejs(t))["treaty-2024-06"]
        assert s["start_date"] == start, value
        assert s.get("end_date") == end, value


def test_display_date_is_the_original_wording_and_text_quotes_the_paragraph():
    ev = _by_id(to_timelinejs(kursk_timeline()))
    assert ev["blood-2025-12"]["display_date"] == "In late December"
    assert ev["museum-2025-08"]["display_date"] == "In August"
    text = ev["blood-2025-12"]["text"]["text"]
    assert "<mark>In late December</mark>" in text
    assert "paragraph 17" in text and "strengthened by “sharing blood” on the Ukraine frontline" in text


def test_link_to_the_article():
    t = kursk_timeline()
    t.documents[0].url = "https://example.org/a?x=1&y=2"
    text = _by_id(to_timelinejs(t))["blood-2025-12"]["text"]["text"]
    assert '<a href="https://example.org/a?x=1&amp;y=2"' in text


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_article_text_is_escaped():
    data = to_timelinejs(hostile_timeline())
    validate(data)
    for s in data["events"] + [data["title"]]:
        for value in s["text"].values():
            p = _Tags()
            p.feed(value)
            assert {t for t, _ in p.tags} <= {"blockquote", "strong", "mark", "p", "a"}, p.tags
            assert all(not any(k.startswith("on") for k in attrs) for _, attrs in p.tags)
            # a javascript: url is never linked
            assert all(not (attrs.get("href") or "").startswith("javascript") for _, attrs in p.tags)
    titles = [html.unescape(s["text"]["headline"]) for s in data["events"]]
    assert "Talks <img src=x onerror=window.__pwned=8> fail" in titles
