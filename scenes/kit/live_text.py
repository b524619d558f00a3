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
from manim import ORIGIN, RIGHT, Text, VGroup, VMobject

__all__ = ["LiveText", "format_value", "MONO_FONT"]

MONO_FONT = "DejaVu Sans Mono"
_CHARSET = string.digits + string.ascii_letters + ".,:;+-=()[]%/\u2212\u00d7\u221e\u2013#<>_|'*!?"
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
    """A single line of monospace text whose content changes cheaply with ``set_text``.

    The left end of the baseline stays put as the content changes (``align="right"``: the right
    end). Move, scale and arrange it like any mobject; later ``set_text`` calls follow.

    ``max_chars``: keep a fixed pool of that many glyphs as submobjects from the start (unused
    ones have no points, so they are not drawn). The family then never changes, which is what
    ``add_fixed_in_frame_mobjects`` in a ThreeDScene needs (it registers the family once), and
    what a play needs (Cairo takes its moving families at the start). Longer texts still work
    (the pool grows, and new glyphs are not registered).
    """

    def __init__(self, text: str = "", *, font_size: float = 28, color=None, font: str = MONO_FONT,
                 align: str = "left", max_chars: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.font = font
        self.font_size = font_size
        self.align = align
        self._color = color
        self._text = None
        self._pool = []
        self.max_chars = max_chars
        table, self.advance, self.digit_height = _glyph_table(font, font_size)
        if max_chars:
            self._pool = [table["8"].copy() for _ in range(int(max_chars))]
        # an invisible one-cell ruler on the baseline: it carries position and scale through any transform
        self.ruler = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        sign = -1.0 if align == "right" else 1.0
        self.ruler.set_points_as_corners([ORIGIN, RIGHT * sign * self.advance])
        self.set_text(text)

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
        scale = abs(b[0] - a[0]) / adv0
        n = len(text)
        start = -n if self.align == "right" else 0
        glyphs = [self.ruler]
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
            glyphs.append(g)
        if self._color is not None:
            for g in glyphs[1:]:
                g.set_fill(self._color, opacity=1.0)
        if self.max_chars:
            for g in pool[j:]:
                g.points = np.zeros((0, 3))
            glyphs = [self.ruler, *pool]
        self.submobjects = glyphs
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
