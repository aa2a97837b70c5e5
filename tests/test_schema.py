"""The committed JSON Schema of seed files matches the models, and means what the loader means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline._schema import seed_schema, seed_schema_text
from timeline._seed_yaml import make_yaml
from timeline._seeds import SeedFile
from timeline.cli.schema import command as schema_command

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "schema" / "events.schema.json"
DATA = Path(__file__).parent / "data"


def test_committed_schema_matches_the_models():
    assert COMMITTED.exists(), "run: timeline schema -o schema/events.schema.json"
    assert COMMITTED.read_text(encoding="utf-8") == seed_schema_text(), (
        "schema/events.schema.json drifted from the models; run: timeline schema -o schema/events.schema.json"
    )


def test_schema_is_generated_from_the_models():
    schema = seed_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == set(SeedFile.model_fields)
    assert schema["additionalProperties"] is False
    event = schema["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert set(event["properties"]) == {"id", "title", "when", "sources", "tags", "actors", "notes", "origin",
                                        "stale", "alternatives", "fingerprint"}
    for name, prop in event["properties"].items():
        assert prop.get("description"), f"Event.{name} has no description for editors' hover help"
    assert schema["$defs"]["DocumentEntry"]["required"] == ["id", "path"]


def test_cli_prints_and_writes_the_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(schema_command, [])
    assert printed.exit_code == 0 and json.loads(printed.stdout) == seed_schema()
    out = tmp_path / "events.schema.json"
    written = runner.invoke(schema_command, ["-o", str(out)])
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8") == seed_schema_text()


def _as_json(path: Path):
    """A YAML file as an editor's language server sees it (YAML 1.2: dates stay text)."""
    data = make_yaml().load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("path", sorted((DATA / "valid").glob("*.yaml")), ids=lambda p: p.name)
def test_valid_examples_satisfy_the_schema(path):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(seed_schema()).validate(_as_json(path))


@pytest.mark.parametrize("name", ["unknown-field", "missing-fields", "wrong-types", "not-a-mapping"])
def test_the_schema_rejects_what_the_loader_rejects(name):
    jsonschema = pytest.importorskip("jsonschema")
    errors = list(jsonschema.Draft202012Validator(seed_schema()).iter_errors(_as_json(DATA / "invalid" / f"{name}.yaml")))
    assert errors
