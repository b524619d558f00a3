"""Rendered clips: every format and aspect checked by metadata, the transparent mov, the loop seam, atomic output.

Kept fast: low quality, a dozen steps, half-second runs.
"""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest

from clip_test_helpers import EXAMPLES, frame_difference, read_video, run_clip, write_spec
from scenes.clip.render import pixel_size, render_clip
from scenes.clip.scene import FINAL_HOLD, INTRO_HOLD, LOOP_HOLD, LOOP_TAIL
from scenes.clip.spec import parse_spec

DURATION = 0.6  # seconds the runs take to draw
FPS = 15  # low quality


def quick_spec(view="map", aspect="16:9", fmt="mp4", loop=False, loss_chart=False, landscape=None, starts=None,
               optimizers=None, steps=12):
    return parse_spec({
        "landscape": landscape or {"name": "himmelblau"},
        "optimizer": optimizers or [{"name": "adam", "lr": 0.1}, {"name": "sgd", "lr": 0.01, "momentum": 0.9,
                                                                   "label": "momentum"}],
        "run": {"start": starts or [-0.5, -0.5], "steps": steps},
        "video": {"view": view, "aspect": aspect, "format": fmt, "quality": "low", "loop": loop,
                  "loss_chart": loss_chart, "duration": DURATION},
    })


def expected_seconds(loop: bool) -> float:
    if loop:
        return INTRO_HOLD + DURATION + LOOP_HOLD + max(1.0, 0.3 * DURATION) + LOOP_TAIL
    return INTRO_HOLD + DURATION + FINAL_HOLD


def check_metadata(info, aspect, loop, codec, pix_fmts):
    width, height, fps = pixel_size(aspect, "low")
    assert (info.width, info.height) == (width, height)
    assert info.frames[0].shape[:2] == (height, width)
    assert info.codec == codec
    assert info.pix_fmt in pix_fmts
    assert abs(info.fps - fps) < 0.01
    seconds = expected_seconds(loop)
    assert abs(len(info.frames) - seconds * fps) <= 3, (len(info.frames), seconds * fps)
    assert abs(info.duration - seconds) <= 0.2


def paths_drawn_fraction(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that clearly changed between two frames (paths, counter, chart)."""
    return float((np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).max(-1) > 64).mean())


def test_pixel_sizes():
    assert pixel_size("16:9", "low")[:2] == (854, 480)
    assert pixel_size("9:16", "medium")[:2] == (720, 1280)
    assert pixel_size("1:1", "high") == (1080, 1080, 60)
    assert pixel_size("16:9", "4k") == (3840, 2160, 60)


def test_mp4_wide_map_with_loss_chart(tmp_path):
    out = tmp_path / "wide.mp4"
    spec = quick_spec(aspect="16:9", fmt="mp4", loss_chart=True, starts=[[-0.5, -0.5], [1.0, 1.0]])
    render_clip(spec, out)
    info = read_video(out)
    check_metadata(info, "16:9", False, "h264", {"yuv420p"})
    # the runs were drawn: the last frame is clearly not the first
    assert paths_drawn_fraction(info.frames[0], info.frames[-1]) > 0.005
    assert [p.name for p in tmp_path.iterdir()] == ["wide.mp4"]  # no temporary files left
    # encoded as the chapters are (x264 records its settings in the stream): one thread, no MB-tree, so a
    # clip's bytes depend on its frames alone; veryfast's single reference frame (manim.cfg's preset)
    found = re.search(rb"x264 - core .*? options: ([^\x00]*)", out.read_bytes())
    assert found, "no x264 settings in the stream"
    options = found.group(1).decode().split()
    assert {"threads=1", "mbtree=0", "ref=1"} <= set(options), options


def test_gif_vertical_both_views_loops(tmp_path):
    out = tmp_path / "tall.gif"
    render_clip(quick_spec(view="both", aspect="9:16", fmt="gif", loop=True,
                           landscape={"name": "saddle_valleys"}, starts=[-1.8, 0.001]), out)
    info = read_video(out)
    check_metadata(info, "9:16", True, "gif", {"bgra", "pal8", "rgb8"})
    first, last = info.frames[0], info.frames[-1]
    middle = info.frames[int((INTRO_HOLD + DURATION + 0.5) * FPS)]  # the finished picture, before the rewind
    assert paths_drawn_fraction(first, middle) > 0.003
    assert paths_drawn_fraction(first, last) < 0.0005
    assert frame_difference(first, last) < 0.5


def test_webm_square_surface(tmp_path):
    out = tmp_path / "square.webm"
    render_clip(quick_spec(view="surface", aspect="1:1", fmt="webm", landscape={"name": "saddle_valleys"},
                           starts=[-1.8, 0.5]), out)
    check_metadata(read_video(out), "1:1", False, "vp9", {"yuv420p"})


def test_mov_is_transparent_and_loops_exactly(tmp_path):
    """Through the CLI: a custom formula, mov with alpha, and a seamless loop (qtrle is lossless)."""
    spec = write_spec(tmp_path / "f.toml", f'''
[landscape]
formula = "sin(x) * cos(y) + 0.1 * (x**2 + y**2)"
bounds = [[-4, 4], [-4, 4]]
[[optimizer]]
name = "adam"
lr = 0.2
[run]
start = [-3, 2.5]
steps = 12
[video]
aspect = "16:9"
quality = "low"
loop = true
duration = {DURATION}
''')
    out = tmp_path / "clip.mov"
    proc = run_clip(spec, "-o", out)
    assert proc.returncode == 0, proc.stderr
    info = read_video(out)
    check_metadata(info, "16:9", True, "qtrle", {"argb"})
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=codec_name,pix_fmt", "-of", "csv=p=0", str(out)], capture_output=True, text=True)
    assert probe.stdout.strip() == "qtrle,argb"  # an alpha channel, as ffprobe sees it
    first, last = info.frames[0], info.frames[-1]
    # transparent background, opaque picture
    assert first[2, 2, 3] == 0 and first[-3, -3, 3] == 0
    assert (first[..., 3] == 0).mean() > 0.3
    h, w = first.shape[:2]
    assert first[h // 2, w // 4, 3] == 255  # inside the map
    # the seam: last frame equals the first; the finished picture does not
    middle = info.frames[int((INTRO_HOLD + DURATION + 0.5) * FPS)]
    assert paths_drawn_fraction(first, middle) > 0.0008  # one short path
    assert np.array_equal(first, last)
    # no temporary files; the inputs key beside the clip (a second run with the same spec skips it)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clip.mov.inputs.json", "clip.mov", "f.toml"]


def test_mp4_loop_seam_is_nearly_invisible(tmp_path):
    out = tmp_path / "loop.mp4"
    render_clip(quick_spec(aspect="9:16", fmt="mp4", loop=True, loss_chart=True), out)
    info = read_video(out)
    check_metadata(info, "9:16", True, "h264", {"yuv420p"})
    first, last = info.frames[0], info.frames[-1]
    middle = info.frames[int((INTRO_HOLD + DURATION + 0.5) * FPS)]
    assert paths_drawn_fraction(first, middle) > 0.003
    assert paths_drawn_fraction(first, last) < 0.0005  # only compression noise
    assert frame_difference(first, last) < 2.5


def test_no_output_when_the_render_fails(tmp_path, monkeypatch):
    from scenes.clip import scene as clip_scene

    def broken(self):
        raise RuntimeError("boom half-way")

    monkeypatch.setattr(clip_scene._ClipBase, "finish", broken)
    out = tmp_path / "never.mp4"
    with pytest.raises(RuntimeError, match="boom"):
        render_clip(quick_spec(), out)
    assert list(tmp_path.iterdir()) == []  # neither the output nor the temporary render folder


def test_existing_output_is_replaced_only_when_complete(tmp_path, monkeypatch):
    out = tmp_path / "keep.mp4"
    out.write_bytes(b"old")
    from scenes.clip import scene as clip_scene

    monkeypatch.setattr(clip_scene._ClipBase, "finish", lambda self: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        render_clip(quick_spec(), out)
    assert out.read_bytes() == b"old"


@pytest.mark.parametrize("name,aspect", [("race.toml", "16:9"), ("saddle_vertical.toml", "9:16"),
                                         ("custom_formula.toml", "1:1")])
def test_examples_render(tmp_path, name, aspect):
    out = tmp_path / "example.mp4"
    proc = run_clip(EXAMPLES / name, "-o", out, "--quality", "low", "--steps", "20", "--duration", "0.5", "--no-loop")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote ")
    info = read_video(out)
    assert (info.width, info.height) == pixel_size(aspect, "low")[:2]
    assert abs(len(info.frames) - (INTRO_HOLD + 0.5 + FINAL_HOLD) * FPS) <= 3


@pytest.mark.parametrize("view,aspect", [("map", "16:9"), ("both", "9:16")])
def test_render_shortcuts_give_stock_frames(view, aspect, tmp_path, monkeypatch):
    """A clip rendered with the render shortcuts decodes to the same pictures as with stock manim."""
    import av

    from scenes.kit import speed

    def frames(path):
        with av.open(str(path)) as c:
            return [b"".join(bytes(p) for p in f.planes) for f in c.decode(video=0)]

    spec = quick_spec(view=view, aspect=aspect, loss_chart=True)
    out = {}
    for mode in ("1", "0"):
        monkeypatch.setenv(speed.ENV, mode)
        out[mode] = frames(render_clip(spec, tmp_path / f"{mode}.mp4").path)
        assert speed.installed() == (list(speed._PATCHES) if mode == "1" else [])
    speed.uninstall()
    assert len(out["1"]) == len(out["0"]) > 10
    bad = [i for i, (a, b) in enumerate(zip(out["1"], out["0"])) if a != b]
    assert not bad, f"{len(bad)} frames differ from stock manim, first {bad[0]}"


def test_no_speedups_flag(tmp_path, minimal_spec):
    proc = run_clip(str(minimal_spec), "-o", str(tmp_path / "c.mp4"), "--quality", "low", "--duration", "0.5",
                    "--no-speedups")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "c.mp4").is_file()
