"""Seed files: the written form, loading into a Timeline, atomic writes, and the dashboard's edits."""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from timeline._errors import SeedError, TimelineError
from timeline._models import Event, SourceRef, Timeline
from timeline._seed_edits import backup_path, can_undo, new_event_id
from timeline._seed_yaml import make_yaml
from timeline._seeds import (
    SeedConflictError,
    SeedEditError,
    SeedFile,
    add_event,
    delete_event,
    event_files,
    find_seed_files,
    load_seed,
    load_timeline,
    render_seed,
    save_event_edit,
    undo_last_save,
    write_seed,
    write_text_atomic,
)
from timeline._validate import check_seed

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def story(tmp_path) -> Path:
    """A seed folder holding the hand-written valid example and its article."""
    folder = tmp_path / "story"
    folder.mkdir()
    shutil.copy(DATA / "valid" / "story.yaml", folder / "events.yaml")
    shutil.copy(DATA / "valid" / "story.txt", folder / "story.txt")
    return folder


def _event(id_, title, when, **kw) -> Event:
    return Event(id=id_, title=title, when=when, **kw)


# --------------------------------------------------------------------------- the written form


def test_rendered_file_is_ordered_by_date_with_short_dates_and_flow_spans(story):
    seed = load_seed(story)
    text = render_seed(seed, story / "events.yaml")
    events_part = text.split("\nevents:\n")[1]
    order = [line.split("id: ")[1] for line in events_part.splitlines() if line.startswith("  - id: ")]
    assert order == ["sea-wall-plan-approx", "2024-sea-wall-approved", "2025-evacuation",
                     "2025-03-03-landfall", "2025-04-port-reopens", "2025-su-repairs"]
    assert "    when: ~2023\n" in text
    assert "    when: 2024\n" in text
    assert "    when: 2025-03-03\n" in text
    assert "    when: early 2025-04\n" in text
    assert "    when: early 2025-03\n" in text  # the long form {value, mod} is written short
    assert "        sentence: [182, 238]\n" in text and "        expression: [182, 191]\n" in text
    assert "    alternatives: [2025-04-01..2025-04-15]\n" in text
    assert "stale" not in text and "actors: []" not in text  # defaults left out
    assert "\n\n  - id: 2025-su-repairs\n" in text  # a blank line between events


def test_rendered_file_loads_back_to_the_same_records(story):
    seed = load_seed(story)
    out = story / "copy" / "events.yaml"
    out.parent.mkdir()
    shutil.copy(story / "story.txt", out.parent / "story.txt")
    write_seed(seed, out)
    again = load_seed(out)
    assert sorted(again.events, key=lambda e: e.id) == sorted(seed.events, key=lambda e: e.id)
    assert again.documents == seed.documents and again.title == seed.title
    assert render_seed(again, out) == out.read_text(encoding="utf-8")


def test_schema_header_points_to_the_committed_schema(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "events.schema.json").write_text("{}")
    target = tmp_path / "seeds" / "x" / "events.yaml"
    text = write_seed(SeedFile(title="X"), target)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/events.schema.json"
    (tmp_path / "schema" / "events.schema.json").unlink()
    assert "yaml-language-server" not in render_seed(SeedFile(title="X"), target)


def test_a_timeline_is_written_with_article_paths_relative_to_the_file(tmp_path):
    from timeline._documents import load_document

    article = tmp_path / "articles" / "story.txt"
    article.parent.mkdir()
    shutil.copy(DATA / "valid" / "story.txt", article)
    doc = load_document(article, dct="2025-06-01")
    doc = doc.model_copy(update={"path": str(article)})
    ev = _event("e", "Port reopens", "2025-04", sources=[SourceRef(document=doc.id, paragraph=3, sentence=[109, 142],
                                                                 expression=[109, 122], quote="In April 2025")])
    target = tmp_path / "seeds" / "story" / "events.yaml"
    text = write_seed(Timeline(title="T", documents=[doc], events=[ev]), target)
    assert "    path: ../../articles/story.txt" in text
    assert "    published: 2025-06-01" in text
    assert load_seed(target).events == [ev]


def test_untouched_previous_text_is_returned_byte_for_byte(story):
    text = (story / "events.yaml").read_text(encoding="utf-8")
    assert render_seed(load_seed(story), story, previous=text) == text


def test_previous_text_keeps_comments_when_one_value_changes(story):
    text = (story / "events.yaml").read_text(encoding="utf-8")
    seed = load_seed(story)
    events = [e.model_copy(update={"title": "Port reopens to ships"}) if e.id == "2025-04-port-reopens" else e
              for e in seed.events]
    out = render_seed(seed.model_copy(update={"events": events}), story, previous=text)
    assert out == text.replace("    title: Port reopens\n", "    title: Port reopens to ships\n")


# --------------------------------------------------------------------------- loading a timeline


def test_load_timeline_from_a_folder_of_seed_folders(story, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(DATA / "valid" / "minimal.yaml", other / "events.yaml")
    tl = load_timeline([tmp_path])
    assert isinstance(tl, Timeline)
    assert [d.id for d in tl.documents] == ["story"]
    doc = tl.documents[0]
    assert doc.text.startswith("Storm reaches the coast") and len(doc.paragraphs) == 5
    assert str(doc.published) == "2025-06-01" and doc.path == "story.txt"
    starts = [e.when.sort_key for e in tl.events]
    assert starts == sorted(starts)
    assert {e.id for e in tl.events} >= {"kickoff", "2025-su-repairs"}
    assert tl.title == "My notes · Storm reaches the coast" or tl.title == "Storm reaches the coast · My notes"


def test_load_timeline_accepts_files_and_folders_and_dedupes(story):
    tl = load_timeline([story, story / "events.yaml"])
    assert len(tl.events) == 6


def test_load_timeline_reports_problems_of_every_file(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(DATA / "invalid" / "duplicate-id.yaml", tmp_path / name / "events.yaml")
    with pytest.raises(SeedError) as info:
        load_timeline([tmp_path])
    assert sorted(p.file for p in info.value.problems) == [str(tmp_path / "a" / "events.yaml"),
                                                          str(tmp_path / "b" / "events.yaml")]


def test_an_event_id_used_in_two_files_is_a_problem(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / name / "events.yaml")
    with pytest.raises(SeedError) as info:
        load_timeline([tmp_path])
    [problem] = info.value.problems
    assert problem.file == str(tmp_path / "b" / "events.yaml") and (problem.line, problem.column) == (4, 9)
    assert problem.message == f"event id 'kickoff' is also used in {tmp_path / 'a' / 'events.yaml'}"


def test_find_seed_files_skips_hidden_folders(tmp_path):
    (tmp_path / ".trash" / "x").mkdir(parents=True)
    (tmp_path / ".trash" / "x" / "events.yaml").write_text("title: x\n")
    with pytest.raises(SeedError, match="no events.yaml"):
        find_seed_files(tmp_path)


# --------------------------------------------------------------------------- atomic writes


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(story, monkeypatch):
    target = story / "events.yaml"
    before = target.read_bytes()

    def boom(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk on fire"):
        write_seed(SeedFile(title="new"), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in story.iterdir()) == ["events.yaml", "story.txt"]


def test_a_writer_killed_mid_save_leaves_the_old_file_intact(story):
    target = story / "events.yaml"
    before = target.read_bytes()
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from timeline import _seeds
        real_fsync = os.fsync
        def slow_fsync(fd):
            print("WRITING", flush=True)
            time.sleep(60)
        os.fsync = slow_fsync
        _seeds.write_text_atomic({str(target)!r}, "title: half-written\\n" * 10000)
        print("DONE", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "WRITING"
        temps = [p for p in story.iterdir() if p.name.endswith(".tmp")]
        assert temps and temps[0].stat().st_size > 0  # the new text was being written...
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == before  # ...but the file people read is the old one
    assert check_seed(target).problems == []
    assert find_seed_files(story) == [target]  # the stray temp file is not a seed file


def test_write_keeps_the_file_mode(tmp_path):
    target = tmp_path / "events.yaml"
    target.write_text("title: x\n")
    target.chmod(0o640)
    write_text_atomic(target, "title: y\n")
    assert target.read_text() == "title: y\n" and (target.stat().st_mode & 0o777) == 0o640


# --------------------------------------------------------------------------- in-app edits


def _mtime(path: Path) -> int:
    return check_seed(path).mtime_ns


def test_edit_title_date_tags_notes_keeps_comments_and_marks_edited(story):
    target = story / "events.yaml"
    before = target.read_text(encoding="utf-8")
    result = save_event_edit(story, "2025-su-repairs",
                             {"title": "Repairs go on all summer", "when": "late 2025-SU", "tags": ["port"],
                              "notes": "checked with the port authority"}, _mtime(story))
    text = target.read_text(encoding="utf-8")
    assert result.text == text and result.mtime_ns == target.stat().st_mtime_ns
    ev = load_seed(story).events
    repairs = next(e for e in ev if e.id == "2025-su-repairs")
    assert (repairs.title, str(repairs.when), repairs.tags, repairs.origin) == (
        "Repairs go on all summer", "late 2025-SU", ["port"], "edited")
    for line in before.splitlines():  # every comment line is still there
        if line.lstrip().startswith("#"):
            assert line in text.splitlines()
    assert "    when: 2024                      # a bare year: YAML reads a number, that is fine" in text
    diff = list(difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm="", n=0))[2:]
    assert [l for l in diff if not l.startswith("@@")] == [
        "-    title: Repairs continue", "-    when: 2025-SU", "-    origin: extracted", "-    tags: []",
        "+    title: Repairs go on all summer", "+    when: late 2025-SU", "+    origin: edited",
        "+    tags: [port]", "+    notes: checked with the port authority"]


@pytest.mark.parametrize("changes", [
    {"title": "A new title"}, {"when": "late 2025-SU"}, {"tags": ["port", "storm"]},
    {"notes": "two lines:\nchecked with the port authority"}, {"alternatives": ["2025-07"]},
])
def test_an_edit_of_one_event_writes_what_the_whole_file_round_trip_writes(story, monkeypatch, changes):
    """In-app edits rewrite only the edited event's lines (fast for big files); the text must be the one the
    whole-file round trip would write, for every event of the hand-written example (comments, blank lines,
    block scalars, a bare-year ``when``)."""
    from timeline import _seed_edits

    target = story / "events.yaml"
    original = target.read_bytes()
    ids = [e.id for e in load_seed(story).events]
    fast_used = []
    real = _seed_edits._one_event_edited
    monkeypatch.setattr(_seed_edits, "_one_event_edited", lambda *a: fast_used.append(real(*a)) or fast_used[-1])
    for ident in ids:
        target.write_bytes(original)
        fast = save_event_edit(story, ident, changes, None).text
        with monkeypatch.context() as m:
            m.setattr(_seed_edits, "_one_event_edited", lambda *a: None)
            target.write_bytes(original)
            whole = save_event_edit(story, ident, changes, None).text
        assert fast == whole, ident
    assert sum(t is not None for t in fast_used) >= len(ids) - 1  # the fast path did the work


@pytest.mark.parametrize("source", [DATA / "valid" / "story.yaml", ROOT / "seeds" / "kursk-memorial" / "events.yaml"])
def test_adding_one_event_writes_what_the_whole_file_round_trip_writes(tmp_path, monkeypatch, source):
    """An added event's lines are inserted where the whole-file round trip puts them (date order, blank lines
    around it); where the layout is unusual (comments or a block scalar at the spot) the whole path is used."""
    from timeline import _seed_edits

    target = tmp_path / "events.yaml"
    fast_used = []
    real = _seed_edits._one_event_added
    monkeypatch.setattr(_seed_edits, "_one_event_added", lambda *a: fast_used.append(real(*a)) or fast_used[-1])
    whens = ["2020", "2024-01", "2024-07", "2025-03-03", "2025-04-20", "2025-07", "2025-09", "2026-02", "2030"]
    for when in whens:
        shutil.copy(source, target)
        fast = _seed_edits.add_event(tmp_path, {"title": "Something new", "when": when}, None).text
        with monkeypatch.context() as m:
            m.setattr(_seed_edits, "_one_event_added", lambda *a: None)
            shutil.copy(source, target)
            whole = _seed_edits.add_event(tmp_path, {"title": "Something new", "when": when}, None).text
        assert fast == whole, when
    assert sum(t is not None for t in fast_used) >= len(whens) - 3


def test_a_manual_event_stays_manual_when_edited(story):
    save_event_edit(story, "sea-wall-plan-approx", {"title": "Sea wall first discussed (archive)"}, _mtime(story))
    ev = next(e for e in load_seed(story).events if e.id == "sea-wall-plan-approx")
    assert ev.origin == "manual" and ev.title.endswith("(archive)")


def test_edit_refuses_when_the_file_changed_on_disk(story):
    target = story / "events.yaml"
    loaded = _mtime(story)
    time.sleep(0.01)
    target.write_text(target.read_text(encoding="utf-8") + "# someone else's edit\n", encoding="utf-8")
    os.utime(target, ns=(loaded + 10**9, loaded + 10**9))
    after = target.read_bytes()
    with pytest.raises(SeedConflictError, match="changed on disk since it was loaded"):
        save_event_edit(story, "2025-su-repairs", {"title": "Mine"}, loaded)
    assert isinstance(SeedConflictError("x"), TimelineError)
    assert target.read_bytes() == after


def test_bad_values_are_refused_and_nothing_is_written(story):
    target = story / "events.yaml"
    before = target.read_bytes()
    with pytest.raises(SeedEditError, match="'2025-13' is not a valid date"):
        save_event_edit(story, "2025-su-repairs", {"when": "2025-13"}, _mtime(story))
    with pytest.raises(SeedEditError, match="must not be empty|at least 1 character"):
        save_event_edit(story, "2025-su-repairs", {"title": ""}, _mtime(story))
    with pytest.raises(SeedEditError, match="no event with id 'nope'"):
        save_event_edit(story, "nope", {"title": "x"}, _mtime(story))
    with pytest.raises(SeedEditError, match="cannot edit id"):
        save_event_edit(story, "2025-su-repairs", {"id": "x"}, _mtime(story))
    assert target.read_bytes() == before
    assert not can_undo(story)


def test_add_and_delete_events_then_undo(story):
    target = story / "events.yaml"
    original = target.read_bytes()
    added = add_event(story, {"title": "Sea wall construction starts", "when": "2025-Q3", "tags": ["works"]},
                      _mtime(story))
    assert added.event.id == "2025-q3-sea-wall-construction-starts" and added.event.origin == "manual"
    ids = [e.id for e in load_seed(story).events]
    assert ids[-1] == added.event.id  # after the summer event it follows (by date)
    with pytest.raises(SeedEditError, match="already exists"):
        add_event(story, {"id": added.event.id, "title": "x", "when": "2025"}, added.mtime_ns)
    after_add = target.read_bytes()
    deleted = delete_event(story, "2024-sea-wall-approved", added.mtime_ns)
    assert "2024-sea-wall-approved" not in [e.id for e in load_seed(story).events]
    assert "# a bare year" not in deleted.text  # the deleted event's own comment went with it
    assert "# a hand-written event with no source" in deleted.text
    undone = undo_last_save(story, deleted.mtime_ns)
    assert target.read_bytes() == after_add and undone.text == after_add.decode()
    # a second undo redoes (the backup now holds the state undo replaced)
    undo_last_save(story)
    assert "2024-sea-wall-approved" not in target.read_text(encoding="utf-8")
    assert backup_path(target).name == ".events.yaml.bak"
    assert original != target.read_bytes()


def test_undo_refuses_when_someone_else_saved_after_us(story):
    target = story / "events.yaml"
    saved = save_event_edit(story, "2025-su-repairs", {"title": "Mine"}, _mtime(story))
    os.utime(target, ns=(saved.mtime_ns + 10**9, saved.mtime_ns + 10**9))
    with pytest.raises(SeedConflictError):
        undo_last_save(story, saved.mtime_ns)
    with pytest.raises(SeedEditError, match="nothing to undo"):
        undo_last_save(DATA / "valid" / "minimal.yaml")


def test_editing_a_broken_file_reports_its_problems(tmp_path):
    shutil.copy(DATA / "invalid" / "duplicate-id.yaml", tmp_path / "events.yaml")
    with pytest.raises(SeedError, match="duplicate event id 'port'"):
        save_event_edit(tmp_path, "port", {"title": "x"}, None)


def test_new_event_ids_are_readable_and_unique():
    assert new_event_id("Kim announces museum plans!", "2025-08", set()) == "2025-08-kim-announces-museum-plans"
    assert new_event_id("Über café", "~2024", {"2024-uber-cafe"}) == "2024-uber-cafe-2"


def test_event_files_says_where_each_event_lives(story, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(DATA / "valid" / "minimal.yaml", other / "events.yaml")
    where = event_files([tmp_path])
    assert where["kickoff"] == (other / "events.yaml", (other / "events.yaml").stat().st_mtime_ns)
    assert where["2025-su-repairs"][0] == story / "events.yaml"
    path, mtime = where["kickoff"]
    save_event_edit(path, "kickoff", {"title": "Kick-off"}, mtime)  # the mtime is what the edit expects


def test_article_paths_given_relative_to_the_working_folder(tmp_path, monkeypatch):
    from timeline._documents import load_document
    from timeline._seed_yaml import document_entry

    (tmp_path / "clippings").mkdir()
    shutil.copy(DATA / "valid" / "story.txt", tmp_path / "clippings" / "story.txt")
    monkeypatch.chdir(tmp_path)
    doc = load_document("clippings/story.txt").model_copy(update={"path": "clippings/story.txt"})
    assert document_entry(doc, tmp_path / "seeds" / "s").path == "../../clippings/story.txt"
    assert document_entry(doc, tmp_path).path == "clippings/story.txt"
    bare = doc.model_copy(update={"path": "story.txt"})  # already relative to the seed folder
    assert document_entry(bare, tmp_path / "clippings").path == "story.txt"


def test_a_title_with_a_line_break_keeps_the_header_one_comment_line():
    text = render_seed(SeedFile(title="Two\nlines"))
    assert text.splitlines()[0] == '# Events of the story "Two lines". Edit freely: fix a title or a date, add tags ' \
                                   'or notes, add events with origin: manual.'
    assert SeedFile.model_validate(make_yaml().load(text)).title == "Two\nlines"
