"""Shared fixtures.

Dashboard fixtures (dashboard helper):
    sample_timeline   a small Timeline built from the models: 2 documents; events at day, month,
                      season and year precision, one LATE; an article with <script> and <img onerror>
    serve_app         factory: run a Dash app on a free 127.0.0.1 port in a thread, returns its URL
    browser / page    Playwright Chromium (Debian's /usr/bin/chromium, never downloaded)
    artifacts         tests/artifacts/ for screenshots
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
from pathlib import Path

import pytest

from timeline._models import Document, Event, Paragraph, SourceRef, Span, Timeline

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


# -- a sample timeline built from the models -------------------------------------------------------


def make_document(doc_id: str, title: str, paragraphs: list[tuple[str, str]], published: dt.date | None) -> Document:
    """A Document whose text is the paragraphs joined by blank lines; (text, kind) per paragraph."""
    text, paras, pos = "", [], 0
    for i, (body, kind) in enumerate(paragraphs, start=1):
        if text:
            text += "\n\n"
            pos = len(text)
        text += body
        paras.append(Paragraph(index=i, start=pos, end=pos + len(body), kind=kind))
    return Document(id=doc_id, title=title, published=published, text=text, paragraphs=paras)


def make_event(doc: Document, event_id: str, title: str, when: str, sentence: str, expression: str, **extra) -> Event:
    """An Event whose source is the first occurrence of ``sentence`` (and ``expression`` inside it)."""
    s = doc.text.index(sentence)
    e = doc.text.index(expression, s)
    para = doc.paragraph_at(s)
    return Event(
        id=event_id,
        title=title,
        when=when,
        sources=[SourceRef(document=doc.id, paragraph=para.index, sentence=Span(start=s, end=s + len(sentence)),
                           expression=Span(start=e, end=e + len(expression)), quote=expression)],
        **extra,
    )


SPRING = ("Last spring, North Korean troops, acting under the June 2024 Comprehensive Strategic Partnership Treaty, "
          "helped Russian forces repel a large-scale Ukrainian incursion into the region.")
APRIL = "In April 2025, the Russian military reported that Ukrainian forces were fully expelled."
AUGUST = "In August, Kim announced plans to build a museum in Pyongyang to honor the soldiers killed in the operation."
FRIDAY = "Images released by KCNA on Friday show Kim inspecting a large memorial complex."
DECEMBER = ("In late December, Kim told Russian President Vladimir Putin that bilateral ties have been strengthened "
            "by “sharing blood” on the Ukraine frontline.")
LETTER = f"In 2025, a reader wrote {XSS_SCRIPT} and {XSS_IMG} to the editors."
PRINTED = "On 16 January 2026, the paper printed the letter in full."


def build_sample_timeline() -> Timeline:
    kursk = make_document(
        "kursk-memorial",
        "Kim inspects memorial to heroes who died in Kursk liberation",
        [
            ("Kim inspects memorial to heroes who died in Kursk liberation (PHOTOS)", "headline"),
            (SPRING, "content"),
            (f"{APRIL} {AUGUST}", "content"),
            (FRIDAY, "content"),
            ("©  kcna.kp", "credit"),
            (DECEMBER, "content"),
            ("Comments are closed.", "boilerplate"),
        ],
        dt.date(2026, 1, 16),
    )
    letters = make_document(
        "reader-letter",
        f"Letters {XSS_SCRIPT}",
        [(f"{LETTER} {PRINTED}", "content"), (f"Unrelated {XSS_IMG} paragraph.", "content")],
        dt.date(2026, 1, 20),
    )
    events = [
        make_event(kursk, "treaty", "Russia and North Korea sign partnership treaty", "2024-06", SPRING, "June 2024",
                   tags=["diplomacy"], actors=["Russia", "North Korea"]),
        make_event(kursk, "repel", "North Korean troops help repel the Ukrainian incursion", "2025-SP", SPRING,
                   "Last spring", tags=["military"], actors=["North Korea"]),
        make_event(kursk, "expelled", "Russian military reports Ukrainian forces fully expelled", "2025-04", APRIL,
                   "April 2025", tags=["military"], actors=["Russia"]),
        make_event(kursk, "museum", "Kim announces museum plans", "2025-08", AUGUST, "August", tags=["memorial"],
                   actors=["Kim Jong-un"]),
        make_event(kursk, "sharing-blood", "Kim tells Putin ties were strengthened by sharing blood", "late 2025-12",
                   DECEMBER, "late December", tags=["diplomacy"], actors=["Kim Jong-un", "Vladimir Putin"]),
        make_event(kursk, "images", "KCNA releases images of Kim inspecting the memorial", "2026-01-16", FRIDAY,
                   "Friday", tags=["memorial"]),
        make_event(letters, "letter", f"Reader sends letter {XSS_IMG}", "2025", LETTER, "2025", tags=["letters"]),
        make_event(letters, "printed", "Paper prints the letter", "2026-01-16", PRINTED, "16 January 2026",
                   tags=["letters"], origin="edited"),
    ]
    return Timeline(title="Kursk memorial", documents=[kursk, letters], events=events)


@pytest.fixture(scope="session")
def sample_timeline() -> Timeline:
    return build_sample_timeline()


# -- servers and browsers ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve_app():
    """Factory: ``url = serve_app(dash_app)`` serves the app in a thread until the test ends."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log in the test output
    servers = []

    def start(app) -> str:
        port = free_port()
        server = make_server("127.0.0.1", port, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    p = context.new_page()
    p.set_default_timeout(15000)
    yield p
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A writable copy of the bundled seeds/kursk-memorial folder."""
    src = Path(__file__).parents[1] / "seeds" / "kursk-memorial"
    if not src.is_dir():
        pytest.skip("seeds/kursk-memorial is not in this checkout")
    dst = tmp_path / "kursk-memorial"
    shutil.copytree(src, dst)
    return dst
