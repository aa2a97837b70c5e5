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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline._models import Event, SourceRef
from timeline._seed_yaml import event_form
from timeline._seeds import (
    DocumentEntry,
    SeedFile,
    add_event,
    delete_event,
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


def _own_lines(block: str) -> list[str]:
    """An event's own lines: its block without the blank and comment lines that trail it."""
    lines = block.splitlines()
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return lines


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
        known_sources = [src for e in base for src in e.sources]
        if known_sources and fresh and data.draw(st.booleans(), label="new event from a cited sentence?"):
            fresh[0] = fresh[0].model_copy(update={"sources": [data.draw(st.sampled_from(known_sources))]})
        new_extraction += fresh

        result = merge_extracted(target, new_extraction, [DOC])
        result.write()
        after_check = check_seed(target, with_documents=False)
        assert after_check.problems == []
        after = {e.id: e for e in after_check.seed.events}

        # nothing is ever deleted; new ones are added
        assert set(before) <= set(after)
        assert set(result.added) | set(result.covered) == {e.id for e in fresh}
        assert set(result.added) <= set(after)
        def where(s):
            return s.document, s.sentence.start, s.sentence.end, s.expression and (s.expression.start, s.expression.end)

        cited = {where(s) for e in before.values() for s in e.sources}
        for ev in fresh:  # a new extraction is left out only when an event already cites its source
            covered = bool(ev.sources) and where(ev.sources[0]) in cited
            assert (ev.id in result.covered) == covered
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
        # reworded by the parser: a person's wording wins; an event nobody touched takes the parser's new one
        for ev in new_extraction:
            if ev.id in before and before[ev.id].title != ev.title:
                expected = ev.title if before[ev.id].origin == "extracted" else before[ev.id].title
                assert after[ev.id].title == expected, ev.id
        # comments survive, and events whose record did not change are byte-identical in the file
        for mark in marks:
            assert mark in result.text
        for ev_id, ev in before.items():
            if event_form(after[ev_id]) == event_form(ev):
                assert _own_lines(_block(result.text, ev_id)) == _own_lines(_block(text, ev_id))
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


# --------------------------------------------------------------------------- formatting kept


HAND_FORMATTED = """---
# written by hand, in its own style
title:   "Story"
documents:
- id: a
  path: a.txt
events:
- id: first
  title: First   
  when: 2024
  tags: [x,y]
  sources:
  - {document: a, paragraph: 1, sentence: [1,2]}
# about the second one
-   id: second
    title: >-
      folded
      title
    when: '2026'
    origin: extracted
    notes: "quoted"   


# the end
"""

FIRST = Event(id="first", title="First", when="2024", tags=["x", "y"],
              sources=[SourceRef(document="a", paragraph=1, sentence=[1, 2])])
SECOND = Event(id="second", title="folded title", when="2026", notes="quoted")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_merge_into_a_hand_formatted_file_only_adds_lines(tmp_path, newline):
    target = tmp_path / "events.yaml"
    target.write_bytes(HAND_FORMATTED.replace("\n", newline).encode())
    new = Event(id="middle", title="In between", when="2025-05")
    result = merge_extracted(target, [FIRST, SECOND, new], [])
    assert result.added == ["middle"] and result.kept == ["first", "second"]
    old_lines, new_lines = HAND_FORMATTED.replace("\n", newline).splitlines(True), result.text.splitlines(True)
    import difflib

    ops = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    assert [op[0] for op in ops if op[0] != "equal"] == ["insert"]  # nothing of the original changed
    inserted = "".join(new_lines[ops[1][3]:ops[1][4]])
    from timeline._seed_merge import parser_fingerprint

    assert inserted.replace("\r\n", "\n") == ("\n- id: middle\n  title: In between\n  when: 2025-05\n"
                                               "  origin: extracted\n  tags: []\n"
                                               f"  fingerprint: {parser_fingerprint(new)}\n")
    assert result.text.index("- id: middle") < result.text.index("# about the second one")


def test_an_edit_in_a_hand_formatted_file_rewrites_only_that_event(tmp_path):
    target = tmp_path / "events.yaml"
    target.write_text(HAND_FORMATTED, encoding="utf-8")
    saved = save_event_edit(target, "second", {"title": "New title"}, None)
    head, _, tail = HAND_FORMATTED.partition("-   id: second")
    assert saved.text.startswith(head)  # the header, the first event and the comment above, untouched
    assert saved.text.endswith("\n\n\n# the end\n")
    assert "  origin: edited\n" in saved.text
    assert [e.title for e in check_seed(target, with_documents=False).seed.events] == ["First", "New title"]


def test_new_events_keep_comments_with_the_event_below(tmp_path):
    target = tmp_path / "events.yaml"
    text = render_seed(SeedFile(events=[FIRST.model_copy(update={"sources": []}), SECOND]), target)
    text = text.replace("  - id: second", "  # a note about the second event\n  - id: second")
    target.write_text(text, encoding="utf-8")
    added = add_event(target, {"id": "between", "title": "Between", "when": "2025"}, None)
    assert added.text == text.replace(
        "  # a note about the second event\n",
        "  - id: between\n    title: Between\n    when: 2025\n    origin: manual\n    tags: []\n\n"
        "  # a note about the second event\n")


def test_issue5_scenario_through_the_command_line(kursk):
    import os
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}

    def timeline(*args):
        return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=kursk, env=env,
                              capture_output=True, text=True, timeout=300)

    first = timeline("extract", SAMPLE.name, "--dct", "2026-01-16", "-o", "events.yaml")
    assert first.returncode == 0, first.stderr
    target = kursk / "events.yaml"
    text = target.read_text(encoding="utf-8")
    ids = re.findall(r"^  - id: (\S+)$", text.split("\nevents:\n")[1], re.M)
    assert len(ids) >= 5
    block = _block(text, ids[2])
    title_line = next(l for l in block.splitlines() if l.startswith("    title: "))
    when_line = next(l for l in block.splitlines() if l.startswith("    when: "))
    edited = block.replace(title_line, "    title: A title I wrote").replace(when_line, "    when: ~2025-04")
    text = text.replace(block, edited).replace("\nevents:\n", "\nevents:\n  # my own note\n  - id: my-event\n"
                                               "    title: Something only I know\n    when: 2023\n    origin: manual\n\n")
    target.write_text(text, encoding="utf-8")
    assert timeline("validate", "events.yaml").returncode == 0

    dry = timeline("extract", SAMPLE.name, "--dct", "2026-01-16", "-o", "events.yaml", "--dry-run")
    assert dry.returncode == 0 and target.read_text(encoding="utf-8") == text  # --dry-run writes nothing
    again = timeline("extract", SAMPLE.name, "--dct", "2026-01-16", "-o", "events.yaml")
    assert again.returncode == 0, again.stderr
    final = target.read_text(encoding="utf-8")
    assert "    title: A title I wrote" in final and "    when: ~2025-04" in final
    assert "  # my own note\n  - id: my-event\n" in final
    assert f"  - id: {ids[2]}\n    title: A title I wrote\n    when: ~2025-04\n    origin: edited\n" in final
    assert final.count("\n    origin: edited\n") == 1 and final.count("\n    origin: manual\n") == 1
    assert timeline("validate", "events.yaml").returncode == 0

    broken = final.replace("    when: ~2025-04", "    when: 2025-13", 1)
    target.write_text(broken, encoding="utf-8")
    result = timeline("validate", "events.yaml")
    line = broken.splitlines().index("    when: 2025-13") + 1
    assert result.returncode == 1
    assert result.stdout.startswith(f"events.yaml:{line}:11: events[3].when: '2025-13' is not a valid date")


def test_an_event_merged_into_another_by_hand_does_not_come_back(tmp_path):
    src_a = SourceRef(document="a", paragraph=1, sentence=[0, 50], expression=[3, 12], quote="June 2024")
    src_b = SourceRef(document="a", paragraph=2, sentence=[52, 90], expression=[55, 60], quote="later")
    a = Event(id="a", title="Treaty signed", when="2024-06", sources=[src_a])
    b = Event(id="b", title="Treaty signed (again)", when="2024-06", sources=[src_b])
    target = tmp_path / "events.yaml"
    merge_extracted(target, [a, b], [DOC]).write()
    # the journalist merges b into a: one event citing both sentences
    mtime = check_seed(target, with_documents=False).mtime_ns
    saved = save_event_edit(target, "a", {"sources": [src_a.model_dump(), src_b.model_dump()]}, mtime)
    delete_event(target, "b", saved.mtime_ns)
    result = merge_extracted(target, [a, b], [DOC])
    assert result.added == [] and result.covered == ["b"] and result.kept == ["a"]
    assert "1 not re-added" in result.summary()
    assert result.changed is False
    # a deleted event whose source nobody cites comes back: the parser still finds it
    delete_event(target, "a", None)
    assert merge_extracted(target, [a, b], [DOC]).added == ["a", "b"]
