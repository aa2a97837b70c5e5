"""Every example of every tagger rule (timeline/rules/<lang>.yaml) is a test, named by the rule id."""

from __future__ import annotations

import re

import pytest

from timeline._rules import RULES_DIR, RuleFile, compiled_rules, load_rule_file, match_prefixes, token_regex
from timeline._tagger import NORMALISERS, tag
from timeline._timex import is_valid_value

LANGS = sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


def _cases():
    for lang in LANGS:
        rf = load_rule_file(RULES_DIR / f"{lang}.yaml")
        for rule in rf.rules:
            for i, ex in enumerate(rule.examples):
                yield pytest.param(lang, rule.id, ex, id=f"{lang}:{rule.id}:{i}")


@pytest.mark.parametrize(("lang", "rule_id", "example"), list(_cases()))
def test_rule_example(lang, rule_id, example):
    found = tag(example.text, example.dct, lang)
    if example.value is None:
        span = example.span or example.text
        hits = [e for e in found if e.start < example.text.find(span) + len(span) and e.end > example.text.find(span)]
        assert hits == [], f"expected nothing tagged in {span!r}, got {[(e.text, e.value, e.rule) for e in hits]}"
        return
    want = example.span or example.text
    match = [e for e in found if e.text == want]
    assert match, f"{want!r} not tagged in {example.text!r}; got {[(e.text, e.value, e.rule) for e in found]}"
    e = match[0]
    assert e.value == example.value, f"{want!r}: value {e.value} (rule {e.rule}), expected {example.value}"
    if example.type:
        assert e.type.value == example.type
    if example.mod:
        assert e.mod == example.mod
    if example.anchor:
        assert e.anchor.value == example.anchor
    if example.points_to:
        assert e.points_to == example.points_to and e.is_event_date
    assert is_valid_value(e.value)


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_examples_and_a_normaliser(lang):
    rf = load_rule_file(RULES_DIR / f"{lang}.yaml")
    for rule in rf.rules:
        assert rule.examples, f"rule {rule.id} has no examples"
        assert rule.normaliser in NORMALISERS, f"rule {rule.id}: unknown normaliser {rule.normaliser}"


@pytest.mark.parametrize("lang", LANGS)
def test_some_example_of_each_rule_is_found_by_that_rule(lang):
    """Guards against a rule shadowed by an earlier one: at least one example must come from it."""
    rf = load_rule_file(RULES_DIR / f"{lang}.yaml")
    unused = []
    for rule in rf.rules:
        positives = [ex for ex in rule.examples if ex.value is not None]
        if not positives:
            continue
        rules_used = {e.rule for ex in positives for e in tag(ex.text, ex.dct, lang)}
        if rule.id not in rules_used:
            unused.append(rule.id)
    assert unused == []


def test_rule_file_rejects_positional_groups():
    with pytest.raises(ValueError, match="named"):
        RuleFile.model_validate({"language": "xx", "rules": [
            {"id": "bad", "pattern": r"(\d{4})", "normaliser": "year", "examples": []}]})


def test_rule_file_rejects_unknown_word_list_and_capitals():
    with pytest.raises(ValueError, match="unknown word list"):
        RuleFile.model_validate({"language": "xx", "rules": [
            {"id": "bad", "pattern": r"(?P<m>{nope})", "normaliser": "month", "examples": []}]})
    with pytest.raises(ValueError, match="lower case"):
        RuleFile.model_validate({"language": "xx", "rules": [
            {"id": "bad", "pattern": r"(?P<m>June)", "normaliser": "month", "examples": []}]})


def test_rule_file_rejects_duplicate_ids():
    rule = {"id": "a", "pattern": r"(?P<year>\d{4})", "normaliser": "year", "examples": []}
    with pytest.raises(ValueError, match="duplicate"):
        RuleFile.model_validate({"language": "xx", "rules": [rule, rule]})


def test_rules_compile_once():
    assert compiled_rules("en") is compiled_rules("en")


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no tagger rules"):
        compiled_rules("xx")


@pytest.mark.parametrize(("pattern", "text", "may"), [
    (r"(?:(?P<mod>early|late)[\s-]+)?(?P<month>june|july)\s+\d{4}", "late", True),
    (r"(?:(?P<mod>early|late)[\s-]+)?(?P<month>june|july)\s+\d{4}", "lately", False),
    (r"(?:(?P<mod>early|late)[\s-]+)?(?P<month>june|july)\s+\d{4}", "june", True),
    (r"(?:(?P<mod>early|late)[\s-]+)?(?P<month>june|july)\s+\d{4}", "jun", False),
    (r"(?P<year>\d{4})", "1998", True),
    (r"(?P<year>\d{4})", "abc", False),
    (r"[’'](?P<d>\d0)s", "'", True),
])
def test_prefix_guard_is_a_necessary_condition(pattern, text, may):
    """The first-pass guard may only rule out tokens no match can start with."""
    tr = token_regex(match_prefixes(pattern))
    assert (re.match(tr, text) is not None) is may


def test_prefix_guard_never_rules_out_a_real_match():
    rules = compiled_rules("en")
    for cr in rules.rules:
        for ex in cr.rule.examples:
            low = ex.text.lower()
            for m in re.finditer(r"(?<!\w)(\w+|[^\w\s])", low):
                if cr.regex.match(low, m.start()):
                    assert cr.may_start_with(m.group(1)), (cr.rule.id, ex.text, m.group(1))
