"""Colour differences the viewer can see: CIEDE2000 between runs shown together, also under simulated colour blindness.

Usage::

    from scenes.kit.colour import distinct, worst_pair
    distinct(["#F0F0F0", "#E69F00", "#56B4E9"])      # True: every pair far enough apart
    worst_pair(["#E69F00", "#F0E442"])               # (("#E69F00", "#F0E442"), "deutan", 11.7)

Colours are compared as they are seen on the frame: the CIEDE2000 difference (ΔE00) in normal
vision, and after simulating protanopia, deuteranopia and tritanopia (Brettel 1997 / Viénot
1999, as implemented by ``coloraide``'s CVD filters). Runs shown together must differ by at
least ``MIN_DELTA_E`` in normal vision and ``MIN_DELTA_E_CVD`` under every simulation.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from coloraide import Color

__all__ = ["MIN_DELTA_E", "MIN_DELTA_E_CVD", "VISIONS", "delta_e", "pair_differences", "worst_pair", "distinct"]

#: the smallest ΔE00 between two runs on one picture, normal vision (orange next to yellow is ~22)
MIN_DELTA_E = 25.0
#: the smallest ΔE00 under each simulated colour-vision deficiency
MIN_DELTA_E_CVD = 12.0
#: normal vision and the three dichromacies
VISIONS = ("normal", "protan", "deutan", "tritan")


def _hex(color) -> str:
    """A manim colour, ``ManimColor`` or hex string as ``#RRGGBB``."""
    if hasattr(color, "to_hex"):
        return color.to_hex()[:7].upper()
    text = str(color).strip()
    if not text.startswith("#"):
        raise ValueError(f"not a hex colour: {color!r}")
    return text[:7].upper()


@lru_cache(maxsize=4096)
def delta_e(a: str, b: str, vision: str = "normal") -> float:
    """CIEDE2000 between two colours as seen with ``vision`` (one of ``VISIONS``)."""
    if vision not in VISIONS:
        raise ValueError(f"unknown vision {vision!r}; one of {', '.join(VISIONS)}")
    ca, cb = Color(_hex(a)), Color(_hex(b))
    if vision != "normal":
        ca, cb = ca.filter(vision), cb.filter(vision)
    return float(ca.delta_e(cb, method="2000"))


def pair_differences(colors) -> list[tuple[tuple[str, str], str, float]]:
    """``((a, b), vision, ΔE00)`` for every pair of distinct colours and every vision."""
    hexes = sorted({_hex(c) for c in colors})
    return [((a, b), v, delta_e(a, b, v)) for a, b in combinations(hexes, 2) for v in VISIONS]


def worst_pair(colors):
    """The pair and vision with the smallest difference relative to its threshold, or None for < 2 colours."""
    rows = pair_differences(colors)
    if not rows:
        return None
    return min(rows, key=lambda r: r[2] / (MIN_DELTA_E if r[1] == "normal" else MIN_DELTA_E_CVD))


def distinct(colors, min_normal: float = MIN_DELTA_E, min_cvd: float = MIN_DELTA_E_CVD) -> bool:
    """Whether every pair of ``colors`` is far enough apart in normal vision and under every simulation."""
    return all(d >= (min_normal if v == "normal" else min_cvd) for _, v, d in pair_differences(colors))
