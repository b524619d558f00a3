"""Bad input: one line, exit status 2, and nothing written; an interrupted build leaves nothing either."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline_helpers import ctrl_c_works
from slides_helpers import REPO, run_slides


def _one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def _nothing_written(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(["spec.toml", "keep"])


@pytest.fixture
def place(tmp_path):
    (tmp_path / "spec.toml").write_text('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\n')
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "notes.txt").write_text("mine")
    return tmp_path


@pytest.mark.parametrize("args, expected", [
    (["NoSuchScene"], "unknown scene 'NoSuchScene'; available: "),
    (["3", "--quality", "ultra"], "bad quality 'ultra'; choose one of: low, medium, high, 4k"),
    (["3", "--voice", "klingon"], "klingon"),
    (["--clip", "{tmp}/missing.toml"], "spec file"),
    (["--clip", "{tmp}/bad.toml"], "is not valid TOML"),
    (["--clip", "{tmp}/wrong.toml"], "unknown section [optimizers]"),
    (["3", "--pptx", "{tmp}/deck.ppt"], "must end in .pptx"),
    (["3", "--pptx", "/proc/deck.pptx"], "cannot write"),
    (["3", "-o", "/proc/deck"], "cannot write the deck"),
    (["3", "-o", "{tmp}/no/such/folder"], "does not exist"),
    (["3", "-o", "{tmp}/keep"], "not empty and is not a deck made by this command"),
    (["3", "-o", "{tmp}/spec.toml"], "exists and is not a folder"),
])
def test_bad_input(place, args, expected):
    (place / "bad.toml").write_text("[landscape\n")
    (place / "wrong.toml").write_text('[landscape]\nname = "bowl"\n[[optimizers]]\nname = "adam"\n')
    args = [a.format(tmp=place) for a in args]
    if "-o" not in args:
        args += ["-o", str(place / "deck")]
    line = _one_line(run_slides(*args, "--media-dir", place / "media", timeout=120))
    assert line.startswith("python -m scenes: ")
    assert expected in line
    (place / "bad.toml").unlink()
    (place / "wrong.toml").unlink()
    _nothing_written(place)
    assert (place / "keep" / "notes.txt").read_text() == "mine"


def test_missing_output_flag(place):
    line = _one_line(run_slides("3", timeout=60))
    assert "-o/--output" in line


def test_help_lists_the_options():
    proc = run_slides("--help", timeout=60)
    assert proc.returncode == 0
    for flag in ("--clip", "--pptx", "--quality", "--voice", "--audio", "-o DECK_DIR"):
        assert flag in proc.stdout


def test_interrupted_build_leaves_nothing(tmp_path):
    """Ctrl-C while the opening clips render: no deck, no .pptx, no temporary folder or file."""
    (tmp_path / "s.toml").write_text('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\n')
    proc = subprocess.Popen([sys.executable, "-m", "scenes", "slides", "--clip", str(tmp_path / "s.toml"),
                             "-o", str(tmp_path / "deck"), "--pptx", str(tmp_path / "deck.pptx"),
                             "--quality", "low", "--media-dir", str(tmp_path / "media")],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=ctrl_c_works)
    try:
        deadline = time.monotonic() + 120
        seen = ""
        while "opening clip" not in seen and time.monotonic() < deadline:
            seen += proc.stderr.readline()
        assert "opening clip" in seen, seen
        time.sleep(1.0)  # inside manim's render of the first clip
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media", "s.toml"]
    leftovers = [p for p in (tmp_path / "media").rglob("*") if ".part" in p.name or p.suffix == ".mp4"]
    assert not leftovers
