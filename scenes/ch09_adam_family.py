"""Chapter 9: Adam, AdaMax and NAdam. Adam is momentum (its first moment m) plus RMSprop (its second
moment v); both start at zero, so for a steady gradient m is only 0.1, 0.19, 0.27 ... of it. Dividing by
1 - β^t makes m̂ exact from step 1, and keeps the first step at γ: v's factor 1000 acts under a root
(31.6) and beats m's 10, so uncorrected the first step would be 3.2 γ. AdaMax divides by a running
maximum u: from just above the ravine's floor, step 2's larger gradient resets u, which then holds it
while Adam's √v̂ (fed the same gradients) averages it away. NAdam (Nesterov's look-ahead in Adam) steps with
the momentum it will have next step, μ m̂_t + (1 − μ) ĝ_t, so the fresh gradient is 0.19 of the step with μ = β₁
instead of Adam's 0.1; PyTorch's μ starts at 0.45, and its fresh gradient gets about 0.6. Raced with one untuned γ:
the lowest point across the floor. NAdam with μ = β₁ from step 1 (the look-ahead alone) swings much farther
than PyTorch's: most of NAdam's calm is its small μ (half the momentum).

Render: ``manim -ql scenes/ch09_adam_family.py AdamAdaMaxNAdam``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Rectangle,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import bias_correction
from scenes.kit import (
    GRADIENT_COLOR,
    HERO,
    MUTED,
    SIDE,
    SYMBOL_COLORS,
    TEXT,
    VELOCITY_COLOR,
    DrawSteps,
    LandscapeMap,
    Series,
    StepChart,
    TrajectoryPath,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.ch09_parts import MoveBars
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
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


def nadam_run(ls, start, lr: float, steps: int, *, momentum_decay: float = 4e-3, beta1_correction: bool = False,
              betas=(0.9, 0.999), eps: float = 1e-8) -> np.ndarray:
    """NAdam's positions (the coordinates of ``start``), PyTorch's update; with ``beta1_correction`` its momentum
    term uses Adam's m̂_t = m_t / (1 − β₁ᵗ) instead of m_t / (1 − Π_{i ≤ t+1} μ_i) (its μ schedule unchanged)."""
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
        m_corr = (1 - b1 ** t) if beta1_correction else (1 - prod * mu_next)
        p = p - lr * (1 - mu) * g / (1 - prod) / den - lr * mu_next * m / m_corr / den
        out.append(p.copy())
    return np.array(out)


def fresh_gradient_weight(beta1: float, mu: float, mu_next: float) -> float:
    """How much of a step's momentum average the fresh gradient g_t gets once m̂_{t-1} is corrected: Adam's
    (mu = mu_next = 0 meaning "no look-ahead") is 1 − β₁; NAdam's (1 − μ_t) + μ_{t+1} (1 − β₁) out of the
    total weight (1 − μ_t) + μ_{t+1}."""
    if mu == 0 and mu_next == 0:
        return 1 - beta1
    return ((1 - mu) + mu_next * (1 - beta1)) / ((1 - mu) + mu_next)


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
    #: steps of the race's θ₂ chart (every swing is over by then)
    race_window = 40

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.momentum_plus_rmsprop, self.cold_start, self.the_fix, self.first_step,
                        self.adamax, self.nadam, self.race)
        self.final_hold(None, seconds=2.8)  # the summary came in with the race

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
        # the race; and NAdam with μ at β₁ from the first step (a huge momentum_decay)
        self.swing = {n: float(self.trajs[n].positions[:, self.across].min()) for n in self.names}
        self.full_mu_opt = oc.optimizer("nadam", lr=self.lr, momentum_decay=1e4)
        full = self.full_mu = oc.run(self.full_mu_opt, ls, ls.start, steps=self.steps, seed=0)
        self.full_mu_swing = float(full.positions[:, self.across].min())
        self.claim("our NAdam re-run gives optim_core's (PyTorch's) NAdam run",
                   np.allclose(nadam_run(ls, ls.start, self.lr, self.steps), self.trajs["nadam"].positions)
                   and np.allclose(nadam_run(ls, ls.start, self.lr, self.steps, momentum_decay=1e4), full.positions))
        self.beta_corr = nadam_run(ls, ls.start, self.lr, self.steps, beta1_correction=True)
        self.beta_corr_swing = float(self.beta_corr[:, self.across].min())

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
        with self.voiceover(text="Adam is momentum plus RMSprop: m averages gradients, v their squares.") as tracker:
            self.set_heading("Adam: momentum plus RMSprop")
            self.play(FadeIn(self.lmap), run_time=0.6)
            self.add(adam)
            self.play(FadeIn(m_line), FadeIn(m_tag), adam.draw(end=20), run_time=max(1.0, tracker.duration * 0.4 - 0.8))
            self.play(FadeIn(v_line), FadeIn(v_tag), adam.draw(end=40), run_time=max(1.0, tracker.duration * 0.3))
            self.play(FadeIn(step), run_time=0.5)
            self.play(adam.draw(end=self.steps), run_time=max(1.0, tracker.get_remaining_duration()))

    def cold_start(self):
        b1, b2 = self.b1, self.b2
        one_m, one_v = 1 - b1, 1 - b2
        m = self.m_steady
        self.claim("after one step m is 1 - beta1 of the gradient",
                   np.isclose(self.table["m"][0], one_m * self.table["g"][0]))
        self.claim("after one step v is 1 - beta2 of its square",
                   np.isclose(self.table["v"][0], one_v * self.table["g"][0] ** 2))
        self.claim("for a steady gradient m is 0.1, 0.19, 0.27 of it after 1, 2, 3 steps",
                   [round(float(x), 2) for x in m[1:4]] == [0.1, 0.19, 0.27])
        first = VGroup(tex(rf"m_1 = {one_m:.1f}\, g_1", color=VELOCITY_COLOR),
                       tex(rf"v_1 = {one_v:.3f}\, g_1^2", color=V_COLOR),
                       tex(rf"\beta_1 = {b1:g},\ \beta_2 = {b2:g}", "label", color=MUTED)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.35)
        self.first = self.side_top(first)
        n = self.cold_steps
        chart = StepChart(n, y_range=(0, 1.2), width=HERO.width - 1.6, height=3.7, font_size=LABEL_FS,
                          x_label="step t", y_label="steady gradient g = 1", n_x_ticks=5)
        chart.shift(RIGHT * (HERO.left + 0.9 - chart.frame.get_left()[0]) + UP * (
            HERO.top - 0.75 - chart.frame.get_top()[1]))
        sm = chart.add_series(m, VELOCITY_COLOR, stroke_width=5)
        g_line = DashedLine(chart.c2p(0, 1), chart.c2p(n, 1), stroke_color=MUTED, stroke_width=3)
        dots = VGroup(*[Dot(chart.c2p(k, m[k]), radius=0.08, color=VELOCITY_COLOR) for k in range(1, n + 1)])
        s1, s2, s3 = (self.stamp(f"step {j}:  m = {m[j]:.{1 if j == 1 else 2}f}", color=VELOCITY_COLOR,
                                 size="label").move_to(chart.c2p(10, y), aligned_edge=LEFT)
                      for j, y in ((1, 0.5), (2, 0.31), (3, 0.12)))
        m_lab = tex(r"m_t", "label", color=VELOCITY_COLOR).next_to(chart.c2p(n, m[n]), DOWN + LEFT, buff=0.15)
        self.cold_chart, self.cold_dots, self.cold_stamps = chart, dots, VGroup(s1, s2, s3)
        with self.voiceover(text=f"Both start at zero: for a steady gradient, m is {m[1]:.1f} of it, "
                                 f"then {m[2]:.2f}.") as tracker:
            self.set_heading("Bias correction: a cold start")
            self.play(FadeOut(self.lmap), FadeOut(self.paths["adam"]), FadeOut(self.step_rule), run_time=0.6)
            self.play(FadeIn(chart.axes), Create(g_line), FadeIn(first[0]), FadeIn(first[2]), run_time=0.8)
            self.add(sm)
            self.play(DrawSteps(sm, end=3), FadeIn(dots[:3], lag_ratio=0.5), run_time=1.2)
            self.play(FadeIn(s1), FadeIn(first[1]), run_time=0.5)
            self.until(tracker, 0.7)
            self.play(FadeIn(s2), FadeIn(s3), run_time=0.5)
            self.play(DrawSteps(sm, end=n), FadeIn(dots[3:], lag_ratio=0.2), FadeIn(m_lab),
                      run_time=max(0.8, tracker.get_remaining_duration()))
        self.cold_parts = VGroup(chart, sm, g_line, dots, s1, s2, s3, m_lab)

    def the_fix(self):
        chart, n = self.cold_chart, self.cold_steps
        mh = self.mhat_steady
        self.claim("for a steady gradient, dividing by 1 - beta1^t makes m-hat exactly the gradient from step 1",
                   np.allclose(mh[1:], 1.0))
        st = self.trajs["adam"].state
        t = np.arange(1, self.steps + 1)[:, None]
        rebuilt = -self.lr * st["exp_avg"] * bias_correction(self.b1, t) / (
            np.sqrt(st["exp_avg_sq"] * bias_correction(self.b2, t)) + self.opts["adam"].eps)
        self.claim("each Adam step is gamma times m-hat over the root of v-hat",
                   np.allclose(rebuilt, self.trajs["adam"].updates))
        hat_dots = VGroup(*[Dot(chart.c2p(k, mh[k]), radius=0.08, color=optimizer_color("adam"))
                            for k in range(1, n + 1)])
        hat_line = chart.add_series(mh, optimizer_color("adam"), stroke_width=5)
        hat_line.set_progress(n)
        hat_lab = tex(r"\hat m_t = g", "label", color=optimizer_color("adam")).next_to(chart.c2p(n, 1), UP + LEFT,
                                                                                       buff=0.15)
        hats = VGroup(tex(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}", color=optimizer_color("adam")),
                      tex(r"\hat v_t = \frac{v_t}{1 - \beta_2^t}", color=V_COLOR),
                      tex(r"\theta_t = \theta_{t-1}", "label"),
                      tex(r"- \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}", "label"))
        hats.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        hats[3].shift(RIGHT * 0.5 + UP * 0.1)
        self.hats = self.side_top(hats, dy=0.3)
        with self.voiceover(text="Dividing by one minus beta one to the t makes it exact.") as tracker:
            self.play(FadeOut(self.first), FadeIn(hats[0]), run_time=0.7)
            self.play(FadeIn(hat_line), FadeIn(hat_dots, lag_ratio=0.1), FadeIn(hat_lab), run_time=1.2)
            self.until(tracker, 0.6)
            self.play(FadeIn(hats[1:]), run_time=0.7)
        self.cold_parts.add(hat_line, hat_dots, hat_lab)

    def first_step(self):
        """Bias correction keeps the first step in check: v's factor acts under a root and beats m's."""
        f_m, f_v = float(bias_correction(self.b1, 1)), float(bias_correction(self.b2, 1))
        root = float(np.sqrt(f_v))
        raw, fixed = self.table["step_uncorrected"][0] / self.lr, self.table["step"][0] / self.lr
        self.claim("uncorrected at step 1, m is 10 times too small and v 1000 times",
                   round(f_m) == 10 and round(f_v) == 1000)
        self.claim("so root v is 31.6 times too small", round(root, 1) == 31.6)
        self.claim("corrected, Adam's first step across is gamma", round(fixed, 2) == 1.0)
        self.claim("uncorrected, the first step would be 3.2 gamma (m's 10 against the root's 31.6)",
                   round(raw, 1) == 3.2 and np.isclose(raw, fixed * root / f_m))
        rows = [(text("without correction", "label", color=MUTED), raw, MUTED),
                (text("with correction", "label", color=optimizer_color("adam")), fixed, optimizer_color("adam"))]
        bars = MoveBars(rows, x_range=(0, raw * 1.05), width=HERO.width - 1.3, row_height=1.1, label_width=3.6,
                        axis_label="Adam's first step across (\u03b8\u2082)",
                        fmt=lambda v: f"{v:.1f} \u03b3")
        bars.axis_label.align_to(bars.labels, LEFT)
        bars.shift(RIGHT * (HERO.left + 0.05 - bars.get_left()[0]) + UP * (HERO.top - 0.5 - bars.get_top()[1]))
        why = VGroup(tex(rf"\hat m_1 = {f_m:.0f}\, m_1", "label", color=optimizer_color("adam")),
                     tex(rf"\hat v_1 = {f_v:.0f}\, v_1", "label", color=V_COLOR),
                     text(f"under the root: \u00d7{root:.1f}", "label", color=V_COLOR),
                     VGroup(text("uncorrected:", "label", color=MUTED),
                            tex(rf"\frac{{{1 - self.b1:.1f}}}{{\sqrt{{{1 - self.b2:.3f}}}}} = {raw:.1f}", "label",
                                color=MUTED)).arrange(RIGHT, buff=0.2))
        self.claim("for the first step, m over root v is (1 - beta1) / root(1 - beta2) of the gradient's sign",
                   np.isclose(raw, (1 - self.b1) / np.sqrt(1 - self.b2), rtol=1e-6))
        why[2].next_to(why[1], RIGHT, buff=0.4)
        why[0].next_to(why[1], UP, buff=0.25).align_to(why[1], LEFT)
        why[3].next_to(why[0], RIGHT, buff=0.6).align_to(why[2], LEFT).set_y(why[0].get_y())
        why.next_to(bars, DOWN, buff=0.3).align_to(bars.labels, LEFT)
        room = self.mv_tags.get_top()[1] + 0.2 - why.get_bottom()[1]
        if room > 0:  # keep clear of the m and v formulas under the picture
            VGroup(bars, why).shift(UP * room)
        with self.voiceover(text=f"Uncorrected, m is {f_m:.0f} times too small but root v {root:.1f} times: "
                                 f"the first step would be {raw:.1f} gamma.") as tracker:
            self.set_heading("Bias correction: the first step")
            self.play(FadeOut(self.cold_parts), run_time=0.4)
            self.play(FadeIn(bars.frame_parts), FadeIn(why[1]), FadeIn(why[0]), run_time=0.6)
            self.until(tracker, 0.3)
            self.play(FadeIn(why[2]), run_time=0.5)
            self.until(tracker, 0.55)
            self.play(GrowFromEdge(bars.bars[0], LEFT), FadeIn(bars.values[0]), FadeIn(why[3]), run_time=0.6)
            self.until(tracker, 0.8)
            self.play(GrowFromEdge(bars.bars[1], LEFT), FadeIn(bars.values[1]), run_time=0.6)
        self.wait(1.5)  # hold the finished bars
        self.bias_parts = VGroup(bars, why, self.hats)

    def adamax(self):
        n = self.steps
        u, rv, g = self.u_across, self.root_v, self.g_across
        k = int(np.argmax(u[1:] > u[:-1])) + 1  # the first step where u grows: a larger gradient came
        chart = StepChart(n, y_range=(0, 1.2), width=HERO.width - 1.65, height=3.8, font_size=LABEL_FS,
                          y_label=f"gradient size across, from \u03b8\u2082 = {self.near_floor:g} "
                                  f"(just above the floor)",
                          n_x_ticks=5)
        chart.shift(RIGHT * (HERO.left + 0.9 - chart.frame.get_left()[0]) + UP * (
            HERO.top - 0.7 - chart.frame.get_top()[1]))
        sg = chart.add_series(np.r_[g[0], g], MUTED, stroke_width=3)
        sv = chart.add_series(np.r_[rv[0], rv], optimizer_color("adam"), stroke_width=5)
        su = chart.add_series(np.r_[u[0], u], optimizer_color("adamax"), stroke_width=5)
        g_lab = tex(r"|g_t|", "label", color=TEXT).next_to(chart.c2p(n, g[-1]), RIGHT, buff=0.2).shift(UP * 0.08)
        end_v = VGroup(tex(r"\sqrt{\hat v_t}", "label", color=optimizer_color("adam")),
                       text(f"{rv[-1]:.2f}", "label", color=optimizer_color("adam"))).arrange(RIGHT, buff=0.2)
        end_v.next_to(chart.c2p(n, rv[-1]), RIGHT, buff=0.2)
        ratio = u[-1] / rv[-1]
        t_mid = self.ratio_step
        r_mid = u[t_mid - 1] / rv[t_mid - 1]
        self.ratios = (f"{r_mid:.1f}", f"{ratio:.1f}")
        v_note = VGroup(text("Adam's divisor,", "label", color=optimizer_color("adam")),
                        text("same gradients", "label", color=optimizer_color("adam")),
                        text(f"u = {self.ratios[1]} \u00d7 Adam's", "label", color=optimizer_color("adamax")))
        # the ratio at step t_mid: a bracket between the two divisors
        mid_bar = DashedLine(chart.c2p(t_mid, rv[t_mid - 1]), chart.c2p(t_mid, u[t_mid - 1]), stroke_color=TEXT,
                             stroke_width=3)
        mid_lab = text(f"step {t_mid}: \u00d7{self.ratios[0]}", "label", color=TEXT)
        mid_lab.next_to(mid_bar, RIGHT, buff=0.15).set_y(chart.c2p(0, 0.72)[1])
        self.mid_marks = VGroup(mid_bar, mid_lab)
        v_note[:2].arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        end_u = VGroup(tex(r"u_t", "label", color=optimizer_color("adamax")),
                       text(f"{u[-1]:.2f}", "label", color=optimizer_color("adamax"))).arrange(RIGHT, buff=0.2)
        end_u.next_to(chart.c2p(n, u[-1]), RIGHT, buff=0.2)
        # each note beside its own curve: the ratio under u, "Adam's divisor" over the root of v-hat
        v_note[2].next_to(end_u, DOWN, buff=0.18).align_to(end_u, LEFT)
        v_note[:2].next_to(end_v, UP, buff=0.15).align_to(end_v, LEFT)
        # the two stamps sit in the side column (clear of the curves) and go once read
        first = self.stamp(f"step 1: u = {u[k - 1]:.1f}", color=optimizer_color("adamax"), size="label")
        reset = self.stamp(f"step {k + 1}: |g| = {g[k]:.1f}", color=TEXT, size="label")
        VGroup(first, reset).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        VGroup(first, reset).move_to([SIDE.left + 0.2, HERO.top - 0.95, 0], aligned_edge=UP + LEFT)
        u_line = tex(r"u_t = \max(\beta_2 u_{t-1},\, |g_t| + \epsilon)", color=optimizer_color("adamax"))
        rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\hat m_t}{u_t}", color=optimizer_color("adamax"))
        adamax_tag = text("AdaMax", "label", color=optimizer_color("adamax"))
        share = (1 - self.b2) * self.b2 ** (n - 1 - k) * g[k] ** 2 * bias_correction(self.b2, n) / rv[-1] ** 2
        ax = self.amax_near.positions[:, self.across]
        self.claim("the first step overshoots the floor", ax[0] > 0 > ax[1])
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
        with self.voiceover(text="AdaMax divides by u, a running maximum of the gradient's size.") as tracker:
            self.set_heading("AdaMax: a running maximum")
            self.play(FadeOut(self.bias_parts), FadeOut(self.mv_row), FadeOut(self.mv_tags), run_time=0.6)
            self.formula_row(u_line, rule)
            adamax_tag.next_to(u_line, UP, buff=0.2).align_to(u_line, LEFT)
            self.play(FadeIn(u_line), FadeIn(adamax_tag), FadeIn(rule), FadeIn(chart.axes), run_time=0.7)
            self.add(sg)
            self.play(DrawSteps(sg), FadeIn(g_lab), run_time=max(1.0, tracker.get_remaining_duration()))
        race_ax, race_ad = self.trajs["adamax"], self.trajs["adam"]
        k_low = int(np.argmin(race_ax.positions[:, self.across]))
        self.claim("u is 2.2 times Adam's divisor by step 11, 4.8 times by step 80 (it grows)",
                   self.ratios == ("2.2", "4.8") and t_mid == 11 and n == 80 and np.all(np.diff(u / rv)[t_mid - 1:] > 0))
        self.claim("in the race too AdaMax's steps across are smaller than Adam's (steps 2-9), and it swings less",
                   np.all(np.abs(race_ax.updates[1:9, self.across]) < np.abs(race_ad.updates[1:9, self.across]))
                   and self.swing["adamax"] > self.swing["adam"] and k_low > 9)
        with self.voiceover(text=f"Step {k + 1}'s gradient resets u; Adam's root of v-hat averages it away: "
                                 f"u is {self.ratios[0]} times as large by step {t_mid}, {self.ratios[1]} times "
                                 f"by step {n}.") as tracker:
            self.add(su)
            self.play(DrawSteps(su, end=1), FadeIn(first), run_time=0.6)
            self.play(DrawSteps(su, end=k + 1), FadeIn(reset), run_time=0.8)
            self.until(tracker, 0.25)
            self.add(sv)
            self.play(DrawSteps(sv, end=t_mid), DrawSteps(su, end=t_mid), FadeOut(first), FadeOut(reset),
                      run_time=0.8)
            self.play(Create(mid_bar), FadeIn(mid_lab), run_time=0.5)
            self.until(tracker, 0.62)
            self.play(DrawSteps(sv), DrawSteps(su), run_time=0.8)
            self.play(FadeIn(end_v), FadeIn(end_u), FadeIn(v_note), run_time=0.5)
        self.wait(0.5)  # hold u against the root of v-hat
        self.adamax_parts = VGroup(chart, sg, sv, su, g_lab, end_v, end_u, v_note, u_line, rule, adamax_tag,
                                   self.mid_marks)

    def nadam(self):
        """NAdam as a mechanism: it steps with next step's momentum, so the fresh gradient weighs more; the
        picture is what one step is made of (the fresh gradient's share against the older gradients')."""
        nad = self.trajs["nadam"]
        opt = nad.optimizer
        b1 = self.b1
        mu_1 = float(nadam_mu(opt, 1))
        t_cross = int(np.argmax(nad.positions[:, self.across] < 0)) + 1  # NAdam's first step from past the floor
        w_adam = fresh_gradient_weight(b1, 0.0, 0.0)
        w_look = fresh_gradient_weight(b1, b1, b1)
        w_torch = fresh_gradient_weight(b1, float(nadam_mu(opt, t_cross)), float(nadam_mu(opt, t_cross + 1)))
        self.claim("in Adam's step the fresh gradient is 1 - beta1 = 0.1 of the momentum average", round(w_adam, 2) == 0.1)
        self.claim("with the look-ahead (mu = beta1 = 0.9) the fresh gradient is 0.19 of the step, about twice",
                   round(w_look, 2) == 0.19 and 1.8 < w_look / w_adam < 2.0 and b1 == 0.9)
        self.claim("PyTorch's NAdam starts mu at 0.45 and it stays near 0.45 through the race",
                   round(mu_1, 2) == 0.45 and float(nadam_mu(opt, self.race_window)) < 0.46)
        self.claim("with PyTorch's mu the fresh gradient gets about 0.6 of the step", round(w_torch, 1) == 0.6)
        mu_1000 = float(nadam_mu(opt, 1000))
        self.claim("PyTorch's mu is about half of beta1 (half the momentum) and still near 0.5 at step 1000",
                   round(mu_1 / b1, 2) == 0.5 and round(mu_1000, 2) == 0.52)
        k = 4
        mom, grad = nadam_parts(nad, k)
        self.claim("NAdam's move is its momentum term plus its fresh-gradient term",
                   np.allclose(nad.positions[k] + mom + grad, nad.positions[k + 1]))
        self.w = (w_adam, w_look, w_torch)
        # the two rules, side by side under the heading
        a_rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}",
                     color=optimizer_color("adam"))
        n_rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\mu\, \hat m_t + (1 - \mu)\, \hat g_t}"
                     r"{\sqrt{\hat v_t} + \epsilon}", color=optimizer_color("nadam"))
        rules = VGroup(a_rule, n_rule).arrange(RIGHT, buff=0.8)
        rules.scale(min(1.1, (SAFE_RIGHT - SAFE_LEFT - 0.2) / rules.width))  # one size up: readable subscripts
        rules.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, HERO.top - 0.55 - rules.height / 2, 0])
        g_hat = tex(r"\hat g_t = g_t / (1 - \beta_1^t)", "label", color=optimizer_color("nadam"))
        g_hat.next_to(n_rule, DOWN, buff=0.08).align_to(n_rule, RIGHT)
        a_tag = text("Adam", "label", color=optimizer_color("adam")).next_to(a_rule, UP, buff=0.2)
        a_tag.align_to(a_rule, LEFT)
        n_tag = text("NAdam: next step's momentum", "label", color=optimizer_color("nadam"))
        n_tag.next_to(n_rule, UP, buff=0.2).align_to(n_rule, LEFT)
        n_tag.align_to(a_tag, UP)
        # what one step is made of: the fresh gradient's share, the rest older gradients (carried by m)
        x0, bar_w, bar_h = SAFE_LEFT + 3.9, 7.2, 0.56
        legend = VGroup(
            Rectangle(width=0.4, height=0.3, stroke_width=0, fill_color=GRADIENT_COLOR, fill_opacity=0.95),
            text("the fresh gradient", "label", color=GRADIENT_COLOR),
            Rectangle(width=0.4, height=0.3, stroke_width=0, fill_color=VELOCITY_COLOR, fill_opacity=0.55),
            text("older gradients", "label", color=VELOCITY_COLOR)).arrange(RIGHT, buff=0.2)
        legend[2].shift(RIGHT * 0.4)
        legend[3].shift(RIGHT * 0.4)
        legend.move_to([x0, g_hat.get_bottom()[1] - 0.28, 0], aligned_edge=LEFT)
        head = text("one step:", "label", color=TEXT)
        head.move_to([x0 - 0.3, legend.get_y(), 0], aligned_edge=RIGHT)
        top_row = VGroup(head, legend)
        rows_spec = [(("Adam",), w_adam, optimizer_color("adam")),
                     (("look-ahead,", f"\u03bc = {b1:g}"), w_look, optimizer_color("nadam")),
                     (("PyTorch's NAdam,", f"\u03bc = {mu_1:.2f},", f"{mu_1000:.2f} at step 1000"), w_torch,
                      optimizer_color("nadam"))]
        fmts = (f"{w_adam:.1f}", f"{w_look:.2f}", f"{w_torch:.1f}")
        rows = VGroup()
        y = top_row.get_bottom()[1] - 0.6
        for (lab_lines, w, col), val_s in zip(rows_spec, fmts):
            lab = VGroup(*[text(s, "label", color=col) for s in lab_lines]).arrange(DOWN, aligned_edge=RIGHT, buff=0.05)
            lab.move_to([x0 - 0.3, y, 0], aligned_edge=RIGHT)
            fresh = Rectangle(width=w * bar_w, height=bar_h, stroke_width=0, fill_color=GRADIENT_COLOR,
                              fill_opacity=0.95).move_to([x0, y, 0], aligned_edge=LEFT)
            old = Rectangle(width=(1 - w) * bar_w, height=bar_h, stroke_width=0, fill_color=VELOCITY_COLOR,
                            fill_opacity=0.55).next_to(fresh, RIGHT, buff=0)
            val = text(val_s, "label", color=GRADIENT_COLOR).next_to(old, RIGHT, buff=0.2)
            rows.add(VGroup(lab, fresh, old, val))
            y -= 1.0 if len(rows) < 2 else 1.2  # the last row's label has three lines
        self.w_rows = rows
        with self.voiceover(text="NAdam adds Nesterov's look-ahead: it steps with the momentum it will "
                                 "have next step.") as tracker:
            self.play(FadeOut(self.adamax_parts), run_time=0.5)
            self.set_heading("NAdam: Nesterov's look-ahead in Adam")
            self.play(FadeIn(a_rule), FadeIn(a_tag), run_time=0.6)
            self.play(FadeIn(n_rule), FadeIn(n_tag), FadeIn(g_hat), run_time=0.8)
            self.play(FadeIn(top_row), FadeIn(rows[0][0]), GrowFromEdge(rows[0][1], LEFT), run_time=0.7)
            self.play(GrowFromEdge(rows[0][2], LEFT), FadeIn(rows[0][3]), run_time=0.5)
        with self.voiceover(text=f"So the fresh gradient counts about twice: {fmts[1]} of the step, "
                                 f"not {fmts[0]}.") as tracker:
            self.until(tracker, 0.15)
            self.play(FadeIn(rows[1][0]), GrowFromEdge(rows[1][1], LEFT), run_time=0.6)
            self.play(GrowFromEdge(rows[1][2], LEFT), FadeIn(rows[1][3]), run_time=0.5)
        with self.voiceover(text=f"But PyTorch's NAdam keeps mu near {mu_1:.2f} for thousands of steps: half "
                                 f"the momentum, so its fresh gradient gets {fmts[2]}.") as tracker:
            self.play(FadeIn(rows[2][0]), run_time=0.5)
            self.until(tracker, 0.55)
            self.play(GrowFromEdge(rows[2][1], LEFT), run_time=0.6)
            self.play(GrowFromEdge(rows[2][2], LEFT), FadeIn(rows[2][3]), run_time=0.5)
        self.wait(0.5)  # hold the three steps
        self.nadam_parts = VGroup(rules, a_tag, n_tag, g_hat, top_row, rows)

    def race(self):
        zoom = self.race_window  # the swings all happen early: the θ₂ chart shows these steps
        chart = StepChart(zoom, y_range=(-1.2, 1.6), width=HERO.width - 1.9, height=5.6, font_size=LABEL_FS,
                          x_label="", y_label="\u03b8\u2082, across the ravine", n_x_ticks=5)
        chart.shift(RIGHT * (HERO.left + 0.9 - chart.frame.get_left()[0]) + UP * (
            HERO.top - 0.5 - chart.frame.get_top()[1]))
        floor = DashedLine(chart.c2p(0, 0), chart.c2p(zoom, 0), stroke_color=TEXT, stroke_width=2, stroke_opacity=0.6)
        series = [chart.add_series(self.trajs[nm].positions[:zoom + 1, self.across], optimizer_color(nm),
                                   stroke_width=5) for nm in self.names]
        # the look-ahead alone: NAdam with mu = beta1 from the first step, dashed
        full_line = Series(chart, self.full_mu.positions[:zoom + 1, self.across], optimizer_color("nadam"),
                           stroke_width=4, head=False)
        full_line.set_progress(zoom)
        full_dash = DashedVMobject(full_line.full.copy(), num_dashes=70)
        sw = self.swing
        order = sorted(self.names, key=lambda nm: sw[nm])
        self.claim("Adam swings farthest across, then AdaMax, then NAdam", order == ["adam", "adamax", "nadam"])
        self.claim("every lowest point comes within the chart's steps",
                   all(int(np.argmin(self.trajs[nm].positions[:, self.across])) < zoom for nm in self.names))
        self.claim("the same gamma for all three, untuned", len({self.opts[nm].lr for nm in self.names}) == 1)
        fs = self.full_mu_swing
        k_full = int(np.argmin(self.full_mu.positions[:, self.across]))
        self.claim("the look-ahead alone (mu = beta1 = 0.9 from step 1) swings to -0.43: between Adam and NAdam",
                   sw["adam"] < fs < sw["nadam"] and f"{fs:.2f}" == "-0.43" and k_full < zoom
                   and float(nadam_mu(self.full_mu_opt, 1)) > 0.899)
        self.claim("most of NAdam's smaller swing comes from its small mu, not the look-ahead",
                   (sw["nadam"] - fs) / (sw["nadam"] - sw["adam"]) > 0.5)
        nad = self.trajs["nadam"]
        k_cross = int(np.argmax(nad.positions[:, self.across] < 0))
        self.claim("past the floor the gradient points back", nad.grads[k_cross, self.across] < 0
                   and all(self.trajs[nm].grads[int(np.argmax(self.trajs[nm].positions[:, self.across] < 0)),
                                                self.across] < 0 for nm in self.names))
        lows, low_labels = VGroup(), VGroup()
        names = {"adam": "Adam", "adamax": "AdaMax", "nadam": "NAdam"}
        # each name and lowest point beside its curve, in clear space (see the θ₂ values: Adam's low at step 11
        # is the lowest; AdaMax's low is right of Adam's rise; NAdam's is closest to the floor)
        spots = {"adam": (11, -0.85, "center"), "adamax": (17.5, -0.62, "left"), "nadam": (15, 0.5, "center")}
        for nm in self.names:
            kk = int(np.argmin(self.trajs[nm].positions[:, self.across]))
            d = Dot(chart.c2p(kk, sw[nm]), radius=0.1, color=optimizer_color(nm))
            lab = text(f"{names[nm]}  " + minus(f"{sw[nm]:.2f}"), "label", color=optimizer_color(nm))
            x, y, how = spots[nm]
            if how == "left":
                lab.move_to(chart.c2p(x, y), aligned_edge=LEFT)
            else:
                lab.move_to(chart.c2p(x, y))
            lows.add(d)
            low_labels.add(lab)
        full_dot = Dot(chart.c2p(k_full, fs), radius=0.08, color=optimizer_color("nadam"))
        full_lab = VGroup(DashedLine(LEFT * 0.3, RIGHT * 0.3, stroke_color=optimizer_color("nadam"), stroke_width=4),
                          text(f"\u03bc = {self.b1:g}:  " + minus(f"{fs:.2f}"), "label",
                               color=optimizer_color("nadam"))).arrange(RIGHT, buff=0.15)
        full_lab.move_to(chart.c2p(19, 1.0), aligned_edge=LEFT)
        # a small map of the same runs, drawn in step with the chart: the swings are across the ravine
        right = chart.frame.get_right()[0]
        rmap = LandscapeMap(self.ls, width=SAFE_RIGHT - right - 1.3, height=1.9, n_contours=7,
                            bounds=((-6.0, 1.0), (-1.0, 1.8)), n_ticks=3, label_font_size=56, tick_font_size=30)
        rmap.move_to([SAFE_RIGHT, HERO.top - 0.1, 0], aligned_edge=UP + RIGHT)
        if rmap.get_left()[0] < right + 0.3:
            rmap.scale((SAFE_RIGHT - right - 0.3) / rmap.width, about_edge=UP + RIGHT)
        rpaths = [TrajectoryPath(self.trajs[nm], rmap, nm, markers=False, stroke_width=3.5, dot_radius=0.08)
                  for nm in self.names]
        summary = self.summary()
        summary.next_to(rmap, DOWN, buff=0.2)
        summary.move_to([right + 0.5, summary.get_y(), 0], aligned_edge=LEFT)
        a, x, n_ = (f"{abs(sw[nm]):.2f}" for nm in self.names)
        with self.voiceover(text=f"Same gamma for all: Adam swings to minus {a}, AdaMax minus {x}, "
                                 f"NAdam minus {n_}.") as tracker:
            self.play(FadeOut(self.nadam_parts), run_time=0.5)
            self.set_heading(f"The race: same \u03b3 = {self.lr:g} for all, not tuned")
            self.play(FadeIn(chart.axes), Create(floor), FadeIn(rmap), run_time=0.6)
            self.add(*series, *rpaths)
            self.play(DrawSteps(chart, end=18), *[p.draw(end=18) for p in rpaths],
                      run_time=max(1.0, tracker.duration * 0.25))
            for i in range(3):
                self.play(FadeIn(lows[i]), FadeIn(low_labels[i]), run_time=0.4)
                self.until(tracker, 0.4 + 0.18 * (i + 1))
            self.play(DrawSteps(chart, end=zoom), *[p.draw(end=zoom) for p in rpaths],
                      run_time=max(0.5, tracker.get_remaining_duration()))
        with self.voiceover(text="Adam carries its momentum past the floor; AdaMax's larger divisor takes "
                                 "smaller steps.") as tracker:
            self.play(FadeIn(summary[0]), *[p.draw(end=self.steps) for p in rpaths], run_time=0.8)
            self.until(tracker, 0.45)
            self.play(FadeIn(summary[1]), run_time=0.6)
        with self.voiceover(text=f"NAdam's calm is mostly its small mu: with mu at {self.b1:g}, the look-ahead alone "
                                 f"swings to minus {abs(fs):.2f}.") as tracker:
            self.until(tracker, 0.3)
            self.play(Create(full_dash), run_time=1.2)
            self.play(FadeIn(full_dot), FadeIn(full_lab), run_time=0.5)
            self.until(tracker, 0.85)
            self.play(FadeIn(summary[2]), run_time=0.6)

    def summary(self) -> VGroup:
        """The takeaway for all three, beside the finished race (the final picture)."""
        mu_1 = float(nadam_mu(self.opts["nadam"], 1))

        def item(name, *rows):
            return VGroup(*[text(r, "label", color=optimizer_color(name)) for r in rows]).arrange(
                DOWN, aligned_edge=LEFT, buff=0.1)

        return VGroup(item("adam", "Adam: momentum", "+ RMSprop"),
                      item("adamax", "AdaMax: divide by", "a running max"),
                      item("nadam", f"NAdam: \u03bc = {mu_1:.2f},", "half the momentum")).arrange(
            DOWN, aligned_edge=LEFT, buff=0.2)
