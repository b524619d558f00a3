"""The clip scene: a spec's optimizers racing on its landscape, laid out for 16:9, 9:16 or 1:1."""

from __future__ import annotations

__all__ = ["ClipScene", "scene_class_for", "compute_runs", "Run", "frame_size_for", "loss_chart"]

from dataclasses import dataclass

import numpy as np
from manim import (
    logger,
    BOLD,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Group,
    MathTex,
    Scene,
    Text,
    ValueTracker,
    VGroup,
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
    Legend,
    LiveText,
    LossChart,
    ProjectedSurface,
    TrajectoryPath,
    fit_in_box,
    loss_axis,
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


def loss_chart(runs: list[Run], steps: int, width: float, height: float, font_size: float = MIN_TEXT) -> LossChart:
    """The kit's loss chart for every run and start (log when the losses span decades), ticks and labels
    included within ``width`` x ``height``; its ``axes`` never move, its ``series`` draw in step."""
    curves = [(run, run.losses[:, j]) for run in runs for j in range(run.losses.shape[1])]
    log_y, y_range = loss_axis([c for _, c in curves])
    thin = len(curves) > len(runs)  # several starts: thinner lines

    def build(w: float, h: float) -> LossChart:
        chart = LossChart(steps, log_y=log_y, y_range=y_range, width=w, height=h, font_size=font_size,
                          y_label="loss (log)" if log_y else "loss", n_x_ticks=min(4, max(2, int(w / 0.75))),
                          max_y_ticks=max(3, int(h / 0.42) + 1))  # value labels never crowd each other
        for run, values in curves:
            chart.add_series(values, run.color, name=run.label, stroke_width=2.0 if thin else 3.0, head=False)
        return chart

    return fit_in_box(build, width, height)


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
            self.views.shift(RIGHT * (L - self.views.get_left()[0]))  # a tall picture leaves room on its right:
            side = min(side, self.views.get_right()[0] + 0.45)  # the side column takes it
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
            if v.loss_chart and len(self.caption) and not self.chart_fits(self.legend.get_bottom()[1] - 0.2 - floor):
                # the chart was asked for; the caption's rows name every run beside a dot in its colour
                logger.info("clip: no room for both the legend and the loss chart; the caption names the runs")
                self.legend = VGroup()
                col_top_free = col_top
            else:
                col_top_free = self.legend.get_bottom()[1] - 0.2
            self.place_chart(side, R, floor, col_top_free, 3.4, MIN_TEXT)
        elif v.aspect == "9:16" or both:  # a column: views, legend, chart, caption
            self.caption = self.make_caption(R - L)
            if len(self.caption):
                self.caption.align_to([L, 0, 0], LEFT).align_to([0, B, 0], DOWN)
            floor = self.caption.get_top()[1] + 0.3 if len(self.caption) else B
            self.legend = self.fitting_legend(R - L, legend_font)
            room = top - floor - self.legend.height - 0.4
            stacked = both and v.aspect == "9:16"
            natural = (R - L) * (2.0 if stacked else 0.5 if both else 1.0) + (1.1 if stacked else 0.75)
            min_views = 3.0 if v.aspect == "1:1" else 4.6
            if len(self.caption) and room < min(natural, min_views + 0.6):  # the pictures come first
                logger.info("clip: no room for the caption at a readable size; left out")
                room += floor - B
                self.caption, floor = VGroup(), B
            chart_room = 3.3 if v.aspect == "9:16" else 2.6  # the chart with its tick numbers and axis names
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
        ch = min(t - b - 0.1, max_h + 1.1)  # the whole chart: plot, tick numbers, axis names
        if ch < 1.6:  # too flat to read (a plot under ~0.7 units): leave it out
            logger.info("clip: no room for the loss chart at a readable size; left out")
            return
        self.chart = loss_chart(self.runs, self.steps, r - l, ch, font_size=font_size)
        self.chart.shift([(l + r) / 2 - self.chart.get_center()[0], t - self.chart.get_top()[1], 0])

    @staticmethod
    def chart_fits(room: float) -> bool:
        """Whether a loss chart reads well in ``room`` units of height (plot, ticks and axis names)."""
        return room - 0.1 >= 2.1  # a plot about 1.2 units high: three value ticks or more

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
            statics.append(VGroup(self.chart.frame, self.chart.axes))
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
        moving = [self.paths, self.counter] + ([VGroup(*self.chart.series)] if self.chart is not None else [])
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
            self.chart.set_progress(s)


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
