"""PNG and SVG of the timeline figure through Plotly's static export (kaleido).

Kaleido drives a local Chrome or Chromium (Debian's ``chromium`` works); nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

from .._errors import TimelineError, UsageError
from .._models import Timeline
from .figure import build_figure

IMAGE_FORMATS = ("png", "svg")


def render_image(timeline: Timeline, fmt: str, title: str | None = None, width: int = 1200) -> bytes:
    """The figure as PNG or SVG bytes."""
    if fmt not in IMAGE_FORMATS:
        raise UsageError(f"image format must be png or svg, not {fmt!r}")
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise UsageError("PNG/SVG export needs the kaleido package: pip install 'kaleido>=1'") from None
    fig = build_figure(timeline, title)
    fig.data[-1].visible = False  # the selection ring is for the interactive page only
    try:
        return fig.to_image(format=fmt, width=width, height=fig.layout.height, scale=2 if fmt == "png" else 1)
    except Exception as exc:  # kaleido/choreographer raise many kinds; all mean "no usable browser"
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TimelineError(
            f"cannot render {fmt}: {first} (kaleido needs Chrome or Chromium: apt-get install chromium, "
            "or set BROWSER_PATH)"
        ) from None


def write_image(timeline: Timeline, path: str | Path, fmt: str, title: str | None = None) -> int:
    data = render_image(timeline, fmt, title)
    Path(path).write_bytes(data)
    return len(data)
