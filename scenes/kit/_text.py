"""Baselines of ``Text`` mobjects, so pieces of one line of text sit on one line.

manim's ``Text`` is centred on its glyphs' bounding box, so ``arrange(RIGHT)`` puts "RMSprop"
(descender) a little higher than "Adam", and rows of a list are spaced unevenly. These helpers
find the baseline from the glyphs themselves: the bottoms of most glyphs sit on it (round ones
overshoot it slightly, descenders and dashes are the exceptions).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import UP, Text

__all__ = ["baseline", "align_baseline", "font_metrics"]


def baseline(text) -> float:
    """Scene y of the baseline of a ``Text`` (or any group of glyphs); the bottom if it has no glyphs."""
    glyphs = [g for g in text.family_members_with_points() if g.height > 0 or g.width > 0]
    if not glyphs:
        return float(text.get_bottom()[1])
    bottoms = np.array([g.get_bottom()[1] for g in glyphs])
    tol = 0.06 * max(g.height for g in glyphs)  # overshoot ~1.5 % of the em, descenders ~ 20 %
    counts = np.array([np.sum(np.abs(bottoms - b) <= tol) for b in bottoms])
    best = counts.max()
    # the most populated cluster (the highest one on a tie: descenders are below the baseline)
    seed = bottoms[counts == best].max()
    cluster = bottoms[np.abs(bottoms - seed) <= tol]
    return float(cluster.max())  # flat-bottomed glyphs sit exactly on it, round ones a little below


def align_baseline(mob, reference, text=None):
    """Shift ``mob`` vertically so the baseline of ``text`` (default ``mob``) matches ``reference``'s; returns ``mob``."""
    ref = reference if isinstance(reference, float) else baseline(reference)
    mob.shift(UP * (ref - baseline(text if text is not None else mob)))
    return mob


@lru_cache(maxsize=None)
def font_metrics(font: str, font_size: float) -> tuple[float, float]:
    """``(cap_height, descender)`` in scene units for a font at a size (from "H" and "Hg")."""
    cap = Text("H", font=font, font_size=font_size).height
    full = Text("Hg", font=font, font_size=font_size).height
    return float(cap), float(full - cap)
