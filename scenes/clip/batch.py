"""Clips as units of work (``scenes.pipeline.build``): incremental, in parallel, or on a Dask cluster.

``python -m scenes clip A.toml B.toml ... -o OUT_DIR/`` makes one ``ClipUnit`` per spec; each renders
in a child process (``scenes.clip.child``), locally (``--jobs``) or as a task on ``--scheduler``.
The inputs key of a clip is its checked spec (every value after flags), the output format, the
render shortcuts switch, and the clip code with everything it imports; it is stored beside the
clip as ``.NAME.EXT.inputs.json``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

from scenes.pipeline.build import Unit, child_env, project_payload
from scenes.pipeline.errors import RenderFailed
from scenes.pipeline.render import Result, run_child
from scenes.registry import REPO

from .spec import ClipSpec

__all__ = ["ClipUnit", "render_clip_task", "CHILD"]

#: the module every clip renders in (its import closure is the clip's code)
CHILD = REPO / "scenes" / "clip" / "child.py"


def _speed_env(speedups: bool) -> dict:
    return child_env(OPTIM_SPEEDUPS="1" if speedups else "0")


class ClipUnit(Unit):
    """One clip spec rendered to one file."""

    kind = "clip"

    def __init__(self, spec: ClipSpec, output: str | os.PathLike, number: int = 1, speedups: bool = True):
        self.spec = spec
        self.output = Path(output).absolute()
        self.speedups = speedups
        self.number, self.name, self.stem = number, self.output.name, self.output.name

    def entries(self) -> list[Path]:
        return [CHILD]

    def settings(self) -> dict:
        spec = dataclasses.asdict(self.spec)
        spec.pop("source", None)  # where the spec came from does not change the clip
        return {"spec": spec, "format": self.spec.video.format, "speedups": self.speedups}

    def outputs(self) -> dict[str, Path]:
        return {"video": self.output}

    @property
    def sidecar(self) -> Path:
        return self.output.with_name(f".{self.output.name}.inputs.json")

    @property
    def log_path(self) -> Path:
        tag = hashlib.sha256(str(self.output).encode()).hexdigest()[:8]
        folder = Path(tempfile.gettempdir()) / "optim-clip-logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{self.output.name}-{tag}.log"

    def run_local(self, result: Result) -> None:
        import time

        result.status = "rendering"
        result.started = time.monotonic()
        result.log = self.log_path
        result.log.write_text("")
        with tempfile.TemporaryDirectory(prefix="clip-spec-") as work:
            pkl = Path(work) / "spec.pickle"
            pkl.write_bytes(pickle.dumps(self.spec))
            try:
                status, rss = run_child([sys.executable, "-m", "scenes.clip.child", str(pkl), str(self.output)],
                                        result.log, REPO, _speed_env(self.speedups))
            finally:
                result.finished = time.monotonic()
        result.render_seconds, result.maxrss_kb = result.elapsed, rss
        if status != 0:
            result.status = "FAILED"
            result.error = f"rendering clip {self.name} failed (exit {status}); log: {result.log}"
            raise RenderFailed(result.error)
        result.outputs = self.outputs()
        result.duration = _duration(self.output)
        result.status = "done"

    def accept(self, result: Result, reply: dict) -> None:
        super().accept(result, reply)
        result.duration = _duration(self.output)

    def payload(self) -> dict:
        return {"kind": "clip", "handler": "scenes.clip.batch:render_clip_task", "stem": self.stem, "files": project_payload(self.files()), "key": self.key(),
                "spec": pickle.dumps(self.spec), "suffix": self.output.suffix, "speedups": self.speedups}


def _duration(path: Path) -> float:
    from scenes.pipeline.media import duration, probe

    try:
        return duration(probe(path))
    except Exception:  # noqa: BLE001 - a number for the table only
        return 0.0


def render_clip_task(payload: dict, project: Path, base: Path) -> dict:
    """On a cluster worker: render the clip from the scratch ``project``; return its bytes and log."""
    (base / "clips").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="clip-", dir=base / "clips"))
    try:
        pkl = work / "spec.pickle"
        pkl.write_bytes(payload["spec"])
        out = work / f"clip{payload['suffix']}"
        log = work / "clip.log"
        log.write_text("")
        import time

        t0 = time.monotonic()
        status, rss = run_child([sys.executable, "-m", "scenes.clip.child", str(pkl), str(out)], log, project,
                                _speed_env(payload["speedups"]))
        seconds = time.monotonic() - t0
        if status != 0 or not out.is_file():
            return {"ok": False, "error": f"rendering clip {payload['stem']} failed (exit {status})",
                    "log": log.read_bytes(), "render_seconds": seconds}
        return {"ok": True, "outputs": {"video": out.read_bytes()}, "log": log.read_bytes(),
                "render_seconds": seconds, "maxrss_kb": rss}
    finally:
        shutil.rmtree(work, ignore_errors=True)
