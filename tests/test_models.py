"""The pydantic models are strict, described, and keep offsets honest."""

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

import timeline
from timeline import DateReading, Event, Interval, SeedFile, SourceRef, Span, TimeExpression

MODELS = [m for m in (getattr(timeline, n) for n in timeline.__all__) if isinstance(m, type) and issubclass(m, BaseModel)]


def test_public_models_are_found():
    assert {m.__name__ for m in MODELS} >= {"Document", "Paragraph", "TimeExpression", "SourceRef", "Event",
                                            "Timeline", "Interval", "Span", "DateReading", "SeedFile"}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description_and_extra_fields_are_refused(model):
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no description"
    assert model.model_config.get("extra") == "forbid"


def test_unknown_field_is_refused():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Event(id="x", title="t", when="2025", colour="red")


def test_event_when_accepts_the_shorthand_and_tags_a_comma_list():
    ev = Event(id="x", title="Kim tells Putin", when="late 2025-12", tags="diplomacy, military")
    assert (ev.when.value, ev.when.mod, ev.when.granularity) == ("2025-12", "LATE", "month")
    assert ev.tags == ["diplomacy", "military"]
    assert ev.origin == "extracted" and not ev.stale


def test_event_json_round_trip():
    ev = Event(id="x", title="T", when="2025-04-01..2025-04-30", alternatives=["2025-05"],
               sources=[SourceRef(document="d", paragraph=3, sentence=[10, 40], expression=[12, 20], quote="April 1")])
    again = Event.model_validate_json(ev.model_dump_json())
    assert again == ev


@pytest.mark.parametrize("bad", [dict(start=5, end=3), [9, 2]])
def test_span_end_before_start(bad):
    with pytest.raises(ValidationError, match="before its start"):
        Span.model_validate(bad)


def test_interval_must_be_ordered():
    with pytest.raises(ValidationError, match="after its start"):
        Interval(start=dt.datetime(2025, 2, 1), end=dt.datetime(2025, 1, 1))


def test_time_expression_event_date_property():
    found = timeline.tag("It lasted three years, from June 2024.", dct="2026-01-16")
    kinds = {t.text: (t.type.value, t.is_event_date) for t in found}
    assert kinds["three years"] == ("DURATION", False)
    assert kinds["June 2024"] == ("DATE", True)
    assert isinstance(found[0], TimeExpression)


def test_paragraph_index_is_one_based():
    with pytest.raises(ValidationError):
        SourceRef(document="d", paragraph=0, sentence=[0, 1])


def test_seed_file_is_strict():
    with pytest.raises(ValidationError):
        SeedFile.model_validate({"title": "x", "documents": [], "events": [], "version": 2})


def test_date_reading_label():
    assert DateReading(value="2025-SP").label == "spring 2025"
