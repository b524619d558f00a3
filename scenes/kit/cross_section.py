"""A slice through a landscape along one parameter: the canyon seen end-on, with a run's hops bouncing on it.

Usage::

    ls = oc.landscape("ravine")
    cut = CrossSection(ls, axis=1, at=0.0, width=6, height=3.5)      # f against θ₂, with θ₁ fixed at 0
    hops = cut.hops(traj.positions[:8, 1], color=optimizer_color("gd"))
    self.play(FadeIn(cut))
    self.play(hops.draw(), run_time=3)                                # one arc per step, in order

The curve is the landscape itself (``landscape.f`` along the slice), so a hop that lands higher
on the far wall is exactly as high as the run's loss says. Points beyond the slice's range are
drawn at its edge with an arrow out of the picture.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Animation, ArcBetweenPoints, Dot, Line, Rectangle, VGroup, VMobject, linear

from .landscape_map import nice_ticks, format_tick
from .notation import SYMBOLS
from .palette import FONT, MUTED, TEXT
from .typeset import SIZES

__all__ = ["CrossSection", "Hops", "DrawHops"]


class CrossSection(VGroup):
    """``landscape.f`` along parameter ``axis`` (0: θ₁, 1: θ₂) with the other parameter held at ``at``.

    Parts: ``frame`` (the plot box, invisible), ``axes`` (axis line, ticks, labels), ``curve``.
    ``c2p(value)`` is the scene point on the curve above parameter value ``value``.
    """

    def __init__(self, landscape, axis: int = 1, at: float = 0.0, *, value_range=None, width: float = 6.0,
                 height: float = 3.5, f_max: float | None = None, color=TEXT, stroke_width: float = 4.0,
                 font_size: float | None = None, subtract_floor: bool = True, n_ticks: int = 5,
                 y_label: str | None = None, **kwargs):
        super().__init__(**kwargs)
        from manim import MathTex, Text

        self.landscape = landscape
        self.axis = int(axis)
        self.at = float(at)
        lo, hi = value_range if value_range is not None else landscape.bounds[self.axis]
        self.value_range = (float(lo), float(hi))
        fs = font_size or SIZES["small"]
        xs = np.linspace(lo, hi, 241)
        f = self.f(xs)
        self.floor = float(np.nanmin(f)) if subtract_floor else 0.0
        top = float(np.nanmax(f) - self.floor) if f_max is None else float(f_max)
        self.f_range = (0.0, top)
        self.frame = Rectangle(width=width, height=height, stroke_width=0, fill_opacity=0)
        self.curve = VMobject(stroke_color=color, stroke_width=stroke_width)
        self.curve.set_points_smoothly(self._scene(xs, f - self.floor))
        axis_line = Line(self.frame.get_corner(DOWN + LEFT), self.frame.get_corner(DOWN + LEFT) + width * np.array([1, 0, 0]),
                         stroke_color=MUTED, stroke_width=2)
        ticks = VGroup()
        for v in nice_ticks(lo, hi, n_ticks):
            p = self._scene(np.array([v]), np.array([0.0]))[0]
            p[1] = self.frame.get_bottom()[1]
            ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(Text(format_tick(v), font=FONT, font_size=fs, color=MUTED).next_to(p + DOWN * 0.08, DOWN, buff=0.05))
        name = SYMBOLS["theta1" if self.axis == 0 else "theta2"].tex
        self.x_label = MathTex(name, font_size=fs * 1.75, color=MUTED).next_to(ticks, DOWN, buff=0.1)
        self.x_label.set_x(self.frame.get_center()[0])
        self.axes = VGroup(axis_line, ticks, self.x_label)
        self.y_label = None
        if y_label:
            self.y_label = Text(y_label, font=FONT, font_size=fs, color=MUTED)
            self.y_label.next_to(self.frame, UP, buff=0.12, aligned_edge=LEFT)  # above: the curve leaves the box's top corners
            self.axes.add(self.y_label)
        self.add(self.frame, self.axes, self.curve)

    def f(self, values) -> np.ndarray:
        """The loss along the slice at parameter ``values``."""
        v = np.asarray(values, dtype=float)
        p = np.zeros(v.shape + (2,))
        p[..., self.axis] = v
        p[..., 1 - self.axis] = self.at
        with np.errstate(all="ignore"):
            return np.asarray(self.landscape.f(p), dtype=float)

    def _scene(self, values, heights) -> np.ndarray:
        dl = self.frame.get_corner(DOWN + LEFT)
        ur = self.frame.get_corner(UP + LEFT) + self.frame.width * np.array([1, 0, 0])
        lo, hi = self.value_range
        x = dl[0] + (np.asarray(values) - lo) / (hi - lo) * (ur[0] - dl[0])
        y = dl[1] + np.asarray(heights) / self.f_range[1] * (ur[1] - dl[1])
        return np.stack([x, y, np.zeros_like(x)], axis=-1)

    def slope(self, value: float) -> float:
        """d f / d parameter along the slice at ``value`` (from the landscape's gradient)."""
        p = np.zeros(2)
        p[self.axis], p[1 - self.axis] = float(value), self.at
        return float(np.asarray(self.landscape.grad(p), dtype=float)[self.axis])

    def tangent(self, value: float, half_length: float = 0.9, **line_kwargs):
        """A short tangent segment to the curve at ``value`` (scene units along the segment)."""
        p = self.c2p(value)
        lo, hi = self.value_range
        sx = self.frame.width / (hi - lo)
        sy = self.frame.height / self.f_range[1]
        d = np.array([sx, self.slope(value) * sy, 0.0])
        d /= np.linalg.norm(d)
        return Line(p - half_length * d, p + half_length * d, **line_kwargs)

    def c2p(self, value: float) -> np.ndarray:
        """Scene point on the curve above ``value`` (clamped to the slice's range)."""
        lo, hi = self.value_range
        v = float(np.clip(value, lo, hi))
        return self._scene(np.array([v]), np.array([min(self.f(v) - self.floor, self.f_range[1])]))[0]

    def inside(self, value: float) -> bool:
        lo, hi = self.value_range
        return bool(np.isfinite(value) and lo <= value <= hi and self.f(value) - self.floor <= self.f_range[1])

    def hops(self, values, color=TEXT, **kwargs) -> "Hops":
        """The run's positions along this slice as points on the curve joined by arcs (draw with ``.draw()``)."""
        return Hops(self, values, color, **kwargs)


class Hops(VGroup):
    """Points on a ``CrossSection`` joined by arcs, shown up to a (fractional) step with ``set_progress``."""

    def __init__(self, section: CrossSection, values, color=TEXT, *, dot_radius: float = 0.09,
                 stroke_width: float = 4.0, arc_angle: float = -1.0):
        super().__init__()
        self.section = section
        self.values = np.asarray(values, dtype=float)
        self.n_steps = len(self.values) - 1
        self.color = color
        self.progress = 0.0
        self.dots = VGroup()
        self.arcs = VGroup()
        for k, v in enumerate(self.values):
            dot = Dot(section.c2p(v), radius=dot_radius, color=color)
            dot.set_fill(opacity=1.0 if k == 0 else 0.0)
            self.dots.add(dot)
        for k in range(self.n_steps):
            a, b = section.c2p(self.values[k]), section.c2p(self.values[k + 1])
            angle = arc_angle if b[0] > a[0] else -arc_angle
            arc = ArcBetweenPoints(a, b, angle=angle, stroke_color=color, stroke_width=stroke_width)
            self.arcs.add(arc)
        self._full = [arc.points.copy() for arc in self.arcs]
        self.add(self.arcs, self.dots)
        self.set_progress(0.0)

    def set_progress(self, s: float) -> "Hops":
        s = float(np.clip(s, 0.0, self.n_steps))
        self.progress = s
        for k, (arc, full) in enumerate(zip(self.arcs, self._full)):
            frac = float(np.clip(s - k, 0.0, 1.0))
            if frac <= 0:
                arc.set_points(np.repeat(full[:1], len(full), axis=0))
                arc.set_stroke(opacity=0.0)
            else:
                arc.set_points(full)
                if frac < 1:
                    arc.pointwise_become_partial(VMobject().set_points(full), 0, frac)
                arc.set_stroke(opacity=1.0)
        for k, dot in enumerate(self.dots):
            dot.set_fill(opacity=1.0 if k <= s + 1e-9 and self.section.inside(self.values[k]) else 0.0)
        return self

    def draw(self, start: float | None = None, end: float | None = None, **kwargs) -> "DrawHops":
        return DrawHops(self, start=start, end=end, **kwargs)


class DrawHops(Animation):
    """Animate ``Hops.set_progress`` from ``start`` to ``end`` (linear in steps by default)."""

    def __init__(self, hops: Hops, start=None, end=None, rate_func=linear, **kwargs):
        self.start_step, self.end_step = start, end
        super().__init__(hops, rate_func=rate_func, **kwargs)

    def begin(self) -> None:
        if self.start_step is None:
            self.start_step = self.mobject.progress
        if self.end_step is None:
            self.end_step = self.mobject.n_steps
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self.mobject.set_progress(self.start_step + a * (self.end_step - self.start_step))
