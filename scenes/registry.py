"""The chapters of the explainer in video order (``manim -a`` would sort them alphabetically)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Chapter", "PLANNED", "SCENES_IN_ORDER", "chapters", "find"]

SCENES_DIR = Path(__file__).resolve().parent
REPO = SCENES_DIR.parent


@dataclass(frozen=True)
class Chapter:
    number: int
    file: str          # relative to the repository root
    scene: str         # the ExplainerScene subclass in that file

    @property
    def path(self) -> Path:
        return REPO / self.file

    @property
    def description(self) -> str:
        """The scene class's one-line ``description``, read without importing manim."""
        from scenes.pipeline.parts import class_attrs

        return " ".join(str(class_attrs(self.path, self.scene).get("description") or "").split())


PLANNED = [
    Chapter(1, "scenes/ch01_what_an_optimizer_does.py", "WhatAnOptimizerDoes"),
    Chapter(2, "scenes/ch02_blindfolded_canyon.py", "BlindfoldedCanyon"),
    Chapter(3, "scenes/ch03_learning_rate.py", "LearningRate"),
    Chapter(4, "scenes/ch04_sgd_minibatches.py", "SGDAndMiniBatches"),
    Chapter(5, "scenes/ch05_momentum_nesterov.py", "MomentumAndNesterov"),
    Chapter(6, "scenes/ch06_adagrad_decay.py", "AdaGradDecay"),
    Chapter(7, "scenes/ch07_rmsprop_adadelta.py", "RMSpropAndAdaDelta"),
    Chapter(8, "scenes/ch08_escaping_saddle.py", "EscapingASaddle"),
    Chapter(9, "scenes/ch09_adam_family.py", "AdamAdaMaxNAdam"),
    Chapter(10, "scenes/ch10_adamw.py", "AdamWAndWeightDecay"),
    Chapter(11, "scenes/ch11_schedules_clipping.py", "SchedulesAndClipping"),
    Chapter(12, "scenes/ch12_the_race.py", "TheRace"),
]


def chapters() -> list[Chapter]:
    """The chapters whose scene files exist, in video order."""
    return [c for c in PLANNED if c.path.exists()]


SCENES_IN_ORDER = chapters()


def find(name: str) -> Chapter:
    """A chapter by scene class name (case-insensitive), number, or file stem."""
    key = name.strip().lower()
    for c in chapters():
        if key in (c.scene.lower(), str(c.number), Path(c.file).stem.lower()):
            return c
    names = ", ".join(c.scene for c in chapters())
    raise KeyError(f"unknown scene {name!r}; available: {names}")
