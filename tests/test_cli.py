"""The command line: real runs through click's CliRunner and one through a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "seeds" / "kursk-memorial" / "kursk-memorial.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_extract_json_matches_the_readers_table():
    res = run("extract", SAMPLE, "--dct", "2026-01-16", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"documents", "events"}
    assert [(e["when"]["value"], e["when"]["mod"]) for e in data["events"]] == [
        ("2024-06", None), ("2025-SP", None), ("2025-04", None), ("2025-08", None), ("2025-12", "LATE"), ("2026-01-16", None)
    ]
    assert data["events"][0]["when"]["start"] == "2024-06-01T00:00:00"
    assert data["events"][0]["when"]["end"] == "2024-07-01T00:00:00"
    assert data["documents"][0]["published"] == "2026-01-16"


def test_tag_finds_every_expression_with_exact_offsets():
    res = run("tag", SAMPLE, "--dct", "2026-01-16", "--format", "json")
    assert res.exit_code == 0, res.output
    text = SAMPLE.read_bytes().decode("utf-8")
    got = json.loads(res.stdout)
    assert [(t["text"], t["value"]) for t in got] == [
        ("last year", "2025"), ("Last spring", "2025-SP"), ("June 2024", "2024-06"), ("April 2025", "2025-04"),
        ("August", "2025-08"), ("Friday", "2026-01-16"), ("late December", "2025-12"),
    ]
    for t in got:
        assert text[t["start"]:t["end"]] == t["text"]


def test_extract_to_seed_file_then_validate(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "events.yaml"
    res = run("extract", article, "--dct", "2026-01-16", "-o", out)
    assert res.exit_code == 0, res.output
    assert "6 added" in res.stderr
    text = out.read_text()
    assert text.startswith("# ") and "Edit freely" in text.splitlines()[0] + text.splitlines()[1]
    assert "when: late 2025-12" in text
    assert run("validate", out).exit_code == 0


def test_rerun_keeps_a_hand_edit(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "events.yaml"
    run("extract", article, "--dct", "2026-01-16", "-o", out)
    edited = out.read_text().replace("title: Kim announces plans to build museum in Pyongyang",
                                     "title: Kim plans a Pyongyang museum  # my wording")
    out.write_text(edited)
    res = run("extract", article, "--dct", "2026-01-16", "-o", out)
    assert res.exit_code == 0, res.output
    after = out.read_text()
    assert "title: Kim plans a Pyongyang museum  # my wording" in after
    assert "origin: edited" in after


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"\x00\x01\x02binary", [], "binary file"),
        (b"", [], "empty article"),
        (b"In August it rained.", ["--dct", "2026-13-01"], "invalid date '2026-13-01'"),
        (b"In August it rained.", ["--dct", "soon"], "expected YYYY-MM-DD"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "tag"])
def test_bad_input_one_line_error_and_nonzero_exit(tmp_path, content, args, message, command):
    p = tmp_path / "a.txt"
    p.write_bytes(content)
    res = run(command, p, *args)
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeline: error:") and message in lines[0]


@pytest.mark.parametrize("command", ["extract", "tag"])
def test_missing_file(tmp_path, command):
    res = run(command, tmp_path / "missing.txt")
    assert res.exit_code == 1
    assert "no such file" in res.stderr


def test_help_has_examples():
    for command in ("extract", "tag", "validate", "serve", "export"):
        res = run(command, "--help")
        assert res.exit_code == 0
        assert "Examples:" in res.output, command


def test_python_dash_m_and_console_script_agree(tmp_path):
    res = subprocess.run([sys.executable, "-m", "timeline", "tag", str(SAMPLE), "--dct", "2026-01-16"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["value"] == "2025"
    bad = subprocess.run([sys.executable, "-m", "timeline", "extract", str(tmp_path / "nope.txt")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr


def test_parser_improvements_update_untouched_events_but_never_hand_edits(tmp_path):
    from timeline import load_seed
    from timeline._seed_merge import parser_fingerprint

    article = tmp_path / "story.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "events.yaml"
    run("extract", article, "--dct", "2026-01-16", "-o", out)
    seed = load_seed(out)
    old_parser, person = seed.events[0], seed.events[2]
    # What an older parser version would have written for the first event: another title, its own fingerprint.
    older = old_parser.model_copy(update={"title": "Treaty", "fingerprint": None})
    text = out.read_text()
    text = text.replace(f"title: {old_parser.title}\n", "title: Treaty\n", 1)
    text = text.replace(f"fingerprint: {old_parser.fingerprint}", f"fingerprint: {parser_fingerprint(older)}", 1)
    text = text.replace(f"title: {person.title}\n", "title: Military says Ukrainians expelled\n", 1)
    out.write_text(text)

    res = run("extract", article, "--dct", "2026-01-16", "-o", out)
    assert res.exit_code == 0, res.output
    after = {e.id: e for e in load_seed(out).events}
    assert after[old_parser.id].title == old_parser.title and after[old_parser.id].origin == "extracted"
    assert after[person.id].title == "Military says Ukrainians expelled" and after[person.id].origin == "edited"


def test_a_hand_edited_event_gains_the_reports_of_a_new_article(tmp_path):
    from timeline import load_seed

    text = SAMPLE.read_text(encoding="utf-8")
    first = tmp_path / "kursk.txt"
    first.write_text(text, encoding="utf-8")
    out = tmp_path / "events.yaml"
    run("extract", first, "--dct", "2026-01-16", "-o", out)
    museum = next(e for e in load_seed(out).events if "museum" in e.title.lower())
    out.write_text(out.read_text().replace(f"title: {museum.title}\n", "title: Museum for the fallen announced\n"))
    second = tmp_path / "wire.txt"
    second.write_text("Pyongyang museum plans\n\nIn August 2025, Kim Jong-un announced plans to build a museum in "
                      "Pyongyang to honor the soldiers killed in the Kursk operation.\n", encoding="utf-8")
    res = run("extract", first, second, "--dct", "2026-01-16", "-o", out)
    assert res.exit_code == 0, res.output
    after = next(e for e in load_seed(out).events if e.id == museum.id)
    assert after.title == "Museum for the fallen announced" and after.origin == "edited"
    assert {s.document for s in after.sources} == {"kursk", "wire"}


@pytest.mark.parametrize(
    ("args", "editable"),
    [([], True), (["--read-only"], False), (["--host", "0.0.0.0"], False), (["--host", "0.0.0.0", "--allow-edits"], True)],
)
def test_serve_offers_editing_only_on_loopback_unless_asked(monkeypatch, args, editable):
    import dash

    import dashboard

    seen = {}
    real_create_app = dashboard.create_app

    def recording_create_app(*a, **kw):
        seen["editable"] = kw.get("editable")
        return real_create_app(*a, **kw)

    monkeypatch.setattr(dashboard, "create_app", recording_create_app)
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: seen.update(kw))
    monkeypatch.setattr("timeline.cli.serve._check_port", lambda host, port: None)
    res = run("serve", ROOT / "seeds", "--no-browser", *args)
    assert res.exit_code == 0, res.output
    assert seen["editable"] is editable
    assert seen["host"] == (args[1] if "--host" in args else "127.0.0.1")
    assert "Serving 6 events" in res.output


def _serve_recorded(monkeypatch, *args):
    import dash

    import dashboard

    seen = {}
    real_create_app = dashboard.create_app

    def recording_create_app(*a, **kw):
        app = real_create_app(*a, **kw)
        seen["editable"], seen["source"] = kw.get("editable"), app.timeline_source
        return app

    monkeypatch.setattr(dashboard, "create_app", recording_create_app)
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: seen.update(kw))
    monkeypatch.setattr("timeline.cli.serve._check_port", lambda host, port: None)
    return run("serve", *args, "--no-browser"), seen


def test_serve_extracts_articles_on_the_fly_read_only(monkeypatch, tmp_path):
    article = tmp_path / "kursk.txt"
    article.write_bytes(SAMPLE.read_bytes())
    res, seen = _serve_recorded(monkeypatch, article, "--dct", "2026-01-16")
    assert res.exit_code == 0, res.output
    assert "Serving 6 events from 1 article(s), extracted on the fly" in res.output
    assert seen["editable"] is False  # no seed file to write to
    assert [str(e.when) for e in seen["source"].timeline.events][:2] == ["2024-06", "2025-SP"]


def test_serve_warns_when_articles_have_no_date(monkeypatch, tmp_path):
    (tmp_path / "story.txt").write_text("Headline\n\nOn Friday, the port reopened after the strike.\n")
    res, seen = _serve_recorded(monkeypatch, tmp_path)
    assert res.exit_code == 0, res.output
    assert "no publication date for story" in res.output and "--dct" in res.output


def test_serve_refuses_articles_mixed_with_seed_files(monkeypatch, tmp_path):
    article = tmp_path / "kursk.txt"
    article.write_bytes(SAMPLE.read_bytes())
    res, _ = _serve_recorded(monkeypatch, article, ROOT / "seeds")
    assert res.exit_code == 1
    assert "not both" in res.output and "Traceback" not in res.output
