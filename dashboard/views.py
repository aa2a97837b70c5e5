"""Pure functions that turn timeline data into Dash components (no callbacks, no app state).

Safety: article text is untrusted. It only ever becomes the *children strings* of html components,
which React renders as text; nothing here uses ``dangerouslySetInnerHTML`` or dcc.Markdown.
Links to an article's URL are only made for http(s) URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dash import dcc, html

from timeline._models import Document, Event, SourceRef
from timeline._timex import DateReading

from .query import Filters, TimelineIndex, safe_dom_id

__all__ = [
    "LIST_LIMIT",
    "anchoring",
    "CONFLICT_LABEL",
    "conflict_section",
    "counts_text",
    "date_reading",
    "event_list_items",
    "intro_panel",
    "list_window",
    "outside_view_text",
    "paragraph_children",
    "precision_words",
    "problems_banner",
    "source_panel",
    "source_reading",
    "sources_list",
    "readings_with_sources",
    "view_count_text",
]

CONFLICT_LABEL = "sources disagree"

LIST_LIMIT = 200  # list items rendered at once; the window follows the selection

_GRAN_WORDS = {
    "second": "the second", "minute": "the minute", "hour": "the hour", "part_of_day": "a part of the day",
    "day": "the day", "weekend": "the weekend", "week": "the week", "month": "the month",
    "season": "the season", "quarter": "the quarter", "half": "the half-year", "year": "the year",
    "decade": "the decade", "century": "the century", "millennium": "the millennium",
}
_MOD_WORDS = {
    "EARLY": "its first third (early)", "START": "its very start", "MID": "its middle third (mid)",
    "LATE": "its last third (late)", "END": "its very end", "APPROX": "about that time (approximate)",
    "BEFORE": "some time before it", "AFTER": "some time after it", "ON_OR_BEFORE": "that time or before",
    "ON_OR_AFTER": "that time or after",
}


def _long_date(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


# -- date reading ------------------------------------------------------------------------------


def precision_words(event: Event) -> str:
    """'Precise to the month; the text points at its last third (late).'"""
    w = event.when
    gran = w.granularity
    if gran is None:
        return "Not placed on the calendar: the text gives no year or date to anchor it."
    if w.until:
        s = f"A range, precise to {_GRAN_WORDS.get(gran, gran)} at each end."
    else:
        s = f"Precise to {_GRAN_WORDS.get(gran, gran)}."
    if w.mod:
        s = s[:-1] + f"; the text points at {_MOD_WORDS.get(w.mod, w.mod.lower())}."
    return s


def anchoring(index: TimelineIndex, event: Event, src: SourceRef | None = None) -> tuple[str, str]:
    """How the date was fixed, as (kind, plain sentence). kind: explicit / dct / narrative / none / manual.

    Uses the tagger's own record for the expression when it is available, else a cautious reading
    of the quote (a year written out means explicit).
    """
    src = src or (event.sources[0] if event.sources else None)
    if src is None or src.expression is None:
        who = "a person" if event.origin != "extracted" else "the parser"
        return "manual", f"Dated by {who}; no date expression in the text."
    doc = index.document(src.document)
    dct = doc.published if doc else None
    kind = None
    for expr in index.expressions(src.document):
        if expr.start == src.expression.start and expr.end == src.expression.end:
            kind = getattr(expr.anchor, "value", expr.anchor)
            break
    if kind is None:
        quote = src.quote or (doc.text[src.expression.start : src.expression.end] if doc else "")
        if re.search(r"\b(1\d|20)\d\d\b|\b\d{2,3}0s\b", quote):
            kind = "explicit"
        elif "X" in event.when.value or event.when.start is None:
            kind = "none"
        else:
            kind = "relative"
    if kind == "explicit":
        return kind, "Explicit: the text itself gives the full date."
    if kind == "dct":
        return kind, f"Worked out from the article's publication date ({_long_date(dct) or 'unknown'})."
    if kind == "narrative":
        return kind, ("Worked out from the story: the last date the article mentioned before it supplies the year, "
                      "or the day a count such as \"three days later\" starts from.")
    if kind == "relative":
        return kind, (
            "Worked out from context: the article's publication date"
            + (f" ({_long_date(dct)})" if dct else "")
            + " or the dates mentioned before it."
        )
    return "none", "Not anchored: the article gives no date to resolve it against."


def date_reading(index: TimelineIndex, event: Event) -> html.Div:
    """'"In late December" -> December 2025 (late)', precision and anchoring in plain words."""
    w = event.when
    src = event.sources[0] if event.sources else None
    if len(event.sources) > 1:  # quote a source that gives this date (after a merge or a hand choice)
        src = next((s for s in event.sources if (r := source_reading(index, s)) is not None and r.value == w.value), src)
    wording = w.text or (src.quote if src else "")
    head: list = []
    if wording:
        head += [html.Q(wording, className="wording"), html.Span(" → ", className="arrow", **{"aria-label": "read as"})]
    head.append(html.Strong(w.label, className="reading-label"))
    kind, anchor = anchoring(index, event, src)
    rows = [
        html.P(head, className="reading-main"),
        html.Ul(
            [
                html.Li([html.Span("Precision ", className="k"), precision_words(event)]),
                html.Li([html.Span("Anchoring ", className="k"), anchor], className=f"anchor-{kind}"),
            ],
            className="reading-facts",
        ),
    ]
    return html.Div(rows, className="date-reading")  # disagreeing sources: conflict_section


# -- conflicts ---------------------------------------------------------------------------------


def source_reading(index: TimelineIndex, src: SourceRef) -> DateReading | None:
    """The date this one source states, read again from its expression (None when unknown)."""
    if src.expression is None:
        return None
    for expr in index.expressions(src.document):
        if expr.start == src.expression.start and expr.end == src.expression.end:
            try:
                return DateReading(value=expr.value, mod=expr.mod)
            except Exception:  # a value the reading model does not take (durations, sets)
                return None
    return None


def _compatible(a: DateReading, b: DateReading) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    return a.start < b.end and b.start < a.end


def readings_with_sources(index: TimelineIndex, event: Event) -> list[tuple[DateReading, list[int]]]:
    """Each reading of the event (``when`` first, then ``alternatives``) with the indexes of the sources
    that give it: the same TIMEX value first, else the first reading whose interval overlaps."""
    readings = [event.when, *event.alternatives]
    given: list[list[int]] = [[] for _ in readings]
    for i, src in enumerate(event.sources):
        r = source_reading(index, src)
        if r is None:
            continue
        j = next((k for k, x in enumerate(readings) if x.value == r.value and x.until == r.until), None)
        if j is None:
            j = next((k for k, x in enumerate(readings) if _compatible(x, r)), None)
        if j is not None:
            given[j].append(i)
    return list(zip(readings, given, strict=True))


def _source_name(index: TimelineIndex, src: SourceRef) -> str:
    doc = index.document(src.document)
    return f"{doc.title if doc and doc.title else src.document}, ¶{src.paragraph}"


def conflict_section(index: TimelineIndex, event: Event, resolve_base: dict | None = None) -> html.Div | None:
    """The readings the sources give, each with its sources and (when the app may edit the seed file, i.e.
    ``resolve_base`` is given, see :func:`dashboard.editing.conflict_base`) a "Use this date" button
    (id ``{"type": "use-date", "index": i}``, i into ``[when, *alternatives]``)."""
    resolvable = resolve_base is not None
    if not event.alternatives:
        return None
    rows = []
    for i, (reading, srcs) in enumerate(readings_with_sources(index, event)):
        names = [_source_name(index, event.sources[k]) for k in srcs]
        bits: list = [html.Strong(reading.label, className="reading-label")]
        if i == 0:
            bits.append(html.Span(" (shown)", className="muted"))
        bits.append(html.Span(" — " + ("; ".join(names) if names else "source not identified"),
                              className="reading-sources"))
        if resolvable:
            bits.append(html.Button("Use this date", id={"type": "use-date", "index": i}, className="btn small",
                                    title=f"Date the event {reading.label} and clear the disagreement"))
        rows.append(html.Li(bits, className="conflict-reading", **{"data-reading": str(reading)}))
    return html.Div(
        [
            html.H4([html.Span(f"⚠ {CONFLICT_LABEL.capitalize()}", className="badge warn"), " on the date"]),
            html.Ul(rows, className="conflict-readings"),
            *([dcc.Store(id="conflict-base", data=resolve_base),
               html.P(id="conflict-status", className="edit-status", role="status")] if resolvable else []),
        ],
        className="conflict",
        id="conflict",
    )


# -- source text -------------------------------------------------------------------------------


def paragraph_children(
    text: str,
    start: int,
    end: int,
    sentences: Sequence[tuple[int, int]] = (),
    links: Sequence[tuple[int, int, str, str]] = (),
    current: tuple[int, int] | None = None,
) -> list:
    """Components for document text[start:end], as plain strings inside spans.

    sentences: spans to emphasise (the selected event's sentence); links: (start, end, event_id,
    label) of dated expressions, each clickable; current: the selected event's expression, drawn as
    the highlighted <mark>. All offsets are into ``text``.
    """
    cuts = {start, end}
    for a, b in sentences:
        cuts.update(x for x in (a, b) if start < x < end)
    usable_links = []
    taken: list[tuple[int, int]] = []
    for a, b, eid, label in sorted(links, key=lambda x: (x[0], -x[1])):
        a, b = max(a, start), min(b, end)
        if a >= b or any(a < tb and ta < b for ta, tb in taken):
            continue  # overlapping expressions: keep the first
        taken.append((a, b))
        usable_links.append((a, b, eid, label))
        cuts.update((a, b))
    bounds = sorted(cuts)
    link_at = {a: (a, b, eid, label) for a, b, eid, label in usable_links}
    out: list = []
    group: list = []
    group_in_sentence = None
    i = 0
    while i < len(bounds) - 1:
        a = bounds[i]
        if a in link_at:
            la, lb, eid, label = link_at[a]
            is_current = current is not None and (la, lb) == (max(current[0], start), min(current[1], end))
            piece = html.Mark(
                text[la:lb],
                className="expr expr-current" if is_current else "expr",
                role="button",
                tabIndex=0,
                title=f"Show event: {label}",
                **{"data-event-id": eid, "aria-label": f"{text[la:lb]}: show event {label}"},
            )
            while i < len(bounds) - 1 and bounds[i + 1] <= lb:
                i += 1
            b = lb
        else:
            b = bounds[i + 1]
            piece = text[a:b]
            i += 1
        in_sentence = any(sa <= a and b <= sb for sa, sb in sentences)
        if in_sentence != group_in_sentence and group:
            out.append(html.Span(group, className="sentence-current") if group_in_sentence else group)
            group = []
        group_in_sentence = in_sentence
        group.append(piece)
    if group:
        out.append(html.Span(group, className="sentence-current") if group_in_sentence else group)
    flat: list = []
    for part in out:
        if isinstance(part, list):
            flat.extend(part)
        else:
            flat.append(part)
    return flat


def _doc_links(index: TimelineIndex, doc_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, event id, label) of every event's expression in a document (cached per load)."""
    by_doc = index.cache.get("doc-links")
    if by_doc is None:
        by_doc = {}
        for e in index.events:
            for s in e.sources:
                if s.expression is not None:
                    by_doc.setdefault(s.document, []).append(
                        (s.expression.start, s.expression.end, e.id, f"{e.title} ({e.when.label})"))
        index.cache["doc-links"] = by_doc
    return by_doc.get(doc_id, [])


def _paragraphs(doc: Document) -> list[tuple[int, int, int, str]]:
    if doc.paragraphs:
        return [(p.index, p.start, p.end, getattr(p.kind, "value", p.kind)) for p in doc.paragraphs]
    return [(1, 0, len(doc.text), "content")]


def _doc_header(doc: Document) -> html.Div:
    bits: list = [html.H3(doc.title or doc.id, className="doc-title")]
    meta: list = []
    if doc.published:
        meta.append(f"Published {_long_date(doc.published)}")
    if doc.url:
        if re.match(r"^https?://", doc.url, re.I):
            meta.append(html.A(doc.url, href=doc.url, target="_blank", rel="noopener noreferrer nofollow"))
        else:
            meta.append(doc.url)
    if doc.path:
        meta.append(doc.path)
    if meta:
        joined: list = []
        for m in meta:
            if joined:
                joined.append(" · ")
            joined.append(m)
        bits.append(html.P(joined, className="doc-meta"))
    return html.Div(bits, className="doc-header")


def source_panel(index: TimelineIndex, event: Event, max_paragraphs: int = 120, actions=None,
                 resolve_base: dict | None = None, shown_source: int = 0) -> html.Div:
    """The selected event, its date reading, and its source document with the paragraph marked.

    ``actions`` fills the ``event-actions`` slot (the edit form, when the app may edit seed files);
    ``shown_source`` is the index of the source whose document is shown (the first by default); an
    event with several sources lists them all (see :func:`sources_list`) with a button to show each."""
    head: list = [html.H2(event.title, className="event-title", id="source-event-title")]
    badges = []
    if event.origin == "edited":
        badges.append(html.Span("edited by a person", className="badge"))
    elif event.origin == "manual":
        badges.append(html.Span("added by a person", className="badge"))
    if event.stale:
        badges.append(html.Span("no longer found in its article", className="badge warn"))
    if event.alternatives:
        badges.append(html.Span(f"⚠ {CONFLICT_LABEL}", className="badge warn conflict-badge"))
    for t in event.tags:
        badges.append(html.Span(t, className="chip"))
    for a in event.actors:
        badges.append(html.Span(a, className="chip actor"))
    if badges:
        head.append(html.Div(badges, className="badges"))
    head.append(date_reading(index, event))
    conflict = conflict_section(index, event, resolve_base)
    if conflict is not None:
        head.append(conflict)
    if event.notes:
        head.append(html.P(["Note: ", event.notes], className="notes"))
    head.append(html.Div(actions, id="event-actions", className="event-actions"))  # in-app editing (issue 5)
    body: list = []
    if not event.sources:
        body.append(html.P("This event has no source paragraph.", className="muted"))
        return html.Div([html.Div(head, className="event-head"), html.Div(body, className="doc-scroll")], className="source")
    if not 0 <= shown_source < len(event.sources):
        shown_source = 0
    primary = event.sources[shown_source]
    doc = index.document(primary.document)
    if doc is None:
        body.append(html.P(f"The source document '{primary.document}' is not loaded.", className="muted"))
        return html.Div([html.Div(head, className="event-head"), html.Div(body, className="doc-scroll")], className="source")
    same_doc = [s for s in event.sources if s.document == doc.id]
    if len(event.sources) > 1:
        body.append(sources_list(index, event, shown_source))
    sentences = [(s.sentence.start, s.sentence.end) for s in same_doc]
    currents = {(s.expression.start, s.expression.end) for s in same_doc if s.expression is not None}
    # The selected event's own expressions first: where several events share one expression, the
    # highlighted mark then names the selected event.
    links = sorted(_doc_links(index, doc.id), key=lambda ln: ln[2] != event.id)
    paras = _paragraphs(doc)
    target_pos = next((i for i, p in enumerate(paras) if p[0] == primary.paragraph), 0)
    lo = max(0, target_pos - max_paragraphs // 2)
    shown = paras[lo : lo + max_paragraphs]
    rendered = []
    if lo > 0:
        rendered.append(html.P(f"… {lo} earlier paragraphs not shown", className="muted"))
    source_paras = {s.paragraph for s in same_doc}
    for pindex, start, end, kind in shown:
        p_links = [ln for ln in links if start <= ln[0] < end]
        p_sentences = [s for s in sentences if s[0] < end and start < s[1]]
        cur = next((c for c in currents if start <= c[0] < end), None)
        children = paragraph_children(doc.text, start, end, p_sentences, p_links, cur)
        is_source = pindex in source_paras
        cls = f"para kind-{kind}" + (" para-current" if pindex == primary.paragraph else "") + (
            " para-source" if is_source else "")
        label = html.Span(f"¶{pindex}", className="para-num", **{"aria-hidden": "true"})
        attrs = {"data-para": str(pindex)}
        if pindex == primary.paragraph:
            attrs["aria-current"] = "true"
        rendered.append(html.P([label, *children], className=cls, **attrs))
    if lo + max_paragraphs < len(paras):
        rendered.append(html.P(f"… {len(paras) - lo - max_paragraphs} later paragraphs not shown", className="muted"))
    where = f"From paragraph {primary.paragraph} of"
    body.append(html.P([where, " ", html.Em(doc.title or doc.id)], className="source-where"))
    body.append(_doc_header(doc))
    body.append(html.Article(rendered, className="doc-text", **{"aria-label": f"Text of {doc.title or doc.id}"}))
    return html.Div([html.Div(head, className="event-head"), html.Div(body, className="doc-scroll")], className="source")


def sources_list(index: TimelineIndex, event: Event, shown: int = 0) -> html.Div:
    """Every source of the event side by side: document title, paragraph, the stating sentence (with the
    date expression marked) and a "Show" button (id ``{"type": "show-source", "index": i}``) that opens
    that source's paragraph below."""
    items = []
    for i, src in enumerate(event.sources):
        doc = index.document(src.document)
        name = doc.title if doc and doc.title else src.document
        if doc is not None and src.sentence.end <= len(doc.text):
            cur = (src.expression.start, src.expression.end) if src.expression is not None else None
            links = [(cur[0], cur[1], event.id, event.title)] if cur else []
            quote = paragraph_children(doc.text, src.sentence.start, src.sentence.end, (), links, cur)
        else:
            quote = [src.quote]
        reading = source_reading(index, src) if event.alternatives else None
        is_shown = i == shown
        items.append(html.Li(
            [
                html.Div([html.Em(name, className="src-doc"), html.Span(f" · paragraph {src.paragraph}", className="muted"),
                          *([html.Span(f" · says {reading.label}", className="src-reading")] if reading else [])],
                         className="src-head"),
                html.Q(quote, className="src-quote"),
                html.Button("Shown below" if is_shown else "Show paragraph", id={"type": "show-source", "index": i},
                            className="btn small" + (" ghost" if is_shown else ""), disabled=is_shown,
                            **{"aria-pressed": "true" if is_shown else "false",
                               "aria-label": f"Show paragraph {src.paragraph} of {name}"}),
            ],
            className="src-item" + (" is-shown" if is_shown else ""),
            **{"data-source": str(i)},
        ))
    return html.Div([html.H4(f"All {len(event.sources)} sources"), html.Ol(items, className="src-list")],
                    className="all-sources", id="all-sources")


def intro_panel(index: TimelineIndex, actions=None) -> html.Div:
    """What the source panel shows before anything is selected (``actions``: Undo / Add an event)."""
    n = len(index.events)
    return html.Div(
        [
            html.H2("Read any event in its source", className="event-title"),
            html.P(
                f"This timeline has {n:,} event{'s' if n != 1 else ''} from {len(index.documents)} "
                f"article{'s' if len(index.documents) != 1 else ''}. Choose an event in the list, or click a mark on "
                "the timeline: its article opens here with the sentence it came from emphasised and the date "
                "expression highlighted."
            ),
            html.Ul(
                [
                    html.Li([html.Span("●", className="key-point"), " a dot is an event dated to the day"]),
                    html.Li([html.Span("▬", className="key-span"), " a pale bar is a month, season or year; its dark part "
                             "shows early / mid / late"]),
                    html.Li("with many events in view, bubbles count them per month or year: click one to zoom in"),
                    html.Li(["↑ ↓ move through the list, Home / End jump, / goes to the search box"]),
                ],
                className="legend-help",
            ),
            html.Div(actions, id="event-actions", className="event-actions"),
        ],
        className="source intro",
    )


# -- the event list ----------------------------------------------------------------------------


def list_window(n: int, selected_pos: int | None, limit: int = LIST_LIMIT) -> tuple[int, int]:
    """[lo, hi) of the list items to render: everything, or ``limit`` items around the selection."""
    if n <= limit:
        return 0, n
    center = selected_pos if selected_pos is not None else 0
    lo = max(0, min(center - limit // 2, n - limit))
    return lo, lo + limit


def _item_label(index: TimelineIndex, e: Event) -> str:
    where = ""
    if e.sources:
        src = e.sources[0]
        doc = index.document(src.document)
        where = f", from {doc.title if doc and doc.title else src.document}, paragraph {src.paragraph}"
    warn = f"; {CONFLICT_LABEL}" if e.alternatives else ""
    return f"{e.when.label}: {e.title}{where}{warn}"


def event_list_items(index: TimelineIndex, events: Sequence[Event], selected: str | None = None,
                     limit: int = LIST_LIMIT) -> tuple[list, tuple[int, int]]:
    """The list's options (role=option) for the window around the selection, and that window."""
    pos = None
    if selected is not None:
        pos = next((i for i, e in enumerate(events) if e.id == selected), None)
    lo, hi = list_window(len(events), pos, limit)
    items = []
    for e in events[lo:hi]:
        meta = []
        if e.sources:
            src = e.sources[0]
            doc = index.document(src.document)
            meta.append(f"{doc.title if doc and doc.title else src.document} · ¶{src.paragraph}")
        if e.tags:
            meta.append(", ".join(e.tags))
        if e.alternatives:
            meta.insert(0, f"⚠ {CONFLICT_LABEL}")
        cls = "event-item" + (" is-stale" if e.stale else "") + (" is-undated" if index.spans.get(e.id) is None else "") + (
            " has-conflict" if e.alternatives else "")
        # One component per item: the date and the source line are drawn by CSS from data attributes
        # (as text, never markup). Dash's renderer does work per component on every update, so a
        # 200-item list of 4-component items made each selection visibly slower.
        items.append(
            html.Li(
                e.title,
                id=safe_dom_id(e.id),
                role="option",
                className=cls,
                **{"data-event-id": e.id, "data-date": e.when.label, "data-meta": " · ".join(meta),
                   "aria-label": _item_label(index, e), "aria-selected": "false"},
            )
        )
    return items, (lo, hi)


def counts_text(index: TimelineIndex, shown: Sequence[Event], filters: Filters, window: tuple[int, int],
                in_view: int | None = None) -> str:
    """'6 events' / '3 of 6 events match' plus the list window when it is partial. ``in_view``: how many
    of ``shown`` the list holds when the figure is zoomed (the window then counts those)."""
    total = len(index.events)
    n = len(shown)
    if filters.key_dates:
        s = f"{n:,} key event{'s' if n != 1 else ''} of {total:,}"
    else:
        s = f"{n:,} of {total:,} events match" if filters.active else f"{total:,} event{'s' if total != 1 else ''}"
    undated = sum(1 for e in shown if index.spans.get(e.id) is None)
    if undated:
        s += f" ({undated:,} without a calendar date: in the list only)"
    if in_view is not None and in_view < n:
        s += f"; {in_view:,} in view"
    lo, hi = window
    if hi - lo < (n if in_view is None else in_view):
        s += f"; list shows {lo + 1:,}–{hi:,}"
    return s


def view_count_text(in_view: int, matching: int, filters: Filters) -> str:
    """'12 of 85 events in view' (the list follows the figure's zoom); 'matching' / 'key' when filtered."""
    kind = "key events" if filters.key_dates else "matching events" if filters.active else "events"
    if matching == 1:
        kind = kind[:-1]
    return f"{in_view:,} of {matching:,} {kind} in view"


def outside_view_text(event: Event) -> str:
    """What the list says when the selected event is scrolled out of the figure's view."""
    title = event.title if len(event.title) <= 70 else event.title[:69] + "…"
    return f"Selected: {event.when.label}: {title}, outside the view."


def problems_banner(problems: Sequence) -> html.Div | None:
    """The seed-file problems, one line each (file:line:col: field: message), or None."""
    if not problems:
        return None
    return html.Div(
        [
            html.Strong(f"The seed files have {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                        "showing the last version that loaded. Fix the file and save: the page updates by itself."),
            html.Ul([html.Li(html.Code(str(p))) for p in problems[:50]]),
        ],
        className="banner error",
        role="alert",
    )
