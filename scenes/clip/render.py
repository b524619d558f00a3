"""Render a checked clip spec to mp4, gif, webm or mov (transparent), written atomically."""

from __future__ import annotations

__all__ = ["render_clip", "layout_clip", "pixel_size", "QUALITY_SETTINGS", "RenderInfo"]

import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .spec import ClipSpec, check_output_path

#: Short side in pixels and frame rate per quality (manim's -ql, -qm, -qh, -qk).
QUALITY_SETTINGS = {
    "low": (480, 15),
    "medium": (720, 30),
    "high": (1080, 60),
    "4k": (2160, 60),
}


#: Browsers slow down gif frames shorter than 2 centiseconds; 30 fps keeps delays at 3-4 cs.
GIF_MAX_FPS = 30


@dataclass(frozen=True)
class RenderInfo:
    """What was written."""

    path: Path
    width: int
    height: int
    fps: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height} at {self.fps} fps"


def pixel_size(aspect: str, quality: str) -> tuple[int, int, int]:
    """(width, height, fps) for an aspect and a quality; the short side is the quality's height."""
    short, fps = QUALITY_SETTINGS[quality]
    long = int(round(short * 16 / 9 / 2)) * 2  # even, for yuv420p
    return {"16:9": (long, short), "9:16": (short, long), "1:1": (short, short)}[aspect] + (fps,)


def render_clip(
    spec: ClipSpec,
    output: str | os.PathLike,
    *,
    size: tuple[int, int] | None = None,
    fps: int | None = None,
    verbose: bool = False,
) -> RenderInfo:
    """Render ``spec`` to ``output``; the file appears only once complete (never half-written).

    ``size`` and ``fps`` override the quality's pixel size and frame rate (tests use tiny clips);
    the frame keeps the spec's aspect in scene units either way.
    """
    from manim import tempconfig

    from scenes.pipeline.render import encoder_options

    from .scene import frame_size_for, scene_class_for

    v = spec.video
    out = check_output_path(output, v.format)
    width, height, rate = pixel_size(v.aspect, v.quality)
    if size is not None:
        width, height = size
    if fps is not None:
        rate = fps
    frame_w, frame_h = frame_size_for(v.aspect)
    gif = v.format == "gif"
    if gif:
        rate = min(rate, GIF_MAX_FPS)

    work = Path(tempfile.mkdtemp(prefix=f".{out.stem}.", suffix=".partial", dir=out.parent))
    try:
        if not verbose:
            logging.getLogger("manim").setLevel(logging.ERROR)
        settings = {
            "verbosity": "INFO" if verbose else "ERROR",
            "media_dir": str(work),
            # everything, LaTeX and text renderings included, stays in the private work folder: a shared
            # cache is not safe when several clips render at once
            "tex_dir": str(work / "Tex"),
            "text_dir": str(work / "texts"),
            "output_file": "clip",
            "pixel_width": width,
            "pixel_height": height,
            "frame_width": frame_w,
            "frame_height": frame_h,
            "frame_rate": rate,
            # a gif is made from a lossless mp4 with its own palette (manim's gif uses a fixed 3-3-2 one)
            "format": "mp4" if gif else v.format,
            # an mp4 (a gif's too) gets the chapters' x264 options, so its bytes repeat; a gif's mp4 is lossless
            "video_encoder_options": ({**encoder_options(), **({"crf": "0"} if gif else {})}
                                      if gif or v.format == "mp4" else {}),
            "background_opacity": 0.0 if v.format == "mov" else 1.0,
            "disable_caching": True,
            "disable_caching_warning": True,
            "progress_bar": "display" if verbose else "none",
            "preview": False,
            "write_to_movie": True,
            "save_last_frame": False,
        }
        settings = {k: val for k, val in settings.items() if k in _config_keys()}
        with tempconfig(settings):
            if not verbose:
                logging.getLogger("manim").setLevel(logging.ERROR)
            scene = scene_class_for(spec)(spec)
            scene.render()
            produced = Path(scene.renderer.file_writer.movie_file_path)
            if not produced.is_file() or produced.stat().st_size == 0:
                raise RuntimeError(f"manim wrote no video to {produced}")
            if gif:
                produced = _to_gif(produced, work / "clip.gif", rate)
            os.replace(produced, out)  # same directory tree, so an atomic rename
        return RenderInfo(out, width, height, rate)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def layout_clip(spec: ClipSpec):
    """The clip's scene with its layout built but nothing rendered (for checks of what goes where)."""
    from manim import tempconfig

    from .scene import frame_size_for, scene_class_for

    width, height, rate = pixel_size(spec.video.aspect, "low")
    frame_w, frame_h = frame_size_for(spec.video.aspect)
    work = Path(tempfile.mkdtemp(prefix=".clip-layout.", suffix=".partial"))
    settings = {"verbosity": "ERROR", "media_dir": str(work), "tex_dir": str(work / "Tex"),
                "text_dir": str(work / "texts"), "pixel_width": width, "pixel_height": height,
                "frame_width": frame_w, "frame_height": frame_h, "frame_rate": rate}
    try:
        with tempconfig(settings):
            logging.getLogger("manim").setLevel(logging.ERROR)
            scene = scene_class_for(spec)(spec)
            scene.lay_out()
            scene.add_static()
            scene.add_runs()
        return scene
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _to_gif(source: Path, target: Path, rate: int) -> Path:
    """A looping gif with one palette made for the clip (identical frames stay identical: a clean loop)."""
    graph = ("[0:v]split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];"
             "[b][p]paletteuse=dither=sierra2_4a")
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(source), "-filter_complex", graph,
           "-r", str(rate), "-loop", "0", str(target)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"ffmpeg could not make the gif: {tail}")
    return target


def _config_keys() -> set[str]:
    from manim import config

    keys = set(getattr(config, "_OPTS", ())) | {"background_opacity", "write_to_movie", "save_last_frame", "preview"}
    return {k for k in keys if hasattr(type(config), k) or k in config._d}
