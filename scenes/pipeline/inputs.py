"""What a rendered unit (chapter, clip, slide deck part) depends on, and whether its outputs are up to date.

A unit's *inputs key* is a JSON document of

``files``
    the SHA-256 of its scene file and of every project module it imports (the import graph of the
    ``scenes`` and ``optim_core`` packages, walked statically with ``ast``, see ``import_closure``),
    of ``manim.cfg`` and of the assets scenes read (``assets/`` but the README stills). The
    narration text lives in the scene files, so it is covered by their hashes.
``settings``
    what the command line chose: quality, voice (``scenes.narration.voice_identity``: for piper the
    model's SHA-256 and settings), the render shortcuts (``OPTIM_SPEEDUPS``), extra manim flags; for
    a clip, the whole checked spec and the output format.
``environment``
    what must be the same on every machine that renders it: the versions of Python, manim,
    manim-voiceover, ManimPango, pycairo, numpy, scipy, PyAV, the project, ffmpeg, and the hash of
    the pipeline code that finishes a render outside the scene (audio padding, subtitles).

The key is stored beside the outputs (``chapters/NN_Scene.inputs.json``, ``.CLIP.mp4.inputs.json``)
with the outputs' sizes; a unit is skipped only when the stored digest equals the new one AND every
output it lists exists with its recorded size.

Why a static walk and not ``sys.modules`` after importing the scene: it needs no manim import (a
no-change ``make video`` takes seconds, not one manim start-up per chapter), it is the same on the
client and on a cluster worker, and it over-approximates (imports inside functions or ``try``
blocks count too), so it can cause an unneeded render but never a stale skip. Dynamic imports by
string (``importlib``) are not seen; the project has none that load project modules.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from scenes.registry import REPO

__all__ = ["PROJECT_PACKAGES", "import_closure", "file_digest", "project_files", "environment", "digest",
           "unit_key", "sidecar_matches", "write_sidecar", "read_sidecar", "SCHEMA"]

SCHEMA = 1
#: top-level packages whose modules are inputs (everything else is a dependency with a version)
PROJECT_PACKAGES = ("scenes", "optim_core")
#: distributions whose versions decide the pictures and sound
VERSIONED = ("manim", "manim-voiceover", "manimpango", "pycairo", "numpy", "scipy", "av", "sympy",
             "optimizers-explained")
#: code outside the scene subprocess that shapes a chapter's files (audio track, subtitles)
PIPELINE_MODULES = ("scenes/pipeline/render.py", "scenes/pipeline/media.py", "scenes/pipeline/parts.py")


@functools.lru_cache(maxsize=4096)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_digest(path: str | os.PathLike) -> str:
    st = os.stat(path)
    return _sha256(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8192)
def _module_path(name: str, root: Path) -> Path | None:
    """The file of a project module ``a.b.c`` under ``root``, or None if it is not a project module."""
    parts = name.split(".")
    if parts[0] not in PROJECT_PACKAGES:
        return None
    base = root.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(path: Path, root: Path) -> list[str] | None:
    """``scenes/kit/speed.py`` -> ["scenes", "kit"]; None for a file outside the project packages."""
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        return None
    parts = list(rel.parts[:-1])
    if not parts or parts[0] not in PROJECT_PACKAGES:
        return None
    return parts


@functools.lru_cache(maxsize=1024)
def _imports_of(path: str, size: int, mtime_ns: int, root: str) -> tuple[str, ...]:
    """Every module name a file may import (absolute, relative ones resolved), anywhere in the file."""
    file = Path(path)
    try:
        tree = ast.parse(file.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return ()
    package = _package_of(file, Path(root))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if package is None:
                    continue
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module:
                names.append(module)
                names += [f"{module}.{a.name}" for a in node.names if a.name != "*"]
    return tuple(names)


@functools.lru_cache(maxsize=1024)
def _direct_deps(path: str, size: int, mtime_ns: int, root: str) -> tuple[Path, ...]:
    """The project module files one file imports (importing a.b.c runs a/__init__ and a/b/__init__ too)."""
    out: dict[Path, None] = {}
    for name in _imports_of(path, size, mtime_ns, root):
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            found = _module_path(".".join(parts[:i]), Path(root))
            if found is not None:
                out[found] = None
    return tuple(out)


def import_closure(entry: str | os.PathLike, root: Path = REPO) -> list[Path]:
    """``entry`` and every project module it imports, directly or not (with their packages' ``__init__``)."""
    root = Path(root).resolve()
    entry = Path(entry).resolve()
    seen: dict[Path, None] = {entry: None}
    todo = [entry]
    while todo:
        file = todo.pop()
        st = file.stat()
        for found in _direct_deps(str(file), st.st_size, st.st_mtime_ns, str(root)):
            if found not in seen:
                seen[found] = None
                todo.append(found)
    return list(seen)


def _rel(path: Path, root: Path = REPO) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return f"@outside/{path.name}"


def assets(root: Path = REPO) -> list[Path]:
    """The files scenes read at render time: ``assets/`` without the README stills."""
    base = root / "assets"
    return sorted(p for p in base.rglob("*") if p.is_file() and "stills" not in p.relative_to(base).parts)


def project_files(entries: list[Path], root: Path = REPO) -> dict[str, Path]:
    """Relative name -> path of every file a unit depends on: the entries' import closures, manim.cfg, assets.

    A scene file outside the project is named ``@outside/NAME.py``."""
    out: dict[str, Path] = {}
    for entry in entries:
        for f in import_closure(entry, root):
            out.setdefault(_rel(f, root), f)
    cfg = root / "manim.cfg"
    if cfg.is_file():
        out["manim.cfg"] = cfg
    for a in assets(root):
        out[_rel(a, root)] = a
    return dict(sorted(out.items()))


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.lru_cache(maxsize=1)
def _ffmpeg_version() -> str:
    try:
        out = subprocess.run(["ffmpeg", "-hide_banner", "-version"], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return (out.splitlines() or ["?"])[0]


def _project_version(root: Path) -> str:
    import tomllib

    try:
        return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, ValueError):
        return _version("optimizers-explained")


@functools.lru_cache(maxsize=1)
def _versions() -> tuple[tuple[str, str], ...]:
    return tuple((d, _version(d)) for d in VERSIONED if d != "optimizers-explained")


def environment(root: Path = REPO) -> dict:
    """Versions that must match on every machine rendering a unit (checked by cluster workers)."""
    env = {"python": platform.python_version(), "ffmpeg": _ffmpeg_version(), "project": _project_version(root)}
    env.update(dict(_versions()))
    h = hashlib.sha256()
    for rel in PIPELINE_MODULES:
        p = root / rel
        h.update(rel.encode() + b"\0" + (file_digest(p).encode() if p.is_file() else b"missing") + b"\0")
    env["pipeline"] = h.hexdigest()[:16]
    return env


def digest(doc: dict) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=True, default=str).encode()).hexdigest()


def unit_key(kind: str, name: str, files: dict[str, Path], settings: dict, root: Path = REPO) -> dict:
    """The inputs key of one unit, with its ``digest`` (the SHA-256 of everything else in it)."""
    key = {"schema": SCHEMA, "kind": kind, "name": name,
           "files": {rel: file_digest(p) for rel, p in files.items()},
           "settings": settings, "environment": environment(root)}
    key["digest"] = digest(key)
    return key


def read_sidecar(path: Path) -> dict | None:
    try:
        doc = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def sidecar_matches(path: Path, key: dict, outputs: dict[str, Path]) -> bool:
    """True when the stored key has the same digest and every output is there with its recorded size."""
    doc = read_sidecar(path)
    if not doc or doc.get("digest") != key["digest"]:
        return False
    recorded = doc.get("outputs") or {}
    for role, p in outputs.items():
        info = recorded.get(role)
        if not info or not Path(p).is_file() or Path(p).stat().st_size != info.get("size"):
            return False
    return True


def write_sidecar(path: Path, key: dict, outputs: dict[str, Path], **extra) -> None:
    """Store ``key`` beside the outputs (atomically), with each output's name, size and SHA-256."""
    from .media import atomic_output

    doc = dict(key)
    doc["outputs"] = {role: {"file": Path(p).name, "size": Path(p).stat().st_size, "sha256": file_digest(p)}
                      for role, p in outputs.items()}
    doc.update(extra)
    with atomic_output(path) as tmp:
        Path(tmp).write_text(json.dumps(doc, indent=1, sort_keys=True, default=str) + "\n")
