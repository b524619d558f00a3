"""The built deck's files: slide order, beat clips cut at the recorded boundaries, loops, narration, reveal.js."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from pipeline_helpers import ffprobe
from scenes.slides.vendor import REVEAL_FILES, REVEAL_VERSION, reveal_dir
from slides_helpers import changed, deck_sections, frame_at, run_slides

BEATS = ["appear", "turn", "move right", "final picture"]


def _beats(built) -> list[dict]:
    return json.loads((built.media / "chapters" / "01_TinyBeats.beats.json").read_text())["beats"]


def _video_seconds(path) -> float:
    return float(next(s for s in ffprobe(path)["streams"] if s["codec_type"] == "video")["duration"])


def test_slide_order(built):
    kinds = [s["kind"] for s in deck_sections(built.deck)]
    assert kinds == ["deck", "text", *["proscons"] * 6, "text", "chapter", *["beat"] * 4, "clip"]
    titles = [s["title"] for s in deck_sections(built.deck) if s["kind"] == "beat"]
    assert titles == [f"1. Tiny beats: {b}" for b in BEATS]


def test_loop_flags_follow_the_scene(built):
    loops = {s["title"]: [v.get("data-loop") for v in s["videos"]] for s in deck_sections(built.deck)}
    assert [loops[f"1. Tiny beats: {b}"] for b in BEATS] == [["false"], ["true"], ["false"], ["false"]]
    assert all(v == ["true"] for t, v in loops.items() if not t.startswith("1. ") and v)
    recorded = {b["name"]: b["loop"] for b in _beats(built)}
    assert recorded["turn"] is True and recorded["appear"] is False


def test_beat_clips_are_cut_at_the_recorded_boundaries(built):
    chapter = built.media / "chapters" / "01_TinyBeats.mp4"
    fps, off_by_one_checked = 15, 0
    for i, beat in enumerate([b for b in _beats(built) if b["name"] != "title"], 1):
        clip = built.deck / "clips" / f"01-{i:02d}-{beat['name'].replace(' ', '-')}.mp4"
        assert clip.is_file(), clip
        frames = int(next(s for s in ffprobe(clip)["streams"] if s["codec_type"] == "video")["nb_frames"])
        assert frames == round(beat["end"] * fps) - round(beat["start"] * fps), beat["name"]
        assert not [s for s in ffprobe(clip)["streams"] if s["codec_type"] == "audio"], "clips are silent"
        first = frame_at(clip, 0.0)
        at = frame_at(chapter, beat["start"] - 0.5 / fps)
        assert changed(first, at) < 0.001, beat["name"]
        before = frame_at(chapter, beat["start"] - 1.5 / fps)
        if changed(before, at) > 1e-4:  # where the picture changes at the boundary: not a frame early
            assert changed(first, at) < changed(first, before) / 10, beat["name"]
            off_by_one_checked += 1
    assert off_by_one_checked >= 2


def test_the_loop_beat_ends_where_it_starts(built):
    clip = built.deck / "clips" / "01-02-turn.mp4"
    seconds = _video_seconds(clip)
    first, last = frame_at(clip, 0.0), frame_at(clip, seconds - 1.5 / 15)
    middle = frame_at(clip, seconds * 0.3)
    after = frame_at(built.media / "chapters" / "01_TinyBeats.mp4", _beats(built)[2]["end"] - 0.5 / 15)
    assert changed(after, first) < 0.001     # what follows the last frame in the chapter is the first again
    assert changed(first, middle) > 0.01     # and it did move in between
    assert changed(last, first) < changed(middle, first)


def _mean_volume(path) -> float:
    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "volumedetect",
                          "-f", "null", "-"], capture_output=True, text=True).stderr
    return float(re.search(r"mean_volume: (-?[\d.]+) dB", err).group(1))


def test_narration_per_beat(built):
    sections = [s for s in deck_sections(built.deck) if s["kind"] == "beat"]
    beats = [b for b in _beats(built) if b["name"] != "title"]
    assert [bool(s["audio"]) for s in sections] == [bool(b["narration"]) for b in beats] == [True] * 3 + [False]
    for s, beat in zip(sections[:3], beats):
        [audio] = s["audio"]
        path = built.deck / audio["data-src"]
        assert "muted" in audio and "data-autoplay" in audio
        assert _video_seconds(built.deck / s["videos"][0]["data-src"]) == pytest.approx(
            float(ffprobe(path)["format"]["duration"]), abs=0.15)
        assert _mean_volume(path) > -45.0, f"{path.name} is silent"


def test_subtitles_and_notes(built):
    html = (built.deck / "index.html").read_text()
    assert html.count('<track kind="subtitles"') == 3  # the three spoken beats
    notes = re.findall(r'<aside class="notes">([^<]*)</aside>', html)
    assert len(notes) == len(deck_sections(built.deck)) and all(n.strip() for n in notes)
    assert "A square turns a quarter." in notes
    vtt = (built.deck / "clips" / "01-02-turn.vtt").read_text()
    assert vtt.startswith("WEBVTT") and "A square turns a quarter." in vtt


def test_reveal_is_vendored(built):
    assert "MIT" in (built.deck / "reveal" / "LICENSE").read_text()
    for name in REVEAL_FILES:
        assert (built.deck / "reveal" / name.removeprefix("dist/")).stat().st_size > 0
    assert f"reveal.js {REVEAL_VERSION}" in (built.deck / "index.html").read_text()
    package = reveal_dir()
    assert json.loads((package / "package.json").read_text())["version"] == REVEAL_VERSION
    assert (built.deck / "reveal" / "reveal.js").read_bytes() == (package / "dist" / "reveal.js").read_bytes()


def test_command_output(built):
    out = built.proc.stdout.split()
    assert out == [str(built.deck / "index.html"), str(built.pptx)]
    assert re.search(r"\d+ slides, [\d.]+ MB, in [\d.]+ s", built.proc.stderr)
    assert not [p for p in built.root.iterdir() if ".part" in p.name or ".old" in p.name]


def test_rebuild_replaces_the_deck_and_a_title_only_chapter_is_one_slide(built, tmp_path):
    """An old chapter records only its title beat: one slide with the whole chapter."""
    media = tmp_path / "media"
    shutil.copytree(built.media / "chapters", media / "chapters")
    beats = media / "chapters" / "01_TinyBeats.beats.json"
    data = json.loads(beats.read_text())
    data["beats"] = data["beats"][:1]
    beats.write_text(json.dumps(data))
    deck = tmp_path / "deck"
    shutil.copytree(built.deck, deck)
    scene = built.root / "tiny_scene.py"
    proc = run_slides(f"{scene}:TinyBeats", "-o", deck, "--quality", "low", "--no-intro", "--media-dir", media)
    assert proc.returncode == 0, proc.stderr
    sections = deck_sections(deck)
    assert [s["kind"] for s in sections] == ["deck", "chapter", "beat"]
    whole = deck / sections[2]["videos"][0]["data-src"]
    assert _video_seconds(whole) == pytest.approx(_video_seconds(media / "chapters" / "01_TinyBeats.mp4"), abs=0.1)
    assert not (deck / "clips" / "01-02-turn.mp4").exists()  # the old deck is gone, not merged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck", "media"]
