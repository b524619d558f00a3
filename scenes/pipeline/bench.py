"""``python -m scenes bench``: render wall time against video length, peak memory, and the ffmpeg floor.

The floor is measured in the same run: the time ffmpeg alone needs to encode a flat (solid colour)
video of the same length, size and frame rate with manim's codec settings (libx264, yuv420p, the
encoder's defaults), i.e. what rendering would cost if drawing frames were free.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .media import probe
from .parts import Part
from .render import render_parts

__all__ = ["BenchRow", "ffmpeg_floor", "run_bench", "narration_lines", "synthesis_bench", "BENCH_VOICES",
           "incremental_bench", "cluster_bench", "edited_copy"]

#: the voices whose narration synthesis time ``make bench`` reports for the whole explainer
BENCH_VOICES = ("piper", "flite:slt", "espeak")

BACKGROUND = "0x0E1117"


@dataclass
class BenchRow:
    quality: str
    name: str
    wall: float        # manim subprocess wall time (s), render shortcuts on
    video: float       # video duration (s)
    peak_mb: float     # peak resident memory of the manim process
    floor: float       # ffmpeg-alone encode time of a flat video of the same shape (s)
    size: str = ""
    stock_wall: float = float("nan")  # the same render with OPTIM_SPEEDUPS=0 (stock manim)

    @property
    def ratio(self) -> float:
        return self.wall / self.video if self.video else float("nan")

    @property
    def stock_ratio(self) -> float:
        return self.stock_wall / self.video if self.video else float("nan")

    @property
    def floor_ratio(self) -> float:
        return self.floor / self.video if self.video else float("nan")


def _shape(mp4: Path) -> tuple[int, int, str, float]:
    info = probe(mp4)
    v = next(s for s in info["streams"] if s["codec_type"] == "video")
    return int(v["width"]), int(v["height"]), v["r_frame_rate"], float(v["duration"])


def encoder_options() -> list[str]:
    """The x264 options every render gives manim (``scenes.pipeline.render.encoder_options``), as ffmpeg flags."""
    from scenes.pipeline.render import encoder_options as options

    return [f for key, value in options().items() for f in (f"-{key}", value)]


def ffmpeg_floor(width: int, height: int, rate: str, seconds: float, work: Path) -> float:
    """Seconds ffmpeg takes to encode a solid-colour video of this shape with libx264/yuv420p and
    the encoder options manim is given."""
    out = Path(work) / "floor.mp4"
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi",
           "-i", f"color=c={BACKGROUND}:s={width}x{height}:r={rate}:d={seconds:.3f}",
           "-c:v", "libx264", *encoder_options(), "-pix_fmt", "yuv420p", "-f", "mp4", str(out)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    elapsed = time.perf_counter() - t0
    out.unlink(missing_ok=True)
    return elapsed


def _print(rows: list[BenchRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="render time against video length (ratio <= 1.0 is real time or faster); "
                    "shortcuts: scenes.kit.speed on, stock: OPTIM_SPEEDUPS=0", title_justify="left")
    for col, just in [("quality", "left"), ("scene", "left"), ("size", "left"), ("video s", "right"),
                      ("shortcuts s", "right"), ("ratio", "right"), ("stock s", "right"),
                      ("stock ratio", "right"), ("stock/shortcuts", "right"), ("peak MB", "right"),
                      ("ffmpeg floor s", "right"), ("floor ratio", "right")]:
        t.add_column(col, justify=just)

    def num(x, fmt):
        return "" if x != x else format(x, fmt)  # NaN: not measured

    for r in rows:
        style = "bold" if r.name == "ALL" else None
        t.add_row(r.quality, r.name, r.size, f"{r.video:.1f}", num(r.wall, ".1f"), num(r.ratio, ".2f"),
                  num(r.stock_wall, ".1f"), num(r.stock_ratio, ".2f"), num(r.stock_wall / r.wall, ".2f"),
                  f"{r.peak_mb:.0f}", f"{r.floor:.1f}", f"{r.floor_ratio:.3f}", style=style)
    Console(width=max(150, Console().width)).print(t)


def narration_lines(media: Path) -> list[str]:
    """Every spoken line of the scenes rendered under ``media`` (from their voice caches), in order."""
    import json

    lines: list[str] = []
    for cache in sorted(Path(media).glob("voiceovers/*/cache.json")):
        for entry in json.loads(cache.read_text()):
            text = entry.get("input_text")
            if text and text not in lines:
                lines.append(text)
    return lines


def synthesis_bench(lines: list[str], voices=BENCH_VOICES) -> list[tuple[str, int, float, float]]:
    """``(voice, lines, seconds of speech, seconds to synthesize)`` per voice, each from an empty cache
    (one engine process per voice, as in a scene)."""
    from .tools import narration

    nar = narration()
    rows = []
    for voice in voices:
        try:
            nar.check_voice(voice)
        except nar.VoiceError as e:
            print(f"bench: {voice} skipped ({e})")
            continue
        with tempfile.TemporaryDirectory(prefix="bench-voice-") as cache:
            service = nar.make_service(voice, cache_dir=cache)
            t0 = time.perf_counter()
            speech = 0.0
            for text in lines:
                data = service.generate_from_text(text)
                speech += nar.wav_duration(Path(cache) / data["original_audio"])
            rows.append((voice, len(lines), speech, time.perf_counter() - t0))
            getattr(service, "close", lambda: None)()
    return rows


def _print_synthesis(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="narration synthesis for the whole explainer (every line, empty cache)", title_justify="left")
    for col in ("voice", "lines", "speech s", "synthesis s", "synthesis / speech"):
        t.add_column(col, justify="left" if col == "voice" else "right")
    for voice, n, speech, seconds in rows:
        t.add_row(voice, str(n), f"{speech:.1f}", f"{seconds:.1f}", f"{seconds / speech:.3f}" if speech else "")
    Console(width=max(120, Console().width)).print(t)


def edited_copy(part: Part, folder: Path) -> Path:
    """A copy of ``part``'s scene file with one narration sentence changed (the first
    ``self.voiceover(text=...)`` gets a few more words): what a lecturer's one-sentence edit does."""
    import ast

    src = part.path.read_text()
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "voiceover":
            for kw in node.keywords:
                if kw.arg == "text" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    v = kw.value
                    start = sum(len(x) for x in lines[:v.lineno - 1]) + len(
                        lines[v.lineno - 1].encode()[:v.col_offset].decode())
                    end = sum(len(x) for x in lines[:v.end_lineno - 1]) + len(
                        lines[v.end_lineno - 1].encode()[:v.end_col_offset].decode())
                    src = src[:start] + repr(v.value + " That is the whole idea.") + src[end:]
                    out = Path(folder) / part.path.name
                    out.write_text(src)
                    return out
    out = Path(folder) / part.path.name
    out.write_text(src + "\n# edited\n")
    return out


def _timed_render(specs: list[str], quality: str, voice: str, media: Path, *flags: str) -> tuple[float, str]:
    """Wall time of a whole ``python -m scenes render`` (start-up included) and its status line."""
    import sys

    from scenes.registry import REPO

    cmd = [sys.executable, "-m", "scenes", "render", *specs, "--quality", quality, "--voice", voice,
           "--media-dir", str(media), "--join", *flags]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"bench render failed: {proc.stderr.strip().splitlines()[-1:]}")
    status = next((line.split(": ", 1)[-1] for line in proc.stderr.splitlines() if "to render," in line), "")
    return elapsed, status


def incremental_bench(parts: list[Part], quality: str, voice: str, scratch: Path) -> list[tuple[str, float, str]]:
    """Full build, no-change re-run and one-chapter edit, each a whole ``python -m scenes render --join``."""
    media = Path(scratch) / f"incremental-{quality}"
    specs = [f"{p.path}:{p.scene}" for p in parts]
    rows = []
    t, status = _timed_render(specs, quality, voice, media, "--jobs", "2")
    rows.append(("full build (empty media folder, --jobs 2)", t, status))
    t, status = _timed_render(specs, quality, voice, media, "--jobs", "2")
    rows.append(("no change", t, status))
    edit_dir = Path(scratch) / "edited"
    edit_dir.mkdir(exist_ok=True)
    edited = edited_copy(parts[0], edit_dir)
    t, status = _timed_render([f"{edited}:{parts[0].scene}", *specs[1:]], quality, voice, media, "--jobs", "2")
    rows.append((f"one chapter edited ({parts[0].scene}: one narration sentence)", t, status))
    return rows


def cluster_bench(parts: list[Part], quality: str, voice: str, scratch: Path, counts=(1, 2)):
    """Wall time of rendering ``parts`` (forced, empty worker caches) on 1 and 2 Dask workers on 127.0.0.1."""
    from .cluster import LocalDaskCluster
    from .render import render_parts

    rows = []
    for n in counts:
        with LocalDaskCluster(n, Path(scratch) / f"dask-{n}") as cluster:
            t0 = time.perf_counter()
            res = render_parts(parts, quality, voice, Path(scratch) / f"cluster-{n}", force=True,
                               scheduler=cluster.address, extra=["--disable_caching"],
                               title=f"bench: {len(parts)} part(s) on {n} Dask worker(s)")
            rows.append((n, time.perf_counter() - t0, [r.render_seconds for r in res]))
    return rows


def _print_incremental(rows, quality: str) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"incremental builds at {quality} quality (whole `python -m scenes render --join`, start-up "
                    "included)", title_justify="left")
    for col in ("build", "wall s", "what ran"):
        t.add_column(col, justify="right" if col == "wall s" else "left")
    for name, seconds, status in rows:
        t.add_row(name, f"{seconds:.1f}", status)
    Console(width=max(120, Console().width)).print(t)


def _print_cluster(rows, quality: str) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"Dask workers on this machine (127.0.0.1, {os.cpu_count()} cores), {quality} quality; "
                    "on paper: max(sum of part times / N, longest part)", title_justify="left")
    for col in ("workers", "wall s", "speed-up", "on paper s"):
        t.add_column(col, justify="right")
    base = rows[0][1] if rows else float("nan")
    parts = rows[0][2] if rows else []
    for n, seconds, _ in rows:
        paper = max(sum(parts) / n, max(parts)) if parts else float("nan")
        t.add_row(str(n), f"{seconds:.1f}", f"{base / seconds:.2f}", f"{paper:.1f}")
    for n in (4, 8, 12):
        if parts:
            t.add_row(str(n), "", "", f"{max(sum(parts) / n, max(parts)):.1f}")
    Console(width=max(120, Console().width)).print(t)


def run_bench(parts: list[Part], qualities: list[str], voice: str, media_dir: Path | None = None,
              speedups: list[bool] = (True, False), voices=BENCH_VOICES,
              sections=("ratio", "incremental", "cluster")) -> int:
    """Print the benches in ``sections``: render time per video second (each quality and shortcut
    mode, no cache, one at a time), incremental builds, and 1-vs-2 Dask workers (first quality)."""
    if "ratio" in sections:
        _ratio_bench(parts, qualities, voice, media_dir, speedups, voices)
    with tempfile.TemporaryDirectory(prefix="scenes-bench-") as scratch:
        if "incremental" in sections:
            _print_incremental(incremental_bench(parts, qualities[0], voice, Path(scratch)), qualities[0])
        if "cluster" in sections:
            _print_cluster(cluster_bench(parts, qualities[0], voice, Path(scratch)), qualities[0])
    return 0


def _ratio_bench(parts: list[Part], qualities: list[str], voice: str, media_dir: Path | None,
                 speedups: list[bool], voices) -> None:
    rows: list[BenchRow] = []
    lines: list[str] = []
    nan = float("nan")
    with tempfile.TemporaryDirectory(prefix="scenes-bench-") as scratch:
        media = Path(media_dir or scratch)
        for quality in qualities:
            walls: dict[bool, dict[str, float]] = {}
            totals: dict[bool, float] = {}
            results = None
            for mode in speedups:
                t0 = time.perf_counter()
                label = "shortcuts" if mode else "stock manim"
                res = render_parts(parts, quality, voice, media / f"{quality}-{label.split()[0]}", jobs=1,
                                   extra=["--disable_caching"], title=f"bench: {quality} quality, {label}",
                                   speedups=mode)
                totals[mode] = time.perf_counter() - t0
                walls[mode] = {r.part.scene: r.render_seconds for r in res}
                results = results or res
            qrows = []
            for r in results:
                w, h, rate, seconds = _shape(r.mp4)
                floor = ffmpeg_floor(w, h, rate, seconds, Path(scratch))
                lines = lines or narration_lines(media / f"{quality}-shortcuts") or narration_lines(
                    media / f"{quality}-stock")
                qrows.append(BenchRow(quality, r.part.scene, walls.get(True, {}).get(r.part.scene, nan), seconds,
                                      r.maxrss_kb / 1024, floor, f"{w}x{h}@{rate.split('/')[0]}",
                                      walls.get(False, {}).get(r.part.scene, nan)))
            rows += qrows
            rows.append(BenchRow(quality, "ALL", totals.get(True, nan), sum(r.video for r in qrows),
                                 max(r.peak_mb for r in qrows), sum(r.floor for r in qrows),
                                 qrows[0].size if qrows else "", totals.get(False, nan)))
    _print(rows)
    if voices and lines:
        _print_synthesis(synthesis_bench(lines, voices))
