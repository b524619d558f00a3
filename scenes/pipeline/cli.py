"""Argument parsing and error handling for ``python -m scenes``: one line and exit status 2 on errors."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scenes.registry import REPO

from .errors import PipelineError, RenderFailed

__all__ = ["main", "build_parser"]

QUALITY_NAMES = ("low", "medium", "high", "4k")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise PipelineError(message)


def _quality(text: str) -> str:
    q = text.strip().lower()
    q = {"l": "low", "m": "medium", "h": "high", "k": "4k"}.get(q, q)
    if q not in QUALITY_NAMES:
        raise PipelineError(f"bad quality {text!r}; choose one of: {', '.join(QUALITY_NAMES)}")
    return q


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scenes", description="Render the optimizer explainer.")
    sub = p.add_subparsers(dest="command", metavar="{list,render,bench,clip,slides,lines,sheets}", parser_class=_Parser)
    sub.required = True
    sub.add_parser("list", help="the scenes in video order: SceneClass<TAB>file<TAB>description")

    r = sub.add_parser("render", help="render scenes (all, and join them, when none is named)")
    r.add_argument("scenes", nargs="*", metavar="SCENE",
                   help="scene class, chapter number, file stem, or path/to/file.py:SceneClass")
    r.add_argument("--quality", "-q", default="high", help="low|medium|high|4k (default high)")
    r.add_argument("--voice", default=None, help="voice name or none (default $OPTIM_VOICE or piper)")
    r.add_argument("--jobs", "-j", type=int, default=1, help="scenes rendered in parallel")
    r.add_argument("--media-dir", default=None, help="output folder (default ./media of the repository)")
    r.add_argument("--join", action="store_true", help="join the named scenes too (always when none is named)")
    r.add_argument("--no-speedups", action="store_true",
                   help="render with stock manim, none of the render shortcuts (same as OPTIM_SPEEDUPS=0)")
    r.add_argument("--force", action="store_true",
                   help="render every named scene even when its inputs did not change since it was made")
    r.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                   help="render every scene as a task on this Dask scheduler (default: --jobs local processes)")

    b = sub.add_parser("bench", help="render time against video length and the ffmpeg floor")
    b.add_argument("scenes", nargs="*", metavar="SCENE")
    b.add_argument("--quality", "-q", nargs="+", default=["low", "high"])
    b.add_argument("--voice", default=None)
    b.add_argument("--media-dir", default=None, help="scratch folder (default a temporary one)")
    b.add_argument("--no-speedups", action="store_true",
                   help="only the stock-manim renders (by default: with and without the render shortcuts)")
    b.add_argument("--sections", default="ratio,incremental,cluster",
                   help="what to measure, comma-separated: ratio (render time per video second, both "
                        "shortcut modes), incremental (full, no-change and one-edit builds), cluster "
                        "(1 and 2 Dask workers on 127.0.0.1); default all")

    sub.add_parser("clip", help="render a custom comparison clip (python -m scenes clip --help)",
                   add_help=False)

    ln = sub.add_parser("lines", help="every spoken line of the rendered chapters, timed in a voice (and the "
                                      "file each needs for --voice recorded:DIR)")
    ln.add_argument("scenes", nargs="*", metavar="SCENE", help="chapters (default: every rendered one)")
    ln.add_argument("--voice", default=None, help="voice name (default $OPTIM_VOICE or piper); "
                                                  "recorded:DIR marks the lines DIR has no recording of")
    ln.add_argument("--media-dir", default=None, help="where the chapters were rendered (default ./media)")
    ln.add_argument("--say", nargs="+", metavar="TEXT", default=None,
                    help="time these sentences in the voice instead (no chapter needed)")

    sh = sub.add_parser("sheets", help="contact sheets of rendered chapters: a frame every few seconds with "
                                       "its time and the subtitle said then")
    sh.add_argument("scenes", nargs="*", metavar="SCENE",
                    help="chapters, or paths to videos (default: every rendered chapter)")
    sh.add_argument("--every", type=float, default=2.0, help="seconds between frames (default 2)")
    sh.add_argument("--stills", action="store_true", help="also every sampled frame at full size, named by its time")
    sh.add_argument("--media-dir", default=None, help="where the chapters were rendered (default ./media)")
    sh.add_argument("--output", "-o", default=None, help="folder for the sheets (default MEDIA/sheets)")

    from scenes.slides.cli import add_parser as add_slides

    add_slides(sub)
    return p


def _voice(name: str | None) -> str:
    from .tools import check_voice_name, narration

    try:
        voice = narration().resolve_voice(name)  # the default (piper) falls back with one line
    except narration().VoiceError as e:
        raise PipelineError(str(e)) from None
    check_voice_name(voice)
    return voice


def _speedups(args) -> bool:
    """The render shortcuts are on unless ``--no-speedups`` or ``OPTIM_SPEEDUPS=0`` says otherwise."""
    from scenes.kit.speed import requested

    return not getattr(args, "no_speedups", False) and requested()


def _media_dir(arg: str | None) -> Path:
    return Path(arg).resolve() if arg else REPO / "media"


def cmd_list() -> int:
    from scenes import registry

    for c in registry.chapters():
        print(f"{c.scene}\t{c.file}\t{c.description}")
    return 0


def cmd_render(args) -> int:
    from rich.console import Console

    from .join import join_incremental
    from .parts import resolve_parts
    from .render import render_parts
    from .tools import check_tools

    quality = _quality(args.quality)
    if args.jobs < 1:
        raise PipelineError(f"--jobs must be at least 1, got {args.jobs}")
    scheduler = None
    if args.scheduler is not None:
        from .cluster import check_address

        scheduler = check_address(args.scheduler)
    voice = _voice(args.voice)
    parts = resolve_parts(args.scenes)
    if not parts:
        raise PipelineError("no scene files exist yet; see scenes/registry.py")
    check_tools()
    media = _media_dir(args.media_dir)
    _check_writable(media)
    console = Console(stderr=True)
    t0 = time.monotonic()
    speedups = _speedups(args)
    results = render_parts(parts, quality, voice, media, jobs=args.jobs, console=console, speedups=speedups,
                           force=args.force, scheduler=scheduler,
                           title=f"{len(parts)} scene(s) at {quality} quality, voice {voice}"
                                 + ("" if speedups else ", stock manim (no render shortcuts)"))
    for r in results:
        print(r.mp4)
    if not args.scenes or args.join:
        mp4, srt, joined = join_incremental(parts, results, media, force=args.force)
        console.print(f"joined {len(results)} part(s)" if joined else "the joined video is up to date",
                      highlight=False)
        print(mp4)
        print(srt)
    console.print(f"done in {time.monotonic() - t0:.1f} s")
    return 0


def _check_writable(media: Path) -> None:
    """The output folder can be made and written (one line, exit 2, nothing written otherwise)."""
    import tempfile

    probe_dir = media
    while not probe_dir.exists():
        probe_dir = probe_dir.parent
    if not probe_dir.is_dir():
        raise PipelineError(f"cannot write to {media}: {probe_dir} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=probe_dir):
            pass
    except OSError as e:
        raise PipelineError(f"cannot write to {media}: {e.strerror or e}") from None


def cmd_bench(args) -> int:
    from .bench import run_bench
    from .parts import resolve_parts
    from .tools import check_tools

    qualities = [_quality(q) for q in args.quality]
    voice = _voice(args.voice)
    parts = resolve_parts(args.scenes)
    if not parts:
        raise PipelineError("no scene files exist yet; see scenes/registry.py")
    check_tools()
    modes = [False] if not _speedups(args) else [True, False]
    sections = [x.strip() for x in args.sections.split(",") if x.strip()]
    unknown = sorted(set(sections) - {"ratio", "incremental", "cluster"})
    if unknown or not sections:
        raise PipelineError(f"bad --sections {args.sections!r}; choose from: ratio, incremental, cluster")
    return run_bench(parts, qualities, voice, _media_dir(args.media_dir) if args.media_dir else None,
                     speedups=modes, sections=sections)


def cmd_lines(args) -> int:
    from .lines import SAY_CACHE, beats_path, chapter_lines, format_report, time_lines
    from .parts import resolve_parts
    from .render import not_rendered

    voice = _voice(args.voice)
    media = _media_dir(args.media_dir)
    if args.say is not None:
        if args.scenes:
            raise PipelineError("--say times the given sentences; name no chapter with it")
        texts = [" ".join(t.split()) for t in args.say]
        if not all(texts):
            raise PipelineError("--say needs non-empty sentences")
        print("\n".join(format_report(f"voice {voice}", time_lines(texts, voice, media / "voiceovers" / SAY_CACHE))))
        return 0
    parts = resolve_parts(args.scenes)
    if not args.scenes:  # every chapter rendered so far
        parts = [p for p in parts if beats_path(media, p).exists()]
        if not parts:
            raise not_rendered(media)
    missing = 0
    for part in parts:
        lines = time_lines(chapter_lines(media, part), voice, media / "voiceovers" / part.scene)
        print("\n".join(format_report(f"{part.chapter_title} ({part.stem}), voice {voice}", lines)))
        missing += sum(ln.seconds is None for ln in lines)
    return 1 if missing else 0


def cmd_sheets(args) -> int:
    from .parts import resolve_parts
    from .render import chapter_paths, not_rendered
    from .sheets import make_sheets
    from .tools import check_tools

    check_tools(("ffmpeg", "ffprobe"))
    media = _media_dir(args.media_dir)
    out = Path(args.output).resolve() if args.output else media / "sheets"
    videos = []  # (name, mp4)
    names = [s for s in args.scenes if not s.lower().endswith((".mp4", ".mov", ".webm", ".mkv"))]
    for s in args.scenes:
        if s not in names:
            if not Path(s).is_file():
                raise PipelineError(f"no video at {s}")
            videos.append((Path(s).stem, Path(s)))
    if names or not args.scenes:
        for part in resolve_parts(names):
            mp4 = chapter_paths(media, part)[0]
            if mp4.is_file():
                videos.append((part.stem, mp4))
            elif names:
                raise not_rendered(media, part)
        if not videos:
            raise not_rendered(media)
    for name, mp4 in videos:
        made = make_sheets(mp4, out / name, every=args.every, stills=args.stills)
        extra = f", {len(made.stills)} stills" if args.stills else ""
        print(f"{made.folder}\t{len(made.sheets)} sheet(s) of {len(made.times)} frames{extra}")
    return 0


def cmd_slides(args) -> int:
    from scenes.slides.cli import run

    quality = _quality(args.quality)
    voice = _voice(args.voice)
    return run(args, quality, voice, _media_dir(args.media_dir))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "clip":
        from scenes.clip.cli import main as clip_main

        return clip_main(argv[1:])
    from .render import Interrupted

    try:
        args = build_parser().parse_args(argv)
        if args.command == "list":
            return cmd_list()
        if args.command == "render":
            return cmd_render(args)
        if args.command == "bench":
            return cmd_bench(args)
        if args.command == "slides":
            return cmd_slides(args)
        if args.command == "lines":
            return cmd_lines(args)
        if args.command == "sheets":
            return cmd_sheets(args)
        raise PipelineError(f"unknown command {args.command!r}")
    except (KeyboardInterrupt, Interrupted):
        print("python -m scenes: interrupted; finished outputs were left as they were", file=sys.stderr)
        return 130
    except RenderFailed as e:
        print(f"python -m scenes: {e}", file=sys.stderr)
        return e.status
    except PipelineError as e:
        print(f"python -m scenes: {e}", file=sys.stderr)
        return e.status
    except BrokenPipeError:
        return 0
