"""The curated public namespace (httpx style): everything in __all__ exists, nothing else is public."""

import timeline


def test_all_is_sorted_and_complete():
    assert timeline.__all__ == sorted(timeline.__all__)
    public = {name for name in dir(timeline) if not name.startswith("_")} - {"cli", "rules"}
    assert public == set(timeline.__all__)


def test_every_public_name_is_documented():
    for name in timeline.__all__:
        assert getattr(timeline, name).__doc__, name
