"""The deck in a real browser (Debian's Chromium, driven by Playwright, from file://): every slide
shows, every clip loads and plays, loops where marked and otherwise holds its last frame, subtitles
and narration work, no console errors, no network requests. Screenshots: $SLIDES_SHOTS."""

from __future__ import annotations

import time

import pytest

from slides_helpers import deck_sections
from slides_browser import media_state, open_deck, wait_for

PLAYING = """() => { const v = Reveal.getCurrentSlide().querySelector('video');
                     return v && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0 ? v.currentTime : 0; }"""
TIME = "() => Reveal.getCurrentSlide().querySelector('video').currentTime"
#: the current slide's narration while it plays (muted or not), as {t, muted}; null before it does
NARRATION = """() => { const a = Reveal.getCurrentSlide().querySelector('audio.narration');
                       return a && !a.paused && a.currentTime > 0.05 && a.muted === MUTED && !a.error
                           ? {t: a.currentTime, muted: a.muted} : null; }"""


def _loop_wraps(page) -> bool:
    """Seek close to the end and see the clip come round to its start while still playing. The page
    itself watches every timeupdate (a poll from here can miss the wrap on a busy machine)."""
    page.evaluate("""() => { const v = Reveal.getCurrentSlide().querySelector('video');
        let last = v.duration - 0.3; v.dataset.wrapped = '';
        v.addEventListener('timeupdate', () => {
            if (v.currentTime + 0.2 < last && !v.paused && !v.ended) v.dataset.wrapped = 'yes';
            last = v.currentTime; });
        v.currentTime = v.duration - 0.3; }""")
    return bool(wait_for(page, """() => { const v = Reveal.getCurrentSlide().querySelector('video');
                                           return v.dataset.wrapped === 'yes' && !v.paused && !v.ended; }""",
                         timeout=12))


def _holds_last_frame(page, shots, name) -> dict:
    state = wait_for(page, """() => { const v = Reveal.getCurrentSlide().querySelector('video');
        return v.ended ? {t: v.currentTime, d: v.duration, paused: v.paused} : null; }""", timeout=25)
    if state:
        time.sleep(0.5)
        state["later"] = page.evaluate(TIME)
        page.screenshot(path=str(shots / f"{name}-held.png"))
    return state or {}


def _visit(page, shots, i: int, section: dict) -> dict:
    page.evaluate("i => Reveal.slide(i)", i)
    shown = wait_for(page, """i => Reveal.getIndices().h === i && (() => { const s = Reveal.getCurrentSlide();
        const r = s.getBoundingClientRect(); return s.classList.contains('present') && r.width > 600 && r.height > 300
        && getComputedStyle(s).visibility === 'visible'; })()""", arg=i)
    entry = {"shown": bool(shown), "notes": page.evaluate("() => Reveal.getSlideNotes()"), "videos": section["videos"]}
    name = f"{i:02d}-{section['kind']}"
    if section["videos"]:
        entry["t0"] = wait_for(page, PLAYING, timeout=15)
        time.sleep(0.35)
        entry["t1"] = page.evaluate(TIME)
        entry["ended_early"] = page.evaluate("() => Reveal.getCurrentSlide().querySelector('video').ended")
        entry["media"] = media_state(page)
        page.screenshot(path=str(shots / f"{name}.png"))
        if section["videos"][0].get("data-loop") == "true":
            entry["wrapped"] = _loop_wraps(page)
        else:
            entry["held"] = _holds_last_frame(page, shots, name)
    else:
        time.sleep(0.6)  # the fade between slides
        page.screenshot(path=str(shots / f"{name}.png"))
    return entry


@pytest.fixture(scope="module")
def visit(built, shots):
    """Open the deck, visit every slide in order, then try the narration and subtitle keys."""
    sections = deck_sections(built.deck)
    with open_deck(built.deck / "index.html") as (page, log):
        assert page.evaluate("() => Reveal.getTotalSlides()") == len(sections)
        slides = [_visit(page, shots, i, s) for i, s in enumerate(sections)]
        beat = next(i for i, s in enumerate(sections) if s["audio"])
        page.evaluate("i => Reveal.slide(i)", beat)
        before = wait_for(page, NARRATION.replace("MUTED", "true"), timeout=15)
        page.keyboard.press("m")  # a key press: the user's gesture browsers want before sound
        after = media_state(page, "audio")
        sound = page.evaluate("() => [deck.state().sound, document.getElementById('sound').textContent]")
        page.evaluate("() => Reveal.next()")  # leave and come back: the narration starts again, now heard
        time.sleep(0.3)
        page.evaluate("() => Reveal.prev()")
        heard = wait_for(page, NARRATION.replace("MUTED", "false"), timeout=15)
        page.keyboard.press("c")
        captions = page.evaluate("() => [...document.querySelectorAll('video.clip')].flatMap(v => "
                                 "[...v.textTracks].map(t => t.mode))")
        page.screenshot(path=str(shots / "narration-on.png"))
        return {"slides": slides, "log": log, "before": before, "after": after, "heard": heard, "sound": sound,
                "captions": captions, "sections": sections}


def test_every_slide_shows_with_notes(visit):
    for i, s in enumerate(visit["slides"]):
        assert s["shown"], f"slide {i} not shown"
        assert s["notes"] and s["notes"].strip(), f"slide {i} has no speaker notes"


def test_every_video_loads_and_plays(visit):
    videos = [s for s in visit["slides"] if s["videos"]]
    assert len(videos) == 12  # 7 opening clips, 4 beats, 1 custom clip
    for s in videos:
        assert s["t0"], f"{s['videos'][0]['data-src']} never played"
        assert s["t1"] > s["t0"] or s["ended_early"], f"{s['videos'][0]['data-src']}: time stood still"
        [video] = [m for m in s["media"] if m["tag"] == "VIDEO"]
        assert video["error"] is None and video["width"] > 0 and video["muted"]


def test_loops_where_marked_and_holds_the_last_frame_elsewhere(visit):
    loops = [s for s in visit["slides"] if s["videos"] and s["videos"][0].get("data-loop") == "true"]
    once = [s for s in visit["slides"] if s["videos"] and s["videos"][0].get("data-loop") == "false"]
    assert len(loops) == 9 and len(once) == 3  # 7 opening clips, the loopable beat, the custom clip; 3 beats
    for s in loops:
        assert s["wrapped"], f"{s['videos'][0]['data-src']} did not loop"
    for s in once:
        held = s["held"]
        assert held, f"{s['videos'][0]['data-src']} never ended"
        assert held["paused"] and held["t"] == pytest.approx(held["d"], abs=0.1) and held["later"] == held["t"]


def test_subtitles_are_a_text_track(visit):
    spoken = [s for s in visit["slides"] if s["videos"] and any(m.get("cues") for m in s.get("media", []))]
    assert len(spoken) == 3
    for s in spoken:
        video = next(m for m in s["media"] if m["tag"] == "VIDEO")
        assert video["mode"] == "showing" and video["cues"] >= 1
    assert visit["captions"] and set(visit["captions"]) == {"hidden"}  # after pressing C


def test_narration_is_muted_until_the_presenter_unmutes(visit):
    assert visit["before"] and visit["before"]["muted"] is True    # it plays along, silently, on its own
    [after] = visit["after"]
    assert after["muted"] is False and after["error"] is None      # M turns it on
    assert visit["sound"] == [True, "narration on (M)"]
    assert visit["heard"] and visit["heard"]["muted"] is False     # and the next time it plays, it is heard


def test_no_console_errors_and_no_network(visit):
    assert visit["log"].errors == []
    outside = [u for u in visit["log"].requests if not u.startswith(("file://", "data:"))]
    assert outside == []
    assert any(u.endswith(".mp4") for u in visit["log"].requests)
