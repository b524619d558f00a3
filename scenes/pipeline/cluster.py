"""Units as tasks on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

The client sends each unit's payload (``Unit.payload()``: the bytes of the scene file, every
project module it imports, ``manim.cfg`` and the assets, plus its settings and inputs key) as one
task. ``worker_task`` runs on a worker, which is an ordinary machine with the project set up
(``scripts/setup.sh``) and ``dask worker ADDRESS`` running from its virtual environment:

1. it checks that its environment (versions of Python, manim, ..., ffmpeg, the project's pipeline
   code, the voice model's SHA-256) is the client's; a difference is a failure naming it, never a
   silently different video;
2. it writes the files it was sent into a scratch project folder and renders from there with the
   same code a local render uses (``render_part``, or the clip child process), into a scratch media
   folder kept for the worker's lifetime (manim's partial-movie cache and the voice cache carry
   over between tasks);
3. it returns the outputs' bytes, the log and a few numbers. No shared file system is assumed;
   the client writes everything atomically where a local render writes it.

Faults: a worker that dies mid-task makes the scheduler run the task on another worker (up to its
``distributed.scheduler.allowed-failures``, default 3, then ``KilledWorker``); an exception raised
by the task itself (a broken scratch disk, say) is retried ``RETRIES`` times; a render that fails
for a real reason (manim's exit status) is a normal reply, reported with its log tail and never
retried. Ctrl-C on the client cancels every task; a worker stops the child process of a task that
was cancelled (or whose client went away) within a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

from scenes.registry import REPO

from .errors import PipelineError
from .media import atomic_output
from .render import Interrupted, Result, _die_with_parent, _table

__all__ = ["connect", "run_on_cluster", "worker_task", "check_address", "LocalDaskCluster", "TOPIC", "RETRIES"]

#: event topic the tasks report their progress on (rendering on which worker, finishing)
TOPIC = "optim-render"
#: retries of a task that raised (not of a failed render, which is a reply, nor of a dead worker,
#: which the scheduler handles with its allowed-failures)
RETRIES = 2
#: seconds to wait for the scheduler to answer
CONNECT_TIMEOUT = float(os.environ.get("OPTIM_SCHEDULER_TIMEOUT", "10"))

_ADDRESS = re.compile(r"^(?:(tcp|tls)://)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")


def check_address(address: str) -> str:
    """``tcp://host:port`` (``host:port`` means tcp); anything else is a one-line PipelineError."""
    m = _ADDRESS.match(address.strip())
    if not m or not 0 < int(m.group(3)) < 65536:
        raise PipelineError(f"bad scheduler address {address!r}; expected tcp://HOST:PORT, e.g. tcp://scheduler-host:8786")
    return f"{m.group(1) or 'tcp'}://{m.group(2)}:{m.group(3)}"


def _quiet_logs() -> None:
    """The client prints its own lines; distributed's warnings (closing connections ...) stay quiet."""
    for name in ("distributed", "distributed.client", "distributed.core", "distributed.comm",
                 "distributed.batched", "distributed.utils", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A Client for the scheduler at ``address``, or a one-line PipelineError (bad or unreachable)."""
    address = check_address(address)
    _quiet_logs()
    try:
        from distributed import Client
    except ImportError:
        raise PipelineError("--scheduler needs dask's distributed package; run `make setup`") from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise PipelineError(f"cannot reach the Dask scheduler at {address} ({reason[:160]})") from None
    except Exception as e:  # noqa: BLE001 - distributed raises several kinds; all mean "cannot connect"
        raise PipelineError(f"cannot connect to the Dask scheduler at {address}: {type(e).__name__}: "
                            f"{str(e).strip()[:160]}") from None


# ----------------------------------------------------------------------------- client side
def run_on_cluster(units, results: list[Result], client, console) -> None:
    """Submit the queued units as tasks on ``client`` (see ``connect``), show their progress, write
    what comes back; the client is closed at the end."""
    from rich.live import Live

    run = uuid.uuid4().hex[:8]
    by_key: dict[str, Result] = {}
    lock = threading.Lock()

    def on_event(event) -> None:
        _, msg = event
        r = by_key.get(msg.get("key")) if isinstance(msg, dict) else None
        if r is None:
            return
        with lock:
            if msg.get("status") == "start":
                r.attempts += 1
                r.where = str(msg.get("worker", ""))
                r.status = "rendering" if r.attempts == 1 else "retrying"
                if r.started is None:
                    r.started = time.monotonic()
            elif msg.get("status") in ("finishing", "rendering"):
                r.status = msg["status"] if r.attempts <= 1 else "retrying"

    futures = {}
    try:
        client.subscribe_topic(TOPIC, on_event)
        for u, r in zip(units, results):
            if r.status != "queued":
                continue
            key = f"optim-{u.kind}-{u.stem}-{u.key()['digest'][:10]}-{run}"
            by_key[key] = r
            futures[client.submit(worker_task, u.payload(), key=key, retries=RETRIES)] = (u, r)
        workers = len(client.scheduler_info().get("workers", {}))
        if workers == 0:
            console.print("no workers are connected to the scheduler yet; waiting for one (Ctrl-C stops)",
                          highlight=False)
        pending = set(futures)
        with Live(_table(results, cluster=True), console=console, refresh_per_second=4, transient=False) as live:
            while pending:
                for f in [f for f in pending if f.done()]:
                    pending.discard(f)
                    u, r = futures[f]
                    _finish(f, u, r)
                    live.update(_table(results, cluster=True))
                time.sleep(0.25)
                with lock:
                    live.update(_table(results, cluster=True))
        if not console.is_terminal:
            console.print()
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            client.cancel(list(futures), force=True)
        for _, r in futures.values():
            if r.status not in ("done", "FAILED"):
                r.status = "interrupted"
        with contextlib.suppress(Exception):
            client.close(timeout=5)
        if not console.is_terminal:
            console.print()
        raise Interrupted() from None
    finally:
        with contextlib.suppress(Exception):
            client.unsubscribe_topic(TOPIC)
        with contextlib.suppress(Exception):
            client.close(timeout=5)


def _finish(future, unit, r: Result) -> None:
    """Write a finished task's outputs (or record its failure) on this machine."""
    from distributed import KilledWorker

    r.finished = time.monotonic()
    if r.started is None:
        r.started = r.finished
    try:
        reply = future.result()
    except KilledWorker as e:
        r.status = "FAILED"
        r.error = (f"{unit.name}: the workers running it died {r.attempts or 'several'} time(s); "
                   f"the scheduler gave up ({str(e).strip()[:200]})")
        return
    except Exception as e:  # noqa: BLE001 - the task raised after its retries, or was cancelled
        r.status = "FAILED"
        r.error = f"{unit.name}: cluster task failed after {RETRIES} retries: {type(e).__name__}: {str(e).strip()[:300]}"
        return
    r.where = reply.get("worker") or r.where
    r.render_seconds = float(reply.get("render_seconds") or 0.0)
    r.maxrss_kb = int(reply.get("maxrss_kb") or 0)
    log = unit.log_path
    if reply.get("log") is not None:
        with atomic_output(log) as tmp:
            Path(tmp).write_bytes(reply["log"])
        r.log = log
    if not reply.get("ok"):
        r.status = "FAILED"
        r.error = f"{reply.get('error') or 'render failed'} (on worker {r.where}); log: {log}"
        return
    r.status = "receiving"
    unit.accept(r, reply)
    unit.done(r)
    r.status = "done"


# ----------------------------------------------------------------------------- worker side
def _base_dir() -> Path:
    """This worker's scratch folder (its local directory, or ``$OPTIM_WORKER_DIR``)."""
    env = os.environ.get("OPTIM_WORKER_DIR")
    if env:
        return Path(env)
    try:
        from distributed import get_worker

        return Path(get_worker().local_directory) / "optim"
    except (ImportError, ValueError):
        return Path(tempfile.gettempdir()) / f"optim-worker-{os.getpid()}"


def _materialize(files: dict[str, bytes], base: Path) -> Path:
    """The files the client sent, as a project folder (one per distinct set of files, made atomically)."""
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    target = base / "projects" / h.hexdigest()[:16]
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".incoming-", dir=target.parent))
    for rel, data in files.items():
        dst = tmp / (rel.replace("@outside/", "_outside/"))
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
    try:
        os.rename(tmp, target)
    except OSError:  # another task made it first
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _differences(payload: dict) -> list[str]:
    """What differs between this worker and the client (versions, pipeline code, voice)."""
    from . import inputs
    from .tools import narration

    theirs = payload["key"]["environment"]
    mine = inputs.environment(REPO)
    out = [f"{k} {mine.get(k)!r} (client: {v!r})" for k, v in theirs.items() if mine.get(k) != v]
    voice = payload["key"]["settings"].get("voice")
    if isinstance(voice, dict):
        here = narration().voice_identity(payload.get("voice"))
        if here != voice:
            out.append(f"voice {payload.get('voice')!r}: {here.get('problem') or 'a different model or settings'}")
    return out


class _Watch:
    """Stops this task's child process when the scheduler cancels the task (Ctrl-C on the client,
    or the client went away)."""

    def __init__(self):
        from distributed import get_worker
        from distributed.worker import thread_state

        self.worker = get_worker()
        self.key = getattr(thread_state, "key", None)
        self.procs: list = []
        self.cancelled = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def add(self, proc) -> None:
        self.procs.append(proc)
        if self.cancelled:
            self._kill()

    def _wanted(self) -> bool:
        try:
            ts = self.worker.state.tasks.get(self.key)
        except Exception:  # noqa: BLE001 - internal state moved: assume still wanted
            return True
        return ts is not None and ts.state not in ("cancelled", "released", "forgotten")

    def _kill(self) -> None:
        for p in self.procs:
            with contextlib.suppress(ProcessLookupError, OSError):
                p.terminate()
        deadline = time.monotonic() + 5
        for p in self.procs:
            while p.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            if p.poll() is None:
                with contextlib.suppress(ProcessLookupError, OSError):
                    p.kill()

    def _loop(self) -> None:
        while not self._stop.wait(0.3):
            if self.key is not None and not self._wanted():
                self.cancelled = True
                self._kill()
                return

    def close(self) -> None:
        self._stop.set()


def worker_task(payload: dict) -> dict:
    """Render one unit on this worker; return ``{"ok", "outputs": {role: bytes}, "log", ...}``.

    A render that fails is a reply with ``ok=False`` (not an exception: it must not be retried)."""
    from distributed import get_worker

    from .render import _THREAD

    worker = get_worker()
    name = worker.name if isinstance(worker.name, str) and not str(worker.name).isdigit() else worker.address
    watch = _Watch()
    worker.log_event(TOPIC, {"key": watch.key, "status": "start", "worker": str(name)})
    base = _base_dir()
    reply: dict = {"ok": False, "worker": str(name), "log": None}
    try:
        diff = _differences(payload)
        if diff:
            reply["error"] = (f"worker {name} is not set up like the client: " + "; ".join(diff)
                              + " (set workers up with scripts/setup.sh from the same commit)")
            return reply
        project = _materialize(payload["files"], base)
        _THREAD.on_process = watch.add
        _THREAD.die_with_parent = True
        try:
            reply.update(_handler(payload)(payload, project, base))
        finally:
            _THREAD.on_process = None
            _THREAD.die_with_parent = False
        if watch.cancelled:
            reply.update(ok=False, error="cancelled")
        return reply
    finally:
        watch.close()


def _handler(payload: dict):
    """The worker-side function of a unit kind: ``payload["handler"]`` ("scenes.module:function",
    called as ``f(payload, project, scratch_base) -> reply``), or the built-in part renderer."""
    import importlib

    name = payload.get("handler") or "scenes.pipeline.cluster:render_part_task"
    module, _, func = name.partition(":")
    if not (module == "scenes" or module.startswith("scenes.")) or not func:
        raise ValueError(f"unit handler {name!r} is not a scenes.* function")
    return getattr(importlib.import_module(module), func)


@contextlib.contextmanager
def _locked(path: Path):
    """One task at a time for one part in one scratch media folder (its files have fixed names)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def render_part_task(payload: dict, project: Path, base: Path) -> dict:
    """On a worker: render one part from the scratch ``project`` with ``render_part``; return its bytes and log."""
    from .errors import RenderFailed
    from .parts import Part
    from .render import render_part

    info = payload["part"]
    rel = info["file"].replace("@outside/", "_outside/")
    part = Part(info["number"], project / rel, info["scene"], info["title"])
    settings = hashlib.sha256(repr((payload["quality"], payload["voice"], payload["speedups"],
                                    payload["extra"])).encode()).hexdigest()[:12]
    media = base / "media" / settings
    result = Result(part)
    with _locked(media / "locks" / f"{part.stem}.lock"):
        try:
            render_part(result, payload["quality"], payload["voice"], media, payload["extra"],
                        payload["speedups"], project=project)
        except RenderFailed as e:
            log = result.log.read_bytes() if result.log and result.log.is_file() else b""
            return {"ok": False, "error": str(e).split("; log:")[0], "log": log,
                    "render_seconds": result.render_seconds}
        out = {"ok": True, "outputs": {"mp4": result.mp4.read_bytes(), "srt": result.srt.read_bytes()},
               "log": result.log.read_bytes(), "duration": result.duration,
               "render_seconds": result.render_seconds, "maxrss_kb": result.maxrss_kb}
        for p in (result.mp4, result.srt):
            with contextlib.suppress(OSError):
                p.unlink()
        return out


# ----------------------------------------------------------------------------- a cluster on this machine
class LocalDaskCluster:
    """``dask scheduler`` and N ``dask worker`` processes on 127.0.0.1 (random free ports), for the
    tests and ``make bench``; every process is stopped on ``close()`` (also after a failure).

        with LocalDaskCluster(2, workdir) as cluster:
            render_parts(..., scheduler=cluster.address)
            cluster.kill_worker("w1")
    """

    def __init__(self, workers: int, workdir: str | os.PathLike, nthreads: int = 1, env: dict | None = None,
                 timeout: float = 120):
        self.workdir = Path(workdir)
        self.n, self.nthreads, self.timeout = workers, nthreads, timeout
        self.env = dict(os.environ if env is None else env)
        # the workers import this checkout's code (the client pickles worker_task by reference)
        self.env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [self.env.get("PYTHONPATH")])])
        self.env.setdefault("DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES", "3")
        self.scheduler = None
        self.workers: dict[str, object] = {}
        self.address = ""

    @staticmethod
    def _dask() -> list[str]:
        import sys

        exe = Path(sys.executable).parent / "dask"
        return [str(exe)] if exe.exists() else [sys.executable, "-m", "dask"]

    def _spawn(self, args: list[str], log: Path):
        import subprocess

        f = open(log, "w")
        try:
            # its own process group (killed as a whole), and gone if this process dies without closing it
            return subprocess.Popen(self._dask() + args, cwd=REPO, env=self.env, stdout=f, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
        finally:
            f.close()

    def __enter__(self) -> "LocalDaskCluster":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        import json

        self.workdir.mkdir(parents=True, exist_ok=True)
        info = self.workdir / "scheduler.json"
        info.unlink(missing_ok=True)
        self.scheduler = self._spawn(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                      "--scheduler-file", str(info)], self.workdir / "scheduler.log")
        deadline = time.monotonic() + self.timeout
        while not info.is_file():
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dask scheduler did not start; see {self.workdir / 'scheduler.log'}")
            time.sleep(0.2)
        time.sleep(0.2)
        self.address = json.loads(info.read_text())["address"]
        for i in range(1, self.n + 1):
            self.add_worker(f"w{i}")
        self.wait_for_workers(self.n)

    def add_worker(self, name: str):
        local = self.workdir / name
        local.mkdir(parents=True, exist_ok=True)
        self.workers[name] = self._spawn(
            ["worker", self.address, "--name", name, "--nthreads", str(self.nthreads), "--no-nanny",
             "--no-dashboard", "--memory-limit", "0", "--host", "127.0.0.1", "--local-directory", str(local),
             "--death-timeout", "60"], self.workdir / f"{name}.log")
        return self.workers[name]

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        _quiet_logs()
        deadline = time.monotonic() + self.timeout
        with Client(self.address, timeout=30, set_as_default=False) as client:
            while len(client.scheduler_info(n_workers=-1)["workers"]) < n:
                dead = [k for k, p in self.workers.items() if p.poll() is not None]
                if dead or time.monotonic() > deadline:
                    raise RuntimeError(f"dask workers did not start ({', '.join(dead) or 'timeout'}); "
                                       f"see the logs in {self.workdir}")
                time.sleep(0.2)

    def kill_worker(self, name: str) -> None:
        """SIGKILL a worker and everything it started (its render's manim process too)."""
        import signal

        p = self.workers[name]
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=30)

    def close(self) -> None:
        import signal

        procs = [p for p in [*self.workers.values(), self.scheduler] if p is not None]
        for p in procs:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in procs:
            while p.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(p.pid, signal.SIGKILL)  # the process group: stragglers (manim, piper) too
            with contextlib.suppress(Exception):
                p.wait(timeout=10)
