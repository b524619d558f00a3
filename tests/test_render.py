"""Every chapter renders at low quality; its video and subtitles are checked by metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_helpers import ffprobe
from scenes import registry
from scenes.pipeline.media import read_srt
from scenes.pipeline.parts import resolve_parts

CHAPTERS = registry.chapters()
IDS = [c.scene for c in CHAPTERS]


def _outputs(media, chapter):
    part = resolve_parts([chapter.scene])[0]
    base = media / "chapters" / part.stem
    return base.with_suffix(".mp4"), base.with_suffix(".srt")


@pytest.fixture(params=CHAPTERS, ids=IDS)
def chapter_output(request, rendered):
    mp4, srt = _outputs(rendered, request.param)
    assert mp4.is_file(), f"{mp4} was not written"
    assert srt.is_file(), f"{srt} was not written"
    return request.param, ffprobe(mp4), read_srt(srt)


def _stream(info, kind):
    streams = [s for s in info["streams"] if s["codec_type"] == kind]
    assert streams, f"no {kind} stream"
    return streams[0]


def test_frame_size_and_length(chapter_output):
    _, info, _ = chapter_output
    video = _stream(info, "video")
    assert (video["width"], video["height"]) == (854, 480)
    assert float(video["duration"]) > 20.0


def test_audio_covers_video(chapter_output):
    _, info, _ = chapter_output
    v = float(_stream(info, "video")["duration"])
    audio = _stream(info, "audio")
    assert audio["codec_name"] == "aac"
    assert float(audio["duration"]) == pytest.approx(v, abs=0.5)


def test_subtitles(chapter_output):
    _, info, cues = chapter_output
    assert cues, "the .srt has no cues"
    assert all(c.text.strip() for c in cues)
    assert all(c.end > c.start >= 0 for c in cues)
    assert cues[-1].end <= float(_stream(info, "video")["duration"]) + 1e-3


def test_subtitles_are_readable(chapter_output):
    """Cues stay up long enough to read: at least 0.8 s, at most ~20 characters a second, two lines' worth."""
    _, _, cues = chapter_output
    for c in cues:
        seconds = c.end - c.start
        assert seconds >= 0.8, f"cue shown for {seconds:.2f} s: {c.text!r}"
        assert len(c.text) / seconds <= 20.0, f"cue too fast to read ({len(c.text) / seconds:.1f} chars/s): {c.text!r}"
        assert len(c.text) <= 90, f"cue too long for two lines: {c.text!r}"


def test_no_temporary_files_left(rendered):
    leftovers = [p for p in rendered.rglob(".*part-*")]
    assert not leftovers


def test_each_scene_has_its_own_tex_folder(rendered):
    """Parallel renders must not share LaTeX's scratch folder (one's clean-up deletes another's .dvi)."""
    tex = rendered / "Tex"
    assert not list(tex.glob("*.tex")), "a .tex file was written to the shared folder"
    folders = {p.name for p in tex.iterdir() if p.is_dir()}
    assert folders and folders <= {c.scene for c in CHAPTERS}


def _decoded_frames(mp4):
    """Every decoded picture of the video stream, as bytes of its planes (the encoder's exact output)."""
    import av

    with av.open(str(mp4)) as container:
        for frame in container.decode(video=0):
            yield b"".join(bytes(p) for p in frame.planes)


def test_manim_gets_the_repeatable_encoder_options(tmp_path):
    """Each part's config file gives manim its own LaTeX folder and the x264 options that make a video's
    bytes a function of its frames (with x264's defaults ch02 and ch08 encoded the same frames differently
    from run to run, so stock and shortcut renders differed though every frame was equal)."""
    from manim._config.utils import ManimConfig, make_config_parser

    import configparser

    from scenes.pipeline.render import part_config

    cfg = tmp_path / "part.cfg"
    cfg.write_text(part_config("SomeScene", tmp_path))
    config = ManimConfig().digest_parser(make_config_parser(cfg))
    project = configparser.ConfigParser()
    project.read(Path(__file__).parents[1] / "manim.cfg")  # the preset the project chose, read independently
    preset = project.get("video_encoder.options", "preset")
    assert config.video_encoder_options == {"preset": preset, "threads": "1", "x264-params": "mbtree=0"}
    assert Path(config.tex_dir) == tmp_path.resolve() / "Tex" / "SomeScene"


def test_videos_carry_the_repeatable_encoder_options(rendered):
    """x264 writes its settings into the stream: every chapter was encoded with one thread, no MB-tree."""
    import re

    for chapter in CHAPTERS:
        mp4, _ = _outputs(rendered, chapter)
        found = re.search(rb"x264 - core .*? options: ([^\x00]*)", mp4.read_bytes())
        assert found, f"{mp4.name}: no x264 settings in the stream"
        options = found.group(1).decode().split()
        assert "threads=1" in options and "mbtree=0" in options, (mp4.name, options)
        # manim.cfg's preset is veryfast, which x264 records as one reference frame (medium uses 3)
        assert "ref=1" in options, (mp4.name, options)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_render_shortcuts_give_stock_frames(chapter, rendered, rendered_stock):
    """Every chapter, rendered with the render shortcuts and with stock manim (OPTIM_SPEEDUPS=0),
    decodes to the same pictures, bit for bit (x264 gives the same bytes for the same frames with the
    pipeline's encoder options, ``scenes.pipeline.render.RENDER_ENCODER_OPTIONS``)."""
    import itertools

    fast, _ = _outputs(rendered, chapter)
    stock, _ = _outputs(rendered_stock, chapter)
    n = 0
    for n, (a, b) in enumerate(itertools.zip_longest(_decoded_frames(fast), _decoded_frames(stock)), start=1):
        assert a is not None and b is not None, f"the videos differ in length (frame {n})"
        assert a == b, f"frame {n - 1} ({(n - 1) / 15:.2f} s) differs from stock manim"
    assert n > 15 * 20


def test_narration_loudness(chapter_output, rendered):
    """Every chapter's narration is at -16 LUFS (within 1 LU) with its true peak at most -1.5 dBTP."""
    from scenes.pipeline.media import LOUDNESS_TARGET, TRUE_PEAK_MAX, measure_loudness

    chapter, _, _ = chapter_output
    mp4, _ = _outputs(rendered, chapter)
    level = measure_loudness(mp4)
    assert abs(level.integrated - LOUDNESS_TARGET) <= 1.0, level
    assert level.true_peak <= TRUE_PEAK_MAX, level


def test_joined_explainer_keeps_the_loudness(rendered):
    from scenes.pipeline.media import LOUDNESS_TARGET, TRUE_PEAK_MAX, measure_loudness

    level = measure_loudness(rendered / "optimizers_explained.mp4")
    assert abs(level.integrated - LOUDNESS_TARGET) <= 1.0, level
    assert level.true_peak <= TRUE_PEAK_MAX, level
