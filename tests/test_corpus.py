"""A folder of articles -> one merged timeline: own DCTs, parallel workers, cache, bad files."""

import json

import pytest

import timeline._events as events_module
from timeline._corpus import SERIAL_BELOW, article_files, extract_folder, tool_version
from timeline._errors import DocumentError


def write(folder, name, text, published=None):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if published:
        (folder / f"{path.stem}.meta.yaml").write_text(f"published: {published}\n", encoding="utf-8")
    return path


def story(folder):
    write(folder, "a.txt", "Airbus delivered the first A380 superjumbo to Singapore Airlines yesterday.\n",
          published="2007-10-16")
    write(folder, "b.md", "---\ntitle: Deliveries\npublished: 2007-10-20\n---\n"
          "Singapore Airlines took delivery of the first A380 superjumbo from Airbus last Monday.\n\n"
          "Boeing plans to unveil the 787 Dreamliner next year.\n")
    write(folder, "c.html", "<html><head><title>Ryanair</title><meta name='date' content='2005-06-13'></head><body>"
          "<article><p>Ryanair announced today that it is exercising its options with Boeing to buy five 737 jets, "
          "the Irish airline said in a statement to investors.</p></article></body></html>")


def test_each_article_keeps_its_own_dct_and_reports_merge(tmp_path):
    story(tmp_path)
    tl = extract_folder(tmp_path, jobs=1, progress=False)
    published = {d.id: str(d.published) for d in tl.documents}
    assert published == {"a": "2007-10-16", "b": "2007-10-20", "c": "2005-06-13"}
    by_doc = {}
    for ev in tl.events:
        for s in ev.sources:
            by_doc.setdefault(s.document, []).append(ev)
    # "yesterday" (a, DCT Oct 16) and "last Monday" (b, DCT Oct 20) are both 15 October 2007: one event.
    delivery = [e for e in tl.events if {s.document for s in e.sources} == {"a", "b"}]
    assert len(delivery) == 1
    assert str(delivery[0].when) == "2007-10-15"
    assert {"Airbus", "Singapore Airlines"} <= set(delivery[0].actors)
    assert any(str(e.when) == "2008" for e in by_doc["b"])  # "next year" against b's own DCT
    assert any(str(e.when) == "2005-06-13" for e in by_doc["c"])  # "today" against the HTML metadata date
    assert [e.when.sort_key for e in tl.events] == sorted(e.when.sort_key for e in tl.events)


def test_dct_override_applies_to_every_article(tmp_path):
    story(tmp_path)
    tl = extract_folder(tmp_path, dct="2010-01-01", jobs=1, progress=False)
    assert {str(d.published) for d in tl.documents} == {"2010-01-01"}


def test_parallel_run_gives_the_same_timeline_as_serial(tmp_path):
    for i in range(SERIAL_BELOW + 4):
        write(tmp_path, f"art{i:02d}.txt", f"Company{i} opened a factory in Berlin on March {i + 1}, 2021.\n",
              published="2021-04-01")
    serial = extract_folder(tmp_path, jobs=1, progress=False)
    parallel = extract_folder(tmp_path, jobs=2, progress=False)
    assert parallel.model_dump() == serial.model_dump()
    assert len(serial.documents) == SERIAL_BELOW + 4


def test_cache_skips_unchanged_articles(tmp_path, monkeypatch):
    src = tmp_path / "articles"
    src.mkdir()
    story(src)
    cache = tmp_path / ".timeline-cache"
    first = extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert len(list(cache.glob("*.json"))) == 3

    calls = []
    real = events_module.extract_document

    def counting(doc):
        calls.append(doc.id)
        return real(doc)

    monkeypatch.setattr(events_module, "extract_document", counting)
    again = extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert calls == []  # everything came from the cache
    assert again.model_dump() == first.model_dump()

    write(src, "a.txt", "Airbus delivered the first A380 superjumbo to Singapore Airlines today.\n")
    third = extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert calls == ["a"]  # only the changed article was extracted again
    assert third.model_dump() != first.model_dump()
    # A change of the sidecar (the DCT) invalidates too.
    (src / "a.meta.yaml").write_text("published: 2007-10-18\n", encoding="utf-8")
    extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert calls == ["a", "a"]


def test_cache_entries_are_json_with_tool_version_in_the_key(tmp_path):
    (tmp_path / "s").mkdir()
    story(tmp_path / "s")
    extract_folder(tmp_path / "s", jobs=1, progress=False, cache_dir=tmp_path / "cache")
    entry = json.loads(next((tmp_path / "cache").glob("*.json")).read_text(encoding="utf-8"))
    assert set(entry) == {"document", "events"}
    assert "+" in tool_version()


def test_bad_articles_are_skipped_with_a_warning(tmp_path, capsys):
    story(tmp_path)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty.md").write_text("   \n", encoding="utf-8")
    errors = []
    tl = extract_folder(tmp_path, jobs=1, progress=False, errors=errors)
    assert len(tl.documents) == 3
    assert len(errors) == 2 and any("binary" in e for e in errors) and any("empty" in e for e in errors)
    err = capsys.readouterr().err
    assert "warning: skipped" in err and "broken.txt" in err


def test_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(DocumentError, match="binary"):
        extract_folder(tmp_path, jobs=1, progress=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DocumentError, match="no articles"):
        extract_folder(empty, progress=False)
    with pytest.raises(DocumentError, match="no such file"):
        extract_folder(tmp_path / "missing", progress=False)


def test_article_files_skip_hidden_folders_sidecars_and_other_files(tmp_path):
    story(tmp_path)
    (tmp_path / ".timeline-cache").mkdir()
    (tmp_path / ".timeline-cache" / "x.txt").write_text("cached", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub, "a.txt", "Another a.\n")
    names = [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)]
    assert names == ["a.txt", "b.md", "c.html", "sub/a.txt"]


def test_same_file_names_in_subfolders_get_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub, "report.txt", f"Officials in {sub.upper()}ville opened a bridge on May 3, 2020.\n",
              published="2020-05-04")
    tl = extract_folder(tmp_path, jobs=1, progress=False)
    assert sorted(d.id for d in tl.documents) == ["x-report-txt", "y-report-txt"]


def test_progress_bar_goes_to_stderr(tmp_path, capsys):
    story(tmp_path)
    extract_folder(tmp_path, jobs=1, progress=True)
    captured = capsys.readouterr()
    assert "extracting" in captured.err and "/3" in captured.err and "article" in captured.err
    assert captured.out == ""


def test_interrupted_run_restarts_where_it_stopped(tmp_path, monkeypatch):
    src = tmp_path / "articles"
    src.mkdir()
    for i in range(5):
        write(src, f"n{i}.txt", f"Company{i} opened a factory in Berlin on March {i + 1}, 2021.\n", published="2021-04-01")
    cache = tmp_path / ".timeline-cache"
    real = events_module.extract_document
    calls = []

    def crash_on_third(doc):
        calls.append(doc.id)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C, or the machine went down
        return real(doc)

    monkeypatch.setattr(events_module, "extract_document", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert len(list(cache.glob("*.json"))) == 2  # what was done before the crash is kept
    assert not list(cache.glob(".tmp-*"))

    calls.clear()
    monkeypatch.setattr(events_module, "extract_document", lambda doc: (calls.append(doc.id), real(doc))[1])
    tl = extract_folder(src, jobs=1, progress=False, cache_dir=cache)
    assert calls == ["n2", "n3", "n4"]
    assert len(tl.documents) == 5


def test_a_dying_worker_is_a_clear_error(tmp_path, monkeypatch):
    import os

    from timeline._errors import TimelineError

    for i in range(SERIAL_BELOW + 2):
        write(tmp_path, f"w{i:02d}.txt", f"Company{i} opened a factory on March {i + 1}, 2021.\n", published="2021-04-01")
    monkeypatch.setattr(events_module, "extract_document", lambda doc: os._exit(3))  # as if killed for memory
    monkeypatch.setattr("timeline._corpus._warm_up", lambda: None)
    with pytest.raises(TimelineError, match="worker process died"):
        extract_folder(tmp_path, jobs=2, progress=False)


def test_unwritable_cache_is_a_warning_not_a_failure(tmp_path, capsys):
    src = tmp_path / "articles"
    src.mkdir()
    story(src)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    tl = extract_folder(src, jobs=1, progress=False, cache_dir=blocker)
    assert len(tl.documents) == 3
    assert "cannot write the cache" in capsys.readouterr().err
