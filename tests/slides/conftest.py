"""One small deck built once per session: a tiny chapter rendered with flite, a custom clip, the
opening, ``--audio`` and ``--pptx``, at low quality (a few minutes on two cores)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slides_helpers import TINY_CLIP, Built, run_slides  # noqa: E402


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The deck, its .pptx, and the media folder the tiny chapter was rendered into."""
    root = tmp_path_factory.mktemp("slides")
    scene = root / "tiny_scene.py"
    shutil.copyfile(Path(__file__).with_name("tiny_scene.py"), scene)
    spec = root / "tiny.toml"
    spec.write_text(TINY_CLIP)
    media, deck, pptx = root / "media", root / "deck", root / "deck.pptx"
    proc = run_slides(f"{scene}:TinyBeats", "--clip", spec, "-o", deck, "--pptx", pptx, "--quality", "low",
                      "--voice", "flite:slt", "--audio", "--media-dir", media, timeout=1800)
    if proc.returncode != 0:
        pytest.fail(f"slides failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return Built(root, deck, pptx, media, proc)


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where the browser tests save their screenshots ($SLIDES_SHOTS to keep them)."""
    keep = os.environ.get("SLIDES_SHOTS")
    path = Path(keep) if keep else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def pdf_pages(built, tmp_path_factory) -> list[Path]:
    """The .pptx converted to PDF by LibreOffice (headless), its pages as PNG ($SLIDES_SHOTS keeps them)."""
    keep = os.environ.get("SLIDES_SHOTS")
    out = Path(keep) / "pdf" if keep else tmp_path_factory.mktemp("pdf")
    out.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("lo-profile")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (scripts/setup.sh installs libreoffice-impress-nogui)"
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                           "pdf", "--outdir", str(out), str(built.pptx)], capture_output=True, text=True,
                          timeout=600)
    pdf = out / (built.pptx.stem + ".pdf")
    assert proc.returncode == 0 and pdf.is_file(), f"LibreOffice failed: {proc.stdout}{proc.stderr}"
    subprocess.run(["pdftoppm", "-r", "48", "-png", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"))
