"""The clip scene: a spec's optimizers racing on its landscape, laid out for 16:9, 9:16 or 1:1."""

from __future__ import annotations

__all__ = ["ClipScene", "ProjectedSurface", "scene_class_for", "compute_runs", "Run", "frame_size_for"]

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    logger,
    BOLD,
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Group,
    MathTex,
    Rectangle,
    Scene,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    config,
    linear,
    smooth,
)

from scenes.kit import (
    BACKGROUND,
    FONT,
    MUTED,
    TEXT,
    CornerCaption,
    LandscapeMap,
    LandscapeSurface,
    Legend,
    LiveText,
    TrajectoryPath,
    camera_rotation,
    canonical_name,
    optimizer_color,
    register_optimizer,
)

from scenes.kit import speed
from scenes.kit.notation import N
from scenes.kit.typeset import SIZES, TEX_SIZES

from .spec import ClipSpec, build_landscape, build_optimizer, build_schedule, formula_of

INTRO_HOLD = 0.6  # seconds on the bare landscape before the runs start
FINAL_HOLD = 2.5  # seconds on the finished picture (not looping)
LOOP_HOLD = 1.2  # seconds on the finished picture before a loop rewinds
LOOP_TAIL = 0.3  # seconds on the exact opening picture at the end of a loop (the seam sits in a hold)
MAX_CHART_POINTS = 600

# Colours for runs that would otherwise share one (Okabe-Ito and Tol, as in the kit's palette).
_SPARE_COLORS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#77AADD", "#FFAABB", "#BBCC33")


def frame_size_for(aspect: str) -> tuple[float, float]:
    """Frame width and height in scene units: the short side is always 8 units."""
    return {"16:9": (8 * 16 / 9, 8.0), "9:16": (8.0, 8 * 16 / 9), "1:1": (8.0, 8.0)}[aspect]


# --------------------------------------------------------------------------- the runs


@dataclass
class Run:
    """One optimizer of the spec run from every start."""

    key: str  # the name registered in the kit's palette for this clip's run
    label: str
    color: str
    hyper: dict
    trajectory: object  # optim_core Trajectory, positions (steps + 1, n, 2)
    losses: np.ndarray  # (steps + 1, n)


def _colors(clip: ClipSpec) -> list[str]:
    """One colour per optimizer: the spec's, else the kit's for its label or name, else a spare."""
    used: list[str] = []
    for o in clip.optimizers:
        color = o.color
        if color is None:
            for key in (o.label, o.name):
                try:
                    candidate = optimizer_color(canonical_name(key))
                except (ValueError, KeyError):
                    continue
                if candidate not in used:
                    color = candidate
                    break
        if color is None:
            color = next((c for c in _SPARE_COLORS if c not in used), _SPARE_COLORS[len(used) % len(_SPARE_COLORS)])
        used.append(color)
    return used


def compute_runs(clip: ClipSpec) -> list[Run]:
    """Run every optimizer of the spec from every start with ``optim_core``."""
    import optim_core as oc

    ls = build_landscape(clip.landscape)
    starts = np.array(clip.run.starts, dtype=float)
    runs = []
    for i, (o, color) in enumerate(zip(clip.optimizers, _colors(clip))):
        traj = oc.run(
            build_optimizer(o), ls, starts.copy(), steps=clip.run.steps,
            schedule=build_schedule(clip.run.schedule), clip_norm=clip.run.clip_norm,
        )
        key = f"clip-{i}-{o.label}"
        register_optimizer(key, color, o.label)
        losses = np.asarray(traj.losses, dtype=float).reshape(clip.run.steps + 1, len(starts))
        runs.append(Run(key, o.label, color, dict(o.hyper), traj, losses))
    return runs


# --------------------------------------------------------------------------- the surface view

VIEW_PHI = 62.0  # degrees off the vertical (manim's ThreeDScene phi)
VIEW_THETA = -55.0  # degrees around the vertical (manim's theta)


def view_matrix(phi_deg: float = VIEW_PHI, theta_deg: float = VIEW_THETA) -> np.ndarray:
    """The rotation manim's ThreeDCamera applies for (phi, theta) in degrees (``kit.camera_rotation``)."""
    return camera_rotation(phi_deg * DEGREES, theta_deg * DEGREES)


class ProjectedSurface(VGroup):
    """The kit's ``LandscapeSurface`` seen from a fixed camera and flattened into the plane.

    A plain (2-D) Scene draws it: faces are sorted far to near once (painter's algorithm), so the
    picture matches a ThreeDScene at (phi, theta) in orthographic projection, costs nothing per
    frame, and lays out like any other mobject. ``c2p(x, y)`` gives the projected point on the
    surface (lifted slightly, so paths stay visible); it follows later shifts and uniform scaling.
    ``frame`` is an invisible box around the projection (for layout), ``bounds`` the landscape's.
    """

    path_subdivisions = 6

    def __init__(self, landscape, max_width: float, max_height: float, *, resolution: int = 28,
                 phi: float = VIEW_PHI, theta: float = VIEW_THETA, labels=("x", "y"), label_font_size: float = TEX_SIZES["label"]):
        super().__init__()
        surf = LandscapeSurface(landscape, width=6.0, z_height=2.2, resolution=resolution, lift=0.05,
                                stroke_width=0.35)
        self.inner = surf
        self.landscape = landscape
        self.bounds = surf.bounds
        self.R = view_matrix(phi, theta)
        faces = list(surf.surface)
        base = list(surf.base)
        for mob in faces + base:
            for m in mob.get_family():
                if len(m.points):
                    m.points = m.points @ self.R.T
        faces.sort(key=lambda face: face.get_center()[2])  # far (low z) first
        # axis names beside the middle of two base edges, pushed outward
        (x0, x1), (y0, y1) = self.bounds
        pad = 0.1 * max(x1 - x0, y1 - y0)
        self.axis_labels = VGroup()
        label_points = []
        if labels:
            for text, (lx, ly) in zip(labels, (((x0 + x1) / 2, y0 - pad), (x1 + pad, (y0 + y1) / 2))):
                p = self._raw(lx, ly, z=0.0) @ self.R.T
                label_points.append(p)
        self._anchor = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        self._anchor.set_points_as_corners([np.zeros(3), np.array([1.0, 1.0, 0.0])])
        parts = VGroup(*base, *faces)
        for mob in parts.get_family():
            if len(mob.points):
                mob.points[:, 2] = 0.0
        self.faces = VGroup(*faces)
        self.base = VGroup(*base)
        self.add(self.base, self.faces, self._anchor)
        if labels:
            for text, p in zip(labels, label_points):
                lab = MathTex(text, font_size=label_font_size, color=TEXT).move_to([p[0], p[1], 0])
                self.axis_labels.add(lab)
            self.add(self.axis_labels)
        # fit the box, centred on the origin
        scale = min(max_width / self.width, max_height / self.height)
        self.scale(scale, about_point=np.zeros(3))
        for lab in self.axis_labels:  # keep the labels' size readable after scaling
            lab.scale(1 / scale)
        self.shift(-self.get_center())
        self.frame = Rectangle(width=self.width, height=self.height, stroke_opacity=0, fill_opacity=0,
                               stroke_width=0).move_to(self.get_center())
        self.add(self.frame)

    def _raw(self, x, y, z=None) -> np.ndarray:
        """Scene point of (x, y) on the unrotated, unscaled surface (z from the loss unless given)."""
        s = self.inner
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if z is None:
            with np.errstate(all="ignore"):
                f = np.asarray(s.landscape.f(np.stack([x, y], -1)), dtype=float)
            z = s.height(f) + s.lift
        z = np.broadcast_to(np.asarray(z, dtype=float), np.broadcast(x, y).shape)
        return np.stack([(x - s.center_xy[0]) * s.xy_scale, (y - s.center_xy[1]) * s.xy_scale, z], axis=-1)

    def c2p(self, x, y=None) -> np.ndarray:
        """Parameters -> projected scene points on the surface; arrays give (..., 3)."""
        if y is None:
            xy = np.asarray(x, dtype=float)
            x, y = xy[..., 0], xy[..., 1]
        q = self._raw(x, y) @ self.R.T
        a, b = self._anchor.points[0], self._anchor.points[-1]
        k = b[0] - a[0]
        out = a + q * k
        out[..., 2] = a[2]
        return out

    coords_to_point = c2p

    def frame_points(self) -> np.ndarray:
        """Two points that move with the picture (trajectories use them to follow it)."""
        return np.array([self._anchor.points[0], self._anchor.points[-1]])

    def contains(self, x, y):
        (x0, x1), (y0, y1) = self.bounds
        return (np.asarray(x) >= x0) & (np.asarray(x) <= x1) & (np.asarray(y) >= y0) & (np.asarray(y) <= y1)


# --------------------------------------------------------------------------- small pictures

#: the least Text font size whose capitals stay at the kit's type floor (``typeset.FLOOR_PX``);
#: the short side of every clip is 8 units = 1080 px at 1080p, as in the chapters
MIN_TEXT = 22.0  # DejaVu Sans capitals at 22: 30.1 px (typeset: 49.3 px at 36)


def _fit_text(text: str, max_width: float, font_size: float, min_size: float = MIN_TEXT, **kw) -> Text:
    """A Text no wider than ``max_width``: broken onto two lines, then shrunk, if needed."""
    t = Text(text, font=FONT, font_size=font_size, **kw)
    if t.width <= max_width:
        return t
    words = text.split()
    if len(words) > 1:
        best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
        t = Text(" ".join(words[:best]) + "\n" + " ".join(words[best:]), font=FONT, font_size=font_size,
                 line_spacing=0.8, **kw)
    if t.width > max_width:
        t.scale(max(max_width / t.width, min_size / font_size))
    if t.width > max_width:  # never past the safe area, even below the minimum size
        t.scale_to_fit_width(max_width)
    return t


def _split_points(tex: str) -> list[int]:
    """Indices of the top-level ``+`` and ``-`` signs after the ``=`` (outside braces and brackets)."""
    depth, out = 0, []
    start = tex.find("=") + 1
    for i, ch in enumerate(tex):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch in "+-" and depth == 0 and i > start and tex[i - 1] == " ":
            out.append(i)
    return out


def _formula(tex: str, width: float):
    """The landscape's formula at a readable size (``TEX_SIZES["label"]``): on one line, or broken
    before a top-level + or - into two left-aligned lines; ``None`` if neither fits ``width``."""
    one = MathTex(tex, font_size=TEX_SIZES["label"], color=MUTED)
    if one.width <= width:
        return one
    cuts = sorted(_split_points(tex), key=lambda i: abs(i - len(tex) / 2))
    for i in cuts[:3]:
        lines = VGroup(MathTex(tex[:i].rstrip(), font_size=TEX_SIZES["label"], color=MUTED),
                       MathTex(r"\quad " + tex[i:].lstrip(), font_size=TEX_SIZES["label"], color=MUTED))
        lines.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        if lines.width <= width:
            return lines
    return None


def _wrap_segments(segments: list[str], width: float, font_size: float) -> str:
    """Segments joined by middle dots, broken into lines that fit ``width`` (measured)."""
    sep = "  \u00b7  "
    lines: list[str] = []
    for seg in segments:
        if lines and Text(lines[-1] + sep + seg, font=FONT, font_size=font_size).width <= width:
            lines[-1] += sep + seg
        else:
            lines.append(seg)
    return "\n".join(lines)


def _fit(mob, width: float | None = None, height: float | None = None):
    if width is not None and mob.width > width:
        mob.scale_to_fit_width(width)
    if height is not None and mob.height > height:
        mob.scale_to_fit_height(height)
    return mob


class LossChart(VGroup):
    """Loss against step for every run (log scale when the losses span decades), drawn up to a step."""

    def __init__(self, runs: list[Run], steps: int, width: float, height: float, font_size: float = MIN_TEXT):
        super().__init__()
        self.steps = steps
        finite = np.concatenate([r.losses[np.isfinite(r.losses)] for r in runs])
        initial = np.concatenate([r.losses[0][np.isfinite(r.losses[0])] for r in runs])
        hi = float(initial.max()) if initial.size else 1.0
        lo = float(finite.min()) if finite.size else 0.0
        self.log = bool(lo > 0 and hi / lo > 30)
        if self.log:
            self.lo, self.hi = math.log10(max(lo, hi * 1e-12)), math.log10(hi)
        else:
            pad = 0.05 * (hi - lo if hi > lo else 1.0)
            self.lo, self.hi = lo - pad, hi + pad
        if not self.hi - self.lo > 1e-12:
            self.hi = self.lo + 1.0

        ticks = VGroup(*[Text(_loss_tick(10**v if self.log else v), font=FONT, font_size=font_size, color=MUTED)
                         for v in (self.hi, self.lo)])
        gutter = max(t.width for t in ticks) + 0.12
        self.box = Rectangle(width=width - gutter, height=height, stroke_color=MUTED, stroke_width=1.5,
                             stroke_opacity=0.8).shift(RIGHT * gutter / 2)
        for tick, edge in zip(ticks, (UP, DOWN)):
            tick.next_to(self.box.get_corner(edge + LEFT), LEFT, buff=0.08).align_to(self.box, edge)
        title = self._label(["loss, log scale", "loss (log)"] if self.log else ["loss"], self.box.width, font_size)
        title.next_to(self.box, UP, buff=0.1, aligned_edge=LEFT)
        xlabel = self._label([f"step (0 to {steps})", f"steps: {steps}", "step"], self.box.width, font_size)
        xlabel.next_to(self.box, DOWN, buff=0.1)
        self.frame_parts = VGroup(self.box, ticks, title, xlabel)
        self.add(self.frame_parts)

        self.curves = VGroup()
        self._data = []
        for run in runs:
            n = run.losses.shape[1]
            for j in range(n):
                values = run.losses[:, j]
                ok = np.isfinite(values)
                last = len(values) - 1 if ok.all() else int(np.argmin(ok)) - 1
                v = values[: last + 1]
                v = np.log10(np.maximum(v, 1e-300)) if self.log else v
                self._data.append((v, last))
                self.curves.add(VMobject(stroke_color=run.color, stroke_width=3 if n == 1 else 2, stroke_opacity=0.95))
        self.add(self.curves)

    @staticmethod
    def _label(options: list[str], width: float, font_size: float) -> Text:
        """The first wording that fits ``width`` at ``font_size`` (the last one otherwise)."""
        for option in options:
            label = Text(option, font=FONT, font_size=font_size, color=MUTED)
            if label.width <= width:
                break
        return label

    def point(self, step, value) -> np.ndarray:
        dl, ur = self.box.get_corner(DOWN + LEFT), self.box.get_corner(UP + RIGHT)
        x = dl[0] + np.asarray(step, float) / max(self.steps, 1) * (ur[0] - dl[0])
        t = np.clip((np.asarray(value, float) - self.lo) / (self.hi - self.lo), 0, 1)
        return np.stack([x, dl[1] + t * (ur[1] - dl[1]), np.zeros_like(x)], axis=-1)

    def show(self, s: float) -> None:
        """Draw every curve up to (fractional) step ``s``."""
        for curve, (values, last) in zip(self.curves, self._data):
            n = min(int(math.floor(s)), last)
            if s <= 0 or last < 1 or (n < 1 and s < 1e-9):
                curve.set_points(np.zeros((0, 3)))
                continue
            idx = np.arange(n + 1) if n <= MAX_CHART_POINTS else np.unique(np.linspace(0, n, MAX_CHART_POINTS + 1).astype(int))
            steps, vals = idx.astype(float), values[idx]
            if n < last and s > n:
                steps = np.append(steps, s)
                vals = np.append(vals, values[n] + (s - n) * (values[n + 1] - values[n]))
            if len(steps) < 2:
                curve.set_points(np.zeros((0, 3)))
            else:
                curve.set_points_as_corners(self.point(steps, vals))


def _loss_tick(v: float) -> str:
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e4 or a < 1e-2:
        m, e = f"{v:.1e}".split("e")
        return f"{m}e{int(e)}".replace("-", "\u2212")
    return f"{v:.3g}".replace("-", "\u2212")


# --------------------------------------------------------------------------- the scene


class _ClipBase:
    """Layout and timeline shared by the flat and 3D clip scenes."""

    clip: ClipSpec

    def setup_clip(self, clip: ClipSpec) -> None:
        self.clip = clip
        self.runs = compute_runs(clip)
        self.landscape = build_landscape(clip.landscape)
        self.steps = clip.run.steps
        self.progress = ValueTracker(0.0)

    # ----------------------------------------------------------- beats
    def construct(self) -> None:
        self.camera.background_color = BACKGROUND
        self.lay_out()
        self.add_static()
        self.add_runs()
        self.play_runs()
        self.finish()

    def play_runs(self) -> None:
        """Hold the bare landscape, then draw every run, in step with each other."""
        self.wait(INTRO_HOLD)
        self.play(self.progress.animate.set_value(1.0), run_time=self.clip.video.duration, rate_func=linear)

    def finish(self) -> None:
        """Hold the result; a loop then rewinds to exactly the opening picture."""
        if self.clip.video.loop:
            self.wait(LOOP_HOLD)
            rewind = min(max(1.0, 0.3 * self.clip.video.duration), 3.0)
            self.play(self.progress.animate.set_value(0.0), run_time=rewind, rate_func=smooth)
            # manim's last frame of a play is one frame short of its end: show the exact opening
            # picture once more, so the last frame equals the first and the loop has no seam
            self.progress.set_value(0.0)
            self.show_progress()
            self.wait(LOOP_TAIL)
        else:
            self.wait(FINAL_HOLD)

    # ----------------------------------------------------------- texts
    def title_text(self) -> str:
        if self.clip.video.title:
            return self.clip.video.title
        names = [r.label for r in self.runs]
        what = " vs ".join(names) if len(names) <= 3 else f"{len(names)} optimizers"
        where = getattr(self.landscape, "title", None) if self.clip.landscape.name else None
        return f"{what} on {where or 'a custom landscape'}"

    def formula_tex(self) -> str | None:
        formula = formula_of(self.clip.landscape)
        latex = formula.latex if formula is not None else getattr(self.landscape, "latex", None)
        if not latex:
            return None
        return latex if "=" in latex else f"f(x, y) = {latex}"

    def run_segments(self) -> list[str]:
        r = self.clip.run
        bits = [f"{r.steps} steps"]
        if len(r.starts) <= 2:
            bits.append("start " + "; ".join(f"({x:g}, {y:g})" for x, y in r.starts).replace("-", "\u2212"))
        else:
            bits.append(f"{len(r.starts)} starts")
        if r.schedule:
            kw = ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in r.schedule.items() if k != "kind")
            bits.append(f"{r.schedule['kind']} schedule" + (f" ({kw})" if kw else ""))
        if r.clip_norm:
            bits.append(f"clip norm {r.clip_norm:g}")
        return bits

    # ----------------------------------------------------------- layout
    def lay_out(self) -> None:
        v = self.clip.video
        fw, fh = config.frame_width, config.frame_height
        mx, my = 0.05 * fw, 0.05 * fh
        L, R, B, T = -fw / 2 + mx, fw / 2 - mx, -fh / 2 + my, fh / 2 - my
        self.safe = (L, R, B, T)
        self.title = _fit_text(self.title_text(), R - L, 40 if v.aspect != "1:1" else 34, weight=BOLD, color=TEXT)
        self.title.move_to([0, T - self.title.height / 2, 0])
        header = VGroup(self.title)
        self.subtitle = None
        tex = self.formula_tex()
        if tex:
            try:
                self.subtitle = _formula(tex, R - L)
            except Exception:  # a LaTeX failure costs the subtitle, not the clip
                self.subtitle = None
            if self.subtitle is None:
                logger.info("clip: the formula does not fit this frame at a readable size; left out")
            if self.subtitle is not None:
                self.subtitle.next_to(self.title, DOWN, buff=0.16)
                header.add(self.subtitle)
        top = header.get_bottom()[1] - 0.62  # room for the step counter above the views
        self.chart = None
        self.map = None
        self.surface = None
        legend_font = {"16:9": 26, "9:16": 30, "1:1": MIN_TEXT}[v.aspect]
        both = v.view == "both"

        if v.aspect == "16:9":
            split = L + (R - L) * (0.61 if both else 0.56)
            side = split + 0.45
            self.place_views(L, split, B, top)
            # the side column, top to bottom: legend, loss chart, caption; the caption gives way if they
            # cannot all be read (nothing is shrunk below the type floor)
            col_top, width = top + 0.3, R - side
            self.caption = self.make_caption(width)
            self.legend = self.fitting_legend(width, legend_font)
            cap_h = self.caption.height + 0.3 if len(self.caption) else 0.0
            if self.legend.height > 0.4 * (col_top - B - cap_h):
                self.legend = self.fitting_legend(width, legend_font, 2)
            if self.legend.height + cap_h > col_top - B and len(self.caption):
                logger.info("clip: no room for the caption at a readable size; left out")
                self.caption, cap_h = VGroup(), 0.0
            if self.legend.height > col_top - B:
                self.legend.scale((col_top - B) / self.legend.height)
            self.legend.align_to([side, 0, 0], LEFT).align_to([0, col_top, 0], UP)
            if len(self.caption):
                self.caption.align_to([side, 0, 0], LEFT).align_to([0, B, 0], DOWN)
            floor = self.caption.get_top()[1] + 0.2 if len(self.caption) else B
            self.place_chart(side, R, floor, self.legend.get_bottom()[1] - 0.2, 3.4, MIN_TEXT)
        elif v.aspect == "9:16" or both:  # a column: views, legend, chart, caption
            self.caption = self.make_caption(R - L)
            if len(self.caption):
                self.caption.align_to([L, 0, 0], LEFT).align_to([0, B, 0], DOWN)
            floor = self.caption.get_top()[1] + 0.3 if len(self.caption) else B
            self.legend = self.fitting_legend(R - L, legend_font)
            room = top - floor - self.legend.height - 0.4
            stacked = both and v.aspect == "9:16"
            natural = (R - L) * (2.0 if stacked else 0.5 if both else 1.0) + (1.1 if stacked else 0.75)
            min_views = 3.0 if v.aspect == "1:1" else 5.0
            if len(self.caption) and room < min(natural, min_views + 0.6):  # the pictures come first
                logger.info("clip: no room for the caption at a readable size; left out")
                room += floor - B
                self.caption, floor = VGroup(), B
            chart_room = 2.9 if v.aspect == "9:16" else 2.2
            chart_room = min(chart_room, max(room - min_views, 0.0)) if v.loss_chart else 0.0
            if chart_room < 1.7:
                chart_room = 0.0
            views_h = min(natural, room - chart_room)
            self.place_views(L, R, top - views_h, top)
            self.legend.move_to([0, self.views.get_bottom()[1] - 0.25 - self.legend.height / 2, 0])
            if chart_room:
                self.place_chart(L, R, floor, self.legend.get_bottom()[1] - 0.25, chart_room - 0.3, MIN_TEXT)
            block = [self.views, self.legend] + ([self.chart] if self.chart is not None else [])
            spare = (min(m.get_bottom()[1] for m in block) - floor) / 2  # centre the block between header and caption
            if spare > 0:
                for mob in block:
                    mob.shift(DOWN * spare)
        else:
            split = L + (R - L) * 0.58
            side = split + 0.3
            self.legend = self.fitting_legend(R - side, legend_font)
            self.legend.align_to([side, 0, 0], LEFT).align_to([0, top + 0.3, 0], UP)
            self.caption = self.make_caption(R - L)
            if len(self.caption):
                self.caption.align_to([L, 0, 0], LEFT).align_to([0, B, 0], DOWN)
                if self.caption.get_top()[1] + 0.25 > self.legend.get_bottom()[1]:
                    logger.info("clip: no room for the caption at a readable size; left out")
                    self.caption = VGroup()
            floor = self.caption.get_top()[1] + 0.25 if len(self.caption) else B
            self.place_views(L, split, floor, top)
            self.place_chart(side, R, floor, self.legend.get_bottom()[1] - 0.25, 2.6, MIN_TEXT)
        self.counter = self.make_counter()

    def place_views(self, l: float, r: float, b: float, t: float) -> None:
        """The map, the surface, or both (side by side in a wide box, stacked in a tall one)."""
        view = self.clip.video.view
        if view == "map":
            self.place_map(l, r, b, t)
        elif view == "surface":
            self.place_surface(l, r, b, t)
            self.surface.shift(DOWN * max(0.0, (self.surface.get_bottom()[1] - b) / 2 - 0.1))  # centre it in the box
        elif (r - l) >= (t - b):
            mid = (l + r) / 2
            self.place_map(l, mid - 0.1, b, t)
            self.place_surface(mid + 0.1, r, b, t)
            dy = (self.map.frame.get_center()[1] - self.surface.frame.get_center()[1])
            self.surface.shift(UP * min(dy, t - self.surface.get_top()[1]))  # level with the map
            spare = min(self.map.get_bottom()[1], self.surface.get_bottom()[1]) - b
            if spare > 0 and self.clip.video.aspect == "16:9":  # centre the pair in the box
                for mob in (self.map, self.surface):
                    mob.shift(DOWN * spare / 2)
        else:
            mid = b + 0.45 * (t - b)  # the map needs its ticks: give it a little more
            self.place_map(l, r, mid + 0.1, t)
            self.place_surface(l, r, b, self.map.get_bottom()[1] - 0.2)
        self.views = Group(*[m for m in (self.map, self.surface) if m is not None])

    def place_map(self, l: float, r: float, b: float, t: float) -> None:
        """Build the map to fill the box (ticks and axis names included), top-aligned and centred."""
        w, h = max(r - l - 0.8, 1.0), max(t - b - 0.8, 1.0)
        for _ in range(2):  # the ticks and names overhang by a fixed amount: rebuild smaller (scaling
            self.map = self.make_map(w, h)  # would shrink their text below the type floor)
            self.map.shift([(l + r) / 2 - self.map.frame.get_center()[0], t - self.map.frame.get_top()[1], 0])
            over_w = max(self.map.width - (r - l), 0.0)
            over_h = max(b - self.map.get_bottom()[1], 0.0)
            if not (over_w or over_h):
                break
            w, h = max(w - over_w - 0.02, 1.0), max(h - over_h - 0.02, 1.0)
        if self.map.get_left()[0] < l:  # the y ticks and name stick out on the left
            self.map.shift(RIGHT * (l - self.map.get_left()[0]))

    def place_surface(self, l: float, r: float, b: float, t: float) -> None:
        """Build the projected surface to fit the box, top-aligned and centred."""
        self.surface = ProjectedSurface(self.landscape, max(r - l - 0.3, 1.0), max(t - b - 0.3, 1.0),
                                        labels=self.axis_names())
        self.surface.shift([(l + r) / 2 - self.surface.get_center()[0], t - 0.1 - self.surface.get_top()[1], 0])

    def make_legend(self, columns: int, font_size: float) -> Legend:
        """The kit's legend, its rows flowed into ``columns`` columns."""
        keys = [r.key for r in self.runs]
        legend = Legend(keys, labels={r.key: r.label for r in self.runs}, colors={r.key: r.color for r in self.runs},
                        font_size=font_size, direction=DOWN)
        columns = max(1, min(columns, len(keys)))
        if columns > 1:  # re-flow the rows and refit the panel
            legend.rows.arrange_in_grid(cols=columns, buff=(0.45, 0.16), cell_alignment=LEFT)
            legend.background.stretch_to_fit_width(legend.rows.width + 0.36)
            legend.background.stretch_to_fit_height(legend.rows.height + 0.36)
            legend.background.move_to(legend.rows)
        return legend

    def fitting_legend(self, width: float, font_size: float, prefer: int = 1) -> Legend:
        """The legend with the fewest rows (from ``prefer`` columns up) that fits ``width`` unscaled."""
        best = self.make_legend(prefer, font_size)
        for cols in range(prefer + 1, len(self.runs) + 1):
            candidate = self.make_legend(cols, font_size)
            if candidate.width > width:
                break
            best = candidate
        return _fit(best, width)

    def make_caption(self, width: float) -> VGroup:
        """The corner caption: each optimizer's hyper-parameters, then the run's settings, fitted to ``width``."""
        if not self.clip.video.caption:
            return VGroup()
        font = MIN_TEXT
        extra = _wrap_segments(self.run_segments(), width - 0.3, font)
        caption = CornerCaption([(r.key, r.hyper) for r in self.runs], extra=extra, font_size=font,
                                max_width=width - 0.3)
        if caption.width > width:  # shrinking it would put it below the type floor
            logger.info("clip: the caption is too wide for this frame at a readable size; left out")
            return VGroup()
        return caption

    def make_map(self, max_w: float, max_h: float) -> LandscapeMap:
        return LandscapeMap(self.landscape, max_width=max_w, max_height=max_h, labels=self.axis_names(),
                            resolution=300)

    def axis_names(self) -> tuple[str, str]:
        """The map's axes in the formula's own variables: θ₁, θ₂ for the named landscapes, x, y for a typed one."""
        tex = self.formula_tex() or ""
        return (N.theta1, N.theta2) if "theta" in tex else ("x", "y")

    def place_chart(self, l: float, r: float, b: float, t: float, max_h: float, font_size: float) -> None:
        """The loss chart in the box, when asked for and when there is room for it."""
        if not self.clip.video.loss_chart:
            return
        ch = min(t - b - 0.8, max_h)
        if ch < 0.9:  # too flat to read: leave it out
            return
        self.chart = LossChart(self.runs, self.steps, r - l, ch, font_size=font_size)
        self.chart.shift([(l + r) / 2 - self.chart.get_center()[0], t - self.chart.get_top()[1], 0])

    def make_counter(self) -> LiveText:
        digits = len(str(self.steps))
        counter = LiveText(f"step {0:>{digits}d} / {self.steps}", font_size=SIZES["small"], color=MUTED)
        main = (self.map if self.map is not None else self.surface).frame
        counter.next_to(main, UP, buff=0.14).align_to(main, RIGHT)
        left = self.safe[0]
        if counter.get_left()[0] < left:  # a narrow picture: keep the counter inside the safe area
            counter.shift(RIGHT * (left - counter.get_left()[0]))
        return counter

    # ----------------------------------------------------------- static and moving parts
    def add_static(self) -> None:
        """Everything that never moves, added first (Cairo draws it once)."""
        self.start_marks = VGroup(*[
            Circle(radius=0.11, stroke_color=TEXT, stroke_width=2.5).move_to(space.c2p(x, y))
            for space in self.spaces() for x, y in self.clip.run.starts
        ])
        statics = [*self.spaces(), self.start_marks, self.title, self.legend]
        statics += [m for m in (self.subtitle,) if m is not None]
        if len(self.caption):
            statics.append(self.caption)
        if self.chart is not None:
            statics.append(self.chart.frame_parts)
        self.add(*statics)

    def spaces(self) -> list:
        """The pictures the runs are drawn on: the map, the surface, or both."""
        return [m for m in (self.map, self.surface) if m is not None]

    def add_runs(self) -> None:
        n_paths = sum(r.losses.shape[1] for r in self.runs)
        width = 4.0 if n_paths <= 4 else 3.0 if n_paths <= 12 else 2.0
        self.paths = VGroup()
        for space in self.spaces():
            for run in self.runs:
                for j in range(run.losses.shape[1]):
                    path = TrajectoryPath(run.trajectory, space, run.key, index=j, color=run.color,
                                          stroke_width=width, markers=False, readout=None)
                    if space is self.surface and path.diverged_label is not None and self.map is not None:
                        path.diverged_label.remove(path.diverged_box, path.diverged_text)  # the map says it
                    self.paths.add(path)
        moving = [self.paths, self.counter] + ([self.chart.curves] if self.chart is not None else [])
        self.add(*moving)
        self.paths.add_updater(lambda m: self.show_progress())
        self.show_progress()

    def show_progress(self) -> None:
        s = self.progress.get_value() * self.steps
        for path in self.paths:
            path.set_progress(s)
        step = int(round(min(max(s, 0.0), self.steps)))
        self.counter.set_text(f"step {step:>{len(str(self.steps))}d} / {self.steps}")
        if self.chart is not None:
            self.chart.show(s)


class ClipScene(_ClipBase, Scene):
    """The flat (map) clip."""

    def __init__(self, clip: ClipSpec, **kwargs):
        self.setup_clip(clip)
        super().__init__(**kwargs)

    def setup(self) -> None:
        super().setup()
        # render shortcuts (scenes.kit.speed): exact, and off with OPTIM_SPEEDUPS=0 / --no-speedups
        self.speedups = speed.install()


def scene_class_for(clip: ClipSpec):
    """The scene class that renders ``clip``'s view."""
    return ClipScene
