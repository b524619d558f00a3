"""``--scheduler``: chapters and clips as tasks on a real Dask cluster.

The fixture starts ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (random free
ports, separate processes) and always stops them, also when a test fails. Two real chapters at 480p
and a batch of two clips are rendered through it and compared with local renders (same decoded
frames, same subtitles); a worker killed mid-task leads to a retry on the other worker and a
complete, correct output; a real failure is reported once with its log tail; Ctrl-C cancels the
cluster's tasks.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from clip_helpers import tiny_spec
from pipeline_helpers import REPO, ctrl_c_works, run_scenes

#: two of the shortest real chapters (about 75 s of video each)
REAL = ("LearningRate", "AdamWAndWeightDecay")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, request):
    from scenes.pipeline.cluster import LocalDaskCluster

    c = LocalDaskCluster(2, tmp_path_factory.mktemp("dask"))
    request.addfinalizer(c.close)  # every process stopped, whatever happens
    c.start()
    return c


def _frames(path: Path):
    import av

    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            yield b"".join(bytes(p) for p in frame.planes)


def assert_same_frames(a: Path, b: Path) -> int:
    n = 0
    for n, (x, y) in enumerate(itertools.zip_longest(_frames(a), _frames(b)), start=1):
        assert x is not None and y is not None, f"{a.name}: the videos differ in length (frame {n})"
        assert x == y, f"{a.name}: frame {n - 1} differs"
    assert n > 0
    return n


def _key(media: Path, stem: str) -> dict:
    return json.loads((media / "chapters" / f"{stem}.inputs.json").read_text())


def test_two_real_chapters_match_a_local_render(cluster, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "remote"
    env = {k: v for k, v in os.environ.items() if k != "OPTIM_VOICE"}
    proc = run_scenes("render", *REAL, "--quality", "low", "--jobs", "2", "--media-dir", local, env=env)
    assert proc.returncode == 0, proc.stderr
    proc = run_scenes("render", *REAL, "--quality", "low", "--media-dir", remote, "--scheduler", cluster.address,
                      env=env)
    assert proc.returncode == 0, proc.stderr
    assert "worker" in proc.stderr  # the cluster's progress table
    for mp4 in sorted((local / "chapters").glob("*.mp4")):
        other = remote / "chapters" / mp4.name
        assert assert_same_frames(mp4, other) > 15 * 20
        assert other.with_suffix(".srt").read_text() == mp4.with_suffix(".srt").read_text()
        key = _key(remote, mp4.stem)
        assert key["rendered"]["on"] in ("w1", "w2")
        assert key["digest"] == _key(local, mp4.stem)["digest"]  # the same inputs, wherever rendered
        assert (remote / "logs" / f"{mp4.stem}.log").is_file()
    assert not [p for p in remote.rglob("*") if ".part-" in p.name]
    # the cluster's outputs count as up to date for a local run
    again = run_scenes("render", *REAL, "--quality", "low", "--media-dir", remote, env=env)
    assert again.returncode == 0 and "0 to render, 2 up to date" in again.stderr


def test_clip_batch_matches_a_local_batch(cluster, tmp_path):
    a = tiny_spec(tmp_path / "a.toml")
    b = tiny_spec(tmp_path / "b.toml", landscape="saddle", optimizer="sgd", lr=0.1, start="[-1.0, 0.01]",
                  aspect="1:1", fmt="gif")
    local = run_scenes("clip", a, b, "-o", f"{tmp_path / 'local'}/", "--jobs", "2", timeout=900)
    assert local.returncode == 0, local.stderr
    remote = run_scenes("clip", a, b, "-o", f"{tmp_path / 'remote'}/", "--scheduler", cluster.address, timeout=900)
    assert remote.returncode == 0, remote.stderr
    for name in ("a.mp4", "b.gif"):
        assert assert_same_frames(tmp_path / "local" / name, tmp_path / "remote" / name) >= 15
    assert sorted(p.name for p in (tmp_path / "remote").iterdir()) == [".a.mp4.inputs.json", ".b.gif.inputs.json",
                                                                        "a.mp4", "b.gif"]
    again = run_scenes("clip", a, b, "-o", f"{tmp_path / 'remote'}/", "--scheduler", cluster.address, timeout=300)
    assert again.returncode == 0 and "0 to render, 2 up to date" in again.stderr


SLOW = '''
import os
from pathlib import Path
from manim import Square, Circle, Create, Transform
from scenes.scene import ExplainerScene


class {name}(ExplainerScene):
    chapter = 1
    title = "Slow"

    def construct(self):
        Path({marker!r}).mkdir(parents=True, exist_ok=True)
        (Path({marker!r}) / str(os.getpid())).write_text("started")
        square = Square()
        self.play(Create(square), run_time=1)
        self.play(Transform(square, Circle()), run_time={seconds})
        if {broken}:
            raise RuntimeError("this scene is broken on purpose")
        self.wait(0.5)
'''


def _slow_scene(folder: Path, seconds: float = 6, broken: bool = False) -> tuple[Path, str, Path]:
    name = f"Slow{uuid.uuid4().hex[:6]}"
    marker = folder / "started"
    path = folder / f"{name.lower()}.py"
    path.write_text(SLOW.format(name=name, marker=str(marker), seconds=seconds, broken=broken))
    return path, name, marker


def _started(marker: Path) -> list[Path]:
    """The pid files the slow scene's manim processes wrote when they started."""
    return list(marker.iterdir()) if marker.is_dir() else []


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _worker_running(cluster, fragment: str) -> str | None:
    """The name of the worker processing the task whose key holds ``fragment``."""
    from distributed import Client

    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        info = client.scheduler_info(n_workers=-1)["workers"]
        for address, keys in client.processing().items():
            if any(fragment in str(k) for k in keys):
                return info[address]["name"]
    return None


def test_slides_render_their_clips_on_the_cluster(cluster, tmp_path):
    """``slides --scheduler``: the deck's clips are cluster tasks; the deck equals a local deck."""
    a = tiny_spec(tmp_path / "a.toml")
    decks = {}
    for where, extra in (("local", ()), ("remote", ("--scheduler", cluster.address))):
        media = tmp_path / f"media-{where}"
        proc = run_scenes("slides", "--clip", a, "-o", tmp_path / f"deck-{where}", "--no-intro", "--quality", "low",
                          "--media-dir", media, *extra, timeout=900)
        assert proc.returncode == 0, proc.stderr
        decks[where] = tmp_path / f"deck-{where}"
    remote_log = " ".join(proc.stderr.split())
    assert f"on {cluster.address}" in remote_log
    clips = sorted(p.name for p in (decks["local"] / "clips").glob("*.mp4"))
    assert clips == sorted(p.name for p in (decks["remote"] / "clips").glob("*.mp4")) and clips
    for name in clips:
        assert assert_same_frames(decks["local"] / "clips" / name, decks["remote"] / "clips" / name) >= 15


def test_killed_worker_is_retried_on_the_other(cluster, tmp_path):
    scene, name, marker = _slow_scene(tmp_path, seconds=6)
    local = run_scenes("render", f"{scene}:{name}", "--quality", "low", "--voice", "flite:slt",
                       "--media-dir", tmp_path / "local", timeout=600)
    assert local.returncode == 0, local.stderr
    for p in marker.iterdir():
        p.unlink()
    media = tmp_path / "remote"
    proc = subprocess.Popen([sys.executable, "-m", "scenes", "render", f"{scene}:{name}", "--quality", "low",
                             "--voice", "flite:slt", "--media-dir", str(media), "--scheduler", cluster.address],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    try:
        _wait_for(lambda: _started(marker), 300, "the scene to start on a worker")
        victim = _wait_for(lambda: _worker_running(cluster, name), 60, "the task on a worker")
        time.sleep(1.0)  # well inside the six-second animation
        cluster.kill_worker(victim)
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
        if victim is not None and cluster.workers[victim].poll() is not None:
            cluster.add_worker(victim)  # the next tests have two workers again
            cluster.wait_for_workers(2)
    assert proc.returncode == 0, err
    key = _key(media, f"01_{name}")
    assert key["rendered"]["on"] != victim and key["rendered"]["attempts"] == 2
    assert len(_started(marker)) == 2  # started twice: once per worker
    mp4 = media / "chapters" / f"01_{name}.mp4"
    assert assert_same_frames(tmp_path / "local" / "chapters" / mp4.name, mp4) > 15 * 7
    assert (media / "chapters" / f"01_{name}.srt").read_text() == \
        (tmp_path / "local" / "chapters" / f"01_{name}.srt").read_text()
    assert not [p for p in media.rglob("*") if ".part-" in p.name]


def test_real_failure_is_reported_once_with_its_log(cluster, tmp_path):
    scene, name, marker = _slow_scene(tmp_path, seconds=0.5, broken=True)
    media = tmp_path / "media"
    proc = run_scenes("render", f"{scene}:{name}", "--quality", "low", "--voice", "flite:slt",
                      "--media-dir", media, "--scheduler", cluster.address, timeout=600)
    assert proc.returncode == 1, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert name in last and f"01_{name}.log" in last and "Traceback" not in last
    assert "broken on purpose" in proc.stderr  # the log's tail
    assert "broken on purpose" in (media / "logs" / f"01_{name}.log").read_text()
    assert len(_started(marker)) == 1  # not retried
    assert not (media / "chapters").exists() or not list((media / "chapters").iterdir())


def test_ctrl_c_cancels_the_cluster_tasks(cluster, tmp_path):
    scene, name, marker = _slow_scene(tmp_path, seconds=120)
    media = tmp_path / "media"
    proc = subprocess.Popen([sys.executable, "-m", "scenes", "render", f"{scene}:{name}", "--quality", "low",
                             "--voice", "flite:slt", "--media-dir", str(media), "--scheduler", cluster.address],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=ctrl_c_works)
    try:
        _wait_for(lambda: _started(marker), 300, "the scene to start on a worker")
        manim_pid = int(_started(marker)[0].name)
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err.strip().splitlines()[-1] and "Traceback" not in err
    # the worker stopped the render it was running
    _wait_for(lambda: not Path(f"/proc/{manim_pid}").exists(), 30, "the worker's manim process to stop")
    assert not (media / "chapters").exists() or not list((media / "chapters").iterdir())
    # the cluster is free again
    _wait_for(lambda: _worker_running(cluster, name) is None, 30, "the task to leave the cluster")


# ----------------------------------------------------------------------------- bad input: one line, exit 2
def _one_line(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]


@pytest.mark.parametrize("address", ["nonsense", "tcp://host:notaport", "http://x:1"])
def test_bad_scheduler_address(address, tmp_path):
    _one_line(run_scenes("render", "1", "--quality", "low", "--media-dir", tmp_path, "--scheduler", address),
              "scheduler address")
    spec = tiny_spec(tmp_path / "a.toml")
    _one_line(run_scenes("clip", spec, "-o", tmp_path / "a.mp4", "--scheduler", address), "scheduler address")


def test_unreachable_scheduler(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, OPTIM_SCHEDULER_TIMEOUT="3")
    media = tmp_path / "media"
    _one_line(run_scenes("render", "1", "--quality", "low", "--voice", "flite:slt", "--media-dir", media,
                         "--scheduler", f"tcp://127.0.0.1:{port}", env=env), "cannot reach", str(port))
    assert not media.exists() or not list(media.rglob("*.mp4"))
    spec = tiny_spec(tmp_path / "a.toml")
    _one_line(run_scenes("clip", spec, tiny_spec(tmp_path / "b.toml"), "-o", f"{tmp_path / 'out'}/",
                         "--scheduler", f"127.0.0.1:{port}", env=env), "cannot reach")
    assert not list((tmp_path / "out").glob("*.mp4"))


def test_batch_bad_input(tmp_path):
    a = tiny_spec(tmp_path / "a.toml")
    (tmp_path / "bad.toml").write_text("[landscape\nname=")
    _one_line(run_scenes("clip", a, tmp_path / "bad.toml", "-o", f"{tmp_path / 'out'}/"), "bad.toml")
    _one_line(run_scenes("clip", a, tmp_path / "missing.toml", "-o", f"{tmp_path / 'out'}/"), "missing.toml")
    _one_line(run_scenes("clip", a, a, "-o", tmp_path / "one.mp4"), "folder")
    _one_line(run_scenes("clip", a, tmp_path / "x" / "a.toml", "-o", f"{a}/"), "not a folder")
    _one_line(run_scenes("clip", a, a, "-o", f"{tmp_path / 'no' / 'such' / 'dir'}/"), "does not exist")
    _one_line(run_scenes("render", "1", "--quality", "low", "--media-dir", a / "media"), "cannot write")
    assert not list(tmp_path.rglob("*.mp4"))
