"""The video's shared grammar, checked on what every rendered chapter actually showed.

The ``rendered`` fixture renders each chapter with ``$OPTIM_AUDIT`` set: every play records the
texts on screen (content, capital height in 1080p pixels), the colours of the runs shown
together, and every voice-over block the numbers it says (``scenes.scene.ExplainerScene``).
These tests read those records:

- type floor: no text on screen below ``FLOOR_PX`` (tick labels and sub/superscripts included);
- notation: every formula uses only the symbols of ``scenes.kit.notation``;
- colour: runs on one picture differ by CIEDE2000 >= 25 (>= 12 under simulated colour blindness);
- numbers as events: every number a voice-over block says is on screen during that block;
- beats: each chapter records its beats for slides, in order, covering the video;
- final caption: every chapter's last picture names what was run (optimizer / settings / landscape).
"""

from __future__ import annotations

import json

import pytest

from scenes import registry
from scenes.kit.colour import MIN_DELTA_E, MIN_DELTA_E_CVD, pair_differences
from scenes.kit.notation import check_tex
from scenes.kit.typeset import FLOOR_PX
from scenes.pipeline.parts import class_attrs

#: the chapters re-staged on the grammar (``on_grammar = True`` on the scene class); the others
#: still show the first draft's staging and are not held to these rules yet
CHAPTERS = [c for c in registry.chapters() if class_attrs(c.path, c.scene).get("on_grammar")]
IDS = [c.scene for c in CHAPTERS]


@pytest.fixture(params=CHAPTERS, ids=IDS)
def audit(request, rendered):
    path = rendered / "audit" / f"{request.param.scene}.json"
    assert path.is_file(), f"{path} was not written"
    return json.loads(path.read_text())


def _texts(audit):
    for play in audit["plays"]:
        for t in play["texts"]:
            yield play["time"], t


def test_type_floor(audit):
    small = {(t["kind"], t["text"], t["script_px"]) for _, t in _texts(audit)
             if t["script_px"] is not None and t["script_px"] < FLOOR_PX}
    assert not small, f"text below the {FLOOR_PX:.0f} px floor: {sorted(small)[:8]}"


def test_notation(audit):
    bad = {}
    for _, t in _texts(audit):
        if t["kind"] in ("MathTex", "Tex", "SingleStringMathTex", "MathTexPart"):
            unknown = check_tex(t["text"])
            if unknown:
                bad[t["text"]] = unknown
    assert not bad, f"formulas outside the notation table: {dict(list(bad.items())[:6])}"


def test_runs_shown_together_are_distinct(audit):
    bad = set()
    for play in audit["plays"]:
        for (a, b), vision, d in pair_differences(play["runs"]):
            if d < (MIN_DELTA_E if vision == "normal" else MIN_DELTA_E_CVD):
                bad.add((a, b, vision, round(d, 1)))
    assert not bad, f"runs shown together too close in colour: {sorted(bad)}"


def test_numbers_said_are_on_screen(audit):
    missing = [(b["text"][:60], b["missing"]) for b in audit["blocks"] if b["missing"]]
    assert not missing, f"numbers said but not shown: {missing}"


def test_final_hold_has_its_caption(audit):
    """The corner caption appears on the final hold only; a frame used as a slide stands on its own."""
    words = " ".join(audit.get("final_caption") or [])
    assert words.strip(), f"{audit['scene']} ends without its caption (final_hold(caption))"
    assert any(c.isdigit() for c in words), f"the final caption gives no setting (no number): {words!r}"


def test_beats_cover_the_chapter(rendered):
    from scenes.pipeline.media import duration, probe

    for chapter in CHAPTERS:
        stem = rendered / "chapters" / f"{chapter.number:02d}_{chapter.scene}"
        data = json.loads(stem.with_suffix(".beats.json").read_text())
        beats = data["beats"]
        assert beats[0]["name"] == "title" and beats[-1]["name"] == "final picture"
        assert all(b["end"] > b["start"] for b in beats)
        assert all(a["end"] <= b["start"] + 1e-6 for a, b in zip(beats, beats[1:]))
        assert beats[-1]["end"] <= duration(probe(stem.with_suffix(".mp4")), "video") + 0.1
        assert sum(len(b["narration"]) for b in beats) > 3


def test_whole_video_is_12_to_18_minutes(rendered):
    """The explainer's length: every chapter's rendered video, summed (the join adds no time)."""
    from scenes.pipeline.media import duration, probe

    total = 0.0
    for chapter in registry.chapters():
        mp4 = rendered / "chapters" / f"{chapter.number:02d}_{chapter.scene}.mp4"
        total += duration(probe(mp4), "video")
    assert 12 * 60 <= total <= 18 * 60, f"the whole video runs {total / 60:.1f} min (12 to 18 allowed)"

