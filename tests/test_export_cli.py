"""`timeline export` and `timeline import` from the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil

import icalendar
import pytest
from click.testing import CliRunner

from export_sample import SAMPLE, kursk_timeline
from timeline._seeds import load_seed, load_timeline, write_seed

cli_module = pytest.importorskip("timeline.cli")
cli = cli_module.cli


@pytest.fixture()
def story(tmp_path):
    """A seed folder: the sample article, its metadata and an events.yaml of the hand-built timeline."""
    folder = tmp_path / "story"
    folder.mkdir()
    shutil.copy(SAMPLE, folder)
    shutil.copy(SAMPLE.with_name("kursk-memorial.meta.yaml"), folder)
    write_seed(kursk_timeline(), folder / "events.yaml")
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_export_html_file(story, tmp_path):
    out = tmp_path / "story.html"
    r = run("export", story, "-o", out, "--title", "Kursk")
    assert r.exit_code == 0, r.output
    assert "wrote" in r.stderr and "html" in r.stderr and "MB" in r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<title>Kursk</title>" in page and 'id="timeline-data"' in page


@pytest.mark.parametrize("suffix,check", [
    (".json", lambda b: len(json.loads(b)["events"]) == 6),
    (".csv", lambda b: len(list(csv.DictReader(io.StringIO(b.decode())))) == 6),
    (".ics", lambda b: len(icalendar.Calendar.from_ical(b).walk("VEVENT")) == 6),
    (".xml", lambda b: b.startswith(b"<?xml") and b"<TIMEX3" in b),
])
def test_format_from_the_suffix(story, tmp_path, suffix, check):
    out = tmp_path / f"story{suffix}"
    r = run("export", story, "-o", out)
    assert r.exit_code == 0, r.output
    assert check(out.read_bytes())


def test_text_formats_to_stdout(story):
    r = run("export", story / "events.yaml", "--format", "timelinejs")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["title"]["text"]["headline"] == "Kursk memorial"


@pytest.mark.parametrize("args,message", [
    ([], "-o FILE"),
    (["-o", "x.docx"], "cannot tell the export format"),
    (["--format", "png"], "binary"),
    (["-o", "x.csv", "--plotly-js", "cdn"], "--plotly-js"),
    (["-o", "no/such/folder/x.html"], "does not exist"),
])
def test_usage_errors_are_one_line(story, args, message, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    r = run("export", story, *args)
    assert r.exit_code == 1
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_missing_seed_is_an_error(tmp_path):
    r = run("export", tmp_path / "nothing", "-o", tmp_path / "x.html")
    assert r.exit_code == 1 and "no such file" in r.stderr and "Traceback" not in r.stderr


def test_csv_round_trip_through_the_seed_file_keeps_ids_and_edits(story, tmp_path):
    seed = story / "events.yaml"
    before_text = seed.read_text(encoding="utf-8")
    before = load_seed(seed)
    sheet = tmp_path / "story.csv"
    assert run("export", story, "-o", sheet).exit_code == 0

    # unchanged sheet: the seed file stays byte for byte
    r = run("import", sheet, "-o", seed)
    assert r.exit_code == 0, r.output
    assert seed.read_text(encoding="utf-8") == before_text

    # a person edits a title and a date, and adds a row, in the spreadsheet
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    fields = list(rows[0])
    rows[2]["title"] = "Russia says Ukrainian forces expelled from Kursk"
    rows[3]["when"] = "early 2025-08"
    rows.append({k: "" for k in fields} | {"title": "Museum opens", "when": "2026", "tags": "kursk; museum"})
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields)
    w.writeheader()
    w.writerows(rows)
    sheet.write_text(buf.getvalue(), encoding="utf-8")

    r = run("import", sheet, "-o", seed)
    assert r.exit_code == 0, r.output
    assert "2 changed, 1 added, 0 removed" in r.stderr
    after = {e.id: e for e in load_seed(seed).events}
    old = {e.id: e for e in before.events}
    assert set(after) == set(old) | {"museum-opens-2026"}
    assert after["expelled-2025-04"].title == "Russia says Ukrainian forces expelled from Kursk"
    assert after["expelled-2025-04"].origin == "edited" and after["museum-2025-08"].origin == "edited"
    assert str(after["museum-2025-08"].when) == "early 2025-08"
    assert after["museum-opens-2026"].origin == "manual" and after["museum-opens-2026"].tags == ["kursk", "museum"]
    for eid in ("treaty-2024-06", "repel-2025-sp", "images-2026-01-16"):
        assert after[eid] == old[eid]
    text = seed.read_text(encoding="utf-8")
    assert text.splitlines()[0] == before_text.splitlines()[0]  # the header comment is kept
    load_timeline([story])  # still a valid seed folder


def test_import_into_a_new_seed_file_finds_the_article(story, tmp_path):
    sheet = tmp_path / "story.csv"
    assert run("export", story, "-o", sheet).exit_code == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(SAMPLE, fresh)
    shutil.copy(SAMPLE.with_name("kursk-memorial.meta.yaml"), fresh)
    r = run("import", sheet, "-o", fresh)
    assert r.exit_code == 0, r.output
    t = load_timeline([fresh])
    assert [e.id for e in t.events] == [e.id for e in load_timeline([story]).events]
    assert t.documents[0].published.isoformat() == "2026-01-16"


def test_import_to_stdout_and_bad_csv(story, tmp_path):
    sheet = tmp_path / "story.csv"
    run("export", story, "-o", sheet)
    r = run("import", sheet)
    assert r.exit_code == 0 and "id: blood-2025-12" in r.stdout and "when: late 2025-12" in r.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("title,when\nA,2025-13\nB,soon\n", encoding="utf-8")
    r = run("import", bad)
    assert r.exit_code == 1
    assert f"{bad}:2:" in r.stderr and f"{bad}:3:" in r.stderr and "Traceback" not in r.stderr
