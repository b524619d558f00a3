"""Chapter 7: RMSprop and AdaDelta. Chapter 6's AdaGrad adds every squared slope to its total G at full
weight, forever: its row of weights (one bar per past step) adds up to 300 at step 300, and keeps growing.
RMSprop keeps a fading average instead: each step multiplies the old squares by α = 0.99, so a square 100
steps old counts 0.37 of a new one; times (1 − α) the weights add up to 0.95: v is an average of g² over about
1/(1 − α) = 100 steps. Raced on chapter 6's valley with the same first step (distance to the minimum on a log
axis), the two run together for about 100 steps; then θ₁'s slopes shrink, the old larger squares keep v above
g² (shaded), RMSprop's rate climbs back and at step 300 it is 5.5 times closer. AdaDelta swaps γ for the root
of u, an average of its own past squared steps (PyTorch keeps γ = 1; ρ = 0.9, a memory of about 10 steps); as
u starts at zero, ε sets the first step, worked on the large rule: √(0 + ε) g₁ / √(0.1 g₁² + ε) ≈ √(ε / 0.1) on
θ₁ and θ₂ alike: 0.0032 at PyTorch's default (1e-6), so ε is now the knob. The rule stays in a strip across the
top. The hero: distance to the minimum (log, every run named on its line); ε 100 times larger starts faster and
ends at step 300 at 0.051, beside RMSprop's 0.103. Then the distance chart gives way to θ₂ itself against step
(signed, zoomed on ★'s row) over θ₂'s rate: θ₂ settles, its u is tiny and its v fades toward ε, so its rate
√(u + ε)/√(v + ε) heads for √ε/√ε = 1, past 2/λ₂ = 0.2 (λ₂ = 10, θ₂'s curvature), the most the steep side can
take (dashed): θ₂ bounces across the valley (from step ~210), and the swing keeps growing with the rate held just
above the limit (checked over 1000 steps).

Render: ``manim -ql scenes/ch07_rmsprop_adadelta.py RMSpropAndAdaDelta``
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    BackgroundRectangle,
    Brace,
    Create,
    CurvedArrow,
    DashedLine,
    Dot,
    DoubleArrow,
    FadeIn,
    FadeOut,
    FadeTransform,
    Group,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    Line,
    MathTex,
    Polygon,
    VGroup,
    VMobject,
)

import optim_core as oc
from optim_core.analysis import distance_to, stability_limit
from scenes.kit.landscape_map import format_tick
from scenes.kit import (
    BACKGROUND,
    MUTED,
    PANEL,
    SAFE_LEFT,
    STAGE,
    TEXT,
    DrawSteps,
    LiveText,
    LiveValue,
    N,
    StepChart,
    apart,
    distinct,
    optimizer_color,
    text,
)
from scenes.kit.layout import FRAME_WIDTH as FRAME_W, SAFE_BOTTOM, SAFE_RIGHT
from scenes.kit.typeset import SIZES
from scenes.scene import ExplainerScene

__all__ = ["RMSpropAndAdaDelta"]

SIZES_BODY, SIZES_LABEL = SIZES["body"], SIZES["label"]

AG_COLOR = optimizer_color("adagrad")
RMS_COLOR = optimizer_color("rmsprop")
#: AdaDelta at PyTorch's default ε (its own colour) and with a larger ε (checked distinct below)
DD_COLOR = optimizer_color("adadelta")
DD2_COLOR = "#EC407A"   # pink: distinct from AdaGrad orange, RMSprop purple, AdaDelta green
assert distinct([AG_COLOR, RMS_COLOR, DD_COLOR, DD2_COLOR])
#: the colour of α wherever it appears
ALPHA_COLOR = "#FFD166"
#: θ₂'s v and ε (the last panel)
V_COLOR = "#4FC3F7"
#: θ₂'s u (yellow: far from v's blue and the pink run, also under colour-blind simulation)
U_COLOR = "#FFF176"
assert distinct([DD2_COLOR, V_COLOR, U_COLOR])


def weights(decay: float, t: int) -> np.ndarray:
    """The weight of each past square in the total at step ``t`` (newest = 1): ``decay ** (t - k)``, k = 1..t.
    AdaGrad's sum is ``decay = 1`` (every square counts fully); RMSprop's average fades them by α a step."""
    k = np.arange(1, t + 1)
    return decay ** (t - k)


def memory(decay: float) -> float:
    """How many full-weight squares the fading weights add up to, in the long run: Σ α^k = 1 / (1 − α)."""
    return 1.0 / (1.0 - decay)


class WeightRow(VGroup):
    """One square per past step, as a bar as high as its weight in the total (newest on the right): the
    silhouette of ``t`` bars at step ``t``. ``decay = 1``: every bar stays at full height (AdaGrad);
    ``decay = α``: each step multiplies every older bar by α (RMSprop). Draws in step (``DrawSteps``)."""

    def __init__(self, n_steps: int, decay: float, *, left: float, bottom: float, width: float, height: float,
                 color, label_fs: str = "label"):
        super().__init__()
        self.n_steps, self.decay = int(n_steps), float(decay)
        self.left, self.bottom, self.width_, self.height_ = left, bottom, width, height
        self.axis = Line([left, bottom, 0], [left + width, bottom, 0], stroke_color=MUTED, stroke_width=2)
        self.top_line = DashedLine([left, bottom + height, 0], [left + width, bottom + height, 0],
                                   stroke_color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        self.ticks = VGroup(text("1", label_fs, color=MUTED).next_to([left, bottom + height, 0], LEFT, buff=0.12),
                            text("0", label_fs, color=MUTED).next_to([left, bottom, 0], LEFT, buff=0.12).shift(UP * 0.12))
        self.bars = VMobject(fill_color=color, fill_opacity=0.85, stroke_color=color, stroke_width=1.0)
        self.add(self.top_line, self.axis, self.ticks, self.bars)
        self.progress = 0.0
        self.set_progress(0)

    def x(self, step: float) -> float:
        return self.left + step / self.n_steps * self.width_

    def point(self, step: float, weight: float) -> np.ndarray:
        return np.array([self.x(step), self.bottom + weight * self.height_, 0.0])

    def set_progress(self, s: float) -> "WeightRow":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        t = int(math.floor(s + 1e-9))
        if t == 0:
            self.bars.set_points_as_corners([self.point(0, 0), self.point(0.01, 0), self.point(0, 0)])
            self.bars.set_fill(opacity=0.0).set_stroke(opacity=0.0)
            return self
        w = weights(self.decay, t)
        ks = np.arange(1, t + 1)
        xs0, xs1 = self.left + (ks - 1) / self.n_steps * self.width_, self.left + ks / self.n_steps * self.width_
        ys = self.bottom + w * self.height_
        pts = np.empty((2 * t + 3, 3))
        pts[0] = [self.left, self.bottom, 0]
        pts[1:-2:2, 0], pts[2:-2:2, 0] = xs0, xs1
        pts[1:-2:2, 1], pts[2:-2:2, 1] = ys, ys
        pts[1:-2, 2] = 0
        pts[-2] = [xs1[-1], self.bottom, 0]
        pts[-1] = pts[0]
        self.bars.set_points_as_corners(pts)
        self.bars.set_fill(opacity=0.85).set_stroke(opacity=1.0)
        return self


class StepCounter(VGroup):
    """``step t`` following the conveyor (for ``DrawSteps``)."""

    def __init__(self, n_steps: int):
        super().__init__()
        self.n_steps = n_steps
        self.cap = text("step", "body", color=MUTED)
        self.num = LiveText("8" * len(str(n_steps)), font_size=40, color=TEXT)
        self.num.next_to(self.cap, RIGHT, buff=0.18)
        self.num.shift(UP * (self.cap.get_bottom()[1] - self.num.get_bottom()[1]))
        self.add(self.cap, self.num)
        self.progress = 0.0
        self.set_progress(0)

    def set_progress(self, s: float) -> "StepCounter":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        self.num.set_text(str(int(math.floor(s + 1e-9))))
        return self


class SumReadout(VGroup):
    """The sum of a row's bars, live: ``t`` for AdaGrad's weights of 1, ``(1 − αᵗ) / (1 − α)`` for RMSprop's
    fading ones (it levels off near 1 / (1 − α)). Draws in step (``DrawSteps``)."""

    def __init__(self, n_steps: int, decay: float, color, *, scale: float = 1.0, cap: str = "sum of bars",
                 fmt: str = ".0f"):
        super().__init__()
        self.n_steps, self.decay, self.factor, self.fmt = int(n_steps), float(decay), float(scale), fmt
        self.cap = text(cap, "label", color=MUTED)
        self.num = LiveText("888", font_size=48, color=color)
        self.num.next_to(self.cap, DOWN, buff=0.2)
        self.add(self.cap, self.num)
        self.progress = 0.0
        self.set_progress(0)

    def value(self, t: int) -> float:
        return self.factor * float(weights(self.decay, t).sum()) if t > 0 else 0.0

    def set_progress(self, s: float) -> "SumReadout":
        s = float(np.clip(s, 0, self.n_steps))
        self.progress = s
        self.num.set_text(f"{self.value(int(math.floor(s + 1e-9))):{self.fmt}}")
        return self


class RMSpropAndAdaDelta(ExplainerScene):
    chapter = 7
    title = "RMSprop and AdaDelta"
    description = ("AdaGrad's total keeps every squared slope at full weight; RMSprop's average fades them by α a "
                   "step and remembers about 1/(1−α) steps, so its rate climbs back and, with the same first step, "
                   "it ends 5.5 times closer; AdaDelta swaps γ for its own past steps, and ε sets how it starts.")
    on_grammar = True

    landscape_name = "steep_flat"
    steps = 300
    #: chapter 6's AdaGrad; RMSprop at PyTorch's α with γ chosen so both take the same first step
    ag_lr = 0.2
    rms_alpha = 0.99
    rms_lr = 0.02
    #: AdaDelta at PyTorch's defaults, and with ε 100 times larger
    dd_eps = (1e-6, 1e-4)
    #: "100 steps old"
    k_old = 100
    #: θ₂'s hops shown on the cross-section: from just before the bounce starts to this many steps after it
    hop_window = 36

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.never_forgets, self.fading_average, self.race, self.adadelta, self.the_cure)
        self.final_hold(self.caption(), seconds=2.0, replacing=Group(self.heading, self.strip_rule, self.strip_note))

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        self.goal = np.asarray(ls.minima[0], dtype=float)
        self.opt_ag = oc.optimizer("adagrad", lr=self.ag_lr)
        self.opt_rms = oc.optimizer("rmsprop", lr=self.rms_lr, alpha=self.rms_alpha)
        self.opt_dd = [oc.optimizer("adadelta", eps=e) for e in self.dd_eps]
        T = self.steps
        self.ag = oc.run(self.opt_ag, ls, self.start, steps=T)
        self.rms = oc.run(self.opt_rms, ls, self.start, steps=T)
        self.dd = [oc.run(o, ls, self.start, steps=T) for o in self.opt_dd]
        self.d_ag = distance_to(self.ag.positions, self.goal)
        self.d_rms = distance_to(self.rms.positions, self.goal)
        self.d_dd = [distance_to(r.positions, self.goal) for r in self.dd]
        self.ratio = self.d_ag[-1] / self.d_rms[-1]
        self.mem = memory(self.rms_alpha)
        self.w_old = self.rms_alpha ** self.k_old
        self.w_sum = float(weights(self.rms_alpha, T).sum())
        #: v's own weights are the bars times (1 − α): they add up to about 1, so v is an average of g²
        self.v_wsum = (1 - self.rms_alpha) * self.w_sum
        self.sqrt_one_minus = math.sqrt(1 - self.rms_alpha)
        self.dd_min = float(np.min(self.d_dd[1]))
        self.dd_min_step = int(np.argmin(self.d_dd[1]))
        self.eff_ag, self.eff_rms = self.ag.effective_lr[:, 0], self.rms.effective_lr[:, 0]
        self.k_rate_min = int(np.argmin(self.eff_rms)) + 1
        self.first_ag, self.first_rms = self.ag.updates[0], self.rms.updates[0]
        # RMSprop's θ₁: the fresh squares g² and their fading average v (step k shows step k's values)
        self.g1sq = self.rms.grads[:, 0] ** 2
        self.v1 = self.rms.state["square_avg"][:, 0]
        # AdaDelta's first step: u starts at 0, so |Δ₁| = √ε / √((1 − ρ) g² + ε) |g| ≈ √(ε / (1 − ρ))
        rho = self.opt_dd[0].rho
        self.dd_rho = rho
        self.dd_first = [float(abs(r.updates[0][0])) for r in self.dd]
        self.dd_first_approx = [math.sqrt(e / (1 - rho)) for e in self.dd_eps]
        #: AdaDelta's step size per coordinate (the root mean square of the two coordinates' steps)
        self.dd_step = [np.sqrt(np.mean(r.updates ** 2, axis=1)) for r in self.dd]
        #: the live |Δ| readout: each step's larger coordinate step (θ₁ and θ₂ take the same first step)
        self.dd_stepmax = [np.max(np.abs(r.updates), axis=1) for r in self.dd]
        self.dd_defaults = oc.optimizer("adadelta").defaults
        # the larger ε: θ₂ (steep) settles, then starts bouncing across the valley (its steps jump, step kb)
        u2 = np.abs(self.dd[1].updates[:, 1])
        j0 = int(np.argmax(u2 < 1e-6))                       # settled
        self.dd_bounce = j0 + int(np.argmax(u2[j0:] > 1e-3)) + 1
        # why the larger ε's bounce grows: θ₂ settles, its v fades, and its rate √(u + ε) / √(v + ε) climbs past
        # the most the steep side can take, 2 / λ₂ (gradient descent's limit on θ₂'s curvature λ₂)
        self.lam2 = float(ls.hessian(self.goal)[1, 1])
        self.limit = stability_limit(ls)
        assert abs(self.limit - 2 / self.lam2) < 1e-12
        self.dd_rate2 = self.dd[1].effective_lr[:, 1]
        self.dd_limit_cross = int(np.argmax(self.dd_rate2 > self.limit)) + 1
        s = self.say = {
            "alpha": f"{self.rms_alpha:g}", "mem": f"{self.mem:.0f}", "v_wsum": f"{self.v_wsum:.2f}",
            "k_old": f"{self.k_old}", "w_old": f"{self.w_old:.2f}", "lr_ag": f"{self.ag_lr:g}",
            "lr_rms": f"{self.rms_lr:g}", "first": f"{abs(self.first_rms[0]):.2g}", "T": f"{T}",
            "d_ag": f"{self.d_ag[-1]:.3f}", "d_rms": f"{self.d_rms[-1]:.3f}", "ratio": f"{self.ratio:.1f}",
            "sqrt1m": f"{self.sqrt_one_minus:.2g}", "dd_min": f"{self.dd_min:.2g}",
            "dd1": f"{self.dd_first[0]:.2g}", "dd2": f"{self.dd_first[1]:.2g}",
            "eps_x": f"{self.dd_eps[1] / self.dd_eps[0]:.0f}", "rho": f"{rho:g}",
            "limit": f"{self.limit:g}", "mem_rho": f"{memory(rho):.0f}", "one_m_rho": f"{1 - rho:.1f}",
        }
        assert abs(float(s["one_m_rho"]) - (1 - rho)) < 1e-9
        # the first step's working on screen: √(ε / (1 − ρ)) at PyTorch's default, rounded as said
        assert f"{math.sqrt(self.dd_eps[0] / float(s['one_m_rho'])):.2g}" == s["dd1"]
        assert s["first"] == f"{abs(self.first_ag[0]):.2g}"
        # the ratio shown must follow from the two distances shown
        assert f"{float(s['d_ag']) / float(s['d_rms']):.1f}" == s["ratio"]
        assert f"{self.rms_lr / self.sqrt_one_minus:.2g}" == s["first"]
        # the step chart starts where the first step is said to be (both coordinates take the same first step)
        assert all(f"{d[0]:.2g}" == f"{f:.2g}" for d, f in zip(self.dd_step, self.dd_first))

    # ------------------------------------------------------------------ pictures
    def build_weights(self):
        """Beats 1-2: a row of weights per optimizer, one bar per past step; the sum of its bars on the right."""
        T = self.steps
        left, right = STAGE.left + 0.55, STAGE.right - 2.85
        h = 1.3
        G, g, v, a = N.sum_sq, N.grad, N.v, N.alpha
        # AdaGrad: name and rule on a line, its row under it
        self.ag_name = text("AdaGrad", "label", color=AG_COLOR)
        self.ag_rule = MathTex(rf"{G} = G_{{t-1}} + {g}^2", font_size=46)
        self.ag_head = VGroup(self.ag_name, self.ag_rule).arrange(RIGHT, buff=0.35)
        self.ag_head.move_to([left, STAGE.top - 0.05, 0], aligned_edge=UL)
        self.ag_row = WeightRow(T, 1.0, left=left, bottom=self.ag_head.get_bottom()[1] - 0.3 - h, width=right - left,
                                height=h, color=AG_COLOR)
        self.ag_note = text("weight 1 each, forever", "label", color=AG_COLOR)
        self.ag_note.next_to(self.ag_head, RIGHT, buff=0.6).align_to(self.ag_head, DOWN)
        # RMSprop
        self.rms_name = text("RMSprop", "label", color=RMS_COLOR)
        self.rms_rule = MathTex(rf"{v} = ", a, r"\, v_{t-1} + (1 - ", a, rf")\, {g}^2", font_size=46)
        for i in (1, 3):
            self.rms_rule[i].set_color(ALPHA_COLOR)
        self.rms_head = VGroup(self.rms_name, self.rms_rule).arrange(RIGHT, buff=0.35)
        self.rms_head.next_to(self.ag_row, DOWN, buff=0.35).align_to(self.ag_head, LEFT)
        self.rms_row = WeightRow(T, self.rms_alpha, left=left, bottom=self.rms_head.get_bottom()[1] - 0.78 - h,
                                 width=right - left, height=h, color=RMS_COLOR)
        self.alpha_stamp = self.stamp(f"\u03b1 = {self.say['alpha']}", color=ALPHA_COLOR, size="label")
        self.alpha_stamp.next_to(self.rms_head, RIGHT, buff=0.3)
        self.rms_note = text(f"\u00d7 {self.say['alpha']} / step", "label", color=RMS_COLOR)
        self.rms_note.next_to(self.alpha_stamp, RIGHT, buff=0.2)
        assert self.rms_note.get_right()[0] < SAFE_RIGHT, self.rms_note.get_right()[0]
        # the step axis under the lower row, and a weight caption
        self.x_ticks = VGroup()
        for k in range(0, T + 1, 100):
            p = self.rms_row.point(k, 0)
            self.x_ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            self.x_ticks.add(text(f"{k}", "label", color=MUTED).next_to(p + DOWN * 0.08, DOWN, buff=0.05))
        self.x_cap = text("step of each g\u00b2; height: weight (newest = 1)", "label", color=MUTED)
        self.x_cap.next_to(self.x_ticks, DOWN, buff=0.08).align_to(self.rms_row.axis, LEFT)
        self.counter = StepCounter(T)
        self.counter.num.set_color(AG_COLOR)
        self.counter.move_to([SAFE_RIGHT, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + RIGHT)
        # the sum of each row's bars, right of its row: a count that grows vs one that levels off
        x_sum = (right + SAFE_RIGHT) / 2 + 0.05
        self.ag_sum = SumReadout(T, 1.0, AG_COLOR)
        self.ag_sum.move_to([x_sum, self.ag_row.bottom + h / 2, 0])
        self.rms_sum = SumReadout(T, self.rms_alpha, RMS_COLOR, scale=1 - self.rms_alpha,
                                  cap="sum \u00d7 (1\u2212\u03b1)", fmt=".2f")
        self.rms_sum.move_to([x_sum, self.rms_row.bottom + h / 2 + 0.48, 0])
        # G is a total (300 squares), v an average (weights adding up to about 1)
        self.avg_note = self.stamp("an average", color=RMS_COLOR, size="label")
        self.avg_note.next_to(self.rms_sum, DOWN, buff=0.08)
        assert self.avg_note.get_right()[0] < SAFE_RIGHT + 0.01, self.avg_note.get_right()[0]
        assert self.x_cap.get_right()[0] < self.counter.get_left()[0] - 0.2, self.x_cap.get_right()[0]
        assert self.avg_note.get_left()[0] > right + 0.15, self.avg_note.get_left()[0]
        assert self.rms_sum.get_top()[1] < self.rms_note.get_bottom()[1] - 0.05
        assert self.ag_sum.get_left()[0] > right + 0.1 and self.ag_sum.get_right()[0] < SAFE_RIGHT
        # beat 2's marks: a square 100 steps old, the memory brace over the last 100 steps
        k = T - self.k_old
        p_old = self.rms_row.point(k - 0.5, self.w_old)
        self.old_dot = Dot(p_old, radius=0.09, color=TEXT).set_stroke(BACKGROUND, width=2)
        self.old_line = DashedLine(self.rms_row.point(k - 0.5, 0), p_old, stroke_color=TEXT, stroke_width=3)
        self.old_lab = self.stamp(f"{self.say['k_old']} steps old: still {self.say['w_old']}", size="label")
        self.old_lab.next_to(p_old, LEFT, buff=0.2).shift(UP * 0.12)
        self.mem_brace = Brace(Line(self.rms_row.point(T - self.mem, 1.0), self.rms_row.point(T, 1.0)), UP,
                               buff=0.05, color=TEXT)
        # the memory, beside its brace: 1 / (1 − α) = 100 steps
        # "≈": an average length, not a hard window (the old-square dot under it still counts)
        self.mem_lab = VGroup(MathTex(rf"\approx 1 / (1 - {a}) = {self.say['mem']}\text{{ steps}}", font_size=46))
        # clear of the dotted 1-line under it
        self.mem_lab.next_to(self.mem_brace, LEFT, buff=0.2)
        self.mem_lab.shift(UP * (self.rms_row.bottom + h + 0.17 - self.mem_lab.get_bottom()[1]))
        assert self.mem_lab.get_bottom()[1] > self.old_lab.get_top()[1] + 0.05, self.old_lab.get_top()[1]
        assert self.mem_lab.get_top()[1] < self.rms_head.get_bottom()[1] - 0.02, self.mem_lab.get_top()[1]
        assert self.mem_lab.get_left()[0] > self.rms_row.left + 0.3, self.mem_lab.get_left()[0]
        self.mem_back = BackgroundRectangle(self.mem_lab, color=PANEL, fill_opacity=0.9, buff=0.12,
                                           corner_radius=0.1)

    def build_race(self):
        """Beat 3, three pictures across the whole stage. (1) the two rules written out, then both first steps as
        bars of the same length. (2) why RMSprop's rate climbs back: θ₁'s rate for both, large, under a strip of
        RMSprop's fresh g² and its average v. (3) the distance to ★ (log) for both, large, with the ratio."""
        T = self.steps
        x0, x1 = SAFE_LEFT + 1.4, SAFE_RIGHT - 0.45          # the plot area of the full-width charts
        th, lr, G, v, g, a = N.params, N.lr, N.sum_sq, N.v, N.grad, N.alpha
        s = self.say
        # (1) the rules, one line per clause; the γ of each run beside its rule
        r_ag = VGroup(text("AdaGrad", "label", color=AG_COLOR),
                      MathTex(rf"{th}_t = {th}_{{t-1}} - {lr}\, {g} / \sqrt{{{G}}}", font_size=46),
                      MathTex(rf"{lr} = {s['lr_ag']}", font_size=46, color=AG_COLOR))
        r_rms = VGroup(text("RMSprop", "label", color=RMS_COLOR),
                       MathTex(rf"{th}_t = {th}_{{t-1}} - {lr}\, {g} / \sqrt{{{v}}}", font_size=46),
                       MathTex(rf"{lr} = {s['lr_rms']}", font_size=46, color=RMS_COLOR))
        r_v1 = VGroup(text("step 1", "label", color=MUTED),
                      MathTex(rf"v_1 = (1 - {a})\, g_1^2", font_size=46))
        r_first = VGroup(text("first step", "label", color=MUTED),
                         MathTex(rf"{lr} / \sqrt{{1 - {a}}} = {s['lr_rms']} / {s['sqrt1m']} = {s['first']}",
                                 font_size=46))
        rows = (r_ag, r_rms, r_v1, r_first)
        for r in rows:
            r.arrange(RIGHT, buff=0.3)
        self.rules = VGroup(*rows).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        for r in rows:
            r[0].align_to(r[1], DOWN).shift(DOWN * 0.05)
            r[1].shift(RIGHT * (r_ag[1].get_left()[0] - r[1].get_left()[0]))
        for r in (r_ag, r_rms):
            r[2].next_to(r_rms[1], RIGHT, buff=0.6).align_to(r[1], DOWN)
        # the valley, one line under the title: which side is flat, which steep
        c1, c2 = self.valley_coeffs()
        self.valley_line = text(f"f = {c1:g}\u03b8\u2081\u00b2 + {c2:g}\u03b8\u2082\u00b2   "
                                "(\u03b8\u2081 flat, \u03b8\u2082 steep)", "body", color=MUTED)
        self.valley_line.move_to([0, STAGE.top + 0.02, 0], aligned_edge=UP)
        self.rules.next_to(self.valley_line, DOWN, buff=0.3)
        assert self.rules.get_left()[0] > SAFE_LEFT and self.rules.get_right()[0] < SAFE_RIGHT, self.rules.get_right()
        # both first steps (per coordinate) as bars on one scale
        f_ag, f_rms = abs(float(self.first_ag[0])), abs(float(self.first_rms[0]))
        top_f = 0.1 * math.ceil(max(f_ag, f_rms) / 0.1 - 1e-6)
        bx0, bx1 = -2.2, SAFE_RIGHT - 1.6
        unit = (bx1 - bx0) / top_f
        y_bar = self.rules.get_bottom()[1] - 0.62
        self.first_bars = VGroup()
        for i, (name, col_, f) in enumerate((("AdaGrad", AG_COLOR, f_ag), ("RMSprop", RMS_COLOR, f_rms))):
            y = y_bar - 0.75 * i
            bar = Line([bx0, y, 0], [bx0 + f * unit, y, 0], stroke_color=col_, stroke_width=26)
            nm = text(name, "label", color=col_).next_to([bx0, y, 0], LEFT, buff=0.3)
            val = text(f"{f:.2g}", "label", color=col_).next_to(bar, RIGHT, buff=0.2)
            self.first_bars.add(VGroup(bar, nm, val))
        y_ax = y_bar - 0.75 - 0.5
        self.first_axis = VGroup(Line([bx0, y_ax, 0], [bx1, y_ax, 0], stroke_color=MUTED, stroke_width=2))
        for k in range(int(round(top_f / 0.1)) + 1):
            xk = bx0 + 0.1 * k * unit
            self.first_axis.add(Line([xk, y_ax, 0], [xk, y_ax - 0.08, 0], stroke_color=MUTED, stroke_width=1.5))
            self.first_axis.add(text(format_tick(0.1 * k), "label", color=MUTED).next_to([xk, y_ax - 0.08, 0], DOWN,
                                                                                          buff=0.05))
        self.first_axis.add(text("first step |\u0394\u03b8|, on \u03b8\u2081 and on \u03b8\u2082 alike", "label", color=MUTED)
                            .next_to(self.first_axis, DOWN, buff=0.1).align_to([bx0, 0, 0], LEFT))
        assert self.first_axis.get_bottom()[1] > SAFE_BOTTOM, self.first_axis.get_bottom()[1]
        assert self.first_bars.get_left()[0] > SAFE_LEFT, self.first_bars.get_left()[0]

        def pad(x_):
            return np.concatenate([[np.nan], x_])   # step k shows step k's value

        # (2) a strip of RMSprop's θ₁ squares and their average v; θ₁'s rate for both, large, under it
        w = x1 - x0
        strip_top = STAGE.top - 0.7
        r_bottom = SAFE_BOTTOM + 0.92
        # the two panels share the height evenly (the gap between them holds the lower one's axis title)
        h_panel = (strip_top - r_bottom - 0.75) / 2
        self.sqchart = StepChart(T, log_y=True, y_range=(1e-4, 1.0), width=w, height=h_panel,
                                 y_label="RMSprop, \u03b8\u2081: fresh g\u00b2 and its average v", x_label="",
                                 n_x_ticks=4, font_size=30)
        self.sqchart.shift(RIGHT * (x0 - self.sqchart.frame.get_left()[0])
                           + UP * (strip_top - self.sqchart.frame.get_top()[1]))
        self._thin_ticks(self.sqchart, {"1", "0.01"})
        self._drop_zero_step(self.sqchart)
        self.sq_series = {"g2": self.sqchart.add_series(pad(self.g1sq), TEXT, stroke_width=3.0),
                          "v": self.sqchart.add_series(pad(self.v1), RMS_COLOR, stroke_width=4.5)}
        k_lab = 150
        self.sq_labs = {
            "g2": MathTex(r"g_t^2", font_size=46, color=TEXT).next_to(self.sqchart.c2p(k_lab, self.g1sq[k_lab - 1]),
                                                                       DOWN, buff=0.1),
            # v's name low on the left, under its rise (the gap's label takes the space above v on the right)
            "v": MathTex(r"v_t", font_size=46, color=RMS_COLOR).next_to(self.sqchart.c2p(12, self.v1[11]), DOWN + RIGHT,
                                                                        buff=0.1),
        }
        # the gap between v and g² from the rate's turn on: the old, larger squares v still remembers
        ks = np.arange(self.k_rate_min, T + 1)
        upper = [self.sqchart.c2p(k, self.v1[k - 1]) for k in ks]
        lower = [self.sqchart.c2p(k, self.g1sq[k - 1]) for k in ks[::-1]]
        self.sq_gap = VMobject(fill_color=RMS_COLOR, fill_opacity=0.3, stroke_width=0)
        self.sq_gap.set_points_as_corners([*upper, *lower, upper[0]])
        # the label over the band's right part, just above v (clear of v's right end and of the shaded gap)
        self.sq_gap_lab = text("old, larger squares", "body", color=TEXT)
        x_r = self.sqchart.c2p(T, 1)[0] - 0.5
        # the step under the label's left edge (v falls, so v is highest there): the label sits just above it
        x_l = x_r - self.sq_gap_lab.width
        k_l = int(np.ceil((x_l - self.sqchart.c2p(0, 1)[0]) / (self.sqchart.c2p(T, 1)[0] - self.sqchart.c2p(0, 1)[0]) * T))
        self.sq_gap_lab.move_to([x_r, self.sqchart.c2p(k_l, self.v1[k_l - 1])[1] + 0.1, 0], aligned_edge=DOWN + RIGHT)
        self.sq_gap_lab.add_to_back(BackgroundRectangle(self.sq_gap_lab, color=BACKGROUND, fill_opacity=0.6,
                                                        buff=0.05))
        assert self.sq_gap_lab.get_right()[0] < self.sqchart.c2p(T, 1)[0] - 0.3, self.sq_gap_lab.get_right()[0]
        assert self.sq_gap_lab.get_top()[1] < self.sqchart.frame.get_top()[1], self.sq_gap_lab.get_top()[1]
        assert apart(self.sq_gap_lab, self.sq_labs["v"], 0.5)
        r_top = self.sqchart.frame.get_bottom()[1] - 0.75
        self.rchart = StepChart(T, log_y=True, y_range=(0.01, 1.0), width=w, height=r_top - r_bottom,
                                y_label="\u03b8\u2081's rate (the step per unit of slope, log)", x_label="step",
                                n_x_ticks=4, font_size=30)
        self.rchart.shift(RIGHT * (x0 - self.rchart.frame.get_left()[0]) + UP * (r_top - self.rchart.frame.get_top()[1]))
        self._drop_zero_step(self.rchart)
        assert self.rchart.y_label.get_top()[1] < self.sqchart.frame.get_bottom()[1] - 0.05
        assert self.rchart.x_label.get_bottom()[1] > SAFE_BOTTOM - 0.02, self.rchart.x_label.get_bottom()[1]
        self.r_series = {"adagrad": self.rchart.add_series(pad(self.eff_ag), AG_COLOR, stroke_width=5.0),
                         "rmsprop": self.rchart.add_series(pad(self.eff_rms), RMS_COLOR, stroke_width=5.0)}
        self.rate_labs = {
            # "rate" defined on each curve: the step per unit of slope, γ/√G and γ/√v
            "adagrad": VGroup(text("AdaGrad rate =", "body", color=AG_COLOR),
                              MathTex(rf"{lr} / \sqrt{{{G}}}", font_size=52, color=AG_COLOR)).arrange(RIGHT, buff=0.15),
            "rmsprop": VGroup(text("RMSprop rate =", "body", color=RMS_COLOR),
                              MathTex(rf"{lr} / \sqrt{{{v}}}", font_size=52, color=RMS_COLOR)).arrange(RIGHT, buff=0.15),
        }
        self.rate_labs["adagrad"].next_to(self.rchart.c2p(135, self.eff_ag[134]), DOWN, buff=0.2)
        self.rate_labs["rmsprop"].next_to(self.rchart.c2p(130, self.eff_rms[129]), UP, buff=0.35)
        # (3) the distance to ★, large, drawn to the end, for the ratio
        d_top = STAGE.top - 0.7

        def dist_chart(width, height, y_label):
            ch = StepChart(T, log_y=True, y_range=(0.01, 10.0), width=width, height=height,
                           y_label=y_label, x_label="step", n_x_ticks=4, font_size=30)
            ch.add_series(self.d_ag, AG_COLOR, stroke_width=6.0)
            ch.add_series(self.d_rms, RMS_COLOR, stroke_width=6.0)
            return ch

        bc = self.dchart_big = dist_chart(w - 1.0, d_top - r_bottom, "distance to the minimum \u2605 (log scale)")
        bc.set_progress(T)
        self._drop_zero_step(bc)
        bc.shift(RIGHT * (x0 + 0.5 - bc.frame.get_left()[0]) + UP * (d_top - bc.frame.get_top()[1]))
        self.d_names = {
            "adagrad": text("AdaGrad", "label", color=AG_COLOR).next_to(bc.c2p(200, self.d_ag[200]), UP, buff=0.3),
            "rmsprop": text("RMSprop", "label", color=RMS_COLOR).next_to(bc.c2p(215, self.d_rms[215]), DOWN + LEFT,
                                                                         buff=0.1),
        }
        pa, pr = bc.c2p(T, self.d_ag[-1]), bc.c2p(T, self.d_rms[-1])
        self.gap = DoubleArrow(pr + LEFT * 0.15, pa + LEFT * 0.15, buff=0.0, stroke_width=5, tip_length=0.22,
                               color=TEXT)
        self.end_ag = text(s["d_ag"], "label", color=AG_COLOR).next_to(pa, UP, buff=0.2).shift(LEFT * 0.3)
        self.end_rms = text(s["d_rms"], "label", color=RMS_COLOR).next_to(pr, LEFT, buff=0.35).shift(DOWN * 0.3)
        self.ratio_stamp = self.stamp(f"\u00d7{s['ratio']} closer", color=TEXT)
        self.ratio_stamp.move_to(bc.c2p(T, 0.02) + LEFT * 0.3, aligned_edge=RIGHT)

    @staticmethod
    def _thin_ticks(chart, keep):
        """Keep only the tick numbers in ``keep`` (small side charts)."""
        for m in list(chart.ticks):
            if getattr(m, "text", None) is not None and m.text not in keep:
                chart.ticks.remove(m)

    def build_first_steps(self, c2):
        """In the distance chart's free lower left (no axis of its own: plain numbers): each run's first step,
        computed, in its own colour, under a muted title. Then the mark under the larger ε's minimum (the rise
        after it is θ₂ bouncing) and its lowest distance and step, stamped."""
        s = self.say
        T = self.steps
        # live: the step counter and each run's |Δ| at that step (its larger coordinate), from step 1's value on
        self.step_count = LiveValue(np.arange(1, T + 1), fmt=".0f", color=MUTED, chars=3)
        self.step_title = VGroup(text("|\u0394| from step 1 to", "body", color=MUTED), self.step_count)
        self.step_live = [LiveValue(m, color=col_) for m, col_ in zip(self.dd_stepmax, (DD_COLOR, DD2_COLOR))]
        self.step_labs = [VGroup(text(f"{format_tick(e)}: {v} \u2192", "body", color=col_), live)
                          for e, v, col_, live in zip(self.dd_eps, (s["dd1"], s["dd2"]), (DD_COLOR, DD2_COLOR),
                                                      self.step_live)]
        for row, ref in ((self.step_title, -1), *((r, 0) for r in self.step_labs)):
            row.arrange(RIGHT, buff=0.15)
            # the number's baseline on the text's ("o" of "to", "1" of "1e−6": no descender)
            row[1].shift(UP * (row[0][ref].get_bottom()[1] - row[1].get_bottom()[1]))
        block = VGroup(self.step_title, *self.step_labs).arrange(DOWN, buff=0.02, aligned_edge=LEFT)
        block.move_to(c2.c2p(0, 0.01) + UP * 0.2 + RIGHT * 0.4, aligned_edge=DOWN + LEFT)
        self.step_back = BackgroundRectangle(block, color=BACKGROUND, fill_opacity=0.85, buff=0.04)
        self.step_frame = VGroup(self.step_back, self.step_title)
        # the block stays under every distance line and name over its steps
        k_right = int(np.ceil((block.get_right()[0] - c2.c2p(0, 1)[0]) / (c2.c2p(1, 1)[0] - c2.c2p(0, 1)[0]))) + 3
        ks = np.arange(0, k_right)
        top_free = min(float(np.min([c2.c2p(k, d[k])[1] for k in ks])) for d in (self.d_ag, self.d_rms, self.d_dd[1]))
        assert self.step_back.get_top()[1] < top_free - 0.1, (self.step_back.get_top()[1], top_free)
        assert self.step_back.get_top()[1] < self.rms_ref_name.get_bottom()[1] - 0.1
        assert apart(self.step_back, self.dd_line_names[1], 0.08), "block clear of the larger ε's name"
        # the larger ε dips lowest, then drifts back out (θ₂ bouncing): its lowest distance and step, stamped in
        # the free lower left (it takes the first steps' place once they are said), a dot on the dip
        s["dd_min_step"] = f"{self.dd_min_step}"
        rows = VGroup(text(f"lowest: {s['dd_min']}", "body", color=DD2_COLOR),
                      text(f"at step {s['dd_min_step']}", "body", color=DD2_COLOR)).arrange(DOWN, buff=0.1,
                                                                                        aligned_edge=LEFT)
        self.dd_dip = Dot(c2.c2p(self.dd_min_step, self.dd_min), radius=0.08, color=DD2_COLOR)
        self.dd_ratio_stamp = VGroup(BackgroundRectangle(rows, color=PANEL, fill_opacity=0.9, buff=0.12,
                                                         corner_radius=0.1), rows)
        self.dd_ratio_stamp.move_to(block.get_corner(DOWN + LEFT), aligned_edge=DOWN + LEFT)
        assert self.dd_ratio_stamp.get_top()[1] < top_free - 0.1
        # the larger ε's distance turns up after its minimum: θ₂ bouncing (marked before the θ₂ picture)
        # the larger ε's name grows into "ε = 1e−4: θ₂ bounces" in its place, under the dip and the rise after it
        self.bounce_mark = text(f"\u03b5 = {format_tick(self.dd_eps[1])}: \u03b8\u2082 bounces", "body",
                                color=DD2_COLOR)
        self.bounce_mark.move_to(self.dd_line_names[1].get_corner(DOWN + RIGHT) + (LEFT + UP) * 0.05,
                                 aligned_edge=DOWN + RIGHT)
        k_b = int((self.bounce_mark.get_left()[0] - c2.c2p(0, 1)[0]) / (c2.c2p(1, 1)[0] - c2.c2p(0, 1)[0])) - 2
        assert self.bounce_mark.get_top()[1] < min(float(c2.c2p(k, self.d_dd[1][k])[1]) for k in range(k_b, T + 1)) \
            - 0.08, "the bounce mark under the line"
        self.bounce_mark.add_to_back(BackgroundRectangle(self.bounce_mark, color=BACKGROUND, fill_opacity=0.75,
                                                         buff=0.05))
        assert apart(self.bounce_mark, self.dd_ratio_stamp, 0.1), "ratio stamp clear of the bounce mark"
        assert self.bounce_mark.get_bottom()[1] > c2.c2p(0, 0.01)[1] - 0.02, self.bounce_mark.get_bottom()[1]

    def build_adadelta(self):
        """Beat 4. (A) the rule, large, in the middle: RMSprop's step with γ swapped for √(u + ε), and the rules
        of its two averages; then step 1 worked on the large rule: u₀ = 0, so |Δ₁| ≈ √(ε / (1 − ρ)). (B-C) the
        rule shrinks to a strip across the top; under it, the hero: distance to ★ (log) against step, AdaGrad and
        RMSprop faint for reference, both AdaDelta runs drawn in step and named on their lines, the larger ε's
        distance at the last step beside RMSprop's. (D) θ₂ itself against step over θ₂'s rate, v and u (log)."""
        T = self.steps
        v, u, g, eps, rho, d, lr = N.v, N.u, N.grad, N.eps, N.rho, N.delta, N.lr
        s = self.say
        # (A) the rule, large
        fs_big = 60
        self.step_rms = MathTex(rf"{d} = ", lr, rf"\, {g} / \sqrt{{{v}}}", font_size=fs_big)
        self.step_dd = MathTex(rf"{d} = ", rf"\sqrt{{u_{{t-1}} + {eps}}}", rf"\, {g} / \sqrt{{{v} + {eps}}}",
                               font_size=fs_big)
        self.step_dd[1].set_color(DD_COLOR)
        self.step_rms[1].set_color(ALPHA_COLOR)
        self.v_rule = MathTex(rf"{v} = {rho}\, v_{{t-1}} + (1 - {rho})\, {g}^2", font_size=fs_big - 8, color=MUTED)
        self.u_rule = MathTex(rf"{u} = {rho}\, u_{{t-1}} + (1 - {rho})\, ", r"\Delta_t^2", font_size=fs_big)
        self.u_rule[1].set_color(DD_COLOR)
        # ρ and the memory it gives: 1 / (1 − ρ) = 10 steps (RMSprop's α = 0.99 gave 100)
        self.rho_note = MathTex(rf"{rho} = {s['rho']}\ \ (\approx {s['mem_rho']}\text{{ steps}})", font_size=52,
                                color=MUTED)
        self.v_rule.next_to(self.step_dd, DOWN, buff=0.55).align_to(self.step_dd, LEFT)
        self.u_rule.next_to(self.v_rule, DOWN, buff=0.4).align_to(self.step_dd, LEFT)
        self.rho_note.next_to(self.u_rule, RIGHT, buff=0.5).align_to(self.u_rule[0], DOWN)
        self.rule_pic = VGroup(self.step_dd, self.v_rule, self.u_rule, self.rho_note)
        self.rule_pic.move_to([0, STAGE.y + 0.2, 0])
        self.step_rms.shift(RIGHT * (self.step_dd[0].get_left()[0] - self.step_rms[0].get_left()[0])
                            + UP * (self.step_dd[0].get_bottom()[1] - self.step_rms[0].get_bottom()[1]))
        assert self.rule_pic.get_left()[0] > SAFE_LEFT and self.rule_pic.get_right()[0] < SAFE_RIGHT, \
            self.rule_pic.get_right()[0]
        assert self.rule_pic.get_top()[1] < STAGE.top and self.rule_pic.get_bottom()[1] > SAFE_BOTTOM
        # step 1 on the large rule: u₀ = 0 and v₁ = (1 − ρ) g₁² (ε is far below it), so |Δ₁| ≈ √(ε / (1 − ρ))
        one_m = s["one_m_rho"]
        self.sub1 = MathTex(r"\Delta_1 = ", rf"\sqrt{{0 + {eps}}}", rf"\, g_1 / \sqrt{{{one_m}\, g_1^2 + {eps}}}",
                            font_size=fs_big)
        self.sub1[1].set_color(DD_COLOR)
        self.sub2 = MathTex(rf"\approx \sqrt{{{eps} / {one_m}}} = ", s["dd1"], font_size=fs_big)
        self.sub2[1].set_color(DD_COLOR)
        self.sub_note = VGroup(text(f"\u03b5 = {format_tick(self.dd_eps[0])}:", "body", color=DD_COLOR),
                               text("PyTorch's default", "body", color=DD_COLOR)).arrange(DOWN, buff=0.1,
                                                                                         aligned_edge=LEFT)
        # the u rule (and ρ) stay, moved up into the v rule's line; step 1 is worked under them
        self.u_up = UP * (self.v_rule.get_bottom()[1] - self.u_rule.get_bottom()[1])
        self.sub1.next_to(self.u_rule, DOWN, buff=0.5).shift(self.u_up).align_to(self.step_dd, LEFT)
        self.sub2.next_to(self.sub1, DOWN, buff=0.4).align_to(self.sub1[1], LEFT)
        # the default's note in the right half, beside the result (two lines)
        self.sub_note.next_to(self.sub2, RIGHT, buff=0.6)
        self.sub_pic = VGroup(self.sub1, self.sub2, self.sub_note)
        assert self.sub_pic.get_right()[0] < SAFE_RIGHT and self.sub_pic.get_bottom()[1] > SAFE_BOTTOM, \
            (self.sub_pic.get_right()[0], self.sub_pic.get_bottom()[1])
        # (B) the rule as a strip across the top, kept while the runs play: the step and what u, v, ρ are
        self.strip_rule = MathTex(rf"{d} = ", rf"\sqrt{{u_{{t-1}} + {eps}}}", rf"\, {g} / \sqrt{{{v} + {eps}}}",
                                  font_size=54, color=TEXT)
        # two short lines beside the rule: what u and v average, and over how long (ρ = 0.9: about 10 steps)
        self.strip_note = VGroup(text("u, v average \u0394\u00b2, g\u00b2", "body", color=MUTED),
                                 text(f"\u03c1 = {s['rho']}: \u2248 {s['mem_rho']} steps", "body", color=MUTED))
        self.strip_note.arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        self.strip = VGroup(self.strip_rule, self.strip_note).arrange(RIGHT, buff=0.45)
        # under the title slot (the two-line note is the strip's tallest part)
        self.strip.move_to([0, STAGE.top - 0.04, 0], aligned_edge=UP)
        assert self.strip.get_left()[0] > SAFE_LEFT and self.strip.get_right()[0] < SAFE_RIGHT, self.strip.get_right()
        # (C) the hero: distance to ★ (log), its axis title clear of the strip
        x0, x1 = SAFE_LEFT + 1.2, SAFE_RIGHT - 0.35
        c_top, c_bottom = self.strip.get_bottom()[1] - 1.02, SAFE_BOTTOM + 1.05
        c2 = self.dchart2 = StepChart(T, log_y=True, y_range=(0.01, 10.0), width=x1 - x0, height=c_top - c_bottom,
                                      y_label="distance to \u2605 (log)", x_label="step",
                                      n_x_ticks=4, font_size=SIZES_BODY)
        c2.shift(RIGHT * (x0 - c2.frame.get_left()[0]) + UP * (c_top - c2.frame.get_top()[1]))
        self._drop_zero_step(c2)
        assert c2.get_left()[0] > SAFE_LEFT - 0.01, c2.get_left()[0]
        assert c2.width > 0.55 * FRAME_W, c2.width
        assert c2.get_top()[1] < self.strip.get_bottom()[1] - 0.1, (c2.get_top()[1], self.strip.get_bottom()[1])
        self.ag_ref = c2.add_series(self.d_ag, AG_COLOR, stroke_width=4.0, opacity=0.55, head=False)
        self.rms_ref = c2.add_series(self.d_rms, RMS_COLOR, stroke_width=4.0, opacity=0.55, head=False)
        c2.set_progress(T)
        self.ag_ref_name = text("AdaGrad", "label", color=AG_COLOR).next_to(c2.c2p(235, self.d_ag[235]), UP, buff=0.12)
        self.rms_ref_name = text("RMSprop", "label", color=RMS_COLOR)
        self.rms_ref_name.next_to(c2.c2p(45, self.d_rms[45]), DOWN, buff=0.3)
        self.dd_dist = []
        for k, col_ in enumerate((DD_COLOR, DD2_COLOR)):
            ser = c2.add_series(self.d_dd[k], col_, stroke_width=6.0)
            c2.remove(ser)
            c2.series.remove(ser)
            ser.set_progress(0)
            ser.set_z_index(3)
            self.dd_dist.append(ser)
        k_pink = int(np.argmax(self.d_dd[1] < 0.5))
        self.dd_line_names = [
            text(f"\u03b5 = {format_tick(self.dd_eps[0])}", "body", color=DD_COLOR)
            .next_to(c2.c2p(T, self.d_dd[0][-1]), UP, buff=0.12).align_to(c2.c2p(T, 1), RIGHT),
            text(f"\u03b5 = {format_tick(self.dd_eps[1])}", "body", color=DD2_COLOR),
        ]
        # the larger ε's name below its own line, under the dip on the right (no other line runs there)
        pink_nm = self.dd_line_names[1]
        pink_nm.move_to(c2.c2p(T, 0.01) + LEFT * 0.08 + UP * 0.1, aligned_edge=DOWN + RIGHT)
        dx = c2.c2p(1, 1)[0] - c2.c2p(0, 1)[0]
        k_a = int((pink_nm.get_left()[0] - c2.c2p(0, 1)[0]) / dx) - 2
        line_low = min(float(c2.c2p(k, self.d_dd[1][k])[1]) for k in range(k_a, T + 1))
        assert pink_nm.get_top()[1] < line_low - 0.08, (pink_nm.get_top()[1], line_low)
        assert k_pink > 0
        for nm in self.dd_line_names:
            nm.add_to_back(BackgroundRectangle(nm, color=BACKGROUND, fill_opacity=0.75, buff=0.05))
        self.build_first_steps(c2)
        # u feeds on its own steps: a loop under the strip rule from Δ back into u, named right of the axis title
        d_glyph, root = self.strip_rule[0][0], self.strip_rule[1]
        y_loop = self.strip_rule.get_bottom()[1] - 0.02
        p_from = np.array([d_glyph.get_center()[0], y_loop, 0])
        p_to = np.array([root.get_left()[0] + 0.42, y_loop, 0])
        self.loop_arrow = CurvedArrow(p_from, p_to, angle=1.0, color=DD_COLOR, stroke_width=4, tip_length=0.2)
        self.loop_lab = text("small \u0394 \u2192 small u \u2192 small \u0394", "body", color=DD_COLOR)
        self.loop_lab.next_to(c2.y_label, RIGHT, buff=0.5).align_to(c2.y_label, DOWN)
        assert self.loop_lab.get_right()[0] < SAFE_RIGHT, self.loop_lab.get_right()[0]
        assert self.loop_lab.get_top()[1] < self.strip.get_bottom()[1] - 0.05, self.loop_lab.get_top()[1]
        assert self.loop_arrow.get_bottom()[1] > c2.y_label.get_top()[1] + 0.03, self.loop_arrow.get_bottom()[1]
        self.loop_pic = VGroup(self.loop_arrow, self.loop_lab)
        # (D) the last sentence's stage: the distance chart goes; the hero is θ₂ itself against step
        # (the larger ε, signed, zoomed on ★'s row so the swing shows), over θ₂'s rate, v and u (log) with the
        # steep side's limit 2/λ₂ and the value the rate heads for once u and v sink below ε: √ε/√ε = 1
        rate2 = self.dd[1].effective_lr[:, 1]
        th2 = self.dd[1].positions[:, 1]
        wx0, wx1 = SAFE_LEFT + 1.45, SAFE_RIGHT - 0.35
        y_zoom = 0.07
        h_top, h_bottom = self.strip.get_bottom()[1] - 0.75, -0.95
        hc = self.th2_hero = StepChart(T, y_range=(-y_zoom, y_zoom), width=wx1 - wx0, height=h_top - h_bottom,
                                       y_label=f"\u03b8\u2082, \u03b5 = {format_tick(self.dd_eps[1])} (\u2605 at 0)",
                                       x_label="", n_x_ticks=4, font_size=SIZES_BODY)
        hc.shift(RIGHT * (wx0 - hc.frame.get_left()[0]) + UP * (h_top - hc.frame.get_top()[1]))
        self._drop_zero_step(hc)
        # θ₂'s curvature (f = … + 5θ₂², slope 10θ₂): the 10 of the limit 2/10, on the title's line
        self.curv_lab = text(f"\u03b8\u2082's curvature: {self.lam2:g}", "body", color=TEXT)
        self.curv_lab.next_to(hc.y_label, RIGHT, buff=0.6).align_to(hc.y_label, DOWN)
        assert self.curv_lab.get_right()[0] < SAFE_RIGHT, self.curv_lab.get_right()[0]
        # outside the zoom the line is left out (it comes down from θ₂ = 2)
        th2_shown = np.where(np.abs(th2) <= y_zoom, th2, np.nan)
        self.th2_pos = hc.add_series(th2_shown, DD2_COLOR, stroke_width=3.0, head=False)
        hc.remove(self.th2_pos)
        hc.series.remove(self.th2_pos)
        self.th2_pos.set_progress(0)
        self.th2_pos.set_z_index(3)
        k_in = int(np.argmax(np.abs(th2) <= y_zoom))
        self.from_lab = text(f"\u2193 from {self.start[1]:g}", "label", color=DD2_COLOR)
        self.from_lab.next_to(hc.c2p(k_in, y_zoom), LEFT, buff=0.2).align_to(hc.frame, UP)
        assert self.from_lab.get_left()[0] > hc.frame.get_left()[0] + 0.2, self.from_lab.get_left()[0]
        assert hc.width > 0.75 * FRAME_W, hc.width
        # θ₂ settled: its u is tiny, its v fades toward ε (one stamp over the flat stretch, right of the descent, before
        # the bounce)
        self.settled_stamp = self.stamp("u \u2248 0, v falls", color=TEXT, size="label")
        self.settled_stamp.move_to(hc.c2p(self.dd_bounce - 3, 0.03 * y_zoom), aligned_edge=DOWN + RIGHT)
        k_l = int((self.settled_stamp.get_left()[0] - hc.c2p(0, 0)[0]) / (hc.c2p(1, 0)[0] - hc.c2p(0, 0)[0])) - 2
        assert np.all(np.abs(th2[k_l:self.dd_bounce - 3]) < 0.1 * y_zoom), (k_l, int(np.argmax(np.abs(th2) < 0.1 * y_zoom)))
        assert apart(self.settled_stamp, self.curv_lab, 0.05), self.settled_stamp.get_top()[1]
        assert apart(self.settled_stamp, self.from_lab, 0.1), "stamp clear of the start"
        # θ₂'s rate alone, on a linear 0-1 axis; above the steep side's limit 2/λ₂ = 0.2 shaded: unstable
        strip_bottom = SAFE_BOTTOM + 0.45
        strip_top = hc.frame.get_bottom()[1] - 0.62
        st = self.th2chart = StepChart(T, y_range=(0.0, 1.0), width=wx1 - wx0, height=strip_top - strip_bottom,
                                       y_label="", x_label="", n_x_ticks=4, font_size=SIZES_LABEL)
        st.shift(RIGHT * (wx0 - st.frame.get_left()[0]) + UP * (strip_top - st.frame.get_top()[1]))
        self._drop_zero_step(st)
        self._thin_ticks(st, {"0", "1", "100", "200", "300"})
        lim = self.limit
        y_lim = st.c2p(0, lim)[1]
        self.lim_tick = text(s["limit"], "label", color=TEXT).next_to([st.frame.get_left()[0], y_lim, 0], LEFT,
                                                                       buff=0.12)
        st.add(self.lim_tick)
        self.th2_series = st.add_series(np.concatenate([[np.nan], rate2]), DD2_COLOR, stroke_width=4.5, head=False)
        st.remove(self.th2_series)
        st.series.remove(self.th2_series)
        self.th2_series.set_progress(0)
        self.unstable = Polygon(st.c2p(0, lim), st.c2p(T, lim), st.c2p(T, 1.0), st.c2p(0, 1.0), stroke_width=0,
                                fill_color=DD2_COLOR, fill_opacity=0.14)
        self.limit_line = DashedLine([st.frame.get_left()[0], y_lim, 0], [st.frame.get_right()[0], y_lim, 0],
                                     stroke_color=TEXT, stroke_width=2.5)
        # why 0.2: the steep side's slope is λ₂θ₂ (f = … + 5θ₂², slope 10θ₂), so GD steps above 2/λ₂ overshoot
        self.limit_lab = text(f"unstable above 2/{self.lam2:g}", "body", color=TEXT)
        self.limit_lab.move_to(st.c2p(4, 0.93), aligned_edge=UP + LEFT)
        self.rate_name2 = text("\u03b8\u2082's rate", "body", color=DD2_COLOR)
        # left of its own climb, halfway up (the band's label is above, the bounce's label right of the peak)
        k_half = int(np.argmax(rate2 > 0.5))
        self.rate_name2.move_to(st.c2p(k_half + 1, 0.5) + LEFT * 0.2, aligned_edge=RIGHT)
        assert apart(self.rate_name2, self.limit_lab, 0.05), "rate name clear of the band's label"
        # after the bounce: v refilled, the rate held at the edge (on the right, above the flat stretch)
        k_top = int(np.argmax(rate2))
        self.refill_lab = VGroup(text("v refilled:", "body", color=TEXT),
                                 text(f"just over {s['limit']}", "body", color=TEXT))
        self.refill_lab.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        self.refill_lab.move_to(st.c2p(T, 0.55) + LEFT * 0.12, aligned_edge=RIGHT)
        assert self.refill_lab.get_right()[0] < st.frame.get_right()[0] - 0.1, self.refill_lab.get_right()[0]
        assert self.refill_lab.get_left()[0] > st.c2p(k_top + 4, 0)[0], (self.refill_lab.get_left()[0], k_top)
        # the band's label over the left part (the rate reaches the label's height only near its peak)
        k_high = int(np.argmax(rate2 > st.y_range[1] * 0 + (self.limit_lab.get_bottom()[1] - st.c2p(0, 0)[1])
                               / (st.c2p(0, 1)[1] - st.c2p(0, 0)[1])))
        assert self.limit_lab.get_right()[0] < st.c2p(k_high - 3, 0)[0], (self.limit_lab.get_right()[0], k_high)
        assert st.get_bottom()[1] > SAFE_BOTTOM - 0.02, st.get_bottom()[1]
        # the step where θ₂'s rate passes the limit (θ₂ is still ≈ 0 there: the swing grows from nothing), marked
        # on both charts: a dot on the rate, a dashed line up through θ₂'s trace, and the step named
        kc = self.dd_limit_cross
        p_cross = st.c2p(kc, rate2[kc - 1])
        self.cross_dot = Dot(p_cross, radius=0.08, color=TEXT).set_z_index(4)
        # up to θ₂'s trace at that step: still on ★'s row (under the stamp)
        self.cross_line = DashedLine(p_cross, hc.c2p(kc, 0), stroke_color=TEXT, stroke_width=2.0,
                                     stroke_opacity=0.8)
        self.cross_lab = text(f"rate > {s['limit']} at step {kc}", "body", color=TEXT)
        # under ★'s row, left of the line (θ₂ comes down from above and stays ≥ 0 until the bounce)
        self.cross_lab.move_to([p_cross[0] - 0.15, hc.c2p(0, -0.45 * y_zoom)[1], 0], aligned_edge=RIGHT)
        k_cl = int((self.cross_lab.get_left()[0] - hc.c2p(0, 0)[0]) / (hc.c2p(1, 0)[0] - hc.c2p(0, 0)[0])) - 2
        assert np.all(th2[max(k_cl, 0):kc] > -0.1 * y_zoom), "θ₂ stays above the step label"
        self.cross_lab.add_to_back(BackgroundRectangle(self.cross_lab, color=BACKGROUND, fill_opacity=0.8, buff=0.05))
        self.cross_mark = VGroup(self.cross_line, self.cross_dot, self.cross_lab)
        assert apart(self.cross_lab, self.from_lab, 0.1), "step label clear of the start"
        assert apart(self.cross_lab, self.settled_stamp, 0.05), "step label clear of the stamp"
        assert self.settled_stamp.get_bottom()[1] > hc.c2p(kc, 0)[1], "the line ends under the stamp"
        assert self.cross_lab.get_top()[1] < hc.c2p(0, -0.1 * y_zoom)[1], self.cross_lab.get_top()[1]
        assert self.cross_lab.get_bottom()[1] > hc.frame.get_bottom()[1], self.cross_lab.get_bottom()[1]
        assert c2.x_label.get_bottom()[1] > SAFE_BOTTOM - 0.02, c2.x_label.get_bottom()[1]
        assert self.strip.get_right()[0] < SAFE_RIGHT + 0.01, self.strip.get_right()[0]

    @staticmethod
    def _drop_zero_step(chart):
        """Drop the step axis's "0" (it ran into the lowest y number); the axis starts at step 0 anyway."""
        bottom = chart.frame.get_bottom()[1]
        for m in list(chart.ticks):
            if getattr(m, "text", None) == "0" and m.get_y() < bottom - 0.05:
                chart.ticks.remove(m)

    # ------------------------------------------------------------------ beats
    def never_forgets(self):
        self.build_weights()
        self.claim("AdaGrad's total only grows", np.all(np.diff(self.ag.state["sum"][:, 0]) >= 0))
        with self.voiceover(text="Chapter six's AdaGrad adds every squared slope to its total G at full weight, "
                                 "forever: the sum only grows.") as tracker:
            self.set_heading("AdaGrad never forgets", run_time=0.4)
            # RMSprop's row, still empty, dimmed under AdaGrad's (its step axis is the shared one)
            self.rms_ghost = VGroup(self.rms_row.top_line, self.rms_row.axis, self.rms_row.ticks).copy()
            self.rms_ghost.set_opacity(0.3)
            self.play(FadeIn(self.ag_head), FadeIn(self.ag_row), FadeIn(self.x_ticks), FadeIn(self.x_cap),
                      FadeIn(self.counter), FadeIn(self.ag_sum), FadeIn(self.rms_ghost), run_time=0.5)
            self.play(DrawSteps(self.ag_row, end=self.steps), DrawSteps(self.counter, end=self.steps),
                      DrawSteps(self.ag_sum, end=self.steps),
                      run_time=max(1.0, tracker.get_remaining_duration() - 1.0))
            self.play(FadeIn(self.ag_note), run_time=0.6)

    def fading_average(self):
        s = self.say
        T = self.steps
        self.claim(f"a square {s['k_old']} steps old counts {s['w_old']}", abs(self.w_old - float(s["w_old"])) < 0.005)
        self.claim(f"so v is an average over about {s['mem']} steps (times one minus alpha its weights add up to "
                   f"{s['v_wsum']})",
                   abs(self.v_wsum - 1) < 0.1 and s["v_wsum"] == f"{self.rms_sum.value(T):.2f}"
                   and abs(self.w_sum - self.mem) / self.mem < 0.1, f"{self.v_wsum:.3f}")
        self.counter.set_progress(0)
        self.counter.num.set_color(RMS_COLOR)
        with self.voiceover(text=f"RMSprop keeps a fading average instead: each step multiplies the old squares "
                                 f"by alpha, {s['alpha']}.") as tracker:
            self.set_heading("RMSprop: a fading average")
            self.play(FadeIn(self.rms_head), FadeIn(self.rms_row), FadeIn(self.rms_sum), FadeOut(self.rms_ghost),
                      run_time=0.8)
            k_say = int(0.7 * T)
            self.play(DrawSteps(self.rms_row, end=k_say), DrawSteps(self.counter, end=k_say),
                      DrawSteps(self.rms_sum, end=k_say), run_time=max(1.0, 0.72 * tracker.duration - 0.8))
            self.play(FadeIn(self.alpha_stamp), FadeIn(self.rms_note), run_time=0.5)
            self.play(DrawSteps(self.rms_row, end=T), DrawSteps(self.counter, end=T), DrawSteps(self.rms_sum, end=T),
                      run_time=max(0.6, tracker.get_remaining_duration()))
        with self.voiceover(text=f"A square {s['k_old']} steps old counts {s['w_old']}. So v is an average over "
                                 f"about {s['mem']} steps.") as tracker:
            self.play(Create(self.old_line), FadeIn(self.old_dot, scale=1.5), FadeIn(self.old_lab), run_time=0.8)
            self.until(tracker, 0.55)
            self.play(Indicate(self.rms_sum.num, color=RMS_COLOR), FadeIn(self.avg_note), run_time=0.5)
            self.play(FadeIn(self.mem_brace), FadeIn(self.mem_back), FadeIn(self.mem_lab), run_time=0.6)
        self.wait(0.2)

    def race(self):
        s = self.say
        self.build_race()
        T = self.steps
        kr = self.k_rate_min
        self.claim("both take the same first step", np.allclose(self.first_ag, self.first_rms, rtol=1e-5))
        self.claim(f"gamma {s['lr_rms']} over the root of one minus alpha is {s['first']}",
                   abs(self.rms_lr / self.sqrt_one_minus - abs(self.first_rms[0])) < 1e-4)
        self.claim("the slopes shrink, so the old, larger squares fade out of v",
                   bool(np.all(np.diff(self.g1sq) < 0) and np.all(np.diff(self.v1[kr - 1:]) < 0)
                        and np.all(self.v1[kr:] > self.g1sq[kr:])), f"rate lowest at step {kr}")
        self.claim("and RMSprop's rate climbs back, while AdaGrad's can only fall",
                   self.eff_rms[-1] > 2 * self.eff_rms.min() and bool(np.all(np.diff(self.eff_ag) <= 1e-12)))
        self.claim(f"by step {T} RMSprop is {s['ratio']} times closer", self.ratio > 3, f"{self.ratio:.3g}")
        weights_pic = VGroup(self.ag_head, self.ag_row, self.ag_note, self.rms_head, self.rms_row, self.ag_sum,
                             self.rms_sum, self.avg_note, self.alpha_stamp, self.rms_note, self.x_ticks, self.x_cap, self.counter,
                             self.old_line, self.old_dot, self.old_lab, self.mem_brace, self.mem_back, self.mem_lab)
        r_ag, r_rms, r_v1, r_first = self.rules
        with self.voiceover(text=f"With gamma {s['lr_rms']}, RMSprop's first step equals AdaGrad's: "
                                 f"{s['first']}.") as tracker:
            # cross-fade: the weight rows leave as the rules come
            self.play(FadeOut(weights_pic), FadeIn(self.valley_line), FadeIn(r_ag), FadeIn(r_rms), run_time=0.5)
            self.set_heading(f"AdaGrad \u03b3 = {s['lr_ag']} vs RMSprop \u03b3 = {s['lr_rms']}", run_time=0.5)
            self.until(tracker, 0.3)
            self.play(FadeIn(r_v1), run_time=0.5)
            self.play(FadeIn(r_first), run_time=0.5)
            self.until(tracker, 0.45)
            self.play(FadeIn(self.first_axis), *[GrowFromEdge(b[0], LEFT) for b in self.first_bars],
                      *[FadeIn(b[1]) for b in self.first_bars], run_time=0.8)
            self.play(*[FadeIn(b[2]) for b in self.first_bars], run_time=0.4)
        self.wait(0.2)
        charts = (self.sqchart, self.rchart)
        with self.voiceover(text="The slopes shrink, so the old, larger squares fade out of v, and RMSprop's rate "
                                 "climbs back, while AdaGrad's can only fall.") as tracker:
            self.play(FadeOut(self.rules), FadeOut(self.first_bars), FadeOut(self.first_axis), FadeOut(self.valley_line),
                      FadeIn(self.sqchart),
                      FadeIn(self.rchart), run_time=0.4)
            self.play(*[c.draw(end=kr) for c in charts], run_time=max(1.0, 0.2 * tracker.duration - 0.75))
            self.play(*[c.draw(end=T) for c in charts], FadeIn(self.sq_labs["g2"]), FadeIn(self.sq_labs["v"]),
                      run_time=max(1.0, 0.2 * tracker.duration))
            # the gap v keeps above g², named as the voice says "the old, larger squares"
            self.play(FadeIn(self.sq_gap), FadeIn(self.sq_gap_lab), run_time=0.5)
            self.until(tracker, 0.5)
            self.play(FadeIn(self.rate_labs["rmsprop"]), FadeIn(self.rate_labs["adagrad"]), run_time=0.35)
            self.play(Indicate(self.rate_labs["rmsprop"], color=RMS_COLOR), run_time=0.8)
            self.until(tracker, 0.8)
            self.play(Indicate(self.rate_labs["adagrad"], color=AG_COLOR), run_time=0.8)
        self.wait(0.4)
        with self.voiceover(text=f"By step {T} it is {s['ratio']} times closer to the minimum.") as tracker:
            self.play(FadeOut(self.sqchart), FadeOut(self.rchart), FadeOut(self.sq_gap), FadeOut(self.sq_gap_lab),
                      *[FadeOut(m) for m in (*self.rate_labs.values(), *self.sq_labs.values())], run_time=0.4)
            self.play(FadeIn(self.dchart_big), FadeIn(self.d_names["adagrad"]), FadeIn(self.d_names["rmsprop"]),
                      run_time=0.5)
            self.play(FadeIn(self.end_ag), FadeIn(self.end_rms), run_time=0.4)
            self.play(GrowFromCenter(self.gap), FadeIn(self.ratio_stamp, scale=1.2), run_time=0.7)
        self.wait(0.3)

    def adadelta(self):
        s = self.say
        self.build_adadelta()
        e0, e1 = self.dd_eps
        T = self.steps
        kb, kc = self.dd_bounce, self.dd_limit_cross
        self.claim("PyTorch's AdaDelta has gamma = 1 and eps = 1e-6 by default",
                   self.dd_defaults["lr"] == 1.0 and self.dd_defaults["eps"] == e0)
        self.claim(f"the larger eps is {s['eps_x']} times PyTorch's default", abs(e1 / e0 - float(s["eps_x"])) < 1e-9)
        self.claim("the first step is about the root of eps over one minus rho, on each coordinate",
                   all(abs(a / b - 1) < 0.02 for a, b in zip(self.dd_first, self.dd_first_approx))
                   and all(abs(abs(r.updates[0][1]) / abs(r.updates[0][0]) - 1) < 0.01 for r in self.dd))
        r0 = self.dd[0]
        d_first = self.dd_first[0]
        self.claim("u feeds on its own steps, so a tiny start stays tiny: at the default eps every step stays "
                   "within twice the first, and the run is still over 60 % of its start distance away at the end",
                   bool(np.max(np.abs(r0.updates)) < 2 * d_first and self.d_dd[0][-1] > 0.6 * self.d_dd[0][0]),
                   f"largest step {np.max(np.abs(r0.updates)):.2g}, first {d_first:.2g}")
        m0 = self.dd_stepmax[0]
        self.claim(f"the default eps's |step| goes from {s['dd1']} at step 1 to {m0[-1]:.2g} at step {T}: u feeds "
                   "on its own steps, so a tiny start stays tiny",
                   bool(f"{m0[0]:.2g}" == s["dd1"] and m0.max() < 2 * m0[0] and abs(m0[0] / d_first - 1) < 1e-3),
                   f"largest {m0.max():.3g}")
        th1_end = self.dd[1].positions[-1, 0]
        self.claim("the larger eps's distance rises after its minimum because theta two bounces",
                   bool(abs(th1_end) < 1e-3 and self.d_dd[1][-1] > self.dd_min and kb < self.dd_min_step
                        and abs(abs(self.dd[1].positions[-1, 1]) - self.d_dd[1][-1]) < 1e-3),
                   f"theta1 at the end {th1_end:.1g}")
        self.claim(f"with eps {s['eps_x']} times larger it starts at {s['dd2']}",
                   f"{self.dd_first[1]:.2g}" == s["dd2"])
        far = distance_to(oc.run(self.opt_dd[1], self.ls, self.start, steps=1000).positions, self.goal)
        self.claim(f"it dips to {s['dd_min']} (at step {s['dd_min_step']}), then drifts back out: theta two bounces",
                   bool(f"{self.d_dd[1][self.dd_min_step]:.2g}" == s["dd_min"] and kb < self.dd_min_step
                        and self.dd_min < self.d_rms[self.dd_min_step] and self.d_dd[1][-1] > self.dd_min
                        and far[-1] > self.d_dd[1][-1] and far[self.dd_min_step:].min() >= self.dd_min - 1e-12),
                   f"lowest {self.dd_min:.3g} at {self.dd_min_step}, {self.d_dd[1][-1]:.3g} at {T}, "
                   f"{far[-1]:.3g} at 1000")
        # why: θ₂ settles (its slopes vanish), so its v and u sink below ε, and its rate climbs past 2/λ₂
        th2 = self.dd[1].positions[:, 1]
        v2 = self.dd[1].state["square_avg"][:, 1]
        rate2 = self.dd_rate2
        u2 = self.dd[1].state["acc_delta"][:, 1]
        k_peak = int(np.argmax(rate2[:kb]))
        self.claim(f"theta two's u is tiny (under 1 % of epsilon) and its v falls all the way to the bounce (below "
                   f"epsilon at the rate's peak), so its rate climbs past {s['limit']}, the steep side's limit",
                   bool(abs(th2[kc]) < 1e-3 and np.all(np.diff(v2[kc - 60:kb - 1]) < 0)
                        and v2[k_peak] < e1 and np.all(u2[kc:kb] < 0.01 * e1)
                        and np.all(np.diff(rate2[kc - 20:k_peak + 1]) > 0) and rate2[k_peak] > 0.75
                        and rate2[kc - 1] > self.limit >= rate2[kc - 2] and kc < kb),
                   f"crosses 0.2 at step {kc}, peak {rate2[k_peak]:.2f} at step {k_peak + 1}, v {v2[k_peak]:.2g}, "
                   f"bounce from {kb}")
        # "the bounce refills v, holding the rate at the edge": after the bounce v is many times its low, and the
        # rate sits just above the limit (within 3 %), over a run of 1000 steps (the chart shows the first 300)
        long_run = oc.run(self.opt_dd[1], self.ls, self.start, steps=1000)
        lr2 = long_run.effective_lr[:, 1]
        lv2 = long_run.state["square_avg"][:, 1]
        lth2 = np.abs(long_run.positions[:, 1])
        swing = [float(lth2[a:a + 50].max()) for a in range(kb, 1000, 50)]
        self.claim("it bounces; the bounce refills v, so the rate falls back to just above the edge, and the swing "
                   "keeps growing",
                   bool(np.all(th2[kb:-1] * th2[kb + 1:] < 0) and np.all(lv2[kb + 10:] > 10 * v2[:kb].min())
                        and np.all(lr2[kb + 10:] > self.limit) and np.all(lr2[kb + 10:] < 1.03 * self.limit)
                        and np.all(np.diff(swing) > 0)),
                   f"rate after the bounce {lr2[kb + 10:].min():.4f}-{lr2[kb + 10:].max():.4f}, "
                   f"v low {v2[:kb].min():.2g}, after {lv2[kb + 10:].min():.2g}")
        race = (self.dchart_big, self.end_ag, self.end_rms, self.gap, self.ratio_stamp, *self.d_names.values())
        with self.voiceover(text="AdaDelta swaps gamma for the root of u: an average of its own past squared "
                                 "steps.") as tracker:
            self.play(*[FadeOut(m) for m in race], FadeIn(self.step_rms), run_time=0.5)
            self.set_heading("AdaDelta: its own past steps replace \u03b3", run_time=0.4)
            self.play(Indicate(self.step_rms[1], color=ALPHA_COLOR, scale_factor=1.3), run_time=0.5)
            # only γ turns into √(u + ε); the rest cross-fades in place
            self.remove(self.step_rms[0])
            self.add(self.step_dd[0])
            self.play(FadeOut(self.step_rms[2]), run_time=0.25)
            self.play(FadeTransform(self.step_rms[1], self.step_dd[1]), FadeIn(self.step_dd[2]), run_time=0.6)
            self.play(FadeIn(self.v_rule), run_time=0.4)
            self.until(tracker, 0.5)
            self.play(FadeIn(self.u_rule), FadeIn(self.rho_note), run_time=0.5)
            self.play(Indicate(self.u_rule[1], color=DD_COLOR, scale_factor=1.3),
                      run_time=max(0.6, tracker.get_remaining_duration()))
        with self.voiceover(text=f"But u starts at zero, so epsilon sets the first step: {s['dd1']} at "
                                 "PyTorch's default.") as tracker:
            # step 1 worked on the large rule: u₀ = 0, v₁ = (1 − ρ) g₁²
            self.play(FadeOut(self.v_rule), VGroup(self.u_rule, self.rho_note).animate.shift(self.u_up),
                      run_time=0.4)
            self.play(FadeIn(self.sub1), run_time=0.4)
            self.play(Indicate(self.sub1[1], color=DD_COLOR, scale_factor=1.2), run_time=0.6)
            self.until(tracker, 0.38)
            self.play(FadeIn(self.sub2[0]), run_time=0.5)
            self.until(tracker, 0.55)
            self.play(FadeIn(self.sub2[1], scale=1.3), FadeIn(self.sub_note), run_time=0.45)
        # the rule shrinks into the strip and the default ε's run crawls; its |Δ| ticks with the run (live)
        with self.voiceover(text="And u feeds on its own steps: a tiny start stays tiny.") as tracker:
            self.play(FadeTransform(self.step_dd, self.strip_rule), FadeOut(self.sub_pic),
                      FadeOut(VGroup(self.u_rule, self.rho_note)), FadeIn(self.strip_note),
                      FadeIn(self.dchart2), FadeIn(self.ag_ref_name), FadeIn(self.rms_ref_name),
                      FadeIn(self.step_frame), FadeIn(self.step_labs[0]), run_time=0.6)
            self.add(self.dd_dist[0])
            # the default ε's run barely moves, drawn over the rest of the sentence, its step size ticking
            # the loop on the rule as the voice says "feeds on its own steps"
            k1 = T // 4
            self.play(DrawSteps(self.dd_dist[0], end=k1), DrawSteps(self.step_count, start=1, end=k1),
                      DrawSteps(self.step_live[0], start=1, end=k1), Create(self.loop_arrow),
                      FadeIn(self.loop_lab), run_time=0.9)
            self.play(DrawSteps(self.dd_dist[0], end=T), DrawSteps(self.step_count, end=T),
                      DrawSteps(self.step_live[0], end=T), FadeIn(self.dd_line_names[0]),
                      run_time=max(0.8, tracker.get_remaining_duration()))
        with self.voiceover(text=f"With epsilon {s['eps_x']} times larger, it starts at {s['dd2']}.") as tracker:
            self.set_heading("AdaDelta: \u03b5 is now the knob", run_time=0.5)
            self.add(self.dd_dist[1])
            self.step_count.set_progress(1)
            self.step_live[0].set_progress(1)
            self.step_live[1].set_progress(1)
            self.play(FadeIn(self.step_labs[1]), DrawSteps(self.dd_dist[1], end=1), run_time=0.4)
            # drawn to the last step: where it ends, beside RMSprop; both rows tick at the drawn step
            self.play(DrawSteps(self.dd_dist[1], end=T),
                      *[DrawSteps(m, start=1, end=T) for m in (self.step_count, *self.step_live)],
                      run_time=max(1.5, tracker.get_remaining_duration() - 0.5))
            self.play(FadeIn(self.dd_line_names[1]), run_time=0.5)
        with self.voiceover(text=f"It dips to {s['dd_min']}, then bounces out.") as tracker:
            self.play(FadeOut(self.step_frame), *[FadeOut(m) for m in self.step_labs],
                      FadeIn(self.dd_ratio_stamp, scale=1.2), FadeIn(self.dd_dip, scale=1.5), run_time=0.5)
            self.until(tracker, 0.5)
            self.play(FadeOut(self.dd_line_names[1]), FadeIn(self.bounce_mark), run_time=0.4)
        pink = (self.th2_pos, self.th2_series)
        dist_pic = Group(self.dchart2, *self.dd_dist, self.dd_line_names[0], self.ag_ref_name, self.rms_ref_name,
                         self.loop_pic, self.bounce_mark, self.dd_ratio_stamp,
                         self.dd_dip)
        with self.voiceover(text=f"Theta two's u is tiny and its v fades, so its rate passes {s['limit']}, "
                                 "the steep side's limit, then falls back to just above it: the swing keeps "
                                 "growing.") as tracker:
            self.th2_pos.set_progress(kb - 60)
            self.th2_series.set_progress(kb - 60)
            self.play(FadeOut(dist_pic), run_time=0.4)
            self.play(FadeIn(self.th2_hero), FadeIn(self.th2_pos), FadeIn(self.from_lab), FadeIn(self.th2chart),
                      FadeIn(self.th2_series), FadeIn(self.unstable), FadeIn(self.limit_line), FadeIn(self.limit_lab),
                      FadeIn(self.curv_lab), run_time=0.5)
            self.play(FadeIn(self.settled_stamp, scale=1.2), run_time=0.5)
            self.until(tracker, 0.2)
            # the rate climbs into the shaded band as the voice says it; the step it passes the limit is marked
            self.play(*[DrawSteps(m, end=kc) for m in pink], FadeIn(self.rate_name2),
                      run_time=max(0.6, 0.15 * tracker.duration))
            self.play(FadeIn(self.cross_mark), *[DrawSteps(m, end=kc + 12) for m in pink], run_time=0.5)
            self.play(*[DrawSteps(m, end=kb - 2) for m in pink], run_time=max(0.5, 0.15 * tracker.duration - 0.5))
            self.until(tracker, 0.55)
            self.play(*[DrawSteps(m, end=self.dd_min_step) for m in pink], run_time=max(0.8, 0.12 * tracker.duration))
            self.play(FadeIn(self.refill_lab), *[DrawSteps(m, end=T) for m in pink],
                      run_time=max(0.6, tracker.get_remaining_duration()))

    def valley_coeffs(self):
        """The valley's coefficients from its curvatures (f = ½ λ₁θ₁² + ½ λ₂θ₂²), checked at the start."""
        H = self.ls.hessian(self.goal)
        c1, c2 = H[0, 0] / 2, H[1, 1] / 2
        assert abs(self.ls.f(self.start) - (c1 * self.start[0] ** 2 + c2 * self.start[1] ** 2)) < 1e-9
        return c1, c2

    def caption(self):
        """What was run, in one line in the title's place (the final hold): the racers' settings and the valley."""
        # the valley's coefficients from its curvatures (f = ½ λ₁θ₁² + ½ λ₂θ₂²), checked at the start
        c1, c2 = self.valley_coeffs()
        e0, e1 = (format_tick(e) for e in self.dd_eps)
        # three lines, body size: the racers, AdaDelta's two ε, the valley
        cap = VGroup(text(f"AdaGrad \u03b3 {self.ag_lr:g} \u00b7 RMSprop \u03b3 {self.rms_lr:g}, \u03b1 {self.rms_alpha:g}",
                          "body", color=TEXT),
                     text(f"AdaDelta \u03b5 {e0} and {e1} (PyTorch: \u0394 \u00d7 lr, lr = 1)", "body", color=TEXT),
                     text(f"valley f = {c1:g}\u03b8\u2081\u00b2 + {c2:g}\u03b8\u2082\u00b2 "
                          "(\u03b8\u2081 flat, \u03b8\u2082 steep)", "body", color=TEXT))
        cap.arrange(DOWN, buff=0.12)
        assert cap.width < SAFE_RIGHT - SAFE_LEFT, cap.width
        assert self.heading.get_top()[1] - cap.height > self.th2_hero.y_label.get_top()[1] + 0.1, cap.height
        # from the title's top down over the strip's place (the strip leaves with the title)
        return cap.move_to(self.heading.get_top(), aligned_edge=UP)

    def the_cure(self):
        def row(*parts):
            return VGroup(*parts).arrange(RIGHT, buff=0.12)

        dots = row(Dot(radius=0.11, color=DD_COLOR), Dot(radius=0.11, color=DD2_COLOR))
        cols = [VGroup(text("AdaGrad", "body", color=AG_COLOR), text("rate only falls", "body")),
                VGroup(text("RMSprop", "body", color=RMS_COLOR), text("rate climbs back", "body")),
                VGroup(row(text("AdaDelta", "body", color=DD_COLOR), dots), text("\u03b5 is the knob;", "body"),
                       text("rate can climb", "body"), text("too far", "body"))]
        for c_ in cols:
            c_.arrange(DOWN, buff=0.06, aligned_edge=LEFT)
        lines = VGroup(*cols).arrange(RIGHT, buff=0.6, aligned_edge=UP)
        card = VGroup(BackgroundRectangle(lines, color=PANEL, fill_opacity=0.94, buff=0.14, corner_radius=0.12), lines)
        card.move_to([0, (self.th2_hero.frame.get_bottom()[1] - 0.45 + SAFE_BOTTOM) / 2, 0])
        assert card.get_top()[1] < self.th2_hero.frame.get_bottom()[1] - 0.35, card.get_top()[1]
        assert card.get_bottom()[1] > SAFE_BOTTOM - 0.01, card.get_bottom()[1]
        assert card.get_left()[0] > SAFE_LEFT and card.get_right()[0] < SAFE_RIGHT, card.get_right()[0]
        self.cure_card = card
        self.claim("AdaGrad's rate only falls", np.all(np.diff(self.eff_ag) <= 1e-12))
        self.claim("AdaDelta's rate can climb too far (theta two's, past the steep side's limit)",
                   bool(np.max(self.dd_rate2) > self.limit))
        with self.voiceover(text="Forgetting old squares lets the rate climb back; AdaDelta trades gamma for "
                                 "epsilon."):
            self.set_heading("The cure for AdaGrad's shrinking rate: forget")
            self.play(*[FadeOut(m) for m in (self.th2chart, self.th2_series, self.limit_line, self.limit_lab,
                                             self.unstable, self.refill_lab, self.rate_name2, self.curv_lab,
                                             self.settled_stamp, self.cross_mark)], run_time=0.4)
            self.play(FadeIn(card), run_time=0.8)
