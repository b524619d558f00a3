"""``python -m scenes sheets``: contact sheets with each frame's time and the subtitle said then."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from PIL import Image

from pipeline_helpers import run_scenes
from scenes.pipeline.parts import resolve_parts
from scenes.pipeline.render import chapter_paths
from scenes.pipeline.sheets import GRID, STRIP, TILE_WIDTH

FPS, SECONDS = 10, 9
CUE = "1\n00:00:00,000 --> 00:00:04,500\nHELLO THERE, A SUBTITLE\n\n"


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    """A 9 s blue 640x360 video at 10 fps, with one subtitle cue over its first 4.5 s."""
    folder = tmp_path_factory.mktemp("video")
    mp4 = folder / "clip.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c=0x1030a0:size=640x360:rate={FPS}:duration={SECONDS}",
                    "-pix_fmt", "yuv420p", str(mp4)], check=True)
    mp4.with_suffix(".srt").write_text(CUE)
    return mp4


def _one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in proc.stderr


def _bright(region) -> int:
    return int((region.min(axis=2) > 200).sum())  # near-white pixels (text)


def test_sheet_tiles_carry_time_and_the_subtitle_said_then(video, tmp_path):
    out = tmp_path / "sheets"
    proc = run_scenes("sheets", video, "-o", out, "--every", "2", "--stills")
    assert proc.returncode == 0, proc.stderr
    folder = out / "clip"
    # a frame every 2 s, named by its own time, at full size
    stills = sorted(p.name for p in folder.glob("t*.png"))
    assert stills == [f"t{t:07.2f}s.png" for t in (0, 2, 4, 6, 8)]
    assert Image.open(folder / stills[0]).size == (640, 360)
    sheets = sorted(folder.glob("sheet_*.png"))
    assert [p.name for p in sheets] == ["sheet_01.png"]  # 5 frames fit on one 4 x 4 sheet
    img = np.asarray(Image.open(sheets[0]).convert("RGB")).astype(int)
    tile_h = TILE_WIDTH * 360 // 640
    strip = round(tile_h * STRIP / 2) * 2
    assert img.shape[:2] == (GRID[1] * (tile_h + strip) + 3 * 4, GRID[0] * TILE_WIDTH + 3 * 4)

    def tile(k):
        x0, y0 = (k % GRID[0]) * (TILE_WIDTH + 4), (k // GRID[0]) * (tile_h + strip + 4)
        return img[y0:y0 + tile_h + strip, x0:x0 + TILE_WIDTH]

    for k, t in enumerate((0, 2, 4, 6, 8)):
        picture, under = tile(k)[:tile_h], tile(k)[tile_h:]
        assert _bright(picture[:30, :140]) > 50, f"no time stamp on the tile at {t} s"
        assert _bright(picture[40:]) == 0, f"the picture at {t} s is covered"
        said = _bright(under)
        assert (said > 100) if t < 4.5 else (said == 0), (t, said)  # the cue is under its own frames only


def test_a_failed_run_leaves_the_old_sheets(video, tmp_path):
    out = tmp_path / "sheets"
    assert run_scenes("sheets", video, "-o", out).returncode == 0
    before = sorted(p.name for p in (out / "clip").iterdir())
    broken = tmp_path / "clip.mp4"
    broken.write_text("not a video")
    _one_line_error(run_scenes("sheets", broken, "-o", out), "clip.mp4")
    assert sorted(p.name for p in (out / "clip").iterdir()) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no half-made folder left


def test_chapters_are_found_in_the_media_folder(video, tmp_path):
    media = tmp_path / "media"
    part = resolve_parts(["3"])[0]
    mp4, srt = chapter_paths(media, part)
    mp4.parent.mkdir(parents=True)
    mp4.write_bytes(video.read_bytes())
    srt.write_text(CUE)
    proc = run_scenes("sheets", "--media-dir", media, "--every", "3")
    assert proc.returncode == 0, proc.stderr
    assert (media / "sheets" / part.stem / "sheet_01.png").is_file()
    assert "3 frames" in proc.stdout  # 0, 3, 6 s


def test_user_mistakes_are_one_line(video, tmp_path):
    _one_line_error(run_scenes("sheets", video, "--every", "0"), "--every", "positive")
    _one_line_error(run_scenes("sheets", tmp_path / "nope.mp4"), "nope.mp4")
    _one_line_error(run_scenes("sheets", "3", "--media-dir", tmp_path), "has not been rendered", "render 3")
    _one_line_error(run_scenes("sheets", "--media-dir", tmp_path), "no chapter")
