"""Chapter 6: AdaGrad. A valley steep across (θ₂, slope 20 at the start) and gentle along (θ₁, slope −0.5);
AdaGrad gives each coordinate its own effective learning rate γ / (√G_t + ε), where G_t adds up that
coordinate's squared gradients. The first rates are 0.4 and 0.01, and times the slopes 0.5 and 20 both make
the same step, γ = 0.2 (the first step is −γ times each slope's sign, no longer along −∇f, seen in a
close-up). But G_t only grows: both rates fall (both on one log chart); θ₂ settles on the valley floor by
step 103 (|θ₂| < 0.05, the video's tolerance), not 36 at its first rate 0.01 held fixed: both |θ₂| curves
on a log chart in the rate chart's place, the band shaded, the two steps stamped where the curves enter it; its
huge first squares cut its rate to a third (0.01 → 0.0032, most of it in the first 20 steps). θ₁'s total keeps its big early squares: its rate falls (0.14 by step 10, 0.062 by step
150); G₁ is a stack of every step's square, one stripe per step. The cost: if G held only today's square the rate
would be γ / |g| = 1.4, 23 times AdaGrad's. Run that way from the same start with the same γ 0.2, the point is
near ★ (< 0.2) by step 25 (marked as it is said; the close-up of ★ comes in as the path gets there), but its
steps stay γ, so it hovers about γ away, 0.16 (a distance-to-★ chart, log scale; one hop's legs marked = γ in the
close-up); AdaGrad ends 1.39 away (shown). The shrinking rate is also AdaGrad's brake: with γ 0.5 it is inside
0.05 of ★ by step 132 and still closing (on top on the map, each end dot named with its γ and distance). Last, in the chart's place, the weight each square
gets over the stripe bar, one line per phrase: flat (AdaGrad's sum), one spike (today's square), a ramp rising to
today (a fading average, the next chapter), held to the end.
(No race against plain GD: at γ 0.2 AdaGrad is not tuned, and a tuned AdaGrad wins on this valley.)

Render: ``manim -ql scenes/ch06_adagrad_decay.py AdaGradDecay``
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UL,
    UR,
    BackgroundRectangle,
    Brace,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Group,
    LaggedStart,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    Arrow,
    DoubleArrow,
    DashedVMobject,
    VMobject,
    VGroup,
    ManimColor,
    interpolate_color,
)

import optim_core as oc
from optim_core.analysis import distance_to, settle_step
from scenes.kit import (
    BACKGROUND,
    CornerCaption,
    HERO,
    MUTED,
    PANEL,
    SIDE,
    SYMBOL_COLORS,
    TEXT,
    DrawSteps,
    LandscapeMap,
    LiveText,
    MapInset,
    N,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    distinct,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT
from scenes.kit.palette import GRADIENT_COLOR
from scenes.scene import ExplainerScene

__all__ = ["AdaGradDecay"]

#: the colours of quantities, the same in the rule, the tables and the chart
G_COLOR = SYMBOL_COLORS["G"]
STEP_COLOR = SYMBOL_COLORS["lr"]
SLOPE_COLOR = GRADIENT_COLOR
RUN_COLOR = optimizer_color("adagrad")
#: the ghost run (only today's square in G: RMSprop with α = 0), in RMSprop's colour
GHOST_COLOR = optimizer_color("rmsprop")
assert distinct([RUN_COLOR, GHOST_COLOR])
#: AdaGrad again with the larger γ: a hue of its own (light cyan), far from both runs it is shown with
BIG_COLOR = "#80DEEA"
assert distinct([RUN_COLOR, GHOST_COLOR, BIG_COLOR])
#: the fading average's weights (the next chapter), beside AdaGrad's and today's square's
RAMP_COLOR = TEXT
#: θ₂'s colour on the rate chart and in the table (θ₁ takes the rate colour): two clearly different hues
THETA2_COLOR = "#5DADE2"
assert distinct([STEP_COLOR, THETA2_COLOR]) and distinct([G_COLOR, THETA2_COLOR])


def fmt_total(v: float) -> str:
    """G as the voice says it: 0.25, 10.4, 400, 4016."""
    return f"{v:.0f}" if v >= 100 else f"{v:.3g}"


def fmt_step(v: float) -> str:
    """An effective learning rate as the voice says it: 0.4, 0.01, 0.062, 0.0032."""
    return f"{v:.2g}"


def sig2(v: float) -> str:
    """A large ratio to two significant figures, as the voice says it: 530, 210."""
    return f"{float(f'{v:.2g}'):.0f}"


def minus(s: str) -> str:
    return s.replace("-", "\u2212")


class LiveColumn(VGroup):
    """One live number per coordinate, following ``values[k - 1]`` at step ``k`` (``at_zero`` before the first
    step): a table column that draws in step with a path (``DrawSteps(column, end=k)``)."""

    def __init__(self, values, fmt, *, at_zero: str = "0", chars: int = 5, font_size: float = 30, color=TEXT,
                 buff: float = 0.55):
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.n_steps = len(self.values)
        self.fmt, self.at_zero = fmt, at_zero
        self.cells = [LiveText("8" * chars, font_size=font_size, color=color) for _ in range(self.values.shape[1])]
        for i, c in enumerate(self.cells):
            c.shift(DOWN * buff * i)
        self.add(*self.cells)
        self.progress = 0.0
        self.set_progress(0)

    def set_progress(self, s: float) -> "LiveColumn":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        k = int(math.floor(s + 1e-9))
        for j, cell in enumerate(self.cells):
            cell.set_text(self.at_zero if k == 0 else self.fmt(self.values[k - 1, j]))
        return self


class StepBars(VGroup):
    """Linear bars, one per coordinate, for the effective learning rate of step ``k`` (``values[k - 1]``),
    each beside its value. The track is ``v_max`` long (the largest rate of the run), so lengths compare
    honestly: a bar half as long is a rate half as large. Before the first step the bars are empty."""

    def __init__(self, values, *, v_max: float, length: float = 1.7, bar_height: float = 0.3, color=STEP_COLOR,
                 font_size: float = 30, buff: float = 0.55):
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.n_steps = len(self.values)
        self.v_max = float(v_max)
        self.tracks, self.bars = VGroup(), VGroup()
        self.numbers = LiveColumn(self.values, fmt_step, at_zero="", chars=6, font_size=font_size, buff=buff)
        for j in range(self.values.shape[1]):
            track = Rectangle(width=length, height=bar_height, stroke_color=MUTED, stroke_width=1.5,
                              stroke_opacity=0.7, fill_opacity=0)
            track.move_to(DOWN * buff * j, aligned_edge=LEFT)
            bar = Rectangle(width=length, height=bar_height, stroke_width=0, fill_color=color, fill_opacity=1.0)
            self.tracks.add(track)
            self.bars.add(bar)
        for cell, track in zip(self.numbers.cells, self.tracks):
            cell.next_to(track, RIGHT, buff=0.15)
            cell.shift(UP * (track.get_y() - cell.get_y()) + DOWN * 0.07)
        self.add(self.tracks, self.bars, self.numbers)
        self.progress = 0.0
        self.set_progress(0)

    def set_progress(self, s: float) -> "StepBars":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        k = int(math.floor(s + 1e-9))
        for j, (bar, track) in enumerate(zip(self.bars, self.tracks)):
            frac = 0.0 if k == 0 else float(np.clip(self.values[k - 1, j] / self.v_max, 0.0, 1.0))
            bar.stretch_to_fit_width(max(track.width * frac, 1e-3))
            bar.move_to(track.get_left(), aligned_edge=LEFT)
            bar.set_fill(opacity=1.0 if k > 0 else 0.0)
        self.numbers.set_progress(s)
        return self


class StepDots(VGroup):
    """A dot on the path every ``every`` steps, each appearing when the path gets there: their spacing
    is how far ``every`` steps carry the point."""

    def __init__(self, tpath: TrajectoryPath, every: int = 10, *, radius: float = 0.065, color=TEXT):
        super().__init__()
        self.n_steps = tpath.n_steps
        self.steps = list(range(every, self.n_steps + 1, every))
        for k in self.steps:
            self.add(Dot(tpath.point_at_step(k), radius=radius, color=color).set_stroke(BACKGROUND, width=2))
        self.progress = 0.0
        self.set_progress(0)

    def set_progress(self, s: float) -> "StepDots":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        for k, d in zip(self.steps, self.submobjects):
            on = 1.0 if k <= s + 1e-9 else 0.0
            d.set_fill(opacity=on).set_stroke(opacity=on)
        return self


class SquareStack(VGroup):
    """A coordinate's total G as a horizontal stack of its squares (``squares[k - 1]`` for step ``k``): one
    piece per step for the first ``single`` steps, then one per ``group`` steps, in alternating shades; the
    track is the final total long. Pieces appear when the path reaches their last step; none ever leaves."""

    def __init__(self, squares, *, length: float = 4.0, bar_height: float = 0.55, single: int = 10,
                 group: int = 10, color=G_COLOR, stroke_width: float = 1.0, split: int | None = None,
                 late_color=None):
        super().__init__()
        self.squares = np.asarray(squares, dtype=float)
        self.n_steps = len(self.squares)
        scale = length / float(self.squares.sum())
        self.track = Rectangle(width=length, height=bar_height, stroke_color=MUTED, stroke_width=1.5,
                               stroke_opacity=0.7, fill_opacity=0)
        dark = interpolate_color(ManimColor(color), ManimColor(BACKGROUND), 0.5)
        late = ManimColor(late_color) if late_color is not None else None
        late_dark = interpolate_color(late, ManimColor(BACKGROUND), 0.35) if late is not None else None
        #: the last step of each piece
        self.ends = list(range(1, single + 1)) + list(range(single + group, self.n_steps + 1, group))
        if self.ends[-1] != self.n_steps:
            self.ends.append(self.n_steps)
        self.pieces = VGroup()
        x, first = self.track.get_left()[0], 0
        for i, last in enumerate(self.ends):
            w = float(self.squares[first:last].sum()) * scale
            piece = Rectangle(width=max(w, 1e-3), height=bar_height, stroke_color=BACKGROUND,
                              stroke_width=stroke_width,
                              fill_color=(color if i % 2 == 0 else dark) if split is None or last <= split
                              else (late if i % 2 == 0 else late_dark), fill_opacity=1.0)
            piece.move_to([x + w / 2, 0, 0])
            self.pieces.add(piece)
            x, first = x + w, last
        self.add(self.track, self.pieces)
        self.progress = 0.0
        self.set_progress(0)

    def edge(self, k: int) -> np.ndarray:
        """The point on the stack's bottom edge after the first ``k`` steps (``k`` a piece's last step)."""
        return self.pieces[self.ends.index(k)].get_corner(DOWN + RIGHT) if k > 0 else \
            self.track.get_corner(DOWN + LEFT)

    def upto(self, k: int) -> VGroup:
        """The pieces of steps 1..k."""
        return VGroup(*[p for p, last in zip(self.pieces, self.ends) if last <= k])

    def set_progress(self, s: float) -> "SquareStack":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        k = int(math.floor(s + 1e-9))
        for last, piece in zip(self.ends, self.pieces):
            on = 1.0 if last <= k else 0.0
            piece.set_fill(opacity=on).set_stroke(opacity=on)
        return self


class RateChart(StepChart):
    """Each coordinate's effective learning rate against step, on a log axis with decimal ticks; the lines start
    at step 1 (there is no rate before the first step), θ₁ and θ₂ in two hues, each named (in TeX) at its moving
    end. The y range is kept as given (not widened to whole decades), so the lines fill the chart."""

    def __init__(self, eff, *, colors=(STEP_COLOR, THETA2_COLOR), labels=(N.theta1, N.theta2), y_range=None,
                 **kwargs):
        eff = np.asarray(eff, dtype=float)
        lo, hi = y_range if y_range is not None else (float(eff.min()), float(eff.max()))
        super().__init__(len(eff), log_y=True, y_range=(lo, hi), exact_range=True, **kwargs)
        padded = np.vstack([np.full((1, eff.shape[1]), np.nan), eff])   # step k shows eff[k - 1]
        self.names = VGroup()
        for j in range(eff.shape[1]):
            self.add_series(padded[:, j], colors[j], name=labels[j])
            self.names.add(tex(f"{labels[j]}", "label", color=colors[j]))
        self.add(self.names)
        self.set_progress(0)

    def set_progress(self, s: float) -> "RateChart":
        super().set_progress(s)
        if hasattr(self, "names"):
            for series, name in zip(self.series, self.names):
                name.next_to(series.head, RIGHT, buff=0.08)
                name.set_opacity(0.0 if s < 1 - 1e-9 else 1.0)
        return self


class AdaGradDecay(ExplainerScene):
    chapter = 6
    title = "AdaGrad and its decay"
    description = ("Each coordinate gets its own effective learning rate γ/(√G+ε), G the running sum of its squared "
                   "gradients: the first rates are as far apart as the slopes, so both coordinates move by γ; G "
                   "only grows and keeps the big early squares, so the gentle coordinate's rate keeps falling, "
                   "far below γ over today's slope; forgetting them instead keeps the steps from ever shrinking.")
    on_grammar = True

    landscape_name = "steep_flat"
    lr = 0.2
    steps = 150
    #: the part of the landscape shown (the run stays inside it)
    view = ((-5.5, 0.8), (-0.6, 2.25))
    #: the map's plot width (the map with its axes takes ~61 % of the frame's width)
    map_width = 7.7
    #: "on the valley floor": |θ₂| stays below this from that step on (optim_core.analysis.settle_step)
    floor_tol = 0.05
    #: where the drawing pauses for the voice: the early steps, then the crawl
    early = 50
    mid = 110
    #: a dot on the path every this many steps
    dot_every = 10
    #: the ghost run: G holding only today's square (RMSprop with α = 0, AdaGrad's γ), from AdaGrad's start;
    #: "near ★": its distance to ★ stays below this from some step on (optim_core.analysis.settle_step)
    ghost_tol = 0.2
    #: the step whose θ₁ rate the chart marks, to show how early the fall happens
    k_mark = 10
    #: "the squares of the first k_old steps" are this share of G₁ at the end
    k_old = 50
    #: the fair comparison: AdaGrad again with a larger γ, picked up front (a faint third run at the end)
    big_lr = 0.5
    #: the distance chart's floor (log axis): room under the γ-0.5 curve for its step mark
    dist_lo = 0.006
    #: the γ-0.5 run's ticks in the close-up of ★, every this many steps
    brake_every = 10

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.two_slopes, self.the_rule, self.first_step, self.both_shrink, self.theta1_crawls,
                        self.the_lesson)
        self.final_hold(self.caption(), seconds=1.6, replacing=self.closeup)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        self.goal = np.asarray(ls.minima[0], dtype=float)
        self.opt = oc.optimizer("adagrad", lr=self.lr)
        t = self.traj = oc.run(self.opt, ls, self.start, steps=self.steps)
        self.pos = np.asarray(t.positions, dtype=float)
        self.G = np.asarray(t.state["sum"], dtype=float)             # (T, 2): G after step t+1
        self.eff = np.asarray(t.effective_lr, dtype=float)           # (T, 2): γ / (√G + ε) of step t+1
        self.grads = np.asarray(t.grads, dtype=float)                # (T, 2): g of step t+1
        self.coef = np.diag(ls.hessian(np.zeros(2))) / 2             # f = a θ₁² + b θ₂²: (0.05, 5)
        self.g0 = ls.grad(self.start)                                # (-0.5, 20)
        self.slope_ratio = abs(self.g0[1] / self.g0[0])              # 40
        self.step1 = self.pos[1] - self.pos[0]                       # (+γ, -γ)
        self.eff_ratio = self.eff[0, 0] / self.eff[0, 1]             # 40
        self.k_floor = settle_step(np.abs(self.pos[:, 1]), 0.0, self.floor_tol)
        self.dist = distance_to(self.pos, self.goal)
        self.stride = np.abs(np.diff(self.pos[:, 0]))               # how far θ₁ moves on each step
        # the ghost: the same rule, but G holds only today's square (RMSprop with α = 0), same γ, same start
        self.ghost_opt = oc.optimizer("rmsprop", lr=self.lr, alpha=0.0)
        self.fg = oc.run(self.ghost_opt, ls, self.start, steps=self.steps)
        self.fg_pos = np.asarray(self.fg.positions, dtype=float)
        self.fg_dist = distance_to(self.fg_pos, self.goal)
        self.k_ghost = settle_step(self.fg_dist, 0.0, self.ghost_tol)
        # θ₁'s total as a stack of squares, and the share of its first k_old squares at the end
        self.sq1 = self.grads[:, 0] ** 2
        self.old_share = self.sq1[:self.k_old].sum() / self.G[-1, 0]
        # the rate if G held only today's square, γ / |g₁|, along AdaGrad's own path (at step 1 it is AdaGrad's)
        self.today = self.lr / np.abs(self.grads[:, 0])
        self.cost = self.today[-1] / self.eff[-1, 0]
        # the cost as amounts that add up: G₁ = first k_old squares + the rest, against today's square
        self.G_old, self.G_late = float(self.sq1[:self.k_old].sum()), float(self.sq1[self.k_old:].sum())
        self.x_G = self.G[-1, 0] / self.sq1[-1]                          # G₁ is this many times today's square
        #: a fading average would stay on today's scale: the mean of the last squares against today's square
        self.avg_late = self.G_late / (self.steps - self.k_old) / self.sq1[-1]
        # why θ₂ takes until k_floor: each step cuts θ₂ by rate × its curvature (f = a θ₁² + b θ₂², slope 2bθ₂),
        # a few percent; the cut per step from the run itself, and its geometric mean from k_mark to k_floor
        self.cut2 = 1 - self.pos[1:, 1] / self.pos[:-1, 1]                # step k+1 cuts θ₂ by cut2[k]
        km, kf = self.k_mark, self.k_floor
        self.cut2_mean = 1 - (self.pos[kf, 1] / self.pos[km, 1]) ** (1 / (kf - km))
        # the ghost's steps from step k_ghost on, per coordinate, and how close it ever gets to ★
        self.fg_stride = np.abs(np.diff(self.fg_pos, axis=0))
        self.fg_closest = float(self.fg_dist.min())
        #: where it hovers once its steps are all γ: its distances from then on, about this far from ★
        self.fg_late = self.fg_dist[self.k_ghost + 1:]
        self.fg_hover = float(np.mean(self.fg_late))
        # AdaGrad with the larger γ, same start: how close it ends
        self.big_opt = oc.optimizer("adagrad", lr=self.big_lr)
        self.big = oc.run(self.big_opt, ls, self.start, steps=self.steps)
        self.big_dist = distance_to(np.asarray(self.big.positions, dtype=float), self.goal)
        self.big_eff = np.asarray(self.big.effective_lr, dtype=float)
        #: where it gets inside the video's tolerance of ★ for good (it is still closing then)
        self.k_big = settle_step(self.big_dist, 0.0, self.floor_tol)
        #: its hops (the length of each step): they shrink as its rate does
        self.big_hop = np.linalg.norm(np.diff(np.asarray(self.big.positions, dtype=float), axis=0), axis=1)
        #: the next chapter's fading average: the weight of step k's square at the end, alpha^(T - k)
        self.fade_alpha = 0.99
        self.fade_w = self.fade_alpha ** (self.steps - np.arange(1, self.steps + 1))
        # θ₂'s cut at step k_floor (its rate then × its curvature)
        self.cut_floor = float(self.cut2[kf - 1])
        s1 = np.abs(self.step1)
        # the numbers the voice says, as it says them
        self.say = {
            "g1": f"{self.g0[0]:g}", "g2": f"{self.g0[1]:g}", "lr": f"{self.lr:g}",
            "e1": fmt_step(self.eff[0, 0]), "e2": fmt_step(self.eff[0, 1]), "ratio": f"{self.eff_ratio:.0f}",
            "s1": f"{s1[0]:.2g}", "s2": f"{s1[1]:.2g}", "a1": f"{abs(self.g0[0]):g}", "a2": f"{abs(self.g0[1]):g}",
            "e_end": fmt_step(self.eff[-1, 0]), "tol": f"{self.floor_tol:g}",
            "k_old": f"{self.k_old}", "old_share": f"{100 * self.old_share:.0f}",
            "e_mark": fmt_step(self.eff[self.k_mark - 1, 0]), "today": f"{self.today[-1]:.2g}",
            "cost": f"{self.cost:.0f}", "gtol": f"{self.ghost_tol:g}", "k_ghost": f"{self.k_ghost}",
            "ada_d": f"{self.dist[-1]:.2f}", "n_late": f"{self.steps - self.k_old}",
            "closest": f"{self.fg_closest:.2f}",
            "hover": f"{self.fg_hover:.2f}",
            "G_end": fmt_total(self.G[-1, 0]), "G_old": f"{self.G_old:.1f}", "G_late": f"{self.G_late:.1f}",
            "sq_end": f"{self.sq1[-1]:.3g}", "x_G": sig2(self.x_G), "cut2": f"{100 * self.cut_floor:.1f}",
            "e2_floor": fmt_step(self.eff[self.k_floor - 1, 1]),
            "big_lr": f"{self.big_lr:g}", "big_d": f"{self.big_dist[-1]:.2g}", "k_big": f"{self.k_big}",
            "big_hop": f"{self.big_hop[-1] / self.big_lr:.1g}",
            "d1": f"{abs(self.start[0] - self.goal[0]):g}", "d2": f"{abs(self.start[1] - self.goal[1]):g}",
        }

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=self.map_width, bounds=self.view, n_contours=10, n_ticks=4)
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UL)
        for m in self.lmap.minimum_markers:   # ★ three times larger: the goal is seen from the start
            m.scale(3.0)
        # θ₁ at the right end of the tick row, not under it: the row below the map is the chart's
        xl = self.lmap.x_label
        xl.next_to(self.lmap.x_ticks, RIGHT, buff=0.0).align_to(self.lmap.frame, RIGHT)
        xl.shift(UP * (self.lmap.x_ticks[-1][1].get_y() - xl.get_y()))
        fr = self.lmap.frame
        self.path = TrajectoryPath(self.traj, self.lmap, "adagrad", markers=False, stroke_width=4.5,
                                   dot_radius=0.11)
        self.dots = StepDots(self.path, self.dot_every)
        key = VGroup(Dot(radius=0.065, color=TEXT).set_stroke(BACKGROUND, width=2),
                     text(f"every {self.dot_every} steps", "label", color=TEXT)).arrange(RIGHT, buff=0.15)
        self.dots_key = VGroup(BackgroundRectangle(key, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.08),
                               key)
        self.dots_key.move_to(fr.get_corner(UR) + 0.12 * (DOWN + LEFT), aligned_edge=UR)
        # how far θ₁ moves on each step, live, at the bottom left of the map (below the floor: no run goes there)
        self.stride_col = LiveColumn(self.stride[:, None], fmt_step, at_zero="", chars=6, font_size=30)
        row = VGroup(tex(f"{N.theta1}", "label"), text("step:", "label"), self.stride_col)
        row.arrange(RIGHT, buff=0.14)
        self.stride_row = VGroup(BackgroundRectangle(row, color=PANEL, fill_opacity=0.9, buff=0.06,
                                                     corner_radius=0.08), row)
        self.stride_row.move_to(fr.get_corner(DOWN + LEFT) + 0.06 * (UP + RIGHT), aligned_edge=DOWN + LEFT)
        assert self.stride_row.get_top()[1] < self.lmap.c2p(0, -self.floor_tol)[1] + 0.05, self.stride_row.get_top()
        self.start_ring = Dot(self.lmap.c2p(*self.start), radius=0.17, fill_opacity=0.0).set_stroke(TEXT, width=4)
        self.arrow = ParamArrow.gradient(self.lmap, self.start, scale=0.05, label=r"-\nabla f", label_side=RIGHT)
        # "each coordinate's own rate": one arrow per coordinate at the start, in the colours of the table's rows
        p0 = self.lmap.c2p(*self.start)
        arr1 = Arrow(p0 + RIGHT * 0.12, p0 + RIGHT * 1.15, buff=0, stroke_width=7, color=STEP_COLOR,
                     max_tip_length_to_length_ratio=0.3)
        arr2 = Arrow(p0 + DOWN * 0.12, p0 + DOWN * 1.15, buff=0, stroke_width=7, color=THETA2_COLOR,
                     max_tip_length_to_length_ratio=0.3)
        lab1 = text("\u03b8\u2081: own rate", "label", color=STEP_COLOR).next_to(arr1, RIGHT, buff=0.1)
        lab2 = text("\u03b8\u2082: own rate", "label", color=THETA2_COLOR).next_to(arr2, RIGHT, buff=0.1)
        lab2.align_to(arr2, DOWN)
        # on panels: the map is bright up here
        lab1, lab2 = [VGroup(BackgroundRectangle(lab_, color=PANEL, fill_opacity=0.9, buff=0.07, corner_radius=0.06),
                             lab_) for lab_ in (lab1, lab2)]
        self.coord_arrows = VGroup(arr1, arr2, lab1, lab2)
        assert lab1.get_right()[0] < fr.get_right()[0] - 0.1 and lab1.get_top()[1] < fr.get_top()[1], lab1.get_top()
        self.build_rules()
        self.build_formula()
        self.build_table()
        self.build_inset()
        self.build_products()
        self.build_chart()
        self.build_ghosts()
        self.build_stack()
        self.build_end()
        self.build_weights()

    def build_stack(self):
        """Beats 5 and 6, on the side in the table's place (the table leaves as it comes in), as wide as the side:
        θ₁'s total G (live) as a tall strip of its squares, one stripe per step, each as wide as that step's
        square; the first k_old stripes and the rest braced above it, with their sums, as the strip grows."""
        s = self.say
        left = SIDE.left + 0.05
        self.stack = SquareStack(self.sq1, length=SAFE_RIGHT - 0.1 - left, bar_height=0.95, single=self.steps,
                                 stroke_width=0.0, split=self.k_old,
                                 late_color=interpolate_color(ManimColor(G_COLOR), ManimColor(TEXT), 0.6))
        self.G1_live = LiveColumn(self.G[:, :1], fmt_total, at_zero="0", chars=4, font_size=36, color=G_COLOR)
        title = VGroup(tex(f"{N.sum_sq}", "label", color=G_COLOR), text("of", "body", color=MUTED),
                       tex(f"{N.theta1}", "label"), text("=", "body", color=G_COLOR), self.G1_live)
        title.arrange(RIGHT, buff=0.14)
        for m in (title[1], title[3]):
            m.align_to(title[0][0][0], DOWN)
        self.G1_live.align_to(title[0][0][0], DOWN).shift(DOWN * 0.02)
        self.stack_title = title
        title.move_to([left, SIDE.top - 0.05, 0], aligned_edge=UL)
        self.stack.move_to([left, title.get_bottom()[1] - 1.65, 0], aligned_edge=UL)
        per = VGroup(text("each stripe: one g\u00b2", "label", color=MUTED),
                     text("(width = its size)", "label", color=MUTED)).arrange(DOWN, buff=0.04, aligned_edge=LEFT)
        per.next_to(self.stack, DOWN, buff=0.08).align_to(self.stack, LEFT)
        self.stack_group = VGroup(title, self.stack, per)
        # the first k_old squares, braced, with their sum; the rest braced too, labelled one row higher on a stem
        k = self.k_old
        top = self.stack.track.get_top()[1]
        x0, xk, x1 = self.stack.edge(0)[0], self.stack.edge(k)[0], self.stack.edge(self.steps)[0]
        old_brace = Brace(Line([x0, top, 0], [xk, top, 0]), UP, buff=0.06, color=G_COLOR)
        # both labels on one row, each over its own brace: the step count above, the sum under it
        late_brace = Brace(Line([xk, top, 0], [x1, top, 0]), UP, buff=0.06, color=G_COLOR)
        old_lab = VGroup(text(f"first {s['k_old']}", "label", color=G_COLOR),
                         text(s["G_old"], "body", color=G_COLOR)).arrange(DOWN, buff=0.06)
        late_lab = VGroup(text(f"last {s['n_late']}", "label", color=G_COLOR),
                          text(s["G_late"], "body", color=G_COLOR)).arrange(DOWN, buff=0.06)
        old_lab.next_to(old_brace, UP, buff=0.06)
        late_lab.next_to(late_brace, UP, buff=0.06)
        late_lab.align_to(old_lab, DOWN)
        if late_lab.get_right()[0] > SAFE_RIGHT:
            late_lab.shift(LEFT * (late_lab.get_right()[0] - SAFE_RIGHT))
        assert late_lab.get_left()[0] > old_lab.get_right()[0] + 0.1, (late_lab.get_left()[0], old_lab.get_right()[0])
        assert old_lab.get_top()[1] < title.get_bottom()[1] - 0.05, (old_lab.get_top()[1], title.get_bottom()[1])
        self.late_split = VGroup(late_brace, late_lab)
        self.old_split = VGroup(old_brace, old_lab)
        assert self.stack_group.get_left()[0] > self.lmap.frame.get_right()[0] + 0.05, self.stack_group.get_left()[0]
        assert max(old_lab.get_right()[0], late_lab.get_right()[0], per.get_right()[0]) < SAFE_RIGHT + 0.05, \
            (old_lab.get_right()[0], late_lab.get_right()[0], per.get_right()[0], self.stack.get_right()[0])
        # clear of the chart's frame (its caption is at its left, under the map)
        assert per.get_bottom()[1] > self.chart.frame.get_top()[1] + 0.05, \
            (per.get_bottom()[1], self.chart.frame.get_top()[1])

    def build_ghosts(self):
        """The last beat: the same rule with only today's square in G (RMSprop, α = 0), from AdaGrad's start,
        named on the map; in the rate chart's slot, both runs' distance to ★ against step (log axis), each
        curve named at its end with its last distance. Also the cost's split, written out on the map."""
        s = self.say
        self.ghost = TrajectoryPath(self.fg, self.lmap, "rmsprop", color=GHOST_COLOR, markers=False,
                                    stroke_width=4.5, dot_radius=0.11)
        # ★ drawn again on top of the ghost's zigzag
        self.star_top = self.lmap.minimum_markers.copy()
        name = VGroup(tex(f"{N.sum_sq} = {N.grad}^2", "label", color=GHOST_COLOR),
                      text("only", "label", color=GHOST_COLOR)).arrange(RIGHT, buff=0.14)
        name[1].align_to(name[0], DOWN)
        self.ghost_name = VGroup(BackgroundRectangle(name, color=PANEL, fill_opacity=0.9, buff=0.1,
                                                     corner_radius=0.06), name)
        # below the floor, left, where no run goes
        self.ghost_name.move_to(self.lmap.c2p(self.view[0][0] + 0.08, self.view[1][0] + 0.06),
                                aligned_edge=DOWN + LEFT)
        assert self.ghost_name.get_top()[1] < self.lmap.c2p(0, 0.1)[1], self.ghost_name.get_top()[1]
        assert self.ghost_name.get_right()[0] < self.lmap.c2p(self.fg_pos[10, 0] - 0.1, 0)[0], \
            (self.ghost_name.get_right()[0], self.fg_pos[10])
        # the distance chart, on the rate chart's frame
        rc = self.chart.frame
        dc = self.dist_chart = StepChart(self.steps, log_y=True, exact_range=True, y_range=(self.dist_lo, 20.0), width=rc.width,
                                         height=rc.height, x_label="", y_label="", n_x_ticks=7, font_size=30)
        dc.shift(rc.get_center() - dc.frame.get_center())
        dc.add_series(self.dist, RUN_COLOR, name="adagrad")
        dc.add_series(self.fg_dist, GHOST_COLOR, name="rmsprop")
        # AdaGrad with the larger γ, in a hue of its own
        self.big_series = dc.add_series(self.big_dist, BIG_COLOR, name="adagrad_big")
        dc.series.remove(self.big_series)
        dc.remove(self.big_series)
        dc.set_progress(0)
        cap = VGroup()   # the chart's name, placed below (once the curves' names are)
        step_cap = text("step", "small", color=MUTED)
        last = max((m for m in dc.ticks if isinstance(m, Text)), key=lambda m: m.get_x())
        step_cap.next_to(last, RIGHT, buff=0.3).match_y(last)
        self.dist_group = VGroup(dc, cap, step_cap)
        # each curve named above itself, and its last distance at its end
        k_g = int(0.5 * self.steps)
        ada_name = text(f"AdaGrad, \u03b3 = {s['lr']}", "label", color=RUN_COLOR)
        # its name with its γ, ending just before the curve's end (the end value is right of it), above the curve
        ada_name.move_to(dc.c2p(self.steps - 3, self.dist[-1]), aligned_edge=DOWN + RIGHT)
        a0 = int(math.floor((ada_name.get_left()[0] - dc.frame.get_left()[0]) / dc.frame.width * self.steps))
        ada_name.shift(UP * (max(dc.c2p(k, self.dist[k])[1] for k in range(a0, self.steps + 1)) + 0.1
                             - ada_name.get_bottom()[1]))
        # the caption above AdaGrad's curve, left of its name, if it fits (clear of the step-k_ghost mark below)
        # the chart's name large, above its right end in the side's free space under the close-up of ★
        up = text("distance to \u2605", "body", color=TEXT).set_stroke(BACKGROUND, width=5, background=True)
        up.move_to([SAFE_RIGHT - 0.05, dc.frame.get_top()[1] + 0.08, 0], aligned_edge=DOWN + RIGHT)
        assert up.get_left()[0] > self.lmap.frame.get_right()[0] + 0.3, up.get_left()
        assert up.get_bottom()[1] > ada_name.get_top()[1] + 0.02 or up.get_right()[0] < ada_name.get_left()[0]
        cap.become(up)
        gh_name = text(f"today's g\u00b2, \u03b3 = {s['lr']}", "label", color=GHOST_COLOR)
        gh_name.next_to(dc.c2p(k_g, self.fg_dist[k_g]), UP, buff=0.07)   # placed for good below
        self.ada_end = self.slim(self.stamp(s["ada_d"], color=RUN_COLOR, size="label"))
        self.ada_end.next_to(dc.c2p(self.steps, self.dist[-1]), RIGHT, buff=0.12)
        self.gh_end = self.slim(self.stamp(s["hover"], color=GHOST_COLOR, size="label"))
        self.gh_end.next_to(dc.c2p(self.steps, self.fg_dist[-1]), RIGHT, buff=0.12)
        self.dist_names = VGroup(ada_name, gh_name)
        # the larger-γ run: its path on the map, named beside it; on the chart named under the ghost's line, left
        # of where it comes down, and its last distance at its end
        self.big_path = TrajectoryPath(self.big, self.lmap, "adagrad", color=BIG_COLOR, markers=False,
                                       stroke_width=4.5, dot_radius=0.12)
        # drawn wide under AdaGrad's path (the two share a road up to where AdaGrad stops)
        big_name = text(f"AdaGrad, γ = {s['big_lr']}", "label", color=BIG_COLOR)
        kb = int(0.6 * self.steps)
        big_name.move_to([dc.c2p(kb, 1.0)[0], dc.frame.get_bottom()[1] + 0.06, 0], aligned_edge=DOWN + RIGHT)
        assert big_name.get_top()[1] < dc.c2p(kb, self.fg_dist[kb])[1] - 0.05, big_name.get_top()[1]
        assert big_name.get_left()[0] > dc.c2p(self.k_ghost + 3, 1.0)[0], big_name.get_left()[0]
        self.big_end = self.slim(self.stamp(s["big_d"], color=BIG_COLOR, size="label"))
        self.big_end.next_to(dc.c2p(self.steps, self.big_dist[-1]), RIGHT, buff=0.12)
        # the three end values apart (the ends are close on the log axis): the outer two nudged off the middle one
        gap = 0.04
        if self.ada_end.get_bottom()[1] < self.gh_end.get_top()[1] + gap:
            self.ada_end.shift(UP * (self.gh_end.get_top()[1] + gap - self.ada_end.get_bottom()[1]))
        if self.big_end.get_top()[1] > self.gh_end.get_bottom()[1] - gap:
            self.big_end.shift(DOWN * (self.big_end.get_top()[1] - self.gh_end.get_bottom()[1] + gap))
        assert self.big_end.get_bottom()[1] > step_cap.get_top()[1] + 0.02 or \
            self.big_end.get_left()[0] > step_cap.get_right()[0] + 0.05, (self.big_end.get_bottom(), step_cap.get_top())
        # on the map, each AdaGrad run's end dot named with its γ and its last distance to ★: γ 0.2's above its
        # end on a stem, γ 0.5's above ★ on a stem (left of the close-up's connector)
        star = self.lmap.minimum_markers
        a_end = self.lmap.c2p(*self.pos[-1])
        ada_tag = self.stamp(f"\u03b3 {s['lr']}: {s['ada_d']}", color=RUN_COLOR, size="body")
        ada_tag.move_to(a_end + UP * 0.62 + LEFT * 0.2)
        t0, t1 = ada_tag.get_left()[0], ada_tag.get_right()[0]
        over = [self.lmap.c2p(*q)[1] for q in self.pos if t0 - 0.05 <= self.lmap.c2p(*q)[0] <= t1 + 0.05]
        ada_tag.shift(UP * max(0.0, max(over) + 0.1 - ada_tag.get_bottom()[1]))
        ada_stem = Line(a_end + UP * 0.12, ada_tag.get_bottom(), stroke_color=RUN_COLOR, stroke_width=3)
        b_end = self.lmap.c2p(*np.asarray(self.big.positions)[-1])
        big_tag = self.stamp(f"\u03b3 {s['big_lr']}: {s['big_d']}", color=BIG_COLOR, size="body")
        big_tag.move_to([star.get_right()[0] + 0.1, ada_tag.get_top()[1] + 0.12, 0], aligned_edge=DOWN + RIGHT)
        big_stem = Line(b_end + UP * 0.14, big_tag.get_bottom() + RIGHT * (b_end[0] - big_tag.get_x()),
                        stroke_color=BIG_COLOR, stroke_width=3)
        assert big_tag.get_top()[1] < self.lmap.frame.get_top()[1] - 0.05, big_tag.get_top()
        assert ada_tag.get_right()[0] < b_end[0] - 0.1, (ada_tag.get_right(), b_end)
        # clear of AdaGrad's path (the γ-0.2 one: the γ-0.5 one runs the same road) where the tags are
        for tag in (ada_tag, big_tag):
            t0, t1 = tag.get_left()[0], tag.get_right()[0]
            over = [self.lmap.c2p(*q)[1] for q in self.pos if t0 - 0.05 <= self.lmap.c2p(*q)[0] <= t1 + 0.05]
            assert not over or tag.get_bottom()[1] > max(over) + 0.08, (tag.get_bottom(), max(over))
        self.ada_tag = VGroup(ada_stem, ada_tag)
        self.big_lr_tag = VGroup(big_stem, big_tag)
        # on the chart: the band inside the video's tolerance (as for θ₂), and the step the γ-0.5 run enters it
        lo_pt, hi_pt = dc.c2p(0, self.dist_lo), dc.c2p(self.steps, self.floor_tol)
        self.big_band = Rectangle(width=hi_pt[0] - lo_pt[0], height=hi_pt[1] - lo_pt[1], stroke_width=0,
                                  fill_color=TEXT, fill_opacity=0.14).move_to((lo_pt + hi_pt) / 2)
        kk = self.k_big
        k_dot = Dot(dc.c2p(kk, self.big_dist[kk]), radius=0.08, color=BIG_COLOR).set_stroke(BACKGROUND, width=2)
        k_lab = text(f"step {s['k_big']}", "label", color=BIG_COLOR)
        k_lab.move_to([k_dot.get_left()[0] - 0.08, dc.frame.get_bottom()[1] + 0.05, 0], aligned_edge=DOWN + RIGHT)
        k_lab.set_stroke(BACKGROUND, width=5, background=True)
        l0, l1 = [int(math.floor((x - dc.frame.get_left()[0]) / dc.frame.width * self.steps))
                  for x in (k_lab.get_left()[0], k_lab.get_right()[0])]
        assert k_lab.get_top()[1] < min(dc.c2p(k, self.big_dist[k])[1] for k in range(l0, l1 + 2)) - 0.03, \
            (k_lab.get_top(), l0, l1)
        assert k_lab.get_left()[0] > big_name.get_right()[0] + 0.1, (k_lab.get_left(), big_name.get_right(), big_name.get_left(), dc.c2p(kb, 1.0), dc.c2p(self.steps, 1.0), dc.frame.get_left())
        # the band's name at its left end, under the curves' start
        band_lab = text(f"< {s['tol']}", "label", color=TEXT).set_stroke(BACKGROUND, width=5, background=True)
        band_lab.move_to([dc.frame.get_left()[0] + 0.12, dc.frame.get_bottom()[1] + 0.05, 0],
                         aligned_edge=DOWN + LEFT)
        assert band_lab.get_right()[0] < big_name.get_left()[0] - 0.1, band_lab.get_right()
        self.big_band = VGroup(self.big_band, band_lab)
        self.big_k_mark = VGroup(k_dot, k_lab)
        self.big_marks = VGroup(big_name, self.big_end)
        # where it gets near ★ (its distance stays under ghost_tol from then on)
        kg = self.k_ghost
        self.gh_mark = VGroup(Dot(dc.c2p(kg, self.fg_dist[kg]), radius=0.08, color=GHOST_COLOR).set_stroke(
            BACKGROUND, width=2))
        # its label left of the dot, under the ghost's fall (clear of the caption and the curve names), if it fits
        lab = text(f"step {s['k_ghost']}: < {s['gtol']}", "label", color=GHOST_COLOR)
        lab.next_to(self.gh_mark[0], LEFT, buff=0.1).shift(UP * 0.04)
        ka, kb = [int(math.floor((x - dc.frame.get_left()[0]) / dc.frame.width * self.steps))
                  for x in (lab.get_left()[0], lab.get_right()[0])]
        if not (lab.get_left()[0] > dc.frame.get_left()[0] + 0.08 and lab.get_top()[1] < min(
                dc.c2p(k, self.fg_dist[k])[1] for k in range(max(ka, 0), kb + 2)) - 0.06):
            lab.next_to(self.gh_mark[0], UR, buff=0.06)
        self.gh_mark.add(lab.set_stroke(BACKGROUND, width=5, background=True))
        # the ghost's name (with its γ) above its flat line at the right, where the γ-0.5 curve is below it
        # already, under AdaGrad's curve
        gh_name = self.dist_names[1]
        gh_name.move_to([dc.c2p(self.steps - 3, 1.0)[0], dc.c2p(self.steps, self.fg_dist[-1])[1] + 0.07, 0],
                        aligned_edge=DOWN + RIGHT)
        g0, g1 = [int(math.floor((x - dc.frame.get_left()[0]) / dc.frame.width * self.steps))
                  for x in (gh_name.get_left()[0], gh_name.get_right()[0])]
        assert gh_name.get_bottom()[1] > max(dc.c2p(k, self.fg_dist[k])[1] for k in range(g0, g1 + 2)) + 0.03, \
            (gh_name.get_bottom()[1], g0, g1)
        assert gh_name.get_top()[1] < min(dc.c2p(k, self.dist[k])[1] for k in range(g0, g1 + 2)) - 0.03, \
            (gh_name.get_top()[1], g0, g1)
        assert gh_name.get_right()[0] < self.dist_names[0].get_left()[0] or \
            gh_name.get_top()[1] < self.dist_names[0].get_bottom()[1], gh_name.get_right()
        assert gh_name.get_bottom()[1] > max(dc.c2p(k, self.big_dist[k])[1] for k in range(g0, g1 + 2)) + 0.03, \
            (gh_name.get_bottom()[1], g0, g1)
        cap = self.dist_group[1]
        assert gh_name.get_top()[1] < cap.get_bottom()[1] - 0.03 or gh_name.get_left()[0] > cap.get_right()[0] + 0.1, \
            (gh_name.get_left(), gh_name.get_top(), cap.get_right(), cap.get_bottom())

    def build_rules(self):
        """Under the map: the two lines of the rule side by side, and what g_t and ε are."""
        lr, G, g, th, eps = N.lr, N.sum_sq, N.grad, N.params, N.eps
        self.rule_G = MathTex(G, " = ", "G_{t-1}", " + ", "g_t^2", font_size=46)
        self.rule_G[0].set_color(G_COLOR)
        self.rule_G[2].set_color(G_COLOR)
        self.rule_G[4].set_color(SLOPE_COLOR)
        self.rule_th = MathTex(rf"{th}_t = {th}_{{t-1}}", "-", rf"\frac{{{lr}}}{{\sqrt{{{G}}} + {eps}}}", rf"\,{g}",
                               font_size=46)
        self.rule_th[2].set_color(STEP_COLOR)
        self.rule_th[3].set_color(SLOPE_COLOR)
        # what g_t and ε are, each beside the line that brings it in
        note_g = VGroup(MathTex(rf"{g} = \nabla f({th}_{{t-1}})", font_size=46), text("per coordinate", "small"))
        note_e = VGroup(MathTex(eps, font_size=46), text("avoids \u00f7 0", "small"))
        for nt in (note_g, note_e):
            nt.arrange(RIGHT, buff=0.14)
            nt[1].align_to(nt[0], DOWN).shift(UP * 0.04)
            nt.set_color(MUTED)
        self.note = VGroup(note_g, note_e)
        zone_top = VGroup(self.lmap.x_ticks, self.lmap.x_label).get_bottom()[1] - 0.06
        self.rule_th.next_to(self.rule_G, DOWN, buff=0.15).align_to(self.rule_G, LEFT)
        note_g.next_to(self.rule_G, RIGHT, buff=0.35)
        note_g.shift(UP * (self.rule_G[0].get_bottom()[1] - note_g[0].get_bottom()[1]))
        note_e.next_to(self.rule_th, RIGHT, buff=0.35)
        self.rules = VGroup(self.rule_G, self.rule_th, self.note)
        self.rules.move_to([HERO.left + 0.1, (zone_top + SAFE_BOTTOM) / 2, 0], aligned_edge=LEFT)
        self.rule_zone = (zone_top, SAFE_BOTTOM)
        # while the rule is told: the same lines, larger, down the side column (the table comes in with step 1,
        # when they move under the map); θ's line in two rows there, each note under its line
        side_G, side_th, side_note = self.rule_G.copy(), self.rule_th.copy(), self.note.copy()
        VGroup(*side_th[1:]).next_to(side_th[0], DOWN, buff=0.22).align_to(side_th[0], LEFT).shift(RIGHT * 0.45)
        side_note[0].arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        # the running total written out, a term at a time as the voice says it: every square so far
        tally = MathTex("=", "g_1^2", r"+\cdots", "+", "g_t^2", font_size=46)
        for part in (tally[1], tally[4]):
            part.set_color(SLOPE_COLOR)
        column = VGroup(side_G, tally, side_note[0], side_th, side_note[1]).arrange(DOWN, buff=0.32,
                                                                                   aligned_edge=LEFT)
        tally.shift(UP * 0.12)
        side_note[0].shift(UP * 0.12)
        side_note[1].shift(UP * 0.12)
        column.scale(min(1.5, (SIDE.width - 0.15) / VGroup(side_G, side_note[0], side_th, side_note[1]).width))
        self.tally = tally
        column.move_to([SIDE.left + 0.05, SIDE.top - 0.1, 0], aligned_edge=UL)
        assert column.get_bottom()[1] > SAFE_BOTTOM, column.get_bottom()[1]
        assert tally.get_right()[0] < SAFE_RIGHT, tally.get_right()[0]
        self.side_rules = VGroup(side_G, side_th, side_note)

    def build_formula(self):
        """Beat 1: the loss under the map (a gentle term and a steep one, named under them) and, on the side,
        the slopes at the start."""
        a, b = self.coef
        th = N.params
        self.formula = MathTex(rf"{N.loss}({th}) = ", rf"{a:g}\,{N.theta1}^2", r"\ +\ ", rf"{b:g}\,{N.theta2}^2",
                               font_size=48)
        tags = VGroup(text("gentle", "label", color=MUTED).next_to(self.formula[1], DOWN, buff=0.2),
                      text("steep", "label", color=MUTED).next_to(self.formula[3], DOWN, buff=0.2))
        tags[1].align_to(tags[0], UP)
        self.formula = VGroup(self.formula, tags)
        zone_top, zone_bottom = self.rule_zone
        self.formula.move_to([HERO.left + 0.1, (zone_top + zone_bottom) / 2 + 0.2, 0], aligned_edge=LEFT)
        self.slopes_head = text("slopes at the start", "label", color=MUTED)
        self.slopes = VGroup(
            MathTex(rf"\frac{{\partial f}}{{\partial {N.theta1}}} = {self.say['g1'].replace('-', '{-}')}",
                    font_size=48, color=SLOPE_COLOR),
            MathTex(rf"\frac{{\partial f}}{{\partial {N.theta2}}} = {self.say['g2']}", font_size=48,
                    color=SLOPE_COLOR),
        ).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        side = VGroup(self.slopes_head, self.slopes).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        side.move_to([SIDE.left + 0.05, SIDE.top - 0.3, 0], aligned_edge=UL)

    def build_table(self):
        """The side, top: per coordinate, the running total G and the effective learning rate (bars)."""
        names = VGroup(tex(f"{N.theta1}", "label", color=STEP_COLOR),
                       tex(f"{N.theta2}", "label", color=THETA2_COLOR)).arrange(DOWN, buff=0.25)
        gap = names[0].get_y() - names[1].get_y()
        self.G_col = LiveColumn(self.G, fmt_total, at_zero="0", chars=4, buff=gap, font_size=28)
        self.G_col.next_to(names, RIGHT, buff=0.18)
        for cell, name in zip(self.G_col.cells, names):
            cell.match_y(name[0][0])
        self.step_bars = StepBars(self.eff, v_max=float(self.eff.max()), length=0.75, buff=gap, font_size=28)
        self.step_bars.next_to(self.G_col, RIGHT, buff=0.16)
        self.step_bars.shift(UP * (names[0].get_y() - self.step_bars.tracks[0].get_y()))
        self.G_head = MathTex(N.sum_sq, font_size=46, color=G_COLOR)
        self.G_head.next_to(self.G_col, UP, buff=0.25).align_to(self.G_col, LEFT)
        self.rate_head = MathTex(rf"\frac{{{N.lr}}}{{\sqrt{{{N.sum_sq}}} + {N.eps}}}", font_size=46, color=STEP_COLOR)
        self.rate_head.next_to(self.step_bars.tracks, UP, buff=0.18).align_to(self.step_bars.tracks, LEFT)
        self.G_head.align_to(self.rate_head, DOWN)
        # γ is named with the rates it makes: the viewer can check 0.4 and 0.01 against it
        self.rate_label = text(f"effective rate, \u03b3 = {self.lr:g}", "small", color=STEP_COLOR)
        self.rate_label.next_to(VGroup(names, self.step_bars), DOWN, buff=0.22).align_to(names, LEFT)
        self.step_names = names
        self.table = VGroup(self.G_head, self.rate_head, names, self.G_col, self.step_bars, self.rate_label)
        self.table.move_to([SIDE.left - 0.05, SIDE.top - 0.05, 0], aligned_edge=UL)
        self.claim("the rate table stays inside the frame", self.table.get_right()[0] < SAFE_RIGHT + 0.2,
                   str(self.table.get_right()[0]))

    def build_inset(self):
        """Beat 3: a close-up of the start: -∇f points almost straight down, the step goes at 45°."""
        p0, p1 = self.pos[0], self.pos[1]
        centre = ((p0[0] + p1[0]) / 2 - 0.02, p0[1] - 0.14)
        self.inset = MapInset(self.lmap, center=centre, half_width=0.3, half_height=0.26, width=3.8)
        fr = self.lmap.frame
        # low on the map, right of the box it magnifies and left of ★ (the goal stays in view)
        self.inset.move_map_to([self.inset.outline.get_right()[0] + 0.35, fr.get_bottom()[1] + 0.08, 0],
                               aligned_edge=DOWN + LEFT)
        star_x = self.lmap.c2p(*self.goal)[0]
        assert self.inset.map.frame.get_right()[0] < star_x - 0.5, (self.inset.map.frame.get_right()[0], star_x)
        assert self.inset.map.frame.get_top()[1] < fr.get_top()[1] + 0.02, self.inset.map.frame.get_top()[1]
        m = self.inset.map
        self.inset_path = self.inset.path(self.traj, "adagrad", markers=False, stroke_width=7, dot_radius=0.13)
        self.inset_ring = Dot(m.c2p(*p0), radius=0.2, fill_opacity=0.0).set_stroke(TEXT, width=4)
        g = np.linalg.norm(self.g0)
        self.inset_arrow = ParamArrow.gradient(m, p0, scale=0.28 / g, label=r"-\nabla f", label_side=LEFT,
                                               stroke_width=7)
        corner = np.array([p1[0], p0[1]])
        self.legs = VGroup(DashedLine(m.c2p(*p0), m.c2p(*corner), stroke_color=TEXT, stroke_width=4),
                           DashedLine(m.c2p(*corner), m.c2p(*p1), stroke_color=TEXT, stroke_width=4))
        d = self.step1
        self.leg_labels = VGroup(
            text(f"+{abs(d[0]):.2g}", "label").next_to(self.legs[0], UP, buff=0.12),
            text(minus(f"{d[1]:.2g}"), "label").next_to(self.legs[1], RIGHT, buff=0.15))
        for lab in self.leg_labels:
            lab.set_stroke(BACKGROUND, width=5, background=True)
        self.zoom_tag = text(f"close-up \u00d7{self.inset.zoom:.0f}", "label", color=MUTED)
        self.zoom_tag.move_to(m.frame.get_corner(DOWN + LEFT) + 0.12 * (UP + RIGHT), aligned_edge=DOWN + LEFT)
        self.zoom_tag.set_stroke(BACKGROUND, width=5, background=True)

    def build_products(self):
        """Beat 3, on the side under the table: rate × |slope| = step, per coordinate, and the step Δθ."""
        s = self.say
        head = text("rate \u00d7 |slope| = step", "label", color=MUTED)
        rows = VGroup()
        for j, (e, a, st) in enumerate(((s["e1"], s["a1"], s["s1"]), (s["e2"], s["a2"], s["s2"]))):
            prod = MathTex(e, r"\times", a, "=", st, font_size=46)
            prod[0].set_color(STEP_COLOR)
            prod[2].set_color(SLOPE_COLOR)
            name = tex(f"{(N.theta1, N.theta2)[j]}", "label")
            rows.add(VGroup(name, prod).arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        for row in rows:
            row[1].align_to(rows[0][1], LEFT)
        d = self.step1
        self.delta = MathTex(rf"\Delta{N.params} = ({f'{d[0]:+.2g}'.replace('-', '{-}')},\ {f'{d[1]:+.2g}'.replace('-', '{-}')})",
                             font_size=46)
        self.sign_note = text("= \u2212\u03b3 \u00d7 sign(slope)", "label", color=MUTED)
        self.products = VGroup(head, rows, self.delta, self.sign_note).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        self.sign_note.shift(UP * 0.12)
        self.products.next_to(self.table, DOWN, buff=0.45).align_to(self.table, LEFT)
        self.prod_head, self.prod_rows = head, rows

    def build_chart(self):
        """The rate chart, wide, in the rule's slot under the map (the rule is gone by then) and across the side:
        its y axis reaches up to the rate today's slope alone would give (the last beat)."""
        zone_top, zone_bottom = self.rule_zone
        left, right = HERO.left + 0.95, SAFE_RIGHT - 1.75
        top, bottom = zone_top - 0.05, zone_bottom + 0.4
        # room under the lowest rate (θ₂'s name clear of the step axis); up to 2, above γ ÷ |today's slope|
        lo, hi = 0.45 * float(self.eff.min()), max(5.0, 3.5 * float(self.today.max()))
        chart = self.chart = RateChart(self.eff, labels=(N.theta1, N.theta2), y_range=(lo, hi),
                                       width=right - left, height=top - bottom, y_label="", x_label="", n_x_ticks=7,
                                       font_size=30)
        chart.shift(RIGHT * (left - chart.frame.get_left()[0]) + UP * (top - chart.frame.get_top()[1]))
        # both coordinates' rates (each line named at its end); the caption between the two lines, right, where
        # no label goes (the step marks are further left, γ ÷ |today's slope| above θ₁'s line)
        self.chart_caption = text("rates (log scale)", "small", color=STEP_COLOR)
        self.chart_caption.move_to(chart.frame.get_corner(UL) + RIGHT * 0.15 + DOWN * 0.02, aligned_edge=UL)
        self.chart_caption.set_stroke(BACKGROUND, width=5, background=True)
        k_right = int(math.ceil((self.chart_caption.get_right()[0] - chart.frame.get_left()[0]) / chart.frame.width
                                * self.steps)) + 1
        assert self.chart_caption.get_bottom()[1] > max(chart.c2p(1, self.eff[0, 0])[1], max(
            chart.c2p(k, self.today[k - 1])[1] for k in range(1, k_right + 1))) + 0.05, k_right
        # "step" after the last step tick, clear of the y axis and its numbers
        step_cap = text("step", "small", color=MUTED)
        last = max((m for m in chart.ticks if isinstance(m, Text)), key=lambda m: m.get_x())
        step_cap.next_to(last, RIGHT, buff=0.3).match_y(last)
        self.chart_group = VGroup(chart, self.chart_caption, step_cap)

    def caption(self) -> CornerCaption:
        """The runs' settings, large, on the side in the close-up's place (the side is free at the end): each
        run's name on its own line, its γ under it (the side is too narrow for both on one line at this size)."""
        cap = CornerCaption([("adagrad", {"lr": f"{self.lr:g} / {self.big_lr:g}"}),
                             ("rmsprop", {"lr": f"{self.lr:g}"})],
                            landscape=self.ls, labels={"rmsprop": "today's g\u00b2 only"},
                            colors={"rmsprop": GHOST_COLOR}, font_size=34, max_width=0.1)
        for chip in cap.rows.values():
            chip[2].next_to(chip[1], DOWN, buff=0.1, aligned_edge=LEFT)
        cap.lines.arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        cap.background.become(BackgroundRectangle(cap.lines, color=PANEL, fill_opacity=0.8, buff=0.18,
                                                  corner_radius=0.08))
        cap.move_to([SIDE.x, self.star_inset.map.frame.get_center()[1], 0])
        assert cap.get_left()[0] > self.lmap.frame.get_right()[0] + 0.05 and cap.get_right()[0] < SAFE_RIGHT + 0.05, \
            (cap.get_left()[0], cap.get_right()[0])
        return cap

    def build_end(self):
        """The last beat. On the map, under the key: both runs' γ. On the side: a close-up of ★, where the ghost
        jumps back and forth on a circle of its hovering distance; AdaGrad with the larger γ comes in there too."""
        s = self.say
        ins = self.star_inset = MapInset(self.lmap, center=self.goal, half_width=0.3, width=SIDE.width - 0.6)
        ins.move_map_to([SAFE_RIGHT, SIDE.top - 0.05, 0], aligned_edge=UR)
        m = ins.map
        # the distance chart's name fits under it
        assert m.frame.get_bottom()[1] > self.dist_group[1].get_top()[1] + 0.08, m.frame.get_bottom()[1]
        assert m.frame.get_bottom()[1] > self.dist_chart.frame.get_top()[1] + 0.1, m.frame.get_bottom()[1]
        assert m.frame.get_left()[0] > self.lmap.frame.get_right()[0] + 0.1, m.frame.get_left()[0]
        self.star_ghost = ins.path(self.fg, "rmsprop", color=GHOST_COLOR, markers=False, stroke_width=6,
                                   dot_radius=0.13)
        star = m.c2p(*self.goal)
        r = self.fg_hover * (m.c2p(self.goal[0] + 1, self.goal[1])[0] - star[0])
        ring = DashedVMobject(Circle(radius=r, stroke_color=TEXT, stroke_width=3), num_dashes=28).move_to(star)
        # the radius straight up (the ghost's two points are right and below), named above the circle
        spoke = Line(star, star + UP * r, stroke_color=TEXT, stroke_width=3)
        lab = self.stamp(s["hover"], color=GHOST_COLOR, size="label").next_to(star + UP * r, UP, buff=0.1)
        assert lab.get_top()[1] < m.frame.get_top()[1] - 0.05, lab.get_top()[1]
        self.hover_ring = VGroup(ring, spoke, lab)
        # the first step the ghost is inside the close-up (it comes in then)
        (bx0, bx1), (by0, by1) = ins.bounds
        inside = [k for k, q in enumerate(self.fg_pos) if bx0 <= q[0] <= bx1 and by0 <= q[1] <= by1]
        self.k_inset = min(inside)
        assert 3 <= self.k_inset < self.k_ghost, self.k_inset
        # ★ on top of the circle and all the hops
        self.inset_star = m.minimum_markers.copy().scale(2.2)
        self.star_zoom_tag = text(f"\u00d7{ins.zoom:.0f}", "label", color=MUTED)
        # bottom left (the runs come in along the floor, the bottom right holds the legs' key, the top the hops')
        self.star_zoom_tag.move_to(m.frame.get_corner(DOWN + LEFT) + 0.12 * (UP + RIGHT), aligned_edge=DOWN + LEFT)
        self.star_zoom_tag.set_stroke(BACKGROUND, width=5, background=True)
        # the ghost's last hop, each leg marked γ: every hop moves each coordinate by γ, so it can never settle
        a, b = self.fg_pos[-2], self.fg_pos[-1]
        corner = np.array([b[0], a[1]])
        legs = VGroup(DashedLine(m.c2p(*a), m.c2p(*corner), stroke_color=STEP_COLOR, stroke_width=4),
                      DashedLine(m.c2p(*corner), m.c2p(*b), stroke_color=STEP_COLOR, stroke_width=4))
        # one key for both legs, at the bottom right of the close-up (below the floor: no path goes there)
        key = text("each leg = \u03b3", "label", color=STEP_COLOR)
        key.move_to(m.frame.get_corner(DOWN + RIGHT) + 0.12 * (UP + LEFT), aligned_edge=DOWN + RIGHT)
        key.set_stroke(BACKGROUND, width=5, background=True)
        labs = VGroup(key)
        self.hop_marks = VGroup(legs, labs)
        assert key.get_top()[1] < m.c2p(*a)[1] - 0.15, (key.get_top()[1], m.c2p(*a)[1])
        assert key.get_left()[0] > self.star_zoom_tag.get_right()[0] + 0.05, key.get_left()[0]
        # AdaGrad with the larger γ in the close-up too: it comes in along the floor and stays
        self.star_big = ins.path(self.big, "adagrad", color=BIG_COLOR, markers=False, stroke_width=6,
                                 dot_radius=0.13)
        # its braking: a tick every brake_every steps along its path in the close-up (they bunch up as its hops
        # shrink), and its last hop as a share of its γ, at the bottom left (the purple legs' key is at the right)
        bp = np.asarray(self.big.positions, dtype=float)
        ks = [k for k in range(0, self.steps + 1, self.brake_every) if bx0 <= bp[k, 0] <= bx1 and by0 <= bp[k, 1] <= by1]
        self.brake_ticks = VGroup(*[Line(m.c2p(*bp[k]) + DOWN * 0.16, m.c2p(*bp[k]) + UP * 0.16,
                                         stroke_color=BIG_COLOR, stroke_width=4) for k in ks])
        bkey = text(f"hop \u2192 {s['big_hop']} \u03b3", "label", color=BIG_COLOR)
        # at the top, in the hover label's place (it leaves as this comes in)
        bkey.move_to([m.frame.get_x(), m.frame.get_top()[1] - 0.12, 0], aligned_edge=UP)
        bkey.set_stroke(BACKGROUND, width=5, background=True)
        self.brake_key = bkey
        assert bkey.get_left()[0] > m.frame.get_left()[0] + 0.05 and bkey.get_right()[0] < m.frame.get_right()[0] - 0.05, \
            (bkey.get_left(), bkey.get_right())
        assert bkey.get_bottom()[1] > star[1] + r + 0.1, bkey.get_bottom()
        assert len(ks) >= 5, ks

    def build_weights(self):
        """The last sentence, in the distance chart's place: θ₁'s squares as the stripe bar (each as wide as its
        square), and over it the weight each square gets, in three states: flat (AdaGrad's sum), one spike at the
        end (today's square only), a ramp rising to the end (a fading average, the next chapter)."""
        zone_top, _ = self.rule_zone
        x0, x1 = HERO.left + 0.3, SAFE_RIGHT - 0.3
        bar = SquareStack(self.sq1, length=x1 - x0, bar_height=0.32, single=self.steps, stroke_width=0.0,
                          split=self.k_old, late_color=interpolate_color(ManimColor(G_COLOR), ManimColor(TEXT), 0.6))
        bar.set_progress(self.steps)
        per = text("each stripe: one g\u00b2 (width = size)", "label", color=MUTED)
        per.move_to([x0, SAFE_BOTTOM + 0.02, 0], aligned_edge=DOWN + LEFT)
        bar.move_to([x0, per.get_top()[1] + 0.1, 0], aligned_edge=DOWN + LEFT)
        base = bar.get_top()[1] + 0.04
        h = zone_top - 0.1 - base
        assert h > 1.2, h
        title = text("weight on each g\u00b2", "label", color=MUTED)
        title.move_to([x0, zone_top - 0.1, 0], aligned_edge=UL)
        # AdaGrad: every square counts the same (its name right of the title, above the line)
        y_flat = base + 0.6 * h
        flat = Line([x0, y_flat, 0], [x1, y_flat, 0], stroke_color=RUN_COLOR, stroke_width=5)
        flat_lab = text("AdaGrad: all equal", "label", color=RUN_COLOR)
        flat_lab.move_to([title.get_right()[0] + 0.6, y_flat + 0.07, 0], aligned_edge=DOWN + LEFT)
        # today's square only: all the weight on the last stripe
        spike = Line([x1, base, 0], [x1, base + 0.95 * h, 0], stroke_color=GHOST_COLOR, stroke_width=7)
        spike_lab = text("today's g\u00b2 only", "label", color=GHOST_COLOR)
        spike_lab.move_to([x1 - 0.15, base + 0.95 * h, 0], aligned_edge=UR)
        # the fading average: alpha^(T - k) at each stripe's middle, its last weight at 0.45 of the height
        edges = np.concatenate([[0.0], np.cumsum(self.sq1)]) / self.sq1.sum()
        mids = x0 + (x1 - x0) * (edges[:-1] + edges[1:]) / 2
        ys = base + 0.45 * h * self.fade_w / self.fade_w[-1]
        ramp = VMobject(stroke_color=RAMP_COLOR, stroke_width=5).set_points_smoothly(
            [np.array([x, y, 0]) for x, y in zip(mids, ys)])
        ramp_lab = text("fading average: next chapter", "label", color=RAMP_COLOR)
        # its name just above it, left, under AdaGrad's line
        ramp_lab.move_to([x0 + 0.1, 0, 0], aligned_edge=LEFT)
        r0, r1 = ramp_lab.get_left()[0], ramp_lab.get_right()[0]
        ramp_lab.set_y(max(y for x, y in zip(mids, ys) if r0 - 0.1 <= x <= r1 + 0.1) + 0.08 + ramp_lab.height / 2)
        assert ramp_lab.get_top()[1] < y_flat - 0.05, (ramp_lab.get_top()[1], y_flat)
        for lab in (flat_lab, spike_lab, ramp_lab, title):
            lab.set_stroke(BACKGROUND, width=5, background=True)
        # the labels clear of each other and of the lines
        r0, r1 = ramp_lab.get_left()[0], ramp_lab.get_right()[0]
        assert ramp_lab.get_bottom()[1] > max(y for x, y in zip(mids, ys) if r0 - 0.1 <= x <= r1 + 0.1) + 0.05
        assert r1 < x1 - 0.3, r1
        s0, s1 = spike_lab.get_left()[0], spike_lab.get_right()[0]
        assert spike_lab.get_bottom()[1] > max(y for x, y in zip(mids, ys) if s0 - 0.1 <= x <= s1 + 0.1) + 0.05
        assert flat_lab.get_right()[0] < spike_lab.get_left()[0] - 0.2, flat_lab.get_right()
        assert title.get_right()[0] < spike_lab.get_left()[0] - 0.2, title.get_right()
        assert flat_lab.get_top()[1] < zone_top, flat_lab.get_top()
        assert x1 < SAFE_RIGHT and per.get_right()[0] < SAFE_RIGHT, per.get_right()
        self.weights = VGroup(title, bar, per, flat, flat_lab, spike, spike_lab)
        for name, part in zip(("title", "bar", "per", "flat", "flat_lab", "spike", "spike_lab"), self.weights):
            setattr(self.weights, name, part)
        self.ramp = VGroup(ramp, ramp_lab)

    def sq_first_huge(self) -> bool:
        """θ₂'s first squares are its largest by far: the first 20 make most of its total at step k_floor."""
        sq2 = self.grads[:, 1] ** 2
        return bool(sq2[:20].sum() > 0.5 * self.G[self.k_floor - 1, 1])

    def between_lines(self, k: int) -> float:
        """The chart's y halfway (on the log axis) between θ₁'s and θ₂'s rates at step ``k``."""
        return (self.chart.c2p(k, self.eff[k - 1, 0])[1] + self.chart.c2p(k, self.eff[k - 1, 1])[1]) / 2

    @staticmethod
    def slim(stamp: VGroup) -> VGroup:
        """A stamp with a thinner panel, to fit between the chart's two lines."""
        stamp[0].stretch_to_fit_height(stamp[1].height + 0.12)
        return stamp

    def run_to(self, end: float, run_time: float):
        """Path, totals, bars and chart, in step, to step ``end``."""
        self.play(self.path.draw(end=end), DrawSteps(self.dots, end=end), DrawSteps(self.stride_col, end=end),
                  DrawSteps(self.G_col, end=end), DrawSteps(self.step_bars, end=end), self.chart.draw(end=end),
                  run_time=max(0.5, run_time))

    # ------------------------------------------------------------------ beats
    def two_slopes(self):
        self.build()
        s = self.say
        self.claim("theta 2 is the steep direction: its slope at the start is 40 times theta 1's",
                   self.slope_ratio > 10, f"{self.slope_ratio:g}")
        with self.voiceover(text=f"A valley steep across and gentle along: theta 2's slope at the start is "
                                 f"{s['g2']}; theta 1's only minus {s['g1'].lstrip('-')}.") as tracker:
            # the map as the voice starts, then the heading
            self.play(FadeIn(self.lmap), FadeIn(self.formula), run_time=0.6)
            self.set_heading("A steep direction and a gentle one", run_time=0.6)
            self.play(FadeIn(self.start_ring), GrowArrow(self.arrow.arrow), FadeIn(self.arrow.label), run_time=0.8)
            self.until(tracker, 0.3)
            self.play(FadeIn(self.slopes_head), FadeIn(self.slopes[1]), run_time=0.7)
            self.until(tracker, 0.7)
            self.play(FadeIn(self.slopes[0]), run_time=0.7)

    def the_rule(self):
        with self.voiceover(text="AdaGrad keeps a running total, G, of each coordinate's squared "
                                 "gradients."):
            self.set_heading("AdaGrad: a learning rate for each coordinate")
            self.play(FadeOut(VGroup(self.slopes_head, self.slopes)), run_time=0.5)
            rule_G, rule_th, note = self.side_rules
            self.play(FadeIn(rule_G), run_time=0.6)
            # the total, a square at a time: it only adds
            t = self.tally
            self.play(LaggedStart(FadeIn(t[:2]), FadeIn(t[2]), FadeIn(t[3:]), lag_ratio=0.7), run_time=1.5)
            self.play(FadeIn(note[0]), run_time=0.5)
        with self.voiceover(text="Gamma over its root is the coordinate's own effective learning rate."):
            self.play(FadeIn(rule_th), run_time=0.7)
            box = SurroundingRectangle(rule_th[2], color=STEP_COLOR, buff=0.08, corner_radius=0.06)
            # on the map, -∇f gives way to one arrow per coordinate: each moves at its own rate
            ca = self.coord_arrows
            self.play(Create(box), FadeOut(self.arrow), GrowArrow(ca[0]), GrowArrow(ca[1]), FadeIn(ca[2:]),
                      run_time=0.8)
            self.play(FadeIn(note[1]), run_time=0.5)
            self.wait(0.4)
            self.play(FadeOut(box), run_time=0.4)

    def first_step(self):
        s = self.say
        d = self.step1
        self.claim("on the first step both coordinates move by exactly gamma",
                   np.allclose(np.abs(d), self.lr, rtol=1e-6), f"{d}")
        self.claim("the first rates are 40 times apart, like the slopes",
                   abs(self.eff_ratio - self.slope_ratio) < 1e-6 * self.slope_ratio, f"{self.eff_ratio:.6g}")
        self.claim("on the first step G is the slope squared", np.allclose(self.G[0], self.g0 ** 2))
        self.claim("rate times |slope| is the step, for each coordinate",
                   np.allclose(self.eff[0] * np.abs(self.g0), np.abs(d), rtol=1e-6))
        inset = self.inset
        with self.voiceover(text=f"On the first step G is just the slope squared, so the rates are {s['e1']} "
                                 f"and {s['e2']}.") as tracker:
            self.set_heading("Step 1: how far does each coordinate move?")
            # the rule moves under the map, the table grows in its place
            self.play(*[ReplacementTransform(a, b) for a, b in zip(self.side_rules, self.rules)], FadeOut(self.formula),
                      FadeOut(self.tally),
                      FadeIn(VGroup(self.G_head, self.step_names, self.G_col, self.rate_head, self.step_bars.tracks,
                                    self.rate_label)), run_time=0.9)
            self.add(self.step_bars)
            self.play(FadeOut(self.coord_arrows), FadeOut(self.note[0][1]), FadeIn(inset.outline), FadeIn(inset.map),
                      Create(inset.connectors), FadeIn(self.zoom_tag), FadeIn(self.inset_ring),
                      GrowArrow(self.inset_arrow.arrow), FadeIn(self.inset_arrow.label), run_time=1.0)
            self.play(DrawSteps(self.G_col, end=1), run_time=0.6)
            self.until(tracker, 0.62)
            self.play(DrawSteps(self.step_bars, end=1), run_time=0.8)
        self.add(self.path, self.inset_path)
        self.claim("the first step is minus gamma times each slope's sign",
                   np.allclose(d, -self.lr * np.sign(self.g0), rtol=1e-6))
        angle = math.degrees(math.acos(float(np.dot(d, -self.g0) / (np.linalg.norm(d) * np.linalg.norm(self.g0)))))
        self.claim("the first step is not along minus the gradient", angle > 30, f"{angle:.1f} degrees")
        with self.voiceover(text=f"Times the slopes, {s['a1']} and {s['a2']}, both make {s['lr']}: gamma each way, "
                                 "not along minus the gradient.") as tracker:
            self.play(FadeIn(self.prod_head), FadeIn(self.prod_rows[0]), run_time=0.6)
            self.play(FadeIn(self.prod_rows[1]), run_time=0.6)
            self.until(tracker, 0.45)
            self.play(self.path.draw(end=1), self.inset_path.draw(end=1), run_time=1.0)
            self.play(Create(self.legs), FadeIn(self.leg_labels), FadeIn(self.delta), run_time=0.8)
            self.play(FadeIn(self.sign_note), run_time=0.5)
        self.wait(0.4)


    def build_floor_chart(self, k_fixed: int, th2_fixed: np.ndarray) -> None:
        """Beat 4b, in the rate chart's place: |θ₂| against step (log axis) for AdaGrad and for θ₂'s first rate
        held fixed, the floor band |θ₂| < tol shaded, and the step where each enters it stamped on the curve."""
        s = self.say
        rc = self.chart.frame
        lo = 0.01
        fc = self.floor_chart = StepChart(self.steps, log_y=True, exact_range=True, y_range=(lo, 3.0), width=rc.width,
                                          height=rc.height, x_label="", y_label="", n_x_ticks=7, font_size=30)
        fc.shift(rc.get_center() - fc.frame.get_center())
        ada = np.abs(self.pos[:, 1])
        fixed = np.where(np.abs(th2_fixed) >= lo, np.abs(th2_fixed), np.nan)
        self.floor_ada = fc.add_series(ada, RUN_COLOR, name="adagrad", stroke_width=4.5)
        self.floor_fixed = fc.add_series(fixed, TEXT, name="fixed", stroke_width=4.0)
        fc.set_progress(self.early)
        tol = self.floor_tol
        b0, b1 = fc.c2p(0, lo), fc.c2p(self.steps, tol)
        band = Rectangle(width=b1[0] - b0[0], height=b1[1] - b0[1], stroke_width=0, fill_color=TEXT,
                         fill_opacity=0.18).move_to((b0 + b1) / 2)
        band_lab = text(f"< {s['tol']}", "label", color=TEXT).next_to(band, RIGHT, buff=0.12)
        assert band_lab.get_right()[0] < SAFE_RIGHT, band_lab.get_right()
        # the chart's name large, above its right end in the side's free space under the table (clear of the map)
        cap = text("|\u03b8\u2082|, log scale", "body", color=TEXT)
        cap.move_to([SAFE_RIGHT - 0.05, fc.frame.get_top()[1] + 0.08, 0], aligned_edge=DOWN + RIGHT)
        assert cap.get_left()[0] > self.lmap.frame.get_right()[0] + 0.3, cap.get_left()
        assert cap.get_top()[1] < self.rate_label.get_bottom()[1] - 0.6, cap.get_top()
        # θ₂'s rate now against its first: cut to a third (most of it by the huge first squares)
        self.third = round(float(self.eff[0, 1] / self.eff[self.k_floor - 1, 1]))
        self.third_tag = text(f"\u2248 {s['e2']} \u00f7 {self.third}", "body", color=STEP_COLOR)
        # under the boxed rate (the table's θ₂ row): 0.0032 ≈ 0.01 ÷ 3
        self.third_tag.move_to([SAFE_RIGHT - 0.05, (cap.get_top()[1] + self.rate_label.get_bottom()[1]) / 2, 0],
                               aligned_edge=RIGHT)
        self.third_tag.align_to(self.step_bars.numbers.cells[1], RIGHT)
        self.third_tag.set_stroke(BACKGROUND, width=5, background=True)
        assert self.third_tag.get_left()[0] > self.lmap.frame.get_right()[0] + 0.2, self.third_tag.get_left()
        step_cap = text("step", "small", color=MUTED)
        last = max((m for m in fc.ticks if isinstance(m, Text)), key=lambda m: m.get_x())
        step_cap.next_to(last, RIGHT, buff=0.3).match_y(last)
        # each curve named: AdaGrad above its curve, the fixed rate in the band right of where it leaves the chart
        ada_name = text("AdaGrad", "label", color=RUN_COLOR)
        ka = int(0.4 * self.steps)
        ada_name.move_to(fc.c2p(ka, 1.0), aligned_edge=LEFT)
        k0, k1 = [int(math.floor((x - fc.frame.get_left()[0]) / fc.frame.width * self.steps))
                  for x in (ada_name.get_left()[0], ada_name.get_right()[0])]
        ada_name.set_y(max(fc.c2p(k, ada[k])[1] for k in range(k0, k1 + 2)) + 0.1 + ada_name.height / 2)
        fixed_name = text(f"fixed {fmt_step(self.eff[0, 1])}", "label", color=TEXT)
        k_out = int(np.nanargmin(fixed)) + 2
        fixed_name.move_to([fc.c2p(k_out, lo)[0], band.get_center()[1], 0], aligned_edge=LEFT)
        assert fixed_name.get_right()[0] < fc.c2p(self.k_floor - 2, lo)[0], fixed_name.get_right()
        assert fixed_name.height < band.height, (fixed_name.height, band.height)
        # where each enters the band: a dot on the curve and its step, stamped
        kf = self.k_floor
        dot_f = Dot(fc.c2p(k_fixed, abs(th2_fixed[k_fixed])), radius=0.08, color=TEXT).set_stroke(BACKGROUND, width=2)
        dot_a = Dot(fc.c2p(kf, ada[kf]), radius=0.09, color=RUN_COLOR).set_stroke(BACKGROUND, width=2)
        lab_f = self.slim(self.stamp(f"step {k_fixed}", color=TEXT, size="label"))
        lab_f.next_to(dot_f, LEFT, buff=0.1).shift(DOWN * 0.12)
        lab_a = self.slim(self.stamp(f"step {kf}", color=RUN_COLOR, size="label"))
        lab_a.next_to(dot_a, UR, buff=0.06)
        assert lab_f.get_left()[0] > fc.frame.get_left()[0] + 0.05, lab_f.get_left()
        assert lab_a.get_bottom()[1] > max(fc.c2p(k, ada[k])[1] for k in range(kf, self.steps + 1)), lab_a.get_bottom()
        assert lab_a.get_top()[1] < cap.get_bottom()[1] - 0.05 or lab_a.get_right()[0] < cap.get_left()[0]
        for lab in (cap, step_cap, ada_name, fixed_name, band_lab):
            lab.set_stroke(BACKGROUND, width=5, background=True)
        self.floor_chart_group = VGroup(band, fc, cap, step_cap, band_lab)
        self.floor_names = VGroup(ada_name, fixed_name)
        self.floor_fixed_mark = VGroup(dot_f, lab_f)
        self.floor_ada_mark = VGroup(dot_a, lab_a)

    def both_shrink(self):
        s = self.say
        k = self.k_floor
        self.claim("every step adds to both totals, and both rates shrink",
                   np.all(np.diff(self.G, axis=0) > 0) and np.all(np.diff(self.eff, axis=0) < 0))
        self.claim(f"from step {k} on, theta 2 stays within {s['tol']} of the valley floor",
                   k is not None and k < self.mid)
        inset = self.inset
        self.dots.set_progress(1)
        self.chart.set_progress(1)
        with self.voiceover(text="Every step adds to both totals, so both rates shrink.") as tracker:
            self.set_heading("Every step adds to G: both rates shrink")
            self.play(FadeOut(VGroup(inset.outline, inset.connectors, self.legs, self.leg_labels, self.inset_ring,
                                     self.inset_arrow, self.zoom_tag)), FadeOut(inset.map), FadeOut(self.inset_path),
                      FadeOut(self.products), FadeOut(VGroup(self.rule_G, self.rule_th, self.note[0][0], self.note[1])),
                      FadeIn(self.chart_group), run_time=0.7)
            self.add(self.dots)
            self.stride_col.set_progress(1)
            self.play(FadeIn(self.dots_key), FadeIn(self.stride_row), run_time=0.3)
            self.run_to(self.early, tracker.get_remaining_duration())
        # both rates shrinking, held before the |θ₂| chart takes the chart's place
        self.wait(0.3)
        # the valley floor, |θ₂| < tol, as a band; step k marked on the map
        (x0, x1), _ = self.view
        lo, hi = self.lmap.c2p(x0, -self.floor_tol), self.lmap.c2p(x1, self.floor_tol)
        band = Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1], stroke_width=0, fill_color=TEXT,
                         fill_opacity=0.18).move_to((lo + hi) / 2)
        ring = Dot(self.lmap.c2p(*self.pos[k]), radius=0.16, fill_opacity=0.0).set_stroke(TEXT, width=4)
        # had θ₂ kept its first rate, it would have settled far sooner: AdaGrad's shrinking rate costs θ₂ too
        e2_0 = float(self.eff[0, 1])
        th2_fixed = self.pos[0, 1] * (1 - 2 * self.coef[1] * e2_0) ** np.arange(len(self.pos))
        k_fixed = settle_step(np.abs(th2_fixed), 0.0, self.floor_tol)
        self.claim(f"at its first rate {fmt_step(e2_0)}, held fixed, theta 2 would settle by step {k_fixed}, "
                   f"not {k}", k_fixed is not None and k_fixed < k / 2, str(k_fixed))
        self.build_floor_chart(k_fixed, th2_fixed)
        # why only by step k: θ₂'s rate (in the table) is small by then
        rate_box = SurroundingRectangle(self.step_bars.numbers.cells[1], color=STEP_COLOR, buff=0.08,
                                        corner_radius=0.06)
        self.claim(f"theta 2's rate is {s['e2_floor']} by step {k}, about a third of its first rate "
                   f"({self.third} times less)", fmt_step(self.eff[k - 1, 1]) == s["e2_floor"]
                   and 2.5 < self.eff[0, 1] / self.eff[k - 1, 1] < 3.5 and self.third == 3,
                   f"{self.eff[0, 1] / self.eff[k - 1, 1]:.3g}")
        self.claim("its huge first squares do most of the cut: by step 20 its rate is already below 0.4 of the first",
                   self.eff[19, 1] < 0.4 * self.eff[0, 1] and self.sq_first_huge(), f"{self.eff[19, 1]:.3g}")
        with self.voiceover(text=f"Theta 2 settles by step {k}, not {k_fixed} as with its first rate held: its "
                                 "huge first squares cut that rate to a third.") as tracker:
            # the rate chart gives way to |θ₂| against step (one after the other: their ticks never overlap):
            # AdaGrad's curve where the path is, the fixed rate's whole curve, and the step where it enters the band
            self.play(FadeOut(self.chart_group), run_time=0.3)
            self.play(FadeIn(band), FadeIn(self.floor_chart_group), run_time=0.4)
            self.play(FadeIn(self.floor_names), FadeIn(self.floor_fixed_mark, scale=1.3), run_time=0.4)
            self.play(self.path.draw(end=k), DrawSteps(self.dots, end=k), DrawSteps(self.stride_col, end=k),
                      DrawSteps(self.G_col, end=k), DrawSteps(self.step_bars, end=k),
                      DrawSteps(self.floor_ada, end=k),
                      run_time=max(0.5, 0.3 * tracker.duration - (tracker.duration
                                                                  - tracker.get_remaining_duration())))
            self.play(FadeIn(ring, scale=1.5), FadeIn(self.floor_ada_mark, scale=1.3), FadeOut(self.dots_key),
                      run_time=0.4)
            self.until(tracker, 0.5)
            self.play(Indicate(self.floor_fixed_mark, color=TEXT, scale_factor=1.15), run_time=0.6)
            self.until(tracker, 0.68)
            self.play(Create(rate_box), FadeIn(self.third_tag), run_time=0.5)
            held = tracker.get_remaining_duration()
        if held < 1.6:
            self.wait(1.7 - held)
        # the rate chart comes back at step k (it was drawn there with the path)
        self.chart.set_progress(k)
        self.floor_marks = VGroup(band, ring, rate_box, self.third_tag, self.floor_chart_group, self.floor_names,
                                  self.floor_fixed_mark, self.floor_ada_mark)

    def theta1_crawls(self):
        s = self.say
        km = self.k_mark
        self.claim("every square of theta 1's slope stays in its total: G is their running sum, and only grows",
                   np.allclose(self.G[:, 0], np.cumsum(self.sq1)) and np.all(np.diff(self.G[:, 0]) > 0))
        self.claim(f"theta 1's rate is {s['e_mark']} by step {km}, and {s['e_end']} by step {self.steps}", fmt_step(self.eff[km - 1, 0]) == s["e_mark"]
                   and fmt_step(self.eff[-1, 0]) == s["e_end"] and self.eff[-1, 0] < self.eff[0, 0] / 5)
        stack = self.stack
        stack.set_progress(self.k_floor)
        self.G1_live.set_progress(self.k_floor)
        em = self.eff[km - 1, 0]
        mark_dot = Dot(self.chart.c2p(km, em), radius=0.08, color=STEP_COLOR).set_stroke(BACKGROUND, width=2)
        # under θ₁'s line, between the two lines (the chart's caption is above)
        mark_lab = self.slim(self.stamp(f"{s['e_mark']} at step {km}", color=STEP_COLOR, size="label"))
        mark_lab.move_to(mark_dot.get_center() + RIGHT * 0.15, aligned_edge=LEFT)
        mark_lab.set_y(self.between_lines(km + 25))
        end_lab = self.stamp(s["e_end"], color=STEP_COLOR, size="body")
        self.claim("theta 1's total keeps its big early squares: its first squares are the largest",
                   self.sq1[0] == self.sq1.max() and np.all(np.diff(self.sq1) < 0))
        with self.voiceover(text=f"Theta 1's total keeps its big early squares: its rate is {s['e_mark']} by step "
                                 f"{km}, and {s['e_end']} by step {self.steps}.") as tracker:
            self.set_heading("\u03b8\u2081 crawls: its total G only grows")
            # the table and the |θ₂| chart leave; θ₁'s total comes in the table's place as a strip of squares,
            # the rate chart back in its own
            self.play(FadeOut(self.floor_marks), FadeOut(self.table), run_time=0.4)
            self.play(FadeIn(self.stack_group), FadeIn(self.chart_group), run_time=0.6)
            self.until(tracker, 0.3)
            self.play(FadeIn(mark_dot, scale=1.5), FadeIn(mark_lab), run_time=0.5)
            self.play(self.path.draw(end=self.steps), DrawSteps(self.dots, end=self.steps),
                      DrawSteps(self.stride_col, end=self.steps), DrawSteps(self.G1_live, end=self.steps),
                      self.chart.draw(end=self.steps), DrawSteps(stack, end=self.steps),
                      run_time=max(0.5, tracker.get_remaining_duration() - 0.6))
            # the end value beside the line's name, clear of the axis; the last squares braced
            end_lab.next_to(self.chart.names[0], RIGHT, buff=0.12)
            self.play(FadeIn(end_lab), run_time=0.5)
        self.rate_marks = VGroup(mark_dot, mark_lab)
        self.end_lab = end_lab

    def the_lesson(self):
        s = self.say
        ch = self.chart
        self.claim("at step 1 AdaGrad's rate is gamma over the slope",
                   abs(self.today[0] - self.eff[0, 0]) < 1e-6 * self.eff[0, 0])
        self.claim(f"if G held only today's square, theta 1's rate at step {self.steps} would be gamma over today's "
                   f"slope, {s['today']}", f"{self.today[-1]:.2g}" == s["today"])
        self.claim(f"AdaGrad's rate is {s['cost']} times less", self.cost > 10 and f"{self.cost:.0f}" == s["cost"],
                   f"{self.cost:.3g}")
        self.claim(f"G of theta 1 is {s['G_end']}: {s['G_old']} from the first {s['k_old']} squares, {s['G_late']} from "
                   f"the last {s['n_late']}; {s['x_G']} times today's square {s['sq_end']}, so its root is {s['cost']} "
                   f"times today's slope", abs(self.G_old + self.G_late - self.G[-1, 0]) < 1e-9
                   and sig2(self.x_G) == s["x_G"] and abs(math.sqrt(self.x_G) - self.cost) < 1e-3 * self.cost
                   and f"{self.G_old:.1f}" == s["G_old"], f"{self.x_G:.4g} {math.sqrt(self.x_G):.4g}")
        self.claim(f"G is a sum: it grows with every step, so the rate only falls; an average of the last "
                   f"{s['n_late']} squares instead stays near today's square (its root within 2 times today's slope)",
                   np.all(np.diff(self.G[:, 0]) > 0) and math.sqrt(self.avg_late) < 2, f"{self.avg_late:.3g}")
        fg_sq = np.asarray(self.fg.state["square_avg"], dtype=float)
        fg_g = np.asarray(self.fg.grads, dtype=float)
        self.claim("the ghost is the same rule, same gamma and start, with only today's square in G",
                   np.allclose(fg_sq, fg_g ** 2) and np.allclose(self.fg_pos[0], self.start)
                   and self.ghost_opt.lr == self.opt.lr)
        self.claim(f"run that way it is near the star by step {s['k_ghost']}, while AdaGrad ends {s['ada_d']} away",
                   self.k_ghost is not None and self.k_ghost < self.steps / 2
                   and np.all(self.fg_dist[self.k_ghost:] < self.ghost_tol)
                   and self.dist[-1] > 5 * self.ghost_tol, f"{self.fg_dist[-1]:.3g} {self.dist[-1]:.4g}")
        self.claim(f"but its steps stay gamma (each coordinate, every step after {s['k_ghost']}): it never settles, "
                   f"it hovers about {s['hover']} from the star",
                   np.allclose(self.fg_stride[self.k_ghost + 1:], self.lr, rtol=1e-3)
                   and np.all(np.abs(self.fg_late - self.fg_hover) < 0.1 * self.fg_hover),
                   f"{self.fg_stride[self.k_ghost + 1:].min():.6g} {self.fg_late.min():.4g}-{self.fg_late.max():.4g}")
        # γ / |today's slope| along the run, dashed, from AdaGrad's first rate up to the end
        pts = [ch.c2p(k, self.today[k - 1]) for k in range(1, self.steps + 1)]
        line = VMobject(stroke_color=TEXT, stroke_width=3.5).set_points_as_corners(pts)
        today_line = DashedVMobject(line, num_dashes=60)
        today_name = text("\u03b3 \u00f7 |today's slope|", "label", color=TEXT)
        k_name = int(0.5 * self.steps)
        today_name.next_to(ch.c2p(k_name, self.today[k_name - 1]), DOWN, buff=0.14)
        today_name.set_stroke(BACKGROUND, width=5, background=True)
        top = ch.c2p(self.steps, self.today[-1])
        today_lab = self.stamp(s["today"], color=TEXT, size="body")
        today_lab.next_to(top, RIGHT, buff=0.12)
        xa = self.steps - 6
        gap = DoubleArrow(ch.c2p(xa, self.eff[xa - 1, 0]), ch.c2p(xa, self.today[xa - 1]), buff=0.0,
                          stroke_width=5, tip_length=0.16, max_tip_length_to_length_ratio=0.45, color=STEP_COLOR)
        gap_lab = text(f"\u00d7{s['cost']}", "body", color=STEP_COLOR).next_to(gap, LEFT, buff=0.1)
        gap_lab.set_stroke(BACKGROUND, width=6, background=True)
        old = self.stack.upto(self.k_old)
        # the cause first: G keeps every square, each brace as its sum is said
        self.claim(f"G of theta 1 ({s['G_end']}) keeps every square: {s['G_old']} from the first {s['k_old']} steps",
                   self.old_share > 0.5 and fmt_total(self.G[-1, 0]) == s["G_end"], f"{self.old_share:.3f}")
        line = f"G, {s['G_end']}, keeps every square: {s['G_old']} from the first {s['k_old']} steps."
        with self.voiceover(text=line) as tracker:
            self.set_heading("The cost: G sums every square")
            self.play(FadeOut(self.rate_marks), Indicate(self.G1_live, color=G_COLOR), run_time=0.8)
            self.until(tracker, line.index(s["G_old"]) / len(line) - 0.04)
            self.play(FadeIn(self.old_split), Indicate(old, color=TEXT, scale_factor=1.0), run_time=0.8)
            self.play(FadeIn(self.late_split), run_time=0.5)
        # then the consequence: the rate against today's slope alone, the gap as "23 times" is said
        line = f"If G held only today's square, the rate would be {s['cost']} times bigger."
        with self.voiceover(text=line) as tracker:
            # the gap complete as "23 times" is said, and held ~2 s before the next beat
            self.play(Create(today_line), FadeIn(today_name), FadeIn(today_lab),
                      run_time=max(1.0, line.index("the rate") / len(line) * tracker.duration))
            self.play(Indicate(self.end_lab, color=STEP_COLOR), GrowArrow(gap), FadeIn(gap_lab), run_time=0.7)
        # the gap held: AdaGrad's rate against today's slope alone
        self.wait(0.2)
        ghost = self.ghost
        dc = self.dist_chart
        ins = self.star_inset
        self.claim("every step of the ghost after it gets near the star moves each coordinate by gamma; AdaGrad's "
                   "rate falls on every step",
                   np.all(self.fg_stride[self.k_ghost + 1:] > self.lr * (1 - 1e-3))
                   and np.all(np.diff(self.eff[:, 0]) < 0), f"{self.fg_stride[self.k_ghost + 1:].min():.6g}")
        self.claim("the ghost's last hop (marked) moves each coordinate by gamma",
                   np.allclose(np.abs(self.fg_pos[-1] - self.fg_pos[-2]), self.lr, rtol=1e-3))
        self.claim("today's square only hovers within gamma (one step) of the star (0.7 to 1 gamma away)",
                   0.7 * self.lr < self.fg_late.min() and self.fg_late.max() < self.lr,
                   f"{self.fg_late.min():.3g}-{self.fg_late.max():.3g}")
        line = f"Today's square only: near the star by step {s['k_ghost']}, but it hovers within gamma of it."
        with self.voiceover(text=line) as tracker:
            self.set_heading("Today's square only: near \u2605 fast, but never settles")
            self.play(FadeOut(VGroup(self.chart_group, today_line, today_name, today_lab, gap, gap_lab,
                                     self.end_lab, self.stack_group, self.old_split, self.late_split,
                                     self.stride_row, self.dots)), run_time=0.5)
            self.add(ghost)
            self.bring_to_front(self.path)
            self.play(FadeIn(self.dist_group), FadeIn(self.ghost_name), run_time=0.6)
            self.add(self.star_top)
            # to where the ghost enters the close-up, which comes in then; to step k_ghost, marked as the voice
            # says it; then on to the end
            kg, ki = self.k_ghost, self.k_inset
            t_kg = max(1.2, line.index("by step") / len(line) * tracker.duration
                       - (tracker.duration - tracker.get_remaining_duration()))
            self.play(ghost.draw(end=ki), dc.draw(end=ki), run_time=max(0.3, t_kg * ki / kg - 0.5))
            self.play(FadeIn(ins.outline), FadeIn(ins.map), Create(ins.connectors), FadeIn(self.star_zoom_tag),
                      run_time=0.5)
            self.add(self.star_ghost)
            self.star_ghost.set_progress(ki)
            self.add(self.star_top)
            self.play(ghost.draw(end=kg), self.star_ghost.draw(end=kg), dc.draw(end=kg),
                      run_time=max(0.3, t_kg * (kg - ki) / kg))
            self.add(self.star_top)
            self.play(FadeIn(self.gh_mark), run_time=0.4)
            # on to the end; its hops' legs (= γ) and its circle as "about gamma away" is said; AdaGrad's end shown
            self.play(ghost.draw(end=self.steps), self.star_ghost.draw(end=self.steps), dc.draw(end=self.steps),
                      run_time=max(0.6, line.index("hovers") / len(line) * tracker.duration
                                   - (tracker.duration - tracker.get_remaining_duration())))
            self.add(self.star_top)
            self.play(FadeIn(self.dist_names), Create(self.hop_marks[0]), FadeIn(self.hop_marks[1]),
                      FadeIn(self.ada_end), run_time=0.5)
            self.play(Create(self.hover_ring[:2]), FadeIn(self.hover_ring[2]), FadeIn(self.gh_end), run_time=0.5)
        kb = self.k_big
        self.claim(f"its shrinking steps let AdaGrad afford a bigger gamma: with gamma {s['big_lr']} its rate falls on "
                   f"every step and it is inside {s['tol']} of the star by step {s['k_big']} for good, where today's "
                   f"square only hovers {s['hover']} away",
                   kb is not None and f"{kb}" == s["k_big"] and np.all(self.big_dist[kb:] < self.floor_tol)
                   and self.big_dist[kb - 1] >= self.floor_tol
                   and np.all(np.diff(self.big_eff, axis=0) <= 0) and self.big_dist[-1] < self.fg_late.min() / 3
                   and np.allclose(np.asarray(self.big.positions)[0], self.start), f"{self.big_dist[-1]:.4g}")
        self.claim(f"the close-up's ticks: the gamma-{s['big_lr']} run's hops shrink on every step in the close-up, "
                   f"its last hop is {s['big_hop']} gamma (under 1 percent of gamma), while the ghost's legs stay gamma",
                   np.all(np.diff(self.big_hop[self.k_inset:]) < 0) and self.big_hop[-1] < 0.01 * self.big_lr
                   and f"{self.big_hop[-1] / self.big_lr:.1g}" == s["big_hop"]
                   and np.allclose(self.fg_stride[self.k_ghost + 1:], self.lr, rtol=1e-3),
                   f"{self.big_hop[-1]:.4g}")
        self.claim(f"the map's end labels: gamma {s['lr']} ends {s['ada_d']} from the star, gamma {s['big_lr']} "
                   f"{s['big_d']}", f"{self.dist[-1]:.2f}" == s["ada_d"] and f"{self.big_dist[-1]:.2g}" == s["big_d"])
        big = self.big_series
        big.set_progress(0)
        line = (f"Shrinking steps let AdaGrad afford a bigger gamma: at {s['big_lr']} it is inside {s['tol']} by "
                f"step {s['k_big']}.")
        with self.voiceover(text=line) as tracker:
            self.set_heading("Shrinking steps: room for a bigger \u03b3")
            # the step-k_ghost label leaves (said already): the γ-0.5 curve comes down through it; γ 0.2's end
            # named on the map, its path thinner and on top of the γ-0.5 run's (they share a road)
            self.play(FadeIn(self.ada_tag), FadeOut(self.gh_mark[1]), FadeOut(self.ghost_name),
                      *[p.animate.set_stroke(width=2.5) for p in (self.path.path, self.path.full_path)],
                      run_time=0.5)
            self.add(self.big_path, big, self.star_big)
            self.bring_to_front(self.path)
            self.add(self.star_top)
            # its path drawn to the end on the map and in the close-up, where its ticks bunch up (hops shrink)
            self.play(self.big_path.draw(end=self.steps), self.star_big.draw(end=self.steps),
                      DrawSteps(big, end=kb), FadeIn(self.big_marks[0]),
                      run_time=max(0.8, line.index("afford") / len(line) * tracker.duration
                                   - (tracker.duration - tracker.get_remaining_duration())))
            self.add(self.star_top)
            self.play(LaggedStart(*[FadeIn(t) for t in self.brake_ticks], lag_ratio=0.25), FadeIn(self.brake_key),
                      FadeOut(self.hover_ring[2]), run_time=1.0)
            self.until(tracker, line.index("by step") / len(line) - 0.03)
            self.play(FadeIn(self.big_band), FadeIn(self.big_k_mark, scale=1.3), FadeIn(self.big_lr_tag),
                      run_time=0.5)
            self.play(DrawSteps(big, end=self.steps), run_time=0.6)
            self.play(FadeIn(self.big_end, scale=1.2), run_time=0.4)
        # the γ-0.5 run's end dot over ★ (its tag's stem points at it); the finished distance chart held to be read
        self.add(self.big_path.dot)
        self.wait(1.0)
        self.claim("a fading average weighs the late squares most, AdaGrad's sum weighs all alike, today's square "
                   "only the last", np.all(np.diff(self.fade_w) > 0) and self.fade_w[-1] == 1.0)
        w = self.weights
        line = "AdaGrad weighs all squares alike; today's square only the last; next, a fading average, in between."
        with self.voiceover(text=line) as tracker:
            # in the chart's place: the stripe bar and, one line per phrase, the weight each square gets
            self.set_heading("Next: a fading average, in between", run_time=0.4)
            self.play(FadeOut(VGroup(self.dist_group, self.dist_names, self.gh_end, self.ada_end, self.gh_mark[0],
                                     big, self.big_marks, self.big_band, self.big_k_mark)),
                      FadeIn(VGroup(w.title, w.bar, w.per)), run_time=0.5)
            self.play(Create(w.flat), FadeIn(w.flat_lab), run_time=0.6)
            self.until(tracker, line.index("today's") / len(line) - 0.02)
            self.play(Create(w.spike), FadeIn(w.spike_lab), run_time=0.5)
            self.until(tracker, line.index("next,") / len(line) - 0.02)
            self.play(Create(self.ramp[0]), FadeIn(self.ramp[1]), run_time=0.7)
        ins = self.star_inset
        self.closeup = Group(ins.outline, ins.connectors, ins.map, self.star_zoom_tag, self.hover_ring,
                             self.hop_marks, self.star_ghost, self.star_big, self.brake_ticks, self.brake_key,
                             self.inset_star)
