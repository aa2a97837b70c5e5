"""The temporal tagger's contract and behaviour: the sample article, anchoring, types, non-dates, CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline._models import Anchor, TimeType
from timeline._resolve import season_year, shift, weekday_date, year_for_month
from timeline._tagger import sentence_tense, tag
from timeline._timex import is_valid_value

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "kursk-memorial" / "kursk-memorial.txt"
SHARED_SAMPLE = ROOT.parent / "shared" / "seeds" / "kursk-memorial.txt"


def _sample_text() -> str:
    for p in (SAMPLE, SHARED_SAMPLE):
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.skip("sample article not found")


def _by_text(found):
    return {e.text: e for e in found}


# ----------------------------------------------------------------------------- the sample article


def test_sample_article_expressions():
    text = _sample_text()
    found = tag(text, "2026-01-16")
    got = _by_text(found)
    june = got["June 2024"]
    assert (june.value, june.type, june.granularity, june.anchor) == ("2024-06", TimeType.DATE, "month", Anchor.explicit)
    assert (june.interval.start, june.interval.end) == (dt.datetime(2024, 6, 1), dt.datetime(2024, 7, 1))
    assert got["Last spring"].value == "2025-SP" and got["Last spring"].anchor == Anchor.dct
    assert got["last year"].value == "2025"
    assert got["April 2025"].value == "2025-04"
    assert got["August"].value == "2025-08" and got["August"].anchor == Anchor.narrative
    assert got["Friday"].value == "2026-01-16"
    late = got["late December"]
    assert (late.value, late.mod) == ("2025-12", "LATE")
    values = {e.value for e in found}
    assert not {"2026-08", "2026-12"} & values
    texts = " | ".join(e.text for e in found)
    assert "first time" not in texts and "generations" not in texts
    assert "late Russian ambassador" not in texts and not any(e.text == "late" for e in found)


def test_sample_article_offsets_are_exact():
    text = _sample_text()
    found = tag(text, "2026-01-16")
    assert len(found) == 7
    for e in found:
        assert text[e.start:e.end] == e.text
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# ----------------------------------------------------------------------------- contract


@pytest.mark.parametrize("dct", [dt.date(2026, 1, 16), dt.datetime(2026, 1, 16, 9, 30), "2026-01-16", "2026-01-16T09:30"])
def test_dct_forms(dct):
    assert [e.value for e in tag("It rained last year.", dct)] == ["2025"]


def test_bad_dct_string_is_a_clear_error():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        tag("last year", "16/01/2026")


def test_text_must_be_a_string():
    with pytest.raises(TypeError):
        tag(b"June 2024")  # type: ignore[arg-type]


def test_empty_text():
    assert tag("") == []
    assert tag("   \n\n ") == []


def test_every_expression_names_its_rule_and_matches_its_slice():
    text = "On Aug. 7, 1998, two years ago, every week, for three years, at 9:30 a.m., the 1990s."
    found = tag(text, "2000-08-07")
    assert found
    for e in found:
        assert e.rule and text[e.start:e.end] == e.text and is_valid_value(e.value)


# ----------------------------------------------------------------------------- without a DCT


def test_without_dct_year_less_values_stay_unresolved():
    got = _by_text(tag("In August, Kim announced plans. On Friday he spoke. Last year was hard."))
    assert got["August"].value == "XXXX-08" and got["August"].interval is None
    assert got["August"].anchor == Anchor.none and got["August"].granularity == "month"
    assert got["Friday"].value == "XXXX-WXX-5"
    assert got["Last year"].value == "XXXX"
    assert all("2026" not in e.value and str(dt.date.today().year) not in e.value for e in got.values())


def test_without_dct_explicit_dates_still_resolve():
    got = _by_text(tag("The treaty of June 2024 and the 1990s."))
    assert got["June 2024"].value == "2024-06" and got["June 2024"].interval is not None
    assert got["the 1990s"].value == "199"


# ----------------------------------------------------------------------------- types


@pytest.mark.parametrize(("text", "span", "value", "typ"), [
    ("They fought for three years.", "three years", "P3Y", "DURATION"),
    ("It lasted several months.", "several months", "PXM", "DURATION"),
    ("He has worked there for years.", "years", "PXY", "DURATION"),
    ("The panel meets every week.", "every week", "P1W", "SET"),
    ("Reports are published annually.", "annually", "P1Y", "SET"),
    ("Trains leave each Tuesday.", "each Tuesday", "XXXX-WXX-2", "SET"),
])
def test_durations_and_sets_have_no_interval(text, span, value, typ):
    e = _by_text(tag(text, "2026-01-16"))[span]
    assert (e.value, e.type.value, e.interval, e.anchor) == (value, typ, None, Anchor.none)
    assert not e.is_event_date


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The meeting began at 9:30 a.m.", "9:30 a.m.", "2026-01-16T09:30"),
    ("She spoke this morning.", "this morning", "2026-01-16TMO"),
    ("They are in the city now.", "now", "PRESENT_REF"),
    ("He had recently moved.", "recently", "PAST_REF"),
    ("Prices rose in the third quarter.", "the third quarter", "2025-Q3"),
    ("Sales fell last week.", "last week", "2026-W02"),
    ("The trend began in the 1990s.", "the 1990s", "199"),
    ("It opened two weeks ago.", "two weeks ago", "2026-W01"),
    ("Profits rose earlier this month.", "earlier this month", "2026-01"),
    ("It happened this week.", "this week", "2026-W03"),
    ("Revenue grew in fiscal 2025.", "fiscal 2025", "2025"),
])
def test_news_expressions(text, span, value):
    got = _by_text(tag(text, "2026-01-16"))
    assert span in got, (span, list(got))
    assert got[span].value == value


# ----------------------------------------------------------------------------- numbers that are not dates


@pytest.mark.parametrize("text", [
    "2,000 troops crossed the border.",
    "The match ended 1-0.",
    "The fine was $2025.",
    "He received 2025 votes.",
    "Room 1999 is on the left.",
    "The ratio was 3/4 of the total.",
    "Prices fall when demand drops.",
    "Kim may visit Moscow.",
    "About three-quarters of voters agreed.",
    "Sun Microsystems said the deal closed.",
])
def test_numbers_and_words_that_are_not_dates(text):
    assert tag(text, "2026-01-16") == [], [(e.text, e.value) for e in tag(text, "2026-01-16")]


# ----------------------------------------------------------------------------- anchoring


def test_tense_decides_weekdays_and_months():
    past = _by_text(tag("The vote was held on Monday.", "1998-02-06"))["Monday"]
    future = _by_text(tag("The vote will be held on Monday.", "1998-02-06"))["Monday"]
    assert (past.value, future.value) == ("1998-02-02", "1998-02-09")
    dec_past = _by_text(tag("In December, he resigned.", "2026-01-16"))["December"]
    may_future = _by_text(tag("In May, he will resign.", "2026-01-16"))["May"]
    assert (dec_past.value, may_future.value) == ("2025-12", "2026-05")


def test_deadlines_point_forward():
    got = _by_text(tag("The dividend was declared, payable Dec. 7 to holders of record Nov. 16.", "1989-10-30"))
    assert got["Dec. 7"].value == "1989-12-07" and got["Nov. 16"].value == "1989-11-16"


@pytest.mark.parametrize(("text", "first", "second"), [
    ("The hurricane season runs from June 1 to Nov. 30.", "2013-06-01", "2013-11-30"),  # alone: last Nov. 30
    ("The show ran between Nov. 28 and Jan. 3.", "2012-11-28", "2013-01-03"),
    ("The operation lasted from 10 p.m. to 2 a.m.", "2013-03-22T22:00", "2013-03-23T02:00"),
    ("After a revision Friday to December's figures, it rose.", "2013-03-22", "2012-12"),  # not a range
    ("He worked from 2001 to 1999.", "2001", "1999"),  # written years stay as written
])
def test_a_range_ends_after_it_starts(text, first, second):
    got = [e.value for e in tag(text, "2013-03-22")]
    assert got == [first, second]


def test_narrative_anchor_needs_a_recent_explicit_date():
    near = _by_text(tag("In April 2025, troops left. In August, Kim spoke.", "2026-01-16"))["August"]
    assert near.anchor == Anchor.narrative
    far = _by_text(tag("In April 2023, troops left.\n\nIn August, Kim spoke.", "2026-01-16"))["August"]
    assert (far.value, far.anchor) == ("2025-08", Anchor.dct)


def test_anaphoric_expressions_follow_the_narrative():
    got = _by_text(tag("On March 3, 2025, talks began. The next day, they ended.", "2026-01-16"))
    assert got["The next day"].value == "2025-03-04" and got["The next day"].anchor == Anchor.narrative


def test_sentence_tense():
    text = "He said the vote will take place on Monday."
    i = text.index("Monday")
    assert sentence_tense(text, i, i + 6) == "future"
    text = "The army reported on Friday that it had won."
    i = text.index("Friday")
    assert sentence_tense(text, i, i + 6) == "past"


# ----------------------------------------------------------------------------- resolver (pure)


def test_resolve_shift():
    d = dt.date(2026, 1, 16)
    assert shift(d, "year", -1) == "2025"
    assert shift(d, "month", -1) == "2025-12"
    assert shift(d, "quarter", -1) == "2025-Q4"
    assert shift(d, "week", 0) == "2026-W03"
    assert shift(d, "season", 0) == "2025-WI"
    assert shift(d, "decade", 0) == "202"
    assert shift(d, "day", 1) == "2026-01-17"
    assert shift(dt.date(1, 1, 1), "year", -1) is None


def test_resolve_months_weekdays_seasons():
    d = dt.date(2026, 1, 16)
    assert year_for_month(8, d, None, "past") == (2025, "dct")
    assert year_for_month(8, d, None, "future") == (2026, "dct")
    assert year_for_month(8, None, None, "past") == (None, "none")
    assert year_for_month(8, d, dt.date(2025, 4, 1), "past") == (2025, "narrative")
    assert weekday_date(5, d, "past") == d  # the DCT is a Friday
    assert weekday_date(1, d, "future") == dt.date(2026, 1, 19)
    assert season_year("SP", d, None, None, "last") == (2025, "dct")
    assert season_year("SP", d, None, None, "next") == (2027, "dct")


# ----------------------------------------------------------------------------- CLI


def _run_tag(*args):
    from timeline.cli.tag import command

    return CliRunner().invoke(command, list(args))


def test_cli_tag_json_offsets_point_into_the_file(tmp_path):
    text = "Kim visited in June 2024.\nIn August, he left.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    res = _run_tag(str(path), "--dct", "2026-01-16")
    assert res.exit_code == 0, res.output
    records = json.loads(res.output)
    assert [r["value"] for r in records] == ["2024-06", "2025-08"]
    for r in records:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r) >= {"start", "end", "text", "type", "value", "mod", "granularity", "interval", "anchor", "rule"}


def test_cli_tag_markdown_front_matter_offsets(tmp_path):
    text = "---\ntitle: T\npublished: 2026-01-16\n---\nIn August, Kim spoke.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    res = _run_tag(str(path))
    assert res.exit_code == 0, res.output
    (rec,) = json.loads(res.output)
    assert text[rec["start"]:rec["end"]] == "August" and rec["value"] == "2025-08"


def test_cli_tag_text_format(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("It rained last year.", encoding="utf-8")
    res = _run_tag(str(path), "--dct", "2026-01-16", "--format", "text")
    assert res.exit_code == 0
    assert res.output.split("\t")[:4] == ["10", "19", "DATE", "2025"]


@pytest.mark.parametrize(("setup", "args", "message"), [
    (None, ["missing.txt"], "no such file"),
    ("", ["a.txt"], "empty"),
    ("June 2024", ["a.txt", "--dct", "2026-13-01"], "invalid date"),
    ("June 2024", ["a.txt", "--lang", "xx"], "no tagger rules"),
    ("June 2024", ["a.txt", "--lang", "x y"], "no tagger rules"),
])
def test_cli_tag_errors_are_one_line(tmp_path, monkeypatch, setup, args, message):
    monkeypatch.chdir(tmp_path)
    if setup is not None:
        (tmp_path / "a.txt").write_text(setup, encoding="utf-8")
    from timeline.cli import cli

    res = CliRunner().invoke(cli, ["tag", *args])
    assert res.exit_code != 0
    assert message in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("text, expected", [
    ("Qantas adds four flights a week and 700 seats a week on the route.", []),
    ("It took the two sides a week to agree.", [("a week", "P1W")]),
    ("They meet three times a week.", [("a week", "P1W")]),
])
def test_a_count_of_things_per_unit_is_a_rate_not_a_duration(text, expected):
    assert [(e.text, e.value) for e in tag(text, dct="1998-02-13")] == expected


@pytest.mark.parametrize("text, span, value", [
    ("Sales should recover in the next year or so, he said.", "the next year or so", "1990"),
    ("over the next two years or so, the general said", "the next two years or so", "P2Y"),
    ("Then, a week or so ago, he moved.", "a week or so ago", "1989-W42"),
])
def test_or_so_is_in_the_extent_as_approx(text, span, value):
    (e,) = tag(text, dct="1989-10-26")
    assert (e.text, e.value, e.mod) == (span, value, "APPROX")


def test_or_so_after_a_weekday_is_left_out():
    (e,) = tag("He left on Monday or so.", dct="1989-10-26")
    assert e.text == "Monday" and e.mod is None


@pytest.mark.parametrize("text, expected", [
    ("The summit will be held on April 24 and 25.", [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("talks on May 3 and 4 in Rome", [("May 3", "1999-05-03"), ("4", "1999-05-04")]),
    ("Sales on Sept. 3 and 15 stores closed.", [("Sept. 3", "1998-09-03")]),
    ("It will rise on April 24 and 25 percent will fall.", [("April 24", "1999-04-24")]),
    ("on April 30 and 31.", [("April 30", "1999-04-30")]),
])
def test_coordinated_bare_day_shares_the_month(text, expected):
    assert [(e.text, e.value) for e in tag(text, dct="1999-02-10")] == expected


@pytest.mark.parametrize("text, span, value", [
    ("The men came into the store around 7:15 p.m., after closing.", "around 7:15 p.m.", "1989-10-26T19:15"),
    ("The placement is to be completed around Nov. 1.", "around Nov. 1", "1989-11-01"),
    ("The deal is expected to close around year end.", "around year end", "1989-12"),
])
def test_around_a_point_in_time_is_in_the_extent_as_approx(text, span, value):
    (e,) = tag(text, dct="1989-10-26")
    assert (e.text, e.value, e.mod) == (span, value, "APPROX")


@pytest.mark.parametrize("text, expected", [
    ("They will look for ways to get around Wednesday's ruling.", [("Wednesday", None)]),   # the verb "get around"
    ("The trip takes around two weeks.", [("two weeks", None)]),                         # durations keep it outside
])
def test_around_is_left_out_before_possessives_and_durations(text, expected):
    assert [(e.text, e.mod) for e in tag(text, dct="1989-10-26")] == expected


def test_a_vague_count_later_is_a_duration_without_a_date():
    (_, e) = tag("In January, it named a new chief. A few days later, it cut its forecast.", dct="1989-10-27")
    assert (e.text, e.value, e.type.value) == ("A few days", "PXD", "DURATION")
    assert not e.is_event_date  # neither a date nor the future: the event keeps no made-up date


@pytest.mark.parametrize("dct, value", [
    ("1998-03-01", "1997-02"),   # just ended: that would be "last month"
    ("1998-04-20", "1998-02"),
    ("1998-01-10", "1997-02"),
])
def test_last_month_name_skips_the_month_just_ended(dct, value):
    (e,) = tag("Two helicopters crashed last February.", dct=dct)
    assert e.value == value


def test_reporting_period_comparisons_follow_the_months_just_named():
    text = ("Net rose in the third quarter. For the nine months, net was $81.2 million. "
            "In the year-earlier period, net was $77.2 million. In the first nine months, net was $306 million, "
            "compared with a loss in the 1988 period.")
    found = {e.text: e.value for e in tag(text, dct="1989-10-27")}
    assert found["the year-earlier period"] == "P9M"
    assert found["the 1988 period"] == "1988"


@pytest.mark.parametrize("text, span, mod", [
    ("The company wouldn't be profitable until 1994 or later.", "1994 or later", "ON_OR_AFTER"),
    ("It is confident about cash flow for 1990 and beyond.", "1990 and beyond", "ON_OR_AFTER"),
    ("The vote comes in June or earlier, he said.", "June or earlier", "ON_OR_BEFORE"),
])
def test_open_ends_are_in_the_extent(text, span, mod):
    (e,) = tag(text, dct="1989-10-27")
    assert (e.text, e.mod) == (span, mod)


def test_or_later_before_another_expression_is_left_alone():
    assert [e.text for e in tag("Ship it in May or later this year.", dct="1989-01-10")] == ["May", "later this year"]


@pytest.mark.parametrize("text", [
    "Protesters gathered on Sunday. That night, police fired tear gas.",
    "The plane crashed on Feb. 3. The next morning, rescuers reached the site.",
    "Tonight, the Senate votes on the budget.",
    "Police were called at 11:45 last night.",
    "The ceasefire took effect at midnight local time on March 15.",
])
def test_a_value_with_a_time_of_day_is_a_time(text):
    found = tag(text, dct="2013-03-22")
    assert found
    for e in found:
        if "T" in e.value and e.value[:1].isdigit():
            assert e.type == TimeType.TIME, (e.text, e.value)


def test_the_story_day_carries_past_a_vaguer_date_to_earlier_in_the_day():
    text = "The airline said on July 8 that the jets would stay grounded in 2014. Earlier in the day, Boeing got a letter."
    found = _by_text(tag(text, dct="2013-07-09"))
    assert found["2014"].value == "2014"
    assert found["Earlier in the day"].value == "2013-07-08"
    assert found["Earlier in the day"].anchor == Anchor.narrative
    # without a day-precise date before it, the DCT's day
    assert _by_text(tag("Earlier in the day, Boeing got a letter.", dct="2013-07-09"))["Earlier in the day"].value \
        == "2013-07-09"


@pytest.mark.parametrize("text, values", [
    ("Veterans of the 1990-91 Gulf War gathered.", ["1990", "1991"]),
    ("He scored 30 goals in the 2012-13 season.", ["2012", "2013"]),
    ("the 1999-00 season", ["1999", "2000"]),
    ("The report covers 2013-03.", []),          # a year and month, not a range of years
    ("The plan ran from 1990-99.", ["1990", "1999"]),
])
def test_a_two_digit_year_after_a_year_ends_a_range(text, values):
    assert [e.value for e in tag(text, dct="2013-03-22")] == values


@pytest.mark.parametrize("text, dct, value", [
    ("Ford announced closures during the fourth quarter.", "2006-08-19", "2006-Q4"),   # the coming quarter
    ("The company reported a net loss in the fourth quarter.", "2013-03-22", "2012-Q4"),
    ("The company reported a net loss in the third quarter.", "2013-03-22", "2012-Q3"),
    ("Earnings for the quarter ending March 31 will be released in April.", "2013-03-22", "2013-Q1"),
    ("Earnings for the quarter ending June 30 will be released in July.", "2013-03-22", "2013-Q2"),
    ("Net income for the quarter ended Dec. 31 rose.", "2013-03-22", "2012-Q4"),
])
def test_year_less_quarters_in_past_tense(text, dct, value):
    assert tag(text, dct=dct)[0].value == value


@pytest.mark.parametrize("text, value", [
    ("The trial is set to begin on the 25th.", "2013-03-25"),
    ("The bank said it had cut the rate on the 28th.", "2013-02-28"),
    ("The court adjourned until the 2nd.", "2013-03-02"),
])
def test_a_day_of_the_month_alone_takes_the_dct_month_by_tense(text, value):
    found = tag(text, dct="2013-03-22")
    assert [e.value for e in found] == [value]


@pytest.mark.parametrize("text", ["The office is on the 25th floor.", "He marked the 25th anniversary.",
                                  "It was the 11th Circuit's ruling.", "She came 2nd in the race."])
def test_ordinals_that_are_not_days_are_left_alone(text):
    assert tag(text, dct="2013-03-22") == []


# ----------------------------------------------------------------------------- generalisation pass 2


def test_new_expressions_stay_valid_and_unresolved_without_a_dct():
    """Every expression the second generalisation pass added still yields a valid TIMEX3 value without a
    DCT, and year-less ones stay open (XXXX) instead of borrowing some year."""
    text = ("Rebels attacked overnight. The shop is closed on weekends. He was held on the weekend of March 9. "
            "That summer, he met his wife. The meeting is on the 15th of next month. It posted a first-half loss. "
            "Sales in 2Q12 rose. For the week, the index rose. Oil for May delivery fell. It ended at midday on Thursday. "
            "The quake struck at 10:14 a.m. (0114 GMT) on Tuesday. Shoppers came on Black Friday. It happened months ago.")
    found = tag(text)
    got = _by_text(found)
    assert all(is_valid_value(e.value) for e in found)
    assert got["overnight"].value == "XXXX-XX-XXTNI"
    assert got["weekends"].type == TimeType.SET
    assert got["That summer"].value == "XXXX-SU"
    assert got["2Q12"].value == "2012-Q2"
    assert got["months ago"].value == "PXM"
    assert got["10:14 a.m."].value.startswith("XXXX")


@pytest.mark.parametrize(("text", "dct", "values"), [
    ("The festival runs from Friday to Sunday.", "2013-03-22", ["2013-03-22", "2013-03-24"]),
    ("The festival ran Friday through Sunday.", "2013-03-22", ["2013-03-15", "2013-03-17"]),
    ("The festival ran from Tuesday to Thursday.", "2013-03-22", ["2013-03-19", "2013-03-21"]),
])
def test_a_weekday_range_stays_within_one_week_in_order(text, dct, values):
    assert [e.value for e in tag(text, dct)] == values


@pytest.mark.parametrize(("text", "value"), [
    ("Officials said Saturday's vote would go ahead.", "2013-03-23"),   # a scheduled event, future verb
    ("Officials said Thursday's attack would be investigated.", "2013-03-21"),   # an event that happened
    ("By September, he was rich.", "2012-09"),   # a fronted "by" takes the main clause's past
    ("By September, he will be rich.", "2013-09"),
])
def test_tense_of_possessive_days_and_fronted_by(text, value):
    assert tag(text, "2013-03-22")[0].value == value
