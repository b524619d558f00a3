"""Arrows for vectors in parameter space (gradient, step, velocity, look-ahead, weight decay) and the clipping circle.

Each helper takes the ``space`` (LandscapeMap or LandscapeSurface) and parameter-space vectors,
so the arrow on screen is the true vector (times ``scale``). Usage::

    g = ParamArrow.gradient(lmap, xy, scale=0.1)                  # -scale * grad f(xy), labelled -∇f
    v = ParamArrow(lmap, xy, traj.velocity[k], color=VELOCITY_COLOR, label="b_t")
    s = ParamArrow.step(lmap, traj.positions[k], traj.positions[k + 1], color=optimizer_color("gd"))
    d = ParamArrow.decay(lmap, xy, lr=0.1, weight_decay=0.5)      # toward the origin: -lr * wd * θ
    ring = ClipCircle(lmap, xy, radius=1.0 * scale)               # max-norm circle around a point
    self.play(GrowArrow(g.arrow), FadeIn(g.label))
"""

from __future__ import annotations

import numpy as np
from manim import (
    RIGHT,
    UP,
    Arrow,
    DashedVMobject,
    Dot,
    Ellipse,
    Line,
    MathTex,
    VGroup,
)

from .palette import BACKGROUND, DECAY_COLOR, GRADIENT_COLOR, TEXT, VELOCITY_COLOR

__all__ = ["ParamArrow", "ClipCircle", "LookAhead"]


class ParamArrow(VGroup):
    """An arrow from parameters ``start`` along parameter vector ``vector`` (times ``scale``), with an optional MathTex label.

    Parts: ``arrow``, ``label`` (or ``None``). ``dashed=True`` for hypothetical moves (look-ahead).
    """

    def __init__(self, space, start, vector, *, color=TEXT, scale: float = 1.0, label: str | None = None,
                 label_font_size: float = 46, stroke_width: float = 5, dashed: bool = False,
                 label_side=None, **kwargs):
        super().__init__(**kwargs)
        self.space = space
        self.start_xy = np.asarray(start, dtype=float)
        self.vector = np.asarray(vector, dtype=float) * scale
        a = np.asarray(space.c2p(*self.start_xy), dtype=float)
        b = np.asarray(space.c2p(*(self.start_xy + self.vector)), dtype=float)
        length = float(np.linalg.norm(b - a))
        tip = min(0.22, 0.45 * length) if length > 0 else 0.1
        self.arrow = Arrow(a, b, buff=0, color=color, stroke_width=stroke_width, tip_length=tip,
                           max_tip_length_to_length_ratio=0.45, max_stroke_width_to_length_ratio=50)
        self.arrow.set_background_stroke(color=BACKGROUND, width=stroke_width + 3, opacity=0.8)
        if dashed and length > 0:
            d = (b - a) / length
            shaft = Line(a, b - d * tip * 0.9, color=color, stroke_width=stroke_width)
            body = DashedVMobject(shaft, num_dashes=max(3, int(length / 0.16)))
            self.arrow = VGroup(body, self.arrow.tip.copy())
        self.add(self.arrow)
        self.label = None
        if label:
            self.label = MathTex(label, font_size=label_font_size, color=color)
            self.label.set_stroke(BACKGROUND, width=4, background=True)
            d = (b - a) / length if length > 0 else RIGHT
            side = label_side if label_side is not None else np.array([-d[1], d[0], 0.0])  # left of the arrow
            self.label.next_to(b if length < 0.6 else (a + b) / 2, side, buff=0.12)
            self.add(self.label)

    @property
    def tip_point(self) -> np.ndarray:
        """Scene point at the arrow's head."""
        return np.asarray(self.space.c2p(*(self.start_xy + self.vector)), dtype=float)

    @classmethod
    def gradient(cls, space, xy, *, grad=None, scale: float = 1.0, descent: bool = True, label: str | None = "default",
                 color=GRADIENT_COLOR, **kwargs) -> "ParamArrow":
        """The gradient at ``xy`` (from the landscape unless ``grad`` is given); ``descent`` points it downhill."""
        xy = np.asarray(xy, dtype=float)
        g = np.asarray(space.landscape.grad(xy) if grad is None else grad, dtype=float)
        vec = -g if descent else g
        if label == "default":
            label = r"-\nabla f" if descent else r"\nabla f"
        return cls(space, xy, vec, scale=scale, label=label, color=color, **kwargs)

    @classmethod
    def step(cls, space, p, q, *, color=TEXT, label: str | None = None, **kwargs) -> "ParamArrow":
        """The move from parameters ``p`` to ``q`` (one optimizer step)."""
        p = np.asarray(p, dtype=float)
        return cls(space, p, np.asarray(q, dtype=float) - p, color=color, label=label, **kwargs)

    @classmethod
    def velocity(cls, space, xy, v, *, scale: float = 1.0, label: str | None = "b_t", color=VELOCITY_COLOR,
                 **kwargs) -> "ParamArrow":
        """A momentum/velocity vector ``v`` drawn from ``xy`` (sign as given: pass ``-lr * buffer`` for the move)."""
        return cls(space, xy, v, scale=scale, label=label, color=color, **kwargs)

    @classmethod
    def decay(cls, space, xy, *, lr: float, weight_decay: float, label: str | None = r"-\gamma\lambda\theta",
              color=DECAY_COLOR, **kwargs) -> "ParamArrow":
        """AdamW's decoupled decay at ``xy``: ``-lr * weight_decay * xy``, toward the origin."""
        xy = np.asarray(xy, dtype=float)
        return cls(space, xy, -lr * weight_decay * xy, label=label, color=color, **kwargs)


class LookAhead(VGroup):
    """Nesterov's look-ahead: a dashed arrow from ``xy`` to ``xy + jump`` and a hollow dot there."""

    def __init__(self, space, xy, jump, *, color=VELOCITY_COLOR, label: str | None = "look-ahead", **kwargs):
        super().__init__(**kwargs)
        from manim import Text

        from .palette import FONT

        self.arrow = ParamArrow(space, xy, jump, color=color, dashed=True, stroke_width=4)
        end = self.arrow.tip_point
        self.point = Dot(end, radius=0.09, fill_opacity=0, stroke_color=color, stroke_width=3)
        self.add(self.arrow, self.point)
        self.label = None
        if label:
            self.label = Text(label, font=FONT, font_size=30, color=color).next_to(self.point, UP, buff=0.12)
            self.label.set_stroke(BACKGROUND, width=4, background=True)
            self.add(self.label)


class ClipCircle(VGroup):
    """The circle ``|g| <= radius`` around parameters ``center`` (an ellipse if the map's axes differ in scale)."""

    def __init__(self, space, center, radius: float, *, color=TEXT, dashed: bool = True, **kwargs):
        super().__init__(**kwargs)
        c = np.asarray(center, dtype=float)
        p = np.asarray(space.c2p(*c), dtype=float)
        px = np.asarray(space.c2p(c[0] + radius, c[1]), dtype=float)
        py = np.asarray(space.c2p(c[0], c[1] + radius), dtype=float)
        ring = Ellipse(width=2 * np.linalg.norm(px - p), height=2 * np.linalg.norm(py - p), color=color,
                       stroke_width=3).move_to(p)
        self.circle = DashedVMobject(ring, num_dashes=40) if dashed else ring
        self.add(self.circle)
