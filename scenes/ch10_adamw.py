"""Chapter 10: AdamW and weight decay. On a bowl that is flat along θ₁ and steep along θ₂, with its
minimum away from zero, L2 regularisation inside Adam passes through Adam's division by √v̂: each
coordinate is decayed by γλ/√v̂ per step, hard along the flat θ₁, hardly at all along the steep θ₂.
AdamW shrinks every coordinate by the same γλ. Against plain Adam (no decay) after 150 steps, Adam + L2
has held the flat θ₁ back a lot and θ₂ hardly at all (and stopped at the minimum of f + λ/2‖θ‖²);
AdamW, still moving, has held both back by a similar share.

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
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    Indicate,
    Rectangle,
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
    STAGE,
    TEXT,
    LandscapeMap,
    N,
    ParamArrow,
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


def distance_to_line(p, a, b) -> float:
    """Distance from point p to the line through a and b."""
    p, a, b = (np.asarray(x, float) for x in (p, a, b))
    d = (b - a) / np.linalg.norm(b - a)
    r = p - a
    return float(abs(r[0] * d[1] - r[1] * d[0]))


def pct(x: float) -> str:
    """A percentage for screen and voice: two significant digits (9.2, 1, 0.06)."""
    return f"{x:.2g}" if x >= 0.1 else f"{x:.1g}"


class AdamWAndWeightDecay(ExplainerScene):
    chapter = 10
    title = "AdamW and weight decay"
    description = ("L2 inside Adam is divided by \u221av\u0302 per coordinate: strong where gradients are small, weak "
                   "where they are large; AdamW shrinks every coordinate by the same \u03b3\u03bb, so against plain Adam "
                   "L2 holds the flat coordinate back far more, AdamW both alike.")
    on_grammar = True

    curvatures = (0.1, 10.0)         # flat θ₁, steep θ₂
    minimum = (3.0, 1.5)
    start = (0.5, -1.0)
    lr = 0.05
    weight_decay = 0.2
    steps = 150
    #: the step whose decay is taken apart per coordinate (the first: there v̂ = g² exactly, so the
    #: measured decay equals the predicted γλ/√v̂)
    k = 0

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.two_pulls, self.l2_inside_adam, self.adamw_decoupled, self.per_coordinate,
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
        self.ghost = oc.run(oc.optimizer("adam", lr=self.lr, weight_decay=0.0), ls, x0, steps=self.steps)
        k = self.k
        tl, tw = self.trajs[L2], self.trajs[W]
        _, decay_l2 = l2_split(tl, k)
        decay_w = decoupled_decay(tw, k)
        self.decay_vec = {L2: decay_l2, W: decay_w}
        # decay per step as a share of each coordinate (percent)
        self.share_l2 = 100 * np.abs(decay_l2 / tl.positions[k])
        self.share_w = 100 * np.abs(decay_w / tw.positions[k])
        self.gl = self.lr * self.weight_decay
        self.root_v = np.sqrt(tl.state["exp_avg_sq_hat"][k])
        self.predicted = 100 * self.gl / self.root_v          # γλ/√v̂ per coordinate
        self.end = {key: t.positions[-1] for key, t in self.trajs.items()}
        self.w_ratio = 100 * self.end[W] / self.star         # AdamW's end as % of the minimum's coordinates
        g_end = self.ghost.positions[-1]
        #: how much each decay held each coordinate back at the last step, in % of plain Adam's coordinate
        self.held = {key: 100 * (g_end - self.end[key]) / g_end for key in (L2, W)}
        #: the minimum of f + λ/2‖θ‖² (where plain gradient descent with L2 stops as well)
        h = np.array(self.curvatures)
        self.reg_min = h * self.star / (h + self.weight_decay)
        #: AdamW's last step: still moving?
        self.w_last_move = float(np.linalg.norm(tw.positions[-1] - tw.positions[-2]))
        self.l2_last_move = float(np.linalg.norm(tl.positions[-1] - tl.positions[-2]))
        self.l2_settle = max(settle_step(tl.positions[:, i], tl.positions[-1, i], tol=0.02) or self.steps
                             for i in range(2))

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=HERO.width - 1.1, n_contours=10, scale="log")
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        c0 = self.lmap.c2p(0.0, 0.0)
        cross = Cross(scale_factor=0.12, stroke_width=5, stroke_color=DECAY).move_to(c0)
        self.origin = VGroup(cross, text("0", "label", color=DECAY).next_to(cross, DOWN + LEFT, buff=0.05))
        star_pt = self.lmap.c2p(*self.star)
        self.star_label = text(f"minimum ({self.star[0]:g}, {self.star[1]:g})", "label")
        self.star_label.next_to(star_pt, UP, buff=0.2).shift(LEFT * 0.6)
        self.start_dot = Dot(self.lmap.c2p(*self.x0), radius=0.11, color=TEXT)
        self.start_label = text("start", "label").next_to(self.start_dot, DOWN, buff=0.15)
        self.paths = {key: TrajectoryPath(t, self.lmap, key, stroke_width=5, dot_radius=0.1)
                      for key, t in self.trajs.items()}
        # two slices through the minimum, over the same span and the same loss scale
        left = self.lmap.get_right()[0] + 0.45
        width = SAFE_RIGHT - left - 0.1
        a, b = self.star
        half = 0.6
        self.cuts = VGroup()
        for axis, at, lo, name in ((0, b, a, "loss along \u03b8\u2081: flat"),
                                   (1, a, b, "loss along \u03b8\u2082: steep")):
            cut = CrossSection(self.ls, axis=axis, at=at, value_range=(lo - half, lo + half), width=width,
                               height=1.1, f_max=self.curvatures[1] * half ** 2 / 2, n_ticks=3)
            head = text(name, "label")
            self.cuts.add(VGroup(head, cut))
        for grp in self.cuts:
            grp[0].next_to(grp[1].frame, UP, buff=0.2).align_to(grp[1].frame, LEFT)
        self.cuts.arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        self.cuts.move_to([left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        # a small key in the empty top-left corner of the map, until the paths' ends carry the names
        self.key = VGroup(*[text(NAMES[key], "label", color=optimizer_color(key)) for key in (L2, W)])
        self.key.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        self.key.move_to(self.lmap.c2p(-0.5, 1.9), aligned_edge=UP + LEFT)

    def build_rules(self):
        """Both rules, textbook form, the decay term in its colour where it enters."""
        sym = {"decay": (r"\gamma\lambda\,\theta_{t-1}", r"\lambda\,\theta_{t-1}"), "root": (r"\sqrt{\hat v_t}",)}
        th, g, lr, wd = N.params, N.grad, N.lr, N.wd
        step = rf"{lr}\,\frac{{\hat m_t}}{{\sqrt{{\hat v_t}} + {N.eps}}}"
        l2_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}}) + {wd}\,{th}_{{t-1}}", symbols=sym, font_size=46)
        l2_b = UpdateRule(rf"{th}_t = {th}_{{t-1}} - {step}", symbols=sym, font_size=46)
        w_a = UpdateRule(rf"{g} = \nabla f({th}_{{t-1}})", symbols=sym, font_size=46)
        w_b = UpdateRule(rf"{th}_t = {th}_{{t-1}} - {lr}{wd}\,{th}_{{t-1}} - {step}", symbols=sym, font_size=46)
        for r in (l2_a, w_b):
            r.highlight("decay", color=DECAY)
        left = STAGE.left + 0.2
        top = STAGE.top - 0.05
        self.l2_title = text("Adam + L2: the penalty joins the gradient", "body", color=optimizer_color(L2))
        self.l2_title.move_to([left, top, 0], aligned_edge=UP + LEFT)
        l2_a.next_to(self.l2_title, DOWN, buff=0.3).align_to(self.l2_title, LEFT)
        l2_b.next_to(l2_a, RIGHT, buff=0.9)
        l2_b.shift(UP * (l2_a.get_center()[1] - l2_b.tex[0].get_center()[1]) * 0)
        self.l2_rule = VGroup(l2_a, l2_b)
        self.l2_a, self.l2_b = l2_a, l2_b
        self.l2_eff = UpdateRule(rf"\text{{decay per step}} \approx \frac{{{lr}{wd}}}{{\sqrt{{\hat v_t}}}}\,{th}_{{t-1}}",
                                 font_size=46)
        self.l2_eff.tex.set_color(DECAY)
        self.l2_eff.next_to(l2_a, DOWN, buff=0.35).align_to(l2_a, LEFT)
        self.l2_note = VGroup(text("per coordinate:", "label"), text("small \u221av\u0302: strong pull", "label"),
                              text("large \u221av\u0302: weak pull", "label")).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.l2_note.next_to(self.l2_eff, RIGHT, buff=0.6)
        self.l2_note.shift(UP * (self.l2_b.get_bottom()[1] - 0.12 - self.l2_note.get_top()[1]))

        self.w_title = text("AdamW: the decay stays out of the gradient", "body", color=optimizer_color(W))
        self.w_title.next_to(VGroup(self.l2_eff, self.l2_note), DOWN, buff=0.4).align_to(self.l2_title, LEFT)
        w_a.next_to(self.w_title, DOWN, buff=0.3).align_to(self.w_title, LEFT)
        w_b.next_to(w_a, RIGHT, buff=0.5)
        self.w_rule = VGroup(w_a, w_b)
        self.w_a, self.w_b = w_a, w_b
        self.w_eff = UpdateRule(rf"\text{{decay per step}} = {lr}{wd}\,{th}_{{t-1}}", font_size=46)
        self.w_eff.tex.set_color(DECAY)
        self.w_eff.next_to(w_a, DOWN, buff=0.35).align_to(w_a, LEFT)
        self.w_note = text("the same on every coordinate", "label").next_to(self.w_eff, RIGHT, buff=0.4)
        self.footnote = text("m\u0302\u209c, v\u0302\u209c: Adam's averages of g\u209c and g\u209c\u00b2 "
                             "(chapter 9)", "small", color=MUTED)
        self.footnote.move_to([left, SAFE_BOTTOM + 0.2, 0], aligned_edge=LEFT)
        self.footnote2 = text("\u03b3\u03bb\u03b8: PyTorch's form; the AdamW paper decays by \u03bb\u03b8 "
                              "(no \u03b3)", "small", color=MUTED)
        self.footnote2.next_to(self.footnote, UP, buff=0.12).align_to(self.footnote, LEFT)

    def build_bars(self, head=None, values=None, heads=None):
        """Two pairs of bars: the decay of one step as a share of each coordinate, Adam + L2 beside AdamW."""
        left = self.lmap.get_right()[0] + 0.35
        num_w = 1.2
        bar_max = SAFE_RIGHT - left - num_w
        values = values or {L2: self.share_l2, W: self.share_w}
        heads = heads or [f"\u03b8\u2081 flat:  \u221av\u0302 = {self.root_v[0]:.2g}",
                          f"\u03b8\u2082 steep:  \u221av\u0302 = {self.root_v[1]:.2g}"]
        top_v = float(max(values[L2].max(), values[W].max()))
        head = head or (f"decay at step {self.k + 1}", "in % of each \u03b8\u1d62")
        self.bar_head = VGroup(*[text(h, "label", color=TEXT if i == 0 else MUTED)
                                 for i, h in enumerate(head) if h])
        self.bar_head.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        self.bar_head.move_to([left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.bar_key = VGroup(*[text(NAMES[key], "label", color=optimizer_color(key)) for key in (L2, W)])
        self.bar_key.arrange(RIGHT, buff=0.45).next_to(self.bar_head, DOWN, buff=0.2).align_to(self.bar_head, LEFT)
        groups = []
        y = self.bar_key.get_bottom()[1] - 0.28
        for i in range(2):
            head = text(heads[i], "label")
            head.move_to([left, y, 0], aligned_edge=UP + LEFT)
            rows = VGroup()
            yy = head.get_bottom()[1] - 0.34
            for key, share in ((L2, values[L2][i]), (W, values[W][i])):
                col = optimizer_color(key)
                length = max(0.04, bar_max * share / top_v)
                bar = Rectangle(width=length, height=0.32, stroke_width=0, fill_color=col, fill_opacity=0.95)
                bar.move_to([left + 0.1, yy, 0], aligned_edge=LEFT)
                num = text(f"{pct(share)}%", "label", color=col).next_to(bar, RIGHT, buff=0.15)
                rows.add(VGroup(bar, num))
                yy -= 0.44
            groups.append(VGroup(head, rows))
            y = yy + 0.05
        self.bar_groups = groups

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
        self.claim("they lead to different places: the minimum and zero", sine_between(self.star - x0, toward0) > 0.5)
        unit = 0.95
        self.down_arrow = ParamArrow(self.lmap, x0, unit * down / np.linalg.norm(down), color=DOWNHILL,
                                     label=r"-\nabla f", label_side=RIGHT)
        self.decay_arrow = ParamArrow(self.lmap, x0, unit * toward0 / np.linalg.norm(toward0), color=DECAY,
                                      label=rf"-{N.wd}\,{N.params}", label_side=LEFT)
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
            self.play(GrowArrow(self.decay_arrow.arrow), FadeIn(self.decay_arrow.label), run_time=1.0)

    def l2_inside_adam(self):
        self.build_rules()
        self.claim("the root of v hat is small along the flat coordinate and large along the steep one",
                   self.root_v[0] < 1.0 < self.root_v[1])
        with self.voiceover(text="The textbook way, L2, adds lambda theta to the gradient.") as tracker:
            self.set_heading("Where the decay enters")
            self.play(*[FadeOut(m) for m in (self.lmap, self.origin, self.star_label, self.start_dot, self.start_label,
                                             self.down_arrow, self.decay_arrow, self.cuts)], run_time=0.6)
            self.play(FadeIn(self.l2_title), FadeIn(self.l2_a), run_time=0.8)
            self.play(self.l2_a.indicate("decay", color=DECAY), run_time=1.0)
        box = SurroundingRectangle(self.l2_b.part("root"), color=DECAY, buff=0.06, corner_radius=0.05)
        with self.voiceover(text="Adam then divides it by root v hat, coordinate by coordinate: the decay is "
                                 "strong where gradients are small, weak where they are large.") as tracker:
            self.play(FadeIn(self.l2_b), FadeIn(self.footnote), run_time=0.8)
            self.play(Create(box), run_time=0.8)
            self.until(tracker, 0.35)
            self.play(FadeIn(self.l2_eff), run_time=0.8)
            self.until(tracker, 0.6)
            self.play(FadeIn(self.l2_note), run_time=0.8)
        self.rule_marks = VGroup(box)

    def adamw_decoupled(self):
        edge = self.w_b.part("decay").get_right()[0]
        step_glyphs = VGroup(*[m for m in self.w_b.tex.family_members_with_points() if m.get_center()[0] > edge])
        step_label = text("\u2190 Adam step", "small", color=STEP).next_to(self.w_b, RIGHT, buff=0.2)
        with self.voiceover(text="AdamW keeps the decay out of the gradient. Each step it shrinks every "
                                 "coordinate by the same gamma lambda, then takes a plain Adam step on the "
                                 "loss.") as tracker:
            self.play(FadeIn(self.w_title), FadeIn(self.w_a), run_time=0.8)
            self.play(FadeIn(self.w_b), FadeIn(self.footnote2), run_time=0.8)
            self.play(self.w_b.indicate("decay", color=DECAY), run_time=1.0)
            self.play(FadeIn(self.w_eff), FadeIn(self.w_note), run_time=0.8)
            self.until(tracker, 0.72)
            self.play(step_glyphs.animate.set_color(STEP), FadeIn(step_label), run_time=0.8)
        self.rule_marks.add(step_label)

    def per_coordinate(self):
        sl, sw, gl = self.share_l2, self.share_w, 100 * self.gl
        self.claim("AdamW's decay is exactly gamma lambda on both coordinates", np.allclose(sw, gl))
        self.claim("along the flat coordinate L2 in Adam decays several times harder than AdamW", sl[0] > 5 * gl)
        self.claim("along the steep coordinate L2 in Adam decays far less than AdamW", sl[1] < gl / 5)
        self.claim("at the first step the measured split is exactly gamma lambda over root v hat",
                   np.allclose(sl, self.predicted, rtol=1e-3), f"measured {sl}, predicted {self.predicted}")
        self.build_bars()
        hp = VGroup(text(f"\u03b3 = {self.lr:g}", "label"), text(f"\u03bb = {self.weight_decay:g}", "label"))
        hp.arrange(RIGHT, buff=0.5)
        dv = self.decay_vec
        self.claim("L2's decay at that step pulls almost only along theta one", abs(dv[L2][0]) > 10 * abs(dv[L2][1]))
        self.claim("AdamW's decay points straight at zero", sine_between(dv[W], -self.x0) < 1e-6)
        mag = 30
        arrows = {key: ParamArrow(self.lmap, self.x0, dv[key], scale=mag,
                                  color=optimizer_color(key), stroke_width=7) for key in (L2, W)}
        arrow_note = text(f"both arrows \u00d7{mag}", "label", color=DECAY)
        arrow_note.move_to(self.lmap.c2p(1.15, -1.22), aligned_edge=LEFT)
        names = {L2: text(NAMES[L2], "label", color=optimizer_color(L2)).next_to(arrows[L2].arrow, DOWN, buff=0.1),
                 W: text(NAMES[W], "label", color=optimizer_color(W)).next_to(arrows[W].arrow.get_end(), RIGHT,
                                                                             buff=0.2)}
        names[L2].align_to(arrows[L2].arrow, LEFT)
        names[W].shift(UP * 0.12)
        hp.next_to(self.key, DOWN, buff=0.25).align_to(self.key, LEFT)
        self.hp = hp
        g1, g2 = self.bar_groups
        with self.voiceover(text=f"At the first step, root v hat along the flat theta one is "
                                 f"{self.root_v[0]:.2g}: L2 takes {pct(sl[0])} percent off it, AdamW "
                                 f"{pct(sw[0])}.") as tracker:
            self.set_heading("The decay of one step, per coordinate")
            self.play(FadeOut(VGroup(self.l2_title, self.l2_rule, self.l2_eff, self.l2_note, self.w_title,
                                     self.w_rule, self.w_eff, self.w_note, self.footnote, self.footnote2,
                                     self.rule_marks)), run_time=0.6)
            self.play(FadeIn(self.lmap), FadeIn(self.origin), FadeIn(self.star_label), FadeIn(self.key), FadeIn(hp),
                      FadeIn(self.start_dot), FadeIn(self.bar_head), FadeIn(self.bar_key), run_time=0.8)
            self.play(FadeIn(g1[0]), run_time=0.5)
            self.until(tracker, 0.6)
            self.play(GrowFromEdge(g1[1][0][0], LEFT), FadeIn(g1[1][0][1]), GrowArrow(arrows[L2].arrow),
                      FadeIn(names[L2]), FadeIn(arrow_note), run_time=0.8)
            self.until(tracker, 0.85)
            self.play(GrowFromEdge(g1[1][1][0], LEFT), FadeIn(g1[1][1][1]), GrowArrow(arrows[W].arrow),
                      FadeIn(names[W]), run_time=0.6)
        with self.voiceover(text=f"Along the steep theta two, root v hat is {self.root_v[1]:.2g}: L2 takes only "
                                 f"{pct(sl[1])} percent, AdamW still {pct(sw[1])}. L2 pulls sideways; AdamW "
                                 "pulls toward zero.") as tracker:
            self.play(FadeIn(g2[0]), run_time=0.6)
            self.until(tracker, 0.3)
            self.play(FadeIn(g2[1][0]), run_time=0.7)
            self.until(tracker, 0.55)
            self.play(GrowFromEdge(g2[1][1][0], LEFT), FadeIn(g2[1][1][1]), run_time=0.6)
            self.until(tracker, 0.75)
            self.play(Indicate(arrows[L2].arrow, color=optimizer_color(L2)), run_time=0.7)
            self.play(Indicate(arrows[W].arrow, color=optimizer_color(W)), run_time=0.7)
        self.step_marks = VGroup(arrows[L2], arrows[W], arrow_note, names[L2], names[W])

    def where_they_end(self):
        T = self.steps
        el = self.end[L2]
        hl, hw = self.held[L2], self.held[W]
        self.claim("Adam + L2 has stopped by the last step", self.l2_settle < T and self.l2_last_move < 1e-3,
                   f"settle {self.l2_settle}, last move {self.l2_last_move:.2g}")
        self.claim("Adam + L2 stops at the minimum of f plus the penalty", np.allclose(el, self.reg_min, atol=0.01),
                   f"{el} vs {self.reg_min}")
        self.claim("AdamW is still moving at the last step", self.w_last_move > 10 * self.l2_last_move
                   and self.w_last_move > 1e-3, f"{self.w_last_move:.2g}")
        self.claim("plain Adam is at the minimum by the last step",
                   np.linalg.norm(self.ghost.positions[-1] - self.star) < 0.05)
        self.claim("L2 holds the flat coordinate back far more than the steep one", hl[0] > 10 * hl[1] and hl[0] > 40,
                   f"{hl}")
        self.claim("AdamW holds both coordinates back by a similar share", max(hw) / min(hw) < 1.5 and min(hw) > 5,
                   f"{hw}")
        lm = self.lmap
        paths = self.paths
        ghost = TrajectoryPath(self.ghost, lm, "adam", color=GHOST, stroke_width=3, dot_radius=0.07)
        name_l2 = VGroup(text(NAMES[L2], "label", color=optimizer_color(L2)),
                         text("stopped", "label", color=optimizer_color(L2))).arrange(DOWN, aligned_edge=RIGHT,
                                                                                       buff=0.06)
        end_l2 = text(f"({el[0]:.1f}, {el[1]:.2f})", "label", color=optimizer_color(L2))
        VGroup(name_l2, end_l2).arrange(DOWN, aligned_edge=RIGHT, buff=0.06).next_to(
            paths[L2].point_at_step(T), LEFT, buff=0.2)
        w_lines = VGroup(text(NAMES[W], "label", color=optimizer_color(W)),
                         text("still moving", "label", color=optimizer_color(W))).arrange(DOWN, aligned_edge=LEFT,
                                                                                          buff=0.06)
        w_lines.next_to(paths[W].point_at_step(T), DOWN, buff=0.2).align_to(paths[W].point_at_step(T), LEFT)
        name_w = VGroup(BackgroundRectangle(w_lines, color=PANEL, fill_opacity=0.75, buff=0.06), w_lines)
        g_line = text(NAMES[G], "label", color=GHOST)
        g_line.move_to(lm.c2p(2.35, 0.4), aligned_edge=LEFT)
        name_g = VGroup(BackgroundRectangle(g_line, color=PANEL, fill_opacity=0.75, buff=0.06), g_line)
        side_left = lm.get_right()[0] + 0.35
        reg_head = text("Adam + L2 stops at", "label", color=optimizer_color(L2))
        reg_note = UpdateRule(rf"\min\; f + \tfrac{{{N.wd}}}{{2}}\|{N.params}\|^2", font_size=46)
        reg_note.tex.set_color(optimizer_color(L2))
        reg_sub = VGroup(text("plain GD + L2 too;", "label"),
                         text("Adam's \u221av\u0302 bends", "label", color=MUTED),
                         text("only the path", "label", color=MUTED)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        reg_panel = VGroup(reg_head, reg_note, reg_sub).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        reg_panel.move_to([side_left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        step_stamp = self.stamp(f"step {T}", size="label")
        step_stamp.move_to(lm.c2p(1.3, -1.2), aligned_edge=LEFT)
        old_bars = VGroup(self.bar_head, self.bar_key, *self.bar_groups)
        self.build_bars(head=(f"% behind {NAMES[G]}", None),
                        values=self.held, heads=["\u03b8\u2081 flat", "\u03b8\u2082 steep"])
        new_bars = VGroup(self.bar_head, self.bar_key, *self.bar_groups)
        with self.voiceover(text=f"{T} steps, beside plain Adam in grey.") as tracker:
            self.set_heading(f"{T} steps, against plain Adam")
            self.play(FadeOut(self.step_marks), FadeOut(self.hp), FadeOut(self.start_dot), FadeOut(self.key),
                      run_time=0.5)
            self.add(ghost, *paths.values())
            self.play(ghost.draw(end=T), *[p.draw(end=T) for p in paths.values()],
                      run_time=max(1.0, tracker.duration - 0.6))
            self.play(FadeIn(step_stamp), FadeIn(name_g), run_time=0.4)
        with self.voiceover(text="L2 stops where loss plus penalty is least, as plain gradient descent would. "
                                 "AdamW is still moving.") as tracker:
            self.play(FadeIn(end_l2), FadeIn(name_l2), FadeOut(old_bars), run_time=0.6)
            self.until(tracker, 0.3)
            self.play(FadeIn(reg_panel), run_time=0.8)
            self.until(tracker, 0.82)
            self.play(FadeIn(name_w), run_time=0.6)
        n1, n2 = new_bars[2], new_bars[3]
        with self.voiceover(text=f"Against plain Adam, L2 holds the flat theta one back {hl[0]:.0f} percent, the "
                                 f"steep one only {hl[1]:.0f}. AdamW holds both back alike: {hw[0]:.0f} and "
                                 f"{hw[1]:.0f}.") as tracker:
            self.play(FadeOut(reg_panel), run_time=0.5)
            self.play(FadeIn(self.bar_head), FadeIn(self.bar_key), FadeIn(n1[0]), FadeIn(n2[0]), run_time=0.6)
            self.until(tracker, 0.15)
            self.play(GrowFromEdge(n1[1][0][0], LEFT), FadeIn(n1[1][0][1]), run_time=0.6)
            self.until(tracker, 0.35)
            self.play(GrowFromEdge(n2[1][0][0], LEFT), FadeIn(n2[1][0][1]), run_time=0.6)
            self.until(tracker, 0.6)
            self.play(GrowFromEdge(n1[1][1][0], LEFT), FadeIn(n1[1][1][1]),
                      GrowFromEdge(n2[1][1][0], LEFT), FadeIn(n2[1][1][1]), run_time=0.8)
        w_bars = VGroup(n1[1][1], n2[1][1])
        with self.voiceover(text="In Adam, L2 is not weight decay. AdamW gives every coordinate the decay you "
                                 "set.") as tracker:
            self.set_heading("AdamW: the decay you set is the decay you get")
            self.play(Indicate(w_bars, color=optimizer_color(W), scale_factor=1.1), run_time=1.2)

    def caption(self):
        """The runs and their settings, stacked to fit under the bars."""
        runs = VGroup(*[text(NAMES[key], "small", color=optimizer_color(key)) for key in (L2, W)])
        runs.arrange(RIGHT, buff=0.35)
        lines = VGroup(runs, text(f"{NAMES[G]}: no decay", "small", color=GHOST),
                       text(f"\u03b3 {self.lr:g} \u00b7 \u03bb {self.weight_decay:g}", "small",
                            color=MUTED),
                       text(f"start ({self.start[0]:g}, {self.start[1]:g})".replace("-", "\u2212"), "small",
                            color=MUTED))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        cap = VGroup(BackgroundRectangle(lines, color=PANEL, fill_opacity=0.8, buff=0.12, corner_radius=0.08), lines)
        return cap.move_to([SAFE_RIGHT - cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])
