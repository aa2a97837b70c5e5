"""Merging a new extraction into a seed file people edit: no edit is ever lost.

Property tests (hypothesis) over generated seed files, then the scenario of issue 5 on the sample
article: hand-edit a title and a date, add a comment and a manual event, re-extract.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from timeline._models import Event, SourceRef
from timeline._seeds import (
    DocumentEntry,
    SeedFile,
    add_event,
    event_form,
    load_seed,
    merge_extracted,
    render_seed,
    save_event_edit,
    write_seed,
)
from timeline._validate import check_seed

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOC = DocumentEntry(id="a", path="a.txt", title="A", published="2026-01-16")

WHENS = ["2024", "2024-06", "2025-SP", "late 2025-12", "~2023", "2025-04-01..2025-04-30", "2026-01-16",
         "early 2025-03", "2025-Q3", "199", "before 2025-05", "2025-W03", "2025-08-14T10:30"]

words = st.text(alphabet=st.sampled_from(list("abcdefghij KLMNOP-:#'\"é,.!?&*[]{}%@`")), min_size=1, max_size=30)
titles = words.filter(lambda s: s.strip() != "")
tags = st.lists(st.text(alphabet="abcxyz-", min_size=1, max_size=8), max_size=3, unique=True)


@st.composite
def sources(draw):
    start = draw(st.integers(0, 5000))
    end = start + draw(st.integers(1, 300))
    e0 = draw(st.integers(start, end - 1))
    e1 = draw(st.integers(e0 + 1, end))
    expr = draw(st.booleans())
    return SourceRef(document="a", paragraph=draw(st.integers(1, 40)), sentence=[start, end],
                     expression=[e0, e1] if expr else None, quote=draw(words) if expr else "")


@st.composite
def events(draw, min_size=1, max_size=8):
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True), min_size=min_size,
                        max_size=max_size, unique=True))
    return [Event(id=i, title=draw(titles), when=draw(st.sampled_from(WHENS)), tags=draw(tags),
                  sources=draw(st.lists(sources(), min_size=0, max_size=2)),
                  origin=draw(st.sampled_from(["extracted", "extracted", "edited", "manual"])),
                  notes=draw(st.sampled_from(["", "", "a note", "two\nlines"])))
            for i in ids]


_COMMENTABLE = re.compile(r"^\s*(- )?[a-z]+:")
_EOL_OK = re.compile(r"^\s*(- )?(id|origin|paragraph|document): [a-z0-9-]+$")


def decorate(text: str, data) -> tuple[str, list[str]]:
    """Sprinkle the comments and blank lines a person would add (never inside a block scalar)."""
    lines, out, marks = text.splitlines(keepends=True), [], []
    in_block = False
    for n, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if in_block and line.strip() and indent <= block_indent:
            in_block = False
        if not in_block and _COMMENTABLE.match(line) and data.draw(st.integers(0, 5), label="comment?") == 0:
            mark = f"# KEEP-{n} {data.draw(st.sampled_from(['note', 'why: Ü', 'todo #3']), label='text')}"
            out.append(" " * indent + mark + "\n")
            marks.append(mark)
        if not in_block and _EOL_OK.match(line.rstrip("\n")) and data.draw(st.integers(0, 5), label="eol?") == 0:
            mark = f"# EOL-{n}"
            line = line.rstrip("\n") + "   " + mark + "\n"
            marks.append(mark)
        out.append(line)
        if line.rstrip().endswith(("|", "|-", "|+", ">", ">-")):
            in_block, block_indent = True, indent
    return "".join(out), marks


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="seedmerge-"))


# --------------------------------------------------------------------------- load -> save


@SETTINGS
@given(evs=events(), data=st.data())
def test_load_then_save_is_byte_identical_for_untouched_files(evs, data):
    folder = _folder()
    try:
        target = folder / "events.yaml"
        text, marks = decorate(render_seed(SeedFile(title="T", documents=[DOC], events=evs), target), data)
        target.write_text(text, encoding="utf-8")
        checked = check_seed(target, with_documents=False)
        assert checked.problems == []
        seed = checked.seed
        assert sorted(seed.events, key=lambda e: e.id) == sorted(evs, key=lambda e: e.id)
        assert render_seed(seed, target, previous=text) == text
        assert write_seed(seed, target, previous=text) == text and target.read_text(encoding="utf-8") == text
        extracted = [e for e in evs if e.origin != "manual"]
        assert merge_extracted(target, extracted, [DOC]).text == text
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(evs=events(), data=st.data())
def test_a_fresh_rendering_loads_back_and_renders_identically(evs, data):
    seed = SeedFile(title=data.draw(words, label="title"), documents=[DOC], events=evs)
    text = render_seed(seed)
    folder = _folder()
    try:
        (folder / "events.yaml").write_text(text, encoding="utf-8")
        again = check_seed(folder, with_documents=False)
        assert again.problems == []
        assert render_seed(again.seed) == text
        assert [e.id for e in again.seed.events] == [e.id for e in sorted(evs, key=lambda e: e.when.sort_key)]
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------- merge keeps edits


def _block(text: str, event_id: str) -> str:
    """The lines of one event's item in the file (trailing blank lines dropped)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if re.match(rf"  - id: ['\"]?{re.escape(event_id)}['\"]?\s*(#.*)?$", l.rstrip("\n")))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - ")), len(lines))
    return "".join(lines[start:end]).rstrip("\n")


@SETTINGS
@given(base=events(min_size=2, max_size=7), data=st.data())
def test_merge_never_drops_an_edit_or_an_event(base, data):
    base = [e.model_copy(update={"origin": "extracted"}) for e in base]
    folder = _folder()
    try:
        target = folder / "events.yaml"
        first = merge_extracted(target, base, [DOC])
        assert first.added == [e.id for e in base]
        first.write()

        # a person edits some events in the app, adds a manual one and comments
        edited: dict[str, dict] = {}
        mtime = check_seed(target, with_documents=False).mtime_ns
        for ev in base:
            if data.draw(st.booleans(), label=f"edit {ev.id}?"):
                change = data.draw(st.fixed_dictionaries({}, optional={
                    "title": titles, "when": st.sampled_from(WHENS), "tags": tags,
                    "notes": st.sampled_from(["checked", "see\nthe archive"])}), label="change")
                if not change:
                    continue
                result = save_event_edit(target, ev.id, change, mtime)
                mtime = result.mtime_ns
                if result.event.origin == "edited":
                    edited[ev.id] = change
        manual = add_event(target, {"id": "zz-manual", "title": "Known to me", "when": "~2022", "tags": ["mine"]}, mtime)
        text, marks = decorate(target.read_text(encoding="utf-8"), data)
        target.write_text(text, encoding="utf-8")
        before = {e.id: e for e in check_seed(target, with_documents=False).seed.events}

        # the parser runs again: some events gone, some reworded, some moved, some new
        new_extraction, changed_by_parser = [], set()
        for ev in base:
            fate = data.draw(st.sampled_from(["same", "same", "gone", "reworded", "moved"]), label=f"fate {ev.id}")
            if fate == "gone":
                continue
            if fate == "reworded":
                ev = ev.model_copy(update={"title": ev.title + " (v2)"})
            if fate == "moved" and ev.sources:
                s = ev.sources[0]
                ev = ev.model_copy(update={"sources": [s.model_copy(update={"paragraph": s.paragraph + 1}), *ev.sources[1:]]})
                changed_by_parser.add(ev.id)
            new_extraction.append(ev)
        fresh = data.draw(events(min_size=0, max_size=3), label="new events")
        fresh = [e.model_copy(update={"origin": "extracted", "id": "new-" + e.id}) for e in fresh]
        new_extraction += fresh

        result = merge_extracted(target, new_extraction, [DOC])
        result.write()
        after_check = check_seed(target, with_documents=False)
        assert after_check.problems == []
        after = {e.id: e for e in after_check.seed.events}

        # nothing is ever deleted; new ones are added
        assert set(before) <= set(after)
        assert {e.id for e in fresh} <= set(after)
        assert set(result.added) == {e.id for e in fresh}
        # every edited field is kept exactly
        for ev_id, change in edited.items():
            got = after[ev_id]
            assert got.origin == "edited"
            for key, value in change.items():
                actual = str(got.when) if key == "when" else getattr(got, key)
                assert actual == value, (ev_id, key)
        assert after["zz-manual"] == manual.event
        # gone -> stale, still there; present -> not stale
        extracted_ids = {e.id for e in new_extraction}
        for ev_id, ev in before.items():
            if ev.origin != "manual":
                assert after[ev_id].stale == (ev_id not in extracted_ids)
        # reworded by the parser but untouched by a person: the file's wording wins (treated as an edit)
        for ev in new_extraction:
            if ev.id in before and before[ev.id].title != ev.title:
                assert after[ev.id].title == before[ev.id].title
        # comments survive, and events whose record did not change are byte-identical in the file
        for mark in marks:
            assert mark in result.text
        for ev_id, ev in before.items():
            if event_form(after[ev_id]) == event_form(ev):
                assert _block(result.text, ev_id).startswith(_block(text, ev_id).split("\n  #")[0])
        # merging the same extraction again changes nothing
        assert merge_extracted(target, new_extraction, [DOC]).text == result.text
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------- the sample article

SAMPLE = Path(__file__).parent.parent.parent / "shared" / "seeds" / "kursk-memorial.txt"


@pytest.fixture
def kursk(tmp_path):
    if not SAMPLE.exists():
        pytest.skip("../shared/seeds is not available")
    folder = tmp_path / "kursk-memorial"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


def _extract(article: Path):
    from timeline._documents import load_document
    from timeline._events import extract_document

    doc = load_document(article, dct="2026-01-16")
    return doc, extract_document(doc)


def test_issue5_scenario_on_the_sample_article(kursk):
    article = kursk / SAMPLE.name
    doc, extracted = _extract(article)
    assert extracted, "the parser finds events in the sample article"
    doc = doc.model_copy(update={"path": str(article)})
    merge_extracted(kursk, extracted, [doc]).write()
    target = kursk / "events.yaml"
    assert check_seed(target).problems == []
    assert "    path: kursk-memorial.txt" in target.read_text(encoding="utf-8")

    # hand-edit a title and a date, add a comment and a manual event
    text = target.read_text(encoding="utf-8")
    first, second = extracted[0], extracted[1]
    old_title_line = next(l for l in text.splitlines() if l.startswith("    title: ") and first.title[:10] in l)
    text = text.replace(old_title_line, "    title: My better title   # fixed by hand", 1)
    block = _block(text, second.id)
    when_line = next(l for l in block.splitlines() if l.startswith("    when: "))
    text = text.replace(block, block.replace(when_line, "    when: late 2025-SP"), 1)
    text = text.replace("\nevents:\n", "\nevents:\n  # checked against the KCNA release\n"
                        "  - id: museum-opening\n    title: Museum opens\n    when: ~2026-SU\n    origin: manual\n\n", 1)
    target.write_text(text, encoding="utf-8")
    assert check_seed(target).problems == []

    result = merge_extracted(kursk, extracted, [doc])
    result.write()
    final = target.read_text(encoding="utf-8")
    assert "    title: My better title   # fixed by hand" in final
    assert "    when: late 2025-SP" in final
    assert "  # checked against the KCNA release" in final
    assert "  - id: museum-opening" in final
    seed = load_seed(kursk)
    by_id = {e.id: e for e in seed.events}
    assert by_id[first.id].origin == "edited" and by_id[second.id].origin == "edited"
    assert by_id["museum-opening"].origin == "manual"
    assert len(seed.events) == len(extracted) + 1
    assert sorted(result.edited) == sorted([first.id, second.id])
    # a third run is a no-op
    assert merge_extracted(kursk, extracted, [doc]).changed is False
