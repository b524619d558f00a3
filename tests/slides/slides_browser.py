"""Debian's Chromium driven by Playwright: open a deck from file://, visit its slides, watch its media."""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHROMIUM", "FLAGS", "Visit", "open_deck", "media_state", "wait_for"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: as root in a closed network: no sandbox, and none of Chromium's own background connections
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--mute-audio"]

MEDIA_STATE = """(sel) => [...Reveal.getCurrentSlide().querySelectorAll(sel)].map(m => ({
    tag: m.tagName, src: m.currentSrc, t: m.currentTime, duration: m.duration, paused: m.paused,
    ended: m.ended, muted: m.muted, loop: m.loop, ready: m.readyState, error: m.error && m.error.code,
    width: m.videoWidth || 0, cues: m.textTracks && m.textTracks.length && m.textTracks[0].cues
        ? m.textTracks[0].cues.length : 0,
    mode: m.textTracks && m.textTracks.length ? m.textTracks[0].mode : null }))"""


@dataclass
class Visit:
    """What the page did while it was open: console errors, page errors, and every request's URL."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def wait_for(page, predicate: str, timeout: float = 10.0, arg=None, poll: float = 0.1):
    """Evaluate ``predicate`` until it is truthy; return its value, or the last falsy one after ``timeout``."""
    end = time.monotonic() + timeout
    value = None
    while time.monotonic() < end:
        value = page.evaluate(predicate, arg)
        if value:
            return value
        time.sleep(poll)
    return value


def media_state(page, selector: str = "video, audio") -> list[dict]:
    return page.evaluate(MEDIA_STATE, selector)


@contextmanager
def open_deck(index: Path, size=(1280, 720)):
    """A page with the deck loaded (reveal.js ready); yields (page, visit)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            visit = Visit()
            page.on("console", lambda m: visit.errors.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: visit.errors.append(f"page error: {e}"))
            page.on("request", lambda r: visit.requests.append(r.url))
            page.goto(Path(index).resolve().as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15000)
            yield page, visit
        finally:
            browser.close()
