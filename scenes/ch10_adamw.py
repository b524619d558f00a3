"""Chapter 10: AdamW and weight decay. A line fit to noisy data: its loss is flat along the slope θ₁ and
steep along the intercept θ₂, with its minimum away from zero. L2 regularisation inside Adam passes
through Adam's division by √v̂: each coordinate's decay pull per step is γλ/√v̂ₜ, so it depends on the
gradient history. AdamW pulls every coordinate by the same γλ. Trained on mini-batches of B samples the
gradients stay noisy and √v̂ stays large, so the pulls stay uneven. At rest Adam + L2's loss push and
pull are both divided by √v̂, so the division cancels and it settles at the minimum of f + Σ λθᵢ²/2;
AdamW divides only the loss push (enlarged along the quiet θ₁, where √v̂ < 1, shrunk along the noisy θ₂),
so it settles at the minimum of f + Σ λ√v̂ᵢ θᵢ²/2: a penalty per coordinate of 0.11 on θ₁ (below λ = 0.2,
so it stops further out) and 0.89 on θ₂, pulling θ₂ in (averages of the last steps, drawn sliding into
rings computed from the measured √v̂). So L2 in Adam is a true λ penalty; AdamW's even shrink acts like a penalty λ√v̂, stronger on noisy coordinates.

Render: ``manim -ql scenes/ch10_adamw.py AdamWAndWeightDecay``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    BackgroundRectangle,
    Create,
    Cross,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    ReplacementTransform,
    UpdateFromAlphaFunc,
    Line,
    Rectangle,
    SurroundingRectangle,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import decoupled_decay
from optim_core.landscapes import Landscape, RegressionProblem
from scenes.kit import (
    HERO,
    SIDE,
    MUTED,
    PANEL,
    TEXT,
    LandscapeMap,
    N,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    UpdateRule,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.cross_section import CrossSection
from scenes.kit.inset import MapInset
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT
from scenes.kit.typeset import SIZES
from scenes.scene import ExplainerScene

__all__ = ["AdamWAndWeightDecay"]

#: the decay: its arrows and its terms in the rules (one colour for "the pull toward zero")
DECAY = "#B39DFF"
#: the plain Adam step in AdamW's rule, when the voice names it
STEP = "#FFD166"
#: the downhill arrow
DOWNHILL = "#FF6B6B"
L2, W, G = "adam", "adamw", "plain"
NAMES = {L2: "Adam + L2", W: "AdamW", G: "plain Adam"}
#: the reference run (plain Adam, no decay): a quiet grey, drawn thinner
GHOST = "#9AA0A6"


# ---------------------------------------------------------------------- maths (chapter-local)
def line_fit(noise: float, x_half: float, slope: float, intercept: float, n: int, seed: int, bounds):
    """A seeded line fit (optim_core.regression_problem) shown with its own bounds; and the same loss
    less its minimum value (for the map's log colours and the cross-sections: 0 at the minimum)."""
    base = oc.regression_problem(n=n, seed=seed, w=slope, b=intercept, noise=noise, x_range=(-x_half, x_half))
    data = RegressionProblem(base.x, base.y, bounds=bounds, seed=seed, true_params=(slope, intercept))
    f_min = float(data.f(data.minima[0]))
    shown = Landscape("line_fit", lambda p: data.f(p) - f_min, data.grad, bounds, title="line fit",
                      latex=data.latex, minima=[data.minima[0]], f_min=0.0)
    return data, shown


def sine_between(u, v) -> float:
    """|sin| of the angle between two plane vectors (0: on one line through the origin)."""
    u, v = np.asarray(u, float), np.asarray(v, float)
    return float(abs(u[0] * v[1] - u[1] * v[0]) / (np.linalg.norm(u) * np.linalg.norm(v)))


def pct(x: float) -> str:
    """A percentage for screen and voice: two significant digits (9.2, 1, 0.06)."""
    return f"{x:.2g}" if x >= 0.1 else f"{x:.1g}"


class AdamWAndWeightDecay(ExplainerScene):
    chapter = 10
    title = "AdamW and weight decay"
    description = ("L2 inside Adam is divided by \u221av\u0302 per coordinate, so the decay each coordinate gets "
                   "depends on its gradient history; AdamW shrinks every coordinate by the same \u03b3\u03bb per step, "
                   "so where it settles depends on the gradients instead.")
    on_grammar = True

    #: the data: y = 2x + 1.5 + noise, x in (-0.2, 0.2): the slope θ₁ is poorly pinned (flat), the
    #: intercept θ₂ well pinned (steep); mini-batches of B keep the gradients noisy
    noise, x_half, slope, intercept, n_points, seed = 3.0, 0.2, 2.0, 1.5, 64, 0
    bounds = ((-0.6, 5.2), (-1.4, 2.3))
    batch = 2
    start = (3.0, -1.0)
    lr = 0.05
    weight_decay = 0.2
    steps = 600
    #: the averages are over the last ``last`` steps (both runs have long since levelled off)
    last = 300
    #: AdamW's one step is drawn this many times longer on the map
    arrow_mag = 30
    #: seeds that must all show the same ordering of the end averages
    check_seeds = (0, 1, 2, 3, 4)
    #: the ending's zoomed box (θ₁ range, θ₂ range), where both runs settle
    zoom_box = ((0.0, 1.5), (0.8, 1.9))

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.two_pulls, self.l2_inside_adam, self.adamw_decoupled, self.noisy_runs,
                        self.where_they_end)
        self.final_hold(self.caption(), seconds=2.0)

    # ------------------------------------------------------------------ numbers (all computed)
    def runs(self, seed):
        hp = dict(lr=self.lr, weight_decay=self.weight_decay)
        return {key: oc.run(oc.optimizer(name, **hp), self.data, self.x0, steps=self.steps, batch_size=self.batch,
                            seed=seed) for key, name in ((L2, "adam"), (W, "adamw"))}

    def compute(self):
        self.data, self.ls = line_fit(self.noise, self.x_half, self.slope, self.intercept, self.n_points, self.seed,
                                      self.bounds)
        x = self.data.x
        #: curvature of the loss along θ₁ and θ₂ (diagonal of its Hessian: 2·mean x², 2)
        self.curvatures = (2 * float(np.mean(x * x)), 2.0)
        self.x0 = np.array(self.start, dtype=float)
        self.star = np.asarray(self.ls.minima[0], dtype=float)
        self.trajs = self.runs(self.seed)
        tl, tw = self.trajs[L2], self.trajs[W]
        self.gl = self.lr * self.weight_decay
        T, K = self.steps, self.last
        # decay pull per step as a share of each coordinate. Adam + L2: λ·(γ/(√v̂+ε)) per coordinate,
        # read from the run's effective learning rate; AdamW: its decoupled decay over the coordinate.
        self.rate_l2 = self.weight_decay * np.asarray(tl.effective_lr, dtype=float)       # (T, 2), step t = row t-1
        root_v = self.root_v = np.sqrt(np.asarray(tl.state["exp_avg_sq_hat"], dtype=float))
        self.rate_l2_formula = self.gl / root_v
        self.rate_w = np.array([np.abs(decoupled_decay(tw, k) / tw.positions[k]) for k in range(T)])
        self.root_v_last = root_v[-K:].mean(axis=0)
        self.root_v_w_last = np.sqrt(np.asarray(tw.state["exp_avg_sq_hat"], dtype=float))[-K:].mean(axis=0)
        self.pull_l2 = 100 * self.rate_l2[-K:].mean(axis=0)
        self.pull_w = 100 * self.rate_w[-K:].mean(axis=0)
        self.avg = {key: t.positions[-K:].mean(axis=0) for key, t in self.trajs.items()}
        self.spread = {key: t.positions[-K:].std(axis=0) for key, t in self.trajs.items()}
        #: the same ordering of the averages for other mini-batch seeds
        self.seed_avgs = []
        for s in self.check_seeds:
            r = self.runs(s)
            self.seed_avgs.append({key: t.positions[-K:].mean(axis=0) for key, t in r.items()})
        d = self.data
        sxx, sx = float(np.mean(x * x)), float(np.mean(x))
        H = 2 * np.array([[sxx, sx], [sx, 1.0]])
        #: the minimum of f + λ/2‖θ‖²
        self.reg_min = np.linalg.solve(H + self.weight_decay * np.eye(2), H @ self.star)
        self.hessian_ok = np.allclose(d.grad(self.star + np.array([0.3, -0.2])), H @ np.array([0.3, -0.2]))
        #: AdamW at rest: ∇f/√v̂ + λθ = 0, i.e. the minimum of f + ½ Σ λ√v̂ᵢ θᵢ² (its penalty per coordinate)
        self.w_penalty = self.weight_decay * self.root_v_w_last
        self.w_pred = np.linalg.solve(H + np.diag(self.w_penalty), H @ self.star)
        #: the spread of the mini-batch gradient per coordinate, at Adam + L2's average
        self.g_spread = d.per_sample_grad(self.avg[L2]).std(axis=0) / np.sqrt(self.batch)
        #: Adam + L2's decay direction at the start after the division by the late √v̂
        self.l2_pull0 = -self.gl * self.x0 / self.root_v_last
        g0 = self.ls.grad(self.x0)
        self.grad_norm0 = float(np.linalg.norm(g0))
        self.decay_norm0 = float(np.linalg.norm(self.weight_decay * self.x0))

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        # the map fills the hero slot down to the bottom (its plot a little taller than to scale)
        self.lmap = LandscapeMap(ls, width=HERO.width - 1.1, height=HERO.height - 1.0, n_contours=10, scale="log")
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.origin = self.origin_mark(self.lmap)
        star_pt = self.lmap.c2p(*self.star)
        self.star_dot = Dot(star_pt, radius=0.09, color=TEXT)
        self.star_label = text("minimum", "label")
        self.star_label.next_to(star_pt, UP, buff=0.2)
        self.start_dot = Dot(self.lmap.c2p(*self.x0), radius=0.11, color=TEXT)
        self.start_label = text("start", "label").next_to(self.start_dot, DOWN, buff=0.15)
        # two slices through the minimum, over the same span and the same loss axis (0 to f_max)
        left = self.lmap.get_right()[0] + 0.7
        width = SAFE_RIGHT - left - 0.1
        a, b = self.star
        half = 0.5
        f_max = self.curvatures[1] * half ** 2 / 2
        self.cuts = VGroup()
        for axis, at, lo, name in ((0, b, a, "loss along \u03b8\u2081: flat"),
                                   (1, a, b, "loss along \u03b8\u2082: steep")):
            cut = CrossSection(self.ls, axis=axis, at=at, value_range=(lo - half, lo + half), width=width,
                               height=1.3, f_max=f_max, n_ticks=3)
            fr = cut.frame
            y_axis = Line(fr.get_corner(DOWN + LEFT), fr.get_corner(UP + LEFT), stroke_color=MUTED, stroke_width=2)
            head = text(name, "label")
            self.cuts.add(VGroup(head, VGroup(cut, y_axis)))
        for grp in self.cuts:
            grp[0].next_to(grp[1], UP, buff=0.3).align_to(grp[1][0].frame, LEFT)
        self.cuts.arrange(DOWN, buff=0.35, aligned_edge=RIGHT)
        self.cuts.move_to([SAFE_RIGHT - 0.1, HERO.top - 0.05, 0], aligned_edge=UP + RIGHT)

    def origin_mark(self, lmap):
        c0 = lmap.c2p(0.0, 0.0)
        cross = Cross(scale_factor=0.12, stroke_width=5, stroke_color=DECAY).move_to(c0)
        return VGroup(cross, text("0", "label", color=DECAY).next_to(cross, DOWN + LEFT, buff=0.05))

    def build_rules(self):
        """Both rules, textbook form, in the side panel beside the big map; the decay term in its colour."""
        sym = {"decay": (r"\gamma\lambda\,\theta_{t-1}", r"\lambda\,\theta_{t-1}"), "root": (r"\sqrt{\hat v_t}",)}
        th, g, lr, wd = N.params, N.grad, N.lr, N.wd
        step = rf"{lr}\,\frac{{\hat m_t}}{{\sqrt{{\hat v_t}} + {N.eps}}}"
        fs = 46
        l2_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}})", symbols=sym, font_size=fs)
        l2_a2 = UpdateRule(rf"+ {wd}\,{th}_{{t-1}}", symbols=sym, font_size=fs)
        l2_b = UpdateRule(rf"{th}_t = {th}_{{t-1}}", symbols=sym, font_size=fs)
        l2_b2 = UpdateRule(rf"- {step}", symbols=sym, font_size=fs)
        w_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}})", symbols=sym, font_size=fs)
        w_b = UpdateRule(rf"{th}_t = {th}_{{t-1}} - {lr}{wd}\,{th}_{{t-1}}", symbols=sym, font_size=fs)
        w_c = UpdateRule(rf"- {step}", symbols=sym, font_size=fs)
        for r in (l2_a2, w_b):
            r.highlight("decay", color=DECAY)
        sl = SIDE.left + 0.1
        top = HERO.top - 0.1
        cl = optimizer_color(L2)
        self.l2_title = text("Adam + L2:", "body", color=cl).move_to([sl, top, 0], aligned_edge=UP + LEFT)
        l2_a.next_to(self.l2_title, DOWN, buff=0.3).align_to(self.l2_title, LEFT)
        l2_a2.next_to(l2_a, DOWN, buff=0.12).align_to(self.l2_title, LEFT).shift(RIGHT * 0.6)
        l2_b.next_to(l2_a2, DOWN, buff=0.3).align_to(self.l2_title, LEFT)
        l2_b2.next_to(l2_b, DOWN, buff=0.12).align_to(self.l2_title, LEFT).shift(RIGHT * 0.6)
        self.l2_a, self.l2_a2, self.l2_b, self.l2_b2 = l2_a, l2_a2, l2_b, l2_b2
        self.l2_eff = VGroup(text("decay:", "label", color=cl),
                             tex(rf"\frac{{{lr}{wd}}}{{\sqrt{{\hat v_t}}}}\,{th}_{{t-1}}", "label", color=cl))
        self.l2_eff.arrange(RIGHT, buff=0.2).next_to(l2_b2, DOWN, buff=0.35).align_to(self.l2_title, LEFT)
        rv = self.root_v_last
        rv_head = text("Adam + L2's \u221av\u0302, late:", "label", color=cl)
        rv_stamp = self.stamp(f"\u03b8\u2081 {rv[0]:.2f}   \u03b8\u2082 {rv[1]:.2f}", size="label")
        rv_box = VGroup(rv_head, rv_stamp).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        rv_box = VGroup(BackgroundRectangle(rv_box, color=PANEL, fill_opacity=0.85, buff=0.1, corner_radius=0.06),
                        rv_box)
        self.rv_box = rv_box.move_to(self.lmap.c2p(-0.45, 1.35), aligned_edge=UP + LEFT)
        self.footnote = VGroup(text("m\u0302\u209c, v\u0302\u209c: averages", "label", color=MUTED),
                               text("of g\u209c and g\u209c\u00b2", "label", color=MUTED),
                               text("(chapter 9)", "label", color=MUTED))
        self.footnote.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.footnote.move_to([SIDE.left + 0.1, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)

        # AdamW's rule, stacked in the same place (the decay term and the Adam step on their own lines,
        # each in the colour of its arrow on the map)
        self.w_title = text("AdamW:", "body", color=optimizer_color(W))
        self.w_title.move_to([sl, top, 0], aligned_edge=UP + LEFT)
        w_a.next_to(self.w_title, DOWN, buff=0.4).align_to(self.w_title, LEFT)
        w_b.next_to(w_a, DOWN, buff=0.45).align_to(self.w_title, LEFT)
        w_c.next_to(w_b, DOWN, buff=0.2).align_to(w_b.part("decay"), LEFT).shift(LEFT * 0.25)
        if w_c.get_right()[0] > SAFE_RIGHT - 0.15:
            w_c.shift(LEFT * (w_c.get_right()[0] - SAFE_RIGHT + 0.15))
        self.w_a, self.w_b, self.w_c = w_a, w_b, w_c
        self.footnote2 = VGroup(text("\u03b3\u03bb\u03b8: PyTorch's form", "label", color=MUTED))
        self.footnote2.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.footnote2.move_to([SIDE.left + 0.1, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)

    def build_chart(self):
        """The side panel of the second half: the decay pull per step each coordinate gets, both runs."""
        T = self.steps
        lo, hi = 0.05, 10.0
        self.chart = StepChart(T, log_y=True, y_range=(lo, hi), width=SIDE.width - 1.05, height=3.1,
                               y_label="pull per step, %", n_x_ticks=3, font_size=SIZES["label"])
        # place by the plot frame (the axis caption above may stick out to the right)
        self.chart.shift([SAFE_RIGHT - 0.05, HERO.top - 0.55, 0] - self.chart.frame.get_corner(UP + RIGHT))
        # index 0 (before any step) shows step 1's value; values off the axis are drawn at its edge
        pad = lambda v: np.clip(100 * np.concatenate([[v[0]], v]), lo, hi)
        cl, cw = optimizer_color(L2), optimizer_color(W)
        self.s_l2 = [self.chart.add_series(pad(self.rate_l2[:, i]), cl, name=f"l2_{i}", stroke_width=4)
                     for i in range(2)]
        self.s_w = self.chart.add_series(pad(self.rate_w[:, 0]), cw, name="adamw", stroke_width=4)
        c2p = self.chart.c2p
        x_lab = self.chart.frame.get_right()[0] - 0.05
        lr, wd = N.lr, N.wd
        self.line_labels = VGroup(
            tex(rf"{N.theta1}", "label", color=cl).next_to(c2p(T, self.pull_l2[0]), UP, buff=0.1),
            tex(rf"{lr}{wd}", "label", color=cw).next_to(c2p(T, self.pull_w[0]), DOWN, buff=0.1),
            tex(rf"{N.theta2}", "label", color=cl).next_to(c2p(T, self.pull_l2[1]), DOWN, buff=0.1))
        for lab in self.line_labels:
            lab.align_to([x_lab, 0, 0], RIGHT)
        self.chart.set_progress(0)
        self.paths = {key: TrajectoryPath(t, self.lmap, key, stroke_width=2.5, dot_radius=0.08)
                      for key, t in self.trajs.items()}
        # direct names on the two paths (Adam + L2 left where it crosses theta2 = 0.5, clear of the
        # origin's mark; AdamW right where it crosses theta2 = 0)
        self.path_names = VGroup()
        for key, side, cross in ((L2, LEFT, 0.5), (W, RIGHT, 0.0)):
            pos = self.trajs[key].positions
            k = int(np.argmax(pos[:, 1] > cross))
            words = text(NAMES[key], "label", color=optimizer_color(key))
            lab = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
            self.path_names.add(lab.next_to(self.lmap.c2p(*pos[k]), side, buff=0.35))

    # ------------------------------------------------------------------ beats
    def two_pulls(self):
        self.build()
        x0 = self.x0
        self.claim("the minimum, the start and the origin are not on one line",
                   sine_between(x0, self.star) > 0.3 and sine_between(self.star - x0, -x0) > 0.3)
        h1, h2 = self.curvatures
        self.claim("the loss is far flatter along theta one (the slope) than along theta two (the intercept)",
                   20 * h1 < h2 and self.hessian_ok, f"{h1} vs {h2}")
        self.claim("the minimum is away from zero", np.all(self.star > 1.0), f"{self.star}")
        down = -self.ls.grad(x0)
        toward0 = -x0
        self.claim("at the start, downhill and toward zero point different ways",
                   sine_between(down, toward0) > 0.3, f"sin {sine_between(down, toward0):.2f}")
        self.claim("the two arrows are drawn at one length although their sizes differ a lot",
                   self.grad_norm0 > 5 * self.decay_norm0, f"{self.grad_norm0:.3g} vs {self.decay_norm0:.3g}")
        unit = 0.95
        self.down_arrow = ParamArrow(self.lmap, x0, unit * down / np.linalg.norm(down), color=DOWNHILL,
                                     label=r"-\nabla f", label_side=RIGHT)
        self.decay_arrow = ParamArrow(self.lmap, x0, unit * toward0 / np.linalg.norm(toward0), color=DECAY,
                                      label=rf"-{N.wd}\,{N.params}", label_side=LEFT)
        self.scale_note = text("directions only, not to scale", "label", color=MUTED)
        self.scale_note.move_to(self.lmap.c2p(-0.4, 2.2), aligned_edge=UP + LEFT)
        self.scale_note = VGroup(BackgroundRectangle(self.scale_note, color=PANEL, fill_opacity=0.85, buff=0.08,
                                                     corner_radius=0.06), self.scale_note)
        self.decay_arrow.label.next_to(self.decay_arrow.tip_point, LEFT, buff=0.12)
        with self.voiceover(text="Fit a line to noisy data. The loss is flat along the slope, theta one, steep "
                                 "along the intercept, theta two; its minimum is away from zero.") as tracker:
            self.set_heading("Downhill is not toward zero")
            self.play(FadeIn(self.lmap), run_time=1.0)
            self.play(FadeIn(self.cuts[0]), run_time=0.7)
            self.until(tracker, 0.4)
            self.play(FadeIn(self.cuts[1]), run_time=0.7)
            self.until(tracker, 0.7)
            self.play(FadeIn(self.star_dot), FadeIn(self.star_label), FadeIn(self.origin), run_time=0.8)
            self.play(FadeIn(self.start_dot), FadeIn(self.start_label), run_time=0.6)
        with self.voiceover(text="Weight decay adds a second pull: toward zero, not toward the minimum.") as tracker:
            self.play(GrowArrow(self.down_arrow.arrow), FadeIn(self.down_arrow.label), run_time=1.0)
            self.until(tracker, 0.25)
            self.play(GrowArrow(self.decay_arrow.arrow), FadeIn(self.decay_arrow.label), FadeIn(self.scale_note),
                      run_time=1.0)

    def l2_inside_adam(self):
        self.build_rules()
        rv = self.root_v_last
        self.claim("the root of v hat is small along the flat coordinate and large along the steep one",
                   rv[0] < 1.0 < rv[1], f"{rv}")
        pull = self.l2_pull0
        self.claim("divided by root v hat per coordinate, L2's decay no longer points at zero",
                   sine_between(pull, -self.x0) > 0.2, f"sin {sine_between(pull, -self.x0):.2f}")
        mag = self.arrow_mag
        cl = optimizer_color(L2)
        self.l2_arrow = ParamArrow(self.lmap, self.x0, pull, scale=mag, color=cl)
        self.l2_arrow_lab = text("L2 pull \u00f7 late \u221av\u0302", "label", color=cl)
        self.l2_arrow_lab.add_background_rectangle(color=PANEL, opacity=0.8, buff=0.06)
        self.l2_arrow_lab.next_to(self.l2_arrow.tip_point, DOWN, buff=0.08).shift(LEFT * 0.35)
        note = VGroup(text("one step,", "label", color=MUTED), text(f"drawn {mag:g}\u00d7 longer", "label",
                                                                    color=MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                          buff=0.08)
        note.move_to(self.lmap.c2p(-0.4, 2.2), aligned_edge=UP + LEFT)
        self.step_note = VGroup(BackgroundRectangle(note, color=PANEL, fill_opacity=0.85, buff=0.08,
                                                    corner_radius=0.06), note)
        self.to_zero = DashedLine(self.lmap.c2p(*self.x0), self.lmap.c2p(0.0, 0.0), color=DECAY, stroke_width=3,
                                  dash_length=0.12)
        box = SurroundingRectangle(self.l2_b2.part("root"), color=cl, buff=0.06, corner_radius=0.05)
        with self.voiceover(text="L2 adds lambda theta to the gradient.") as tracker:
            self.set_heading("Where the decay enters")
            self.play(FadeOut(VGroup(self.down_arrow, self.scale_note, self.cuts)), run_time=0.6)
            self.play(FadeIn(self.l2_title), FadeIn(self.l2_a), FadeIn(self.l2_a2), run_time=0.6)
            self.play(self.l2_a2.indicate("decay", color=DECAY), run_time=0.8)
        with self.voiceover(text=f"Adam divides each coordinate by its root v hat, "
                                 f"{rv[0]:.2f} and {rv[1]:.2f}: the pull no longer points at zero.") as tracker:
            self.play(FadeIn(self.l2_b), FadeIn(self.l2_b2), FadeIn(self.footnote), Create(box), run_time=0.8)
            self.play(FadeIn(self.l2_eff), run_time=0.7)
            self.until(tracker, 0.3)
            self.play(FadeIn(self.rv_box), run_time=0.6)
            self.until(tracker, 0.6)
            self.play(FadeOut(self.decay_arrow), Create(self.to_zero), GrowArrow(self.l2_arrow.arrow),
                      FadeIn(self.l2_arrow_lab),
                      FadeIn(self.step_note), run_time=1.0)
        self.rule_marks = VGroup(box)

    def adamw_decoupled(self):
        tw = self.trajs[W]
        decay = decoupled_decay(tw, 0)
        adam_part = tw.positions[1] - tw.positions[0] - decay
        mag = self.arrow_mag
        self.claim("AdamW's first step is its decay toward zero plus a plain Adam step",
                   np.allclose(decay, -self.gl * self.x0)
                   and np.allclose(np.abs(adam_part), self.lr, rtol=1e-3), f"{decay}, {adam_part}")
        self.claim("the decay part points straight at zero", sine_between(decay, -self.x0) < 1e-9
                   and np.dot(decay, -self.x0) > 0)
        a_decay = ParamArrow(self.lmap, self.x0, decay, scale=mag, color=DECAY, label=rf"-{N.lr}{N.wd}\,{N.params}",
                             label_side=UP)
        a_decay.label.next_to(a_decay.tip_point, UP + LEFT, buff=0.1)
        a_decay.label.add_background_rectangle(color=PANEL, opacity=0.9, buff=0.08)
        a_step = ParamArrow(self.lmap, self.x0 + mag * decay, adam_part, scale=mag, color=STEP)
        step_lab = text("Adam step", "label", color=STEP)
        step_lab.add_background_rectangle(color=PANEL, opacity=0.8, buff=0.06)
        step_lab.next_to(a_step.tip_point, LEFT, buff=0.15)
        l2_block = VGroup(self.l2_title, self.l2_a, self.l2_a2, self.l2_b, self.l2_b2, self.l2_eff, self.rv_box,
                          self.footnote, self.rule_marks)
        with self.voiceover(text="AdamW keeps decay out of the gradient: each step it shrinks every "
                                 "coordinate by the same gamma lambda, then takes a plain Adam step.") as tracker:
            self.play(FadeOut(l2_block), run_time=0.5)
            self.play(FadeIn(self.w_title), FadeIn(self.w_a), FadeIn(self.w_b), FadeIn(self.footnote2), run_time=0.8)
            self.until(tracker, 0.3)
            self.play(self.w_b.indicate("decay", color=DECAY), GrowArrow(a_decay.arrow), FadeIn(a_decay.label),
                      run_time=1.0)
            self.until(tracker, 0.75)
            self.play(FadeIn(self.w_c), self.w_c.tex.animate.set_color(STEP), GrowArrow(a_step.arrow),
                      FadeIn(step_lab), run_time=1.0)
        self.w_block = VGroup(self.w_title, self.w_a, self.w_b, self.w_c, self.footnote2, a_decay, a_step, step_lab,
                              self.step_note, self.l2_arrow, self.l2_arrow_lab, self.to_zero)

    def noisy_runs(self):
        self.build_chart()
        T, K = self.steps, self.last
        rv = self.root_v
        self.claim("Adam + L2's decay pull per step is gamma lambda over root v hat, per coordinate",
                   np.allclose(self.rate_l2, self.rate_l2_formula, rtol=1e-3))
        self.claim("AdamW's decay pull per step is gamma lambda on both coordinates at every step",
                   np.allclose(self.rate_w, self.gl, rtol=1e-9))
        self.claim("with noisy mini-batch gradients root v hat does not fade: over the last steps it stays "
                   "above half its value at step 50, on both coordinates",
                   np.all(rv[-K:].min(axis=0) > 0.5 * rv[49]), f"{rv[-K:].min(axis=0)} vs {rv[49]}")
        sp = self.g_spread
        ratio = sp[1] / sp[0]
        self.claim(f"theta two's mini-batch gradients swing {ratio:.0f} times more than theta one's",
                   round(ratio) >= 5, f"{sp}")
        self.claim("late in training root v hat is about the spread of the mini-batch gradient (within 10%)",
                   np.allclose(self.root_v_last, sp, rtol=0.1), f"{self.root_v_last} vs {sp}")
        pl, pw = self.pull_l2, self.pull_w
        self.claim("on average Adam + L2 pulls the flat theta one harder than AdamW and the steep theta two "
                   "far less", pl[0] > 1.3 * pw[0] and pl[1] < pw[1] / 3, f"{pl} vs {pw}")
        c2p = self.chart.c2p
        cl, cw = optimizer_color(L2), optimizer_color(W)
        s1 = self.stamp(f"{pct(pl[0])}%", size="label", color=cl)
        s2 = self.stamp(f"{pct(pl[1])}%", size="label", color=cl)
        sw = self.stamp(f"{pct(pw[0])}%", size="label", color=cw)
        x_mid = T * 0.3
        s1.next_to(c2p(x_mid, pl[0]), UP, buff=0.06)
        sw.move_to(c2p(x_mid, pw[0]))
        s2.move_to(c2p(x_mid, pl[1]))
        self.pull_stamps = VGroup(s1, s2, sw)
        lo_pt, hi_pt = c2p(T - K, self.chart.y_range[0]), c2p(T, self.chart.y_range[1])
        self.band = Rectangle(width=hi_pt[0] - lo_pt[0], height=hi_pt[1] - lo_pt[1], stroke_width=0,
                              fill_color=TEXT, fill_opacity=0.1).move_to((lo_pt + hi_pt) / 2)
        self.band_label = text(f"last {K} steps", "label", color=MUTED)
        self.band_label.next_to(self.chart, DOWN, buff=0.25).align_to([SIDE.left + 0.1, 0, 0], LEFT)
        # the noise, once: how far the mini-batch gradient swings per coordinate
        spread = VGroup(text("spread of g\u209c (B = 2):", "label", color=MUTED),
                        self.stamp(f"\u03b8\u2081 {sp[0]:.2f}  \u03b8\u2082 {sp[1]:.2g}  {ratio:.0f}\u00d7",
                                   size="label"))
        spread.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        spread.next_to(self.band_label, DOWN, buff=0.3).align_to(self.band_label, LEFT)
        self.spread_box = spread
        with self.voiceover(text=f"Train both on mini-batches of {self.batch}. Theta two's gradients swing "
                                 f"{ratio:.0f} times more than theta one's, so its root v hat stays large.") as tracker:
            self.set_heading("Noisy gradients: the pull each coordinate gets")
            self.play(FadeOut(self.w_block), run_time=0.5)
            self.play(FadeIn(self.chart), FadeIn(self.line_labels), run_time=0.8)
            self.add(*self.paths.values())
            self.play(self.chart.draw(end=T), *[p.draw(end=T) for p in self.paths.values()],
                      FadeIn(self.path_names, run_time=0.8, rate_func=lambda t: min(1.0, max(0.0, 4 * t - 0.8))),
                      FadeIn(spread, run_time=0.8, rate_func=lambda t: min(1.0, max(0.0, 4 * t - 1.5))),
                      run_time=max(1.0, tracker.duration - 1.5))
        with self.voiceover(text=f"Adam plus L2 pulls theta one by {pct(pl[0])} percent a step, theta two by only "
                                 f"{pct(pl[1])}. AdamW pulls both by {pct(pw[0])}.") as tracker:
            self.play(FadeIn(self.band), FadeIn(self.band_label), FadeIn(s1), run_time=0.5)
            self.until(tracker, 0.4)
            self.play(FadeIn(s2), run_time=0.5)
            self.until(tracker, 0.75)
            self.play(FadeIn(sw), run_time=0.5)

    def where_they_end(self):
        K = self.last
        al, aw = self.avg[L2], self.avg[W]
        sl, sw_ = self.spread[L2], self.spread[W]
        lam = self.weight_decay
        pen = self.w_penalty
        h1 = self.curvatures[0]
        self.claim("both stop far short of the minimum along theta one", max(al[0], aw[0]) < 0.5 * self.star[0])
        self.claim(f"along the flat theta one lambda outweighs the curvature ({lam / h1:.0f} times)",
                   lam > 3 * h1, f"{lam} vs {h1}")
        self.claim(f"averaged over the last {K} steps, AdamW sits nearer zero along theta two than Adam + L2",
                   0 < aw[1] < al[1] and al[1] - aw[1] > sl[1] + sw_[1], f"{al} vs {aw}")
        self.claim("the same ordering holds for every mini-batch seed checked",
                   all(a[L2][0] < a[W][0] and a[W][1] < a[L2][1] for a in self.seed_avgs),
                   f"{[(a[L2].round(2), a[W].round(2)) for a in self.seed_avgs]}")
        g_l2 = self.data.grad(al)
        self.claim("at Adam + L2's rest point the loss push and the decay pull cancel (both divided by root v hat)",
                   np.all(np.abs(g_l2 + lam * al) < 0.15 * np.abs(lam * al)), f"{g_l2} vs {lam * al}")
        self.claim("Adam + L2's average settles at the minimum of f plus lambda theta squared over 2: its penalty "
                   "is lambda on both", np.allclose(al, self.reg_min, atol=0.05), f"{al} vs {self.reg_min}")
        g_w = self.data.grad(aw)
        self.claim("at AdamW's rest point the loss push divided by root v hat balances the undivided pull",
                   np.all(np.abs(g_w / self.root_v_w_last + lam * aw) < 0.1 * np.abs(lam * aw)),
                   f"{g_w / self.root_v_w_last} vs {lam * aw}")
        self.claim("AdamW's average settles at the minimum of f plus lambda root v hat theta squared over 2 (its "
                   "measured root v hat)", np.allclose(aw, self.w_pred, atol=0.05)
                   and np.all(np.abs(aw - self.reg_min) > 0.3), f"{aw} vs {self.w_pred}")
        rv = self.root_v_w_last
        self.claim("dividing by root v hat enlarges the push along the quiet theta one and shrinks it along the "
                   "noisy theta two", rv[0] < 1.0 < rv[1], f"{rv}")
        self.claim(f"its penalties become {pen[0]:.2f} and {pen[1]:.2f}: further out on theta one "
                   f"({aw[0]:.2f} vs {al[0]:.2f}), theta two down from {al[1]:.2f} to {aw[1]:.2f}",
                   pen[0] < lam < pen[1] and aw[0] > al[0] + sl[0] + sw_[0] and self.w_pred[0] > self.reg_min[0]
                   and aw[1] < al[1] - sl[1] - sw_[1] and self.w_pred[1] < self.reg_min[1],
                   f"{pen}, {aw} vs {al}")
        self.claim("L2 inside Adam is a true lambda penalty on the loss; AdamW's fixed shrink acts like a penalty "
                   "lambda root v hat, stronger on the noisy coordinate",
                   np.allclose(al, self.reg_min, atol=0.05) and np.allclose(aw, self.w_pred, atol=0.05)
                   and self.g_spread[1] > self.g_spread[0] and pen[1] > pen[0]
                   and np.allclose(pen, lam * self.root_v_w_last), f"{pen}, {self.g_spread}")
        self.build_end()
        cl, cw = optimizer_color(L2), optimizer_color(W)
        marks, rings, table = self.avg_marks, self.rings, self.table
        chart_bits = VGroup(self.chart, self.line_labels, self.band, self.band_label, self.pull_stamps,
                            self.spread_box)
        with self.voiceover(text="Along flat theta one, lambda outweighs the curvature: both stop far short."
                            ) as tracker:
            self.set_heading(f"Where they settle (mini-batches of {self.batch})")
            self.play(FadeOut(chart_bits), FadeOut(self.path_names), run_time=0.6)
            self.play(GrowArrow(self.gap[0]), FadeIn(self.gap[1]), FadeIn(self.inset), FadeIn(self.zoom_paths),
                      FadeOut(self.start_label),
                      run_time=1.0)
            self.until(tracker, 0.6)
            self.play(Indicate(self.star_label, color=TEXT), Indicate(self.gap[1][1], color=STEP), run_time=1.0)
        with self.voiceover(text="Adam plus L2 divides push and pull alike by root v hat: that cancels, so its "
                                 "penalty is lambda on both.") as tracker:
            self.play(FadeOut(self.gap), FadeIn(self.rest[0]), run_time=0.7)
            self.until(tracker, 0.45)
            self.play(FadeIn(self.ring_head), FadeIn(self.dot_note), Create(rings[0]), FadeIn(table[0]),
                      FadeIn(table[1]), Create(table[3]), run_time=0.9)
            self.until(tracker, 0.6)
            self.settle(L2, run_time=max(0.6, tracker.get_remaining_duration() - 0.9))
        bal = self.balance
        with self.voiceover(text=f"AdamW divides only the push. Times root v hat, its penalty is "
                                 f"lambda root v hat: {pen[0]:.2f} and {pen[1]:.2f}. Theta two drops from "
                                 f"{al[1]:.2f} to {aw[1]:.2f}.") as tracker:
            self.play(ReplacementTransform(self.rest[0], self.rest[1]), FadeIn(bal["heads"]),
                      FadeIn(bal["pulls"]), FadeIn(bal["raw"]), run_time=0.8)
            self.wait(1.4)
            self.play(*[ReplacementTransform(r, s) for r, s in zip(bal["raw"], bal["scaled"])], FadeIn(bal["mults"]),
                      run_time=1.2)
            self.wait(0.9)
            self.play(FadeOut(self.balance_group), FadeIn(self.deriv), run_time=0.7)
            self.play(FadeIn(table[2]), ReplacementTransform(table[3], table[4]), Create(rings[1]), run_time=0.7)
            self.settle(W, run_time=max(0.6, tracker.get_remaining_duration() - 0.8))
        with self.voiceover(text="L2 inside Adam is a true lambda penalty; AdamW's even shrink acts like lambda "
                                 "root v hat, stronger on noisy coordinates.") as tracker:
            self.set_heading("Adam + L2: penalty \u03bb.  AdamW: \u03bb\u221av\u0302")
            self.play(Indicate(table[1], color=cl, scale_factor=1.06), run_time=1.0)
            self.until(tracker, 0.45)
            self.play(Indicate(self.deriv[0], color=cw, scale_factor=1.06), run_time=1.0)
            self.until(tracker, 0.7)
            self.play(Indicate(self.deriv[3], color=cw, scale_factor=1.08), Indicate(marks[1][0], color=cw),
                      run_time=1.0)

    def settle(self, key, run_time: float):
        """The running average of the last steps slides into the predicted ring; then its values."""
        dot, lab = self.avg_marks[0 if key == L2 else 1]
        pts = self.settle_points[key]
        dot.move_to(pts[0])
        self.play(FadeIn(dot), run_time=0.3)
        self.play(UpdateFromAlphaFunc(dot, lambda m, a: m.move_to(pts[min(len(pts) - 1, int(a * (len(pts) - 1)))])),
                  run_time=run_time, rate_func=lambda t: t)
        self.play(FadeIn(lab), run_time=0.5)


    def build_end(self):
        """The end: hollow rings where each should settle, the averages sliding into them, the balance at
        rest and AdamW's push per coordinate in the side panel, the penalty per coordinate below."""
        cl, cw = optimizer_color(L2), optimizer_color(W)
        K = self.last
        # the ending's action is a few pixels on the big map: a zoomed second map over its empty lower right
        (zx0, zx1), (zy0, zy1) = self.zoom_box
        self.inset = MapInset(self.lmap, center=((zx0 + zx1) / 2, (zy0 + zy1) / 2), half_width=(zx1 - zx0) / 2,
                              half_height=(zy1 - zy0) / 2, width=4.4, color=TEXT, n_contours=10)
        fr = self.lmap.frame
        self.inset.move_map_to(fr.get_corner(DOWN + RIGHT) + np.array([-0.08, 0.08, 0]), aligned_edge=DOWN + RIGHT)
        self.zoom_paths = VGroup()
        for key in (L2, W):
            zp = self.inset.path(self.trajs[key], key, markers=False, stroke_width=2, dot_radius=0.0)
            zp.show_all()
            zp.set_stroke(opacity=0.45)
            self.zoom_paths.add(zp)
        lm = self.inset.map
        marks = VGroup()
        self.settle_points, ends = {}, {}
        for key, col, side in ((L2, cl, UP), (W, cw, DOWN)):
            a = self.avg[key]
            p = lm.c2p(*a)
            dot = Dot(p, radius=0.16, color=col, stroke_color="#000000", stroke_width=3)
            words = text(f"{'L2' if key == L2 else 'AdamW'} ({a[0]:.2f}, {a[1]:.2f})", "label", color=col)
            lab = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
            lab.next_to(dot, side, buff=0.4)
            if key == L2:
                lab.align_to(lm.frame, LEFT).shift(RIGHT * 0.1)
            else:
                lab.align_to(lm.frame, RIGHT).shift(LEFT * 0.1)
            marks.add(VGroup(dot, lab))
            # the running average of the last K steps: from step T-K+1 on, it settles at the average
            late = self.trajs[key].positions[-K:]
            run_avg = np.cumsum(late, axis=0) / np.arange(1, len(late) + 1)[:, None]
            self.settle_points[key] = [lm.c2p(*np.clip(q, (zx0, zy0), (zx1, zy1))) for q in run_avg]
            ends[key] = run_avg[-1]
        self.claim("the running average of the last steps ends at the average shown",
                   all(np.allclose(ends[k], self.avg[k]) for k in (L2, W)))
        self.avg_marks = marks
        note = VGroup(*[text(w, "label", color=MUTED) for w in ("\u25cf = mean", "of the last", f"{K} steps")])
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        note = VGroup(BackgroundRectangle(note, color=PANEL, fill_opacity=0.85, buff=0.1, corner_radius=0.06), note)
        self.dot_note = note.move_to(self.lmap.c2p(self.bounds[0][0] + 0.08, self.bounds[1][0] + 0.08),
                                     aligned_edge=DOWN + LEFT)
        self.rings = VGroup(*[Dot(lm.c2p(*pt), radius=0.3, fill_opacity=0, stroke_color=TEXT, stroke_width=4)
                              for pt in (self.reg_min, self.w_pred)])
        # the gap along theta one: from the runs to the minimum; lambda against the curvature along theta one
        lm = self.lmap
        y_gap = self.star[1]
        x_from = zx1 + 0.1
        arrow = Arrow(lm.c2p(x_from, y_gap), lm.c2p(self.star[0] - 0.15, y_gap), buff=0, color=TEXT, stroke_width=5,
                      max_tip_length_to_length_ratio=0.08)
        lam, h1 = self.weight_decay, self.curvatures[0]
        words = VGroup(text("far short along \u03b8\u2081:", "label", color=TEXT),
                       text(f"\u03bb = {lam / h1:.0f}\u00d7 its curvature", "label", color=TEXT))
        words.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        words = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
        words.next_to(arrow, DOWN, buff=0.12).align_to(lm.frame, RIGHT).shift(LEFT * 0.1)
        self.gap = VGroup(arrow, words)
        x0 = SIDE.left + 0.1
        top = HERO.top - 0.1
        # the balance at rest, at the top of the side panel (L2's, then AdamW's in its place)
        rest = VGroup(tex(r"\frac{\nabla f + \lambda\theta}{\sqrt{\hat v_t}} = 0", "label", color=cl),
                      tex(r"\frac{\nabla f}{\sqrt{\hat v_t}} + \lambda\theta = 0", "label", color=cw))
        self.rest = VGroup(*[VGroup(BackgroundRectangle(eq, color=PANEL, fill_opacity=0.9, buff=0.12,
                                                        corner_radius=0.08), eq) for eq in rest])
        for r in self.rest:
            r.move_to([x0, top, 0], aligned_edge=UP + LEFT)
        # AdamW's balance per coordinate at its average: the push -∇f, then divided by AdamW's measured √v̂
        # (×1/√v̂: larger along θ₁, smaller along θ₂), against the pull -λθ (arrows to one scale)
        aw, rv = self.avg[W], self.root_v_w_last
        push = -self.data.grad(aw)
        pull = -lam * aw
        scaled = push / rv
        x_c = x0 + 0.85
        unit = (SAFE_RIGHT - 0.1 - x_c) / float(np.max(np.abs(push)))
        heads, raws, scs, pulls, mults = VGroup(), VGroup(), VGroup(), VGroup(), VGroup()
        y = self.rest.get_bottom()[1] - 0.2
        for i, sub in enumerate(("\u2081", "\u2082")):
            head = VGroup(text(f"\u03b8{sub}  \u221av\u0302\u209c {rv[i]:.2f}", "label", color=cw),
                          text(f"\u00d7{1 / rv[i]:.2g}", "label", color=DOWNHILL)).arrange(RIGHT, buff=0.3)
            head.move_to([x0, y, 0], aligned_edge=UP + LEFT)
            ya = head.get_bottom()[1] - 0.25
            mk = lambda v, col, w=10: Arrow([x_c, ya, 0], [x_c + unit * v, ya, 0], buff=0, color=col, stroke_width=w,
                                           max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=40)
            raws.add(mk(push[i], GHOST))
            scs.add(mk(scaled[i], DOWNHILL))
            pulls.add(mk(pull[i], DECAY))
            heads.add(head[0])
            mults.add(head[1])
            y = ya - 0.3
        self.claim("AdamW's push divided by its measured root v hat matches its pull on each coordinate "
                   "(arrows drawn to one scale)", np.allclose(scaled, -pull, rtol=0.1) and np.all(push > 0)
                   and np.all(pull < 0), f"{scaled} vs {pull}")
        key = VGroup(text("push \u2212\u2207f", "label", color=DOWNHILL),
                     text("pull \u2212\u03bb\u03b8", "label", color=DECAY)).arrange(RIGHT, buff=0.3)
        key.next_to(pulls[-1], DOWN, buff=0.2).align_to([x0, 0, 0], LEFT)
        heads.add(key)
        self.balance = {"heads": heads, "raw": raws, "scaled": scs, "pulls": pulls, "mults": mults}
        self.balance_group = VGroup(heads, scs, pulls, mults)
        # the balance times √v̂: AdamW's penalty per coordinate, λ√v̂ₜ (in place of the arrows)
        pen = self.w_penalty
        self.claim("AdamW's penalties are lambda times its measured root v hat, as written (rounded)",
                   all(abs(round(lam * round(rv[i], 2), 2) - round(pen[i], 2)) <= 0.011 for i in range(2)),
                   f"{rv}, {pen}")
        self.deriv = VGroup(tex(r"\nabla f + \lambda\sqrt{\hat v_t}\,\theta = 0", "label", color=cw),
                            text("penalty \u03bb\u221av\u0302\u209c:", "label", color=MUTED),
                            text(f"\u03b8\u2081 {lam:g}\u00d7{rv[0]:.2f}={pen[0]:.2f}", "label", color=cw),
                            text(f"\u03b8\u2082 {lam:g}\u00d7{rv[1]:.2f}={pen[1]:.2f}", "label", color=cw))
        self.deriv.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        self.deriv.next_to(self.rest, DOWN, buff=0.2).align_to([x0, 0, 0], LEFT)
        # what each settles at (the ring): the same form, its own penalty per coordinate
        self.ring_head = VGroup(text("\u25cb = minimum of", "label", color=MUTED),
                                text("f + \u03a3 penalty\u00b7\u03b8\u1d62\u00b2/2", "label", color=MUTED))
        self.ring_head.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        # the penalty per coordinate, one row per run
        pen = self.w_penalty
        head = VGroup(text("penalty", "label", color=MUTED), text("\u03b8\u2081", "label", color=MUTED),
                      text("\u03b8\u2082", "label", color=MUTED))
        row_l2 = VGroup(text("L2", "label", color=cl), text(f"{lam:g}", "label", color=cl),
                        text(f"{lam:g}", "label", color=cl))
        row_w = VGroup(text("AdamW", "label", color=cw), text(f"{pen[0]:.2f}", "label", color=cw),
                       text(f"{pen[1]:.2f}", "label", color=cw))
        cols = (0.0, 1.9, 3.0)
        for r, row in enumerate((head, row_l2, row_w)):
            for c, cell in enumerate(row):
                cell.move_to([x0 + cols[c], 0, 0], aligned_edge=LEFT).set_y(-0.48 * r)
        rows = VGroup(head, row_l2, row_w)
        rows.move_to([x0, SAFE_BOTTOM + 0.15, 0], aligned_edge=DOWN + LEFT)
        self.ring_head.next_to(rows, UP, buff=0.2).align_to(rows, LEFT)
        lit = [SurroundingRectangle(row, color=col, buff=0.08, corner_radius=0.06) for row, col in
               ((row_l2, cl), (row_w, cw))]
        for box in lit:
            box.stretch_to_fit_width(rows.width + 0.16).align_to(rows, LEFT).shift(LEFT * 0.08)
        self.table = VGroup(head, row_l2, row_w, lit[0], lit[1])

    def caption(self):
        """The settings, in the side panel under the per-step table."""
        lines = VGroup(text(f"\u03b3 {self.lr:g} \u00b7 \u03bb {self.weight_decay:g} \u00b7 B {self.batch}", "label",
                            color=MUTED),
                       text(f"{self.steps} steps", "label", color=MUTED)).arrange(DOWN, aligned_edge=RIGHT, buff=0.1)
        lines = VGroup(BackgroundRectangle(lines, color=PANEL, fill_opacity=0.85, buff=0.08, corner_radius=0.06),
                       lines)
        return lines.next_to(self.inset.map.frame, UP, buff=0.06).align_to(self.lmap.frame, RIGHT).shift(LEFT * 0.1)
