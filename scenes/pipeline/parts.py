"""What to render: chapters from the registry, or any ``file.py:SceneClass`` given on the command line."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from scenes import registry

from .errors import PipelineError

__all__ = ["Part", "resolve_parts", "class_attrs"]


def class_attrs(path: Path, scene: str) -> dict[str, object]:
    """Constant class attributes (``chapter``, ``title``, ``description``) read without importing manim."""
    try:
        tree = ast.parse(Path(path).read_text())
    except (OSError, SyntaxError):
        return {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == scene:
            out = {}
            for stmt in node.body:
                if (isinstance(stmt, (ast.Assign, ast.AnnAssign))
                        and isinstance(stmt.value, ast.Constant)):
                    target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
                    if isinstance(target, ast.Name):
                        out[target.id] = stmt.value.value
            return out
    return {}


@dataclass(frozen=True)
class Part:
    """One scene to render and, in order, one part of the joined video."""

    number: int
    path: Path       # the scene file
    scene: str       # the scene class
    title: str

    @property
    def stem(self) -> str:
        return f"{self.number:02d}_{self.scene}"

    @property
    def chapter_title(self) -> str:
        return f"{self.number}. {self.title}"


def _from_chapter(c: registry.Chapter) -> Part:
    attrs = class_attrs(c.path, c.scene)
    return Part(c.number, c.path, c.scene, str(attrs.get("title") or c.scene))


def _from_spec(spec: str, index: int) -> Part:
    file, _, scene = spec.rpartition(":")
    path = Path(file).resolve()
    if not path.is_file():
        raise PipelineError(f"scene file {file!r} does not exist")
    attrs = class_attrs(path, scene)
    if not attrs and scene not in path.read_text():
        raise PipelineError(f"no class {scene!r} in {file}")
    number = attrs.get("chapter")
    number = number if isinstance(number, int) and number > 0 else index
    return Part(number, path, scene, str(attrs.get("title") or scene))


def resolve_parts(names: list[str] | None) -> list[Part]:
    """Parts for scene names (class, chapter number or file stem) or ``file.py:Scene`` specs; all when empty."""
    if not names:
        return [_from_chapter(c) for c in registry.chapters()]
    parts = []
    for i, name in enumerate(names, start=1):
        if ":" in name and name.rpartition(":")[0].endswith(".py"):
            parts.append(_from_spec(name, i))
        else:
            try:
                parts.append(_from_chapter(registry.find(name)))
            except KeyError as e:
                raise PipelineError(e.args[0]) from None
    return parts
