"""``python -m scenes clip SPEC.toml -o OUT [flags]``: render a custom comparison clip."""

from __future__ import annotations

__all__ = ["main", "build_parser", "parse_value"]

import argparse
import os
import sys
import time
import tomllib
from typing import Any

from .spec import FORMATS, SpecError, load_spec, check_output_path

_EXAMPLE = """examples:
  python -m scenes clip examples/clips/race.toml -o race.mp4
  python -m scenes clip examples/clips/saddle_vertical.toml -o saddle.gif --quality low
  python -m scenes clip -o mine.mp4 --formula "x**2 + 3*y**2" --start=-2,1.5 \\
      --optimizer adam:lr=0.1 --optimizer sgd:lr=0.05,momentum=0.9,label=momentum
  python -m scenes clip race.toml -o race.mp4 --set optimizer.1.lr=0.02 --set run.schedule.T_max=100

Values are read as TOML values (numbers, true/false, [lists]); anything else is a string.
Negative numbers after a flag need '=': --start=-1.5,2.0"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise SpecError(message)


def parse_value(text: str) -> Any:
    """A flag's value as TOML (number, boolean, list, inline table), or the text itself."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside brackets, braces and quotes."""
    parts, depth, quote, cur = [], 0, None, []
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _named_table(text: str, what: str, first_key: str) -> dict[str, Any]:
    """``adam:lr=0.05,betas=[0.9,0.99]`` -> {"name": "adam", "lr": 0.05, "betas": [0.9, 0.99]}."""
    head, _, rest = text.partition(":")
    table: dict[str, Any] = {first_key: head.strip()}
    for item in _split_top(rest):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise SpecError(f"{what} {text!r}: expected key=value after ':', got {item!r}; e.g. adam:lr=0.05,betas=[0.9,0.99]")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
            table[key.strip()] = value
        else:
            table[key.strip()] = parse_value(value)
    return table


def _points(text: str) -> Any:
    """``-1.5,2`` or ``-1.5,2;1,1`` or TOML ``[[-1.5, 2], [1, 1]]``."""
    value = parse_value(text)
    if isinstance(value, list):
        return value
    groups = [g for g in text.split(";") if g.strip()]
    points = [[parse_value(v) for v in _split_top(g)] for g in groups]
    return points[0] if len(points) == 1 else points


def _bounds(text: str) -> Any:
    value = parse_value(text)
    if isinstance(value, list):
        return value
    nums = [parse_value(v) for v in _split_top(text)]
    return [nums[0:2], nums[2:4]] if len(nums) == 4 else nums


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m scenes clip",
        description="Render a comparison clip of optimizers on a landscape, from a TOML spec and/or flags.",
        epilog=_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("spec", nargs="*", help="the spec file(s) (TOML); optional when flags give everything; "
                                           "several render one clip each into the folder -o")
    p.add_argument("-o", "--output", required=True,
                   help=f"output file, ending in the format: .{', .'.join(FORMATS)}; "
                        "with several specs, a folder (OUT_DIR/): each clip is named after its spec")
    g = p.add_argument_group("landscape")
    g.add_argument("--landscape", metavar="NAME", help="a built-in landscape (replaces the spec's landscape)")
    g.add_argument("--formula", metavar="EXPR", help="a formula in x and y (replaces the spec's landscape)")
    g.add_argument("--bounds", metavar="XMIN,XMAX,YMIN,YMAX", help="display bounds")
    g = p.add_argument_group("optimizers and run")
    g.add_argument("--optimizer", action="append", metavar="NAME[:k=v,...]",
                   help="an optimizer with hyper-parameters, e.g. sgd:lr=0.01,momentum=0.9,label=momentum; "
                        "repeat for several (replaces the spec's optimizers)")
    g.add_argument("--start", metavar="X,Y[;X,Y...]", help="start point(s)")
    g.add_argument("--steps", metavar="N")
    g.add_argument("--schedule", metavar="KIND[:k=v,...]", help="e.g. cosine:T_max=200, or 'none'")
    g.add_argument("--clip-norm", metavar="X", help="gradient clipping norm, or 'none'")
    g = p.add_argument_group("video")
    g.add_argument("--view", metavar="map|surface|both")
    g.add_argument("--aspect", metavar="16:9|9:16|1:1")
    g.add_argument("--quality", metavar="low|medium|high|4k")
    g.add_argument("--format", metavar="|".join(FORMATS), help="default: the output's extension, else the spec's")
    g.add_argument("--title", metavar="TEXT")
    g.add_argument("--duration", metavar="SECONDS", help="how long the runs take to draw")
    for flag, help_ in (("loop", "a seamless loop"), ("loss-chart", "a loss-against-step chart"), ("caption", "the corner caption")):
        g.add_argument(f"--{flag}", dest=flag.replace("-", "_"), action="store_true", default=None, help=help_)
        g.add_argument(f"--no-{flag}", dest=flag.replace("-", "_"), action="store_false")
    p.add_argument("--no-speedups", action="store_true",
                   help="render with stock manim, none of the render shortcuts (same as OPTIM_SPEEDUPS=0)")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="set any spec value, e.g. video.title=\"Hi\", optimizer.2.lr=0.1, run.schedule.T_max=50")
    g = p.add_argument_group("building")
    g.add_argument("--force", action="store_true",
                   help="render even when the clip's inputs did not change since it was made")
    g.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="clips of a batch rendered side by side on this machine (default: the number of cores)")
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="render every clip as a task on this Dask scheduler; outputs come back here")
    return p


def _overrides(args: argparse.Namespace) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if args.landscape is not None and args.formula is not None:
        raise SpecError("give --landscape or --formula, not both")
    if args.landscape is not None:
        out.append(("landscape", {"name": args.landscape}))
    if args.formula is not None:
        out.append(("landscape", {"formula": args.formula}))
    if args.bounds is not None:
        out.append(("landscape.bounds", _bounds(args.bounds)))
    if args.optimizer:
        out.append(("optimizer", [_named_table(t, "--optimizer", "name") for t in args.optimizer]))
    if args.start is not None:
        out.append(("run.start", _points(args.start)))
    if args.steps is not None:
        out.append(("run.steps", parse_value(args.steps)))
    if args.schedule is not None:
        if args.schedule.strip().lower() == "none":
            out.append(("run.schedule", None))
        else:
            out.append(("run.schedule", _named_table(args.schedule, "--schedule", "kind")))
    if args.clip_norm is not None:
        out.append(("run.clip_norm", None if args.clip_norm.strip().lower() == "none" else parse_value(args.clip_norm)))
    for key in ("view", "aspect", "quality", "format"):
        if getattr(args, key) is not None:
            out.append((f"video.{key}", getattr(args, key)))
    if args.title is not None:
        out.append(("video.title", args.title))
    if args.duration is not None:
        out.append(("video.duration", parse_value(args.duration)))
    for key in ("loop", "loss_chart", "caption"):
        if getattr(args, key) is not None:
            out.append((f"video.{key}", getattr(args, key)))
    for item in args.set:
        key, eq, value = item.partition("=")
        if not eq:
            raise SpecError(f"--set {item!r}: expected SECTION.KEY=VALUE, e.g. --set video.aspect=9:16")
        out.append((key.strip(), parse_value(value.strip())))
    return out


def _targets(args: argparse.Namespace, overrides: list[tuple[str, Any]]) -> list[tuple[Any, Any]]:
    """(spec, output path) for every clip to make; a SpecError for anything wrong, before any render."""
    from pathlib import Path

    specs = args.spec or [None]
    out = args.output
    as_dir = out.endswith(("/", os.sep)) or (os.path.isdir(out) and os.path.splitext(out)[1].lower().lstrip(".")
                                              not in FORMATS)
    if len(specs) > 1 and not as_dir:
        raise SpecError(f"{len(specs)} specs need a folder for -o (e.g. -o {out}/), got {out!r}")
    if as_dir:
        folder = Path(out).expanduser()
        if folder.exists() and not folder.is_dir():
            raise SpecError(f"-o {out!r} is not a folder")
        if not folder.exists():
            if not folder.parent.is_dir():
                raise SpecError(f"cannot write {out!r}: the directory {str(folder.parent)!r} does not exist")
            try:
                folder.mkdir()
            except OSError as error:
                raise SpecError(f"cannot make the folder {out!r}: {error.strerror or error}") from None
        if specs == [None]:
            raise SpecError("-o is a folder: name the spec file(s), or give -o NAME.mp4")
    targets, seen = [], {}
    for path in specs:
        spec = load_spec(path, overrides)
        if as_dir:
            name = f"{Path(path).stem}.{spec.video.format}"
            if name in seen:
                raise SpecError(f"specs {seen[name]!r} and {path!r} would both write {name}; rename one")
            seen[name] = path
            output = check_output_path(Path(out).expanduser() / name, spec.video.format)
        else:
            output = check_output_path(out, spec.video.format)
        targets.append((spec, output))
    return targets


def main(argv: list[str] | None = None) -> int:
    """Run the ``clip`` command; return the exit status (2 for a bad spec, flag or output path)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except SpecError as error:
        print(f"clip: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    # a folder output (a batch): several specs, a cluster, a trailing slash, or an existing folder not
    # named like a video (``-o clip.mp4`` naming a folder stays the one-line "is a directory" error)
    batch = len(args.spec) > 1 or args.scheduler is not None or args.output.endswith(("/", os.sep)) \
        or (os.path.isdir(args.output) and os.path.splitext(args.output)[1].lower().lstrip(".") not in FORMATS)
    try:
        if args.jobs is not None and args.jobs < 1:
            raise SpecError(f"--jobs must be at least 1, got {args.jobs}")
        if args.scheduler is not None:
            from scenes.pipeline.cluster import check_address
            from scenes.pipeline.errors import PipelineError

            try:
                args.scheduler = check_address(args.scheduler)
            except PipelineError as error:
                raise SpecError(str(error)) from None
        if not batch:
            check_output_path(args.output, None)  # an unwritable place fails before the spec is even read
        overrides = _overrides(args)
        suffix = os.path.splitext(args.output)[1].lower().lstrip(".")
        if args.format is None and suffix in FORMATS and not batch:  # the output's extension picks the format
            overrides.insert(0, ("video.format", suffix))
        targets = _targets(args, overrides)
    except SpecError as error:
        print(f"clip: error: {error}", file=sys.stderr)
        return 2

    from scenes.kit.speed import requested

    if args.no_speedups:
        os.environ["OPTIM_SPEEDUPS"] = "0"  # read by the clip scene when it sets up (scenes.kit.speed)
    speedups = requested()
    if batch:
        return _batch(args, targets, speedups)
    spec, output = targets[0]
    from .batch import ClipUnit
    from .render import render_clip

    unit = ClipUnit(spec, output, speedups=speedups)
    if not args.force and unit.up_to_date():
        print(f"{output} is up to date (its inputs did not change; --force renders it again)")
        return 0
    unit.key()  # the inputs as they are before the render
    t0 = time.perf_counter()
    try:
        info = render_clip(spec, output)
    except KeyboardInterrupt:
        print("clip: interrupted; no output written", file=sys.stderr)
        return 130
    except SpecError as error:
        print(f"clip: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug or a broken tool, not a bad spec: no output was written
        if os.environ.get("CLIP_DEBUG"):
            raise
        print(f"clip: render failed ({type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}); "
              "no output written; set CLIP_DEBUG=1 for the traceback", file=sys.stderr)
        return 1
    from scenes.pipeline.render import Result

    done = Result(None, unit=unit, started=t0, finished=time.perf_counter())
    unit.done(done)
    print(f"wrote {output} ({info})  in {time.perf_counter() - t0:.1f} s")
    return 0


def _batch(args: argparse.Namespace, targets, speedups: bool) -> int:
    """Several clips (or any on a cluster): one unit each, locally in parallel or as cluster tasks."""
    from rich.console import Console

    from scenes.pipeline.build import run_units
    from scenes.pipeline.errors import PipelineError
    from scenes.pipeline.render import Interrupted

    from .batch import ClipUnit

    units = [ClipUnit(spec, output, number=i, speedups=speedups) for i, (spec, output) in enumerate(targets, 1)]
    jobs = args.jobs or min(len(units), os.cpu_count() or 1)
    t0 = time.perf_counter()
    try:
        results = run_units(units, jobs=jobs, scheduler=args.scheduler, force=args.force,
                            console=Console(stderr=True), title=f"clip: {len(units)} clip(s)")
    except (KeyboardInterrupt, Interrupted):
        print("clip: interrupted; finished clips were kept, no partial file written", file=sys.stderr)
        return 130
    except PipelineError as error:  # RenderFailed (status 1) or an unreachable scheduler (status 2)
        print(f"clip: {'error: ' if error.status == 2 else ''}{error}", file=sys.stderr)
        return error.status
    for r in results:
        print(r.outputs["video"])
    print(f"clip: {len(results)} clip(s) in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
