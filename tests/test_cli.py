"""``python -m scenes``: list, and the one-line errors (exit status 2) of render; outputs are atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline_helpers import REPO, ctrl_c_works, run_scenes
from scenes import registry


def _one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for n in needles:
        assert n in lines[0]
    return lines[0]


def test_list_matches_registry():
    proc = run_scenes("list")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    chapters = registry.chapters()
    assert [r[0] for r in rows] == [c.scene for c in chapters]
    assert [r[1] for r in rows] == [c.file for c in chapters]
    numbers = [c.number for c in chapters]
    assert numbers == sorted(numbers)
    for row, c in zip(rows, chapters):
        assert len(row) == 3
        assert row[1].startswith("scenes/") and row[1].endswith(".py")
        assert row[2] == c.description and row[2].strip()


def test_unknown_scene():
    line = _one_line_error(run_scenes("render", "NoSuchScene", "--quality", "low"), "NoSuchScene")
    for c in registry.chapters():
        assert c.scene in line


def test_bad_quality():
    _one_line_error(run_scenes("render", "--quality", "ultra"), "ultra", "low", "medium", "high", "4k")


def test_bad_voice():
    _one_line_error(run_scenes("render", "--quality", "low", "--voice", "robot"), "robot", "flite")


def test_bad_voice_from_environment():
    env = dict(os.environ, OPTIM_VOICE="robot")
    _one_line_error(run_scenes("render", "--quality", "low", env=env), "robot")


def test_bad_jobs():
    _one_line_error(run_scenes("render", "--jobs", "0"), "jobs")


def test_unknown_scene_file(tmp_path):
    _one_line_error(run_scenes("render", f"{tmp_path}/nope.py:Nope"), "nope.py")


def _path_without(tmp_path, *missing) -> str:
    """A PATH of symlinks to every executable on PATH except ``missing``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for d in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            target = Path(d) / name
            link = bin_dir / name
            if name in missing or link.exists() or not os.access(target, os.X_OK):
                continue
            link.symlink_to(target)
    return str(bin_dir)


@pytest.mark.parametrize("tool,package", [("ffmpeg", "ffmpeg"), ("dvisvgm", "dvisvgm")])
def test_missing_tool_on_path(tmp_path, tool, package):
    env = dict(os.environ, PATH=_path_without(tmp_path, tool))
    scene = registry.chapters()[0].scene if registry.chapters() else "x.py:X"
    if not registry.chapters():
        (tmp_path / "x.py").write_text("class X: pass\n")
        scene = f"{tmp_path}/x.py:X"
    line = _one_line_error(run_scenes("render", scene, "--quality", "low", env=env), tool, "make setup")
    assert package in line


def test_missing_speech_engine(tmp_path):
    env = dict(os.environ, PATH=_path_without(tmp_path, "flite"))
    _one_line_error(run_scenes("render", "--quality", "low", "--voice", "flite", env=env), "flite")


def test_missing_tool_in_process(monkeypatch, capsys):
    import shutil

    from scenes.pipeline import cli

    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "latex" else real(name, *a, **k))
    if not registry.chapters():
        pytest.skip("no chapter files exist yet")
    status = cli.main(["render", registry.chapters()[0].scene, "--quality", "low"])
    err = capsys.readouterr().err
    assert status == 2
    assert "latex" in err and "texlive-latex-base" in err and len(err.strip().splitlines()) == 1


BROKEN = '''
import time
from manim import Scene, Square, Create


class Broken(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)
        raise RuntimeError("this scene is broken on purpose")


class Slow(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)
        time.sleep(120)
'''


def _good_outputs(media: Path, stem: str) -> dict[Path, bytes]:
    chapters = media / "chapters"
    chapters.mkdir(parents=True)
    files = {chapters / f"{stem}.mp4": b"a good video from an earlier render",
             chapters / f"{stem}.srt": b"1\n00:00:00,000 --> 00:00:01,000\ngood\n"}
    for p, data in files.items():
        p.write_bytes(data)
    return files


def _assert_untouched(media: Path, files: dict[Path, bytes]):
    for p, data in files.items():
        assert p.read_bytes() == data
    assert not [p for p in media.rglob("*") if ".part-" in p.name]


def test_failed_render_keeps_good_output(tmp_path):
    scene = tmp_path / "broken_scene.py"
    scene.write_text(BROKEN)
    media = tmp_path / "media"
    files = _good_outputs(media, "01_Broken")
    proc = run_scenes("render", f"{scene}:Broken", "--quality", "low", "--voice", "none",
                      "--media-dir", media, timeout=300)
    assert proc.returncode == 1, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert "Broken" in last and "01_Broken.log" in last
    assert "Traceback" not in last
    assert "broken on purpose" in (media / "logs" / "01_Broken.log").read_text()
    _assert_untouched(media, files)


def test_interrupted_render_keeps_good_output(tmp_path):
    scene = tmp_path / "slow_scene.py"
    scene.write_text(BROKEN)
    media = tmp_path / "media"
    files = _good_outputs(media, "01_Slow")
    proc = subprocess.Popen([sys.executable, "-m", "scenes", "render", f"{scene}:Slow", "--quality", "low",
                             "--voice", "none", "--media-dir", str(media)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=ctrl_c_works)
    log = media / "logs" / "01_Slow.log"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "Animation 0" not in (log.read_text() if log.exists() else ""):
        time.sleep(0.2)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 130, err
    assert "interrupted" in err.strip().splitlines()[-1]
    assert "Traceback" not in err
    _assert_untouched(media, files)
    # manim's subprocess was stopped too
    ps = subprocess.run(["pgrep", "-f", f"{scene}"], capture_output=True, text=True).stdout.split()
    assert not ps


def test_atomic_output_on_error(tmp_path):
    from scenes.pipeline.media import atomic_output

    final = tmp_path / "out.mp4"
    final.write_text("good")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(final) as tmp:
            tmp.write_text("half")
            raise KeyboardInterrupt
    assert final.read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mp4"]
    with atomic_output(final) as tmp:
        tmp.write_text("new")
    assert final.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mp4"]


PROBE = '''
import os
from manim import Square, Create
from scenes.scene import ExplainerScene
from scenes.kit import speed


class Probe(ExplainerScene):
    def construct(self):
        self.add_subcaption(f"speedups {speed.installed() != []} env {os.environ.get('OPTIM_SPEEDUPS')}", duration=1)
        self.play(Create(Square()), run_time=1)
'''


@pytest.mark.parametrize("flag,env,on", [(None, None, True), ("--no-speedups", None, False), (None, "0", False)])
def test_no_speedups_reaches_the_scene(tmp_path, flag, env, on):
    """``--no-speedups`` (or OPTIM_SPEEDUPS=0 in the caller's environment) renders with stock manim."""
    scene = tmp_path / "probe_scene.py"
    scene.write_text(PROBE)
    media = tmp_path / "media"
    environ = {k: v for k, v in os.environ.items() if k != "OPTIM_SPEEDUPS"}
    if env is not None:
        environ["OPTIM_SPEEDUPS"] = env
    proc = run_scenes("render", f"{scene}:Probe", "--quality", "low", "--voice", "none", "--media-dir", media,
                      *([flag] if flag else []), env=environ, timeout=300)
    assert proc.returncode == 0, proc.stderr
    srt = (media / "chapters" / "01_Probe.srt").read_text()
    assert f"speedups {on} env {'1' if on else '0'}" in srt
