"""The README's examples are real: its Python block runs as a doctest, its console blocks as CLI runs."""

import doctest
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _console_examples():
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ "):
                expected = []
                for follow in lines[i + 1:]:
                    if follow.startswith("$ "):
                        break
                    expected.append(follow)
                yield line[2:], expected


CONSOLE = list(_console_examples())


def test_readme_has_examples():
    assert len(CONSOLE) >= 5
    assert "```python\n>>> import timeline" in README


@pytest.fixture
def workdir(tmp_path):
    """A copy of the bundled seeds, so examples that write files cannot touch the repository."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


@pytest.mark.parametrize(("command", "expected"), CONSOLE, ids=[c for c, _ in CONSOLE])
def test_console_example(workdir, command, expected):
    argv = shlex.split(command)
    assert argv[0] == "timeline"
    res = CliRunner().invoke(cli, argv[1:], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    for line in expected:
        if line.strip():
            assert line in res.output, f"{line!r} not in output of {command!r}:\n{res.output}"


def test_python_examples(workdir):
    block = re.search(r"```python\n(>>>.*?)```", README, re.S).group(1)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 5


def test_seed_file_example_is_valid(workdir):
    example = re.search(r"### A complete example\n\n```yaml\n(.*?)```", README, re.S).group(1)
    target = workdir / "seeds" / "kursk-memorial" / "events.yaml"
    target.write_text(example, encoding="utf-8")
    res = CliRunner().invoke(cli, ["validate", str(target)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    from timeline import load_seed

    seed = load_seed(target)
    assert [str(e.when) for e in seed.events] == ["~2026-SU", "2024-06", "late 2025-12"]
