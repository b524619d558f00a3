"""Fast changing text for live readouts (step counters, loss values): monospace glyphs copied from a cache.

``Text`` and ``DecimalNumber`` cost 10-30 ms per change; ``LiveText.set_text`` copies cached glyphs
(well under 1 ms) and, being monospace, never jitters as digits change.

Usage::

    loss = LiveText("0.000", font_size=28, color=TEXT)
    loss.set_text(format_value(0.0123))   # inside an updater or Animation
"""

from __future__ import annotations

import math
import string

import numpy as np
from manim import RIGHT, Text, VGroup, VMobject

from .palette import TEXT

__all__ = ["LiveText", "LiveValue", "format_value", "MONO_FONT"]

MONO_FONT = "DejaVu Sans Mono"
_CHARSET = string.digits + string.ascii_letters + ".,:;+-=()[]%/\u2212\u00d7\u221e\u2013#<>_|'*!?"
#: how far (in cells) the slot's box reaches past its first and last cells
SLOT_PAD = 0.25
_GLYPHS: dict[tuple[str, float], tuple[dict[str, "VGroup"], float, float]] = {}


def _glyph_table(font: str, font_size: float):
    key = (font, float(font_size))
    if key not in _GLYPHS:
        sample = Text(_CHARSET, font=font, font_size=font_size)
        zeros = Text("0" * 11, font=font, font_size=font_size)
        adv = (zeros[10].get_left()[0] - zeros[0].get_left()[0]) / 10.0
        # sample has one submobject per non-space character, in order
        origin = sample[0].get_left()[0] - (zeros[0].get_left()[0] - zeros[0].get_left()[0])
        baseline = sample[0].get_bottom()[1]  # '0' sits on the baseline
        table = {}
        for i, (ch, glyph) in enumerate(zip(_CHARSET, sample)):
            g = glyph.copy()
            g.shift([-(origin + i * adv), -baseline, 0])  # cell origin -> (0, baseline 0)
            table[ch] = g
        _GLYPHS[key] = (table, adv, float(zeros[0].height))
    return _GLYPHS[key]


def format_value(v: float, digits: int = 3) -> str:
    """Compact number for a readout: ``0.0123``, ``1.23e−5``, ``12300`` (true minus signs); ``inf``/``nan`` as ``∞``/``nan``."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or (np.ndim(v) == 0 and np.isnan(v)):
        return "nan"
    v = float(v)
    if math.isinf(v):
        return "\u221e" if v > 0 else "\u2212\u221e"
    a = abs(v)
    if a == 0:
        return "0"
    if a != 0 and (a < 1e-3 or a >= 1e5):
        m, e = f"{v:.{digits - 1}e}".split("e")
        s = f"{m}e{int(e)}"
    else:
        s = f"{v:.{digits}g}" if a >= 1 else f"{v:.{digits}f}" if a >= 0.1 else f"{v:.{digits + 1}f}" if a >= 0.01 else f"{v:.{digits + 2}f}"
        if "e" in s:
            s = f"{v:.0f}"
    return s.replace("-", "\u2212")


class LiveText(VGroup):
    """A single line of monospace text in a fixed-width slot, whose content changes cheaply with ``set_text``.

    The slot is ``width`` characters wide (default: the length of the first text); its left end
    on the baseline stays put as the content changes (``align="right"``: its right end, so
    numbers line up on their last digit). Digits are tabular (monospace), so nothing jitters.

    The glyphs are a fixed pool of submobjects: a glyph not used by the current text has no
    points, so it is not drawn, and never shows a character of an older value. The family
    therefore never changes while the text fits the slot, which is what
    ``add_fixed_in_frame_mobjects`` in a ThreeDScene needs (it registers the family once). A
    longer text still shows whole (the pool grows). An invisible ruler spans the slot on the
    baseline: it carries position and scale through any transform, and gives the readout the
    same box whatever it shows.
    """

    def __init__(self, text: str = "", *, font_size: float = 28, color=None, font: str = MONO_FONT,
                 align: str = "left", width: int | None = None, max_chars: int | None = None, **kwargs):
        super().__init__(**kwargs)
        if align not in ("left", "right"):
            raise ValueError(f"align must be 'left' or 'right', got {align!r}")
        self.font = font
        self.font_size = font_size
        self.align = align
        self._color = color
        self._text = None
        table, self.advance, self.digit_height = _glyph_table(font, font_size)
        self.width_chars = max(1, int(width or max_chars or len(str(text)) or 1))
        self._pool = [table["8"].copy() for _ in range(self.width_chars)]
        # the ruler runs from the slot's anchor end to its other end, a little past the first and
        # last cells so that no glyph's ink sticks out of the box
        self.ruler = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        sign = -1.0 if align == "right" else 1.0
        pad = SLOT_PAD * self.advance
        self.ruler.set_points_as_corners([-RIGHT * sign * pad,
                                          RIGHT * sign * (self.advance * self.width_chars + pad)])
        self.set_text(text)

    @property
    def max_chars(self) -> int:
        return self.width_chars

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> "LiveText":
        """Replace the content (no-op when unchanged)."""
        text = str(text)
        if text == self._text:
            return self
        table, adv0, _ = _glyph_table(self.font, self.font_size)
        a, b = self.ruler.points[0], self.ruler.points[-1]
        scale = abs(b[0] - a[0]) / (adv0 * (self.width_chars + 2 * SLOT_PAD))
        sign = -1.0 if self.align == "right" else 1.0
        a = a + RIGHT * sign * SLOT_PAD * adv0 * scale  # the anchor: the slot's first (or last) cell edge
        n = len(text)
        start = -n if self.align == "right" else 0
        pool = self._pool
        j = 0
        for i, ch in enumerate(text):
            if ch == " ":
                continue
            tmpl = table.get(ch, table["?"])
            if j == len(pool):
                pool.append(tmpl.copy())
            g = pool[j]
            j += 1
            pts = tmpl.points * scale if scale != 1.0 else tmpl.points.copy()
            pts += a + RIGHT * (start + i) * adv0 * scale
            g.points = pts
            if self._color is not None:
                g.set_fill(self._color, opacity=1.0)
        for g in pool[j:]:
            g.points = np.zeros((0, 3))  # unused: drawn by nobody, whatever it showed before
        self.submobjects = [self.ruler, *pool]
        self._text = text
        return self

    def set_color(self, color=None, family: bool = True):
        if color is not None:
            self._color = color
        for g in self.submobjects[1:]:
            g.set_fill(color, opacity=1.0)
        return self

    def glyphs(self) -> list:
        """The glyphs showing the current text (without the ruler and unused pool glyphs)."""
        return [g for g in self.submobjects[1:] if len(g.points)]


class LiveValue(VGroup):
    """A number that follows a run step by step (drive it with ``DrawSteps``, like a path or a chart):
    ``values[t - 1]`` at step ``t``, printed with ``fmt`` in a fixed-width monospace slot of ``chars``
    cells (digits do not jitter). E.g. a step counter (``values = 1..T``, ``fmt=".0f"``) or a run's
    |Δ| at that step."""

    def __init__(self, values, *, fmt: str = ".2g", color=TEXT, font_size: float = 38, chars: int = 6):
        super().__init__()
        self.values, self.fmt = np.asarray(values, dtype=float), fmt
        if self.values.ndim != 1 or len(self.values) == 0:
            raise ValueError(f"LiveValue needs a 1-D sequence of at least one value, got shape {self.values.shape}")
        self.n_steps = len(self.values)
        self.num = LiveText("8" * chars, font_size=font_size, color=color)
        self.add(self.num)
        self.progress = 0.0
        self.set_progress(1)

    def set_progress(self, s: float) -> "LiveValue":
        """Show the value of step ``floor(s)`` (clamped to 1..n_steps)."""
        s = float(np.clip(s, 1, self.n_steps))
        self.progress = s
        self.num.set_text(f"{self.values[int(math.floor(s + 1e-9)) - 1]:{self.fmt}}")
        return self
