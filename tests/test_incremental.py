"""Incremental builds: a part whose inputs did not change is not rendered again (small scene files of
our own, flite voice, 480p15: a few seconds each)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline_helpers import REPO, run_scenes
from scenes.pipeline import inputs

SCENE = '''
from manim import {shape}, Create
from scenes.scene import ExplainerScene


class {name}(ExplainerScene):
    chapter = {number}
    title = "{name}"

    def construct(self):
        with self.voiceover(text="{line}") as tracker:
            self.play(Create({shape}()), run_time=tracker.duration)
        self.wait(0.3)
'''


def _scene(folder: Path, name: str, number: int, shape: str, line: str) -> Path:
    path = folder / f"{name.lower()}.py"
    path.write_text(SCENE.format(name=name, number=number, shape=shape, line=line))
    return path


@pytest.fixture
def two_scenes(tmp_path):
    a = _scene(tmp_path, "TinyA", 1, "Square", "A square.")
    b = _scene(tmp_path, "TinyB", 2, "Circle", "A circle.")
    return tmp_path / "media", [f"{a}:TinyA", f"{b}:TinyB"], b


def _render(media, specs, *flags, voice="flite:slt", quality="low"):
    proc = run_scenes("render", *specs, "--quality", quality, "--voice", voice, "--media-dir", media,
                      "--jobs", "2", *flags, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return proc


def _stamps(media: Path) -> dict[str, int]:
    """mtime of every chapter output and of the joined video."""
    files = sorted((media / "chapters").glob("*.mp4")) + sorted((media / "chapters").glob("*.srt"))
    files += [media / "optimizers_explained.mp4"]
    return {p.name: p.stat().st_mtime_ns for p in files if p.exists()}


def test_no_change_edit_force(two_scenes):
    media, specs, b = two_scenes
    first = _render(media, specs, "--join")
    assert "2 to render, 0 up to date" in first.stderr
    for stem in ("01_TinyA", "02_TinyB"):
        key = json.loads((media / "chapters" / f"{stem}.inputs.json").read_text())
        assert key["outputs"]["mp4"]["file"] == f"{stem}.mp4"
        assert "scenes/scene.py" in key["files"] and "manim.cfg" in key["files"]
        assert key["settings"]["voice"]["voice"] == "flite:slt" and key["settings"]["quality"] == "low"
    stamps = _stamps(media)
    assert len(stamps) == 5

    # nothing changed: nothing rendered, the joined video kept
    again = _render(media, specs, "--join")
    assert "0 to render, 2 up to date" in again.stderr
    assert "joined video is up to date" in again.stderr
    assert _stamps(media) == stamps

    # one chapter edited (a narration sentence): only it renders, the joined video is rebuilt
    b.write_text(b.read_text().replace("A circle.", "A round circle."))
    edited = _render(media, specs, "--join")
    assert "1 to render, 1 up to date" in edited.stderr
    now = _stamps(media)
    assert now["01_TinyA.mp4"] == stamps["01_TinyA.mp4"] and now["01_TinyA.srt"] == stamps["01_TinyA.srt"]
    assert now["02_TinyB.mp4"] != stamps["02_TinyB.mp4"]
    assert now["optimizers_explained.mp4"] != stamps["optimizers_explained.mp4"]
    assert "A round circle." in (media / "chapters" / "02_TinyB.srt").read_text()

    # --force renders all
    forced = _render(media, specs, "--force")
    assert "2 to render, 0 up to date" in forced.stderr
    assert not [p for p in media.rglob("*") if ".part-" in p.name]


def test_changed_voice_quality_or_missing_output_renders_again(two_scenes):
    media, specs, _ = two_scenes
    one = specs[:1]
    _render(media, one)
    assert "0 to render, 1 up to date" in _render(media, one).stderr
    assert "1 to render, 0 up to date" in _render(media, one, voice="flite:awb").stderr
    assert "1 to render, 0 up to date" in _render(media, one, voice="flite:awb", quality="medium").stderr
    assert "0 to render, 1 up to date" in _render(media, one, voice="flite:awb", quality="medium").stderr
    (media / "chapters" / "01_TinyA.srt").unlink()
    assert "1 to render, 0 up to date" in _render(media, one, voice="flite:awb", quality="medium").stderr
    assert (media / "chapters" / "01_TinyA.srt").is_file()


# ----------------------------------------------------------------------------- the key, without rendering
def _fake_project(root: Path) -> None:
    for rel, text in {
        "scenes/__init__.py": "",
        "scenes/scene.py": "from scenes.kit import helper\nimport optim_core\n",
        "scenes/kit/__init__.py": "from .shapes import Box\n",
        "scenes/kit/shapes.py": "from . import helper\nclass Box: pass\n",
        "scenes/kit/helper.py": "def f():\n    from ..narration import x\n",
        "scenes/kit/unused.py": "",
        "scenes/narration.py": "x = 1\n",
        "scenes/ch01_a.py": "import numpy\nfrom scenes.scene import *\n",
        "optim_core/__init__.py": "from .run import run\n",
        "optim_core/run.py": "def run(): pass\n",
        "manim.cfg": "[CLI]\n",
        "assets/palettes/x.csv": "0,0,0\n",
        "assets/stills/readme.png": "not an input",
    }.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_import_closure_follows_project_imports(tmp_path):
    _fake_project(tmp_path)
    found = {p.relative_to(tmp_path).as_posix() for p in inputs.import_closure(tmp_path / "scenes/ch01_a.py", tmp_path)}
    assert found == {"scenes/ch01_a.py", "scenes/__init__.py", "scenes/scene.py", "scenes/kit/__init__.py",
                     "scenes/kit/shapes.py", "scenes/kit/helper.py", "scenes/narration.py",
                     "optim_core/__init__.py", "optim_core/run.py"}
    files = inputs.project_files([tmp_path / "scenes/ch01_a.py"], tmp_path)
    assert "manim.cfg" in files and "assets/palettes/x.csv" in files
    assert "assets/stills/readme.png" not in files and "scenes/kit/unused.py" not in files


def test_key_changes_with_any_input(tmp_path):
    _fake_project(tmp_path)

    def key(**settings):
        files = inputs.project_files([tmp_path / "scenes/ch01_a.py"], tmp_path)
        return inputs.unit_key("part", "01_A", files, {"quality": "low", **settings}, tmp_path)["digest"]

    base = key()
    assert key() == base
    assert key(quality="high") != base
    (tmp_path / "scenes/kit/unused.py").write_text("changed = True\n")
    assert key() == base  # not imported: not an input
    for rel in ("scenes/narration.py", "optim_core/run.py", "manim.cfg", "assets/palettes/x.csv"):
        p = tmp_path / rel
        old = p.read_text()
        p.write_text(old + "\n# edited\n")
        assert key() != base, rel
        p.write_text(old)
        os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 1000))
        assert key() == base, rel


def test_voice_identity_holds_the_model_hash():
    from scenes.narration import joe_model, piper_problem, voice_identity

    if piper_problem(None):
        pytest.skip("piper is not installed here")
    ident = voice_identity("piper")
    assert ident["settings"]["model_sha256"] == inputs.file_digest(joe_model())
    assert voice_identity("flite:slt") != voice_identity("flite:awb")
    assert voice_identity("none")["timing"] == ident


def test_real_chapter_key_covers_its_imports():
    from scenes import registry

    chapter = registry.chapters()[0]
    files = inputs.project_files([chapter.path])
    assert chapter.file in files
    for rel in ("scenes/scene.py", "scenes/narration.py", "scenes/kit/speed.py", "optim_core/__init__.py",
                "manim.cfg"):
        assert rel in files
    assert all((REPO / rel).is_file() for rel in files)


def test_clip_up_to_date_and_force(tmp_path):
    from clip_helpers import tiny_spec

    spec = tiny_spec(tmp_path / "c.toml")
    out = tmp_path / "c.mp4"
    first = run_scenes("clip", spec, "-o", out, timeout=600)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / ".c.mp4.inputs.json").is_file()
    stamp = out.stat().st_mtime_ns
    again = run_scenes("clip", spec, "-o", out, timeout=600)
    assert again.returncode == 0 and "up to date" in again.stdout
    assert out.stat().st_mtime_ns == stamp
    changed = run_scenes("clip", spec, "-o", out, "--steps", "8", timeout=600)
    assert changed.returncode == 0 and "wrote" in changed.stdout
    forced = run_scenes("clip", spec, "-o", out, "--steps", "8", "--force", timeout=600)
    assert forced.returncode == 0 and "wrote" in forced.stdout
