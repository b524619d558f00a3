"""Where things go on the 16:9 frame: a 5 % safe margin and standard slots, so chapters look alike and never overlap.

Usage::

    lmap = LandscapeMap(ls, max_width=MAP_SLOT.width, max_height=MAP_SLOT.height)
    place(lmap, MAP_SLOT)                   # map on the left half
    place(chart, PANEL_SLOT)                # chart/equation on the right
    place_caption(caption); place_legend(legend)
    assert_in_safe_area(self.mobjects)      # in a test or while developing

Frame: 14.22 x 8 units; safe area: x in [-6.4, 6.4], y in [-3.6, 3.6]. A title row sits at the
top of the safe area; the bottom 0.9 units hold the caption.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DL, DOWN, UR

__all__ = [
    "FRAME_WIDTH",
    "FRAME_HEIGHT",
    "MARGIN_X",
    "MARGIN_Y",
    "SAFE_LEFT",
    "SAFE_RIGHT",
    "SAFE_TOP",
    "SAFE_BOTTOM",
    "Slot",
    "TITLE_SLOT",
    "MAP_SLOT",
    "PANEL_SLOT",
    "FULL_SLOT",
    "HERO",
    "SIDE",
    "STAGE",
    "HERO_FRACTION",
    "LEFT_HALF",
    "RIGHT_HALF",
    "place",
    "place_caption",
    "place_legend",
    "out_of_safe_area",
    "assert_in_safe_area",
    "apart",
    "inside",
]

FRAME_WIDTH = 128 / 9  # manim's 16:9 frame: 14.222...
FRAME_HEIGHT = 8.0
MARGIN_X = 0.05 * FRAME_WIDTH
MARGIN_Y = 0.05 * FRAME_HEIGHT
SAFE_LEFT, SAFE_RIGHT = -FRAME_WIDTH / 2 + MARGIN_X, FRAME_WIDTH / 2 - MARGIN_X
SAFE_BOTTOM, SAFE_TOP = -FRAME_HEIGHT / 2 + MARGIN_Y, FRAME_HEIGHT / 2 - MARGIN_Y


@dataclass(frozen=True)
class Slot:
    """A rectangle of the frame (centre x, y; width, height) that one picture fills."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> np.ndarray:
        return np.array([self.x, self.y, 0.0])

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y - self.height / 2


TITLE_H = 0.7
CAPTION_H = 0.85
_body_top = SAFE_TOP - TITLE_H
_body_bottom = SAFE_BOTTOM + CAPTION_H
_body_h = _body_top - _body_bottom
#: The title row at the top of the safe area.
TITLE_SLOT = Slot(0.0, SAFE_TOP - TITLE_H / 2, SAFE_RIGHT - SAFE_LEFT, TITLE_H)
#: Left 55 %: the landscape map, axes and colour bar included.
MAP_SLOT = Slot(SAFE_LEFT + 0.55 * 12.8 / 2, (_body_top + _body_bottom) / 2, 0.55 * 12.8 - 0.2, _body_h)
#: Right 45 %: chart, equation or readouts.
PANEL_SLOT = Slot(SAFE_RIGHT - 0.45 * 12.8 / 2, (_body_top + _body_bottom) / 2, 0.45 * 12.8 - 0.2, _body_h)
#: The whole body (between title and caption rows).
FULL_SLOT = Slot(0.0, (_body_top + _body_bottom) / 2, SAFE_RIGHT - SAFE_LEFT, _body_h)
LEFT_HALF = Slot(SAFE_LEFT + 3.2, FULL_SLOT.y, 6.2, _body_h)
RIGHT_HALF = Slot(SAFE_RIGHT - 3.2, FULL_SLOT.y, 6.2, _body_h)


# -- the stage of the re-staged chapters: no caption row (the caption appears on the final hold) --
_stage_top = SAFE_TOP - TITLE_H
_stage_h = _stage_top - SAFE_BOTTOM
#: share of the safe width the hero picture takes (66 % of 12.8 units: 59 % of the frame)
HERO_FRACTION = 0.66
_hero_w = HERO_FRACTION * (SAFE_RIGHT - SAFE_LEFT)
#: The picture the voice talks about: left, at least 55 % of the frame's width, title to bottom.
HERO = Slot(SAFE_LEFT + _hero_w / 2, (_stage_top + SAFE_BOTTOM) / 2, _hero_w, _stage_h)
#: The side panel right of the hero: readouts, charts, formulas that support it.
SIDE = Slot(SAFE_RIGHT - (SAFE_RIGHT - SAFE_LEFT - _hero_w - 0.3) / 2, (_stage_top + SAFE_BOTTOM) / 2,
            SAFE_RIGHT - SAFE_LEFT - _hero_w - 0.3, _stage_h)
#: Everything under the title row.
STAGE = Slot(0.0, (_stage_top + SAFE_BOTTOM) / 2, SAFE_RIGHT - SAFE_LEFT, _stage_h)


def place(mob, slot: Slot, *, fit: bool = True, aligned_edge=None):
    """Centre ``mob`` in ``slot`` (shrinking it to fit when ``fit``); returns ``mob``."""
    if fit and (mob.width > slot.width or mob.height > slot.height):
        mob.scale(min(slot.width / mob.width, slot.height / mob.height))
    mob.move_to(slot.center)
    if aligned_edge is not None:
        edge = np.asarray(aligned_edge, dtype=float)
        target = slot.center + edge * np.array([slot.width / 2, slot.height / 2, 0])
        mob.move_to(target, aligned_edge=edge)
    return mob


def _to_corner(mob, corner):
    x = SAFE_RIGHT if corner[0] > 0 else SAFE_LEFT
    y = SAFE_TOP if corner[1] > 0 else SAFE_BOTTOM
    return mob.move_to(np.array([x, y, 0.0]), aligned_edge=corner)


def place_caption(mob, corner=DL):
    """Caption into a corner of the safe area (default bottom-left); returns ``mob``."""
    return _to_corner(mob, corner)


def place_legend(mob, corner=UR, below_title: bool = True):
    """Legend into a corner of the safe area (default top-right, under the title row); returns ``mob``."""
    _to_corner(mob, corner)
    if below_title and corner[1] > 0:
        mob.shift(DOWN * TITLE_H)
    return mob


def _family_boxes(mobjects):
    for m in mobjects:
        if m.width == 0 and m.height == 0:
            continue
        yield m


def out_of_safe_area(mobjects, tol: float = 1e-3):
    """Mobjects (top level) whose bounding box crosses the 5 % safe margin."""
    bad = []
    for m in _family_boxes(mobjects):
        if (m.get_left()[0] < SAFE_LEFT - tol or m.get_right()[0] > SAFE_RIGHT + tol
                or m.get_bottom()[1] < SAFE_BOTTOM - tol or m.get_top()[1] > SAFE_TOP + tol):
            bad.append(m)
    return bad


def assert_in_safe_area(mobjects, tol: float = 1e-3):
    """Raise ``AssertionError`` naming any mobject outside the safe area."""
    bad = out_of_safe_area(mobjects, tol)
    if bad:
        desc = ", ".join(f"{type(m).__name__} [{m.get_left()[0]:.2f}, {m.get_right()[0]:.2f}] x "
                         f"[{m.get_bottom()[1]:.2f}, {m.get_top()[1]:.2f}]" for m in bad)
        raise AssertionError(f"outside the safe area: {desc}")


def apart(a, b, gap: float = 0.0) -> bool:
    """Whether the boxes of ``a`` and ``b`` are more than ``gap`` apart, side by side or one above the other
    (the test a chapter's layout claims make before they show two labels together)."""
    return (a.get_right()[0] + gap < b.get_left()[0] or b.get_right()[0] + gap < a.get_left()[0]
            or a.get_top()[1] + gap < b.get_bottom()[1] or b.get_top()[1] + gap < a.get_bottom()[1])


def inside(mob, frame, pad: float = 0.0) -> bool:
    """Whether the box of ``mob`` lies strictly inside the box of ``frame``, at least ``pad`` from its edges."""
    return (frame.get_left()[0] + pad < mob.get_left()[0] and mob.get_right()[0] < frame.get_right()[0] - pad
            and frame.get_bottom()[1] + pad < mob.get_bottom()[1] and mob.get_top()[1] < frame.get_top()[1] - pad)
