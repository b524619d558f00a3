"""Chapter 9: Adam, AdaMax and NAdam. Adam is momentum (its first moment m) plus RMSprop (its second
moment v); both start at zero, so for a steady gradient m is only 0.1, 0.19, 0.27 ... of it. Dividing by
1 - β^t makes m̂ exact from step 1, and keeps the first step at γ: v's factor 1000 acts under a root
(31.6) and beats m's 10, so uncorrected the first step would be 3.2 γ. AdaMax divides by a running
maximum u: its first step is always γ; seen end-on (the loss along θ₂) it hops from 0.05 past the floor to
-0.25, where the slope 1.0 sets u, which holds it while Adam's √v̂ (fed the same gradients) dilutes it, so AdaMax steps small.
NAdam (Nesterov's look-ahead in Adam) steps with the momentum it will have next step, so late on the fresh gradient is
0.19 of the step with μ = β₁ instead of Adam's 0.1 (0.1 directly, 0.09 inside m̂); PyTorch's μ starts at 0.45 and stays
near it all race (half way to β₁ only by step ~4,200), so its fresh gradient gets about 0.6. Raced with one
untuned γ: θ₂ across the floor (overshoot, settle step); then NAdam with μ held at 0.9 (dashed, blue), which
splits NAdam's win into the look-ahead's part (Adam -> μ = 0.9) and the smaller μ's part.

Render: ``manim -ql scenes/ch09_adam_family.py AdamAdaMaxNAdam``
"""

from __future__ import annotations

import numpy as np
from manim import (
    BackgroundRectangle,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Arrow,
    DashedVMobject,
    DoubleArrow,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    GrowArrow,
    GrowFromEdge,
    Line,
    ORIGIN,
    Rectangle,
    ReplacementTransform,
    Text,
    VGroup,
    UpdateFromAlphaFunc,
    VMobject,
    linear,
)

import optim_core as oc
from optim_core.analysis import (
    adam_denominator,
    bias_correction,
    bias_table_values,
    fresh_gradient_weight,
    momentum_split,
    nadam_mu,
    nadam_parts,
    settle_step,
    steady_gradient_moments,
    steady_v_hat,
)
from scenes.kit import (
    GRADIENT_COLOR,
    HERO,
    MUTED,
    SIDE,
    SYMBOL_COLORS,
    TEXT,
    VELOCITY_COLOR,
    LandscapeMap,
    StepChart,
    TrajectoryPath,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.kit.cross_section import CrossSection
from scenes.kit.charts import Series
from scenes.kit.colour import distinct
from scenes.kit.palette import BACKGROUND, FAINT, PANEL
from scenes.scene import ExplainerScene

__all__ = ["AdamAdaMaxNAdam"]

V_COLOR = SYMBOL_COLORS["v"]
#: chart label size (the kit's ``label`` text size)
LABEL_FS = 30


class LogStepChart(VGroup):
    """A chart with a logarithmic step axis (ticks at the powers of ten) and a linear value axis; curves are
    drawn through every integer step, so ``Create`` draws them in step with each other (belongs in the kit)."""

    def __init__(self, x_range, y_range, *, width: float, height: float, y_ticks=(), x_labels: bool = True,
                 x_label: str = "", y_label: str = "", x_ticks=None):
        super().__init__()
        self.lx = (np.log10(x_range[0]), np.log10(x_range[1]))
        self.y_range = y_range
        self.frame = Rectangle(width=width, height=height, stroke_width=0, fill_opacity=0)
        self.add(self.frame)
        dl = self.frame.get_corner(DOWN + LEFT)
        axes = VGroup(Line(dl, self.c2p(x_range[1], y_range[0]), stroke_color=MUTED, stroke_width=2),
                      Line(dl, self.c2p(x_range[0], y_range[1]), stroke_color=MUTED, stroke_width=2))
        ticks = VGroup()
        if x_ticks is None:  # the powers of ten inside the axis
            x_ticks = [10.0 ** k for k in range(int(np.ceil(self.lx[0] - 1e-9)), int(np.floor(self.lx[1] + 1e-9)) + 1)]
        for xt in x_ticks:
            p = self.c2p(xt, y_range[0])
            ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            if x_labels:
                ticks.add(text(f"{xt:g}", "label", color=FAINT).next_to(p + DOWN * 0.08, DOWN, buff=0.05))
        for v in y_ticks:
            p = self.c2p(x_range[0], v)
            ticks.add(Line(p, p + LEFT * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(text(f"{v:g}", "label", color=FAINT).next_to(p + LEFT * 0.08, LEFT, buff=0.05))
            if v != y_range[0]:
                axes.add(Line(p, self.c2p(x_range[1], v), stroke_color=MUTED, stroke_width=1, stroke_opacity=0.25))
        axes.add(ticks)
        if x_label:
            axes.add(text(x_label, "label", color=TEXT).next_to(ticks, DOWN, buff=0.08).set_x(self.frame.get_x()))
        if y_label:
            self.y_lab = text(y_label, "label", color=TEXT).next_to(VGroup(self.frame, ticks), UP, buff=0.1)
            self.y_lab.align_to(ticks, LEFT)
            axes.add(self.y_lab)
        self.axes = axes
        self.add(axes)

    def c2p(self, t, y) -> np.ndarray:
        dl = self.frame.get_corner(DOWN + LEFT)
        fx = (np.log10(t) - self.lx[0]) / (self.lx[1] - self.lx[0])
        fy = (y - self.y_range[0]) / (self.y_range[1] - self.y_range[0])
        return np.array([dl[0] + fx * self.frame.width, dl[1] + fy * self.frame.height, 0.0])

    def curve(self, ts, ys, color, stroke_width: float = 5) -> VMobject:
        line = VMobject(stroke_color=color, stroke_width=stroke_width)
        line.set_points_as_corners([self.c2p(t, y) for t, y in zip(ts, ys)])
        return line


class DashedSeries(Series):
    """A ``StepChart`` line drawn dashed (a second run in the same colour): the kit's ``Series`` with its
    drawn part cut into dashes of about ``dash`` units (belongs in the kit)."""

    def __init__(self, chart, values, color, *, dash: float = 0.14, **kwargs):
        self.dash = dash
        super().__init__(chart, values, color, **kwargs)

    def set_progress(self, s: float) -> "DashedSeries":
        super().set_progress(s)
        if not hasattr(self, "dashes"):
            self.dashes = VGroup()
            self.add(self.dashes)
        self.line.set_stroke(opacity=0)
        self.dashes.submobjects = []
        anchors = self.line.get_anchors()
        if len(anchors) >= 2:
            length = float(np.sum(np.linalg.norm(np.diff(anchors, axis=0), axis=1)))
            if length > 1e-3:
                shown = self.line.copy().set_stroke(self.color, opacity=1)
                self.dashes.add(*DashedVMobject(shown, num_dashes=max(1, int(length / self.dash)),
                                                dashed_ratio=0.55).submobjects)
        return self


def glyphs_like(formula, symbol: str) -> list:
    """The glyphs of ``formula`` shaped like the lone ``symbol`` (same outline point count and aspect), to light
    one letter of a compiled formula (belongs in the kit)."""
    ref = tex(symbol)[0][0]

    def sig(g):
        return len(g.points), round(g.width / max(g.height, 1e-9), 2)

    return [g for g in formula[0] if sig(g) == sig(ref)]


def minus(s: str) -> str:
    return s.replace("-", "\u2212")


class AdamAdaMaxNAdam(ExplainerScene):
    chapter = 9
    title = "Adam, AdaMax, NAdam"
    description = ("Adam = momentum (first moment) + RMSprop (second moment); bias correction makes m̂ exact and "
                   "keeps the first step at γ; AdaMax's running maximum; NAdam's look-ahead and its slow μ schedule; "
                   "the three raced with one γ.")
    on_grammar = True

    landscape_name = "ravine"
    lr = 0.3
    steps = 80
    names = ("adam", "adamax", "nadam")
    #: the coordinate across the ravine (θ₂), where the three differ
    across = 1
    #: AdaMax's demonstration starts this far above the floor (θ₂), at the usual θ₁
    near_floor = 0.05
    #: the step where the AdaMax chart marks u against Adam's divisor mid-way
    ratio_step = 11
    #: steps of the steady-gradient chart
    cold_steps = 20
    #: steps of the race's θ₂ chart (every run has settled well before then)
    race_window = 80
    #: the race's "settled": θ₂ stays within this of the floor from that step on
    settle_tol = 0.05
    #: NAdam's momentum_decay ψ that holds μ at β₁ from step 1 (0.96^ψ underflows): the look-ahead alone
    mu_fixed_decay = 1e4
    #: the bias-correction charts' last step (log axis)
    long_steps = 1000
    #: seconds the finished step-6 zoom holds after its sentence
    zoom_hold = 1.5
    #: seconds the opening's two formulas hold after their sentence
    formula_hold = 1.0

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.momentum_plus_rmsprop, self.cold_start, self.the_fix,
                        self.adamax, self.nadam, self.race)
        # the race's verdict came in with its last sentence; the settings come in under the table
        self.final_hold(self.caption(), seconds=1.4)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.opts = {n: oc.optimizer(n, lr=self.lr) for n in self.names}
        self.trajs = {n: oc.run(o, ls, ls.start, steps=self.steps, seed=0) for n, o in self.opts.items()}
        adam = self.opts["adam"]
        self.b1, self.b2 = adam.betas
        self.table = bias_table_values(self.trajs["adam"], self.across, 1, adam.lr, adam.eps)
        self.m_steady, self.mhat_steady = steady_gradient_moments(self.b1, self.cold_steps)
        # AdaMax from just above the floor; Adam's divisor fed the same gradients
        start = np.array([ls.start[0], self.near_floor])
        amax = self.amax_near = oc.run(self.opts["adamax"], ls, start, steps=self.steps, seed=0)
        self.g_across = np.abs(amax.grads[:, self.across])
        self.u_across = amax.state["exp_inf"][:, self.across]
        self.root_v = adam_denominator(amax.grads[:, self.across], self.b2)
        # the race: each run's lowest point across the floor
        self.swing = {n: float(self.trajs[n].positions[:, self.across].min()) for n in self.names}
        self.claim("NAdam's step is its momentum part plus its fresh-gradient part (the split the bars show)",
                   np.allclose(sum(nadam_parts(self.trajs["nadam"], 0)), self.trajs["nadam"].updates[0]))

    def caption(self):
        """The race's settings under its table: one γ for all, PyTorch's betas, the landscape."""
        b1, b2 = self.opts["adam"].betas
        lines = VGroup(text(f"all: \u03b3 {self.lr:g},", "label", color=TEXT),
                       text(f"\u03b2 ({b1:g}, {b2:g})", "label", color=TEXT),
                       text(self.ls.title, "label", color=TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.06)
        panel = BackgroundRectangle(lines, color=PANEL, fill_opacity=0.8, buff=0.12, corner_radius=0.08)
        cap = VGroup(panel, lines).move_to([self.table_x0, SAFE_BOTTOM, 0], aligned_edge=DOWN + LEFT)
        self.claim("the caption fits under the race's table", cap.get_top()[1] < self.table_bottom,
                   f"{cap.get_top()[1]:.2f} vs {self.table_bottom:.2f}")
        return cap

    # ------------------------------------------------------------------ pictures
    def build_map(self):
        self.lmap = LandscapeMap(self.ls, width=HERO.width - 0.8, n_contours=9)
        self.lmap.move_to([HERO.left, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        self.paths = {n: TrajectoryPath(t, self.lmap, n, markers=False, stroke_width=5, dot_radius=0.1)
                      for n, t in self.trajs.items()}
        self.row_y = SAFE_BOTTOM + 0.55

    def formula_row(self, *items) -> VGroup:
        """Formulas side by side under the hero picture, spread over the stage width."""
        row = VGroup(*items).arrange(RIGHT, buff=0.9)
        row.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, self.row_y, 0])
        return row

    def side_top(self, mob, dy: float = 0.5):
        return mob.move_to([SIDE.x, HERO.top - dy - mob.height / 2, 0])

    # ------------------------------------------------------------------ beats
    def momentum_plus_rmsprop(self):
        self.build_map()
        m_line = tex(r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t", color=VELOCITY_COLOR)
        v_line = tex(r"v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2", color=V_COLOR)
        self.mv_row = self.formula_row(m_line, v_line)
        m_tag = text("Momentum", "label", color=VELOCITY_COLOR).next_to(m_line, UP, buff=0.2).align_to(m_line, LEFT)
        v_tag = text("RMSprop", "label", color=V_COLOR).next_to(v_line, UP, buff=0.2).align_to(v_line, LEFT)
        v_tag.align_to(m_tag, UP)  # both start with a capital: same cap line, same baseline
        self.mv_tags = VGroup(m_tag, v_tag)
        # the raw rule first; the hats come with bias correction
        step = VGroup(tex(r"\theta_t = \theta_{t-1}"),
                      tex(r"- \gamma\, \frac{m_t}{\sqrt{v_t} + \epsilon}")).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        step[1].shift(RIGHT * 0.5)
        self.step_rule = self.side_top(step)
        adam = self.paths["adam"]
        lm = self.lmap
        (x0, x1), _ = self.ls.bounds
        floor = DashedLine(lm.c2p(x0, 0), lm.c2p(x1, 0), stroke_color=TEXT, stroke_width=3, stroke_opacity=0.8)
        floor_lab = text("ravine floor", "label", color=TEXT).next_to(lm.c2p(x1, 0), UP + LEFT, buff=0.06)
        # the arrow and its label right of the path's end, left of the floor's label
        across = DoubleArrow(lm.c2p(1.7, -2.4), lm.c2p(1.7, 2.4), buff=0, stroke_width=4, color=TEXT,
                             tip_length=0.2)
        across_lab = text("across: \u03b8\u2082", "label", color=TEXT).next_to(lm.c2p(1.7, 1.4), LEFT, buff=0.12)
        self.floor_parts = VGroup(floor, floor_lab, across, across_lab)
        line = "Adam is momentum plus RMSprop: m averages gradients, v their squares."
        # the map and Adam's path first; each moment's formula comes as it is named (the rule comes with step 1)
        with self.voiceover(text=line) as tracker:
            self.set_heading("Adam: momentum plus RMSprop")
            self.play(FadeIn(self.lmap), FadeIn(self.floor_parts), run_time=0.6)
            self.add(adam)
            self.play(adam.draw(end=20), rate_func=linear, run_time=max(0.5, self.time_to(tracker, line, "m averages")))
            self.play(FadeIn(m_line), FadeIn(m_tag), adam.draw(end=40), rate_func=linear,
                      run_time=max(0.6, self.time_to(tracker, line, "v their")))
            self.play(FadeIn(v_line), FadeIn(v_tag), adam.draw(end=self.steps), rate_func=linear,
                      run_time=max(0.6, tracker.get_remaining_duration()))
        self.wait(self.formula_hold)  # both formulas, read before the charts take the stage

    def bias_charts(self):
        """Two charts on one log step axis (1 to 1000), a steady gradient g = 1: above, how much of g the
        uncorrected m_t and √v_t show; below, their ratio, Adam's uncorrected step in units of γ."""
        w, left = 7.9, HERO.left + 0.75
        up = LogStepChart((1, self.long_steps), (0, 1.25), width=w, height=2.0, y_ticks=(0, 0.5, 1), x_labels=False,
                          y_label="uncorrected m, \u221av: shares of a steady g")
        lo = LogStepChart((1, self.long_steps), (0, 7), width=w, height=1.9, y_ticks=(1, 3, 5, 7),
                          y_label="Adam's step, uncorrected (in \u03b3)", x_label="step t (log scale)")
        up.move_to([left, HERO.top - 0.15, 0], aligned_edge=UP + LEFT)
        up.shift(RIGHT * (left - up.frame.get_left()[0]))
        lo.next_to(up, DOWN, buff=0.12)
        lo.shift(RIGHT * (left - lo.frame.get_left()[0]))
        self.claim("the bias charts fit the safe area", lo.get_bottom()[1] >= SAFE_BOTTOM - 1e-6,
                   f"{lo.get_bottom()[1]:.2f}")
        return up, lo

    def cold_start(self):
        b1, b2 = self.b1, self.b2
        t = np.arange(1, self.long_steps + 1)
        m_share, v_share = 1 - b1 ** t, np.sqrt(1 - b2 ** t)
        ratio = m_share / v_share
        f_m, f_v = float(bias_correction(b1, 1)), float(bias_correction(b2, 1))
        root = float(np.sqrt(f_v))
        k_peak = int(np.argmax(ratio)) + 1
        self.claim("uncorrected at step 1, m is 10 times too small and v 1000 times (root v: 31.6)",
                   round(f_m) == 10 and round(f_v) == 1000 and round(root, 1) == 31.6)
        self.claim("after one step m is 1 - beta1 of the gradient and v 1 - beta2 of its square (the run)",
                   np.isclose(self.table["m"][0], (1 - b1) * self.table["g"][0])
                   and np.isclose(self.table["v"][0], (1 - b2) * self.table["g"][0] ** 2))
        raw1 = self.table["step_uncorrected"][0] / self.lr
        self.claim("uncorrected, the first step would be 3.2 gamma (m's 10 against the root's 31.6), in the run too",
                   round(raw1, 1) == 3.2 and np.isclose(ratio[0], root / f_m) and np.isclose(raw1, ratio[0], rtol=1e-5))
        self.claim("for a steady gradient the uncorrected step peaks at 6.6 gamma at step 12 and is 1.26 at 1000",
                   f"{ratio.max():.1f}" == "6.6" and k_peak == 12 and f"{ratio[999]:.2f}" == "1.26"
                   and self.long_steps == 1000)
        self.claim("m catches up within tens of steps (99 % by step 44), v takes thousands (root v 80 % at 1000)",
                   m_share[43] > 0.99 and v_share[999] < 0.8 and v_share[99] < 0.31)
        up, lo = self.bias_charts()
        self.up_chart, self.lo_chart = up, lo
        cm, cv = up.curve(t, m_share, VELOCITY_COLOR), up.curve(t, v_share, V_COLOR)
        cr = lo.curve(t, ratio, FAINT)
        dm1, dv1 = (Dot(up.c2p(1, y), radius=0.08, color=c) for y, c in ((m_share[0], VELOCITY_COLOR),
                                                                           (v_share[0], V_COLOR)))
        dr1 = Dot(lo.c2p(1, ratio[0]), radius=0.09, color=TEXT)
        lab1 = text(f"step 1: {ratio[0]:.1f} \u03b3", "label", color=TEXT).next_to(dr1, DOWN + RIGHT, buff=0.08)
        m_lab = tex(r"m_t", "stamp", color=VELOCITY_COLOR).next_to(up.c2p(4, m_share[3]), UP + LEFT, buff=0.05)
        v_lab = tex(r"\sqrt{v_t}", "stamp", color=V_COLOR).next_to(up.c2p(300, v_share[299]), DOWN + RIGHT, buff=0.05)
        d_peak = Dot(lo.c2p(k_peak, ratio[k_peak - 1]), radius=0.09, color=TEXT)
        # under the curve's top (clear of it: the curve is above 4.9 from step 3 to 40)
        lab_peak = text(f"step {k_peak}: {ratio.max():.1f} \u03b3", "label", color=TEXT).move_to(lo.c2p(k_peak, 4.3))
        peak_pin = Line(lab_peak.get_top() + UP * 0.05, d_peak.get_center(), stroke_color=TEXT, stroke_width=2)
        lab_peak = VGroup(lab_peak, peak_pin)
        d_end = Dot(lo.c2p(self.long_steps, ratio[-1]), radius=0.09, color=TEXT)
        lab_end = text(f"{ratio[-1]:.2f} \u03b3", "label", color=TEXT).next_to(d_end, RIGHT, buff=0.15)
        # the side column: the rule as it stands (from the first beat), step 1's two factors (the betas are in the caption)
        why = VGroup(tex(rf"m_1 = g / {f_m:.0f}", color=VELOCITY_COLOR),
                     tex(rf"\sqrt{{v_1}} = g / {root:.1f}", color=V_COLOR)).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        why.next_to(self.step_rule, DOWN, buff=0.45).align_to(self.step_rule, LEFT)
        self.cold_why = why
        # step 1's two shortfalls, large, in the upper chart's empty area (they go when the curves are drawn)
        m_st = self.stamp(f"m: {f_m:.0f}\u00d7 too small", color=VELOCITY_COLOR, size="body")
        v_st = self.stamp(f"\u221av: {root:.1f}\u00d7 too small", color=V_COLOR, size="body")
        m_st.move_to(up.c2p(1.6, 0.95), aligned_edge=LEFT)
        v_st.move_to(up.c2p(1.6, 0.38), aligned_edge=LEFT)
        with self.voiceover(text=f"Both start at zero: m is {f_m:.0f} times too small, root v "
                                 f"{root:.1f} times: the step is {ratio[0]:.1f} gamma.") as tracker:
            self.set_heading("Bias correction: a cold start")
            self.play(FadeOut(self.lmap), FadeOut(self.paths["adam"]), FadeOut(self.mv_row), FadeOut(self.mv_tags),
                      FadeOut(self.floor_parts),
                      run_time=0.6)
            self.play(FadeIn(up.axes), run_time=0.6)
            self.play(FadeIn(dm1), FadeIn(why[0]), FadeIn(m_st), run_time=0.5)
            self.until(tracker, 0.45)
            self.play(FadeIn(dv1), FadeIn(why[1]), FadeIn(v_st), run_time=0.5)
            self.until(tracker, 0.68)
            self.play(FadeIn(lo.axes), FadeIn(dr1), FadeIn(lab1), FadeIn(self.step_rule), run_time=0.7)
        # the step at step 1000 (1.26) is on the chart, unsaid
        with self.voiceover(text=f"m catches up in tens of steps, v in thousands: {ratio.max():.1f} gamma at step "
                                 f"{k_peak}.") as tracker:
            self.play(FadeOut(m_st), FadeOut(v_st), run_time=0.4)
            self.play(Create(cm), Create(cv), Create(cr), FadeIn(m_lab), FadeIn(v_lab), rate_func=linear,
                      run_time=max(1.5, tracker.duration * 0.45))
            self.play(FadeIn(d_peak), FadeIn(lab_peak), FadeIn(d_end), FadeIn(lab_end), run_time=0.5)
        self.cold_parts = VGroup(up, lo, cm, cv, cr, dm1, dv1, dr1, lab1, m_lab, v_lab, d_peak, lab_peak, d_end, lab_end)

    def the_fix(self):
        up, lo = self.up_chart, self.lo_chart
        n = self.long_steps
        m_hat, v_hat = steady_gradient_moments(self.b1, n)[1][1:], np.sqrt(steady_v_hat(self.b2, n))
        step = m_hat / (v_hat + self.opts["adam"].eps)
        self.claim("for a steady gradient, corrected m-hat and root v-hat are exactly g, so every step is gamma",
                   np.allclose(m_hat, 1.0) and np.allclose(v_hat, 1.0) and np.allclose(step, 1.0))
        st = self.trajs["adam"].state
        t = np.arange(1, self.steps + 1)[:, None]
        rebuilt = -self.lr * st["exp_avg"] * bias_correction(self.b1, t) / (
            np.sqrt(st["exp_avg_sq"] * bias_correction(self.b2, t)) + self.opts["adam"].eps)
        self.claim("each Adam step is gamma times m-hat over the root of v-hat",
                   np.allclose(rebuilt, self.trajs["adam"].updates))
        adam_c = optimizer_color("adam")
        hat_up = DashedLine(up.c2p(1, 1), up.c2p(n, 1), stroke_color=adam_c, stroke_width=5)
        # the chart's unit is "shares of g": the corrected pair sits at 1
        # between the m curve (at 1 from step 30) and the root-v curve (below 0.52 until step 300)
        hat_up_lab = text("corrected: 1", "label", color=adam_c)
        hat_up_lab.next_to(up.c2p(300, 1), DOWN, buff=0.1).align_to(up.c2p(300, 1), RIGHT)
        hat_lo = Line(lo.c2p(1, 1), lo.c2p(n, 1), stroke_color=adam_c, stroke_width=6)
        hat_lo_lab = text("corrected: \u03b3", "label", color=adam_c).next_to(lo.c2p(60, 1), UP, buff=0.1)
        hats = VGroup(tex(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}", color=adam_c),
                      tex(r"\hat v_t = \frac{v_t}{1 - \beta_2^t}", color=V_COLOR)).arrange(DOWN, aligned_edge=LEFT,
                                                                                           buff=0.3)
        hats.move_to(self.cold_why, aligned_edge=UP + LEFT)
        new_rule = VGroup(tex(r"\theta_t = \theta_{t-1}"),
                          tex(r"- \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}")).arrange(DOWN, aligned_edge=LEFT,
                                                                                                  buff=0.2)
        new_rule[1].shift(RIGHT * 0.5)
        new_rule.move_to(self.step_rule, aligned_edge=UP + LEFT)
        with self.voiceover(text="For a steady gradient, dividing by one minus beta to the t makes every step gamma.") as tracker:
            # the lower chart now shows both steps: its title drops "uncorrected"
            lo_title = text("Adam's step (in \u03b3)", "label", color=TEXT).move_to(lo.y_lab, aligned_edge=LEFT)
            # each old text is gone before its replacement comes in (no stacked cross-fades)
            self.play(FadeOut(self.cold_why), FadeOut(lo.y_lab), FadeOut(self.step_rule), run_time=0.35)
            self.play(FadeIn(hats), FadeIn(lo_title), FadeIn(new_rule), run_time=0.4)
            self.play(Create(hat_up), Create(hat_lo), FadeIn(hat_up_lab), FadeIn(hat_lo_lab),
                      run_time=max(1.0, tracker.duration * 0.45))
        lo.axes.remove(lo.y_lab)
        lo.axes.add(lo_title)
        lo.y_lab = lo_title
        self.wait(0.2)  # hold: the corrected line against the uncorrected curve, which fades toward it
        self.step_rule = new_rule
        self.bias_parts = VGroup(self.cold_parts, hat_up, hat_lo, hat_up_lab, hat_lo_lab, hats, new_rule)

    def adamax(self):
        """u against Adam's √v̂, fed the same gradients, on a log step axis so the first steps are wide: the
        first step overshoots the floor, step 2's gradient sets u, which holds it while √v̂ averages it away."""
        n = self.steps
        u, rv, g = self.u_across, self.root_v, self.g_across
        k = int(np.argmax(u[1:] > u[:-1])) + 1  # index of the first step where u grows (step k + 1): a larger gradient
        t = np.arange(1, n + 1)
        left = HERO.left + 0.6
        chart = LogStepChart((1, n), (0, 1.2), width=HERO.width - 0.65, height=3.9, y_ticks=(0, 0.5, 1),
                             x_ticks=(1, k + 1, 10, n), x_label="step t (log scale)",
                             y_label=f"|g| across, from \u03b8\u2082 = {self.near_floor:g} (floor: 0)")
        chart.move_to([left, HERO.top - 0.15, 0], aligned_edge=UP + LEFT)
        chart.shift(RIGHT * (left - chart.frame.get_left()[0]))
        amax_c, adam_c = optimizer_color("adamax"), optimizer_color("adam")
        cg = chart.curve(t, g, FAINT, stroke_width=3)
        cu1, cu2 = chart.curve(t[:k + 1], u[:k + 1], amax_c), chart.curve(t[k:], u[k:], amax_c)
        cv = chart.curve(t, rv, adam_c)
        g_lab = tex(r"|g_t|", "label", color=TEXT).next_to(chart.c2p(n, g[-1]), RIGHT, buff=0.2).shift(UP * 0.08)
        end_v = VGroup(tex(r"\sqrt{\hat v_t}", "label", color=adam_c),
                       text(f"{rv[-1]:.2f}", "label", color=adam_c)).arrange(RIGHT, buff=0.2)
        end_v.next_to(chart.c2p(n, rv[-1]), RIGHT, buff=0.2)
        end_u = VGroup(tex(r"u_t", "label", color=amax_c),
                       text(f"{u[-1]:.2f}", "label", color=amax_c)).arrange(RIGHT, buff=0.2)
        end_u.next_to(chart.c2p(n, u[-1]), RIGHT, buff=0.2)
        ratio = u[-1] / rv[-1]
        t_mid = self.ratio_step
        r_mid = u[t_mid - 1] / rv[t_mid - 1]
        self.ratios = (f"{r_mid:.1f}", f"{ratio:.1f}")
        # the ratio grows: u over √v̂ marked at step 11 and at step 80 (between the two curves)
        gaps = VGroup()
        for tt, r_s in ((n, self.ratios[1]),):
            a, b = chart.c2p(tt, rv[tt - 1]), chart.c2p(tt, u[tt - 1])
            if tt == n:
                a, b = a + LEFT * 0.2, b + LEFT * 0.2
            arr = DoubleArrow(a, b, buff=0.05, stroke_width=3, color=TEXT, tip_length=0.15)
            lab = text(f"{r_s}\u00d7", "label", color=TEXT).next_to(arr, LEFT if tt == n else RIGHT, buff=0.1)
            gaps.add(VGroup(arr, lab))
        v_note = VGroup(text("Adam's divisor,", "label", color=adam_c),
                        text("same gradients", "label", color=adam_c)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        v_note.next_to(end_v, UP, buff=0.15).align_to(end_v, LEFT)
        # why step 2's gradient is large: the first step (a full γ) overshoots the floor
        ax = self.amax_near.positions[:, self.across]
        spike = Dot(chart.c2p(k + 1, g[k]), radius=0.09, color=TEXT)
        # the demo first, as the hero: the ravine seen end-on (the loss along θ₂), the first two hops on it
        sec, hops, sec_labs = self.adamax_section(ax, k)
        u_line = tex(r"u_t = \max(\beta_2 u_{t-1},\, |g_t|)", color=amax_c)
        rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\hat m_t}{u_t}", color=amax_c)
        share = (1 - self.b2) * self.b2 ** (n - 1 - k) * g[k] ** 2 * bias_correction(self.b2, n) / rv[-1] ** 2
        self.claim("the first step overshoots the floor, 0.05 to -0.25, where the gradient is 1.0 (step 1's was 0.2)",
                   ax[0] > 0 > ax[1] and f"{ax[1]:.2f}" == "-0.25" and f"{g[k]:.1f}" == "1.0"
                   and f"{g[0]:.1f}" == "0.2" and np.isclose(abs(ax[1] - ax[0]), self.lr) and f"{ax[0]:g}" == "0.05")
        self.claim("u grows only when a larger gradient comes: step 2's beats the first",
                   k == 1 and g[k] > u[k - 1] and np.isclose(u[k], g[k] + self.opts["adamax"].eps))
        self.claim("after that u only decays by beta2 per step",
                   np.allclose(u[k + 1:], u[k] * self.b2 ** np.arange(1, n - k)))
        self.claim("fed the same gradients, Adam's root of v-hat averages the large gradient away (it still counts)",
                   rv[-1] < 0.25 * u[-1] and share > 0.2)
        self.claim("u stays the larger divisor at every step", np.all(u >= rv - 1e-9))
        am, b1t = self.amax_near, bias_correction(self.b1, np.arange(1, n + 1))[:, None]
        self.claim("each AdaMax step is gamma times m-hat over u",
                   np.allclose(am.updates, -self.lr * am.state["exp_avg"] * b1t / am.state["exp_inf"]))
        race_ax, race_ad = self.trajs["adamax"], self.trajs["adam"]
        k_low = int(np.argmin(race_ax.positions[:, self.across]))
        self.claim("u is 4.8 times Adam's divisor by step 80, 2.2 at step 11: the gap grows",
                   self.ratios == ("2.2", "4.8") and n == 80 and np.all(np.diff(u / rv)[t_mid - 1:] > 0))
        self.claim("in the race too AdaMax's steps across are smaller than Adam's (steps 2-9), and it swings less",
                   np.all(np.abs(race_ax.updates[1:9, self.across]) < np.abs(race_ad.updates[1:9, self.across]))
                   and self.swing["adamax"] > self.swing["adam"] and k_low > 9)
        self.formula_row(u_line, rule)
        self.claim("step 1's note stands apart from the rule", sec_labs[1][1].get_right()[0] < rule.get_left()[0] - 0.7,
                   f"{sec_labs[1][1].get_right()[0]:.2f} vs {rule.get_left()[0]:.2f}")
        u_row = u_line.get_center()
        u_big = 1.3  # the u formula large at the top while the parabola is the picture
        u_line.scale(u_big).move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, HERO.top - 0.2 - u_line.height * u_big / 2, 0])
        # the step it makes: AdaMax's against Adam's divisor's (same m̂), in place of the rule at the end
        steps_pic = self.step_pair(rule, ratio)
        with self.voiceover(text="AdaMax divides by u, a slowly fading maximum.") as tracker:
            # the charts and their heading leave together; the new heading comes with the u formula and the parabola
            self.play(FadeOut(self.bias_parts), FadeOut(self.heading), run_time=0.4)
            self.heading = None
            heading = self.set_heading("AdaMax: a slowly fading maximum", animate=False)
            self.remove(heading)
            self.play(FadeIn(heading, shift=0.15 * DOWN), FadeIn(u_line), FadeIn(sec), FadeIn(hops), FadeIn(sec_labs[0]),
                      run_time=0.7)
            self.play(FadeIn(rule), run_time=max(0.6, tracker.get_remaining_duration()))
        line2 = (f"From near the floor, the first step is gamma: to minus {abs(ax[1]):.2f}, where the "
                 f"gradient is {g[k]:.1f}.")
        self.claim("AdaMax's first step is always gamma (m-hat_1 = g_1, u_1 = |g_1| + eps)",
                   np.isclose(abs(ax[1] - ax[0]), self.lr) and np.isclose(self.u_across[0], g[0] + self.opts["adamax"].eps))
        with self.voiceover(text=line2) as tracker:
            self.play(Indicate(sec_labs[0][1], color=amax_c, scale_factor=1.3), run_time=0.8)
            self.until(tracker, line2.index("the first") / len(line2) - 0.03)
            self.play(hops.draw(end=1), FadeIn(sec_labs[1]), run_time=1.0)
            self.until(tracker, line2.index("to minus") / len(line2) - 0.03)
            self.play(FadeIn(sec_labs[2]), run_time=0.4)
            self.until(tracker, line2.index("where") / len(line2) - 0.05)
            self.play(FadeIn(sec_labs[3]), run_time=0.5)
            # the second hop, from the far wall back toward the floor; then the finished picture holds
            self.play(hops.draw(end=hops.n_steps), rate_func=linear, run_time=0.7)
        line3 = (f"u keeps it; Adam's average dilutes it: by step {n}, u is {self.ratios[1]} times bigger, "
                 "so AdaMax steps small.")
        demo = VGroup(sec, hops, sec_labs)
        with self.voiceover(text=line3) as tracker:
            # the demo shrinks into the step where its gradient (1.0) comes: the spike on the |g| chart
            self.play(demo.animate.scale(0.12).move_to(spike).set_opacity(0), run_time=0.4)
            self.remove(demo)
            self.play(FadeIn(chart.axes), u_line.animate.scale(1 / u_big).move_to(u_row), run_time=0.4)
            self.play(Create(cg), Create(cu1), FadeIn(g_lab), FadeIn(spike), run_time=0.6)
            self.play(Create(cu2), rate_func=linear, run_time=0.6)
            self.play(Create(cv), rate_func=linear, run_time=max(0.8, self.time_to(tracker, line3, "by step", 0.1)))
            self.play(FadeIn(end_v), FadeIn(end_u), FadeIn(v_note), run_time=0.4)
            self.play(FadeIn(gaps[0]), run_time=0.5)
            # the two steps come with the ratio (held through "so AdaMax steps small")
            # the rule's step, drawn: AdaMax's (over u) against Adam's divisor's, from the same m̂
            self.play(FadeOut(rule), FadeIn(steps_pic[0]), GrowArrow(steps_pic[1]), FadeIn(steps_pic[2]),
                      GrowArrow(steps_pic[3]), run_time=0.7)
        self.wait(0.3)  # hold the two steps
        self.adamax_parts = VGroup(chart, cg, cu1, cu2, cv, spike, g_lab, end_v, end_u, v_note,
                                   gaps, u_line, steps_pic)

    def step_pair(self, rule, ratio: float) -> VGroup:
        """Two arrows, AdaMax's step γ m̂/u and the step Adam's divisor would make from the same m̂, in the
        ratio of the divisors at the last step (same m̂: the steps are in the inverse ratio of u and √v̂)."""
        am = self.amax_near
        n = self.steps
        m_hat = am.state["exp_avg"][n - 1, self.across] * bias_correction(self.b1, n)
        s_max = abs(self.lr * m_hat / am.state["exp_inf"][n - 1, self.across])
        s_adam = abs(self.lr * m_hat / (self.root_v[n - 1] + self.opts["adam"].eps))
        self.claim("from the same m-hat at step 80, Adam's divisor would step 4.8 times farther than AdaMax",
                   np.isclose(s_adam / s_max, ratio, rtol=1e-3) and abs(am.updates[n - 1, self.across]) > 0
                   and np.isclose(s_max, abs(am.updates[n - 1, self.across])))
        amax_c, adam_c = optimizer_color("adamax"), optimizer_color("adam")
        length = 3.6
        lab_x = tex(r"\gamma\, \hat m_t / u_t", "label", color=amax_c)
        lab_a = tex(r"\gamma\, \hat m_t / \sqrt{\hat v_t}", "label", color=adam_c)
        left = rule.get_left()[0] - 0.2
        y0 = rule.get_y()
        lab_x.move_to([left, y0 + 0.32, 0], aligned_edge=LEFT)
        lab_a.move_to([left, y0 - 0.32, 0], aligned_edge=LEFT)
        x_arrow = max(lab_x.get_right()[0], lab_a.get_right()[0]) + 0.25
        length = min(length, SAFE_RIGHT - 0.05 - x_arrow)
        self.claim("the longer arrow is long enough to read the ratio", length > 2.5)
        arr_x = Arrow([x_arrow, lab_x.get_y(), 0], [x_arrow + length * s_max / s_adam, lab_x.get_y(), 0], buff=0,
                      color=amax_c, stroke_width=7, max_tip_length_to_length_ratio=0.5, tip_length=0.25)
        arr_a = Arrow([x_arrow, lab_a.get_y(), 0], [x_arrow + length, lab_a.get_y(), 0], buff=0, color=adam_c,
                      stroke_width=7, tip_length=0.25)
        self.claim("the step arrows fit the safe area", arr_a.get_right()[0] <= SAFE_RIGHT + 1e-6)
        return VGroup(lab_x, arr_x, lab_a, arr_a)

    def adamax_section(self, ax, k: int):
        """The ravine seen end-on (the loss along θ₂, a parabola), the width of the stage, with AdaMax's
        first two hops from θ₂ = 0.05: the first (γ) lands on the far wall at −0.25, where the slope is 1.0."""
        amax_c = optimizer_color("adamax")
        half = 0.32
        n_hops = 2
        self.claim("AdaMax's first hops stay inside the section's range", np.all(np.abs(ax[:n_hops + 1]) < half))
        sec = CrossSection(self.ls, axis=1, at=float(self.amax_near.positions[0, 0]), value_range=(-half, half),
                           width=10.0, height=3.2, color=TEXT, stroke_width=5, font_size=LABEL_FS)
        sec.remove(sec.axes)
        sec.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, self.row_y + 1.45, 0], aligned_edge=DOWN)
        base = Line(sec.frame.get_corner(DOWN + LEFT), sec.frame.get_corner(DOWN + RIGHT), stroke_color=MUTED,
                    stroke_width=2)
        hops = sec.hops(ax[:n_hops + 1], color=amax_c, dot_radius=0.13, stroke_width=6)

        def tick(v, s, color):
            x = sec.c2p(v)[0]
            p = np.array([x, base.get_y(), 0.0])
            return VGroup(Line(p, p + DOWN * 0.12, stroke_color=MUTED, stroke_width=3),
                          text(minus(s), "body", color=color).next_to(p + DOWN * 0.12, DOWN, buff=0.06))

        floor_tick = tick(0.0, "0", TEXT)
        start_lab = tick(ax[0], f"{ax[0]:g}", amax_c)
        start_lab[1].shift(RIGHT * 0.15)  # clear of the floor's 0
        land_lab = tick(ax[1], f"{ax[1]:.2f}", amax_c)
        a, b = sec.c2p(ax[0]), sec.c2p(ax[1])
        # why the first step is γ: m̂₁ = g₁ and u₁ = |g₁|, so m̂₁/u₁ = ±1 (here +1: the step goes down the slope)
        am = self.amax_near
        r1 = float(am.state["exp_avg"][0, self.across] * bias_correction(self.b1, 1) / am.state["exp_inf"][0, self.across])
        self.claim("AdaMax's first m-hat over u is 1 (g over |g|), so its first step is gamma",
                   np.isclose(r1, 1.0, atol=1e-4) and np.isclose(abs(am.updates[0, self.across]), self.lr * r1))
        gamma_lab = tex(rf"\gamma = {self.lr:g}", "stamp", color=amax_c).move_to((a + b) / 2 + UP * 1.15)
        first = tex(rf"\text{{step 1: }} \hat m_1 / u_1 = g_1 / |g_1| = {r1:.0f}", color=TEXT)
        first.move_to([SAFE_LEFT + 0.2, self.row_y, 0], aligned_edge=LEFT)
        gamma_lab = VGroup(gamma_lab, first)
        slope = sec.slope(float(ax[1]))
        self.claim("the slope where the first hop lands is the gradient across there (1.0)",
                   np.isclose(abs(slope), self.g_across[k]))
        tangent = sec.tangent(float(ax[1]), half_length=1.0, stroke_color=GRADIENT_COLOR, stroke_width=7)
        slope_lab = text(f"slope |g| = {abs(slope):.1f}  \u2192  u = {self.u_across[k]:.1f}", "body", color=TEXT)
        # above the tangent's upper end, clear of the curve's left branch
        slope_lab.next_to(tangent, UP, buff=0.15).align_to(tangent, LEFT).shift(RIGHT * 0.35)
        # the curve's name under its right branch, just above the axis (the branch is higher than it there)
        name = text("loss along \u03b8\u2082", "body", color=FAINT)
        name.move_to([sec.c2p(0.48 * half)[0], base.get_y() + 0.12, 0], aligned_edge=DOWN + LEFT)
        self.claim("the curve's name sits under the right branch",
                   sec.c2p(half * ((name.get_left()[0] - sec.frame.get_x()) / (sec.frame.width / 2)))[1]
                   > name.get_top()[1] + 0.1)
        return (VGroup(sec.curve, base, name), hops,
                VGroup(VGroup(floor_tick, start_lab), gamma_lab, land_lab, VGroup(tangent, slope_lab)))

    def nadam(self):
        """NAdam as a mechanism: it steps with next step's momentum, so the fresh gradient weighs more; the
        picture is what one step is made of: the fresh gradient directly, the fresh gradient inside m̂, and
        the older gradients (carried by m)."""
        nad = self.trajs["nadam"]
        opt = nad.optimizer
        b1 = self.b1
        mu_1 = float(nadam_mu(opt, 1))
        t_cross = int(np.argmax(nad.positions[:, self.across] < 0)) + 1  # NAdam's first step from past the floor
        mu_c, mu_n = float(nadam_mu(opt, t_cross)), float(nadam_mu(opt, t_cross + 1))
        w_adam = fresh_gradient_weight(b1, 0.0, 0.0)
        w_look = fresh_gradient_weight(b1, b1, b1)
        w_torch = fresh_gradient_weight(b1, mu_c, mu_n)
        # the fresh gradient's two ways into a NAdam step: directly, (1 − μ_t), and inside m̂, μ_{t+1} (1 − β₁)
        split_look = ((1 - b1) / ((1 - b1) + b1), b1 * (1 - b1) / ((1 - b1) + b1))
        split_torch = ((1 - mu_c) / ((1 - mu_c) + mu_n), mu_n * (1 - b1) / ((1 - mu_c) + mu_n))
        self.claim("in Adam's step the fresh gradient is 1 - beta1 = 0.1 of the momentum average", round(w_adam, 2) == 0.1)
        self.claim("with the look-ahead (mu = beta1 = 0.9) the fresh gradient is 0.19 of the step: 0.1 directly, "
                   "0.09 inside m-hat",
                   round(w_look, 2) == 0.19 and b1 == 0.9 and np.isclose(sum(split_look), w_look)
                   and f"{split_look[0]:.1f}" == "0.1" and f"{split_look[1]:.2f}" == "0.09")
        self.claim("PyTorch's NAdam starts mu at 0.45 (about half of beta1) and it stays near 0.45 through the race",
                   round(mu_1, 2) == 0.45 and round(mu_1 / b1, 2) == 0.5 and float(nadam_mu(opt, self.race_window)) < 0.46)
        self.claim("with PyTorch's mu the fresh gradient gets about 0.6 of the step",
                   round(w_torch, 1) == 0.6 and np.isclose(sum(split_torch), w_torch))
        self.claim("PyTorch's mu creeps up toward beta1 later (so 'half the momentum' holds at first)",
                   float(nadam_mu(opt, 10 ** 4)) > 0.8)
        # half way from 0.45 to beta1 only after thousands of steps: the whole race runs on half the momentum
        ts = np.arange(1, 20001)
        k_half = int(ts[np.argmax(nadam_mu(opt, ts) >= (mu_1 + b1) / 2)])
        self.claim("PyTorch's mu gets half way from 0.45 to 0.9 only after thousands of steps",
                   k_half > 2000 and k_half > self.race_window)
        k = 4
        mom, grad = nadam_parts(nad, k)
        self.claim("NAdam's move is its momentum term plus its fresh-gradient term",
                   np.allclose(nad.positions[k] + mom + grad, nad.positions[k + 1]))
        self.w = (w_adam, w_look, w_torch)
        # next step's momentum (g_{t+1} not known yet: g_t stands in), put into Adam's rule: NAdam
        nad_c = optimizer_color("nadam")
        # today's g_t in the bars' red: the g_t that enters twice
        ahead = tex(r"m_{t+1} \approx \beta_1 m_t + (1 - \beta_1)\, g_t", color=VELOCITY_COLOR,
                    tex_to_color_map={"g_t": GRADIENT_COLOR})
        # Adam's rule with next step's momentum in m̂'s place, the fresh gradient bias-corrected like m̂
        n_rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\mu\, \hat m_t + (1 - \mu)\, g_t / (1 - \beta_1^t)}"
                     r"{\sqrt{\hat v_t} + \epsilon}", color=nad_c)
        mu_glyphs = glyphs_like(n_rule, r"\mu")
        self.claim("the NAdam rule shows mu twice (mu m-hat, 1 - mu)", len(mu_glyphs) == 2)
        n_rule.scale(1.25)
        ahead_tag = text("next step's momentum:", "body", color=VELOCITY_COLOR)
        # μ is the rule's momentum coefficient: the textbook's is β₁, PyTorch's starts at half of it
        n_tag = VGroup(text("NAdam:", "body", color=nad_c),
                       VGroup(text("constant:", "body", color=nad_c), tex(r"\mu = \beta_1", color=nad_c))
                       .arrange(RIGHT, buff=0.2)).arrange(RIGHT, buff=0.3)
        col1 = VGroup(ahead_tag, ahead).arrange(RIGHT, buff=0.3)
        col1.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, HERO.top - 0.15 - col1.height / 2, 0])
        # the NAdam rule large, in the free band under the bars
        col2 = VGroup(n_tag, n_rule).arrange(DOWN, buff=0.2)
        n_tag.align_to(n_rule, LEFT)
        col2.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, SAFE_BOTTOM + col2.height / 2, 0])
        self.claim("the NAdam rule and its note fit the safe width",
                   col2.get_left()[0] >= SAFE_LEFT - 1e-6 and col2.get_right()[0] <= SAFE_RIGHT + 1e-6)
        # what one step is made of: bars, the fresh gradient's parts in red, the older gradients in blue
        x0, bar_w, bar_h = SAFE_LEFT + 3.2, 7.2, 0.55
        direct_c, inside_c = GRADIENT_COLOR, GRADIENT_COLOR

        def piece(w, kind):
            if kind == "direct":
                return Rectangle(width=max(w, 1e-3) * bar_w, height=bar_h, stroke_width=0, fill_color=direct_c,
                                 fill_opacity=0.95)
            if kind == "inside":  # the fresh gradient carried inside m̂: outlined, lighter
                return Rectangle(width=max(w, 1e-3) * bar_w, height=bar_h, stroke_width=3, stroke_color=inside_c,
                                 fill_color=inside_c, fill_opacity=0.5)
            return Rectangle(width=w * bar_w, height=bar_h, stroke_width=0, fill_color=VELOCITY_COLOR,
                             fill_opacity=0.55)

        def g_t(*words):  # today's gradient g_t in a legend entry
            parts = [tex(w[1:], "label", color=GRADIENT_COLOR) if w.startswith("$") else text(w, "label", color=GRADIENT_COLOR)
                     for w in words]
            return VGroup(*parts).arrange(RIGHT, buff=0.12)

        legend = VGroup(piece(0.06, "direct"), g_t("$g_t", "direct"),
                        piece(0.06, "inside"), g_t("$g_t", "inside", r"$\hat m_t"),
                        piece(0.06, "old"), text("older gradients", "label", color=VELOCITY_COLOR))
        legend.arrange(RIGHT, buff=0.18)
        for i in (2, 3):
            legend[i].shift(RIGHT * 0.2)
        for i in (4, 5):
            legend[i].shift(RIGHT * 0.4)
        legend.move_to([SAFE_LEFT, col1.get_bottom()[1] - 0.4, 0], aligned_edge=LEFT)
        rows_spec = [(("Adam",), (0.0, w_adam), optimizer_color("adam"), f"{w_adam:.1f}"),
                     (("NAdam,", f"\u03bc = \u03b2\u2081 = {b1:g}"), split_look, nad_c, f"{w_look:.2f}"),
                     (("PyTorch,", f"\u03bc = {mu_1:.2f}"), split_torch, nad_c, f"{w_torch:.1f}")]
        rows = VGroup()
        y = legend.get_bottom()[1] - 0.6
        for lab_lines, (w_dir, w_in), col, val_s in rows_spec:
            lab = VGroup(*[text(s, "label", color=col) for s in lab_lines]).arrange(DOWN, aligned_edge=RIGHT, buff=0.05)
            lab.move_to([x0 - 0.3, y, 0], aligned_edge=RIGHT)
            parts = VGroup(piece(w_dir, "direct"), piece(w_in, "inside"), piece(1 - w_dir - w_in, "old"))
            if w_dir == 0:
                parts.remove(parts[0])
            parts.arrange(RIGHT, buff=0).move_to([x0, y, 0], aligned_edge=LEFT)
            val = text(val_s, "label", color=GRADIENT_COLOR).next_to(parts, RIGHT, buff=0.2)
            rows.add(VGroup(lab, parts, val))
            y -= 0.9 if len(rows) < 2 else 1.1  # room under the NAdam bar for its two parts
        # the NAdam row's two parts, said aloud: under the bar
        nrow = rows[1][1]
        split_lab = VGroup(text(f"{split_look[0]:.1f} direct  +  {split_look[1]:.2f} inside", "label",
                                color=GRADIENT_COLOR), tex(r"\hat m_t", "label", color=GRADIENT_COLOR)).arrange(
            RIGHT, buff=0.12)
        split_lab.next_to(nrow, DOWN, buff=0.1).align_to(nrow, LEFT)
        self.w_rows = rows
        # the value column's head, in the legend's line: the number is the weight of today's g_t in the step
        w_head = VGroup(g_t("$g_t", "weight,"), text("late steps", "label")).arrange(DOWN, buff=0.04).set_color(TEXT)
        w_head.move_to([rows[1][2].get_x(), legend.get_top()[1] + 0.04, 0], aligned_edge=UP)  # clear of the m_{t+1} line
        w_head.shift(LEFT * max(0.0, w_head.get_right()[0] - SAFE_RIGHT))
        self.claim("the weights' head fits right of the legend, inside the frame",
                   w_head.get_left()[0] > legend.get_right()[0] + 0.3 and w_head.get_right()[0] <= SAFE_RIGHT + 1e-6)
        legend.add(w_head)
        prow = rows[2][1]
        half_note = self.mu_chart(opt, k_half, x0, prow)
        ratio_look = w_look / w_adam
        t10 = 10  # early on both weights are larger (divided by 1 - β₁ᵗ), in the same ratio
        early = ((1 - b1) + b1 * (1 - b1)) / (1 - b1 ** t10), (1 - b1) / (1 - b1 ** t10)
        self.claim("the look-ahead gives today's gradient about twice Adam's weight (1.9x), at step 10 as late on",
                   round(ratio_look, 1) == 1.9 and np.isclose(early[0] / early[1], ratio_look))
        line2 = "Today's gradient enters twice, directly and inside m-hat: about twice Adam's weight."
        line1 = "NAdam looks ahead: it steps with mu m-hat plus one minus mu g."
        # next step's momentum becomes the rule's numerator as it is read: beta1 -> mu, m -> m-hat, g stays
        src, dst = [g for part in ahead for g in part], n_rule[0]
        pairs = (((5, 6), (9,)), ((7,), (10, 11)), ((8,), (12,)), ((9,), (13,)), ((10,), (14,)), ((11,), (15,)),
                 ((12,), (16,)), ((13, 14), (17,)), ((15,), (18,)), ((16,), (19,)), ((17,), (20,)))
        self.claim("the look-ahead line's glyphs are the 18 expected and the rule's mu are the morph's targets",
                   len(src) == 18 and {dst[9], dst[17]} == set(mu_glyphs))
        moved = {j for _, js in pairs for j in js}
        rest = VGroup(*[g for j, g in enumerate(dst) if j not in moved])
        morphs = [ReplacementTransform(VGroup(*[src[i] for i in ii]).copy(), VGroup(*[dst[j] for j in jj]))
                  for ii, jj in pairs]
        with self.voiceover(text=line1) as tracker:
            # next step's momentum first, with the heading; the space between it and the rule stays clear for the morph
            self.heading_swap("NAdam: Nesterov's look-ahead in Adam", [FadeOut(self.adamax_parts)],
                              [FadeIn(col1), FadeIn(n_tag)], t_in=0.5)
            # "it steps with mu m-hat ...": the momentum line moves into the rule, beta1 becoming mu
            self.until(tracker, line1.index("it steps") / len(line1) - 0.03)
            self.play(*morphs, FadeIn(rest), run_time=1.3)
            self.remove(n_tag, rest, *[g for _, jj in pairs for g in (dst[j] for j in jj)])
            self.add(col2)
            # μ lit in the rule (μ m̂, then 1 − μ); it stays lit
            self.play(*[g.animate.set_color(TEXT).scale(1.25) for g in mu_glyphs], run_time=0.4)
            # Adam's step, made of its parts, in the middle (NAdam's comes with the next sentence)
            self.play(FadeIn(legend), FadeIn(rows[0][0]), GrowFromEdge(rows[0][1], LEFT), FadeIn(rows[0][2]),
                      run_time=max(0.5, tracker.get_remaining_duration()))
        with self.voiceover(text=line2) as tracker:
            self.play(FadeIn(rows[1][0]), GrowFromEdge(rows[1][1], LEFT), FadeIn(rows[1][2]), run_time=0.7)
            self.until(tracker, line2.index("directly") / len(line2) - 0.03)
            self.play(FadeIn(split_lab), run_time=0.6)
        line3 = f"PyTorch holds mu near {mu_1:.2f}: today's gradient gets {w_torch:.1f}."
        with self.voiceover(text=line3) as tracker:
            # the rules leave; PyTorch's μ comes in (its row's name and μ's chart), then its bar with the 0.6
            self.play(FadeOut(col2), FadeOut(col1), run_time=0.3)
            self.play(FadeIn(rows[2][0]), FadeIn(half_note[0]), run_time=0.4)
            self.play(Create(half_note[1]), rate_func=linear,
                      run_time=max(0.5, self.time_to(tracker, line3, "today", 0.02)))
            self.play(GrowFromEdge(rows[2][1], LEFT), FadeIn(rows[2][2], scale=1.4), run_time=0.6)
        self.wait(0.1)  # the finished panel holds (it fades as the race comes in)
        self.nadam_parts = VGroup(legend, rows, split_lab, half_note)

    def mu_chart(self, opt, k_half: int, x0: float, prow) -> VGroup:
        """PyTorch's μ_t on a log step axis under the bars: 0.45 for thousands of steps, β₁ far beyond; the race's
        80 steps shaded. Returns (axes and labels, curve, the schedule's formula as a footnote)."""
        nad_c = optimizer_color("nadam")
        b1 = self.b1
        last = 30000
        mu_1 = float(nadam_mu(opt, 1))
        ch = LogStepChart((1, last), (0.4, 0.95), width=7.2, height=1.55, x_ticks=(1, 10, 100, 1000, 10000))
        ch.move_to([x0, prow.get_bottom()[1] - 0.28, 0], aligned_edge=UP + LEFT)
        ch.shift(RIGHT * (x0 - ch.frame.get_left()[0]))
        self.claim("the mu chart fits above the safe bottom", ch.get_bottom()[1] >= SAFE_BOTTOM - 1e-6,
                   f"{ch.get_bottom()[1]:.2f}")
        ts = np.unique(np.round(np.logspace(0, np.log10(last), 400)))
        mu = nadam_mu(opt, ts)
        self.claim("PyTorch's mu reaches 0.9 within the chart's steps", round(float(mu[-1]), 2) == b1)
        curve = ch.curve(ts, mu, nad_c)
        top = DashedLine(ch.c2p(1, b1), ch.c2p(last, b1), stroke_color=MUTED, stroke_width=2)
        race = Rectangle(width=ch.c2p(self.race_window, 0.4)[0] - ch.c2p(1, 0.4)[0], height=ch.frame.height,
                         stroke_width=0, fill_color=TEXT, fill_opacity=0.18)
        race.move_to(ch.c2p(1, 0.4), aligned_edge=DOWN + LEFT)
        race_lab = text("race", "label", color=TEXT).move_to(ch.c2p(9, 0.66))
        name = VGroup(text("PyTorch's", "label", color=nad_c), tex(r"\mu_t", "label", color=nad_c)).arrange(
            DOWN, aligned_edge=RIGHT, buff=0.05).move_to([x0 - 0.3, ch.frame.get_y(), 0], aligned_edge=RIGHT)
        start = text(f"{mu_1:.2f}", "body", color=nad_c).next_to(ch.c2p(100, mu_1), UP, buff=0.08)
        end = text(f"{b1:g}", "body", color=TEXT).next_to(ch.c2p(last, b1), RIGHT, buff=0.12)
        return VGroup(VGroup(ch, top, race, race_lab, name, start, end), curve)

    def time_to(self, tracker, line: str, token: str, lead: float = 0.04) -> float:
        """Seconds from now until ``token`` of the spoken ``line`` is said (estimated by its place in the text)."""
        target = max(0.0, line.index(token) / len(line) - lead) * tracker.duration
        return target - (tracker.duration - tracker.get_remaining_duration())

    def race_chart(self, zoom: int):
        """θ₂ across the floor against step: the hero picture (the table of readouts beside it)."""
        w, left = 7.7, SAFE_LEFT + 0.95  # room for the −0.5 tick label inside the safe area
        chart = StepChart(zoom, y_range=(-0.75, 1.5), width=w, height=4.7, font_size=LABEL_FS, x_label="step",
                          y_label="\u03b8\u2082, across the ravine (floor at 0)", n_x_ticks=7)
        chart.shift(RIGHT * (left - chart.frame.get_left()[0]) + UP * (HERO.top - 0.62 - chart.frame.get_top()[1]))
        for m in chart.ticks:
            if isinstance(m, Text):
                m.set_color(FAINT)
        chart.y_label.set_color(TEXT)
        chart.x_label.set_color(TEXT)
        return chart

    def race(self):
        zoom = self.race_window  # every run has settled across by then
        chart = self.race_chart(zoom)
        nad_c = optimizer_color("nadam")
        # NAdam with μ held at β₁ is the look-ahead alone: Nesterov's colour, not PyTorch NAdam's yellow
        fix_c = optimizer_color("nesterov")
        self.claim("the four race colours are distinct (normal vision and colour-blind simulations)",
                   distinct([optimizer_color(nm) for nm in self.names] + [fix_c]))
        floor = DashedLine(chart.c2p(0, 0), chart.c2p(zoom, 0), stroke_color=TEXT, stroke_width=2, stroke_opacity=0.7)
        for nm in self.names:
            chart.add_series(self.trajs[nm].positions[:zoom + 1, self.across], optimizer_color(nm), stroke_width=5)
        # NAdam with mu held at beta1 (the look-ahead alone): dashed, drawn after the three
        fixed_opt = oc.optimizer("nadam", lr=self.lr, momentum_decay=self.mu_fixed_decay)
        self.claim("with this momentum_decay NAdam's mu is beta1 = 0.9 from step 1",
                   float(nadam_mu(fixed_opt, 1)) == self.b1 == 0.9)
        fixed = self.fixed_traj = oc.run(fixed_opt, self.ls, self.ls.start, steps=400, seed=0)
        fy = fixed.positions[:, self.across]
        dseries = DashedSeries(chart, fy[:zoom + 1], fix_c, stroke_width=5)
        sw = dict(self.swing)
        sw["fixed"] = float(fy.min())
        order = sorted(self.names, key=lambda nm: sw[nm])
        self.claim("Adam swings farthest across, then AdaMax, then NAdam", order == ["adam", "adamax", "nadam"])
        self.claim("every lowest point comes within the chart's steps",
                   all(int(np.argmin(self.trajs[nm].positions[:, self.across])) < zoom for nm in self.names)
                   and int(np.argmin(fy)) < zoom)
        self.claim("the same gamma for all, untuned", len({self.opts[nm].lr for nm in self.names} | {fixed_opt.lr}) == 1)
        tol = self.settle_tol
        band = Rectangle(width=chart.c2p(zoom, 0)[0] - chart.c2p(0, 0)[0],
                         height=chart.c2p(0, tol)[1] - chart.c2p(0, -tol)[1], stroke_width=0, fill_color=TEXT,
                         fill_opacity=0.35).move_to(chart.c2p(zoom / 2, 0))
        long_runs = {nm: oc.run(self.opts[nm], self.ls, self.ls.start, steps=400, seed=0) for nm in self.names}
        settle = {nm: settle_step(self.trajs[nm].positions[:, self.across], 0.0, tol) for nm in self.names}
        longer = {nm: settle_step(long_runs[nm].positions[:, self.across], 0.0, tol) for nm in self.names}
        self.claim(f"across the floor, NAdam settles (stays within {tol:g}) at step 22, AdaMax 45, Adam 61",
                   settle == {"nadam": 22, "adamax": 45, "adam": 61} and longer == settle and zoom >= 1.25 * 61)
        settle["fixed"] = settle_step(fy, 0.0, tol)
        self.claim("NAdam with mu held at 0.9 reaches -0.43 and settles by step 36 (in a 400-step run)",
                   f"{sw['fixed']:.2f}" == "-0.43" and settle["fixed"] == 36 == settle_step(fy[:zoom + 1], 0.0, tol))
        # how much of NAdam's win over Adam is the look-ahead (Adam -> mu = 0.9), how much the smaller mu
        look_low = (sw["fixed"] - sw["adam"]) / (sw["nadam"] - sw["adam"])
        look_settle = (settle["adam"] - settle["fixed"]) / (settle["adam"] - settle["nadam"])
        self.claim("the look-ahead gives most of NAdam's gain in settling (61 -> 36 of 61 -> 22), the smaller mu "
                   "most of its gain in overshoot (-0.43 -> -0.13 of -0.61 -> -0.13)",
                   look_settle > 0.5 and look_low < 0.5)
        mu_1 = float(nadam_mu(self.opts["nadam"], 1))
        names = {"adam": ("Adam",), "adamax": ("AdaMax",), "nadam": ("NAdam,", f"\u03bc = {mu_1:.2f}"),
                 "fixed": ("NAdam,", f"\u03bc = {self.b1:g}")}
        colors = {nm: optimizer_color(nm) for nm in self.names} | {"fixed": fix_c}
        rows = (*self.names, "fixed")

        def series_y(nm):
            return fy if nm == "fixed" else self.trajs[nm].positions[:, self.across]

        def marker(nm, k, ring: bool):
            d = Dot(chart.c2p(k, series_y(nm)[k]), radius=0.11 if ring else 0.1, color=colors[nm])
            if nm == "fixed":  # hollow: the dashed run
                d.set_fill(BACKGROUND, opacity=1).set_stroke(colors[nm], 3)
            elif ring:
                d.set_stroke(TEXT, 2)
            return d

        lows = {nm: marker(nm, int(np.argmin(series_y(nm)[:zoom + 1])), False) for nm in rows}
        settle_dots = {nm: marker(nm, settle[nm], True) for nm in rows}
        # the table right of the chart, each run in two lines: its name, then a sample of its line, its lowest
        # point and its settle step (right-aligned under the two heads)
        x0 = chart.frame.get_right()[0] + 0.3
        col_lo, col_st = SAFE_RIGHT - 1.9, SAFE_RIGHT
        head = VGroup(text("overshoot", "body", color=TEXT), text("settled", "body", color=TEXT))
        table_top = HERO.top - 0.1  # the heads large, above the chart's top line
        head[0].move_to([col_lo, table_top, 0], aligned_edge=UP + RIGHT)
        head[1].move_to([col_st, table_top, 0], aligned_edge=UP + RIGHT)
        cells = {}
        y = table_top - 0.55
        for nm in rows:
            c = colors[nm]
            lab = text(" ".join(names[nm]), "label", color=c).move_to([x0, y, 0], aligned_edge=UP + LEFT)
            ny = lab.get_bottom()[1] - 0.1
            lo_t = text(f"{abs(sw[nm]):.2f}", "body", color=c).move_to([col_lo, ny, 0], aligned_edge=UP + RIGHT)
            # the run's lowest-point marker, as on the chart (hollow: the dashed run)
            smp = Dot(ORIGIN, radius=0.1, color=c)
            if nm == "fixed":
                smp.set_fill(BACKGROUND, opacity=1).set_stroke(c, 3)
            smp.move_to([x0 + 0.05, lo_t.get_y(), 0], aligned_edge=LEFT)
            cells[nm] = (VGroup(lab, smp), lo_t,
                         text(f"{settle[nm]}", "body", color=c).move_to([col_st, ny, 0], aligned_edge=UP + RIGHT))
            y = lo_t.get_bottom()[1] - 0.2
        self.claim("the table's heads clear the chart's top", head.get_bottom()[1] > chart.frame.get_top()[1] + 0.1)
        self.claim("the table's names fit right of the chart", all(
            cells[nm][0].get_right()[0] <= SAFE_RIGHT + 1e-6 and cells[nm][0][1].get_right()[0] < cells[nm][1].get_left()[0] - 0.12
            for nm in rows))
        self.table_bottom, self.table_x0 = y, x0
        # the grey band labelled on the chart, under it (the inset takes the space above), where no run goes
        band_lab = VGroup(text("settled:", "label", color=TEXT), text(f"stays in \u00b1{tol:g}", "label", color=TEXT))
        band_lab.arrange(DOWN, aligned_edge=RIGHT, buff=0.08)
        band_lab.move_to(chart.c2p(zoom, -tol) + DOWN * 0.08, aligned_edge=UP + RIGHT).shift(LEFT * 0.1)
        k_from = int(np.floor((band_lab.get_left()[0] - chart.c2p(0, 0)[0]) / (chart.c2p(1, 0)[0] - chart.c2p(0, 0)[0])))
        lab_top = (band_lab.get_top()[1] - chart.c2p(0, 0)[1]) / (chart.c2p(0, 1)[1] - chart.c2p(0, 0)[1])
        runs_late = np.stack([series_y(nm)[k_from:zoom + 1] for nm in rows])
        self.claim("no run comes near the band's label (under the band, right of Adam's second swing)",
                   runs_late.min() > lab_top + 0.02 and k_from > 30, f"{runs_late.min():.3f} vs {lab_top:.3f}, {k_from}")
        # the verdict as two split bars in the chart's place: Adam's settle step and overshoot, cut into the
        # look-ahead's part (Adam -> mu = 0.9) and the smaller mu's part (mu = 0.9 -> 0.45)
        verdict = self.split_bars(chart, settle, sw, fix_c, nad_c)
        chart_parts = Group(chart, dseries, band, floor, band_lab, *lows.values(), *settle_dots.values())

        def draw_to(e, run_time):
            return self.play(chart.draw(end=e), rate_func=linear, run_time=max(0.3, run_time))

        a, x, n_ = (f"{abs(sw[nm]):.2f}" for nm in self.names)
        # AdaMax's small steps (its beat) are why its row swings less: said on the chart as its row comes in
        amax_c = optimizer_color("adamax")
        note = VGroup(text("AdaMax steps small:", "body", color=amax_c), text("swings less", "body", color=amax_c))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        note.move_to(chart.frame.get_corner(UP + RIGHT) + LEFT * 0.15 + DOWN * 0.1, aligned_edge=UP + RIGHT)
        amax_note = VGroup(BackgroundRectangle(note, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.08), note)
        k_note = int(np.floor((amax_note.get_left()[0] - chart.c2p(0, 0)[0]) / (chart.c2p(1, 0)[0] - chart.c2p(0, 0)[0])))
        y_note = (amax_note.get_bottom()[1] - chart.c2p(0, 0)[1]) / (chart.c2p(0, 1)[1] - chart.c2p(0, 0)[1])
        late = np.stack([series_y(nm)[k_note:zoom + 1] for nm in rows])
        self.claim("no run passes under AdaMax's note (the chart's empty upper right)",
                   late.max() < y_note - 0.05 and k_note > 15, f"{late.max():.3f} vs {y_note:.3f}, {k_note}")
        # the dashed run named on the chart, in AdaMax's note's place (it leaves as the dashed run comes in)
        f_note = VGroup(text(f"\u03bc held at {self.b1:g}:", "body", color=fix_c),
                        text("the look-ahead alone", "body", color=fix_c)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        f_note.move_to(amax_note[1], aligned_edge=UP + RIGHT)
        fix_note = VGroup(BackgroundRectangle(f_note, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.08), f_note)
        k_fn = int(np.floor((fix_note.get_left()[0] - chart.c2p(0, 0)[0]) / (chart.c2p(1, 0)[0] - chart.c2p(0, 0)[0])))
        y_fn = (fix_note.get_bottom()[1] - chart.c2p(0, 0)[1]) / (chart.c2p(0, 1)[1] - chart.c2p(0, 0)[1])
        self.claim("no run passes under the dashed run's note", fy[k_fn:zoom + 1].max() < y_fn - 0.05
                   and np.stack([series_y(nm)[k_fn:zoom + 1] for nm in rows]).max() < y_fn - 0.05 and k_fn > 15
                   and fix_note.get_left()[0] > chart.frame.get_left()[0], f"{y_fn:.2f}, {k_fn}")
        line1 = f"Adam overshoots by {a}, NAdam {n_}."
        # the race comes in before its first sentence, so each overshoot is on the chart as it is said
        self.play(FadeOut(self.nadam_parts), FadeOut(self.heading), run_time=0.3)
        self.heading = None
        heading = self.set_heading(f"The race: same \u03b3 = {self.lr:g} for all, not tuned", animate=False)
        self.remove(heading)
        self.play(FadeIn(heading, shift=0.15 * DOWN), FadeIn(chart.axes), FadeIn(band), Create(floor),
                  FadeIn(head[0]), run_time=0.5)
        self.add(*chart.series)
        # seconds into each sentence where its numbers are said (the voice's timing: "Adam overshoots by" 1.3 s)
        said = {a: 1.15, n_: 3.1, str(settle["nadam"]): 1.15, str(settle["adam"]): 2.3}
        with self.voiceover(text=line1) as tracker:
            for nm, tok in zip(self.names, (a, None, n_)):  # AdaMax's lowest point comes in unsaid (the table)
                kk = int(np.argmin(self.trajs[nm].positions[:, self.across]))
                draw_to(max(kk, chart.progress) + 0.5, 0.4 if tok is None else self.at(tracker, said[tok]))
                self.play(FadeIn(lows[nm]), FadeIn(cells[nm][0]), FadeIn(cells[nm][1]),
                          *([FadeIn(amax_note)] if nm == "adamax" else []), run_time=0.3)
            draw_to(settle["nadam"] - 1, tracker.get_remaining_duration())
        k_low = int(np.argmin(fy[:zoom + 1]))
        line2 = f"NAdam settles by {settle['nadam']}, Adam {settle['adam']}."
        with self.voiceover(text=line2) as tracker:
            self.play(FadeIn(band_lab), FadeIn(head[1]), run_time=0.3)
            draw_to(settle["nadam"], self.at(tracker, said[str(settle["nadam"])]))
            self.play(FadeIn(settle_dots["nadam"]), FadeIn(cells["nadam"][2]), run_time=0.25)
            t_adam = self.at(tracker, said[str(settle["adam"])])
            draw_to(settle["adamax"], t_adam / 2 - 0.15)  # AdaMax's settle step comes in unsaid (the table)
            self.play(FadeIn(settle_dots["adamax"]), FadeIn(cells["adamax"][2]), run_time=0.2)
            draw_to(settle["adam"], self.at(tracker, said[str(settle["adam"])]))
            self.play(FadeIn(settle_dots["adam"]), FadeIn(cells["adam"][2]), run_time=0.25)
            draw_to(zoom, tracker.get_remaining_duration())
        # the look-ahead alone (μ held at 0.9), dashed, drawn over the dimmed three: its overshoot and settle
        # step come into the table as the line passes them (unsaid: the table and the verdict show them)
        line4 = f"Mu at {self.b1:g}: the look-ahead alone."
        self.claim("at mu 0.9 NAdam still overshoots (by 0.43, less than Adam's 0.61, more than NAdam's 0.13)",
                   sw["adam"] < sw["fixed"] < sw["nadam"] < 0 and f"{abs(sw['fixed']):.2f}" == "0.43")
        faded = [sr.line for sr in chart.series] + [sr.head for sr in chart.series if sr.head is not None]
        pic = self.brake_step(fix_c)
        with self.voiceover(text=line4) as tracker:
            self.add(dseries)
            self.play(*[m.animate.set_stroke(opacity=0.3) for m in faded], FadeIn(cells["fixed"][0]),
                      FadeOut(amax_note), FadeIn(fix_note), run_time=0.3)
            self.play(UpdateFromAlphaFunc(dseries, lambda m, al: m.set_progress(al * (k_low + 0.5))),
                      rate_func=linear, run_time=0.8)
            self.play(FadeIn(lows["fixed"]), FadeIn(cells["fixed"][1]), run_time=0.2)
            s0 = dseries.progress
            self.play(UpdateFromAlphaFunc(dseries, lambda m, al: m.set_progress(s0 + al * (settle["fixed"] - s0))),
                      rate_func=linear, run_time=max(0.4, tracker.get_remaining_duration() - 0.5))
            self.play(FadeIn(settle_dots["fixed"]), FadeIn(cells["fixed"][2]), run_time=0.2)
            # where the next picture comes from: step 6 to 7, just past the floor, on the chart
            rect = pic["rect_at"](chart)
            self.play(Create(rect), run_time=0.3)
        table = VGroup(head, *[m for nm in rows for m in cells[nm]])
        # why the look-ahead brakes sooner: step 6 -> 7 of both runs, each split into its two parts, to scale
        w_adam, w_fix = (f"{w:.2g}" for w in pic["weights"])
        self.claim("past the floor NAdam at mu = 0.9 carries 0.81 of the old momentum, Adam 0.9 (the labels' weights)",
                   (w_fix, w_adam) == ("0.81", "0.9"))
        line3 = f"Past the floor, it carries {w_fix} of old momentum, not {w_adam}."
        with self.voiceover(text=line3) as tracker:
            self.heading_swap("Step 6 \u2192 7, just past the floor", [FadeOut(chart_parts), FadeOut(table), FadeOut(fix_note)],
                              [ReplacementTransform(rect, pic["border"]), FadeIn(pic["frame"]), FadeIn(pic["starts"])])
            self.until(tracker, line3.index("carries") / len(line3) - 0.04)
            self.play(*[GrowArrow(m) for m in pic["carried"]], FadeIn(pic["carried_labs"]), run_time=0.8)
            self.until(tracker, line3.index("not") / len(line3) - 0.04)
            self.play(*[GrowArrow(m) for m in pic["pull"]], FadeIn(pic["pull_labs"]), run_time=0.6)
            # where each lands: the step it makes
            self.play(*[GrowArrow(m) for m in pic["net"]], FadeIn(pic["net_labs"]),
                      run_time=0.5)
        self.wait(self.zoom_hold)  # the finished picture, held to be read
        line5 = "Here the look-ahead cuts most of the settling, the smaller mu most of the overshoot."
        with self.voiceover(text=line5) as tracker:
            # the verdict where the chart was, the table back beside it: both bars at Adam's values, then the cuts
            self.heading_swap(f"The race: same \u03b3 = {self.lr:g} for all, not tuned", [FadeOut(pic["all"])],
                              [FadeIn(table), FadeIn(verdict["frame"])])
            self.play(*[GrowFromEdge(b, RIGHT) for b in verdict["look"]], FadeIn(verdict["look_labs"]),
                      run_time=0.7)
            self.until(tracker, line5.index("smaller") / len(line5) - 0.02)
            self.play(*[GrowFromEdge(b, RIGHT) for b in verdict["mu"]], FadeIn(verdict["mu_labs"]), run_time=0.7)

    def at(self, tracker, seconds: float) -> float:
        """Seconds from now until ``seconds`` into the current line (at least a frame)."""
        return max(1 / 15, seconds - (tracker.duration - tracker.get_remaining_duration()))

    def heading_swap(self, title: str, outs=(), ins=(), t_out: float = 0.3, t_in: float = 0.4):
        """The old heading leaves with ``outs``, then the new one comes with ``ins`` (no stacked cross-fade)."""
        old = self.heading
        self.heading = None
        heading = self.set_heading(title, animate=False)
        self.remove(heading)
        self.play(FadeOut(old), *outs, run_time=t_out)
        self.play(FadeIn(heading, shift=0.15 * DOWN), *ins, run_time=t_in)

    def step_parts(self, traj, k: int) -> tuple[float, float]:
        """The move across (θ₂) from positions[k] to positions[k+1] split into what old momentum carries
        and today's pull (``optim_core.analysis.momentum_split``)."""
        carried, pull = (float(v[self.across]) for v in momentum_split(traj, k))
        self.claim("a step's two parts add up to the run's move", np.isclose(carried + pull, traj.updates[k, self.across]))
        return carried, pull

    def brake_step(self, fix_c) -> dict:
        """Step 6 -> 7 (the first step past the floor) of Adam and of NAdam with μ held at 0.9, side by side on
        one θ₂ scale: from the step-6 dot, what old momentum carries (down, in the run's colour), then today's
        pull (up, red) from its head, landing on the step-7 dot; the step itself beside them (belongs in the kit)."""
        ad_t, fx_t = self.trajs["adam"], self.fixed_traj
        ad, fy = ad_t.positions[:, self.across], fx_t.positions[:, self.across]
        k = int(np.argmax(ad < 0))  # the first position past the floor
        self.claim("Adam and NAdam at mu = 0.9 first pass the floor at the same step (6), at nearly the same place",
                   k == int(np.argmax(fy < 0)) == 6 and abs(ad[k] - fy[k]) < 0.01)
        mu = float(nadam_mu(fx_t.optimizer, k + 1))
        b1 = self.b1
        w_carry, w_pull = (b1, 1 - b1), (mu * b1, mu * (1 - b1) + (1 - mu))
        self.claim("the rule's weights: Adam's m_t is 0.9 old m + 0.1 g; NAdam's mu m_t + (1 - mu) g is "
                   "0.81 old m + 0.19 g at mu = 0.9",
                   mu == b1 == 0.9 and [f"{v:.2g}" for v in (*w_carry, *w_pull)] == ["0.9", "0.1", "0.81", "0.19"])
        runs = [("Adam", optimizer_color("adam"), ad, *self.step_parts(ad_t, k), w_carry),
                ((f"NAdam, \u03bc = {b1:g}"), fix_c, fy, *self.step_parts(fx_t, k), w_pull)]
        (_, _, _, c_a, p_a, _), (_, _, _, c_f, p_f, _) = runs
        self.claim("past the floor today's pull points back (up), old momentum still down; NAdam carries less "
                   "and pulls back more, so its step is shorter",
                   c_a < c_f < 0 < p_a < p_f and abs(c_f + p_f) < 0.8 * abs(c_a + p_a))
        fmt = {"c": lambda v: minus(f"{v:.2f}"), "p": lambda v: f"+{v:.2f}"}
        self.claim("the parts' rounded values add up to the rounded steps: -0.20 + 0.01 = -0.19, -0.15 + 0.02 = -0.13",
                   [fmt["c"](v) for v in (c_a, p_a, c_a + p_a, c_f, p_f, c_f + p_f)]
                   == [minus(s) for s in ("-0.20", "0.01", "-0.19", "-0.15", "0.02", "-0.13")])
        # one θ₂ scale for both: the floor at the top, Adam's lowest point (its carried head) near the bottom
        y_top, y_bot = 2.05, SAFE_BOTTOM + 0.45
        v_lo = -0.36
        self.claim("both steps stay inside the picture's range", min(ad[k] + c_a, fy[k] + c_f) > v_lo)

        def Y(v):
            return y_top + (y_bot - y_top) * v / v_lo

        frame = VGroup()
        for v in (0.0, -0.1, -0.2, -0.3):  # one scale for both halves: the floor and faint guides every 0.1
            line = (DashedLine if v == 0 else Line)([SAFE_LEFT, Y(v), 0], [SAFE_RIGHT, Y(v), 0],
                                                   stroke_color=TEXT if v == 0 else MUTED,
                                                   stroke_width=3 if v == 0 else 1.5, stroke_opacity=0.8 if v == 0 else 0.35)
            frame.add(line)
        frame.add(text("floor", "body", color=TEXT).next_to([SAFE_RIGHT, Y(0), 0], DOWN + LEFT, buff=0.1))
        border = Rectangle(width=SAFE_RIGHT - SAFE_LEFT, height=y_top - y_bot + 0.3, stroke_color=MUTED,
                           stroke_width=0, fill_opacity=0).move_to([0, (y_top + y_bot) / 2, 0])
        out = {"frame": frame, "border": border, "starts": VGroup(), "carried": [], "pull": [],
               "net": [], "carried_labs": VGroup(), "pull_labs": VGroup(), "net_labs": VGroup()}
        grad_c = GRADIENT_COLOR

        def two(words, num, col):  # a part's name (small) over its weight and value (large)
            return VGroup(text(words, "label", color=col), text(num, "body", color=col)).arrange(
                DOWN, aligned_edge=LEFT, buff=0.08)

        for i, (name, col, ys, carried, pull, (wc, wp)) in enumerate(runs):
            x_l = SAFE_LEFT if i == 0 else 0.2  # each run in its half
            xn = x_l + 1.75  # the step; right of it what old momentum carries, then today's pull
            xc, xp = xn + 0.4, xn + 0.85
            y6, y7, yc = Y(ys[k]), Y(ys[k + 1]), Y(ys[k] + carried)
            title = text(name, "body", color=col).move_to([xc, y_top + 0.45, 0])
            d6 = Dot([xc, y6, 0], radius=0.11, color=col)
            if i == 1:  # hollow: the dashed run
                d6.set_fill(BACKGROUND, opacity=1).set_stroke(col, 3)
            c_arr = Arrow([xc, y6, 0], [xc, yc, 0], buff=0, color=col, stroke_width=10, tip_length=0.3,
                          max_tip_length_to_length_ratio=0.2)
            turn = Line([xc, yc, 0], [xp, yc, 0], stroke_color=grad_c, stroke_width=4)
            p_arr = Arrow([xp, yc, 0], [xp, y7, 0], buff=0, color=grad_c, stroke_width=12, tip_length=0.15,
                          max_tip_length_to_length_ratio=0.9)
            c_lab = two("old momentum", f"\u00d7{wc:.2g}: {fmt['c'](carried)}", col)
            c_lab.move_to([xp + 0.3, (y6 + yc) / 2, 0], aligned_edge=LEFT)
            p_lab = two("today's pull", f"\u00d7{wp:.2g}: {fmt['p'](pull)}", grad_c)
            p_lab.move_to([xp + 0.3, (yc + y7) / 2, 0], aligned_edge=LEFT)
            # the step itself, left of the column: from step k to step k + 1
            n_arr = Arrow([xn, y6, 0], [xn, y7, 0], buff=0, color=TEXT, stroke_width=5, tip_length=0.22,
                          max_tip_length_to_length_ratio=0.2)
            n_lab = VGroup(text("step", "label", color=TEXT),
                           text(fmt["c"](carried + pull), "body", color=TEXT)).arrange(DOWN, aligned_edge=RIGHT, buff=0.08)
            n_lab.next_to(n_arr, LEFT, buff=0.15)
            out["starts"].add(title, d6)
            out["carried"].append(c_arr)
            out["carried_labs"].add(c_lab)
            out["pull"].append(p_arr)
            out["pull_labs"].add(turn, p_lab)
            out["net"].append(n_arr)
            out["net_labs"].add(n_lab)
            right = max(c_lab.get_right()[0], p_lab.get_right()[0])
            self.claim("the step picture's labels fit their half and the safe area",
                       right <= (-0.1 if i == 0 else SAFE_RIGHT) and n_lab.get_left()[0] >= x_l - 1e-6,
                       f"{right:.2f}, {n_lab.get_left()[0]:.2f}")
            self.claim("a run's two part labels do not meet, and stay above the safe bottom",
                       c_lab.get_bottom()[1] > p_lab.get_top()[1] + 0.05 and p_lab.get_bottom()[1] >= SAFE_BOTTOM - 1e-6,
                       f"{c_lab.get_bottom()[1]:.2f} vs {p_lab.get_top()[1]:.2f}, {p_lab.get_bottom()[1]:.2f}")

        def rect_at(chart):
            """Steps k-1 to k+2 near the floor, on the race chart."""
            (xa, ya), (xb, yb) = chart.c2p(k - 1, 0.2)[:2], chart.c2p(k + 2, v_lo)[:2]
            return Rectangle(width=xb - xa, height=ya - yb, stroke_color=TEXT, stroke_width=3).move_to(
                [(xa + xb) / 2, (ya + yb) / 2, 0])

        out["rect_at"] = rect_at
        out["weights"] = (w_carry[0], w_pull[0])  # old momentum's weight: Adam's, NAdam's at mu = 0.9
        out["all"] = VGroup(frame, border, out["starts"], *out["carried"], *out["pull"], *out["net"],
                            out["carried_labs"], out["pull_labs"], out["net_labs"])
        return out

    def split_bars(self, chart, settle: dict, sw: dict, fix_c, nad_c) -> dict:
        """Two bars where the race chart was, each Adam's value (settle step, overshoot) cut into what the
        look-ahead removes (Adam -> NAdam with mu = 0.9), what the smaller mu removes (-> PyTorch's NAdam)
        and what is left (NAdam's value); the cut points carry the runs' values (belongs in the kit)."""
        adam_c = optimizer_color("adam")
        x_l, width, h = SAFE_LEFT + 0.5, chart.frame.get_right()[0] - 0.6 - (SAFE_LEFT + 0.5), 0.7
        over = {nm: round(abs(sw[nm]), 2) for nm in ("adam", "fixed", "nadam")}
        specs = [("settled by step", [settle[nm] for nm in ("adam", "fixed", "nadam")], "{:d}", 0.35),
                 ("overshoot, past the floor", [over[nm] for nm in ("adam", "fixed", "nadam")], "{:.2f}", -1.75)]
        d_set = (settle["adam"] - settle["fixed"], settle["fixed"] - settle["nadam"])
        d_over = (over["adam"] - over["fixed"], over["fixed"] - over["nadam"])
        self.claim("the bars' cuts: settling 61 -25 (look-ahead) -14 (smaller mu) = 22; overshoot 0.61 -0.18 -0.30 "
                   "= 0.13, each within 0.01 of the unrounded runs' differences",
                   d_set == (25, 14) and (settle["adam"], settle["fixed"], settle["nadam"]) == (61, 36, 22)
                   and (f"{d_over[0]:.2f}", f"{d_over[1]:.2f}") == ("0.18", "0.30")
                   and abs(d_over[0] - (sw["fixed"] - sw["adam"])) < 0.01
                   and abs(d_over[1] - (sw["nadam"] - sw["fixed"])) < 0.01)
        self.claim("the look-ahead's part is the larger cut of the settle bar, the smaller mu's of the overshoot bar",
                   d_set[0] > d_set[1] and d_over[1] > d_over[0])
        out = {"frame": VGroup(), "look": [], "mu": [], "look_labs": VGroup(), "mu_labs": VGroup()}
        # the legend: the two cuts' colours, named
        legend = VGroup()
        # each cut named with the runs it goes between (the order: Adam, then mu held at 0.9, then mu 0.45)
        mu_1 = float(nadam_mu(self.opts["nadam"], 1))
        for col, name, order in ((fix_c, "look-ahead", f"(Adam \u2192 \u03bc {self.b1:g})"),
                                 (nad_c, "smaller \u03bc", f"({self.b1:g} \u2192 {mu_1:.2f})")):
            sw_r = Rectangle(width=0.45, height=0.32, stroke_width=0, fill_color=col, fill_opacity=0.9)
            legend.add(VGroup(sw_r, text(name, "body", color=col), text(order, "label", color=col))
                       .arrange(RIGHT, buff=0.15))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.12).move_to([x_l, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        self.claim("the verdict's legend fits left of the table's heads", legend.get_right()[0] < self.table_x0 - 0.6,
                   f"{legend.get_right()[0]:.2f} vs {self.table_x0:.2f}")
        out["frame"].add(legend)
        for head, (v_a, v_f, v_n), fmt, y in specs:
            def x_at(v, v_a=v_a):
                return x_l + width * v / v_a
            head_t = text(head, "body", color=TEXT).move_to([x_l, y + h / 2 + 0.12, 0], aligned_edge=DOWN + LEFT)
            outline = Rectangle(width=width, height=h, stroke_width=3, stroke_color=adam_c, fill_opacity=0)
            outline.move_to([x_l, y, 0], aligned_edge=LEFT)
            rest = Rectangle(width=x_at(v_n) - x_l, height=h, stroke_width=0, fill_color=MUTED, fill_opacity=0.6)
            rest.move_to([x_l, y, 0], aligned_edge=LEFT)
            look = Rectangle(width=x_at(v_a) - x_at(v_f), height=h, stroke_width=0, fill_color=fix_c, fill_opacity=0.85)
            look.move_to([x_at(v_a), y, 0], aligned_edge=RIGHT)
            mu = Rectangle(width=x_at(v_f) - x_at(v_n), height=h, stroke_width=0, fill_color=nad_c, fill_opacity=0.85)
            mu.move_to([x_at(v_f), y, 0], aligned_edge=RIGHT)

            def value(v, col):  # a cut's value under the bar, at the cut
                x = x_at(v)
                tick = Line([x, y - h / 2, 0], [x, y - h / 2 - 0.15, 0], stroke_color=col, stroke_width=3)
                return VGroup(tick, text(fmt.format(v), "body", color=col).next_to(tick, DOWN, buff=0.05))

            def delta(a, b, seg):
                d = text(minus("-" + fmt.format(round(a - b, 2) if isinstance(a, float) else a - b)), "body",
                         color=BACKGROUND).move_to(seg)
                self.claim(f"the cut's number {d.text} fits inside its part of the bar", d.width < seg.width - 0.2)
                return d

            adam_v = value(v_a, adam_c)
            out["frame"].add(head_t, outline, adam_v)
            out["look"].append(look)
            out["mu"].append(VGroup(mu, rest))
            out["look_labs"].add(value(v_f, fix_c), delta(v_a, v_f, look))
            out["mu_labs"].add(value(v_n, nad_c), delta(v_f, v_n, mu))
        self.claim("the split bars fit left of the race's table", x_l + width + 0.6 < self.table_x0)
        return out
