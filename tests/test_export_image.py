"""PNG and SVG of the figure through kaleido and the local Chromium, with the network cut."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from export_sample import kursk_timeline

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(autouse=True)
def _needs_kaleido_and_chromium():
    pytest.importorskip("kaleido")
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.skip("no Chromium for kaleido")


def test_png_and_svg():
    from timeline._export.image import render_image

    t = kursk_timeline()
    png = render_image(t, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "export-figure.png").write_bytes(png)
    svg = render_image(t, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Kim announces museum plans" in text and "Jan 2026" in text


def test_works_without_network(tmp_path):
    """The same export in a process that has no network at all (a fresh network namespace)."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("cannot make a network namespace here")
    out = tmp_path / "fig.svg"
    code = ("import sys; sys.path[:0] = sys.argv[2:]; from export_sample import kursk_timeline; "
            "from timeline._export.image import write_image; write_image(kursk_timeline(), sys.argv[1], 'svg')")
    root = Path(__file__).resolve().parents[1]
    r = subprocess.run(["unshare", "-n", sys.executable, "-c", code, str(out), str(root), str(root / "tests")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert out.read_bytes().startswith(b"<svg")
