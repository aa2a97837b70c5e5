"""Seed-file checking: every problem, each at the line and column a person has to fix.

The example files live in tests/data/valid and tests/data/invalid; each invalid ``X.yaml`` has an
``X.expected`` beside it with the exact lines ``timeline validate X.yaml`` prints from that folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline._errors import SeedError
from timeline._seeds import load_seed
from timeline._validate import check_seed, check_text, field_name, validate_paths
from timeline.cli.validate import command as validate_command

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def _expected(path: Path) -> list[str]:
    return path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_there_are_examples():
    assert len(VALID) >= 3 and len(INVALID) >= 15
    for f in INVALID:
        assert f.with_suffix(".expected").exists(), f"{f.name} has no .expected file"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples_have_no_problems(path):
    checked = check_seed(path)
    assert checked.problems == []
    assert checked.seed is not None
    assert load_seed(path) == checked.seed


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_report_exactly_the_expected_problems(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    expected = _expected(path)
    assert expected, "an invalid example must expect at least one problem"
    assert [str(p) for p in check_seed(Path(path.name)).problems] == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_cli_prints_the_same_lines_and_exits_1(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(validate_command, [path.name])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == _expected(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_load_seed_raises_with_every_problem(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    with pytest.raises(SeedError) as info:
        load_seed(path.name)
    assert [str(p) for p in info.value.problems] == _expected(path)


def test_cli_counts_valid_files():
    result = CliRunner().invoke(validate_command, [str(p) for p in VALID])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(VALID)} files OK"


def test_cli_reports_problems_of_every_file_given():
    paths = [str(p) for p in VALID + INVALID[:3]]
    result = CliRunner().invoke(validate_command, paths)
    assert result.exit_code == 1
    for p in INVALID[:3]:
        assert any(line.startswith(str(p) + ":") for line in result.stdout.splitlines())


def test_a_seed_folder_and_a_folder_of_seed_folders(tmp_path):
    for name in ("a", "b"):
        (tmp_path / "seeds" / name).mkdir(parents=True)
        shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / "seeds" / name / "events.yaml")
    assert validate_paths([tmp_path / "seeds" / "a"]) == (1, [])
    assert validate_paths([tmp_path / "seeds"]) == (2, [])
    result = CliRunner().invoke(validate_command, [str(tmp_path / "seeds")])
    assert result.exit_code == 0 and result.stdout.strip() == "2 files OK"


def test_a_folder_without_seed_files_and_a_missing_path(tmp_path):
    n, problems = validate_paths([tmp_path, tmp_path / "nope.yaml"])
    assert n == 0
    assert [p.message for p in problems] == ["no events.yaml in this folder or below", "no such file or folder"]
    result = CliRunner().invoke(validate_command, [str(tmp_path)])
    assert result.exit_code == 1
    assert "no events.yaml in this folder or below" in result.stdout


def test_every_problem_points_at_a_line_naming_its_field():
    """The line of each model or cross-reference problem holds the key it is about."""
    path = DATA / "invalid" / "many-problems.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = check_seed(path).problems
    assert len(problems) >= 8
    for p in problems:
        key = p.field.rsplit(".", 1)[-1].split("[")[0]
        assert key + ":" in lines[p.line - 1], (str(p), lines[p.line - 1])
        assert lines[p.line - 1][p.column - 1:].strip(), "the column points inside the line"


def test_problems_are_sorted_by_position():
    problems = check_seed(DATA / "invalid" / "many-problems.yaml").problems
    assert problems == sorted(problems, key=lambda p: (p.line, p.column))


def test_field_name_formats_paths():
    assert field_name(("events", 2, "sources", 0, "sentence")) == "events[2].sources[0].sentence"
    assert field_name(("title",)) == "title"


def test_articles_are_not_read_when_asked_not_to():
    text = (DATA / "invalid" / "quote-mismatch.yaml").read_text(encoding="utf-8")
    assert check_text(text, DATA / "invalid" / "quote-mismatch.yaml", with_documents=False).problems == []
    assert check_text(text, DATA / "invalid" / "quote-mismatch.yaml").problems


def test_a_valid_file_becomes_invalid_when_its_article_changes(tmp_path):
    """Spans are checked against the article's text as it is now, not as it was."""
    shutil.copy(DATA / "valid" / "story.yaml", tmp_path / "events.yaml")
    article = (DATA / "valid" / "story.txt").read_text(encoding="utf-8")
    (tmp_path / "story.txt").write_text(article.replace("In April 2025", "In Sept. 2025"), encoding="utf-8")
    problems = check_seed(tmp_path).problems
    assert [p.field for p in problems] == ["events[3].sources[0].quote"]
    assert "'In Sept. 2025'" in problems[0].message


def test_unreadable_article_is_a_problem_at_its_path(tmp_path):
    (tmp_path / "story.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "events.yaml").write_text("documents:\n  - id: s\n    path: story.txt\n", encoding="utf-8")
    [problem] = check_seed(tmp_path).problems
    assert (problem.line, problem.column, problem.field) == (3, 11, "documents[0].path")
    assert problem.message.startswith("cannot read article:") and "binary" in problem.message


ROOT = Path(__file__).parent.parent


def _run(*args, cwd):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_timeline_validate_end_to_end():
    bad = _run("validate", "many-problems.yaml", "syntax-error.yaml", cwd=DATA / "invalid")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stdout.splitlines() == _expected(DATA / "invalid" / "many-problems.yaml") + _expected(
        DATA / "invalid" / "syntax-error.yaml")
    assert bad.stderr.strip() == "10 problems in 2 files"
    good = _run("validate", "valid", cwd=DATA)
    assert good.returncode == 1  # a folder is searched for events.yaml files; valid/ has none
    assert "no events.yaml in this folder or below" in good.stdout
    ok = _run("validate", *[p.name for p in VALID], cwd=DATA / "valid")
    assert (ok.returncode, ok.stdout.strip()) == (0, f"{len(VALID)} files OK")


def test_the_bundled_seeds_are_valid():
    seeds = ROOT / "seeds"
    if not any(seeds.rglob("events.yaml")):
        pytest.skip("no bundled seeds")
    n, problems = validate_paths([seeds])
    assert n >= 1 and [str(p) for p in problems] == []


def _seed_texts():
    bundled = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*/events.yaml"))
    return VALID + bundled


@pytest.mark.parametrize("path", _seed_texts(), ids=lambda p: p.parent.name + "/" + p.name)
def test_the_quick_reader_and_the_round_trip_tree_agree(path, monkeypatch):
    """Valid files are checked with the fast safe loader; the result equals the round-trip check's."""
    import timeline._validate as validate

    quick = check_seed(path)
    monkeypatch.setattr(validate, "_quick_check", lambda *a, **k: None)
    slow = check_seed(path)
    assert quick.problems == slow.problems == []
    assert quick.seed == slow.seed
    assert quick.documents.keys() == slow.documents.keys()
    # the tree is built on demand and is the same one
    assert validate._plain(quick.tree) == validate._plain(slow.tree)


def test_valid_files_skip_the_round_trip_tree_until_it_is_needed():
    checked = check_seed(DATA / "valid" / "minimal.yaml")
    assert checked.problems == [] and checked._tree is None
    assert checked.tree["events"][0]["id"] == "kickoff"  # built on first use


@pytest.mark.parametrize(
    ("when_line", "problem"),
    [
        ("when: !!str 2025", None),        # a YAML tag: read by the round-trip reader
        ("when: 0099", None),              # an integer date keeps its written width there
        ("when: 2025-02-30", "2025-02-30"),  # impossible date: located by the tree
    ],
)
def test_files_the_quick_reader_cannot_vouch_for_take_the_precise_path(tmp_path, when_line, problem):
    text = f"title: t\nevents:\n  - id: a\n    title: A\n    {when_line}\n    origin: manual\n"
    checked = check_text(text, tmp_path / "events.yaml")
    if problem is None:
        assert checked._tree is not None  # the round-trip tree was built to read the file
    else:
        assert [(p.line, p.field) for p in checked.problems] == [(5, "events[0].when")]
        assert problem in checked.problems[0].message
