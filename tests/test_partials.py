"""A render killed while manim writes an animation's clip leaves that clip cut short under its cached
name; manim would reuse it and every later render of the chapter would fail when joining the clips.
The pipeline deletes such clips before it renders."""

from __future__ import annotations

import shutil
from pathlib import Path

import av
import numpy as np

from scenes.pipeline.parts import Part
from scenes.pipeline.render import drop_broken_partials, mp4_complete


def _clip(path: Path, frames: int = 12) -> Path:
    """A small H.264 clip written with PyAV, as manim writes its partial movie files."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(frames):
            img = np.full((48, 64, 3), 20 * i % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _cut(src: Path, dst: Path, keep: float) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


def test_a_whole_clip_is_complete_and_a_cut_one_is_not(tmp_path):
    whole = _clip(tmp_path / "whole.mp4")
    assert mp4_complete(whole)
    for keep in (0.2, 0.6, 0.97):
        cut = _cut(whole, tmp_path / f"cut{keep}.mp4", keep)
        assert not mp4_complete(cut), keep
        with av.open(str(whole)) as c:       # the whole clip really decodes
            assert sum(1 for _ in c.decode(video=0)) == 12
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    assert not mp4_complete(empty)
    assert not mp4_complete(tmp_path / "missing.mp4")


def test_broken_partials_of_the_part_are_deleted_and_the_rest_kept(tmp_path):
    part = Part(3, Path("scenes/ch03_learning_rate.py"), "LearningRate", "The learning rate")
    folder = tmp_path / "videos" / "ch03_learning_rate" / "480p15" / "partial_movie_files" / "LearningRate"
    other = tmp_path / "videos" / "ch03_learning_rate" / "480p15" / "partial_movie_files" / "OtherScene"
    folder.mkdir(parents=True)
    other.mkdir(parents=True)
    good = _clip(folder / "aaaa.mp4")
    bad = _cut(good, folder / "bbbb.mp4", 0.5)
    elsewhere = shutil.copy(bad, other / "cccc.mp4")      # another scene's clips are not this render's
    assert drop_broken_partials(tmp_path, part) == [bad]
    assert good.exists() and not bad.exists() and Path(elsewhere).exists()
    assert drop_broken_partials(tmp_path, part) == []
