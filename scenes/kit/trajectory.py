"""A trajectory that draws itself step by step on a LandscapeMap or LandscapeSurface, in its optimizer's colour.

Usage::

    ls = oc.landscape("ravine")
    lmap = LandscapeMap(ls).to_edge(LEFT)
    gd = TrajectoryPath(oc.run(oc.optimizer("gd", lr=0.1), ls, (-5.5, 1.5), steps=60), lmap, "gd")
    mom = TrajectoryPath(oc.run(oc.optimizer("momentum", lr=0.1), ls, (-5.5, 1.5), steps=60), lmap, "momentum")
    self.add(lmap)                                   # static background first
    self.play(gd.draw(), mom.draw(), run_time=6)     # in step with each other (linear in steps)
    self.play(gd.draw(end=10), run_time=2)           # or in pieces: draw() goes on from where it is

A run that leaves the map is drawn to the map's edge and clipped there (never clamped); when
``optim_core`` marks it diverged (``diverged_at``), a cross at the exit and a "diverged at step k"
label appear as the drawing reaches that step. Parts: ``path``, ``dot``, ``markers``,
``readout`` (``step k  loss v``), ``diverged_label`` (``None`` unless diverged).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UP,
    UR,
    UL,
    Animation,
    Dot,
    BackgroundRectangle,
    Text,
    VGroup,
    VMobject,
    linear,
)

from ._text import align_baseline
from .live_text import LiveText, format_value
from .palette import BACKGROUND, FONT, MUTED, PANEL, TEXT, display_name, optimizer_color

__all__ = ["TrajectoryPath", "DrawTrajectory", "clip_segment", "readout_table", "ReadoutTable", "trajectory_arrays"]


def trajectory_arrays(traj, index: int | None = None):
    """``(positions (T+1, 2), losses (T+1,) or None, diverged_at int or None)`` from an optim_core
    Trajectory (one start, or row ``index`` of a batch) or a plain positions array."""
    if isinstance(traj, np.ndarray) or isinstance(traj, (list, tuple)):
        pos = np.asarray(traj, dtype=float)
        losses, div = None, None
    else:
        pos = np.asarray(traj.positions, dtype=float)
        losses = getattr(traj, "losses", None)
        losses = None if losses is None else np.asarray(losses, dtype=float)
        div = getattr(traj, "diverged_at", None)
    if pos.ndim == 3:
        i = 0 if index is None else index
        pos = pos[:, i, :]
        if losses is not None and losses.ndim == 2:
            losses = losses[:, i]
        if div is not None and np.ndim(div) > 0:
            div = np.asarray(div)[i]
    elif div is not None and np.ndim(div) > 0:
        div = np.asarray(div).reshape(-1)[0 if index is None else index]
    if div is not None:
        div = int(div)
        if div < 0:  # a batch may mark "never" with -1
            div = None
    if pos.ndim != 2 or pos.shape[-1] != 2:
        raise ValueError(f"expected positions of shape (T+1, 2), got {pos.shape}")
    return pos, losses, div


def clip_segment(p, q, bounds):
    """Clip segment p->q (parameter space) to the box ``bounds``; ``(t0, t1)`` along it, or ``None`` if outside.

    Liang-Barsky; works with very large finite end points.
    """
    (x0, x1), (y0, y1) = bounds
    d = q - p
    t0, t1 = 0.0, 1.0
    for pi, di, lo, hi in ((p[0], d[0], x0, x1), (p[1], d[1], y0, y1)):
        if di == 0:
            if pi < lo or pi > hi:
                return None
            continue
        ta, tb = (lo - pi) / di, (hi - pi) / di
        if ta > tb:
            ta, tb = tb, ta
        t0, t1 = max(t0, ta), min(t1, tb)
        if t0 > t1:
            return None
    return t0, t1


def _space_key(space) -> np.ndarray:
    """Two scene points that pin down where a space is drawn: the map frame's corners, or the surface offset."""
    if hasattr(space, "frame_points"):
        return np.asarray(space.frame_points(), dtype=float)
    frame = getattr(space, "frame", None)
    if frame is not None:
        return np.array([frame.get_corner(DOWN + LEFT), frame.get_corner(UP + RIGHT)])
    return np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 0.0]])


def _apply_affine(mobjects, old, new):
    """Map the box ``old`` (two corners) onto ``new``, per axis (x, y scale and shift; z shift), on every point."""
    old = np.asarray(old, dtype=float)
    new = np.asarray(new, dtype=float)
    d_old = old[1] - old[0]
    d_new = new[1] - new[0]
    scale = np.ones(3)
    for i in (0, 1):
        if abs(d_old[i]) > 1e-12:
            scale[i] = d_new[i] / d_old[i]
    for mob in mobjects:
        for m in mob.get_family():
            if len(m.points):
                m.points = new[0] + (m.points - old[0]) * scale


def _boxes_overlap(a, b, pad: float = 0.0) -> bool:
    """Whether the bounding boxes of two mobjects overlap (``pad`` widens them)."""
    return not (a.get_right()[0] + pad < b.get_left()[0] or b.get_right()[0] + pad < a.get_left()[0]
                or a.get_top()[1] + pad < b.get_bottom()[1] or b.get_top()[1] + pad < a.get_bottom()[1])


class TrajectoryPath(VGroup):
    """One optimizer run drawn on a map or surface.

    Parameters
    ----------
    trajectory
        ``optim_core`` Trajectory (or positions array of shape (T+1, 2)).
    space
        A ``LandscapeMap`` or ``LandscapeSurface`` (anything with ``c2p(x, y)`` and ``bounds``).
    optimizer
        Canonical optimizer name: picks colour and display name (``color=`` overrides).
    index
        Row of a batched trajectory (x0 of shape (n, 2)).
    steps
        Draw only the first ``steps`` steps.
    markers
        Small dots at each step: ``True``, ``False`` or ``"auto"`` (on for <= 60 steps).
    readout
        ``"corner"`` (inside the map's top-left, or the first other corner the run does not
        pass through), ``"follow"`` (beside the moving dot),
        ``"free"`` (built but not placed: arrange it yourself) or ``None``.
    readout_background
        ``False``: the readout has no panel behind it (``readout_background`` is still built, not
        added), so it is as wide as its text; for readouts arranged in a panel of their own.
    label
        Name shown in the readout (default the optimizer's display name; ``""`` for none).
    loss_label
        The readout's word for the loss (e.g. ``"loss f"`` where the formula names it f).
    readout_values
        What the readout counts instead of the loss, one value per step (name it with ``loss_label``).
    stop_at_exit
        Draw the run only up to where it first leaves the map, flagged "off the map at step e" there;
        the step counter stops at e and shows the loss there.
    subdivisions
        Curve pieces per step (surfaces use several so the path hugs the surface).
    """

    def __init__(
        self,
        trajectory,
        space,
        optimizer: str = "gd",
        *,
        index: int | None = None,
        color=None,
        steps: int | None = None,
        stroke_width: float = 4.0,
        dot_radius: float = 0.08,
        markers="auto",
        marker_radius: float = 0.032,
        readout: str | None = None,
        readout_font_size: float = 26,
        readout_background: bool = True,
        label: str | None = None,
        subdivisions: int | None = None,
        diverged_font_size: float = 26,
        stop_at_exit: bool = False,
        loss_label: str = "loss",
        readout_values=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.space = space
        self.optimizer = optimizer
        self.color = color or optimizer_color(optimizer)
        pos, losses, div = trajectory_arrays(trajectory, index)
        if steps is not None:
            pos = pos[: steps + 1]
            losses = None if losses is None else losses[: steps + 1]
            if div is not None and div > steps:
                div = None
        self.positions = pos
        self.n_steps = len(pos) - 1
        if losses is None and hasattr(space, "landscape"):
            with np.errstate(all="ignore"):
                losses = np.asarray(space.landscape.f(np.where(np.isfinite(pos), pos, 0.0)), dtype=float)
                losses[~np.all(np.isfinite(pos), axis=-1)] = np.nan
        self.losses = losses
        # what the readout counts, one value per step (default: the loss; ``loss_label`` names it)
        self.readout_values = losses if readout_values is None else np.asarray(readout_values, dtype=float)[: self.n_steps + 1]
        # a run is diverged when optim_core says so, or when it turns non-finite
        finite = np.all(np.isfinite(pos), axis=-1)
        if div is None and not finite.all():
            div = int(np.argmin(finite))
        self.diverged_at = div
        self.subdivisions = subdivisions or getattr(space, "path_subdivisions", 1)
        self.progress = 0.0
        self._last_k = None
        # stop_at_exit: the run is drawn up to where it first leaves the map, and flagged there
        # ("off the map at step e"); later jumps back across the map are not drawn (a diverging
        # oscillation would paint a comb of lines). The losses and the readout keep the record.
        self.exit_step = None
        if stop_at_exit:
            (bx0, bx1), (by0, by1) = space.bounds
            inside = finite & (pos[:, 0] >= bx0) & (pos[:, 0] <= bx1) & (pos[:, 1] >= by0) & (pos[:, 1] <= by1)
            if not inside.all():
                self.exit_step = int(np.argmin(inside))

        self._build_geometry()
        # where the space's frame was when the geometry was built: the full path (not a submobject)
        # and the submobjects (via an invisible anchor) follow the map when it moves later
        self._full_key = _space_key(space)
        self._anchor = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        self._anchor.set_points_as_corners(_space_key(space))
        # the drawn path: a partial copy of the full one
        self.full_path = VMobject(stroke_color=self.color, stroke_width=stroke_width)
        self.full_path.set_points(self._curve_points)
        self.full_path.set_background_stroke(color=BACKGROUND, width=stroke_width + 3.5, opacity=0.85)
        self.path = self.full_path.copy()
        self.path.pointwise_become_partial(self.full_path, 0, 0)

        start = self._scene_point(pos[0]) if finite[0] else np.zeros(3)
        self.dot = Dot(start, radius=dot_radius, color=self.color, stroke_color=BACKGROUND, stroke_width=2)
        self.dot.set_stroke(BACKGROUND, width=2, opacity=1.0)
        use_markers = (self.n_steps <= 60) if markers == "auto" else bool(markers)
        self.markers = VGroup()
        self._marker_steps = []
        if use_markers:
            for k in range(1, self.n_steps + 1):
                if self._inside[k]:
                    m = Dot(self._scene_point(pos[k]), radius=marker_radius, color=self.color, fill_opacity=0.0)
                    self.markers.add(m)
                    self._marker_steps.append(k)
        self._marker_steps = np.array(self._marker_steps, dtype=int)
        self.add(self._anchor, self.path, self.markers, self.dot)

        self.readout = None
        self.readout_mode = readout
        if readout is not None:
            self._build_readout(label, readout_font_size, readout_background, loss_label)
            self.add(self.readout)

        self.diverged_label = None
        if self.diverged_at is not None or self.exit_step is not None:
            self._build_diverged_label(diverged_font_size)
            self.add(self.diverged_label)
        self.set_progress(0)

    # ------------------------------------------------------------------ geometry
    def _scene_point(self, xy):
        return np.asarray(self.space.c2p(xy[..., 0], xy[..., 1]), dtype=float)

    def _build_geometry(self):
        pos = self.positions
        bounds = self.space.bounds
        n, sub = self.n_steps, self.subdivisions
        finite = np.all(np.isfinite(pos), axis=-1)
        (bx0, bx1), (by0, by1) = bounds
        self._inside = finite & (pos[:, 0] >= bx0) & (pos[:, 0] <= bx1) & (pos[:, 1] >= by0) & (pos[:, 1] <= by1)
        if getattr(self, "exit_step", None) is not None:
            self._inside[self.exit_step:] = False  # the dot leaves for good
        curves = []  # per step: `sub` cubic curves (4 points each), or degenerate ones
        last = self._scene_point(pos[0]) if self._inside[0] else None
        self.exit_point = None  # (step, scene point) where the run leaves the map for the last time
        self._visible_segment = np.zeros(max(n, 1), dtype=bool)
        stop = getattr(self, "exit_step", None)
        for k in range(n):
            p, q = pos[k], pos[k + 1]
            seg = None
            if stop is not None and k >= stop:
                pass  # after the first exit: nothing more is drawn
            elif finite[k] and finite[k + 1]:
                with np.errstate(all="ignore"):
                    seg = clip_segment(p, q, bounds)
            if seg is None:
                anchor = last if last is not None else self._scene_point(
                    np.clip(np.nan_to_num(pos[0]), [bx0, by0], [bx1, by1]))
                for _ in range(sub):
                    curves.append(np.repeat(anchor[None, :], 4, axis=0))
                continue
            t0, t1 = seg
            a, b = p + t0 * (q - p), p + t1 * (q - p)
            ts = np.linspace(0.0, 1.0, sub + 1)
            pts = a[None, :] + ts[:, None] * (b - a)[None, :]
            sp = self._scene_point(pts)
            for j in range(sub):
                u, v = sp[j], sp[j + 1]
                curves.append(np.array([u, u + (v - u) / 3, u + 2 * (v - u) / 3, v]))
            self._visible_segment[k] = True
            if t1 < 1.0 and (self.exit_point is None or stop is None):  # leaves the map on this step
                self.exit_point = (k + 1, sp[-1])
            last = sp[-1]
        if not curves:
            p0 = self._scene_point(pos[0]) if finite[0] else np.zeros(3)
            curves = [np.repeat(p0[None, :], 4, axis=0)]
        self._curve_points = np.concatenate(curves, axis=0)
        self._n_curves = len(curves)

    def point_at_step(self, k: int) -> np.ndarray:
        """Scene point of the position after step ``k`` (clipped runs: may lie outside the map)."""
        return self._scene_point(self.positions[k])

    def position(self, k: int) -> np.ndarray:
        """Parameters after step ``k``."""
        return self.positions[k]

    # ------------------------------------------------------------------ parts
    def _build_readout(self, label, font_size, background: bool = True, loss_label: str = "loss"):
        name = display_name(self.optimizer) if label is None else label
        follow = self.readout_mode == "follow"
        parts = []
        self.readout_name = None
        if name and not follow:
            self.readout_name = Text(name, font=FONT, font_size=font_size, color=self.color, weight="BOLD")
            parts.append(self.readout_name)
        digits = len(str(self.n_steps))
        self.step_caption = Text("step", font=FONT, font_size=font_size, color=MUTED)
        self.step_value = LiveText("0" * digits, font_size=font_size, color=TEXT)
        self.loss_caption = Text(loss_label, font=FONT, font_size=font_size, color=MUTED)
        self.loss_value = LiveText("0" * 8, font_size=font_size, color=TEXT)
        row = VGroup(*parts, self.step_caption, self.step_value, self.loss_caption, self.loss_value)
        row.arrange(RIGHT, buff=0.14, aligned_edge=DOWN)
        # everything on the digits' baseline ("step", "RMSprop" have descenders: bottoms would not do)
        base = self.step_value.ruler.get_start()[1]
        self.loss_value.shift(UP * (base - self.loss_value.ruler.get_start()[1]))
        for piece in (self.readout_name, self.step_caption, self.loss_caption):
            if piece is not None:
                align_baseline(piece, base)
        self.loss_caption.shift(RIGHT * 0.1)
        self.loss_value.shift(RIGHT * 0.1)
        back = BackgroundRectangle(row, color=PANEL, fill_opacity=0.88, buff=0.1, corner_radius=0.08)
        self.readout_background = back
        self.readout = VGroup(back, row) if background else VGroup(row)
        if self.readout_mode == "corner":
            frame = getattr(self.space, "frame", None)
            if frame is not None:
                self._place_readout_in_corner(frame)

    def _place_readout_in_corner(self, frame):
        """Top-left inside the map, unless the run passes there: then the first free corner of
        top-right, bottom-left, bottom-right (or the one the run crosses least)."""
        ends = self._curve_points.reshape(-1, 4, 3)[:, [0, 3], :2]  # every piece is a straight line
        t = np.linspace(0.0, 1.0, 9)[None, :, None]
        pts = (ends[:, :1] + t * (ends[:, 1:] - ends[:, :1])).reshape(-1, 2)
        best = None
        for corner in (UL, UR, DL, DR):
            self.readout.move_to(frame.get_corner(corner), aligned_edge=corner).shift(-0.12 * corner)
            lo = self.readout.get_corner(DL)[:2] - 0.05
            hi = self.readout.get_corner(UR)[:2] + 0.05
            hits = int(np.sum(np.all((pts >= lo) & (pts <= hi), axis=1)))
            if best is None or hits < best[0]:
                best = (hits, corner)
            if hits == 0:
                break
        corner = best[1]
        self.readout.move_to(frame.get_corner(corner), aligned_edge=corner).shift(-0.12 * corner)
        self.readout_corner = corner

    @property
    def flag_step(self) -> int | None:
        """The step at which the flag (cross and label) appears: the exit, or the divergence."""
        return self.exit_step if self.exit_step is not None else self.diverged_at

    def _build_diverged_label(self, font_size):
        k = self.flag_step
        words = f"off the map at step {k}" if self.exit_step is not None else f"diverged at step {k}"
        text = Text(words, font=FONT, font_size=font_size, color=self.color, weight="BOLD")
        frame = getattr(self.space, "frame", None)
        if self.exit_point is not None:
            where = self.exit_point[1]
        else:
            finite = np.where(np.all(np.isfinite(self.positions), axis=-1))[0]
            where = self._scene_point(self.positions[finite[-1]])
        cross = VGroup(
            VMobject().set_points_as_corners([where + 0.12 * (UP + LEFT), where + 0.12 * (DOWN + RIGHT)]),
            VMobject().set_points_as_corners([where + 0.12 * (UP + RIGHT), where + 0.12 * (DOWN + LEFT)]),
        ).set_stroke(self.color, width=5)
        cross.set_background_stroke(color=BACKGROUND, width=9, opacity=1)
        # put the text inside the map, beside the exit point (smaller if the map is narrower than the text)
        if frame is not None:
            if text.width > frame.width - 0.2:
                text.scale_to_fit_width(frame.width - 0.2)
            c = frame.get_center()
            inward = c - where
            inward[2] = 0
            dx = -1 if where[0] > c[0] else 1
            dy = -1 if where[1] > c[1] else 1
            text.next_to(where, (RIGHT if dx > 0 else LEFT) + (UP if dy > 0 else DOWN) * 0.0, buff=0.25)
            text.shift((UP if dy > 0 else DOWN) * 0.35)
            # keep it inside the frame horizontally and vertically
            fl, fr = frame.get_left()[0] + 0.1, frame.get_right()[0] - 0.1
            fb, ft = frame.get_bottom()[1] + 0.1, frame.get_top()[1] - 0.1
            sx = max(0.0, fl - text.get_left()[0]) - max(0.0, text.get_right()[0] - fr)
            sy = max(0.0, fb - text.get_bottom()[1]) - max(0.0, text.get_top()[1] - ft)
            text.shift([sx, sy, 0])
            # never over the corner readout: below it (above it when it sits in a bottom corner)
            ro = self.readout if self.readout_mode == "corner" else None
            if ro is not None and _boxes_overlap(text, ro, pad=0.08):
                if getattr(self, "readout_corner", UL)[1] > 0:  # readout at the top: the label below it
                    text.shift(DOWN * (text.get_top()[1] - (ro.get_bottom()[1] - 0.16)))
                else:
                    text.shift(UP * ((ro.get_top()[1] + 0.16) - text.get_bottom()[1]))
        else:
            text.next_to(where, UP, buff=0.2)
        self.diverged_cross = cross
        self.diverged_text = text
        self.diverged_box = BackgroundRectangle(text, color=PANEL, fill_opacity=0.9, buff=0.08, corner_radius=0.06)
        self.diverged_label = VGroup(cross, self.diverged_box, text)

    # ------------------------------------------------------------------ progress
    def set_progress(self, s: float) -> "TrajectoryPath":
        """Show the run up to step ``s`` (fractional: part way along step ceil(s))."""
        s = float(np.clip(s, 0.0, self.n_steps))
        self.progress = s
        self._follow_space()
        n = self.n_steps
        if n > 0:
            self.path.pointwise_become_partial(self.full_path, 0, s / n)
        k = int(np.floor(s + 1e-9))
        frac = s - k
        # dot: interpolate inside the map, hide outside
        pos = self.positions
        if k >= n:
            k, frac = n, 0.0
        p = pos[k] if frac == 0 or k + 1 > n else pos[k] + frac * (pos[k + 1] - pos[k])
        inside_now = self._inside[k] if frac == 0 else (self._inside[k] and (k + 1 > n or self._inside[k + 1]))
        if not inside_now and np.all(np.isfinite(p)):
            (x0, x1), (y0, y1) = self.space.bounds
            inside_now = x0 <= p[0] <= x1 and y0 <= p[1] <= y1
        if inside_now:
            self.dot.move_to(self._scene_point(p))
            self.dot.set_fill(opacity=1.0).set_stroke(opacity=1.0)
        else:
            self.dot.set_fill(opacity=0.0).set_stroke(opacity=0.0)
        if k != self._last_k:
            self._on_step(k)
            self._last_k = k
        if self.readout_mode == "follow" and self.readout is not None and inside_now:
            self.readout.next_to(self.dot, UR, buff=0.05)
        return self

    def _follow_space(self):
        key = _space_key(self.space)
        if not np.allclose(key, self._full_key):
            _apply_affine([self.full_path], self._full_key, key)
            self._full_key = key
        anchor = self._anchor.points[[0, -1]]
        if not np.allclose(key, anchor):
            movers = [self._anchor, self.path, self.markers, self.dot]
            if self.diverged_label is not None:
                movers.append(self.diverged_label)
            if self.readout is not None and self.readout_mode == "corner":
                movers.append(self.readout)
            _apply_affine(movers, anchor.copy(), key)

    def _on_step(self, k: int):
        if len(self._marker_steps):
            shown = self._marker_steps <= k
            for m, on in zip(self.markers, shown):
                m.set_fill(opacity=0.9 if on else 0.0)
        if self.readout is not None:
            shown = k if self.exit_step is None else min(k, self.exit_step)  # off the map: the count stops there
            self.step_value.set_text(str(shown).rjust(len(str(self.n_steps))))
            loss = self.readout_values[shown] if self.readout_values is not None else np.nan
            diverged = self.diverged_at is not None and shown >= self.diverged_at
            self.loss_value.set_text("diverged" if diverged and not np.isfinite(loss) else format_value(loss))
        if self.diverged_label is not None:
            on = k >= self.flag_step
            self.diverged_cross.set_stroke(opacity=1.0 if on else 0.0)
            self.diverged_cross.set_stroke(opacity=1.0 if on else 0.0, background=True)
            self.diverged_box.set_fill(opacity=0.9 if on else 0.0)
            self.diverged_text.set_fill(opacity=1.0 if on else 0.0)

    def show_all(self) -> "TrajectoryPath":
        """Jump to the end (for stills and final slides)."""
        return self.set_progress(self.n_steps)

    def _moving_hint(self):
        """``(parts, region)`` for ``speed.plan_moving``: the whole path, anywhere inside its map
        (or where it is now), or ``None`` without a flat map frame."""
        from .speed import family_bbox

        frame = getattr(self.space, "frame", None)
        if frame is None or not len(frame.points):
            return None
        parts = [self]
        boxes = [family_bbox(frame), family_bbox(self), family_bbox(self.full_path)]
        if self.readout is not None and self.readout not in self.get_family():
            parts.append(self.readout)  # taken out of the path (placed in a panel): still live
            boxes.append(family_bbox(self.readout))
        boxes = np.array([b for b in boxes if b is not None])
        region = np.concatenate([boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)])
        pad = 0.3
        if self.readout is not None and self.readout_mode == "follow":
            pad += max(self.readout.width, self.readout.height) + 0.2
        return parts, region + np.array([-pad, -pad, pad, pad])

    def detach_readout(self):
        """Take the readout out of the path and return it, to place it in a panel (or keep it
        from scaling with a zooming map). ``draw()`` keeps updating it. In an ``ExplainerScene``
        (2D) it stays live on screen during ``draw()`` plays; in other scenes, or in plays
        without a ``draw()``, add it with ``scene.add_foreground_mobject`` so Cairo redraws it."""
        if self.readout is not None and self.readout in self.submobjects:
            self.remove(self.readout)
        return self.readout

    def draw(self, start: float | None = None, end: float | None = None, **kwargs) -> "DrawTrajectory":
        """An Animation drawing from step ``start`` (default: where it is) to ``end`` (default: the last step).

        Linear in steps by default, so several paths played together stay in step.
        """
        return DrawTrajectory(self, start=start, end=end, **kwargs)


class DrawTrajectory(Animation):
    """Animate ``TrajectoryPath.set_progress`` from ``start`` to ``end`` steps (linear rate by default)."""

    def __init__(self, tpath: TrajectoryPath, start: float | None = None, end: float | None = None,
                 rate_func=linear, **kwargs):
        self.start_step = start
        self.end_step = end
        super().__init__(tpath, rate_func=rate_func, **kwargs)

    def _setup_scene(self, scene) -> None:
        """A readout taken out of the path (``detach_readout``) and added to the scene before it would be painted
        once, as part of Cairo's still background, and show step 0 for the whole drawing: move it (or the
        ``readout_table`` holding it) after the path so it is repainted every frame."""
        super()._setup_scene(scene)
        tp, ro = self.mobject, getattr(self.mobject, "readout", None)   # DrawSteps draws chart lines too
        if scene is None or ro is None or ro in tp.get_family():
            return
        mobs = scene.mobjects
        top = next((m for m in mobs if ro in m.get_family()), None)
        where = next((i for i, m in enumerate(mobs) if tp in m.get_family()), None)
        if top is None or where is None or mobs.index(top) > where:
            return
        if top is ro or isinstance(top, ReadoutTable):
            scene.bring_to_front(top)

    def begin(self) -> None:
        tp = self.mobject
        if self.start_step is None:
            self.start_step = tp.progress
        if self.end_step is None:
            self.end_step = tp.n_steps
        self.interpolate(0)
        # which parts change, and where: lets the scene keep the rest in Cairo's static frame
        hint = getattr(tp, "_moving_hint", None)
        try:
            hint = hint() if hint is not None else None
        except Exception:
            hint = None
        if hint is not None:
            self.moving_parts, self.moving_region = hint[0], hint[1]
            self.moving_regions = hint[2] if len(hint) > 2 else None

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self.mobject.set_progress(self.start_step + a * (self.end_step - self.start_step))

    def finish(self) -> None:
        self.interpolate(1)

    def clean_up_from_scene(self, scene) -> None:
        super().clean_up_from_scene(scene)


class ReadoutTable(VGroup):
    """The readouts of several ``readout="free"`` paths, taken out of their paths and stacked as a table: no
    panels, names right-aligned, so the step and loss columns line up. Place it like any group; ``DrawTrajectory``
    keeps it painted after its paths (live, not part of Cairo's still background)."""

    def __init__(self, paths, buff: float = 0.1, **kwargs):
        paths = list(paths)
        for p in paths:
            p.detach_readout()   # the table holds them now
            if p.readout_background in p.readout.submobjects:
                p.readout.remove(p.readout_background)
        super().__init__(*[p.readout for p in paths], **kwargs)
        self.arrange(DOWN, buff=buff, aligned_edge=LEFT)
        col = max(p.readout_name.get_right()[0] for p in paths)
        for p in paths:
            p.readout.shift(RIGHT * (col - p.readout_name.get_right()[0]))


def readout_table(paths, buff: float = 0.1) -> ReadoutTable:
    """``ReadoutTable(paths, buff)``: the readouts of several free-readout paths as one table."""
    return ReadoutTable(paths, buff=buff)
