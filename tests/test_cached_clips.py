"""A chapter rendered again into the folder of an earlier render (``--force``, or after an edit) gets many of its
animations from manim's cache of partial movie files. manim's clock then advanced by each cached play's run time,
while a fresh render advances it by the frames it writes (a play's last frame rounded up): the voice-over lines,
their subtitles and every wait timed to the voice came out at other times, and the chapter longer (measured: ch07
1342 frames against 1331 fresh, its voice running ahead of the picture). ExplainerScene counts a cached clip's
frames as a fresh render would, so a re-render is the fresh render, frame for frame and cue for cue."""

from __future__ import annotations

import hashlib
import re

import av

from pipeline_helpers import run_scenes

SCENE = '''
from manim import LEFT, Circle, Create, FadeIn, Square, Triangle
from scenes.scene import ExplainerScene


class Clocked(ExplainerScene):
    chapter = 1
    title = "Clocked"

    def construct(self):
        self.play_beats(self.shapes, self.talk)
        self.wait(0.3)

    def shapes(self):
        # plays whose run time is not a whole number of frames (0.14 s = 2.1 frames at 15 fps)
        for shape in (Square(), Circle(), Triangle()):
            self.play(FadeIn(shape), run_time=0.14)

    def talk(self):
        with self.voiceover(text="A square, a circle and a triangle.") as tracker:
            self.until(tracker, 0.5)
            self.play(Create(Square().shift(2 * LEFT)), run_time=0.23)
        with self.voiceover(text="Then a wait."):
            self.wait(0.37)
'''


def _render(media, spec, *flags):
    proc = run_scenes("render", spec, "--quality", "low", "--voice", "flite:slt", "--media-dir", media,
                      *flags, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return media / "chapters" / "01_Clocked.mp4"


def _frames(path) -> list[str]:
    with av.open(str(path)) as c:
        return [hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest() for f in c.decode(video=0)]


def _cue_times(srt) -> list[str]:
    return re.findall(r"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d", srt.read_text())


def test_a_render_from_cached_clips_is_the_fresh_render(tmp_path):
    scene = tmp_path / "clocked.py"
    scene.write_text(SCENE)
    spec = f"{scene}:Clocked"
    fresh = _render(tmp_path / "media", spec)
    fresh_frames, fresh_cues = _frames(fresh), _cue_times(fresh.with_suffix(".srt"))
    fresh_beats = fresh.with_suffix(".beats.json").read_text()

    again = _render(tmp_path / "media", spec, "--force")
    log = (tmp_path / "media" / "logs" / "01_Clocked.log").read_text()
    assert log.count("Using cached") >= 5  # the test is about cached plays: most of them are
    assert _frames(again) == fresh_frames
    assert _cue_times(again.with_suffix(".srt")) == fresh_cues
    assert again.with_suffix(".beats.json").read_text() == fresh_beats
