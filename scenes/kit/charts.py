"""Small live charts that draw in step with trajectories: loss vs step, effective learning rate, schedules, coordinate bars.

All of them have ``set_progress(step)`` and ``draw(start, end)`` like ``TrajectoryPath``, so one
``self.play`` keeps map and chart in step::

    chart = LossChart(steps=200, log_y=True).next_to(lmap, RIGHT)
    for p in paths:                     # TrajectoryPath objects
        chart.add_trajectory(p)         # its losses, in its optimizer's colour
    self.add(lmap, chart)               # static parts first
    self.play(*[p.draw() for p in paths], chart.draw(), run_time=8)

    lr_chart = EffectiveLRChart(traj.effective_lr, optimizer="adagrad", log_y=True)
    bars = CoordinateBars(traj.effective_lr, optimizer="adagrad", title="effective lr")
    sched = ScheduleChart(traj.lrs, title="cosine")   # the whole curve, with a moving cursor
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    DashedLine,
    Line,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)

from .landscape_map import format_tick, nice_ticks
from .live_text import LiveText, format_value
from .palette import BACKGROUND, FONT, MUTED, TEXT, optimizer_color
from .trajectory import DrawTrajectory, clip_segment

__all__ = ["StepChart", "LossChart", "EffectiveLRChart", "ScheduleChart", "CoordinateBars", "Series", "DrawSteps",
           "fit_in_box", "loss_axis"]

#: Animation that drives anything with ``set_progress``/``progress``/``n_steps`` (paths, charts, bars).
DrawSteps = DrawTrajectory

_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _pow10(k: int) -> str:
    """A power of ten as a tick label that stays readable: 0.001 ... 10000 in full, else 1e−5, 1e6
    (a superscript would fall below the type floor)."""
    k = int(k)
    if -3 <= k <= 4:
        return f"{10.0 ** k:.{max(0, -k)}f}"
    return f"1e{k}".replace("-", "\u2212")


class Series(VGroup):
    """One line of a StepChart: the full polyline (reference), the drawn part and a head dot."""

    def __init__(self, chart: "StepChart", values, color, *, name: str | None = None, stroke_width: float = 3.5,
                 opacity: float = 1.0, head: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.chart = chart
        self.values = np.asarray(values, dtype=float).reshape(-1)
        self.name = name
        self.color = color
        n = len(self.values) - 1
        self.n_steps = max(n, 0)
        steps = np.arange(len(self.values), dtype=float)
        pts = chart._chart_xy(steps, self.values)  # chart-unit coords (x in steps, y transformed), NaN where invalid
        box = ((0.0, float(chart.n_steps)), chart._y_box())
        curves = []
        last = None
        for k in range(n):
            p, q = pts[k], pts[k + 1]
            seg = clip_segment(p, q, box) if np.all(np.isfinite(p)) and np.all(np.isfinite(q)) else None
            if seg is None:
                anchor = last if last is not None else chart._to_scene(np.array([0.0, box[1][0]]))
                curves.append(np.repeat(anchor[None, :], 4, axis=0))
                continue
            a, b = p + seg[0] * (q - p), p + seg[1] * (q - p)
            u, v = chart._to_scene(a), chart._to_scene(b)
            curves.append(np.array([u, u + (v - u) / 3, u + 2 * (v - u) / 3, v]))
            last = v
        if not curves:
            p0 = chart._to_scene(np.array([0.0, box[1][0]]))
            curves = [np.repeat(p0[None, :], 4, axis=0)]
        self.full = VMobject(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
        self.full.set_points(np.concatenate(curves))
        self.line = self.full.copy()
        self.line.pointwise_become_partial(self.full, 0, 0)
        self._pts = pts
        self._full_key = chart._frame_key()
        self.head = Dot(radius=0.06, color=color) if head else None
        self.add(self.line)
        if self.head is not None:
            self.add(self.head)
        self.progress = 0.0
        self.set_progress(0)

    def set_progress(self, s: float) -> "Series":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        key = self.chart._frame_key()
        if not np.allclose(key, self._full_key):  # the chart moved since this line was built
            from .trajectory import _apply_affine

            _apply_affine([self.full], self._full_key, key)
            self._full_key = key
        if self.n_steps:
            self.line.pointwise_become_partial(self.full, 0, s / self.n_steps)
        if self.head is not None:
            k = int(math.floor(s))
            f = s - k
            p = self._pts[k] if k >= self.n_steps or f == 0 else self._pts[k] + f * (self._pts[k + 1] - self._pts[k])
            (x0, x1), (y0, y1) = (0.0, float(self.chart.n_steps)), self.chart._y_box()
            ok = np.all(np.isfinite(p)) and x0 <= p[0] <= x1 and y0 <= p[1] <= y1
            if ok:
                self.head.move_to(self.chart._to_scene(p))
            self.head.set_opacity(1.0 if ok else 0.0)
        return self


class StepChart(VGroup):
    """Axes for values against step, with any number of ``Series`` that draw in step.

    Parameters
    ----------
    steps
        Length of the x axis (the number of steps shown).
    y_range
        ``(lo, hi)``; default from the first series added (then fixed).
    log_y
        Logarithmic y axis (ticks at powers of ten).
    width, height
        Size of the plot area.
    x_label, y_label, title
        Axis captions and an optional title above the plot.
    n_x_ticks, max_y_ticks
        About how many step ticks; at most how many value ticks (a short chart wants fewer).
    exact_range
        Keep a log ``y_range`` as given instead of widening it to whole decades (room for the curves).
    """

    def __init__(self, steps: int, *, y_range=None, log_y: bool = False, width: float = 5.0, height: float = 3.0,
                 x_label: str = "step", y_label: str = "", title: str | None = None, font_size: float = 26,
                 n_x_ticks: int = 5, max_y_ticks: int = 6, exact_range: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.n_steps = int(steps)
        self.log_y = log_y
        self.plot_width, self.plot_height = width, height
        self.font_size = font_size
        self.x_label_text, self.y_label_text, self.title_text = x_label, y_label, title
        self.n_x_ticks = n_x_ticks
        self.max_y_ticks = max_y_ticks
        self.exact_range = exact_range
        self.frame = Rectangle(width=width, height=height, stroke_width=0, fill_opacity=0)
        self.add(self.frame)
        self.series: list[Series] = []
        self.y_range = None
        self.axes = VGroup()
        self.title = None
        self.progress = 0.0
        if y_range is not None:
            self._set_y_range(y_range)

    # -------------------------------------------------------------- coordinates
    def _ty(self, y):
        y = np.asarray(y, dtype=float)
        if self.log_y:
            with np.errstate(all="ignore"):
                return np.where(y > 0, np.log10(np.where(y > 0, y, 1.0)), -np.inf)
        return y

    def _y_box(self):
        lo, hi = self.y_range
        return (float(self._ty(lo)), float(self._ty(hi)))

    def _chart_xy(self, x, y):
        ty = self._ty(y)
        ty = np.where(np.isnan(np.asarray(y, dtype=float)), np.nan, ty)
        # -inf (log of 0) sits just below the axis so the line drops out of view
        ty = np.where(np.isneginf(ty), self._y_box()[0] - 1e3, ty)
        return np.stack([np.asarray(x, dtype=float), ty], axis=-1)

    def _to_scene(self, xy):
        xy = np.asarray(xy, dtype=float)
        dl = self.frame.get_corner(DOWN + LEFT)
        ur = self.frame.get_corner(UP + RIGHT)
        y0, y1 = self._y_box()
        px = dl[0] + xy[..., 0] / max(self.n_steps, 1) * (ur[0] - dl[0])
        py = dl[1] + (xy[..., 1] - y0) / (y1 - y0) * (ur[1] - dl[1])
        return np.stack([px, py, np.zeros_like(px)], axis=-1)

    def _frame_key(self) -> np.ndarray:
        return np.array([self.frame.get_corner(DOWN + LEFT), self.frame.get_corner(UP + RIGHT)])

    def c2p(self, step, value) -> np.ndarray:
        """Scene point of (step, value)."""
        return self._to_scene(self._chart_xy(step, value))

    # -------------------------------------------------------------- axes
    def _set_y_range(self, y_range):
        lo, hi = float(y_range[0]), float(y_range[1])
        if self.log_y:
            lo = max(lo, 1e-300)
            if not self.exact_range:
                lo, hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(max(hi, lo * 10)))
        self.y_range = (lo, hi)
        self._build_axes()

    def _auto_range(self, values):
        v = np.asarray(values, dtype=float)
        v = v[np.isfinite(v)]
        if self.log_y:
            v = v[v > 0]
            if not len(v):
                return (1e-3, 1.0)
            return (float(v.min()), float(v.max()))
        if not len(v):
            return (0.0, 1.0)
        lo, hi = float(min(0.0, v.min())), float(v.max())
        return (lo, hi if hi > lo else lo + 1.0)

    def _build_axes(self):
        self.remove(self.axes)
        fs = self.font_size
        dl = self.frame.get_corner(DOWN + LEFT)
        ur = self.frame.get_corner(UP + RIGHT)
        axes = VGroup()
        x_axis = Line(dl, [ur[0], dl[1], 0], stroke_color=MUTED, stroke_width=2)
        y_axis = Line(dl, [dl[0], ur[1], 0], stroke_color=MUTED, stroke_width=2)
        axes.add(x_axis, y_axis)
        ticks = VGroup()
        for v in nice_ticks(0, self.n_steps, self.n_x_ticks):
            p = self._to_scene(np.array([v, self._y_box()[0]]))
            ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(Text(format_tick(v), font=FONT, font_size=fs, color=MUTED).next_to(p + DOWN * 0.08, DOWN, buff=0.05))
        y0, y1 = self._y_box()
        if self.log_y:
            ks = np.arange(math.ceil(y0 - 1e-9), math.floor(y1 + 1e-9) + 1)
            if len(ks) > self.max_y_ticks:
                ks = ks[:: int(math.ceil(len(ks) / (self.max_y_ticks - 1)))]
            yticks = [(k, _pow10(int(k))) for k in ks]
        else:
            yticks = [(v, format_tick(v)) for v in nice_ticks(y0, y1, min(4, self.max_y_ticks))]
        grid = VGroup()
        for ty, label in yticks:
            p = self._to_scene(np.array([0.0, ty]))
            ticks.add(Line(p, p + LEFT * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(Text(label, font=FONT, font_size=fs, color=MUTED).next_to(p + LEFT * 0.08, LEFT, buff=0.05))
            if abs(ty - y0) > 1e-9:
                grid.add(Line(p, [ur[0], p[1], 0], stroke_color=MUTED, stroke_width=1, stroke_opacity=0.25))
        axes.add(grid, ticks)
        self.grid = grid
        self.ticks = ticks
        if self.x_label_text:
            self.x_label = Text(self.x_label_text, font=FONT, font_size=fs, color=MUTED)
            self.x_label.next_to(ticks, DOWN, buff=0.08).set_x(self.frame.get_center()[0])
            axes.add(self.x_label)
        if self.y_label_text:
            self.y_label = Text(self.y_label_text, font=FONT, font_size=fs, color=MUTED)
            # above the plot and clear of the top tick's number
            self.y_label.next_to(VGroup(self.frame, ticks), UP, buff=0.12).align_to(ticks, LEFT)
            axes.add(self.y_label)
        if self.title_text:
            self.title = Text(self.title_text, font=FONT, font_size=fs * 1.25, color=TEXT)
            anchor = self.y_label if self.y_label_text else VGroup(self.frame, ticks)
            self.title.next_to(anchor, UP, buff=0.12).align_to(ticks, LEFT)
            axes.add(self.title)
        self.axes = axes
        self.submobjects.insert(1, axes)

    # -------------------------------------------------------------- series
    def add_series(self, values, color=None, *, optimizer: str | None = None, name: str | None = None,
                   **kwargs) -> Series:
        """Add a line (``values`` per step, index 0 = before the first step); returns the Series."""
        if self.y_range is None:
            self._set_y_range(self._auto_range(values))
        color = color or (optimizer_color(optimizer) if optimizer else TEXT)
        s = Series(self, values, color, name=name or optimizer, **kwargs)
        s.set_progress(self.progress)
        self.series.append(s)
        self.add(s)
        return s

    def set_progress(self, s: float) -> "StepChart":
        """Show every series up to step ``s``."""
        self.progress = float(s)
        for series in self.series:
            series.set_progress(s)
        return self

    def show_all(self) -> "StepChart":
        return self.set_progress(self.n_steps)

    def _moving_hint(self):
        """``(parts, region)`` for ``speed.plan_moving``: all but the frame and axes, within the chart (wider right)."""
        from .speed import family_bbox, split_parts

        region = family_bbox(self)
        if region is None:
            return None
        return split_parts(self, [self.frame, self.axes]), region + np.array([-0.3, -0.3, 1.2, 0.3])

    def draw(self, start: float | None = None, end: float | None = None, **kwargs):
        """Animation drawing all series from ``start`` (default: where they are) to ``end`` steps."""
        return DrawSteps(self, start=start, end=end, **kwargs)


def fit_in_box(build, width: float, height: float, rounds: int = 3):
    """``build(w, h)`` (a chart whose plot area is ``w`` x ``h``) rebuilt until the whole picture, ticks and
    labels included, fits ``width`` x ``height``. Text is never scaled (it would fall below the type floor):
    the plot area gives up what the ticks and labels overhang."""
    w, h = width, height
    for _ in range(rounds):
        mob = build(w, h)
        over_w, over_h = mob.width - width, mob.height - height
        if over_w <= 1e-6 and over_h <= 1e-6:
            break
        w, h = max(w - max(over_w, 0.0) - 0.02, 0.5), max(h - max(over_h, 0.0) - 0.02, 0.5)
    return mob


def loss_axis(curves, wide: float = 30.0, floor: float = 1e-12) -> tuple[bool, tuple[float, float]]:
    """``(log_y, y_range)`` for loss curves: a log axis when every loss is positive and they span more than
    ``wide`` times (from the highest start down to the lowest value, never below ``floor`` x the top),
    else a linear one padded by 5 %. The top is the highest first value, so a diverging run leaves the
    chart at its top edge rather than squashing the rest."""
    curves = [np.asarray(c, dtype=float).reshape(-1) for c in curves]
    finite = np.concatenate([c[np.isfinite(c)] for c in curves]) if curves else np.zeros(0)
    firsts = np.array([c[0] for c in curves if len(c) and np.isfinite(c[0])])
    hi = float(firsts.max()) if firsts.size else (float(finite.max()) if finite.size else 1.0)
    lo = float(finite.min()) if finite.size else 0.0
    if lo > 0 and hi / lo > wide:
        return True, (max(lo, hi * floor), hi)
    pad = 0.05 * (hi - lo if hi > lo else 1.0)
    return False, (lo - pad, hi + pad)


class LossChart(StepChart):
    """Loss against step, one line per optimizer (log scale by default)."""

    def __init__(self, steps: int, *, log_y: bool = True, y_label: str = "loss", **kwargs):
        super().__init__(steps, log_y=log_y, y_label=y_label, **kwargs)

    def add_trajectory(self, tpath, **kwargs) -> Series:
        """Add a ``TrajectoryPath``'s losses in its colour (NaN after divergence ends the line)."""
        losses = tpath.losses if tpath.losses is not None else np.full(tpath.n_steps + 1, np.nan)
        f_min = getattr(getattr(tpath.space, "landscape", None), "f_min", None)
        values = losses - f_min if (self.log_y and f_min is not None and f_min != 0) else losses
        return self.add_series(values, tpath.color, name=tpath.optimizer, **kwargs)

    def add_losses(self, losses, optimizer: str, **kwargs) -> Series:
        return self.add_series(losses, optimizer=optimizer, **kwargs)


class EffectiveLRChart(StepChart):
    """Per-coordinate effective learning rate against step: θ₁ solid, θ₂ fainter, labelled at the right end."""

    def __init__(self, effective_lr, *, optimizer: str = "adagrad", log_y: bool = True, labels=("\u03b8\u2081", "\u03b8\u2082"),
                 y_label: str = "effective learning rate", steps: int | None = None, y_range=None, **kwargs):
        eff = np.asarray(effective_lr, dtype=float)
        if eff.ndim == 3:
            eff = eff[:, 0, :]
        steps = steps or len(eff)
        if y_range is None:
            v = eff[np.isfinite(eff) & (eff > 0)] if log_y else eff[np.isfinite(eff)]
            y_range = (float(v.min()), float(v.max())) if len(v) else (1e-3, 1)
        super().__init__(steps, log_y=log_y, y_label=y_label, y_range=y_range, **kwargs)
        color = optimizer_color(optimizer)
        self.coordinate_series = []
        self.end_labels = VGroup()
        # effective_lr[t] is the step size used by step t (steps 1..T): index it so step k shows eff[k-1]
        padded = np.vstack([eff[:1], eff])
        for j in range(eff.shape[1]):
            s = self.add_series(padded[:, j], color, name=labels[j] if j < len(labels) else f"x{j}",
                                opacity=1.0 if j == 0 else 0.55)
            self.coordinate_series.append(s)
            lab = Text(labels[j] if j < len(labels) else f"x{j}", font=FONT, font_size=self.font_size, color=color)
            lab.set_opacity(1.0 if j == 0 else 0.7)
            self.end_labels.add(lab)
        self.add(self.end_labels)
        self._place_labels()

    def _place_labels(self):
        for s, lab in zip(self.coordinate_series, self.end_labels):
            if s.head is not None:
                lab.next_to(s.head, RIGHT, buff=0.08)

    def set_progress(self, s: float) -> "EffectiveLRChart":
        super().set_progress(s)
        if hasattr(self, "end_labels"):
            self._place_labels()
        return self


def _step_count(steps) -> int:
    """A number of steps from an int, a TrajectoryPath (``n_steps``) or a Trajectory (``positions``)."""
    if hasattr(steps, "n_steps"):
        return int(steps.n_steps)
    if hasattr(steps, "positions"):
        return int(np.shape(steps.positions)[0]) - 1
    return int(steps)


def _fit_steps(values: np.ndarray, steps: int) -> np.ndarray:
    """``steps + 1`` values: cut, or padded with the last value."""
    n = max(int(steps), 1) + 1
    if len(values) >= n:
        return values[:n].copy()
    return np.concatenate([values, np.full(n - len(values), values[-1])])


class ScheduleChart(StepChart):
    """A learning-rate schedule (one value per step) with a cursor that moves as steps advance.

    ``reveal=False`` (default) shows the whole curve and moves only the cursor.

    By default the step axis runs from 0 to ``len(lrs) - 1``. ``steps=`` (a number, or a
    ``TrajectoryPath`` / optim_core Trajectory of the same run) sets it to that many steps
    instead, so the chart and a path of ``steps`` steps share one axis: the rates are padded
    with their last value (or cut) to ``steps + 1`` values.
    """

    def __init__(self, lrs, *, optimizer: str | None = None, color=None, reveal: bool = False, y_label: str = "learning rate",
                 log_y: bool = False, steps=None, **kwargs):
        lrs = np.asarray(lrs, dtype=float).reshape(-1)
        if steps is not None:
            lrs = _fit_steps(lrs, _step_count(steps))
        super().__init__(len(lrs) - 1 if len(lrs) > 1 else 1, log_y=log_y, y_label=y_label,
                         y_range=kwargs.pop("y_range", (0.0, float(np.nanmax(lrs)) * 1.1) if not log_y else None), **kwargs)
        if self.y_range is None:
            self._set_y_range(self._auto_range(lrs))
        color = color or (optimizer_color(optimizer) if optimizer else TEXT)
        self.curve = self.add_series(lrs, color, head=False)
        self.reveal = reveal
        if not reveal:
            self.curve.set_progress(self.curve.n_steps)
        self.lrs = lrs
        top = self.frame.get_top()[1]
        bottom = self.frame.get_bottom()[1]
        self.cursor_line = DashedLine([0, bottom, 0], [0, top, 0], stroke_color=TEXT, stroke_width=2, dash_length=0.08)
        self.cursor_line.set_opacity(0.6)
        self.cursor_dot = Dot(radius=0.07, color=color).set_stroke(BACKGROUND, width=2, background=True)
        self.value = LiveText("0.0000", font_size=self.font_size, color=TEXT)
        self.cursor = VGroup(self.cursor_line, self.cursor_dot, self.value)
        self.add(self.cursor)
        self.set_progress(0)

    def set_progress(self, s: float) -> "ScheduleChart":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        if self.reveal:
            self.curve.set_progress(s)
        elif hasattr(self, "curve"):
            self.curve.set_progress(self.curve.progress)  # keeps its reference line in step if the chart moved
        if not hasattr(self, "cursor"):
            return self
        k = int(math.floor(s))
        lr = self.lrs[min(k, len(self.lrs) - 1)]
        p = self.c2p(s, lr)
        self.cursor_line.set_x(p[0])
        self.cursor_dot.move_to(p)
        self.value.set_text(format_value(lr))
        self._place_value()
        return self

    def _place_value(self):
        """The value beside the cursor dot: up-right or up-left (lifted above the curve if it would cover it),
        else down-right or down-left, whichever first stays inside the plot and off the curve."""
        ends = self.curve.full.points.reshape(-1, 4, 3)[:, [0, 3], :2]  # straight pieces
        t = np.linspace(0.0, 1.0, 9)[None, :, None]
        pts = (ends[:, :1] + t * (ends[:, 1:] - ends[:, :1])).reshape(-1, 2)
        fl, fr = self.frame.get_left()[0], self.frame.get_right()[0]
        fb, ft = self.frame.get_bottom()[1], self.frame.get_top()[1]
        pad = 0.04

        def covered():
            lo = self.value.get_corner(DOWN + LEFT)[:2] - pad
            hi = self.value.get_corner(UP + RIGHT)[:2] + pad
            return pts[np.all((pts >= lo) & (pts <= hi), axis=1)]

        def h_inside():
            return fl <= self.value.get_left()[0] and self.value.get_right()[0] <= fr

        fallback = None
        for corner in (UP + RIGHT, UP + LEFT):
            self.value.next_to(self.cursor_dot, corner, buff=0.06)
            if not h_inside():
                continue
            hit = covered()
            if len(hit):  # lift it clear of the curve under it
                xs = (pts[:, 0] >= self.value.get_left()[0] - pad) & (pts[:, 0] <= self.value.get_right()[0] + pad)
                self.value.shift(UP * (pts[xs, 1].max() + pad - self.value.get_bottom()[1] + 0.02))
            if self.value.get_top()[1] <= ft + 0.3:
                return
            fallback = fallback or corner
        for corner in (DOWN + RIGHT, DOWN + LEFT):
            self.value.next_to(self.cursor_dot, corner, buff=0.06)
            if h_inside() and self.value.get_bottom()[1] >= fb and not len(covered()):
                return
        self.value.next_to(self.cursor_dot, fallback if fallback is not None else UP + RIGHT, buff=0.06)


class CoordinateBars(VGroup):
    """Live horizontal bars, one per coordinate, whose length follows ``values[k]`` (e.g. effective lr per step).

    ``log=True`` maps the bar length to log10 of the value between ``v_range`` (default: the data's range).
    ``values[t]`` belongs to step t+1 (optim_core's per-step arrays); at step 0 the bars show ``values[0]``.
    """

    def __init__(self, values, *, optimizer: str = "adagrad", labels=("\u03b8\u2081", "\u03b8\u2082"), title: str | None = None,
                 log: bool = True, v_range=None, length: float = 4.0, bar_height: float = 0.32, font_size: float = 28,
                 **kwargs):
        super().__init__(**kwargs)
        vals = np.asarray(values, dtype=float)
        if vals.ndim == 3:
            vals = vals[:, 0, :]
        self.values = vals
        self.n_steps = len(vals)
        self.log = log
        finite = vals[np.isfinite(vals) & ((vals > 0) if log else True)]
        if v_range is None:
            v_range = (float(finite.min()), float(finite.max())) if len(finite) else (1e-3, 1.0)
        if log:
            lo, hi = math.floor(math.log10(v_range[0])), math.ceil(math.log10(v_range[1]))
            self.v_range = (10.0**lo, 10.0**hi if hi > lo else 10.0 ** (lo + 1))
        else:
            self.v_range = (0.0, float(v_range[1]))
        self.length = length
        color = optimizer_color(optimizer)
        self.rows = VGroup()
        self.bars, self.numbers = [], []
        for j in range(vals.shape[1]):
            name = Text(labels[j] if j < len(labels) else f"x{j}", font=FONT, font_size=font_size, color=TEXT)
            track = Rectangle(width=length, height=bar_height, stroke_color=MUTED, stroke_width=1.2, stroke_opacity=0.6,
                              fill_opacity=0)
            bar = Rectangle(width=length, height=bar_height, stroke_width=0, fill_color=color,
                            fill_opacity=1.0 if j == 0 else 0.65)
            num = LiveText("0.00000", font_size=font_size, color=TEXT)
            row = VGroup(name, track, num).arrange(RIGHT, buff=0.2)
            bar.move_to(track)
            row.add(bar)
            self.rows.add(row)
            self.bars.append((bar, track))
            self.numbers.append(num)
        self.rows.arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        self.add(self.rows)
        self.title = None
        if title:
            self.title = Text(title, font=FONT, font_size=font_size, color=MUTED).next_to(self.rows, UP, buff=0.2,
                                                                                      aligned_edge=LEFT)
            self.add(self.title)
        self.progress = 0.0
        self.set_progress(0)

    def _fraction(self, v: float) -> float:
        if not np.isfinite(v) or (self.log and v <= 0):
            return 0.0
        lo, hi = self.v_range
        if self.log:
            return float(np.clip((math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)), 0, 1))
        return float(np.clip((v - lo) / (hi - lo), 0, 1))

    def set_progress(self, s: float) -> "CoordinateBars":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        k = int(math.floor(s))
        row = self.values[max(k - 1, 0)]
        for (bar, track), num, v in zip(self.bars, self.numbers, row):
            frac = max(self._fraction(v), 1e-3)
            left = track.get_left()
            bar.stretch_to_fit_width(track.width * frac)
            bar.move_to(left, aligned_edge=LEFT)
            num.set_text(format_value(v))
        return self

    def _moving_hint(self):
        """``(parts, region, regions)`` for ``speed.plan_moving``: each bar within its track, each number
        where it is (room to grow right); names, tracks and title stay static."""
        from .speed import family_bbox

        region = family_bbox(self)
        if region is None:
            return None
        parts, regions = [], []
        for (bar, track), num in zip(self.bars, self.numbers):
            parts += [bar, num]
            regions += [family_bbox(track, 0.05), family_bbox(num) + np.array([-0.1, -0.1, 1.2, 0.1])]
        return parts, region + np.array([-0.3, -0.3, 1.2, 0.3]), regions

    def draw(self, start: float | None = None, end: float | None = None, **kwargs):
        return DrawSteps(self, start=start, end=end, **kwargs)
