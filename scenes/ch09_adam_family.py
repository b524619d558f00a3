"""Chapter 9: Adam, AdaMax and NAdam. Adam is momentum (its first moment m) plus RMSprop (its second
moment v); both start at zero, so for a steady gradient m is only 0.1, 0.19, 0.27 ... of it. Dividing by
1 - β^t makes m̂ exact from step 1, and keeps the first step at γ: v's factor 1000 acts under a root
(31.6) and beats m's 10, so uncorrected the first step would be 3.2 γ. AdaMax divides by a running
maximum u: its first step overshoots the ravine's floor (θ₂ 0.05 -> -0.25), where the larger gradient sets u, which holds it
while Adam's √v̂ (fed the same gradients) averages it away. NAdam (Nesterov's look-ahead in Adam) steps with
the momentum it will have next step, μ m̂_t + (1 − μ) ĝ_t, so the fresh gradient is 0.19 of the step with μ = β₁
instead of Adam's 0.1 (0.1 directly, 0.09 inside m̂); PyTorch's μ starts at 0.45 (it creeps toward β₁ only
much later), and its fresh gradient gets about 0.6. Raced with one untuned γ: θ₂ across the floor (lowest point,
settle step) above the loss on the same step axis, the paths on a small map beside them; NAdam's loss is the
lowest from step 30 on.

Render: ``manim -ql scenes/ch09_adam_family.py AdamAdaMaxNAdam``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    DoubleArrow,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    GrowFromEdge,
    Line,
    Rectangle,
    Text,
    VGroup,
    VMobject,
    linear,
)

import optim_core as oc
from optim_core.analysis import bias_correction, settle_step
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
from scenes.kit.palette import FAINT
from scenes.scene import ExplainerScene

__all__ = ["AdamAdaMaxNAdam", "bias_table_values", "adam_denominator", "nadam_parts", "nadam_mu",
           "steady_gradient_moments"]

V_COLOR = SYMBOL_COLORS["v"]
#: chart label size (the kit's ``label`` text size)
LABEL_FS = 30


def bias_table_values(traj, coord: int, rows: int, lr: float, eps: float) -> dict:
    """Adam's first ``rows`` steps for one coordinate, from optim_core's recorded state: gradient,
    m, m-hat, v, v-hat, and the step with and without bias correction (the factors from
    ``optim_core.analysis.bias_correction``)."""
    s = traj.state
    b1, b2 = traj.optimizer.betas
    t = np.arange(1, rows + 1)
    m, v = s["exp_avg"][:rows, coord], s["exp_avg_sq"][:rows, coord]
    return dict(
        g=traj.grads[:rows, coord], m=m, m_hat=m * bias_correction(b1, t), v=v, v_hat=v * bias_correction(b2, t),
        step=np.abs(traj.updates[:rows, coord]),
        step_uncorrected=np.abs(lr * m / (np.sqrt(v) + eps)),
    )


def steady_gradient_moments(beta1: float, steps: int, g: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Adam's m_t and m̂_t for a gradient that stays ``g`` (index 0 = before the first step, m_0 = 0)."""
    m = np.zeros(steps + 1)
    for k in range(1, steps + 1):
        m[k] = beta1 * m[k - 1] + (1 - beta1) * g
    m_hat = np.r_[np.nan, m[1:] * bias_correction(beta1, np.arange(1, steps + 1))]
    return m, m_hat


def adam_denominator(grads, beta2: float) -> np.ndarray:
    """Adam's √v̂_t for a given gradient sequence (one coordinate): v_t = β₂ v + (1 − β₂) g², v̂ = v / (1 − β₂^t)."""
    g = np.asarray(grads, dtype=float)
    v = np.zeros_like(g)
    acc = 0.0
    for k, gk in enumerate(g):
        acc = beta2 * acc + (1 - beta2) * gk * gk
        v[k] = acc
    return np.sqrt(v * bias_correction(beta2, np.arange(1, len(g) + 1)))


def nadam_mu(opt, t) -> np.ndarray:
    """NAdam's momentum weight μ_t in PyTorch's schedule: β₁ (1 − ½ · 0.96^(t ψ))."""
    return opt.betas[0] * (1.0 - 0.5 * 0.96 ** (np.asarray(t, dtype=float) * opt.momentum_decay))


def nadam_parts(traj, k: int) -> tuple[np.ndarray, np.ndarray]:
    """NAdam's move from positions[k] to positions[k+1] (step t = k + 1) split into its momentum term
    -γ μ_{t+1} m_t / ((1 − Πμ) (√v̂_t + ε)) and its fresh-gradient term -γ (1 − μ_t) g_t / ((1 − Πμ) (√v̂_t + ε)),
    Πμ the recorded ``mu_product``."""
    opt = traj.optimizer
    t = k + 1
    prod = float(traj.state["mu_product"][k])
    den = np.sqrt(traj.state["exp_avg_sq_hat"][k]) + opt.eps
    grad_part = -opt.lr * (1 - nadam_mu(opt, t)) * traj.grads[k] / (1 - prod) / den
    mom_part = -opt.lr * nadam_weight(traj, k) * traj.state["exp_avg"][k] / den
    return mom_part, grad_part


def nadam_weight(traj, k: int) -> float:
    """The weight NAdam's step t = k + 1 puts on m_t: μ_{t+1} / (1 − Π_{i ≤ t+1} μ_i)."""
    opt = traj.optimizer
    mu_next = float(nadam_mu(opt, k + 2))
    return mu_next / (1 - float(traj.state["mu_product"][k]) * mu_next)


def nadam_run(ls, start, lr: float, steps: int, *, momentum_decay: float = 4e-3,
              betas=(0.9, 0.999), eps: float = 1e-8) -> np.ndarray:
    """NAdam's positions (the coordinates of ``start``), PyTorch's update written out: the momentum term
    divides m_t by 1 − Π_{i ≤ t+1} μ_i (checks the formula the chapter shows against optim_core's run)."""
    b1, b2 = betas
    p = np.array(start, dtype=float)
    m, v, prod = np.zeros_like(p), np.zeros_like(p), 1.0
    out = [p.copy()]
    for t in range(1, steps + 1):
        g = np.asarray(ls.grad(p), dtype=float)
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        prod *= mu
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        den = np.sqrt(v / (1 - b2 ** t)) + eps
        p = p - lr * (1 - mu) * g / (1 - prod) / den - lr * mu_next * m / (1 - prod * mu_next) / den
        out.append(p.copy())
    return np.array(out)


def fresh_gradient_weight(beta1: float, mu: float, mu_next: float) -> float:
    """How much of a step's momentum average the fresh gradient g_t gets once m̂_{t-1} is corrected: Adam's
    (mu = mu_next = 0 meaning "no look-ahead") is 1 − β₁; NAdam's (1 − μ_t) + μ_{t+1} (1 − β₁) out of the
    total weight (1 − μ_t) + μ_{t+1}."""
    if mu == 0 and mu_next == 0:
        return 1 - beta1
    return ((1 - mu) + mu_next * (1 - beta1)) / ((1 - mu) + mu_next)


def steady_v_hat(beta2: float, steps: int, g: float = 1.0) -> np.ndarray:
    """Adam's v̂_t for a gradient that stays ``g``, steps 1..``steps``."""
    v, out = 0.0, []
    for k in range(1, steps + 1):
        v = beta2 * v + (1 - beta2) * g * g
        out.append(v * float(bias_correction(beta2, k)))
    return np.array(out)


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
            axes.add(text(y_label, "label", color=TEXT).next_to(VGroup(self.frame, ticks), UP, buff=0.1)
                     .align_to(ticks, LEFT))
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
    #: steps of the race's θ₂ chart (every run has settled by then)
    race_window = 65
    #: the race's "settled": θ₂ stays within this of the floor from that step on
    settle_tol = 0.05
    #: the bias-correction charts' last step (log axis)
    long_steps = 1000

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.momentum_plus_rmsprop, self.cold_start, self.the_fix,
                        self.adamax, self.nadam, self.race)
        self.final_hold(None, seconds=2.0)  # the race's verdict came in with its last sentence

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
        self.claim("our NAdam re-run gives optim_core's (PyTorch's) NAdam run",
                   np.allclose(nadam_run(ls, ls.start, self.lr, self.steps), self.trajs["nadam"].positions))

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
        floor_lab = text("ravine floor", "label", color=TEXT).next_to(lm.c2p(x1, 0), DOWN + LEFT, buff=0.1)
        # the arrow and its label right of the path's end, left of the floor's label
        across = DoubleArrow(lm.c2p(1.7, -2.4), lm.c2p(1.7, 2.4), buff=0, stroke_width=4, color=TEXT,
                             tip_length=0.2)
        across_lab = text("across: \u03b8\u2082", "label", color=TEXT).next_to(lm.c2p(1.7, 1.4), LEFT, buff=0.12)
        self.floor_parts = VGroup(floor, floor_lab, across, across_lab)
        with self.voiceover(text="Adam is momentum plus RMSprop; here it crosses a ravine.") as tracker:
            self.set_heading("Adam: momentum plus RMSprop")
            self.play(FadeIn(self.lmap), FadeIn(self.floor_parts), run_time=0.6)
            self.add(adam)
            self.play(FadeIn(m_line), FadeIn(m_tag), adam.draw(end=20), run_time=max(1.0, tracker.duration * 0.4 - 0.8))
            self.play(FadeIn(v_line), FadeIn(v_tag), adam.draw(end=40), run_time=max(1.0, tracker.duration * 0.3))
            self.play(FadeIn(step), run_time=0.5)
            self.play(adam.draw(end=self.steps), run_time=max(0.5, tracker.get_remaining_duration()))

    def bias_charts(self):
        """Two charts on one log step axis (1 to 1000), a steady gradient g = 1: above, how much of g the
        uncorrected m_t and √v_t show; below, their ratio, Adam's uncorrected step in units of γ."""
        w, left = 7.9, HERO.left + 0.75
        up = LogStepChart((1, self.long_steps), (0, 1.25), width=w, height=1.6, y_ticks=(0, 0.5, 1), x_labels=False,
                          y_label="uncorrected m, \u221av: shares of a steady g")
        lo = LogStepChart((1, self.long_steps), (0, 7), width=w, height=2.4, y_ticks=(1, 3, 5, 7),
                          y_label="Adam's step, uncorrected (in \u03b3)", x_label="step t (log scale)")
        up.move_to([left, HERO.top - 0.3, 0], aligned_edge=UP + LEFT)
        up.shift(RIGHT * (left - up.frame.get_left()[0]))
        lo.next_to(up, DOWN, buff=0.2)
        lo.shift(RIGHT * (left - lo.frame.get_left()[0]))
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
        m_lab = tex(r"m_t", "label", color=VELOCITY_COLOR).next_to(up.c2p(4, m_share[3]), UP + LEFT, buff=0.05)
        v_lab = tex(r"\sqrt{v_t}", "label", color=V_COLOR).next_to(up.c2p(300, v_share[299]), DOWN + RIGHT, buff=0.05)
        d_peak = Dot(lo.c2p(k_peak, ratio[k_peak - 1]), radius=0.09, color=TEXT)
        # under the curve's top (clear of it: the curve is above 4.9 from step 3 to 40)
        lab_peak = text(f"step {k_peak}: {ratio.max():.1f} \u03b3", "label", color=TEXT).move_to(lo.c2p(k_peak, 4.3))
        peak_pin = Line(lab_peak.get_top() + UP * 0.05, d_peak.get_center(), stroke_color=TEXT, stroke_width=2)
        lab_peak = VGroup(lab_peak, peak_pin)
        d_end = Dot(lo.c2p(self.long_steps, ratio[-1]), radius=0.09, color=TEXT)
        lab_end = text(f"{ratio[-1]:.2f} \u03b3", "label", color=TEXT).next_to(d_end, RIGHT, buff=0.15)
        # the side column: the rule as it stands (from the first beat), the betas, step 1's two factors
        why = VGroup(VGroup(tex(rf"\beta_1 = {b1:g}", "label", color=TEXT),
                            tex(rf"\beta_2 = {b2:g}", "label", color=TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
                     tex(rf"m_1 = g / {f_m:.0f}", color=VELOCITY_COLOR),
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
            self.play(FadeIn(up.axes), FadeIn(why[0]), run_time=0.6)
            self.play(FadeIn(dm1), FadeIn(why[1]), FadeIn(m_st), run_time=0.5)
            self.until(tracker, 0.45)
            self.play(FadeIn(dv1), FadeIn(why[2]), FadeIn(v_st), run_time=0.5)
            self.until(tracker, 0.68)
            self.play(FadeIn(lo.axes), FadeIn(dr1), FadeIn(lab1), run_time=0.7)
        with self.voiceover(text=f"m catches up in tens of steps, v in thousands: {ratio.max():.1f} gamma at step "
                                 f"{k_peak}; still {ratio[-1]:.2f} at step {self.long_steps}.") as tracker:
            self.play(FadeOut(m_st), FadeOut(v_st), run_time=0.4)
            self.play(Create(cm), Create(cv), Create(cr), FadeIn(m_lab), FadeIn(v_lab), rate_func=linear,
                      run_time=max(1.5, tracker.duration * 0.45))
            self.play(FadeIn(d_peak), FadeIn(lab_peak), run_time=0.5)
            self.until(tracker, 0.8)
            self.play(FadeIn(d_end), FadeIn(lab_end), run_time=0.5)
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
        hat_up_lab = tex(r"\hat m_t,\ \sqrt{\hat v_t} = g", "label", color=adam_c).next_to(up.c2p(80, 1), DOWN,
                                                                                             buff=0.12)
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
            self.play(FadeOut(self.cold_why), FadeIn(hats), run_time=0.7)
            self.play(Create(hat_up), Create(hat_lo), FadeIn(hat_up_lab), FadeIn(hat_lo_lab),
                      FadeTransform(self.step_rule, new_rule), run_time=max(1.0, tracker.duration * 0.5))
        self.wait(0.4)  # hold: the corrected line against the uncorrected curve, which fades toward it
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
        for tt, r_s in ((t_mid, self.ratios[0]), (n, self.ratios[1])):
            a, b = chart.c2p(tt, rv[tt - 1]), chart.c2p(tt, u[tt - 1])
            if tt == n:
                a, b = a + LEFT * 0.2, b + LEFT * 0.2
            arr = DoubleArrow(a, b, buff=0.05, stroke_width=3, color=TEXT, tip_length=0.15)
            lab = text(f"{r_s}\u00d7", "label", color=TEXT).next_to(arr, LEFT if tt == n else RIGHT, buff=0.1)
            gaps.add(VGroup(arr, lab))
        v_note = VGroup(text("Adam's divisor,", "label", color=adam_c),
                        text("same gradients", "label", color=adam_c)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        v_note.next_to(end_v, UP, buff=0.15).align_to(end_v, LEFT)
        u_note = VGroup(text(f"by step {n}:", "label", color=amax_c),
                        text(f"u = {self.ratios[1]} \u00d7 Adam's", "label", color=amax_c)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.1)
        u_note.next_to(end_u, UP, buff=0.12).align_to(end_u, LEFT)
        # why step 2's gradient is large: the first step (a full γ) overshoots the floor
        ax = self.amax_near.positions[:, self.across]
        spike = Dot(chart.c2p(k + 1, g[k]), radius=0.09, color=TEXT)
        reset = self.stamp(f"first step: \u03b8\u2082 {ax[0]:g} \u2192 " + minus(f"{ax[1]:.2f}") + ", past the floor"
                           f"\nthere |g| = {g[k]:.1f}, so u = {u[k]:.1f}", color=TEXT, size="label")
        reset.move_to(chart.c2p(k + 1.6, 0.86), aligned_edge=LEFT)
        pin = Arrow(reset.get_left() + RIGHT * 0.05, spike.get_center(), buff=0.12, stroke_width=3, color=TEXT,
                    tip_length=0.16, max_tip_length_to_length_ratio=0.5)
        u_line = tex(r"u_t = \max(\beta_2 u_{t-1},\, |g_t| + \epsilon)", color=amax_c)
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
        with self.voiceover(text="AdaMax divides by u, a running maximum of the gradient's size.") as tracker:
            self.set_heading("AdaMax: a running maximum")
            self.play(FadeOut(self.bias_parts), run_time=0.6)
            self.formula_row(u_line, rule)
            self.play(FadeIn(u_line), FadeIn(rule), FadeIn(chart.axes), run_time=0.7)
            self.play(Create(cg), FadeIn(g_lab), rate_func=linear, run_time=max(1.0, tracker.get_remaining_duration()))
        line2 = f"Its first step overshoots to minus {abs(ax[1]):.2f}, where the gradient is {g[k]:.1f}."
        with self.voiceover(text=line2) as tracker:
            self.play(FadeIn(reset), run_time=0.5)
            self.until(tracker, line2.index("where") / len(line2) - 0.05)
            self.play(FadeIn(spike), GrowArrow(pin), Create(cu1), run_time=0.7)
        line3 = (f"u keeps it; Adam's root of v-hat averages it away: by step {n}, u is {self.ratios[1]} times "
                 "bigger: smaller steps.")
        with self.voiceover(text=line3) as tracker:
            self.play(FadeOut(reset), FadeOut(pin), run_time=0.4)
            self.play(Create(cu2), Create(cv), rate_func=linear, run_time=max(1.2, tracker.duration * 0.4))
            self.play(FadeIn(end_v), FadeIn(end_u), FadeIn(v_note), FadeIn(gaps[0]), run_time=0.5)
            self.until(tracker, line3.index("by step") / len(line3) - 0.03)
            self.play(FadeIn(u_note), FadeIn(gaps[1]), run_time=0.5)
        self.wait(0.3)  # hold u against the root of v-hat
        self.adamax_parts = VGroup(chart, cg, cu1, cu2, cv, spike, g_lab, end_v, end_u, v_note, u_note, gaps,
                                   u_line, rule)


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
        k = 4
        mom, grad = nadam_parts(nad, k)
        self.claim("NAdam's move is its momentum term plus its fresh-gradient term",
                   np.allclose(nad.positions[k] + mom + grad, nad.positions[k + 1]))
        self.w = (w_adam, w_look, w_torch)
        # next step's momentum (g_{t+1} not known yet: g_t stands in), put into Adam's rule: NAdam
        nad_c = optimizer_color("nadam")
        ahead = tex(r"m_{t+1} \approx \beta_1 m_t + (1 - \beta_1)\, g_t", color=VELOCITY_COLOR)
        n_rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\beta_1 \hat m_t + (1 - \beta_1)\, \hat g_t}"
                     r"{\sqrt{\hat v_t} + \epsilon}", color=nad_c)
        g_hat = tex(r"\hat g_t = \frac{g_t}{1 - \beta_1^t}", color=nad_c)
        ahead_tag = text("next step's momentum", "label", color=VELOCITY_COLOR)
        n_tag = text("NAdam: Adam's rule with it", "label", color=nad_c)
        col1 = VGroup(ahead_tag, ahead).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        col2 = VGroup(n_tag, n_rule).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rules = VGroup(col1, col2).arrange(RIGHT, buff=0.8, aligned_edge=UP)
        rules.scale(min(1.0, (SAFE_RIGHT - SAFE_LEFT - 0.2) / rules.width))
        rules.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, HERO.top - 0.2 - rules.height / 2, 0])
        g_hat.next_to(ahead, DOWN, buff=0.35).align_to(ahead, LEFT)
        # what one step is made of: bars, the fresh gradient's parts in red, the older gradients in blue
        x0, bar_w, bar_h = SAFE_LEFT + 3.2, 7.6, 0.55
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

        legend = VGroup(piece(0.06, "direct"), text("fresh gradient, direct", "label", color=GRADIENT_COLOR),
                        piece(0.06, "inside"), VGroup(text("inside", "label", color=GRADIENT_COLOR),
                                                      tex(r"\hat m_t", "label", color=GRADIENT_COLOR)).arrange(RIGHT, buff=0.12),
                        piece(0.06, "old"), text("older gradients", "label", color=VELOCITY_COLOR))
        legend.arrange(RIGHT, buff=0.18)
        for i in (2, 3):
            legend[i].shift(RIGHT * 0.3)
        for i in (4, 5):
            legend[i].shift(RIGHT * 0.6)
        legend.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, min(rules.get_bottom()[1], g_hat.get_bottom()[1]) - 0.4, 0])
        rows_spec = [(("Adam",), (0.0, w_adam), optimizer_color("adam"), f"{w_adam:.1f}"),
                     (("NAdam,", f"\u03b2\u2081 = {b1:g}"), split_look, nad_c, f"{w_look:.2f}"),
                     (("PyTorch,", f"\u03bc = {mu_1:.2f} at first"), split_torch, nad_c, f"{w_torch:.1f}")]
        rows = VGroup()
        y = legend.get_bottom()[1] - 0.65
        for lab_lines, (w_dir, w_in), col, val_s in rows_spec:
            lab = VGroup(*[text(s, "label", color=col) for s in lab_lines]).arrange(DOWN, aligned_edge=RIGHT, buff=0.05)
            lab.move_to([x0 - 0.3, y, 0], aligned_edge=RIGHT)
            parts = VGroup(piece(w_dir, "direct"), piece(w_in, "inside"), piece(1 - w_dir - w_in, "old"))
            if w_dir == 0:
                parts.remove(parts[0])
            parts.arrange(RIGHT, buff=0).move_to([x0, y, 0], aligned_edge=LEFT)
            val = text(val_s, "label", color=GRADIENT_COLOR).next_to(parts, RIGHT, buff=0.2)
            rows.add(VGroup(lab, parts, val))
            y -= 1.0 if len(rows) < 2 else 1.35  # room under the NAdam bar for its two parts
        # the NAdam row's two parts, said aloud: under the bar
        nrow = rows[1][1]
        split_lab = VGroup(text(f"{split_look[0]:.1f} direct  +  {split_look[1]:.2f} inside", "label",
                                color=GRADIENT_COLOR), tex(r"\hat m_t", "label", color=GRADIENT_COLOR)).arrange(
            RIGHT, buff=0.12)
        split_lab.next_to(nrow, DOWN, buff=0.1).align_to(nrow, LEFT)
        self.w_rows = rows
        line2 = (f"So the fresh gradient gets {w_look:.2f}: {split_look[0]:.1f} directly, "
                 f"{split_look[1]:.2f} inside m-hat.")
        with self.voiceover(text="NAdam adds Nesterov's look-ahead: it steps with next step's momentum.") as tracker:
            self.play(FadeOut(self.adamax_parts), run_time=0.5)
            self.set_heading("NAdam: Nesterov's look-ahead in Adam")
            self.play(FadeIn(col1), run_time=0.6)
            self.until(tracker, 0.5)
            self.play(FadeIn(col2), FadeIn(g_hat), run_time=0.7)
            self.play(FadeIn(legend), FadeIn(rows[0][0]), GrowFromEdge(rows[0][1], LEFT), FadeIn(rows[0][2]),
                      run_time=0.8)
        with self.voiceover(text=line2) as tracker:
            self.play(FadeIn(rows[1][0]), GrowFromEdge(rows[1][1], LEFT), FadeIn(rows[1][2]), run_time=0.7)
            self.until(tracker, line2.index(":") / len(line2))
            self.play(FadeIn(split_lab), run_time=0.6)
        line3 = (f"PyTorch's NAdam puts a mu of {mu_1:.2f} in beta one's place: at first half the momentum, "
                 f"so the fresh gradient gets {w_torch:.1f}.")
        with self.voiceover(text=line3) as tracker:
            self.play(FadeIn(rows[2][0]), run_time=0.5)
            self.until(tracker, line3.index("so the") / len(line3) - 0.05)
            self.play(GrowFromEdge(rows[2][1], LEFT), FadeIn(rows[2][2]), run_time=0.8)
        self.wait(0.3)  # hold the three steps
        self.nadam_parts = VGroup(rules, g_hat, legend, rows, split_lab)


    def time_to(self, tracker, line: str, token: str, lead: float = 0.04) -> float:
        """Seconds from now until ``token`` of the spoken ``line`` is said (estimated by its place in the text)."""
        target = max(0.0, line.index(token) / len(line) - lead) * tracker.duration
        return target - (tracker.duration - tracker.get_remaining_duration())

    def race_charts(self, zoom: int):
        """θ₂ above, the loss (log scale) below, on one step axis; the readable grey for the tick numbers."""
        w, left = 7.2, SAFE_LEFT + 0.75
        top = StepChart(zoom, y_range=(-1.3, 1.8), width=w, height=2.3, font_size=LABEL_FS, x_label="",
                        y_label="\u03b8\u2082, across the ravine (floor at 0)", n_x_ticks=7)
        top.shift(RIGHT * (left - top.frame.get_left()[0]) + UP * (HERO.top - 0.45 - top.frame.get_top()[1]))
        losses = {nm: self.trajs[nm].losses[:zoom + 1] - (self.ls.f_min or 0.0) for nm in self.names}
        lo_v = min(float(v.min()) for v in losses.values())
        bottom = StepChart(zoom, y_range=(lo_v, 10.0), log_y=True, width=w, height=1.85, font_size=LABEL_FS,
                           x_label="step", y_label="loss (log scale)", n_x_ticks=7)
        bottom.shift(RIGHT * (left - bottom.frame.get_left()[0]) + UP * (
            top.frame.get_bottom()[1] - 1.0 - bottom.frame.get_top()[1]))
        for ch in (top, bottom):
            for m in ch.ticks:
                if isinstance(m, Text):
                    m.set_color(FAINT)
            ch.y_label.set_color(TEXT)
        bottom.x_label.set_color(TEXT)
        return top, bottom, losses

    def race(self):
        zoom = self.race_window  # every run has settled across by then
        chart, lchart, losses = self.race_charts(zoom)
        floor = DashedLine(chart.c2p(0, 0), chart.c2p(zoom, 0), stroke_color=TEXT, stroke_width=2, stroke_opacity=0.7)
        for nm in self.names:
            chart.add_series(self.trajs[nm].positions[:zoom + 1, self.across], optimizer_color(nm), stroke_width=5)
            lchart.add_series(losses[nm], optimizer_color(nm), stroke_width=4)
        # the paths on a small map of the ravine, drawn in step with the charts
        smap = LandscapeMap(self.ls, width=SIDE.width, n_contours=7, show_axes=False, show_markers="global")
        smap.move_to([SAFE_RIGHT, HERO.top - 0.1, 0], aligned_edge=UP + RIGHT)
        (x0, x1), _ = self.ls.bounds
        s_floor = DashedLine(smap.c2p(x0, 0), smap.c2p(x1, 0), stroke_color=TEXT, stroke_width=2, stroke_opacity=0.7)
        spaths = [TrajectoryPath(self.trajs[nm], smap, nm, markers=False, stroke_width=3.5, dot_radius=0.07)
                  for nm in self.names]
        sw = self.swing
        order = sorted(self.names, key=lambda nm: sw[nm])
        self.claim("Adam swings farthest across, then AdaMax, then NAdam", order == ["adam", "adamax", "nadam"])
        self.claim("every lowest point comes within the chart's steps",
                   all(int(np.argmin(self.trajs[nm].positions[:, self.across])) < zoom for nm in self.names))
        self.claim("the same gamma for all three, untuned", len({self.opts[nm].lr for nm in self.names}) == 1)
        tol = self.settle_tol
        band = Rectangle(width=chart.c2p(zoom, 0)[0] - chart.c2p(0, 0)[0],
                         height=chart.c2p(0, tol)[1] - chart.c2p(0, -tol)[1], stroke_width=0, fill_color=TEXT,
                         fill_opacity=0.22).move_to(chart.c2p(zoom / 2, 0))
        # below the band at the right end (after step 40 every curve is above -0.12)
        band_lab = text(f"\u00b1{tol:g}", "label", color=TEXT).next_to(chart.c2p(zoom, -0.15), DOWN + LEFT, buff=0.05)
        long_runs = {nm: oc.run(self.opts[nm], self.ls, self.ls.start, steps=400, seed=0) for nm in self.names}
        settle = {nm: settle_step(self.trajs[nm].positions[:, self.across], 0.0, tol) for nm in self.names}
        longer = {nm: settle_step(long_runs[nm].positions[:, self.across], 0.0, tol) for nm in self.names}
        self.claim(f"across the floor, NAdam settles (stays within {tol:g}) at step 22, AdaMax 45, Adam 61",
                   settle == {"nadam": 22, "adamax": 45, "adam": 61} and longer == settle and zoom > 61)
        self.claim("after step 40 every run is above -0.12 (the band's label is clear of the curves)",
                   all(self.trajs[nm].positions[40:zoom + 1, self.across].min() > -0.12 for nm in self.names))
        # the loss over the whole run: NAdam lowest from step 30 on (in a 400-step run too); 60x below Adam at 65
        ll = {nm: long_runs[nm].losses for nm in self.names}
        best = np.array([min(self.names, key=lambda nm: ll[nm][k]) for k in range(len(ll["adam"]))])
        k_best = int(np.where(best != "nadam")[0][-1]) + 1
        below = losses["adam"][zoom] / losses["nadam"][zoom]
        self.claim("NAdam's loss is the lowest from step 30 on (not before: Adam leads early along the floor)",
                   k_best == 30 and np.all(best[k_best:] == "nadam") and best[5] == "adam")
        self.claim("at step 65 NAdam's loss is 60 times below Adam's", f"{below:.0f}" == "60" and zoom == 65)
        names = {"adam": "Adam", "adamax": "AdaMax", "nadam": "NAdam"}
        # on the chart only dots (lowest points; settle steps, ringed); their numbers in a table beside it
        lows = VGroup(*[Dot(chart.c2p(int(np.argmin(self.trajs[nm].positions[:, self.across])), sw[nm]), radius=0.1,
                            color=optimizer_color(nm)) for nm in self.names])
        settle_dots = VGroup(*[Dot(chart.c2p(settle[nm], self.trajs[nm].positions[settle[nm], self.across]),
                                   radius=0.11, color=optimizer_color(nm)).set_stroke(TEXT, 2) for nm in self.names])
        # names (left-aligned), lowest points and settle steps (right-aligned), right of the charts
        col_x = (chart.frame.get_right()[0] + 0.3, chart.frame.get_right()[0] + 3.1, SAFE_RIGHT)
        head = VGroup(text("lowest", "label", color=TEXT), text("settled", "label", color=TEXT))
        table_top = smap.get_bottom()[1] - 0.2
        head[0].move_to([col_x[1], table_top, 0], aligned_edge=UP + RIGHT)
        head[1].move_to([col_x[2], table_top, 0], aligned_edge=UP + RIGHT)
        cells = {}
        for i, nm in enumerate(self.names):
            y = table_top - 0.5 - 0.45 * i
            c = optimizer_color(nm)
            cells[nm] = (text(names[nm], "label", color=c).move_to([col_x[0], y, 0], aligned_edge=UP + LEFT),
                         text(minus(f"{sw[nm]:.2f}"), "label", color=c).move_to([col_x[1], y, 0], aligned_edge=UP + RIGHT),
                         text(f"{settle[nm]}", "label", color=c).move_to([col_x[2], y, 0], aligned_edge=UP + RIGHT))
        # the loss verdict: a line at step 30 on the loss chart; the words under the table
        k_mark = DashedLine(lchart.c2p(k_best, lchart.y_range[0]), lchart.c2p(k_best, lchart.y_range[1]),
                            stroke_color=TEXT, stroke_width=2.5, stroke_opacity=0.8)
        k_dot = Dot(lchart.c2p(k_best, losses["nadam"][k_best]), radius=0.09, color=optimizer_color("nadam"))
        verdict = VGroup(text("lowest loss from", "label", color=TEXT),
                         VGroup(text(f"step {k_best} on:", "label", color=TEXT),
                                text("NAdam", "label", color=optimizer_color("nadam"))).arrange(RIGHT, buff=0.15),
                         text(f"step {zoom}: {below:.0f}\u00d7", "label", color=TEXT),
                         text("below Adam", "label", color=TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        verdict[2:].shift(DOWN * 0.15)
        verdict.move_to([col_x[0], cells['nadam'][0].get_bottom()[1] - 0.45, 0], aligned_edge=UP + LEFT)

        def draw_to(e, run_time):
            return self.play(chart.draw(end=e), lchart.draw(end=e), *[p.draw(end=e) for p in spaths],
                             rate_func=linear, run_time=max(0.3, run_time))

        a, x, n_ = (f"{abs(sw[nm]):.2f}" for nm in self.names)
        line1 = f"Adam swings to minus {a}, AdaMax to minus {x}, NAdam to minus {n_}."
        with self.voiceover(text=line1) as tracker:
            self.play(FadeOut(self.nadam_parts), run_time=0.3)
            self.set_heading(f"The race: same \u03b3 = {self.lr:g} for all, not tuned", run_time=0.5)
            self.play(FadeIn(chart.axes), FadeIn(lchart.axes), FadeIn(band), Create(floor), FadeIn(smap),
                      FadeIn(s_floor), FadeIn(head[0]), run_time=0.5)
            self.add(*chart.series, *lchart.series, *spaths)
            for i, (nm, tok) in enumerate(zip(self.names, (a, x, n_))):
                kk = int(np.argmin(self.trajs[nm].positions[:, self.across]))
                draw_to(max(kk, chart.progress) + 0.5, self.time_to(tracker, line1, tok, 0.08))
                self.play(FadeIn(lows[i]), FadeIn(cells[nm][0]), FadeIn(cells[nm][1]), run_time=0.3)
            draw_to(settle["nadam"] - 1, tracker.get_remaining_duration())
        line2 = (f"NAdam settles by step {settle['nadam']}, AdaMax by {settle['adamax']}, "
                 f"Adam by {settle['adam']}.")
        with self.voiceover(text=line2) as tracker:
            self.play(FadeIn(band_lab), FadeIn(head[1]), run_time=0.3)
            for nm in ("nadam", "adamax", "adam"):
                draw_to(settle[nm], self.time_to(tracker, line2, str(settle[nm]), 0.08))
                self.play(FadeIn(settle_dots[self.names.index(nm)]), FadeIn(cells[nm][2]), run_time=0.3)
            draw_to(zoom, tracker.get_remaining_duration())
        line3 = f"NAdam's loss is the lowest from step {k_best} on."
        with self.voiceover(text=line3) as tracker:
            self.play(Create(k_mark), FadeIn(k_dot), FadeIn(verdict[:2]), run_time=0.6)
            self.until(tracker, 0.7)
            self.play(FadeIn(verdict[2:]), run_time=0.5)
