"""Units of work (a chapter, a clip, a slide deck part) built incrementally, locally or on a Dask cluster.

``run_units(units, jobs=N)`` renders with N local workers (threads, each driving a child process);
``run_units(units, scheduler="tcp://host:8786")`` sends each unit as a task to a Dask distributed
scheduler (``scenes.pipeline.cluster``) and writes what comes back where a local render writes it.
Either way a unit whose inputs key (``scenes.pipeline.inputs``) matches the one stored beside its
outputs is not rendered again, unless ``force=True``.

A unit says what it depends on and what it makes; this module does the rest (skip, display,
failures, Ctrl-C):

``key()``          the inputs key (computed once, before rendering)
``outputs()``      role -> final path on this machine
``sidecar``        where the key is stored
``run_local(r)``   render on this machine, filling the ``Result`` ``r`` (outputs in place)
``payload()``      what a cluster worker needs: plain data and bytes, with ``files`` (relative name ->
                   bytes, see ``project_payload``), ``key`` (the inputs key) and ``handler``
                   ("scenes.module:function" run on the worker as ``f(payload, project, base)``
                   and returning ``{"ok", "outputs": {role: bytes}, "log", "error"}``)
``accept(r, reply)`` write a worker's reply (the outputs' bytes) in place, atomically
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from pathlib import Path

from . import inputs
from .errors import RenderFailed
from .media import atomic_output
from .parts import Part
from .render import (Interrupted, Result, _STOP, _stop_all, _table, chapter_paths, render_part,
                     report_failures)

__all__ = ["Unit", "PartUnit", "run_units", "project_payload"]


def project_payload(files: dict[str, Path]) -> dict[str, bytes]:
    """The bytes of the files a unit depends on, by relative name (what a worker renders from)."""
    return {rel: Path(p).read_bytes() for rel, p in files.items()}


class Unit:
    """One independent piece of work with a stored inputs key. Subclasses fill in the methods."""

    kind = "unit"
    number: int = 0
    name: str = ""
    stem: str = ""       # unique among the units of one run (file names, task keys)

    _key: dict | None = None

    def entries(self) -> list[Path]:
        raise NotImplementedError

    def settings(self) -> dict:
        raise NotImplementedError

    def files(self) -> dict[str, Path]:
        return inputs.project_files(self.entries())

    def key(self) -> dict:
        if self._key is None:
            self._key = inputs.unit_key(self.kind, self.stem, self.files(), self.settings())
        return self._key

    def outputs(self) -> dict[str, Path]:
        raise NotImplementedError

    @property
    def sidecar(self) -> Path:
        raise NotImplementedError

    @property
    def log_path(self) -> Path:
        raise NotImplementedError

    def up_to_date(self) -> bool:
        return inputs.sidecar_matches(self.sidecar, self.key(), self.outputs())

    def run_local(self, result: Result) -> None:
        raise NotImplementedError

    def payload(self) -> dict:
        raise NotImplementedError

    def accept(self, result: Result, reply: dict) -> None:
        """Write the outputs a worker sent back, each atomically, where a local render puts them."""
        for role, final in self.outputs().items():
            with atomic_output(final) as tmp:
                Path(tmp).write_bytes(reply["outputs"][role])
        result.outputs = self.outputs()

    def done(self, result: Result) -> None:
        """After a successful render: store the key beside the outputs."""
        inputs.write_sidecar(self.sidecar, self.key(), self.outputs(),
                             rendered={"on": result.where or "local", "seconds": round(result.elapsed, 2),
                                       "attempts": max(1, result.attempts)},
                             duration=result.duration)

    def skipped(self, result: Result) -> None:
        """Fill ``result`` for a unit that is up to date."""
        doc = inputs.read_sidecar(self.sidecar) or {}
        result.status = "up to date"
        result.outputs = self.outputs()
        result.duration = float(doc.get("duration") or 0.0)


class PartUnit(Unit):
    """A chapter (or any ExplainerScene part) rendered to ``MEDIA/chapters/NN_Scene.mp4`` + ``.srt``."""

    kind = "part"

    def __init__(self, part: Part, quality: str, voice: str, media_dir: Path, extra: list[str] = (),
                 speedups: bool = True):
        self.part = part
        self.quality, self.voice, self.speedups = quality, voice, speedups
        self.media_dir = Path(media_dir).resolve()
        self.extra = list(extra)
        self.number, self.name, self.stem = part.number, part.scene, part.stem

    def entries(self) -> list[Path]:
        return [self.part.path]

    def settings(self) -> dict:
        from .tools import narration

        return {"scene": self.part.scene, "number": self.part.number, "title": self.part.title,
                "quality": self.quality, "voice": narration().voice_identity(self.voice),
                "speedups": self.speedups, "extra": self.extra}

    def outputs(self) -> dict[str, Path]:
        mp4, srt = chapter_paths(self.media_dir, self.part)
        return {"mp4": mp4, "srt": srt}

    @property
    def sidecar(self) -> Path:
        return self.media_dir / "chapters" / f"{self.stem}.inputs.json"

    @property
    def log_path(self) -> Path:
        return self.media_dir / "logs" / f"{self.stem}.log"

    def run_local(self, result: Result) -> None:
        render_part(result, self.quality, self.voice, self.media_dir, self.extra, self.speedups)

    def skipped(self, result: Result) -> None:
        super().skipped(result)
        result.mp4, result.srt = result.outputs["mp4"], result.outputs["srt"]

    def accept(self, result: Result, reply: dict) -> None:
        super().accept(result, reply)
        result.mp4, result.srt = result.outputs["mp4"], result.outputs["srt"]
        result.duration = float(reply.get("duration") or 0.0)

    def payload(self) -> dict:
        files = self.files()
        rel = next(r for r, p in files.items() if Path(p).resolve() == self.part.path.resolve())
        return {"kind": "part", "handler": "scenes.pipeline.cluster:render_part_task",
                "stem": self.stem, "files": project_payload(files), "key": self.key(),
                "part": {"number": self.part.number, "file": rel, "scene": self.part.scene,
                         "title": self.part.title},
                "quality": self.quality, "voice": self.voice, "speedups": self.speedups, "extra": self.extra}


def _run_local(units: list[Unit], results: list[Result], jobs: int, console) -> None:
    from rich.live import Live

    pool = cf.ThreadPoolExecutor(max_workers=max(1, jobs))

    def one(unit: Unit, result: Result) -> None:
        unit.run_local(result)
        unit.done(result)

    todo = [(u, r) for u, r in zip(units, results) if r.status == "queued"]
    futures = {}
    try:
        with Live(_table(results), console=console, refresh_per_second=4, transient=False) as live:
            for u, r in todo:
                futures[pool.submit(one, u, r)] = r
            pending = set(futures)
            while pending:
                _, pending = cf.wait(pending, timeout=0.5)
                live.update(_table(results))
            live.update(_table(results))
        if not console.is_terminal:
            console.print()
    except KeyboardInterrupt:
        _stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        if not console.is_terminal:
            console.print()
        raise Interrupted() from None
    pool.shutdown(wait=True)
    for f, r in futures.items():
        exc = f.exception()
        if exc is not None and not isinstance(exc, (RenderFailed, Interrupted)):
            raise exc


def run_units(units: list[Unit], *, jobs: int = 1, scheduler: str | None = None, force: bool = False,
              console=None, title: str = "render") -> list[Result]:
    """Render every unit whose outputs are not up to date (all of them with ``force``): with ``jobs``
    local workers, or as tasks on the Dask scheduler at ``scheduler``. One status line per unit.

    Returns the results (``status`` "done" or "up to date") when all succeed; raises RenderFailed
    (after the others finish: one line per failure and the tail of its log) and Interrupted (every
    child process or cluster task stopped) on Ctrl-C. An unreachable scheduler is a PipelineError.
    """
    from rich.console import Console

    console = console or Console(stderr=True)
    results = [Result(getattr(u, "part", None), unit=u) for u in units]
    _STOP.clear()
    for u, r in zip(units, results):
        r.log = u.log_path
        if not force and u.up_to_date():
            u.skipped(r)
    fresh = sum(r.status == "queued" for r in results)
    client = None
    if scheduler and fresh:
        from .cluster import connect

        client = connect(scheduler)  # an unreachable scheduler: one line, before anything is printed
    console.print(f"{title}: {fresh} to render, {len(units) - fresh} up to date"
                  + (f", on {scheduler}" if client is not None else ""), highlight=False)
    if fresh:
        if client is not None:
            from .cluster import run_on_cluster

            run_on_cluster(units, results, client, console)
        else:
            _run_local(units, results, jobs, console)
    report_failures(results, console)
    return results


def child_env(**extra: str) -> dict:
    """The environment of a child render process."""
    return dict(os.environ, PYTHONUNBUFFERED="1", **extra)
