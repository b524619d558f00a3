"""Chapter 10: AdamW and weight decay. On a bowl that is flat along θ₁ and steep along θ₂, with its
minimum away from zero, L2 regularisation inside Adam passes through Adam's division by √v̂: each
coordinate is decayed by γλ/√v̂ₜ per step, so the decay it gets depends on its gradient history (hard along
the flat θ₁, hardly at all along the steep θ₂). AdamW shrinks every coordinate by the same γλ. The second
half charts that decay per step, per coordinate, in step with both runs on a map; Adam + L2 ends at the
minimum of f + λ/2‖θ‖²; AdamW is still moving (in this noise-free bowl it ends at the minimum itself).

Render: ``manim -ql scenes/ch10_adamw.py AdamWAndWeightDecay``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    BackgroundRectangle,
    Create,
    Cross,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Group,
    Indicate,
    Line,
    MathTex,
    SurroundingRectangle,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import decoupled_decay, l2_split, settle_step
from optim_core.landscapes import Landscape
from scenes.kit import (
    HERO,
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
    text,
)
from scenes.kit.cross_section import CrossSection
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT
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
def offset_bowl(h1: float, h2: float, centre) -> Landscape:
    """f = h1/2 (θ₁ − a)² + h2/2 (θ₂ − b)²: flat along θ₁, steep along θ₂, minimum at (a, b)."""
    a, b = (float(c) for c in centre)

    def f(p):
        return 0.5 * h1 * (p[..., 0] - a) ** 2 + 0.5 * h2 * (p[..., 1] - b) ** 2

    def grad(p):
        out = np.empty(np.shape(p))
        out[..., 0] = h1 * (p[..., 0] - a)
        out[..., 1] = h2 * (p[..., 1] - b)
        return out

    return Landscape("offset_bowl", f, grad, ((-0.6, 3.8), (-1.4, 2.0)), title="flat \u03b8\u2081, steep \u03b8\u2082",
                     latex=rf"f(\theta) = {h1 / 2:g}(\theta_1 - {a:g})^2 + {h2 / 2:g}(\theta_2 - {b:g})^2",
                     minima=[(a, b)], f_min=0.0)


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
                   "depends on its gradient history: strong where gradients are small, weak where they are large; "
                   "AdamW shrinks every coordinate by the same \u03b3\u03bb per step.")
    on_grammar = True

    curvatures = (0.1, 10.0)         # flat θ₁, steep θ₂
    minimum = (3.0, 1.5)
    start = (0.5, -1.0)
    lr = 0.05
    weight_decay = 0.2
    steps = 150
    #: the step whose decay is read off per coordinate (1-based): late enough that √v̂ is an average
    #: over a gradient history (at step 1 Adam's step is a sign step), and late enough that θ₂ is no
    #: longer crossing zero, so the L2 part of the actual step (l2_split) matches γλ/√v̂ within 10%
    k_read = 80
    #: a long AdamW run: where it ends in this noise-free bowl
    long_steps = 20000

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.two_pulls, self.l2_inside_adam, self.adamw_decoupled, self.decay_over_time,
                        self.where_they_end)
        self.final_hold(self.caption(), seconds=2.2)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = offset_bowl(*self.curvatures, self.minimum)
        x0 = self.x0 = np.array(self.start, dtype=float)
        self.star = np.array(self.minimum, dtype=float)
        hp = dict(lr=self.lr, weight_decay=self.weight_decay)
        self.opts = {L2: oc.optimizer("adam", **hp), W: oc.optimizer("adamw", **hp)}
        self.trajs = {key: oc.run(o, ls, x0, steps=self.steps) for key, o in self.opts.items()}
        tl, tw = self.trajs[L2], self.trajs[W]
        self.gl = self.lr * self.weight_decay
        T = self.steps
        # decay per step as a share of each coordinate. Adam + L2: λ·(γ/(√v̂+ε)) per coordinate, read
        # from the run's effective learning rate; AdamW: its decoupled decay over the coordinate.
        self.rate_l2 = self.weight_decay * np.asarray(tl.effective_lr, dtype=float)       # (T, 2), step t = row t-1
        root_v = np.sqrt(np.asarray(tl.state["exp_avg_sq_hat"], dtype=float))
        self.rate_l2_formula = self.gl / root_v
        self.rate_w = np.array([np.abs(decoupled_decay(tw, k) / tw.positions[k]) for k in range(T)])
        # the measured L2 decay part of the step (analysis.l2_split) at the read-off step, in % of θ
        k = self.k_read - 1
        _, d_l2 = l2_split(tl, k)
        self.split_measured = 100 * np.abs(d_l2 / tl.positions[k])
        self.read_l2 = 100 * self.rate_l2[k]
        self.read_w = 100 * self.rate_w[k]
        self.root_v_read = root_v[k]
        self.end = {key: t.positions[-1] for key, t in self.trajs.items()}
        h = np.array(self.curvatures)
        #: the minimum of f + λ/2‖θ‖² (where plain gradient descent with L2 stops as well)
        self.reg_min = h * self.star / (h + self.weight_decay)
        self.w_last_move = float(np.linalg.norm(tw.positions[-1] - tw.positions[-2]))
        self.l2_last_move = float(np.linalg.norm(tl.positions[-1] - tl.positions[-2]))
        self.l2_settle = max(settle_step(tl.positions[:, i], tl.positions[-1, i], tol=0.02) or T
                             for i in range(2))
        self.w_long = oc.run(oc.optimizer("adamw", **hp), ls, x0, steps=self.long_steps)
        self.w_long_gap = float(np.linalg.norm(self.w_long.positions[-1] - self.star))
        g0 = ls.grad(x0)
        self.grad_norm0 = float(np.linalg.norm(g0))
        self.decay_norm0 = float(np.linalg.norm(self.weight_decay * x0))

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=HERO.width - 1.1, n_contours=10, scale="log")
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.origin = self.origin_mark(self.lmap)
        star_pt = self.lmap.c2p(*self.star)
        self.star_label = text(f"minimum ({self.star[0]:g}, {self.star[1]:g})", "label")
        self.star_label.next_to(star_pt, UP, buff=0.2).shift(LEFT * 0.6)
        self.start_dot = Dot(self.lmap.c2p(*self.x0), radius=0.11, color=TEXT)
        self.start_label = text("start", "label").next_to(self.start_dot, DOWN, buff=0.15)
        # two slices through the minimum, over the same span and the same loss axis (0 to f_max)
        left = self.lmap.get_right()[0] + 0.75
        width = SAFE_RIGHT - left - 0.1
        a, b = self.star
        half = 0.6
        f_max = self.curvatures[1] * half ** 2 / 2
        self.cuts = VGroup()
        for axis, at, lo, name in ((0, b, a, "loss along \u03b8\u2081: flat"),
                                   (1, a, b, "loss along \u03b8\u2082: steep")):
            cut = CrossSection(self.ls, axis=axis, at=at, value_range=(lo - half, lo + half), width=width,
                               height=1.1, f_max=f_max, n_ticks=3)
            fr = cut.frame
            y_axis = Line(fr.get_corner(DOWN + LEFT), fr.get_corner(UP + LEFT), stroke_color=MUTED, stroke_width=2)
            t0 = text("0", "small", color=MUTED).next_to(fr.get_corner(DOWN + LEFT), LEFT, buff=0.1)
            t1 = text(f"{f_max:g}", "small", color=MUTED).next_to(fr.get_corner(UP + LEFT), LEFT, buff=0.1)
            head = text(name, "label")
            self.cuts.add(VGroup(head, VGroup(cut, y_axis, t0, t1)))
        for grp in self.cuts:
            grp[0].next_to(grp[1], UP, buff=0.3).align_to(grp[1][0].frame, LEFT)
        self.cuts.arrange(DOWN, buff=0.35, aligned_edge=RIGHT)
        self.cuts.move_to([SAFE_RIGHT - 0.1, HERO.top - 0.05, 0], aligned_edge=UP + RIGHT)
        # the small map in the side panel, same colours as the big one
        self.smap = LandscapeMap(self.ls, width=SAFE_RIGHT - HERO.right - 1.0, n_contours=10, scale="log",
                                 value_scale=self.lmap.value_scale)
        self.smap.move_to([SAFE_RIGHT, HERO.top - 0.05, 0], aligned_edge=UP + RIGHT)
        self.s_origin = self.origin_mark(self.smap)
        self.s_star = Dot(self.smap.c2p(*self.star), radius=0.07, color=TEXT)
        self.s_start = Dot(self.smap.c2p(*self.x0), radius=0.07, color=TEXT)
        self.small = Group(self.smap, self.s_origin, self.s_star, self.s_start)

    def origin_mark(self, lmap):
        c0 = lmap.c2p(0.0, 0.0)
        cross = Cross(scale_factor=0.12, stroke_width=5, stroke_color=DECAY).move_to(c0)
        return VGroup(cross, text("0", "label", color=DECAY).next_to(cross, DOWN + LEFT, buff=0.05))

    def build_rules(self):
        """Both rules, textbook form, in the side panel; the decay term in its colour where it enters."""
        sym = {"decay": (r"\gamma\lambda\,\theta_{t-1}", r"\lambda\,\theta_{t-1}"), "root": (r"\sqrt{\hat v_t}",)}
        th, g, lr, wd = N.params, N.grad, N.lr, N.wd
        step = rf"{lr}\,\frac{{\hat m_t}}{{\sqrt{{\hat v_t}} + {N.eps}}}"
        fs = 46
        l2_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}}) + {wd}\,{th}_{{t-1}}", symbols=sym, font_size=fs)
        l2_b = UpdateRule(rf"{th}_t = {th}_{{t-1}} - {step}", symbols=sym, font_size=fs)
        w_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}})", symbols=sym, font_size=fs)
        w_b = UpdateRule(rf"{th}_t = {th}_{{t-1}} - {lr}{wd}\,{th}_{{t-1}}", symbols=sym, font_size=fs)
        w_c = UpdateRule(rf"- {step}", symbols=sym, font_size=fs)
        for r in (l2_a, w_b):
            r.highlight("decay", color=DECAY)
        left = HERO.left + 0.1
        top = HERO.top - 0.1
        self.l2_title = VGroup(text("Adam + L2:", "body", color=optimizer_color(L2)),
                               text("the penalty joins the gradient", "label", color=optimizer_color(L2)))
        self.l2_title.arrange(DOWN, aligned_edge=LEFT, buff=0.1).move_to([left, top, 0], aligned_edge=UP + LEFT)
        l2_a.next_to(self.l2_title, DOWN, buff=0.45).align_to(self.l2_title, LEFT)
        l2_b.next_to(l2_a, DOWN, buff=0.5).align_to(self.l2_title, LEFT)
        self.l2_a, self.l2_b = l2_a, l2_b
        self.l2_eff_head = text("decay per step, per coordinate:", "label", color=DECAY)
        self.l2_eff_head.next_to(l2_b, DOWN, buff=0.45).align_to(self.l2_title, LEFT)
        self.l2_eff = UpdateRule(rf"\frac{{{lr}{wd}}}{{\sqrt{{\hat v_t}}}}\,{th}_{{t-1}}", font_size=fs)
        self.l2_eff.tex.set_color(DECAY)
        self.l2_eff.next_to(self.l2_eff_head, DOWN, buff=0.25).align_to(self.l2_title, LEFT)
        self.l2_note = VGroup(text("small \u221av\u0302: strong pull", "label"),
                              text("large \u221av\u0302: weak pull", "label")).arrange(DOWN, aligned_edge=LEFT,
                                                                                     buff=0.1)
        self.l2_note.next_to(self.l2_eff, RIGHT, buff=0.35)
        self.footnote = text("m\u0302\u209c, v\u0302\u209c: Adam's averages of g\u209c and g\u209c\u00b2 "
                             "(chapter 9)", "small", color=MUTED)
        self.footnote.move_to([left, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)

        self.w_title = VGroup(text("AdamW:", "body", color=optimizer_color(W)),
                              text("the decay stays out of the gradient", "label", color=optimizer_color(W)))
        self.w_title.arrange(DOWN, aligned_edge=LEFT, buff=0.1).move_to([left, top, 0], aligned_edge=UP + LEFT)
        w_a.next_to(self.w_title, DOWN, buff=0.45).align_to(self.w_title, LEFT)
        w_b.next_to(w_a, DOWN, buff=0.5).align_to(self.w_title, LEFT)
        w_c.next_to(w_b, RIGHT, buff=0.2)
        self.w_a, self.w_b, self.w_c = w_a, w_b, w_c
        self.w_eff_head = text("decay per step, every coordinate:", "label", color=DECAY)
        self.w_eff_head.next_to(VGroup(w_b, w_c), DOWN, buff=0.7).align_to(self.w_title, LEFT)
        self.w_eff = UpdateRule(rf"{lr}{wd}\,{th}_{{t-1}}", font_size=fs)
        self.w_eff.tex.set_color(DECAY)
        self.w_eff.next_to(self.w_eff_head, DOWN, buff=0.25).align_to(self.w_title, LEFT)
        self.footnote2 = text("\u03b3\u03bb\u03b8: PyTorch's form; the AdamW paper decays by \u03bb\u03b8",
                              "small", color=MUTED)
        self.footnote2.move_to([left, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)

    def build_chart(self):
        """The hero of the second half: the decay per step each coordinate gets, in step with a small map."""
        T = self.steps
        self.chart = StepChart(T, log_y=True, y_range=(0.01, 100.0), width=HERO.width - 1.9, height=4.6,
                               y_label="decay per step, % of \u03b8\u1d62")
        self.chart.move_to([HERO.left + 0.2, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)
        pad = lambda v: 100 * np.concatenate([[v[0]], v])    # index 0 (before any step) shows step 1's value
        cl, cw = optimizer_color(L2), optimizer_color(W)
        self.s_l2 = [self.chart.add_series(pad(self.rate_l2[:, i]), cl, name=f"l2_{i}", stroke_width=5)
                     for i in range(2)]
        self.s_w = self.chart.add_series(pad(self.rate_w[:, 0]), cw, name="adamw", stroke_width=5)
        fr = self.chart.frame
        x_lab = fr.get_right()[0] - 0.1
        c2p = self.chart.c2p
        self.line_labels = VGroup(
            text("Adam + L2, \u03b8\u2081 (flat)", "label", color=cl).next_to(c2p(T, 100 * self.rate_l2[-1, 0]), DOWN,
                                                                           buff=0.2),
            text("AdamW, \u03b8\u2081 and \u03b8\u2082", "label", color=cw).next_to(c2p(T, 100 * self.rate_w[-1, 0]), UP,
                                                                                 buff=0.2),
            text("Adam + L2, \u03b8\u2082 (steep)", "label", color=cl).next_to(c2p(T, 100 * self.rate_l2[-1, 1]), UP,
                                                                            buff=0.2))
        for lab in self.line_labels:
            lab.align_to([x_lab, 0, 0], RIGHT)
        self.chart.set_progress(0)
        self.paths = {key: TrajectoryPath(t, self.smap, key, stroke_width=4, dot_radius=0.08)
                      for key, t in self.trajs.items()}

    # ------------------------------------------------------------------ beats
    def two_pulls(self):
        self.build()
        x0 = self.x0
        self.claim("the minimum, the start and the origin are not on one line",
                   sine_between(x0, self.star) > 0.3 and sine_between(self.star - x0, -x0) > 0.3)
        h1, h2 = self.curvatures
        self.claim("the loss is far flatter along theta one than along theta two", 20 * h1 < h2, f"{h1} vs {h2}")
        down = -self.ls.grad(x0)
        toward0 = -x0
        self.claim("at the start, downhill and toward zero point different ways",
                   sine_between(down, toward0) > 0.3, f"sin {sine_between(down, toward0):.2f}")
        self.claim("the two arrows are drawn at one length although their sizes differ a lot",
                   self.grad_norm0 > 10 * self.decay_norm0, f"{self.grad_norm0:.3g} vs {self.decay_norm0:.3g}")
        unit = 0.95
        self.down_arrow = ParamArrow(self.lmap, x0, unit * down / np.linalg.norm(down), color=DOWNHILL,
                                     label=r"-\nabla f", label_side=RIGHT)
        self.decay_arrow = ParamArrow(self.lmap, x0, unit * toward0 / np.linalg.norm(toward0), color=DECAY,
                                      label=rf"-{N.wd}\,{N.params}", label_side=LEFT)
        self.scale_note = text("directions only, not to scale", "small", color=MUTED)
        self.scale_note.move_to(self.lmap.c2p(1.25, -1.25), aligned_edge=LEFT)
        with self.voiceover(text="This loss is flat along theta one and steep along theta two, and its minimum "
                                 "is away from zero.") as tracker:
            self.set_heading("Downhill is not toward zero")
            self.play(FadeIn(self.lmap), run_time=1.0)
            self.play(FadeIn(self.cuts[0]), run_time=0.7)
            self.until(tracker, 0.4)
            self.play(FadeIn(self.cuts[1]), run_time=0.7)
            self.until(tracker, 0.7)
            self.play(FadeIn(self.star_label), FadeIn(self.origin), run_time=0.8)
            self.play(FadeIn(self.start_dot), FadeIn(self.start_label), run_time=0.6)
        with self.voiceover(text="Weight decay adds a second pull, to keep the weights small: toward zero, "
                                 "not toward the minimum.") as tracker:
            self.play(GrowArrow(self.down_arrow.arrow), FadeIn(self.down_arrow.label), run_time=1.0)
            self.until(tracker, 0.25)
            self.play(GrowArrow(self.decay_arrow.arrow), FadeIn(self.decay_arrow.label), FadeIn(self.scale_note),
                      run_time=1.0)

    def l2_inside_adam(self):
        self.build_rules()
        self.claim("the root of v hat is small along the flat coordinate and large along the steep one",
                   self.root_v_read[0] < 1.0 < self.root_v_read[1])
        with self.voiceover(text="The textbook way, L2, adds lambda theta to the gradient.") as tracker:
            self.set_heading("Where the decay enters")
            big = Group(self.lmap, self.origin, self.star_label, self.start_dot, self.start_label, self.down_arrow,
                         self.decay_arrow, self.scale_note, self.cuts)
            self.play(FadeOut(big), FadeIn(self.small), run_time=0.7)
            self.play(FadeIn(self.l2_title), FadeIn(self.l2_a), run_time=0.7)
            self.play(self.l2_a.indicate("decay", color=DECAY), run_time=1.0)
        box = SurroundingRectangle(self.l2_b.part("root"), color=DECAY, buff=0.06, corner_radius=0.05)
        with self.voiceover(text="Adam then divides it by root v hat, coordinate by coordinate: the decay is "
                                 "strong where gradients are small, weak where they are large.") as tracker:
            self.play(FadeIn(self.l2_b), FadeIn(self.footnote), run_time=0.8)
            self.play(Create(box), run_time=0.8)
            self.until(tracker, 0.35)
            self.play(FadeIn(self.l2_eff_head), FadeIn(self.l2_eff), run_time=0.8)
            self.until(tracker, 0.6)
            self.play(FadeIn(self.l2_note), run_time=0.8)
        self.rule_marks = VGroup(box)

    def adamw_decoupled(self):
        step_glyphs = self.w_c.tex
        step_label = text("\u2191 Adam step", "small", color=STEP).next_to(self.w_c, DOWN, buff=0.12)
        l2_block = VGroup(self.l2_title, self.l2_a, self.l2_b, self.l2_eff_head, self.l2_eff, self.l2_note,
                          self.footnote, self.rule_marks)
        with self.voiceover(text="AdamW keeps the decay out of the gradient. Each step it shrinks every "
                                 "coordinate by the same gamma lambda, then takes a plain Adam step on the "
                                 "loss.") as tracker:
            self.play(FadeOut(l2_block), run_time=0.5)
            self.play(FadeIn(self.w_title), FadeIn(self.w_a), run_time=0.8)
            self.play(FadeIn(self.w_b), FadeIn(self.w_c), FadeIn(self.footnote2), run_time=0.8)
            self.play(self.w_b.indicate("decay", color=DECAY), run_time=1.0)
            self.play(FadeIn(self.w_eff_head), FadeIn(self.w_eff), run_time=0.8)
            self.until(tracker, 0.72)
            self.play(step_glyphs.animate.set_color(STEP), FadeIn(step_label), run_time=0.8)
        self.w_block = VGroup(self.w_title, self.w_a, self.w_b, self.w_c, self.w_eff_head, self.w_eff,
                              self.footnote2, step_label)

    def decay_over_time(self):
        self.build_chart()
        k, T = self.k_read, self.steps
        rl, rw = self.read_l2, self.read_w
        self.claim("Adam + L2's decay per step is gamma lambda over root v hat, per coordinate",
                   np.allclose(self.rate_l2, self.rate_l2_formula, rtol=1e-3))
        self.claim("AdamW's decay per step is gamma lambda on both coordinates at every step",
                   np.allclose(self.rate_w, self.gl, rtol=1e-9))
        self.claim(f"at step {k} the L2 part of the actual step matches gamma lambda over root v hat",
                   np.all(np.abs(self.split_measured / rl - 1) < 0.1), f"{self.split_measured} vs {rl}")
        self.claim(f"at step {k} L2 decays the flat coordinate far harder than AdamW", rl[0] > 5 * rw[0])
        self.claim(f"at step {k} L2 decays the steep coordinate far less than AdamW", rl[1] < rw[1] / 5)
        self.claim("as theta one's gradients fade, its L2 decay keeps growing",
                   self.rate_l2[-1, 0] > 2 * self.rate_l2[19, 0]
                   and np.all(np.diff(self.rate_l2[19:, 0]) > -1e-9), f"{self.rate_l2[[19, -1], 0]}")
        self.claim("the steep coordinate's L2 decay stays below AdamW's all run", np.all(self.rate_l2[:, 1] < self.gl))
        self.claim("the flat coordinate's L2 decay stays above AdamW's all run", np.all(self.rate_l2[:, 0] > self.gl))
        c2p = self.chart.c2p
        marker = DashedLine(c2p(k, 100.0), c2p(k, 0.01), stroke_color=MUTED, stroke_width=2)
        marker_label = text(f"step {k}", "label", color=MUTED).next_to(c2p(k, 100.0), DOWN + LEFT, buff=0.1)
        s1 = self.stamp(f"{pct(rl[0])}%", size="label", color=optimizer_color(L2))
        s1.next_to(c2p(k, 100 * self.rate_l2[k - 1, 0]), DOWN + RIGHT, buff=0.1)
        sw = self.stamp(f"{pct(rw[0])}%", size="label", color=optimizer_color(W))
        sw.next_to(c2p(k, 100 * self.rate_w[k - 1, 0]), DOWN + RIGHT, buff=0.1)
        s2 = self.stamp(f"{pct(rl[1])}%", size="label", color=optimizer_color(L2))
        s2.next_to(c2p(k, 100 * self.rate_l2[k - 1, 1]), DOWN + RIGHT, buff=0.1)
        with self.voiceover(text="Now run both, and watch the decay each coordinate actually gets, step by "
                                 "step.") as tracker:
            self.set_heading("The decay each coordinate gets")
            self.play(FadeOut(self.w_block), run_time=0.5)
            self.play(FadeIn(self.chart), FadeOut(self.s_start), run_time=0.6)
            self.add(*self.paths.values())
            self.play(self.chart.draw(end=k), *[p.draw(end=k) for p in self.paths.values()],
                      run_time=max(1.0, tracker.duration - 1.6))
        with self.voiceover(text=f"At step {k}, L2 takes {pct(rl[0])} percent of the flat theta one, but only "
                                 f"{pct(rl[1])} percent of the steep theta two. AdamW takes {pct(rw[0])} percent "
                                 "of each.") as tracker:
            self.play(Create(marker), FadeIn(marker_label), run_time=0.5)
            self.until(tracker, 0.15)
            self.play(FadeIn(s1), run_time=0.5)
            self.until(tracker, 0.45)
            self.play(FadeIn(s2), run_time=0.5)
            self.until(tracker, 0.75)
            self.play(FadeIn(sw), run_time=0.5)
        with self.voiceover(text="As theta one's gradients fade, root v hat shrinks, and its decay keeps "
                                 "growing.") as tracker:
            self.play(FadeOut(VGroup(s1, s2, sw, marker, marker_label)), run_time=0.4)
            self.play(self.chart.draw(end=T), *[p.draw(end=T) for p in self.paths.values()],
                      run_time=max(1.0, tracker.duration - 1.2))
            self.play(FadeIn(self.line_labels), run_time=0.6)

    def where_they_end(self):
        T = self.steps
        el = self.end[L2]
        self.claim("Adam + L2 has stopped by the last step", self.l2_settle < T and self.l2_last_move < 1e-3,
                   f"settle {self.l2_settle}, last move {self.l2_last_move:.2g}")
        self.claim("Adam + L2 stops at the minimum of f plus the penalty", np.allclose(el, self.reg_min, atol=0.01),
                   f"{el} vs {self.reg_min}")
        self.claim("AdamW is still moving at the last step", self.w_last_move > 10 * self.l2_last_move
                   and self.w_last_move > 1e-3, f"{self.w_last_move:.2g}")
        self.claim("in this noise-free bowl AdamW ends at the minimum itself", self.w_long_gap < 0.01,
                   f"after {self.long_steps} steps: {self.w_long.positions[-1]}")
        sm = self.smap
        cl, cw = optimizer_color(L2), optimizer_color(W)
        left = sm.get_left()[0]
        l2_lines = text("Adam + L2 stopped at", "label", color=cl)
        reg = MathTex(rf"\min\; f + \tfrac{{{N.wd}}}{{2}}\|{N.params}\|^2", font_size=46, color=cl)
        l2_panel = VGroup(l2_lines, reg).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        l2_panel.next_to(sm, DOWN, buff=0.2).align_to([left, 0, 0], LEFT)
        w_lines = VGroup(text("AdamW: still moving;", "label", color=cw),
                         text("no noise here: it ends", "label", color=MUTED),
                         text("at the minimum itself", "label", color=MUTED))
        w_lines.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        w_lines.next_to(l2_panel, DOWN, buff=0.25).align_to([left, 0, 0], LEFT)
        self.end_notes = VGroup(l2_panel, w_lines)
        with self.voiceover(text="Adam plus L2 has stopped where loss plus penalty is least, as plain gradient "
                                 "descent with L2 would.") as tracker:
            self.set_heading(f"After {T} steps")
            self.play(FadeIn(l2_lines), Indicate(self.paths[L2].dot,
                                                 color=cl), run_time=0.8)
            self.until(tracker, 0.45)
            self.play(FadeIn(reg), run_time=0.7)
        with self.voiceover(text="AdamW is still moving: in this noise-free bowl it ends at the minimum itself. "
                                 "Its decay matters where gradients are noisy, as in real training.") as tracker:
            self.play(FadeIn(w_lines[0]), Indicate(self.paths[W].dot, color=cw), run_time=0.8)
            self.until(tracker, 0.2)
            self.play(FadeIn(w_lines[1:]), run_time=0.6)
        with self.voiceover(text="With Adam plus L2, the decay each coordinate gets depends on its gradient "
                                 "history. AdamW gives every coordinate the decay you set.") as tracker:
            self.set_heading("AdamW: the decay you set is the decay you get")
            self.play(Indicate(VGroup(self.s_l2[0].line, self.s_l2[1].line, self.line_labels[0],
                                      self.line_labels[2]), color=cl, scale_factor=1.05), run_time=1.2)
            self.until(tracker, 0.55)
            self.play(Indicate(VGroup(self.s_w.line, self.line_labels[1]), color=cw, scale_factor=1.05),
                      run_time=1.2)

    def caption(self):
        """The settings, in the chart's empty bottom-left corner (the side panel holds the end-state notes)."""
        lines = VGroup(text(f"\u03b3 {self.lr:g} \u00b7 \u03bb {self.weight_decay:g}", "small", color=MUTED),
                       text(f"start ({self.start[0]:g}, {self.start[1]:g})".replace("-", "\u2212"), "small",
                            color=MUTED)).arrange(RIGHT, buff=0.4)
        cap = VGroup(BackgroundRectangle(lines, color=PANEL, fill_opacity=0.8, buff=0.1, corner_radius=0.08), lines)
        return cap.move_to(self.chart.c2p(3, 0.0105), aligned_edge=DOWN + LEFT)
