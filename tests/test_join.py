"""The joined explainer: every chapter in order, audio over its whole length, soft and sidecar subtitles."""

from __future__ import annotations

import pytest

from pipeline_helpers import ffprobe, run_scenes
from scenes.pipeline.join import ffmetadata, joined_cues
from scenes.pipeline.media import Cue, read_srt, write_srt
from scenes.pipeline.parts import resolve_parts


def _parts(media):
    parts = resolve_parts(None)
    return parts, [media / "chapters" / f"{p.stem}.mp4" for p in parts]


def _duration(info, kind):
    return float(next(s for s in info["streams"] if s["codec_type"] == kind)["duration"])


def _check_joined(media, parts, mp4s):
    joined = media / "optimizers_explained.mp4"
    info = ffprobe(joined)
    video = _duration(info, "video")
    durations = [_duration(ffprobe(p), "video") for p in mp4s]
    assert video == pytest.approx(sum(durations), abs=0.5)

    chapters = info["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [p.chapter_title for p in parts]
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == sorted(starts)
    expected, t = [], 0.0
    for d in durations:
        expected.append(t)
        t += d
    assert starts == pytest.approx(expected, abs=0.1)

    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert len(audio) == 1 and audio[0]["codec_name"] == "aac"
    assert float(audio[0]["duration"]) == pytest.approx(video, abs=0.5)

    cues = read_srt(media / "optimizers_explained.srt")
    part_cues = [read_srt(p.with_suffix(".srt")) for p in mp4s]
    assert len(cues) == sum(map(len, part_cues))
    if cues:
        subs = [s for s in info["streams"] if s["codec_type"] == "subtitle"]
        assert subs and subs[0]["codec_name"] == "mov_text"
        assert cues[-1].end <= video + 1e-3
        assert [c.start for c in cues] == sorted(c.start for c in cues)
    return info, cues, durations


def test_joined_explainer(rendered):
    parts, mp4s = _parts(rendered)
    _, cues, durations = _check_joined(rendered, parts, mp4s)
    assert cues, "the joined video has no subtitles"
    # the first cue of each chapter is shifted by the chapter's start
    offset = 0.0
    for p, d in zip(mp4s, durations):
        own = read_srt(p.with_suffix(".srt"))
        if own:
            shifted = [c for c in cues if offset <= c.start < offset + d]
            assert shifted[0].start == pytest.approx(own[0].start + offset, abs=0.002)
            assert len(shifted) == len(own)
        offset += d


def test_joined_audio_is_not_silent_throughout(rendered):
    import subprocess

    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-i", str(rendered / "optimizers_explained.mp4"),
                          "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    mean = float(out.split("mean_volume:")[1].split("dB")[0])
    assert mean > -60.0


DUMMY = '''
from manim import Scene, Square, Circle, Create
from scenes.scene import ExplainerScene


class QuietFirst(Scene):
    chapter = 1
    title = "Quiet first"

    def construct(self):
        self.play(Create(Square()), run_time=1.0)
        self.wait(0.5)


class SpokenSecond(ExplainerScene):
    chapter = 2
    title = "Spoken second"

    def construct(self):
        self.wait(1.0)
        with self.voiceover(text="A circle.") as tracker:
            self.play(Create(Circle()), run_time=tracker.duration)
        self.wait(0.5)
'''


def _speech_onset(mp4) -> float:
    """Time at which the audio first rises above -50 dB (after at least 0.3 s of silence)."""
    import subprocess

    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-i", str(mp4), "-map", "0:a",
                          "-af", "silencedetect=n=-50dB:d=0.3", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    return float(err.split("silence_end:")[1].split("|")[0])


def test_join_keeps_audio_when_first_part_is_silent(tmp_path):
    """concat with -c copy drops the audio when the first part has none; every part gets a track."""
    scene = tmp_path / "dummy_join.py"
    scene.write_text(DUMMY)
    media = tmp_path / "media"
    proc = run_scenes("render", f"{scene}:QuietFirst", f"{scene}:SpokenSecond", "--join",
                      "--quality", "low", "--voice", "flite", "--media-dir", media, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    parts = resolve_parts([f"{scene}:QuietFirst", f"{scene}:SpokenSecond"])
    mp4s = [media / "chapters" / f"{p.stem}.mp4" for p in parts]
    assert [m.name for m in mp4s] == ["01_QuietFirst.mp4", "02_SpokenSecond.mp4"]
    for m in mp4s:
        info = ffprobe(m)
        assert _duration(info, "audio") == pytest.approx(_duration(info, "video"), abs=0.1)
    info, cues, durations = _check_joined(media, parts, mp4s)
    assert len(cues) == 1 and cues[0].start >= durations[0] - 1e-3
    assert [c["tags"]["title"] for c in info["chapters"]] == ["1. Quiet first", "2. Spoken second"]
    # narration stays in sync across the join (to a few milliseconds, not an AAC frame per join)
    joined = media / "optimizers_explained.mp4"
    assert _speech_onset(joined) == pytest.approx(_speech_onset(mp4s[1]) + durations[0], abs=0.01)


def test_ffmetadata_chapters():
    text = ffmetadata(["1. A; b", "2. C=d"], [1.5, 2.25], "T")
    assert text.startswith(";FFMETADATA1\n")
    assert "START=0\nEND=1500\ntitle=1. A\\; b" in text
    assert "START=1500\nEND=3750\ntitle=2. C\\=d" in text


def test_joined_cues_are_shifted(tmp_path):
    a, b = tmp_path / "a.srt", tmp_path / "b.srt"
    write_srt(a, [Cue(0.5, 1.0, "one"), Cue(1.2, 3.0, "two")])
    write_srt(b, [Cue(0.25, 0.75, "three")])
    cues = joined_cues([a, b], [2.0, 1.0])
    # a cue running past its part's end is cut at the join
    assert cues == [Cue(0.5, 1.0, "one"), Cue(1.2, 2.0, "two"), Cue(2.25, 2.75, "three")]
    write_srt(tmp_path / "j.srt", cues)
    assert read_srt(tmp_path / "j.srt") == cues


def test_short_cues_are_lengthened_into_the_silence_after_them():
    from scenes.pipeline.media import readable_cues

    cues = [Cue(0.0, 0.4, "Run on."), Cue(0.6, 2.0, "Every step adds up."), Cue(3.0, 3.3, "Look."),
            Cue(5.0, 5.2, "End.")]
    out = readable_cues(cues, duration=5.5)
    assert [c.text for c in out] == [c.text for c in cues]
    assert out[0].end == pytest.approx(0.55)        # up to the next cue, less a small gap
    assert out[1].end == 2.0                         # long enough already: unchanged
    assert out[2].end == pytest.approx(4.0)         # a full second of silence after it
    assert out[3].end == pytest.approx(5.5)         # never past the end of the video
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))
