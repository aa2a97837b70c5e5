"""The tagger never raises on text, and what it returns is always well-formed (hypothesis)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline._tagger import tag
from timeline._timex import is_valid_value

# Fragments that steer random text towards the rules' edges.
FRAGMENTS = [
    "June 2024", "Aug. 7, 1998", "last year", "two weeks ago", "every week", "9:30 a.m.", "the 1990s",
    "the third quarter", "Friday", "In August", "late December", "99999999999999999999 years ago",
    "Dec. 99", "Feb. 30, 2024", "0000-00-00", "9999-12-31", "10:99 p.m.", "25:00", "year 0", "the 0s",
    "mid-", "the end of", "1e9 days", "$2025", "1-0", "2,000 troops", "'90s", "Q5 2025", "fiscal 99",
    "the 99th century", "a couple of", "twenty-four hours", "5 1/2 years", "İstanbul", "ß", "ﬁ",
    "\u0000", "\u202e", "\ufeff", "\r\n", "\t", "日本 2024年", "январь 2025", "١٢ مايو ٢٠٢٤",
    "this past spring", "the year-ago quarter", "the next day", "that year", "noon Thursday",
]

text_st = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30), st.sampled_from([" ", ", ", ". ", "\n\n"])),
    max_size=25,
).map("".join)
dct_st = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 1, 16)]),
)


def _check(text: str, found) -> None:
    last_end = 0
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert e.start >= last_end, "expressions overlap or are out of order"
        last_end = e.end
        assert text[e.start:e.end] == e.text
        assert is_valid_value(e.value), e.value
        if e.interval is not None:
            assert e.interval.start < e.interval.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_st, dct=dct_st)
def test_random_text_never_raises(text, dct):
    _check(text, tag(text, dct))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_st, dct=dct_st, lang=st.sampled_from(["de", "fr", "es", "ru"]))
def test_other_languages_never_raise(text, dct, lang):
    _check(text, tag(text, dct, lang))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), dct=dct_st)
def test_arbitrary_unicode_never_raises(text, dct):
    _check(text, tag(text, dct))


@settings(max_examples=5, deadline=None)
@given(fragment=st.sampled_from(FRAGMENTS))
def test_long_lines(fragment):
    text = ("x" * 50 + " " + fragment + " ") * 2100  # > 100k characters, one line
    assert len(text) > 100_000
    _check(text, tag(text, "2026-01-16"))


def test_huge_numbers_and_edge_dates():
    text = " ".join([
        "99999999999999999999999 years ago", "in 9999", "next year", "tomorrow", "last week",
        "a million centuries ago", "the 1000000th century", "10000000000 days later",
    ])
    for dct in (dt.date(1, 1, 1), dt.date(9999, 12, 31), None):
        _check(text, tag(text, dct))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_cli_tag_never_tracebacks(tmp_path_factory, data):
    from timeline.cli import cli

    path = tmp_path_factory.mktemp("fuzz") / "a.txt"
    path.write_bytes(data)
    res = CliRunner().invoke(cli, ["tag", str(path), "--dct", "2026-01-16"])
    assert res.exit_code in (0, 1), res.output
    if res.exit_code:
        assert res.output.startswith("timeline: error:") and res.output.count("\n") == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_repeated_words_stay_linear():
    """Long runs of the words rules start with ("last last last ...") once made a pattern backtrack
    over the whole run at every word; each of these must finish like any other text."""
    for word in ("last ", "the ", "this ", "the comparable ", "fiscal ", "early ", "a ", "two "):
        text = word * 20_000
        _check(text, tag(text, "2026-01-16"))
