"""``python -m scenes slides``: the options (registered in ``scenes.pipeline.cli``) and the run."""

from __future__ import annotations

import time
from pathlib import Path

__all__ = ["add_parser", "run"]

_EPILOG = """examples:
  python -m scenes slides 3 5 -o deck --pptx deck.pptx --quality medium
  python -m scenes slides LearningRate --clip examples/clips/race.toml -o deck --audio
  python -m scenes slides -o deck                 # every chapter (rendering those missing)
  python -m scenes slides -o deck --scheduler tcp://scheduler-host:8786   # renders on a Dask cluster"""


def add_parser(sub) -> None:
    import argparse

    s = sub.add_parser("slides", help="a reveal.js deck (and a .pptx) of chapters cut at their beats, and clips",
                       epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("scenes", nargs="*", metavar="SCENE",
                   help="chapters as for render (all when none is named and no --clip is given)")
    s.add_argument("--clip", action="append", default=[], metavar="SPEC.toml",
                   help="a custom clip (python -m scenes clip) as a looping slide; repeat for more")
    s.add_argument("-o", "--output", required=True, metavar="DECK_DIR", help="the deck folder (index.html)")
    s.add_argument("--pptx", metavar="FILE.pptx", help="also write the deck as a PowerPoint file")
    s.add_argument("--quality", "-q", default="high",
                   help="low|medium|high|4k: chapters rendered and clips (default high)")
    s.add_argument("--voice", default=None,
                   help="voice for chapters that must be rendered (default $OPTIM_VOICE or piper)")
    s.add_argument("--audio", action="store_true",
                   help="each slide carries its narration (muted until the presenter turns it on)")
    s.add_argument("--media-dir", default=None, help="where chapters are found and rendered (default ./media)")
    s.add_argument("--no-intro", action="store_true", help="leave out the opening slides (optimizers, pros and cons)")
    s.add_argument("--jobs", "-j", type=int, default=1, help="chapters and clips rendered side by side (default 1)")
    s.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="render the chapters and clips the deck needs as tasks on this Dask scheduler")
    s.add_argument("--force", action="store_true",
                   help="render the deck's chapters again even when their inputs did not change")


def run(args, quality: str, voice: str, media: Path) -> int:
    from rich.console import Console

    from scenes.pipeline.errors import PipelineError

    from .build import DeckRequest, build_deck

    if args.jobs < 1:
        raise PipelineError(f"--jobs must be at least 1, got {args.jobs}")
    if args.scheduler is not None:
        from scenes.pipeline.cluster import check_address

        args.scheduler = check_address(args.scheduler)
    console = Console(stderr=True)
    t0 = time.monotonic()
    req = DeckRequest(scenes=list(args.scenes), output=Path(args.output), clips=list(args.clip),
                      pptx=Path(args.pptx) if args.pptx else None, quality=quality, voice=voice,
                      audio=args.audio, media_dir=media, intro=not args.no_intro,
                      jobs=args.jobs, scheduler=args.scheduler, force=args.force)
    deck = build_deck(req, console)
    print(deck.path / "index.html")
    if deck.pptx is not None:
        print(deck.pptx)
    console.print(f"{len(deck.slides)} slides, {deck.size / 1e6:.1f} MB, in {time.monotonic() - t0:.1f} s",
                  highlight=False)
    return 0
