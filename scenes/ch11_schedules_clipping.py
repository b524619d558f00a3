"""Chapter 11: schedules and clipping. On the noisy mini-batch line fit, a constant learning rate keeps
bouncing around the minimum; step, exponential and cosine schedules shrink γ over time and all three
settle, to within a hair of each other. On the steep wall of the Rosenbrock valley one plain step throws
the point off the map; clipping cuts the gradient back to length c, and the point walks down in even strides.

Render: ``manim -ql scenes/ch11_schedules_clipping.py SchedulesAndClipping``
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    Circle,
    DashedLine,
    Arrow,
    BackgroundRectangle,
    Create,
    GrowArrow,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    Line,
    Rectangle,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import distance_to
from scenes.kit import (
    HERO,
    MUTED,
    STAGE,
    TEXT,
    ClipCircle,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LossChart,
    N,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    text,
)
from scenes.kit.inset import MapInset
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.kit.live_text import LiveText
from scenes.kit.palette import BACKGROUND, PANEL
from scenes.kit.typeset import SIZES, tex
from scenes.scene import ExplainerScene

__all__ = ["SchedulesAndClipping"]

#: the four runs of the schedules map (checked distinct, also colour-blind: scenes.kit.colour.distinct)
RUN_COLORS = {"constant": "#D55E00", "step": "#56B4E9", "exponential": "#66FF66", "cosine": "#E8E8E8"}
RUN_NAMES = {"constant": "constant", "step": "step decay", "exponential": "exponential", "cosine": "cosine"}
#: steps of tail drawn behind each dot in the race
TAIL = 8
#: the race's drawing order: step decay thin on top of the constant run (they share the first 20 steps)
RACE_ORDER = ("cosine", "exponential", "constant", "step")
#: the race chart's floor: a decade below every run, so the verdict sits on empty chart
RACE_FLOOR = 1e-6
#: the race chart's top: a decade above every run, so the verdict sits on empty chart
RACE_TOP = 100.0
#: the two runs of the clipping map
RAW_COLOR, CLIP_COLOR = "#D55E00", "#56B4E9"
#: the limit c, highlighted in the rule
SYMBOL_HIGHLIGHT = "#FF8AD8"


def short_decimal(v: float) -> str:
    """A small positive number in plain decimals with two significant digits: 0.13, 0.00024, 0.000077."""
    digits = max(0, 1 - int(math.floor(math.log10(abs(v)))))
    return f"{v:.{digits}f}"


class TailPath(TrajectoryPath):
    """A run drawn as a short fading tail behind its dot (the last ``tail`` steps: the newest half
    bright, the older half faint), so several runs on one map do not become a tangle.
    ``tail=None`` draws the whole path, like a TrajectoryPath."""

    def __init__(self, *args, tail: int | None = None, **kwargs):
        self.tail = tail
        self.first = 0  # the tail never reaches back before this step (a close-up map starts there)
        self.old = None
        super().__init__(*args, **kwargs)
        self.old = self.full_path.copy().set_stroke(opacity=0.35)
        self.old.pointwise_become_partial(self.full_path, 0, 0)
        self.add_to_back(self.old)
        self.set_progress(self.progress)

    def set_progress(self, s: float) -> "TailPath":
        super().set_progress(s)
        if self.old is None or self.tail is None or self.n_steps == 0:
            if self.old is not None:
                self.old.pointwise_become_partial(self.full_path, 0, 0)
            return self
        n, s = self.n_steps, self.progress
        mid, lo = max(self.first, s - self.tail / 2), max(self.first, s - self.tail)
        self.path.pointwise_become_partial(self.full_path, mid / n, s / n)
        self.old.pointwise_become_partial(self.full_path, lo / n, mid / n)
        return self


class StepReadout(VGroup):
    """Live rows for the clipped run: the step, the gradient's length before clipping and after.

    ``set_progress(s)`` like a TrajectoryPath: at step t (t >= 1) it shows the gradient step t used
    (taken where step t started), so every clipped step reads "before" above c."""

    def __init__(self, before, after):
        super().__init__()
        self.before, self.after = np.asarray(before, float), np.asarray(after, float)
        self.n_steps = len(self.before)
        self.progress = 0.0
        self.rows = VGroup()
        self.values = []
        for word, color in (("before", RAW_COLOR), ("after", CLIP_COLOR)):
            name = text(word, "body", color=TEXT)
            value = LiveText("0000", font_size=SIZES["body"], color=color, align="right")
            value.move_to(name.get_left() + RIGHT * 4.0, aligned_edge=RIGHT).align_to(name[-1], DOWN)
            row = VGroup(name, value)
            if word == "before":  # what the two rows measure, above them
                head = text(f"length \u2016{N.grad.unicode}\u2016", "body", color=MUTED)
                head.next_to(row, UP, buff=0.22).align_to(row, LEFT)
                row = VGroup(head, row)
            self.rows.add(row)
            self.values.append(value)
        self.rows.arrange(DOWN, buff=0.32, aligned_edge=LEFT)
        # the step counter, its number right-aligned with the values
        name = text("step t", "body", color=TEXT)
        self.step_value = LiveText("00", font_size=SIZES["body"], color=TEXT, align="right")
        self.step_value.move_to(name.get_left() + RIGHT * 4.0, aligned_edge=RIGHT).align_to(name[-1], DOWN)
        self.step_row = VGroup(name, self.step_value)
        self.add(self.rows, self.step_row)
        self.set_progress(0)

    @staticmethod
    def fmt(v: float) -> str:
        """Whole numbers from 10 on, one decimal below (2.2, not 2)."""
        return f"{v:.0f}" if v >= 10 else f"{v:.1f}"

    def set_progress(self, s: float) -> "StepReadout":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        t = min(max(1, int(math.floor(s + 1e-9))), self.n_steps)
        self.values[0].set_text(self.fmt(self.before[t - 1]))
        self.values[1].set_text(self.fmt(self.after[t - 1]))
        self.step_value.set_text(f"{t}")
        return self


class StrideTag(VGroup):
    """The length of the step just taken, on a small panel that moves with the point:
    ``set_progress(s)`` like a TrajectoryPath (step t's stride from step t = 1 on)."""

    def __init__(self, positions, strides, lmap, color, offset=(0.25, -0.3)):
        super().__init__()
        self.positions, self.strides = np.asarray(positions, float), np.asarray(strides, float)
        self.lmap, self.offset = lmap, np.array([offset[0], offset[1], 0.0])
        self.n_steps = len(self.strides)
        self.progress = 0.0
        width = max(len(short_decimal(v)) for v in self.strides)
        self.value = LiveText("0" * width, font_size=SIZES["body"], color=color, align="right")
        row = VGroup(text("stride", "body", color=TEXT), self.value).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        self.add(BackgroundRectangle(row, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.08), row)
        self.set_progress(0)

    def set_progress(self, s: float) -> "StrideTag":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        k = int(math.floor(s))
        f = s - k
        p = self.positions[k] if k >= self.n_steps else self.positions[k] + f * (self.positions[k + 1] - self.positions[k])
        t = min(max(1, math.ceil(s - 1e-9)), self.n_steps)
        self.value.set_text(short_decimal(self.strides[t - 1]))
        self.move_to(np.asarray(self.lmap.c2p(*p)) + self.offset, aligned_edge=UP + LEFT)
        floor = self.lmap.frame.get_bottom()[1] + 0.05  # never below the map
        if self.get_bottom()[1] < floor:
            self.shift(UP * (floor - self.get_bottom()[1]))
        return self


class SchedulesAndClipping(ExplainerScene):
    chapter = 11
    title = "Schedules and clipping"
    description = ("On the noisy mini-batch line fit a constant learning rate keeps bouncing; step, exponential "
                   "and cosine schedules shrink it and all settle, to within a hair of each other. On a steep "
                   "wall one plain step throws the point off the map; clipping cuts the gradient back to c.")
    on_grammar = True

    # --- schedules: mini-batch gradient descent on the line fit
    lr = 0.5
    batch_size = 4
    seed = 0
    #: the seeds the verdict is checked over (the picture shows seed 0)
    verdict_seeds = (0, 1, 2, 3, 4)
    steps = 60
    window = 10
    start = (0.8, 0.2)
    bounds = ((0.6, 3.4), (-1.9, 0.3))
    #: the race's chart starts drawn to this step
    race_from = 3
    #: the race's close-up of the minimum: this far each way
    zoom_half = 0.6
    #: the right column beside the race's loss chart (the key, then the end-of-run bars)
    column_width = 4.6
    schedules = {"constant": {}, "step": dict(step_size=20, gamma=0.2), "exponential": dict(gamma=0.95),
                 "cosine": dict(T_max=60)}
    # --- clipping: gradient descent on Rosenbrock, from low on its steep wall
    clip_lr = 0.002
    clip_norm = 100.0
    clip_start = (-1.5, -0.5)
    clip_steps = 30
    raw_steps = 10
    clip_bounds = ((-2.0, 1.5), (-1.0, 1.5))

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.fixed_rate, self.schedules_shrink, self.race, self.end_losses,
                        self.one_giant_step, self.cut_back, self.clipped_run, self.when_to_use)
        self.final_hold(self.caption(), seconds=1.5)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape("regression")
        self.x0 = np.array(self.start, dtype=float)
        opt = oc.optimizer("gd", lr=self.lr)
        self.sched = {n: oc.schedule(n, **p) for n, p in self.schedules.items()}
        kw = dict(steps=self.steps, batch_size=self.batch_size, seed=self.seed)
        self.runs = {n: oc.run(opt, ls, self.x0, schedule=s, **kw) for n, s in self.sched.items()}
        self.f_min = float(ls.f_min)
        self.excess = {n: float(t.losses[-1]) - self.f_min for n, t in self.runs.items()}
        # the mean loss above the minimum over the last `window` steps (one step's loss is a noisy spike)
        self.mean_end = {n: float(np.mean(np.asarray(t.losses[-self.window:]) - self.f_min))
                         for n, t in self.runs.items()}
        self.decayed = [n for n in self.runs if n != "constant"]
        # over several seeds: how many times lower each schedule ends than the constant run (its own seed),
        # and how far apart the three schedules end
        self.seed_ratios, self.seed_spreads = [], []
        for sd in self.verdict_seeds:
            m = {n: float(np.mean(np.asarray(oc.run(opt, ls, self.x0, schedule=s, steps=self.steps,
                                                     batch_size=self.batch_size, seed=sd).losses[-self.window:])
                                  - self.f_min)) for n, s in self.sched.items()}
            self.seed_ratios += [m["constant"] / m[n] for n in self.decayed]
            self.seed_spreads.append(max(m[n] for n in self.decayed) / min(m[n] for n in self.decayed))
        self.sched_worst = max(self.mean_end[n] for n in self.decayed)
        # step lengths: the constant run's stay long, the schedules' shrink toward zero
        self.step_len = {n: np.linalg.norm(np.diff(t.positions, axis=0), axis=1) for n, t in self.runs.items()}
        # how far each run strays from the minimum over its last 20 steps
        self.stray = {n: float(distance_to(t.positions[-20:], ls.minima[0]).max()) for n, t in self.runs.items()}
        self.lr_end = {n: float(t.lrs[-1]) for n, t in self.runs.items()}
        # the step (after the first 20) where the constant run's point is nearest the minimum in gradient terms:
        # the full gradient smallest against the batch's
        c = self.runs["constant"]
        ratio = [np.linalg.norm(ls.grad(c.positions[k])) / np.linalg.norm(c.raw_grads[k])
                 for k in range(20, self.steps - 1)]
        self.kick_step = 20 + int(np.argmin(ratio))

        self.rosen = oc.landscape("rosenbrock")
        copt = oc.optimizer("gd", lr=self.clip_lr)
        cx0 = np.array(self.clip_start, dtype=float)
        self.raw = oc.run(copt, self.rosen, cx0, steps=self.raw_steps)
        self.clipped = oc.run(copt, self.rosen, cx0, steps=self.clip_steps, clip_norm=self.clip_norm)
        self.g0 = float(self.raw.grad_norms[0])
        #: the first step where the plain run's loss passes ten million
        self.blow_step = int(np.argmax(np.nan_to_num(np.asarray(self.raw.losses), nan=np.inf) > 1e7))
        self.before = np.asarray(self.clipped.grad_norms, dtype=float)
        self.after = np.linalg.norm(self.clipped.grads, axis=-1)
        cut = np.where(self.before > self.clip_norm)[0]
        self.n_clipped = int(len(cut))
        self.cut_first = bool(np.array_equal(cut, np.arange(self.n_clipped)))
        strides = np.linalg.norm(np.diff(self.clipped.positions, axis=0), axis=1)
        self.strides = strides
        self.max_stride = self.clip_lr * self.clip_norm

    @staticmethod
    def padded_lrs(traj) -> np.ndarray:
        """One rate per position (the rate of the step taken from it; the last repeats)."""
        return np.append(traj.lrs, traj.lrs[-1])

    # ------------------------------------------------------------------ pictures: schedules
    def build_map(self):
        """The whole map (the start and the minimum) for the constant run, and the loss chart beside it."""
        self.lmap = LandscapeMap(self.ls, bounds=self.bounds, width=HERO.width - 1.5, n_contours=10)
        if self.lmap.height > HERO.height - 0.1:
            self.lmap.scale((HERO.height - 0.1) / self.lmap.height)
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.paths = {"constant": TailPath(self.runs["constant"], self.lmap, "gd", color=RUN_COLORS["constant"],
                                           markers=False, stroke_width=4, dot_radius=0.1)}
        self.loss_chart = self.new_loss_chart(self.lmap)
        self.loss_series = {"constant": self.loss_chart.add_trajectory(self.paths["constant"])}

    def new_loss_chart(self, beside) -> LossChart:
        """The loss chart (the evidence), large in the side column right of ``beside``."""
        left = beside.get_right()[0] + 0.3
        w = SAFE_RIGHT - left - 0.95
        for _ in range(2):  # the second time with room for the tick labels as built
            chart = LossChart(self.steps, y_range=(1e-5, 10.0), width=w, height=2.3,
                              y_label="loss above minimum", n_x_ticks=4)
            w -= chart.width - (SAFE_RIGHT - left)
        chart.move_to([SAFE_RIGHT - chart.width / 2, HERO.top - 0.1 - chart.height / 2, 0])
        return chart

    def build_race(self):
        """The race: the close-up of the minimum large (the hero: the points settle or keep bouncing), the
        runs' key and their loss in the right column (the rates were just shown large). The runs' paths ride
        the close-up (build_race_map); the chart follows them step by step."""
        self.column_left = SAFE_RIGHT - self.column_width
        self.key = self.build_key()
        right = SAFE_RIGHT
        w = self.column_width - 1.0
        for _ in range(2):  # the second time with room for the tick labels as built
            chart = LossChart(self.steps, y_range=(RACE_FLOOR, RACE_TOP), width=w, height=2.1,
                              y_label="loss above min.", x_label=f"step {N.step.unicode}", n_x_ticks=4,
                              font_size=SIZES["label"])
            w -= chart.width - (right - self.column_left)
        chart.move_to([right - chart.width / 2, self.key.get_bottom()[1] - 0.3 - chart.height / 2, 0])
        if chart.get_bottom()[1] < SAFE_BOTTOM:
            raise ValueError(f"the race's loss chart reaches {chart.get_bottom()[1]:.2f}, below the safe bottom")
        self.loss_chart = chart
        self.loss_series, self.rate_series = {}, {}
        k0 = self.race_from
        self.build_race_map()
        for n in RACE_ORDER:
            width = {"constant": 6, "step": 4}.get(n, 5)
            self.loss_series[n] = self.loss_chart.add_trajectory(self.paths[n], stroke_width=width)
            self.loss_series[n].set_progress(k0)

    def draw_runs(self, names, duration: float, end: float | None = None, on_map: bool = True):
        anims = []
        for n in names:
            anims += [self.paths[n].draw(end=end)] if on_map else []
            anims += [DrawSteps(self.loss_series[n], end=end)]
            anims += [DrawSteps(self.rate_series[n], end=end)] if n in getattr(self, "rate_series", {}) else []
        self.play(*anims, run_time=duration)

    def swap(self, heading: str, out, *into, t_out: float = 0.4, t_in: float = 0.5):
        """Clear the old picture (and heading) first, then bring the new heading and picture in."""
        self.play(*[FadeOut(m) for m in out], FadeOut(self.heading), run_time=t_out)
        self.heading = None
        h = self.set_heading(heading, animate=False)
        self.remove(h)
        self.play(FadeIn(h, shift=0.15 * DOWN), *[FadeIn(m) for m in into], run_time=t_in)

    def build_rate_big(self):
        """The four schedules large, for the beat that names them; their rules in cards below."""
        chart = StepChart(self.steps, y_range=(0.0, 0.6), width=STAGE.width - 1.4, height=2.6,
                          y_label=f"learning rate {N.lr.unicode}", x_label=f"step {N.step.unicode}",
                          n_x_ticks=7)
        chart.move_to([STAGE.x + 0.3, HERO.top - 0.15 - chart.height / 2, 0])
        self.big = chart
        self.big_series = {n: chart.add_series(self.padded_lrs(t), RUN_COLORS[n], head=False, stroke_width=5)
                           for n, t in self.runs.items()}
        self.big_series["constant"].set_progress(self.steps)
        # direct labels where each curve runs alone
        c2p = chart.c2p
        T = self.schedules["cosine"]["T_max"]
        st, ex = self.schedules["step"], self.schedules["exponential"]
        cos_at = lambda t: self.lr * (1 + math.cos(math.pi * t / T)) / 2  # noqa: E731
        self.big_labels = {
            "constant": text(f"constant {N.lr.unicode} = {self.lr:g}", "body", color=RUN_COLORS["constant"])
            .next_to(c2p(self.steps, self.lr), UP, buff=0.1).align_to(c2p(self.steps, self.lr), RIGHT),
            "step": text("step decay", "body", color=RUN_COLORS["step"])
            .next_to(c2p(st["step_size"] + 1, self.lr * st["gamma"]), DOWN, buff=0.1)
            .align_to(c2p(st["step_size"] + 1, 0), LEFT),
            "exponential": text("exponential", "body", color=RUN_COLORS["exponential"])
            .move_to(c2p(1.5, self.lr * ex["gamma"] ** 17), aligned_edge=UP + LEFT),
            "cosine": text("cosine", "body", color=RUN_COLORS["cosine"]).next_to(c2p(30, cos_at(30)), UR, buff=0.1),
        }
        for lab in self.big_labels.values():
            lab.set_stroke(BACKGROUND, width=5, background=True)
        # the rules, one card per schedule, below the chart
        cards = {
            "step": (f"every {st['step_size']} steps", rf"{N.lr} \leftarrow {st['gamma']:g}\,{N.lr}"),
            "exponential": ("every step", rf"{N.lr} \leftarrow {ex['gamma']:g}\,{N.lr}"),
            "cosine": ("half a cosine wave", rf"{N.lr_t} = \tfrac{{1}}{{2}}{N.lr}_0\left(1 + \cos\frac{{\pi t}}{{{T}}}\right)"),
        }
        self.cards = {}
        row = VGroup()
        for n, (when, f) in cards.items():
            name = text(RUN_NAMES[n], "body", color=RUN_COLORS[n])
            if n == "cosine":  # its starting rate, set beside its name
                name = VGroup(name, tex(rf"{N.lr}_0 = {self.lr:g}", "label", color=RUN_COLORS[n]))
                name.arrange(RIGHT, buff=0.35)
            card = VGroup(name, text(when, "body", color=MUTED), tex(f, "label", color=RUN_COLORS[n]))
            card.arrange(DOWN, buff=0.14, aligned_edge=LEFT)
            self.cards[n] = card
            row.add(card)
        row.arrange(RIGHT, buff=0.6, aligned_edge=UP)
        if row.width > STAGE.width:
            raise ValueError(f"the cards are {row.width:.2f} wide; the stage is {STAGE.width:.2f}")
        row.next_to(chart, DOWN, buff=0.35).set_x(STAGE.x)

    # ------------------------------------------------------------------ beats: schedules
    def fixed_rate(self):
        self.build_map()
        c = self.paths["constant"]
        self.claim("with a constant rate the point keeps bouncing around the minimum", self.stray["constant"] > 0.3,
                   f"strays {self.stray['constant']:.2f} in its last 20 steps")
        self.const_label = text(f"constant {N.lr.unicode} = {self.lr:g}", "body", color=RUN_COLORS["constant"])
        self.const_label.next_to(self.loss_chart, DOWN, buff=0.35).set_x(self.loss_chart.get_center()[0])
        with self.voiceover(text=f"Back to the noisy line fit, with a constant rate of {self.lr:g}.") as tracker:
            self.set_heading("A constant learning rate never settles")
            self.play(FadeIn(self.lmap), FadeIn(self.loss_chart), FadeIn(self.const_label), run_time=0.4)
            self.add(c)
            self.play(FadeIn(c.dot, scale=1.5), run_time=0.4)
            self.draw_runs(["constant"], max(0.8, tracker.get_remaining_duration()), end=10)
        L = self.step_len["constant"]
        self.claim("with a constant rate the steps never shrink toward zero",
                   L[-self.window:].mean() > 0.4 * L[:self.window].mean() and L[-self.window:].min() > 0.05,
                   f"mean step length first {self.window} {L[:self.window].mean():.2f}, last {L[-self.window:].mean():.2f}")
        # a step where the point sits near the minimum: the full gradient is almost zero, one batch's is not
        t = self.runs["constant"]
        k = self.kick_step
        g_batch, g_full = float(np.linalg.norm(t.raw_grads[k])), float(np.linalg.norm(self.ls.grad(t.positions[k])))
        self.claim("near the minimum the full gradient is almost zero but one batch's gradient is not",
                   g_full < 0.1 * g_batch and g_batch > 0.3, f"step {k}: full {g_full:.3f}, batch {g_batch:.3f}")
        # both drawn downhill (minus the gradient), at one scale, from the point at step k
        scale = 1.8
        kick = ParamArrow(self.lmap, t.positions[k], -scale * t.raw_grads[k], color=TEXT, stroke_width=7)
        full = ParamArrow(self.lmap, t.positions[k], -scale * self.ls.grad(t.positions[k]), color=SYMBOL_HIGHLIGHT,
                          stroke_width=9)
        u = kick.arrow.get_end() - kick.arrow.get_start()
        u = u / np.linalg.norm(u)
        labels = VGroup()
        for word, color, at, side in (("batch", TEXT, kick.arrow.get_end(), u), ("full", SYMBOL_HIGHLIGHT,
                                                                                  full.arrow.get_start(), -u)):
            lab = text(word, "body", color=color).next_to(at, side, buff=0.15 if word == "batch" else 0.35)
            labels.add(VGroup(BackgroundRectangle(lab, color=PANEL, fill_opacity=0.9, buff=0.08,
                                                  corner_radius=0.06), lab))
        kick_label = labels
        kick = VGroup(kick, full)
        rows = VGroup()
        for name, v, color in (("batch", g_batch, TEXT), ("full", g_full, SYMBOL_HIGHLIGHT)):
            row = VGroup(text(name, "body", color=color), text(f"{v:.2f}", "body", color=color))
            row[1].move_to(row[0].get_left() + RIGHT * 1.5, aligned_edge=LEFT).align_to(row[0][-1], DOWN)
            rows.add(row)
        rows.arrange(DOWN, buff=0.18, aligned_edge=LEFT)
        rows = VGroup(text("gradient length", "body", color=MUTED), rows).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        rows.next_to(self.const_label, DOWN, buff=0.25)
        if rows.get_bottom()[1] < SAFE_BOTTOM:
            raise ValueError(f"the gradient lengths reach {rows.get_bottom()[1]:.2f}, below the safe bottom")
        rows.align_to(self.const_label, LEFT)
        self.kick_parts = VGroup(kick, kick_label, rows)
        with self.voiceover(text="Near the minimum the full gradient is almost zero, but each batch's "
                                 "gradient still kicks the point away.") as tracker:
            self.draw_runs(["constant"], 0.45 * tracker.duration, end=k)
            # the tangle dimmed, so the two arrows read
            self.play(GrowArrow(kick[0].arrow), GrowArrow(kick[1].arrow), FadeIn(kick_label), FadeIn(rows),
                      self.paths["constant"].path.animate.set_stroke(opacity=0.45), run_time=0.7)
            self.until(tracker, 0.8)
            self.draw_runs(["constant"], 0.6, end=k + 1)

    def schedules_shrink(self):
        self.build_rate_big()
        st, ex = self.schedules["step"], self.schedules["exponential"]
        self.claim("cosine annealing glides down to zero at the end", self.lr_end["cosine"] < 0.01 * self.lr,
                   f"last rate {self.lr_end['cosine']:.2g}")
        self.claim("every schedule ends far below the constant rate",
                   all(self.lr_end[n] < 0.1 * self.lr for n in self.decayed))
        lines = {
            "step": f"A schedule shrinks the rate: step decay multiplies it by {st['gamma']:g} "
                    f"every {st['step_size']} steps.",
            "exponential": f"Exponential decay multiplies it by {ex['gamma']:g} at every step.",
            "cosine": "Cosine glides down half a cosine wave to zero.",
        }
        for n in ("step", "exponential", "cosine"):
            with self.voiceover(text=lines[n]) as tracker:
                if n == "step":
                    self.swap("Schedules shrink the learning rate",
                              [self.lmap, self.paths["constant"], self.loss_chart, self.const_label,
                               self.kick_parts], self.big, self.big_labels["constant"], t_out=0.3, t_in=0.5)
                self.play(FadeIn(self.cards[n]), run_time=0.5)
                self.play(DrawSteps(self.big_series[n], end=self.steps),
                          run_time=max(0.8, tracker.get_remaining_duration() - 0.3))
                self.play(FadeIn(self.big_labels[n]), run_time=0.3)
        self.wait(0.9)  # the finished rate chart, held

    def race(self):
        self.build_race()
        self.claim("the three scheduled runs settle while the constant one keeps bouncing",
                   max(self.stray[n] for n in self.decayed) * 5 < self.stray["constant"],
                   ", ".join(f"{n} {self.stray[n]:.3f}" for n in self.runs))
        k = self.schedules["step"]["step_size"]
        same = np.allclose(self.runs["step"].positions[:k + 1], self.runs["constant"].positions[:k + 1])
        self.claim(f"step decay copies the constant run until step {k}", same)
        # the split at step k: a line on the chart
        lc = self.loss_chart
        split = DashedLine(lc.c2p(k, RACE_FLOOR), lc.c2p(k, RACE_TOP), stroke_color=RUN_COLORS["step"],
                           stroke_width=3)
        split_label = text(f"{k}", "body", color=RUN_COLORS["step"])
        split_label.move_to(lc.c2p(k, RACE_TOP), aligned_edge=UP + LEFT).shift(RIGHT * 0.1 + DOWN * 0.05)
        split_label.set_stroke(BACKGROUND, width=5, background=True)
        self.split_marks = VGroup(split, split_label)
        runs = list(self.runs)
        with self.voiceover(text=f"Step decay copies the constant run until step {k}.") as tracker:
            self.swap("Same batches: step decay copies the constant run",
                      [self.big, *self.big_labels.values(), *self.cards.values()], self.loss_chart,
                      self.key, self.race_map)
            self.draw_runs(runs, max(1.0, tracker.get_remaining_duration() - 0.7), end=k)
            self.play(Create(split), FadeIn(split_label), run_time=0.6)
        with self.voiceover(text="As the rates shrink, the schedules settle; the constant "
                                 "run keeps bouncing.") as tracker:
            self.draw_runs(runs, tracker.duration)

    def build_race_map(self):
        """The close-up of the minimum, large in the hero slot: each run's newest steps as a fading tail
        behind its dot (the constant run wanders wide; the schedules shrink to a dot at the minimum)."""
        m, h = self.ls.minima[0], self.zoom_half
        room_w = self.column_left - 0.35 - SAFE_LEFT
        room_h = HERO.top - 0.1 - SAFE_BOTTOM
        hx = h * room_w / room_h  # as wide as the slot allows, at equal units
        bounds = ((m[0] - hx, m[0] + hx), (m[1] - h, m[1] + h))
        rmap = LandscapeMap(self.ls, bounds=bounds, width=room_w, n_contours=9, show_axes=False)
        if rmap.height > room_h:
            rmap.scale(room_h / rmap.height)
        rmap.move_to([SAFE_LEFT, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        head = text("near the minimum", "body", color=TEXT)
        head.move_to(rmap.frame.get_corner(UP + LEFT) + np.array([0.15, -0.12, 0]), aligned_edge=UP + LEFT)
        head.set_stroke(BACKGROUND, width=6, background=True)
        self.paths = {n: TailPath(self.runs[n], rmap, "gd", color=RUN_COLORS[n], markers=False, tail=TAIL,
                                  stroke_width={"constant": 6}.get(n, 5), dot_radius=0.14) for n in RACE_ORDER}
        for path in self.paths.values():
            path.set_progress(self.race_from)
        self.claim("on the close-up, the constant run's last steps wander wide; the schedules' stay near the minimum",
                   self.stray["constant"] > 0.4 * h and max(self.stray[n] for n in self.decayed) < 0.2 * h,
                   ", ".join(f"{n} {self.stray[n]:.3f}" for n in self.runs))
        self.race_map = Group(rmap, head, *[self.paths[n] for n in RACE_ORDER])

    def build_key(self) -> VGroup:
        """The four runs' names in their colours, two by two at the top of the right column."""
        rows = VGroup(*[VGroup(Line(ORIGIN, RIGHT * 0.4, stroke_color=RUN_COLORS[n], stroke_width=8),
                               text(RUN_NAMES[n], "body", color=RUN_COLORS[n])).arrange(RIGHT, buff=0.15)
                        for n in ("constant", "step", "exponential", "cosine")])
        rows.arrange(DOWN, buff=0.16, aligned_edge=LEFT)
        rows.move_to([self.column_left + 0.1, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        return rows

    def end_losses(self):
        ex = self.mean_end
        w = self.window
        shown = {n: float(short_decimal(v)) for n, v in ex.items()}  # the means as the bars print them
        # the point, over 5 seeds: decaying at all ends lo..hi times lower; the schedules end within
        # `spread` of each other, and spread < lo
        ns = len(self.verdict_seeds)
        lo, hi = math.floor(min(self.seed_ratios)), math.floor(max(self.seed_ratios))
        spread = math.ceil(max(self.seed_spreads))
        self.claim(f"over the last {w} steps the constant run averages {short_decimal(ex['constant'])} above the minimum",
                   abs(shown["constant"] - ex["constant"]) < 0.05 * ex["constant"])
        self.claim("every printed mean is within 5% of the computed one",
                   all(abs(shown[n] - ex[n]) < 0.05 * ex[n] for n in ex))
        self.claim(f"over {ns} seeds, the schedules end {lo} to {hi} times lower",
                   all(lo <= r < hi + 1 for r in self.seed_ratios) and lo >= 10 and self.seed in self.verdict_seeds,
                   ", ".join(f"{r:.0f}" for r in self.seed_ratios))
        self.claim("which decay matters far less than decaying at all (over the same seeds)",
                   max(self.seed_spreads) <= spread < lo, f"spreads {self.seed_spreads}")
        # the window the means are taken over, shaded on the loss chart
        lc = self.loss_chart
        lo_, hi_ = lc.c2p(self.steps - w, RACE_FLOOR), lc.c2p(self.steps, RACE_TOP)
        shade = Rectangle(width=hi_[0] - lo_[0], height=hi_[1] - lo_[1], stroke_color=TEXT, stroke_width=1.5,
                          fill_color=TEXT, fill_opacity=0.18).move_to((lo_ + hi_) / 2)
        # inside the plot, left of the shade, in the empty top decades (clear of the chart's own label)
        shade_label = text(f"last {w}", "body", color=TEXT)
        shade_label.move_to(shade.get_corner(UP + LEFT) + np.array([-0.08, -0.04, 0]), aligned_edge=UP + RIGHT)
        shade_label.set_stroke(BACKGROUND, width=5, background=True)
        # the four means as bars, large where the close-up was
        table, head, bars, s1, rest = self.build_bars(shown)
        # the verdict over all seeds, the spoken range as a stamp under the bars
        over = text(f"over {ns} seeds:", "body", color=TEXT)
        big = text(f"{lo}–{hi}× lower", "stamp", color=TEXT)
        within = text(f"within {spread}× of each other", "body", color=TEXT)
        rows = VGroup(VGroup(over, big).arrange(DOWN, buff=0.15, aligned_edge=LEFT), within)
        rows.arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        verdict = VGroup(BackgroundRectangle(rows, color=PANEL, fill_opacity=0.92, buff=0.15,
                                             corner_radius=0.1), rows)
        verdict.next_to(table, DOWN, buff=0.4).align_to(table, LEFT)
        if verdict.get_bottom()[1] < SAFE_BOTTOM or verdict.get_right()[0] > self.column_left - 0.2:
            raise ValueError(f"the verdict does not fit: bottom {verdict.get_bottom()[1]:.2f}, "
                             f"right {verdict.get_right()[0]:.2f}")
        with self.voiceover(text=f"Over the last {w} steps, the constant run averages {short_decimal(ex['constant'])} "
                                 "above the minimum.") as tracker:
            self.set_heading("Where they end")
            self.play(FadeOut(self.key), FadeOut(self.split_marks), FadeOut(self.race_map), FadeIn(head),
                      FadeIn(shade), FadeIn(shade_label), run_time=0.5)
            self.until(tracker, 0.3)
            self.play(FadeIn(bars["constant"]), FadeIn(s1, scale=1.2), run_time=0.6)
        with self.voiceover(text=f"Over {ns} seeds, the schedules end {lo} to {hi} times lower. Which decay "
                                 "matters far less than decaying at all.") as tracker:
            self.play(*[FadeIn(bars[n]) for n in self.decayed], FadeIn(rest, lag_ratio=0.3), run_time=0.8)
            self.play(FadeIn(verdict[0]), FadeIn(rows[0], scale=1.1), run_time=0.5)
            self.until(tracker, 0.55)
            self.play(FadeIn(within, scale=1.1), run_time=0.5)
        self.sched_parts = VGroup(table, shade, shade_label, verdict)

    def build_bars(self, shown):
        """The last-window mean loss above the minimum of each run, as horizontal bars on a linear scale,
        large in the hero slot (the schedules' bars are slivers next to the constant's: that is the point),
        each schedule's sliver stamped with how many times lower it is than the constant run."""
        w = self.window
        head = text(f"mean loss, last {w} steps", "body", color=TEXT)
        names = {n: text(RUN_NAMES[n], "body", color=RUN_COLORS[n]) for n in self.runs}
        left = SAFE_LEFT + 0.1
        x_base = left + max(t.width for t in names.values()) + 0.2
        span = self.column_left - 0.5 - x_base
        head.move_to([left, HERO.top - 0.15, 0], aligned_edge=UP + LEFT)
        gap, bar_h = 0.72, 0.56
        y_top = head.get_bottom()[1] - 0.3 - bar_h / 2
        hi = self.mean_end["constant"]
        if max(self.mean_end.values()) > hi:
            raise ValueError(f"the constant run is not the highest: {self.mean_end}")
        rows = VGroup()
        bars = {}
        rest = VGroup()
        for i, n in enumerate(("constant", "step", "exponential", "cosine")):
            y = y_top - i * gap
            width = max(span * self.mean_end[n] / hi, 0.06)  # the schedules' slivers stay visible
            bar = Rectangle(width=width, height=bar_h, stroke_width=0, fill_color=RUN_COLORS[n], fill_opacity=0.95)
            bar.move_to([x_base, y, 0], aligned_edge=LEFT)
            names[n].move_to([x_base - 0.15, y, 0], aligned_edge=RIGHT)
            bars[n] = VGroup(bar, names[n])
            rows.add(bars[n])
            if n != "constant":  # how many times lower than the constant run, beside its sliver
                ratio = hi / self.mean_end[n]
                self.claim(f"{RUN_NAMES[n]} ends {ratio:.0f} times lower than the constant run (seed {self.seed})",
                           any(abs(r - ratio) < 1e-9 for r in self.seed_ratios))
                rest.add(text(f"÷{ratio:.0f}", "body", color=RUN_COLORS[n]).next_to(bar, RIGHT, buff=0.2))
        axis = Line([x_base, y_top + gap / 2, 0], [x_base, y_top - 3.5 * gap, 0], stroke_color=MUTED, stroke_width=2)
        # the constant's number inside the end of its bar
        s1 = text(short_decimal(hi), "body", color=BACKGROUND)
        s1.move_to([x_base + span - 0.12, y_top, 0], aligned_edge=RIGHT)
        head = VGroup(head, axis)
        return VGroup(head, rows, s1, rest), head, bars, s1, rest

    # ------------------------------------------------------------------ pictures: clipping
    def build_clip(self):
        self.cmap = LandscapeMap(self.rosen, bounds=self.clip_bounds, width=HERO.width - 1.3, n_contours=12)
        if self.cmap.height > HERO.height:
            self.cmap.scale(HERO.height / self.cmap.height)
        self.cmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.raw_path = TrajectoryPath(self.raw, self.cmap, "gd", color=RAW_COLOR, markers=True, stroke_width=4,
                                       dot_radius=0.1, marker_radius=0.05, stop_at_exit=True,
                                       diverged_font_size=SIZES["label"])
        self.clip_path = TrajectoryPath(self.clipped, self.cmap, "gd", color=CLIP_COLOR, markers=True,
                                        stroke_width=4, dot_radius=0.1, marker_radius=0.05)
        # the column in one (sans) font: the rule too
        g, c, lr = N.grad.unicode, N.clip.unicode, N.lr.unicode
        self.rule = VGroup(text(f"if \u2016{g}\u2016 > {c}:", "body"),
                           text(f"{g} \u2190 {c}\u00b7{g} / \u2016{g}\u2016", "body"))
        self.rule.arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        self.rule[1].shift(RIGHT * 0.3)
        self.readout = StepReadout(self.before, self.after)
        self.limit_row = VGroup(text("limit", "body", color=TEXT),
                                text(f"{c} = {self.clip_norm:g}", "body", color=SYMBOL_HIGHLIGHT))
        self.limit_row.arrange(RIGHT, buff=0.3)
        self.lr_row = VGroup(text("rate", "body", color=TEXT),
                             text(f"{lr} = {self.clip_lr:g}", "body", color=TEXT)).arrange(RIGHT, buff=0.3)
        # the readout on top; the limit with the rule below it (clear of the cross where the plain step exits)
        side = VGroup(self.readout.rows[0], self.readout.rows[1])
        side.arrange(DOWN, buff=0.28, aligned_edge=LEFT)
        side.move_to([self.cmap.get_right()[0] + 0.2 + side.width / 2, HERO.top - 0.1 - side.height / 2, 0])
        self.readout.step_row.next_to(side, DOWN, buff=0.4).align_to(side, LEFT)
        self.limit_row.next_to(self.readout.step_row, DOWN, buff=0.4).align_to(side, LEFT)
        self.rule.next_to(self.limit_row, DOWN, buff=0.25).align_to(side, LEFT)
        # the rate comes in the crawl beat, where the rule was
        self.lr_row.move_to(self.rule.get_corner(UP + LEFT), aligned_edge=UP + LEFT)
        # (the rule may reach a little into the right margin; it must not be scaled below the type floor)
        # the flag "off the map" in the map's top-right corner, clear of the path
        raw = self.raw_path
        label = VGroup(raw.diverged_box, raw.diverged_text)
        # in the map's bottom-right corner, clear of the path (the close-up of the start fills the top left)
        (_, bx1), (by0, _) = self.clip_bounds
        label.move_to(self.cmap.c2p(bx1 - 0.04, by0 + 0.04), aligned_edge=DOWN + RIGHT)
        # where the plain step lands (far off the map): an arrow on from the exit, and the point
        land = self.raw.positions[1]
        exit_pt = raw.exit_point[1]
        x0 = np.array(self.clip_start)
        d = (land - x0) / np.linalg.norm(land - x0)
        d3 = np.array([d[0], d[1], 0.0])
        self.off_arrow = Arrow(exit_pt - d3 * 0.55, exit_pt + d3 * 0.05, buff=0, color=RAW_COLOR, stroke_width=5,
                               max_tip_length_to_length_ratio=0.35)
        # what the plain run does after: zoomed out, it bounces wall to wall and climbs (in the side column)
        self.build_wide(side)
        # the step direction, grown from the start to the map's edge while the gradient's length counts up
        self.grad_arrow = Arrow(self.cmap.c2p(*x0), exit_pt, buff=0, color=RAW_COLOR, stroke_width=6,
                                max_tip_length_to_length_ratio=0.06)
        self.step_label = text(f"step \u2212{lr}\u00b7{g}", "body", color=RAW_COLOR)
        mid = self.grad_arrow.point_from_proportion(0.55)
        v = exit_pt - np.asarray(self.cmap.c2p(*x0))
        self.step_label.rotate(math.atan2(v[1], v[0]))
        self.step_label.move_to(mid).shift(UP * 0.42 + LEFT * 0.14)
        self.step_label.set_stroke(BACKGROUND, width=5, background=True)

    def cmap_contains(self, xy) -> bool:
        (x0, x1), (y0, y1) = self.clip_bounds
        return bool(x0 <= xy[0] <= x1 and y0 <= xy[1] <= y1)

    def build_wide(self, side):
        """A zoomed-out map under the gradient's length: the plain run's steps 0 to 6 bouncing from wall
        to wall up the valley, step 7 leaving even this map; the main map's area outlined. Then a stamp
        with the loss at the blow-up step."""
        k = self.blow_step
        pos = np.asarray(self.raw.positions[:k], dtype=float)
        lo, hi = pos.min(axis=0), pos.max(axis=0)
        bounds = ((math.floor(lo[0]) - 0.5, math.ceil(hi[0]) + 0.5), (math.floor(lo[1]) - 0.5, math.ceil(hi[1]) + 0.5))
        left = side.get_left()[0]
        width = SAFE_RIGHT - left
        wide = LandscapeMap(self.rosen, bounds=bounds, width=width, n_contours=10, show_axes=False)
        head = text("zoomed out", "body", color=TEXT)
        head.move_to([left, side[0].get_bottom()[1] - 0.15, 0], aligned_edge=UP + LEFT)
        top = head.get_bottom()[1] - 0.12
        if wide.height > top - SAFE_BOTTOM - 1.3:
            wide.scale((top - SAFE_BOTTOM - 1.3) / wide.height)
        wide.move_to([left, top, 0], aligned_edge=UP + LEFT)
        (bx0, bx1), (by0, by1) = self.clip_bounds
        a, b = np.asarray(wide.c2p(bx0, by0)), np.asarray(wide.c2p(bx1, by1))
        outline = Rectangle(width=b[0] - a[0], height=b[1] - a[1], stroke_color=TEXT, stroke_width=3).move_to((a + b) / 2)
        path = TrajectoryPath(self.raw, wide, "gd", color=RAW_COLOR, markers=True, stroke_width=4, dot_radius=0.09,
                              marker_radius=0.05, stop_at_exit=True)
        if path.diverged_label is not None:  # the stamp says it
            path.diverged_label.remove(path.diverged_box, path.diverged_text)
        self.claim(f"zoomed out, steps 0 to {k - 1} stay on the wide map and step {k} leaves it",
                   path.exit_step == k, f"exit at {path.exit_step}")
        big = self.raw.losses[k]
        stamp = VGroup(text(f"step {k}: loss", "body", color=TEXT), text(f"{big / 1e6:.0f} million", "stamp",
                                                                         color=RAW_COLOR))
        stamp.arrange(RIGHT, buff=0.25, aligned_edge=DOWN)
        if stamp.width > width:
            stamp.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        stamp = VGroup(BackgroundRectangle(stamp, color=PANEL, fill_opacity=0.92, buff=0.12, corner_radius=0.1), stamp)
        stamp.next_to(wide, DOWN, buff=0.2).align_to(wide, LEFT)
        if stamp.get_bottom()[1] < SAFE_BOTTOM - 0.05:
            raise ValueError(f"the blow-up stamp reaches {stamp.get_bottom()[1]:.2f}")
        self.wide, self.wide_path, self.wide_extra, self.blow_stamp = wide, path, VGroup(outline, head), stamp

    def one_giant_step(self):
        self.build_clip()
        raw = self.raw_path
        k = self.blow_step
        big = self.raw.losses[k]
        self.claim("one plain step throws the point off the map, and the run diverges",
                   raw.exit_step == 1 and self.raw.diverged_at is not None and self.raw.diverged_at > 0,
                   f"exit at step {raw.exit_step}, diverged at {self.raw.diverged_at}")
        self.claim(f"the plain steps stay off the map, and by step {k} the loss is {big / 1e6:.0f} million",
                   not any(self.cmap_contains(xy) for xy in self.raw.positions[1:k + 1])
                   and 1 < k <= 8 and big > 1e7 and np.all(np.isfinite(self.raw.losses[:k + 1])))
        self.claim("the minimum is on the map", self.cmap_contains(self.rosen.minima[0]))
        xs = np.asarray(self.raw.positions)[:k + 1, 0]
        self.claim("the plain steps bounce from wall to wall across the valley",
                   int(np.sum(np.sign(xs[1:]) != np.sign(xs[:-1]))) >= 3, f"x {xs}")
        g0 = self.g0
        value = self.readout.values[0]
        value.set_text(f"{g0:.0f}")  # the length the run has (no count-up through values it never takes)
        with self.voiceover(text=f"On Rosenbrock's steep wall, the gradient is {g0:.0f} long. "
                                 f"Plain steps leave the map and bounce wall to wall: by step {k}, the loss is {big / 1e6:.0f} million.") as tracker:
            self.swap("Clipping: one step too big", [self.loss_chart, self.sched_parts], self.cmap)
            self.add(raw)
            self.play(FadeIn(raw.dot, scale=1.5), run_time=0.3)
            self.until(tracker, 0.22)
            self.play(GrowArrow(self.grad_arrow), FadeIn(self.readout.rows[0]), FadeIn(self.step_label), run_time=0.8)
            self.until(tracker, 0.36)
            self.play(FadeOut(self.grad_arrow), raw.draw(end=1), run_time=0.8)
            self.play(GrowArrow(self.off_arrow), FadeIn(self.wide), FadeIn(self.wide_extra), run_time=0.5)
            # zoomed out, the run goes on: wall to wall, up the valley, until it leaves even this map
            self.add(self.wide_path)
            self.play(self.wide_path.draw(), run_time=max(1.5, tracker.get_remaining_duration() - 3.0))
            self.until(tracker, 0.77)
            self.play(FadeIn(self.blow_stamp, scale=1.1), run_time=0.5)

    def cut_back(self):
        cm = self.cmap
        x0 = np.array(self.clip_start)
        g0 = self.raw.raw_grads[0]
        lr = self.clip_lr
        r = self.max_stride  # gamma c: the longest step clipping allows
        raw = self.raw_path
        d = -g0 / np.linalg.norm(g0)
        a = np.asarray(cm.c2p(*x0))
        exit_pt = raw.exit_point[1]
        ratio = self.g0 / self.clip_norm  # the plain step over the longest clipped one
        # the circle of radius gamma c on the main map, and the plain step measured in its radii
        ring = ClipCircle(cm, x0, radius=r, color=SYMBOL_HIGHLIGHT)
        ring_words = text(f"{N.lr.unicode}{N.clip.unicode} = {r:g}", "body", color=SYMBOL_HIGHLIGHT)
        ring_words.set_stroke(BACKGROUND, width=6, background=True)
        ticks = VGroup(*[Circle(radius=0.045, stroke_width=0, fill_color=SYMBOL_HIGHLIGHT, fill_opacity=1)
                         .move_to(cm.c2p(*(x0 + i * r * d))) for i in range(1, int(ratio) + 1)
                         if self.cmap_contains(x0 + i * r * d)])
        raw_step = Line(a, exit_pt, stroke_color=RAW_COLOR, stroke_width=8)
        times = VGroup(text(f"lands {ratio:.0f}{N.lr.unicode}{N.clip.unicode} away,", "body", color=RAW_COLOR),
                       text("off the map", "body", color=RAW_COLOR)).arrange(DOWN, buff=0.1, aligned_edge=RIGHT)
        off = 0.3 + times.height / 2  # from the step's line to the label's middle
        v = exit_pt - a
        angle = math.atan2(v[1], v[0])
        along = times.width  # its length along the step
        if along > 0.95 * np.linalg.norm(v):
            raise ValueError(f"the landing label ({along:.2f}) is longer than the step on the map")
        times.rotate(angle)
        # along the step, its end under the cross at the map's edge
        u = v / np.linalg.norm(v)
        times.move_to(exit_pt - u * (along / 2 + 0.15) + off * np.array([math.sin(angle), -math.cos(angle), 0]))
        spill = times.get_right()[0] - (cm.frame.get_right()[0] - 0.12)
        if spill > 0:  # back along the step until it is inside the map
            times.shift(-u * spill / u[0])
        times.set_stroke(BACKGROUND, width=5, background=True)
        short_end = cm.c2p(*(x0 - lr * self.clipped.grads[0]))
        short = ParamArrow(cm, x0, -lr * self.clipped.grads[0], color=CLIP_COLOR, stroke_width=8)
        self.claim("clipping shortens the first step to the circle, in the same direction",
                   abs(np.linalg.norm(short.vector) - r) < 1e-6 and float(np.dot(short.vector, -g0)) > 0)
        self.claim("a clipped step is at most gamma times c long", bool(np.all(self.strides <= r * (1 + 1e-9))))
        self.claim(f"the plain step is {ratio:.0f} times longer than the circle's radius",
                   abs(np.linalg.norm(lr * g0) / r - ratio) < 1e-9 and round(ratio) >= 10)
        zoom = self.start_zoom(x0, d, r, short.vector)
        # the radius in the close-up, under the plain step, right of its circle
        zf = zoom.inset.map.frame
        ring_words.move_to(zf.get_corner(DOWN + RIGHT) + np.array([-0.12, 0.12, 0]), aligned_edge=DOWN + RIGHT)
        with self.voiceover(text=f"Clipping sets a limit c, here {self.clip_norm:g}, so a step is at most "
                                 f"gamma times c: {r:g}.") as tracker:
            self.set_heading("Cut the gradient back to length c")
            # the plain run's note has had its sentence: it goes (its cross at the exit stays, faint)
            self.play(raw.path.animate.set_stroke(opacity=0.35), raw.markers.animate.set_opacity(0.35),
                      raw.diverged_box.animate.set_fill(opacity=0), raw.diverged_text.animate.set_opacity(0),
                      raw.diverged_cross.animate.set_stroke(opacity=0.5), self.off_arrow.animate.set_opacity(0.5),
                      FadeOut(self.wide), FadeOut(self.wide_path), FadeOut(self.wide_extra), FadeOut(self.blow_stamp),
                      run_time=0.4)
            self.play(FadeIn(self.rule), FadeIn(self.limit_row), run_time=0.5)
            self.until(tracker, 0.6)
            self.play(Create(ring.circle), FadeIn(zoom.inset), Create(zoom.ring), FadeIn(ring_words, scale=1.2),
                      run_time=1.0)
            self.bring_to_front(ring_words)
        with self.voiceover(text=f"The plain step is {ratio:.0f} times longer. Clipping shrinks it back to the "
                                 "circle.") as tracker:
            self.play(Create(raw_step), FadeOut(self.step_label), run_time=0.6)
            self.play(FadeIn(ticks, lag_ratio=0.15), FadeIn(times), Create(zoom.long), run_time=1.0)
            self.until(tracker, 0.45)
            # the long step stays as a faint ghost; its tip slides back along its own line onto the circle
            ghost = raw_step.copy().set_stroke(width=5, opacity=0.45)
            z_ghost = zoom.long.copy().set_stroke(width=5, opacity=0.45)
            self.add(ghost, raw_step, z_ghost, zoom.long)
            self.play(raw_step.animate.put_start_and_end_on(a, short_end).set_stroke(color=CLIP_COLOR),
                      zoom.long.animate.put_start_and_end_on(*zoom.short_ends).set_stroke(color=CLIP_COLOR),
                      FadeOut(times), FadeIn(self.readout.rows[1]), run_time=1.4)
            self.remove(raw_step, zoom.long)
            self.add(short, zoom.short)
        self.clip_marks = Group(short, ghost, ring, ring_words, ticks, self.off_arrow, zoom.inset, zoom.ring,
                                z_ghost, zoom.short)

    def start_zoom(self, x0, d, r: float, step) -> Group:
        """A close-up of the start in the map's top-left corner: the circle of radius gamma c, the plain
        step (cut at the close-up's edge) and, later, the clipped step on the circle."""
        cm = self.cmap
        hw, hh, shift = 0.35, 0.25, np.array([0.13, 0.0])
        center = x0 + shift
        inset = MapInset(cm, center, half_width=hw, half_height=hh, width=3.2, color=SYMBOL_HIGHLIGHT,
                         n_contours=6)
        (bx0, _), (_, by1) = self.clip_bounds
        inset.move_map_to(cm.c2p(bx0, by1) + np.array([0.08, -0.08, 0]), aligned_edge=UP + LEFT)
        zm = inset.map
        ring = ClipCircle(zm, x0, radius=r, color=SYMBOL_HIGHLIGHT).circle
        # to the close-up's edge
        reach = 0.97 * min((hw * np.sign(d[0]) + shift[0]) / d[0] if abs(d[0]) > 1e-9 else np.inf,
                           (hh * np.sign(d[1]) + shift[1]) / d[1] if abs(d[1]) > 1e-9 else np.inf)
        start = np.asarray(zm.c2p(*x0))
        long = Line(start, zm.c2p(*(x0 + reach * d)), stroke_color=RAW_COLOR, stroke_width=7)
        short = ParamArrow(zm, x0, step, color=CLIP_COLOR, stroke_width=7)
        self.claim("the close-up shows the plain step running past the circle",
                   reach > 2 * r and abs(np.linalg.norm(step) - r) < 1e-6
                   and hw - shift[0] > r and hh > r)
        zoom = Group(inset, ring, long, short)
        zoom.inset, zoom.ring, zoom.long, zoom.short = inset, ring, long, short
        zoom.short_ends = (start, np.asarray(zm.c2p(*(x0 + step))))
        return zoom

    def clipped_run(self):
        n = self.n_clipped
        p = self.clip_path
        self.claim(f"only the first {n} steps are clipped", self.cut_first and 3 <= n <= 10, f"{n}")
        self.claim("the clipped strides are all the same length",
                   np.allclose(self.strides[:n], self.max_stride, rtol=1e-5))
        self.claim("after them the gradient is shorter than c",
                   bool(np.all(self.before[n:] < self.clip_norm)))
        stamp = self.stamp(f"{n} steps clipped", color=CLIP_COLOR, size="label")
        stamp.next_to(p.point_at_step(n), UP, buff=0.45)
        # the stride just taken, on a tag that moves with the point
        tag = StrideTag(self.clipped.positions, self.strides, self.cmap, CLIP_COLOR)
        with self.voiceover(text=f"With clipping, the first {n} steps are cut back to c: even "
                                 "strides.") as tracker:
            self.set_heading("Clipped: even strides down the wall")
            self.play(FadeOut(self.clip_marks), FadeOut(self.raw_path), FadeIn(self.readout.step_row), FadeIn(tag),
                      run_time=0.4)
            self.add(p)
            self.play(p.draw(end=n), DrawSteps(self.readout, end=n), DrawSteps(tag, end=n),
                      run_time=max(1.0, tracker.get_remaining_duration() - 0.55))
            self.play(FadeIn(stamp), run_time=0.5)
        end = self.clipped.positions[-1]
        self.claim("after the clipped steps the point crawls along the valley floor",
                   abs(end[1] - end[0] ** 2) < 0.05 and self.strides[-5:].max() < 0.1 * self.max_stride,
                   f"end {end}, last strides {self.strides[-5:]}")
        self.claim("after the clipped steps every stride is the plain step, rate times gradient",
                   np.allclose(self.strides[n:], self.clip_lr * self.before[n:], rtol=1e-6))
        with self.voiceover(text="Then clipping stops; the slow crawl is the small rate, "
                                 "not clipping.") as tracker:
            self.set_heading(f"The crawl is the small {N.lr.unicode}, not clipping", run_time=0.5)
            # the rule has had its say: the rate takes its place
            self.play(FadeOut(self.rule), FadeIn(self.lr_row, shift=0.1 * LEFT), run_time=0.4)
            self.play(p.draw(), DrawSteps(self.readout), DrawSteps(tag), run_time=max(1.0, tracker.duration - 1.8))
            # before = after: clipping no longer acts; the strides are tiny
            self.play(*[Indicate(v, color=TEXT, scale_factor=1.1) for v in self.readout.values],
                      Indicate(tag[1], color=TEXT, scale_factor=1.1), run_time=0.8)

    def when_to_use(self):
        """The takeaway: when to reach for each tool, each answer under its own evidence: the schedules'
        loss chart (its runs named), and the clipped run on a small map beside the plain step it replaced."""
        pairs = VGroup(*[VGroup(text(q, "body", color=MUTED), text(a, "title", color=col)).arrange(DOWN, buff=0.1)
                         for q, a, col in (("Bouncing near\nthe minimum?", "Use a schedule.", TEXT),
                                           ("Rare giant\ngradients?", "Clip them to c.", SYMBOL_HIGHLIGHT))])
        panels = VGroup(*[VGroup(BackgroundRectangle(q, color=PANEL, fill_opacity=0.94, buff=0.18,
                                                     corner_radius=0.15), q) for q in pairs])
        cap_top = self.caption().get_top()[1]
        split = 1.1  # the left column (the chart) ends here; the right one (the map) starts 0.4 further
        # the schedules' evidence: the loss chart, its runs named at their ends
        names = {"constant": text("constant", "body", color=RUN_COLORS["constant"]),
                 "schedules": text("schedules", "body", color=TEXT)}
        right = split - max(t.width for t in names.values()) - 0.15
        w = right - SAFE_LEFT - 0.9
        for _ in range(2):
            chart = LossChart(self.steps, y_range=(1e-5, 10.0), width=w, height=1.4,
                              y_label="loss above minimum", n_x_ticks=4)
            w -= chart.width - (right - SAFE_LEFT)
        chart.move_to([SAFE_LEFT + chart.width / 2, HERO.top - chart.height / 2, 0])
        for n in RACE_ORDER:
            chart.add_trajectory(self.paths[n], stroke_width={"constant": 6, "step": 2.5}.get(n, 3.5), head=False)
        chart.set_progress(self.steps)
        end_x = chart.frame.get_right()[0] + 0.15
        sched_mean = math.exp(np.mean([math.log(self.mean_end[n]) for n in self.decayed]))
        names["constant"].move_to([end_x, chart.c2p(self.steps, self.mean_end["constant"])[1], 0], aligned_edge=LEFT)
        names["schedules"].move_to([end_x, chart.c2p(self.steps, sched_mean)[1], 0], aligned_edge=LEFT)
        if names["constant"].get_bottom()[1] < names["schedules"].get_top()[1] + 0.05:
            raise ValueError("the recap chart's two names overlap")
        # the clipping evidence: the clipped run on a small map, the plain first step faint beside it
        mini = LandscapeMap(self.rosen, bounds=self.clip_bounds, height=chart.height - 0.1, n_contours=12,
                            show_axes=False)
        mini.move_to([(split + 0.4 + SAFE_RIGHT) / 2, chart.get_center()[1], 0])
        clipped = TrajectoryPath(self.clipped, mini, "gd", color=CLIP_COLOR, markers=True, stroke_width=4,
                                 dot_radius=0.08, marker_radius=0.04)
        clipped.set_progress(clipped.n_steps)
        x0 = np.array(self.clip_start)
        d = -self.raw.raw_grads[0] / np.linalg.norm(self.raw.raw_grads[0])
        (bx0, bx1), (by0, by1) = self.clip_bounds
        reach = min(((bx1 if d[0] > 0 else bx0) - x0[0]) / d[0] if abs(d[0]) > 1e-9 else np.inf,
                    ((by1 if d[1] > 0 else by0) - x0[1]) / d[1] if abs(d[1]) > 1e-9 else np.inf)
        plain = Arrow(mini.c2p(*x0), mini.c2p(*(x0 + 0.98 * reach * d)), buff=0, color=RAW_COLOR, stroke_width=5,
                      max_tip_length_to_length_ratio=0.1).set_opacity(0.7)
        plain_word = text("plain", "body", color=RAW_COLOR).next_to(plain.point_from_proportion(0.7), DOWN, buff=0.3)
        clip_word = text("clipped", "body", color=CLIP_COLOR).next_to(mini.c2p(*self.clipped.positions[-1]), UP,
                                                                          buff=0.35)
        for word in (plain_word, clip_word):
            word.set_stroke(BACKGROUND, width=5, background=True)
        self.claim("the recap's plain step leaves the small map",
                   reach < float(np.linalg.norm(self.raw.positions[1] - x0)))
        # each answer under its evidence
        top = min(chart.get_bottom()[1], mini.get_bottom()[1]) - 0.1
        panels[0].move_to([chart.get_center()[0], top - panels[0].height / 2, 0])
        panels[1].move_to([mini.get_center()[0], top - panels[1].height / 2, 0])
        if min(p.get_bottom()[1] for p in panels) < cap_top + 0.08:
            raise ValueError(f"the recap runs into the caption: {min(p.get_bottom()[1] for p in panels):.2f}, "
                             f"caption top {cap_top:.2f}")
        if panels[0].get_right()[0] > panels[1].get_left()[0] - 0.1 or panels[1].get_right()[0] > SAFE_RIGHT + 0.05:
            raise ValueError("the recap's two answers overlap or leave the frame")
        schedules = VGroup(chart, *names.values())
        clipping = Group(mini, plain, clipped, plain_word, clip_word)
        with self.voiceover(text="Bouncing near the minimum? Use a schedule. Rare giant gradients? "
                                 "Clip them.") as tracker:
            self.play(*[FadeOut(m) for m in self.mobjects if m is not self.heading], run_time=0.5)
            self.set_heading("When to use which", run_time=0.4)
            self.play(FadeIn(panels[0]), FadeIn(schedules), run_time=0.6)
            self.until(tracker, 0.5)
            self.play(FadeIn(panels[1]), FadeIn(clipping), run_time=0.6)

    def caption(self) -> VGroup:
        cap = CornerCaption([("gd", {"lr": self.lr, "batch_size": self.batch_size})], landscape=self.ls,
                            seed=self.seed, font_size=30, colors={"gd": TEXT}, labels={"gd": "SGD"},
                            max_width=SAFE_RIGHT - SAFE_LEFT)
        clip = CornerCaption([("gd", {"lr": self.clip_lr, "clip_norm": self.clip_norm})], landscape=self.rosen,
                             font_size=30, colors={"gd": TEXT}, labels={"gd": "clipped GD"},
                             max_width=SAFE_RIGHT - SAFE_LEFT)
        cap = VGroup(cap, clip).arrange(DOWN, buff=0.08, aligned_edge=RIGHT)
        if cap.width > SAFE_RIGHT - SAFE_LEFT:
            raise ValueError(f"the caption is {cap.width:.2f} wide")
        return cap.move_to([SAFE_RIGHT - cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])
