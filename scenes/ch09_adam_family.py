"""Chapter 9: Adam, AdaMax and NAdam. Adam is momentum (its first moment m) plus RMSprop (its second
moment v); both start at zero, so it divides them by 1 - β^t: the factors, drawn against a log step
axis, start at 10 and 1000 and fade (m's is gone by step 50, v's lasts to step 1000). AdaMax replaces
√v̂ by a running maximum u, which remembers the first large gradient across the ravine (fed the same
gradients, Adam's √v̂ forgets it): a larger divisor, shorter steps across. NAdam's step is a look-ahead
momentum term plus the fresh gradient, drawn as two arrows just past the floor: the fresh part already
pushes back, where Adam's rule from the same state would carry on. Raced: how far each swings across the
floor, and the step from which each loss stays below 1e-3 (settle_step).

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
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Group,
    Indicate,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import bias_correction, loss_settle_step
from scenes.kit import (
    GRADIENT_COLOR,
    HERO,
    MUTED,
    SIDE,
    SYMBOL_COLORS,
    TEXT,
    VELOCITY_COLOR,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LookAhead,
    LossChart,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    display_name,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.ch09_parts import LogLogChart
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.scene import ExplainerScene

__all__ = ["AdamAdaMaxNAdam", "bias_table_values", "adam_denominator", "nadam_parts"]

V_COLOR = SYMBOL_COLORS["v"]
#: "settled": the loss stays below this from that step on (optim_core.analysis.settle_step)
SETTLE_TOL = 1e-3


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


def adam_denominator(grads, beta2: float) -> np.ndarray:
    """Adam's √v̂_t for a given gradient sequence (one coordinate): v_t = β₂ v + (1 − β₂) g², v̂ = v / (1 − β₂^t)."""
    g = np.asarray(grads, dtype=float)
    v = np.zeros_like(g)
    acc = 0.0
    for k, gk in enumerate(g):
        acc = beta2 * acc + (1 - beta2) * gk * gk
        v[k] = acc
    return np.sqrt(v * bias_correction(beta2, np.arange(1, len(g) + 1)))


def nadam_parts(traj, k: int) -> tuple[np.ndarray, np.ndarray]:
    """NAdam's move from positions[k] to positions[k+1] (step t = k + 1) split into its momentum term
    -γ μ_{t+1} m_t / ((1 − Πμ) (√v̂_t + ε)) and its fresh-gradient term -γ (1 − μ_t) g_t / ((1 − Πμ) (√v̂_t + ε))."""
    opt = traj.optimizer
    b1 = opt.betas[0]
    psi = opt.momentum_decay

    def mu(s):
        return b1 * (1.0 - 0.5 * 0.96 ** (s * psi))

    t = k + 1
    prod = float(np.prod([mu(s) for s in range(1, t + 1)]))
    den = np.sqrt(traj.state["exp_avg_sq_hat"][k]) + opt.eps
    grad_part = -opt.lr * (1 - mu(t)) * traj.grads[k] / (1 - prod) / den
    mom_part = -opt.lr * mu(t + 1) * traj.state["exp_avg"][k] / (1 - prod * mu(t + 1)) / den
    return mom_part, grad_part


def minus(s: str) -> str:
    return s.replace("-", "\u2212")


class AdamAdaMaxNAdam(ExplainerScene):
    chapter = 9
    title = "Adam, AdaMax, NAdam"
    description = ("Adam = momentum (first moment) + RMSprop (second moment); bias correction fades as t grows; "
                   "AdaMax's running maximum; NAdam's look-ahead momentum plus the fresh gradient; the three raced.")
    on_grammar = True

    landscape_name = "ravine"
    lr = 0.3
    steps = 80
    names = ("adam", "adamax", "nadam")
    #: the coordinate across the ravine (θ₂), where the three differ
    across = 1

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.momentum_plus_rmsprop, self.cold_start, self.the_fix_fades, self.adamax,
                        self.nadam, self.race, self.summary)
        self.final_hold(self.caption(), seconds=2.5)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.opts = {n: oc.optimizer(n, lr=self.lr) for n in self.names}
        self.trajs = {n: oc.run(o, ls, ls.start, steps=self.steps, seed=0) for n, o in self.opts.items()}
        adam = self.opts["adam"]
        self.b1, self.b2 = adam.betas
        self.table = bias_table_values(self.trajs["adam"], self.across, 1, adam.lr, adam.eps)
        # AdaMax against Adam's divisor, fed the same gradients (AdaMax's run, across the ravine)
        amax = self.trajs["adamax"]
        self.g_across = np.abs(amax.grads[:, self.across])
        self.u_across = amax.state["exp_inf"][:, self.across]
        self.root_v = adam_denominator(amax.grads[:, self.across], self.b2)
        # NAdam just past the floor: the first move that starts on the far side of θ₂ = 0
        nad = self.trajs["nadam"]
        y = nad.positions[:, self.across]
        self.k_nad = int(np.argmax(y < 0))
        self.mom_part, self.grad_part = nadam_parts(nad, self.k_nad)
        st = nad.state
        t = self.k_nad + 1
        den = np.sqrt(st["exp_avg_sq_hat"][self.k_nad]) + adam.eps
        self.adam_from_here = -adam.lr * st["exp_avg"][self.k_nad] * bias_correction(self.b1, t) / den
        # the race
        self.swing = {n: float(self.trajs[n].positions[:, self.across].min()) for n in self.names}
        self.settle = {n: loss_settle_step(self.trajs[n], tol=SETTLE_TOL) for n in self.names}

    # ------------------------------------------------------------------ pictures
    def build_map(self):
        self.lmap = LandscapeMap(self.ls, width=HERO.width - 1.05, n_contours=9)
        self.lmap.move_to([HERO.left, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        self.paths = {n: TrajectoryPath(t, self.lmap, n, markers=False, stroke_width=5, dot_radius=0.1)
                      for n, t in self.trajs.items()}
        self.row_y = SAFE_BOTTOM + 0.55

    def formula_row(self, *items) -> VGroup:
        """Formulas side by side under the hero picture, spread over the stage width."""
        row = VGroup(*items).arrange(RIGHT, buff=0.9)
        row.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2, self.row_y, 0])
        return row

    def caption(self):
        cap = CornerCaption(list(self.opts.values()), landscape=self.ls, max_width=7.0)
        return cap.move_to([SAFE_LEFT + cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])

    # ------------------------------------------------------------------ beats
    def momentum_plus_rmsprop(self):
        self.build_map()
        m_line = tex(r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t", color=VELOCITY_COLOR)
        v_line = tex(r"v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2", color=V_COLOR)
        self.mv_row = self.formula_row(m_line, v_line)
        m_tag = text("momentum", "label", color=VELOCITY_COLOR).next_to(m_line, UP, buff=0.2).align_to(m_line, LEFT)
        v_tag = text("RMSprop", "label", color=V_COLOR).next_to(v_line, UP, buff=0.2).align_to(v_line, LEFT)
        self.mv_tags = VGroup(m_tag, v_tag)
        step = VGroup(tex(r"\theta_t = \theta_{t-1}"),
                      tex(r"- \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}")).arrange(DOWN, aligned_edge=LEFT,
                                                                                            buff=0.2)
        step[1].shift(RIGHT * 0.5)
        step.move_to([SIDE.x, HERO.top - 0.5 - step.height / 2, 0])
        self.step_rule = step
        adam = self.paths["adam"]
        upd = self.trajs["adam"].updates
        t = np.arange(1, self.steps + 1)[:, None]
        st = self.trajs["adam"].state
        rebuilt = -self.lr * st["exp_avg"] * bias_correction(self.b1, t) / (
            np.sqrt(st["exp_avg_sq"] * bias_correction(self.b2, t)) + self.opts["adam"].eps)
        self.claim("each Adam step is gamma times m-hat over the root of v-hat", np.allclose(rebuilt, upd))
        with self.voiceover(text="Adam is momentum plus RMSprop: m averages the gradients, v their squares, "
                                 "and each step is m over the root of v.") as tracker:
            self.set_heading("Adam: momentum plus RMSprop")
            self.play(FadeIn(self.lmap), run_time=0.6)
            self.add(adam)
            self.play(FadeIn(m_line), FadeIn(m_tag), adam.draw(end=20), run_time=max(1.0, tracker.duration * 0.35 - 1.3))
            self.play(FadeIn(v_line), FadeIn(v_tag), adam.draw(end=40), run_time=max(1.0, tracker.duration * 0.3))
            self.play(FadeIn(step), adam.draw(end=self.steps), run_time=max(1.0, tracker.duration * 0.35))

    def cold_start(self):
        b1, b2 = self.b1, self.b2
        one_m, one_v = 1 - b1, 1 - b2
        self.claim("after one step m is 1 - beta1 of the gradient",
                   np.isclose(self.table["m"][0], one_m * self.table["g"][0]))
        self.claim("after one step v is 1 - beta2 of its square",
                   np.isclose(self.table["v"][0], one_v * self.table["g"][0] ** 2))
        first = VGroup(tex(rf"m_1 = {one_m:.1f}\, g_1", color=VELOCITY_COLOR),
                       tex(rf"v_1 = {one_v:.3f}\, g_1^2", color=V_COLOR)).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        first.move_to([SIDE.x, HERO.top - 0.5 - first.height / 2, 0])
        self.first = first
        chart = LogLogChart((1, 1000), (1, 1000), width=HERO.width - 1.2, height=3.6, x_label="step t")
        chart.shift(np.array([HERO.left + 0.8, HERO.top - 0.55, 0]) - chart.frame.get_corner(UP + LEFT))
        self.fchart = chart
        with self.voiceover(text=f"Both start at zero: after one step, m is only {one_m:.1f} of the gradient, "
                                 f"v {one_v:.3f} of its square.") as tracker:
            self.set_heading("Bias correction: a cold start")
            self.play(FadeOut(self.lmap), FadeOut(self.paths["adam"]), FadeOut(self.step_rule), run_time=0.6)
            self.play(FadeIn(chart), FadeIn(first[0]), run_time=0.8)
            self.until(tracker, 0.6)
            self.play(FadeIn(first[1]), run_time=0.6)

    def the_fix_fades(self):
        b1, b2 = self.b1, self.b2
        chart = self.fchart
        f1 = lambda t: bias_correction(b1, t)  # noqa: E731
        f2 = lambda t: bias_correction(b2, t)  # noqa: E731
        c1, c2 = chart.curve(f1, VELOCITY_COLOR), chart.curve(f2, V_COLOR)
        lab1 = tex(r"\frac{1}{1 - \beta_1^t}", "label", color=VELOCITY_COLOR)
        lab1.next_to(chart.c2p(6, f1(6)), UP + RIGHT, buff=0.15)
        lab2 = tex(r"\frac{1}{1 - \beta_2^t}", "label", color=V_COLOR)
        lab2.next_to(chart.c2p(150, f2(150)), UP + RIGHT, buff=0.1).shift(UP * 0.3)
        hats = VGroup(tex(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}", color=VELOCITY_COLOR),
                      tex(r"\hat v_t = \frac{v_t}{1 - \beta_2^t}", color=V_COLOR)).arrange(DOWN, aligned_edge=LEFT,
                                                                                         buff=0.3)
        hats.move_to([SIDE.x, HERO.top - 0.5 - hats.height / 2, 0])
        s1 = self.stamp(f"\u00d7{f1(1):.0f}", color=VELOCITY_COLOR, size="label").next_to(chart.c2p(1, f1(1)), RIGHT,
                                                                                       buff=0.15)
        s2 = self.stamp(f"\u00d7{f2(1):.0f}", color=V_COLOR, size="label").next_to(chart.c2p(1, f2(1)), RIGHT,
                                                                                buff=0.15).shift(DOWN * 0.25)
        dots0 = VGroup(Dot(chart.c2p(1, f1(1)), radius=0.09, color=VELOCITY_COLOR),
                       Dot(chart.c2p(1, f2(1)), radius=0.09, color=V_COLOR))
        at, late = 50, 1000
        m50, v50, v1000 = float(f1(at)), float(f2(at)), float(f2(late))
        self.claim("both factors shrink as t grows", np.all(np.diff(f1(np.arange(1, 1001))) <= 0)
                   and np.all(np.diff(f2(np.arange(1, 1001))) < 0) and f1(1) > f1(at) > f1(late))
        self.claim("by step 50 the first-moment fix is nearly gone", m50 < 1.01)
        self.claim("v's factor is still about 20 at step 50", round(v50) == 20)
        self.claim("v's factor is 1.6 at step 1000", round(v1000, 1) == 1.6)
        self.claim("at step 1 the factors are 10 and 1000", round(f1(1)) == 10 and round(f2(1)) == 1000)
        d50 = VGroup(Dot(chart.c2p(at, m50), radius=0.09, color=VELOCITY_COLOR),
                     Dot(chart.c2p(at, v50), radius=0.09, color=V_COLOR))
        l50m = self.stamp(f"{m50:.2f}", color=VELOCITY_COLOR, size="label").next_to(d50[0], UP + RIGHT, buff=0.1)
        l50v = self.stamp(f"{v50:.0f}", color=V_COLOR, size="label").next_to(d50[1], UP + RIGHT, buff=0.1)
        mark50 = DashedLine(chart.c2p(at, 1), chart.c2p(at, 1000), stroke_color=MUTED, stroke_width=2)
        mark50_lab = text(f"t = {at}", "small", color=MUTED).next_to(mark50, UP, buff=0.08)
        mark50 = VGroup(mark50, mark50_lab)
        d1000 = Dot(chart.c2p(late, v1000), radius=0.09, color=V_COLOR)
        l1000 = self.stamp(f"{v1000:.1f}", color=V_COLOR, size="label").next_to(d1000, UP + LEFT, buff=0.1)
        with self.voiceover(text=f"Dividing by one minus beta to the t fixes that: at step 1, m is multiplied "
                                 f"by {f1(1):.0f}, v by {f2(1):.0f}.") as tracker:
            self.play(FadeOut(self.first), FadeIn(hats), run_time=0.8)
            self.play(FadeIn(dots0), FadeIn(s1), FadeIn(s2), run_time=0.6)
            self.play(Create(c1), Create(c2), FadeIn(lab1), FadeIn(lab2), run_time=max(1.0, tracker.duration - 1.5))
        with self.voiceover(text=f"The fix fades as t grows: at step {at}, {m50:.2f} for m, still {v50:.0f} for v; "
                                 f"{v1000:.1f} at step {late}.") as tracker:
            self.play(FadeOut(s1), FadeOut(s2), FadeIn(mark50), run_time=0.5)
            self.play(FadeIn(d50[0]), FadeIn(l50m), run_time=0.5)
            self.until(tracker, 0.45)
            self.play(FadeIn(d50[1]), FadeIn(l50v), run_time=0.5)
            self.until(tracker, 0.72)
            self.play(FadeIn(d1000), FadeIn(l1000), run_time=0.5)
        self.bias_parts = VGroup(chart, c1, c2, lab1, lab2, dots0, d50, l50m, l50v, mark50, d1000, l1000, hats)

    def adamax(self):
        n = self.steps
        u, rv, g = self.u_across, self.root_v, self.g_across
        chart = StepChart(n, y_range=(0, 7), width=HERO.width - 1.65, height=3.6,
                          y_label="across the ravine (\u03b8\u2082), same gradients", n_x_ticks=5)
        chart.shift(RIGHT * (HERO.left + 0.9 - chart.frame.get_left()[0]) + UP * (
            HERO.top - 0.7 - chart.frame.get_top()[1]))
        sg = chart.add_series(np.r_[g[0], g], MUTED, stroke_width=3)
        sv = chart.add_series(np.r_[rv[0], rv], optimizer_color("adam"), stroke_width=5)
        su = chart.add_series(np.r_[u[0], u], optimizer_color("adamax"), stroke_width=5)
        g_lab = tex(r"|g_t|", "label", color=MUTED).next_to(chart.c2p(12, g[12]), UP + RIGHT, buff=0.1)
        end_v = VGroup(tex(r"\sqrt{\hat v_t}", "label", color=optimizer_color("adam")),
                       text(f"{rv[-1]:.1f}", "label", color=optimizer_color("adam"))).arrange(RIGHT, buff=0.2)
        end_v.next_to(chart.c2p(n, rv[-1]), RIGHT, buff=0.2)
        end_u = VGroup(tex(r"u_t", "label", color=optimizer_color("adamax")),
                       text(f"{u[-1]:.1f}", "label", color=optimizer_color("adamax"))).arrange(RIGHT, buff=0.2)
        end_u.next_to(chart.c2p(n, u[-1]), RIGHT, buff=0.2)
        first = self.stamp(f"first |g| = {g[0]:.0f}", color=TEXT, size="label")
        first.move_to(chart.c2p(20, 4.3), aligned_edge=LEFT)
        u_line = tex(r"u_t = \max(\beta_2 u_{t-1},\, |g_t| + \epsilon)", color=optimizer_color("adamax"))
        v_line = self.mv_row[1]
        adamax_tag = text("AdaMax", "label", color=optimizer_color("adamax"))
        adam_tag = text("Adam", "label", color=optimizer_color("adam"))
        self.claim("fed the same gradients, Adam's root of v-hat falls to about 1.2 by step 80",
                   round(float(rv[-1]), 1) == 1.2)
        self.claim("AdaMax's u only decays by beta2 per step: it still holds the first gradient",
                   np.isclose(u[-1], u[0] * self.b2 ** (n - 1)) and u[-1] > 4 * rv[-1])
        self.claim("the first gradient across is 6", round(float(g[0])) == 6)
        self.claim("u stays the larger divisor at every step", np.all(u >= rv - 1e-9))
        with self.voiceover(text="AdaMax replaces v by a running maximum, u, which only decays by beta two "
                                 "per step.") as tracker:
            self.set_heading("AdaMax: a running maximum")
            self.play(FadeOut(self.bias_parts), FadeOut(self.mv_row[0]), FadeOut(self.mv_tags), run_time=0.6)
            row = self.formula_row(v_line.copy(), u_line)
            self.play(v_line.animate.move_to(row[0]), run_time=0.5)
            u_line.move_to(row[1])
            adam_tag.next_to(v_line, UP, buff=0.2).align_to(v_line, LEFT)
            adamax_tag.next_to(u_line, UP, buff=0.2).align_to(u_line, LEFT).set_y(adam_tag.get_y())
            self.play(FadeIn(u_line), FadeIn(adamax_tag), FadeIn(adam_tag), FadeIn(chart.axes), run_time=0.7)
            self.add(sg)
            self.play(DrawSteps(sg), FadeIn(g_lab), run_time=max(1.0, tracker.duration - 2.5))
        with self.voiceover(text=f"Across the ravine the first gradient is {g[0]:.0f}. Adam's root of v-hat "
                                 f"forgets it: {rv[-1]:.1f} by step {n}. u still holds {u[-1]:.1f}: shorter "
                                 "steps across.") as tracker:
            self.play(FadeIn(first), run_time=0.5)
            self.add(sv, su)
            self.play(DrawSteps(sv), DrawSteps(su), run_time=max(1.0, tracker.duration * 0.55 - 0.5))
            self.play(FadeIn(end_v), run_time=0.5)
            self.until(tracker, 0.75)
            self.play(FadeIn(end_u), run_time=0.5)
        self.adamax_parts = VGroup(chart, sg, sv, su, g_lab, end_v, end_u, first, u_line, v_line, adamax_tag,
                                   adam_tag)

    def nadam(self):
        k = self.k_nad
        t = k + 1
        nad = self.trajs["nadam"]
        here = nad.positions[k]
        mom, grad, adam_step = self.mom_part, self.grad_part, self.adam_from_here
        c = here + np.array([0.14, -0.07])
        half_w = 0.3
        bounds = ((c[0] - half_w, c[0] + half_w), (c[1] - half_w / 2, c[1] + half_w / 2))
        zmap = LandscapeMap(self.ls, width=HERO.width - 1.05, bounds=bounds, n_contours=9,
                            value_scale=self.lmap.value_scale)
        zmap.move_to([HERO.left, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        zpath = TrajectoryPath(nad, zmap, "nadam", steps=k, markers=True, stroke_width=5, dot_radius=0.12,
                               marker_radius=0.06)
        look = LookAhead(zmap, here, mom, color=VELOCITY_COLOR, label=None)
        fresh = ParamArrow(zmap, here + mom, grad, color=GRADIENT_COLOR, stroke_width=6)
        adam_arrow = ParamArrow(zmap, here, adam_step, color=optimizer_color("adam"), dashed=True, stroke_width=5)
        mom_lab = tex(r"\mu_{t+1}\, m_t", "label", color=VELOCITY_COLOR).next_to(look.point, DOWN + LEFT, buff=0.15)
        grad_lab = tex(r"(1 - \mu_t)\, g_t", "label", color=GRADIENT_COLOR)
        grad_lab.next_to(fresh.arrow.get_center(), UP, buff=0.3)
        nad_step = mom + grad
        step_stamp = self.stamp(f"step {t}", size="label").next_to(zmap.c2p(*here), UP + LEFT, buff=0.3)
        side = VGroup(text("move across (\u03b8\u2082)", "label", color=TEXT),
                      text(f"NAdam  {minus(f'{nad_step[1]:.2f}')}", "label", color=optimizer_color("nadam")),
                      text(f"Adam's rule  {minus(f'{adam_step[1]:.2f}')}", "label", color=optimizer_color("adam")))
        side.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        side.move_to([zmap.frame.get_right()[0] + 0.35, HERO.top - 0.4, 0], aligned_edge=UP + LEFT)
        floor = DashedLine(zmap.c2p(bounds[0][0], 0), zmap.c2p(bounds[0][1], 0), stroke_color=TEXT,
                           stroke_width=2, stroke_opacity=0.6)
        floor_lab = text("floor \u03b8\u2082 = 0", "small", color=TEXT).next_to(floor, DOWN, buff=0.1)
        floor_lab.align_to(zmap.frame, RIGHT).shift(LEFT * 0.15)
        rule = tex(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\mu_{t+1}\, m_t + (1 - \mu_t)\, g_t}"
                   r"{\sqrt{\hat v_t} + \epsilon}")
        rule.move_to([(SAFE_LEFT + SAFE_RIGHT) / 2 - 1.8, self.row_y + 0.05, 0])
        note = VGroup(text("each term also divided", "small", color=MUTED),
                      text("by its own bias correction", "small", color=MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                        buff=0.08)
        note.next_to(rule, RIGHT, buff=0.5)
        ratio = abs(adam_step[1]) / abs(nad_step[1])
        self.claim("just past the floor the momentum term still points down", here[1] < 0 and mom[1] < 0)
        self.claim("the fresh gradient term already pushes back up", grad[1] > 0)
        self.claim("the two terms add up to NAdam's step",
                   np.allclose(here + mom + grad, nad.positions[k + 1]))
        self.claim("Adam's rule from the same state steps farther across", ratio > 2.5)
        with self.voiceover(text="NAdam adds a look-ahead: momentum with the next step's weight, plus the fresh "
                                 "gradient.") as tracker:
            self.set_heading("NAdam: momentum with a look-ahead")
            self.play(FadeOut(self.adamax_parts), run_time=0.5)
            self.play(FadeIn(zmap), FadeIn(rule), FadeIn(note), FadeIn(floor), FadeIn(floor_lab), run_time=0.7)
            self.add(zpath)
            self.play(zpath.draw(), FadeIn(step_stamp), run_time=1.0)
            self.until(tracker, 0.45)
            self.play(FadeIn(look), FadeIn(mom_lab), run_time=0.7)
            self.until(tracker, 0.75)
            self.play(GrowArrow(fresh.arrow), FadeIn(grad_lab), run_time=0.7)
        with self.voiceover(text=f"At step {t}, past the floor, momentum still pulls down, but the fresh "
                                 f"gradient pushes back: {abs(nad_step[1]):.2f} across; Adam's rule, "
                                 f"{abs(adam_step[1]):.2f}.") as tracker:
            self.play(Indicate(look, color=VELOCITY_COLOR), run_time=1.0)
            self.until(tracker, 0.3)
            self.play(Indicate(fresh, color=GRADIENT_COLOR), run_time=1.0)
            self.until(tracker, 0.55)
            self.play(FadeIn(side[:2]), run_time=0.5)
            self.until(tracker, 0.78)
            self.play(FadeIn(adam_arrow), FadeIn(side[2]), run_time=0.6)
            self.bring_to_front(look, fresh)
        self.nadam_parts = Group(zmap, zpath, look, fresh, adam_arrow, mom_lab, grad_lab, side, step_stamp, floor,
                                 floor_lab, rule, note)

    def race(self):
        chart = LossChart(self.steps, width=SIDE.width - 1.3, height=2.8, y_range=(1e-6, 1e2), y_label="loss",
                          n_x_ticks=3)
        paths = [self.paths[n] for n in self.names]
        for p in paths:
            p.set_progress(0)
            chart.add_trajectory(p)
        chart.shift(RIGHT * (SIDE.right - 0.1 - chart.frame.get_right()[0]) + UP * (
            HERO.top - 0.6 - chart.frame.get_top()[1]))
        level = DashedLine(chart.c2p(0, SETTLE_TOL), chart.c2p(self.steps, SETTLE_TOL), stroke_color=TEXT,
                           stroke_width=2)
        level_lab = text(f"{SETTLE_TOL:g}", "small", color=TEXT).next_to(level, UP, buff=0.06)
        level_lab.align_to(chart.frame, LEFT).shift(RIGHT * 0.1)
        sw, st = self.swing, self.settle
        order = sorted(self.names, key=lambda n: sw[n])
        self.claim("Adam swings farthest across, then AdaMax, then NAdam", order == ["adam", "adamax", "nadam"])
        self.claim("NAdam settles first, then AdaMax, then Adam",
                   all(st[n] is not None for n in self.names) and st["nadam"] < st["adamax"] < st["adam"])
        swing_labels = VGroup()
        for n in self.names:
            k = int(np.argmin(self.trajs[n].positions[:, self.across]))
            lab = text(minus(f"{sw[n]:.2f}"), "label", color=optimizer_color(n))
            lab.next_to(self.lmap.c2p(*self.trajs[n].positions[k]), DOWN, buff=0.2)
            swing_labels.add(lab)
        # keep the three swing labels apart (the troughs are close together on the map)
        for i in range(1, 3):
            if swing_labels[i].get_left()[0] < swing_labels[i - 1].get_right()[0] + 0.15:
                swing_labels[i].next_to(swing_labels[i - 1], RIGHT, buff=0.2)
        marks = VGroup()
        for i, n in enumerate(self.names):
            s = chart.series[i]
            marks.add(Dot(chart.c2p(st[n], s.values[st[n]]), radius=0.09, color=optimizer_color(n)))
        row = VGroup(*[text(f"{display_name(n)}  {st[n]}", "label", color=optimizer_color(n))
                       for n in ("nadam", "adamax", "adam")]).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        head = text("settled from step", "label", color=TEXT)
        table = VGroup(head, row).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        table.next_to(chart, DOWN, buff=0.25).align_to(chart, LEFT)
        a, x, n_ = (f"{abs(sw[n]):.2f}" for n in self.names)
        with self.voiceover(text=f"Raced with gamma {self.lr:g}, Adam swings across to minus {a}, "
                                 f"AdaMax to minus {x}, NAdam to minus {n_}.") as tracker:
            self.set_heading(f"The race: one start, \u03b3 = {self.lr:g}")
            self.play(FadeOut(self.nadam_parts), run_time=0.5)
            self.play(FadeIn(self.lmap), FadeIn(chart.axes), run_time=0.6)
            self.add(*paths, *chart.series)
            self.play(*[p.draw(end=16) for p in paths], DrawSteps(chart, end=16),
                      run_time=max(1.0, tracker.duration * 0.5 - 1.1))
            self.play(FadeIn(swing_labels, lag_ratio=0.6), *[p.draw(end=40) for p in paths],
                      DrawSteps(chart, end=40), run_time=max(1.0, tracker.duration * 0.5 - 0.7))
        with self.voiceover(text=f"Settled, meaning the loss stays below a thousandth: NAdam at step "
                                 f"{st['nadam']}, AdaMax {st['adamax']}, Adam {st['adam']}.") as tracker:
            self.play(Create(level), FadeIn(level_lab), FadeIn(head), *[p.draw(end=self.steps) for p in paths],
                      DrawSteps(chart, end=self.steps), run_time=max(1.0, tracker.duration * 0.5))
            self.play(FadeIn(marks), FadeIn(row), run_time=0.8)
        self.settle_table = table

    def summary(self):
        """The takeaway, in the title row over the finished race (silent: the final picture follows)."""
        self.set_heading("Adam = momentum + RMSprop + bias correction")
