"""Chapter 10: AdamW and weight decay. Beats, in order:
1. A line fit to noisy data (its scatter, then two cross-sections beside the map): the loss is flat along the
   slope θ₁ and steep along the intercept θ₂, its minimum (min f) away from zero; downhill and toward zero differ.
2. L2 adds λθ to the gradient (γλ = 1 % a step); Adam divides each coordinate by its own √v̂.
3. AdamW shrinks every weight by γλ, then takes a plain Adam step (its rule under L2's, the decay arrow at start).
4. On mini-batches of B with a strong λ both runs stop short of min f. The cloud of batch gradients (to scale)
   beside big bars: θ₂ swings ~8× more, and so does its √v̂ (4.4 against 0.57; mean g ≈ 0 at rest, so √v̂ ≈ swing).
   A cut to a map zoomed on Adam + L2's rest (the bars shrink into the side panel and stay): L2's pull divided by
   √v̂ (drawn as it is named) misses zero (a dashed
   line to zero); its two parts carry their shares per step as said (θ₁ 1.8 %, θ₂ 0.23 %). Then a chart: AdamW
   decays both 1 % a step.
5. At rest (zoomed where both settle; the whole map a locator in the side panel): Adam + L2's (∇f + λθ)/√v̂ ≈ 0
   with √v̂ struck out, so it sits where a loss contour touches a penalty circle (the L2 minimum; the contour,
   the circle and their names come together; at the rest point ∇f and λθ, equal and opposite, at right angles to
   the two curves on a to-scale map: their normals line up).
6. Push against decay, along θ₂ (the same zoom): at Adam + L2's rest its push and decay, both divided by √v̂,
   balance (√v̂ struck out in the card); AdamW's decay at that point (a ring, its pair drawn beside it with a
   leader) is not
   divided and outweighs its push, which moves it lower, to its own rest, where the two balance again.
7. AdamW's penalty follows the noise: at its rest its shrink equals its push; × √v̂/γ gives ∇f + λ√v̂θ ≈ 0 (each
   line as it is said), a brace from λ√v̂θ to the penalty 0.56θ₁² + 4.4θ₂² weighted by AdamW's √v̂; the verdict
   said plainly (even decay per step gives a penalty that follows the gradient noise). Then, to scale once (the whole plane round zero):
   L2's circle and AdamW's ellipse, each touching a loss contour at its run's rest point (AdamW's in pink, thick,
   under the ellipse on the map and in the inset, which is zoomed out enough that the two bend apart on either side
   of the touch); the circle turns into the ellipse, in along the noisy θ₂ (heavier), out along the quiet θ₁
   (lighter). The take-home defines "even" as "the same for every weight": the inset gives way to the shares per
   step (AdamW 1 % | 1 %, Adam + L2 1.8 % | 0.23 %), then L2's circle (θ₁² + θ₂²) lights. Final hold with the
   settings."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    AnimationGroup,
    Arrow,
    ORIGIN,
    RIGHT,
    UP,
    BackgroundRectangle,
    Brace,
    Create,
    Cross,
    DashedLine,
    DashedVMobject,
    Dot,
    Ellipse,
    FadeIn,
    FadeOut,
    Flash,
    GrowArrow,
    GrowFromEdge,
    Group,
    Indicate,
    UpdateFromAlphaFunc,
    Line,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    Transform,
    VGroup,
    VMobject,
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
    LineFitPlot,
    N,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    UpdateRule,
    apart,
    inside,
    optimizer_color,
    tex,
    text,
)
from scenes.kit.cross_section import CrossSection
from scenes.kit.inset import MapInset
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.kit.typeset import SIZES
from scenes.scene import TITLE_SECONDS, ExplainerScene

__all__ = ["AdamWAndWeightDecay"]

#: the decay: its arrows and its terms in the rules (one colour for "the pull toward zero")
DECAY = "#B39DFF"
#: the gradient's swing (the cloud's ellipse and bars)
STEP = "#FFD166"
#: the downhill arrow
DOWNHILL = "#FF6B6B"
#: the loss contour AdamW's ellipse touches (drawn thick, apart from the ellipse's orange and the map's white)
TOUCH = "#FF8AD8"
#: the push (the plain Adam step in AdamW's rule, downhill over √v̂): the downhill colour
PUSH = DOWNHILL
L2, W, G = "adam", "adamw", "plain"
NAMES = {L2: "Adam + L2", W: "AdamW", G: "plain Adam"}


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
    #: the race on the map spends three quarters of its time on the first ``part_steps`` steps (where they part)
    part_steps = 220
    #: the averages are over the last ``last`` steps (both runs have long since levelled off)
    last = 300
    #: one step's decay is drawn this many times longer on the map
    arrow_mag = 80
    #: the bent pull (the turning point) is drawn this many times longer, on a map zoomed on Adam + L2's rest
    #: point and zero
    bent_mag = 80
    bent_box = ((-0.6, 1.4), (-0.15, 1.95))
    #: the cloud of batch gradients is drawn this many times wider along g₁ (1: to scale, a thin streak beside
    #: the big bars, which carry the 8×)
    cloud_stretch = 1.0
    #: the pushes and decays at the rest points are drawn this many times longer on the zoomed map
    rest_mag = 30
    #: AdamW's pair at Adam + L2's rest is drawn this far right of the ring (scene units), with a leader to it
    probe_offset = 0.75
    #: ∇f and λθ at Adam + L2's rest are drawn this many times their length (one unit of θ per unit)
    normal_mag = 0.6
    #: seeds that must all show the same ordering of the end averages
    check_seeds = (0, 1, 2, 3, 4)
    #: the ending's zoomed box (θ₁ range, θ₂ range), where both runs settle
    zoom_box = ((0.0, 1.5), (0.8, 1.9))
    #: the payoff's box (θ₁ range, θ₂ range), at one scale both ways (``true_k`` scene units per unit)
    true_box = ((-3.6, 3.7), (-2.4, 2.4))
    true_k = 1.05

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.two_pulls, self.l2_inside_adam, self.adamw_decoupled, self.noisy_runs,
                        self.where_they_end, self.takeaway_beat)
        self.final_hold(self.caption(), seconds=1.3)

    def open_chapter(self, seconds: float = TITLE_SECONDS) -> None:
        """The title card; the map and the data fade in as it fades out (no dark frame under the first words)."""
        self.build()
        with self.beat("title"):
            card = self.title_card()
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.6)
            self.wait(max(0.0, seconds - 1.6))
            self.play(FadeOut(card), FadeIn(self.data_plot), FadeIn(self.lmap), run_time=1.0)

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
        H = self.H = 2 * np.array([[sxx, sx], [sx, 1.0]])
        #: the minimum of f + λ/2‖θ‖²
        self.reg_min = np.linalg.solve(H + self.weight_decay * np.eye(2), H @ self.star)
        self.hessian_ok = np.allclose(d.grad(self.star + np.array([0.3, -0.2])), H @ np.array([0.3, -0.2]))
        #: AdamW at rest: ∇f/√v̂ + λθ = 0, i.e. the minimum of f + ½ Σ λ√v̂ᵢ θᵢ² (its penalty per coordinate)
        self.w_penalty = self.weight_decay * self.root_v_w_last
        self.w_pred = np.linalg.solve(H + np.diag(self.w_penalty), H @ self.star)
        #: the spread of the mini-batch gradient per coordinate, at Adam + L2's average
        self.g_spread = d.per_sample_grad(self.avg[L2]).std(axis=0) / np.sqrt(self.batch)
        #: a late point (Adam + L2's mean over the last steps): both decays are drawn there, with the late √v̂
        self.late = self.avg[L2]
        self.l2_pull0 = -self.gl * self.late / self.root_v_last
        g0 = self.ls.grad(self.x0)
        self.grad_norm0 = float(np.linalg.norm(g0))
        self.decay_norm0 = float(np.linalg.norm(self.weight_decay * self.x0))

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        # the map fills the hero slot down to the bottom (its plot a little taller than to scale)
        self.lmap = LandscapeMap(ls, width=HERO.width - 0.65, height=HERO.height - 1.0, n_contours=10, scale="log")
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.origin = self.origin_mark(self.lmap)
        star_pt = self.lmap.c2p(*self.star)
        self.star_dot = Dot(star_pt, radius=0.09, color=TEXT)
        self.star_label = text("min f", "body")
        self.star_label.next_to(star_pt, UP, buff=0.2).shift(LEFT * 0.15)
        self.start_dot = Dot(self.lmap.c2p(*self.x0), radius=0.11, color=TEXT)
        self.start_label = text("start", "label").next_to(self.start_dot, DOWN, buff=0.15)
        # two slices through the minimum, over the same span and the same loss axis (0 to f_max)
        left = self.lmap.get_right()[0] + 0.7
        width = SAFE_RIGHT - left - 0.1
        a, b = self.star
        half = 0.5
        f_max = self.curvatures[1] * half ** 2 / 2
        self.cuts = VGroup()
        for axis, at, lo, name in ((0, b, a, "\u03b8\u2081: flat"), (1, a, b, "\u03b8\u2082: steep")):
            cut = CrossSection(self.ls, axis=axis, at=at, value_range=(lo - half, lo + half), width=width,
                               height=1.35, f_max=f_max, n_ticks=3)
            fr = cut.frame
            y_axis = Line(fr.get_corner(DOWN + LEFT), fr.get_corner(UP + LEFT), stroke_color=MUTED, stroke_width=2)
            head = text(name, "label")
            self.cuts.add(VGroup(head, VGroup(cut, y_axis)))
        for grp in self.cuts:
            grp[0].next_to(grp[1], UP, buff=0.2).align_to(grp[1][0].frame, LEFT)
        self.cuts.arrange(DOWN, buff=0.25, aligned_edge=RIGHT)
        self.cuts.move_to([SAFE_RIGHT - 0.1, HERO.top - 0.05, 0], aligned_edge=UP + RIGHT)
        self.cuts.add(text("same vertical scale", "label", color=MUTED)
                      .next_to(self.cuts, DOWN, buff=0.15).align_to(self.cuts[1][1], RIGHT))
        self.claim("the cross-sections' note fits above the bottom", self.cuts[2].get_bottom()[1] > SAFE_BOTTOM
                   and self.cuts[2].get_right()[0] < SAFE_RIGHT, f"{self.cuts[2].get_bottom()[1]:.2f}")
        self.data_plot = self.scatter()

    def scatter(self) -> VGroup:
        """The data the chapter fits, big in the hero slot: the samples and the best line (the map's minimum),
        with its formula as the heading."""
        xr, yr = (-0.25, 0.25), (-6.0, 8.0)
        plot = LineFitPlot(self.data, width=SIDE.width - 1.85, height=HERO.height - 2.9, x_range=xr, y_range=yr)
        plot.remove(plot.labels)
        for d in plot.dots:
            d.scale(1.4)
        plot.line.set_stroke(width=7)
        ticks = VGroup()
        for v in (-0.2, 0.2):
            p = plot.c2p(v, yr[0])
            ticks.add(Line(p, p + DOWN * 0.1, stroke_color=MUTED, stroke_width=2),
                      text(f"{v:g}".replace("-", "\u2212"), "body", color=MUTED).next_to(p, DOWN, buff=0.16))
        for v in (-4, 0, 4):
            p = plot.c2p(xr[0], v)
            ticks.add(Line(p, p + LEFT * 0.1, stroke_color=MUTED, stroke_width=2),
                      text(f"{v:g}".replace("-", "\u2212"), "body", color=MUTED).next_to(p, LEFT, buff=0.16))
        ticks.add(tex("x", "formula").next_to(plot.c2p(xr[1], yr[0]), RIGHT, buff=0.14))
        ticks.add(tex("y", "formula").next_to(plot.c2p(xr[0], yr[1]), UP, buff=0.12))
        plot.labels = ticks
        plot.add(ticks)
        plot.set_params(*self.star)
        head = VGroup(text("best line:", "body"),
                      tex(rf"y = {N.theta1}\,x + {N.theta2}", "formula")).arrange(DOWN, buff=0.2)
        group = VGroup(head, plot).arrange(DOWN, buff=0.3)
        return group.move_to([SAFE_RIGHT - 0.1, HERO.top - 0.05, 0], aligned_edge=UP + RIGHT)

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
        w_b0 = UpdateRule(rf"{th}_t = {th}_{{t-1}}", symbols=sym, font_size=fs)
        w_b = UpdateRule(rf"- {lr}{wd}\,{th}_{{t-1}}", symbols=sym, font_size=fs)
        w_c = UpdateRule(rf"- {step}", symbols=sym, font_size=fs)
        for r in (l2_a2, w_b):
            r.highlight("decay", color=DECAY)
        sl = self.lmap.get_right()[0] + 0.3
        top = HERO.top - 0.1
        cl = optimizer_color(L2)
        self.l2_title = text("Adam + L2:", "body", color=cl).move_to([sl, top, 0], aligned_edge=UP + LEFT)
        l2_a.next_to(self.l2_title, DOWN, buff=0.3).align_to(self.l2_title, LEFT)
        l2_a2.next_to(l2_a, DOWN, buff=0.12).align_to(self.l2_title, LEFT).shift(RIGHT * 0.6)
        l2_b.next_to(l2_a2, DOWN, buff=0.3).align_to(self.l2_title, LEFT)
        l2_b2.next_to(l2_b, DOWN, buff=0.12).align_to(self.l2_title, LEFT).shift(RIGHT * 0.6)
        self.l2_a, self.l2_a2, self.l2_b, self.l2_b2 = l2_a, l2_a2, l2_b, l2_b2
        self.l2_eff = VGroup(text("decay:", "label", color=cl),
                             tex(rf"\approx -\frac{{{lr}{wd}}}{{\sqrt{{\hat v}}}}\,{th}", "label", color=cl))
        self.l2_eff.arrange(RIGHT, buff=0.2).next_to(l2_b2, DOWN, buff=0.25).align_to(self.l2_title, LEFT)
        self.footnote = VGroup(text("m\u0302, v\u0302: averages of", "label", color=MUTED),
                               text("g, g\u00b2 (chapter 9)", "label", color=MUTED))
        self.footnote.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.footnote.move_to([SAFE_RIGHT - 0.05, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + RIGHT)
        self.claim("the rule's decay line stays clear of the footnote under it",
                   self.l2_eff.get_bottom()[1] > self.footnote.get_top()[1] + 0.1
                   and self.footnote.get_right()[0] < SAFE_RIGHT
                   and self.footnote.get_left()[0] > self.lmap.get_right()[0] + 0.15,
                   f"{self.l2_eff.get_bottom()[1]:.2f} vs {self.footnote.get_top()[1]:.2f}")
        self.claim("the rule's decay line (and the box round it) ends inside the safe area",
                   self.l2_eff.get_right()[0] + 0.1 < SAFE_RIGHT, f"{self.l2_eff.get_right()[0]:.2f}")

        # AdamW's rule, stacked in the same place (the decay term and the Adam step on their own lines,
        # each in the colour of its arrow on the map)
        self.w_title = text("AdamW:", "body", color=optimizer_color(W))
        self.w_title.move_to([sl, top, 0], aligned_edge=UP + LEFT)
        w_a.next_to(self.w_title, DOWN, buff=0.25).align_to(self.w_title, LEFT)
        w_b0.next_to(w_a, DOWN, buff=0.2).align_to(self.w_title, LEFT)
        w_b.next_to(w_b0, DOWN, buff=0.12).align_to(self.w_title, LEFT).shift(RIGHT * 0.6)
        w_c.next_to(w_b, DOWN, buff=0.12).align_to(w_b, LEFT)
        if w_c.get_right()[0] > SAFE_RIGHT - 0.15:
            w_c.shift(LEFT * (w_c.get_right()[0] - SAFE_RIGHT + 0.15))
        self.w_a, self.w_b0, self.w_b, self.w_c = w_a, w_b0, w_b, w_c
        self.footnote2 = text("\u03b3\u03bb\u03b8: PyTorch's form", "label", color=MUTED)

    def build_chart(self):
        """The runs on the big map (named directly), the L2 minimum where they end, the strength of the decay
        and the cloud of one batch's gradient late in training (in the side panel)."""
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
        # the decay's strength, in the side panel while the runs are drawn
        lam = VGroup(tex(rf"{N.wd} = {self.weight_decay:g}", "stamp"), text("strong,", "label", color=MUTED),
                     text("on purpose", "label", color=MUTED))
        lam.arrange(DOWN, buff=0.15)
        self.lam_stamp = VGroup(BackgroundRectangle(lam, color=PANEL, fill_opacity=0.9, buff=0.15, corner_radius=0.1),
                                lam).move_to([SIDE.x, HERO.top - 1.2, 0])
        # clear of the map's right edge (its plot reaches into the side panel)
        self.lam_stamp.move_to([max(SIDE.x, self.lmap.frame.get_right()[0] + 0.25 + self.lam_stamp.width / 2),
                                HERO.top - 1.2, 0])
        self.claim("the lambda stamp sits right of the map and on the frame",
                   self.lam_stamp.get_left()[0] > self.lmap.frame.get_right()[0] + 0.2
                   and self.lam_stamp.get_right()[0] < SAFE_RIGHT,
                   f"{self.lam_stamp.get_right()[0]:.2f}, map {self.lmap.frame.get_right()[0]:.2f}")
        self.cloud_panel = self.build_cloud()
        # the push's definition stays up through the race (under the lambda stamp)
        push = VGroup(text("push =", "body", color=PUSH),
                      tex(rf"-{N.lr}\,\frac{{\hat m}}{{\sqrt{{\hat v}}}}", "formula", color=PUSH)).arrange(RIGHT, buff=0.15)
        self.push_card = VGroup(BackgroundRectangle(push, color=PANEL, fill_opacity=0.9, buff=0.15, corner_radius=0.1),
                                push)
        self.push_card.next_to(self.lam_stamp, DOWN, buff=0.35)
        if self.push_card.get_right()[0] > SAFE_RIGHT:
            self.push_card.shift(LEFT * (self.push_card.get_right()[0] - SAFE_RIGHT))
        self.push_card.shift(RIGHT * max(0.0, min(self.lmap.frame.get_right()[0] + 0.15 - self.push_card.get_left()[0],
                                                  SAFE_RIGHT - self.push_card.get_right()[0])))
        self.claim("the push card sits under the lambda stamp, right of the map, on the frame",
                   self.push_card.get_left()[0] > self.lmap.frame.get_right()[0] + 0.1
                   and self.push_card.get_bottom()[1] > SAFE_BOTTOM and apart(self.push_card, self.lam_stamp),
                   f"{self.push_card.get_corner(DOWN + LEFT).round(2)}-{self.push_card.get_corner(UP + RIGHT).round(2)}")

    def build_cloud(self) -> VGroup:
        """The hero of the turning point: one batch's gradient at the late point (Adam + L2's rest), drawn for
        many batches, at one scale both ways: a cloud far taller along θ₂ than along θ₁, the ellipse of one
        spread (std) each way; beside it, big, each coordinate's swing and Adam + L2's √v̂ there as bars on one
        scale, with the √v̂ values."""
        psg = self.data.per_sample_grad(self.late)
        n, B = len(psg), self.batch
        rng = np.random.default_rng(self.seed)
        draws = np.array([psg[rng.choice(n, B, replace=False)].mean(axis=0) for _ in range(400)])
        sp = self.g_spread
        self.claim("the drawn batch gradients spread as the swing the text gives (within 15%)",
                   np.allclose(draws.std(axis=0), sp, rtol=0.15), f"{draws.std(axis=0)} vs {sp}")
        rv = self.root_v_last
        cl = optimizer_color(L2)
        R = 2.2 * sp[1]
        head = text("batch gradients, late in training", "body")
        head.move_to([HERO.left + 0.1, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        k = (head.get_bottom()[1] - 0.6 - (SAFE_BOTTOM + 0.75)) / (2 * R)
        c = np.array([HERO.left + 2.2, head.get_bottom()[1] - 0.6 - R * k, 0.0])
        # the g₁ axis drawn ``cloud_stretch``× wider than g₂ (said under the cloud)
        S = self.cloud_stretch
        pt = lambda g: c + k * np.array([S * g[0], g[1], 0.0])
        half_w = 0.75 / k / S
        axes = VGroup(Line(pt((-half_w, 0)), pt((half_w, 0)), stroke_color=MUTED, stroke_width=2),
                      Line(pt((0, -R)), pt((0, R)), stroke_color=MUTED, stroke_width=2))
        # the axis names at the left end and above the top (the right side holds the bars)
        names = VGroup(tex("g_1", "label", color=MUTED).next_to(axes[0], DOWN, buff=0.1).align_to(axes[0], RIGHT),
                       tex("g_2", "label", color=MUTED).next_to(axes[1], UP, buff=0.08))
        shown = draws[np.abs(draws[:, 1]) < R]
        dots = VGroup(*[Dot(pt(g), radius=0.04, color=TEXT, fill_opacity=0.55) for g in shown])
        mean = draws.mean(axis=0)
        ell = Ellipse(width=2 * k * S * sp[0], height=2 * k * sp[1], stroke_color=STEP, stroke_width=5).move_to(pt(mean))
        ratio = round(sp[1] / sp[0])
        self.claim("root v hat along theta two is the same multiple of theta one's as the gradient swing",
                   round(rv[1] / rv[0]) == ratio, f"{rv}, {sp}")
        # left of the cloud: what the ellipse is, and how much taller it is than wide
        std_words = VGroup(text("\u00b11 std", "body", color=STEP))
        std_words.next_to(ell, LEFT, buff=0.45).shift(UP * 0.5 * ell.height)
        std_lead = Line(std_words[0].get_right() + RIGHT * 0.08, ell.point_from_proportion(0.3),
                        stroke_color=STEP, stroke_width=2.5)
        # right of the cloud, big: each coordinate's swing (±1 std, the ellipse's half-axis) as a bar, and
        # Adam + L2's √v̂ there as a bar under it, one scale for all four (θ₂'s row on top, as in the cloud)
        x0 = c[0] + 3.3 * k * S * sp[0] + 1.2
        L = (SAFE_RIGHT - 0.35 - x0) / max(rv[1], sp[1])
        h = 0.42
        legend = VGroup(text("swing (\u00b11 std)", "body", color=STEP),
                        text("Adam + L2's \u221av\u0302", "body", color=cl)).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        legend.move_to([x0, head.get_bottom()[1] - 0.35, 0], aligned_edge=UP + LEFT)
        rows = VGroup()
        for i, y in ((1, legend.get_bottom()[1] - 0.85), (0, SAFE_BOTTOM + 1.6)):
            name = tex(f"{N.theta1 if i == 0 else N.theta2}", "formula").move_to([x0 - 0.45, y, 0])
            swing, root_bar, val = self.bar_pair(i, x0, y, L, h, 0.04, "stamp")
            if i == 1:
                val.next_to(root_bar, DOWN, buff=0.2).align_to(root_bar, LEFT)
            else:
                val.next_to(root_bar, RIGHT, buff=0.3)
            rows.add(VGroup(name, swing, root_bar, val))
        self.claim("the bars' values round the computed root v hat, 8 times apart as the swing",
                   round(rv[1] / rv[0]) == ratio and 0.5 < rv[0] < 0.65 and 4.0 < rv[1] < 4.8, f"{rv}")
        # why √v̂ is the swing: at rest the gradients average about zero (m̂, their average, is near 0)
        m_late = np.asarray(self.trajs[L2].state["exp_avg_hat"], dtype=float)[-self.last:].mean(axis=0)
        self.claim("at rest Adam + L2's gradient averages about zero (its m hat, under 5% of root v hat), so root v "
                   "hat is about the swing", np.all(np.abs(m_late) < 0.05 * rv), f"{m_late} vs {rv}")
        self.mean_note = text("mean g \u2248 0 at rest, so \u221av\u0302 \u2248 swing", "body")
        self.mean_note.next_to(rows[1][2], DOWN, buff=0.35).align_to(rows[1][2], LEFT)
        self.claim("the mean note sits under the bars, on the frame",
                   self.mean_note.get_right()[0] < SAFE_RIGHT and self.mean_note.get_bottom()[1] > SAFE_BOTTOM
                   and apart(self.mean_note, rows[1][3]) and apart(self.mean_note, rows[0]),
                   f"{self.mean_note.get_corner(DOWN + LEFT).round(2)}-{self.mean_note.get_corner(UP + RIGHT).round(2)}")
        root = VGroup(legend, rows)
        stretch = text("to scale" if S == 1 else f"g\u2081 \u00d7{S:g}: not to scale", "label",
                       color=MUTED)
        stretch.next_to(axes, DOWN, buff=0.1)
        names.add(stretch)
        panel = VGroup(head, VGroup(axes, names, dots), VGroup(ell, std_words, std_lead), root)
        self.claim("the gradient cloud and its bars fill the hero slot and the side panel, clear of the bottom",
                   panel.get_bottom()[1] > SAFE_BOTTOM and panel.get_right()[0] < SAFE_RIGHT
                   and panel.get_left()[0] > SAFE_LEFT - 0.01 and rows.width > 0.55 * HERO.width
                   and std_words.get_left()[0] > HERO.left and rows[0][0].get_left()[0] > ell.get_right()[0] + 0.3
                   and rows[1][3].get_right()[0] < SAFE_RIGHT and rows[0][3].get_top()[1] < rows[0][2].get_bottom()[1]
                   and rows[0][3].get_bottom()[1] > rows[1][1].get_top()[1] + 0.2
                   and rows[1][3].get_bottom()[1] > SAFE_BOTTOM and legend.get_right()[0] < SAFE_RIGHT
                   and stretch.get_bottom()[1] > SAFE_BOTTOM and apart(stretch, rows)
                   and all(not (ell.get_left()[0] < d.get_center()[0] < ell.get_right()[0]) or apart(d, stretch)
                           for d in dots),
                   f"bottom {panel.get_bottom()[1]:.2f}, right {panel.get_right()[0]:.2f}, "
                   f"left {std_words.get_left()[0]:.2f}, rows {rows.get_left()[0]:.2f}..{rows.get_right()[0]:.2f}")
        return panel

    # ------------------------------------------------------------------ beats
    def two_pulls(self):
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
        d_hat, z_hat = down / np.linalg.norm(down), toward0 / np.linalg.norm(toward0)
        screen = lambda v: float(np.linalg.norm(self.lmap.c2p(*(x0 + v)) - self.lmap.c2p(*x0)))
        # both arrows the same length on screen (directions only)
        z_len = unit * screen(d_hat) / screen(z_hat)
        self.decay_arrow = ParamArrow(self.lmap, x0, z_len * z_hat, color=DECAY,
                                      label=rf"-{N.wd}\,{N.params}", label_side=LEFT)
        self.scale_note = text("directions only, not to scale", "label", color=MUTED)
        self.scale_note.move_to(self.lmap.c2p(-0.4, 1.35), aligned_edge=UP + LEFT)
        self.scale_note = VGroup(BackgroundRectangle(self.scale_note, color=PANEL, fill_opacity=0.85, buff=0.08,
                                                     corner_radius=0.06), self.scale_note)
        self.decay_arrow.label.next_to(self.decay_arrow.tip_point, LEFT, buff=0.12)
        self.claim("the data plot sits right of the map", self.data_plot.get_left()[0] > self.lmap.get_right()[0] + 0.2,
                   f"{self.data_plot.get_left()[0]:.2f} vs {self.lmap.get_right()[0]:.2f}")
        with self.voiceover(text="Fit a line to noisy data: theta one is its slope, theta two its intercept.") as tracker:
            self.set_heading("Downhill is not toward zero")
            self.until(tracker, 0.55)
            self.play(FadeIn(self.star_dot), FadeIn(self.star_label), Indicate(self.data_plot[1].line, color=TEXT),
                      run_time=0.9)
        with self.voiceover(text="The loss is flat along theta one and steep along theta two.") as tracker:
            self.play(FadeOut(self.data_plot), FadeIn(self.cuts[0]), run_time=0.8)
            self.until(tracker, 0.45)
            self.play(FadeIn(self.cuts[1]), FadeIn(self.cuts[2]), run_time=0.7)
            self.play(FadeIn(self.origin), FadeIn(self.start_dot), FadeIn(self.start_label), run_time=0.5)
        with self.voiceover(text="Weight decay adds a second pull: toward zero, not toward the minimum.") as tracker:
            self.play(GrowArrow(self.down_arrow.arrow), FadeIn(self.down_arrow.label), run_time=0.6)
            self.until(tracker, 0.3)
            self.play(GrowArrow(self.decay_arrow.arrow), FadeIn(self.decay_arrow.label), FadeIn(self.scale_note),
                      run_time=0.7)
            self.play(Indicate(self.decay_arrow.arrow, color=DECAY, scale_factor=1.1), run_time=0.7)

    def l2_inside_adam(self):
        self.build_rules()
        rv = self.root_v_last
        self.claim("the root of v hat is small along the flat coordinate and large along the steep one",
                   rv[0] < 1.0 < rv[1], f"{rv}")
        mag = self.arrow_mag
        note = VGroup(text("one step's decay,", "label", color=MUTED), text(f"drawn {mag:g}\u00d7 longer", "label",
                                                                    color=MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                          buff=0.08)
        note.move_to(self.lmap.c2p(1.35, 0.35), aligned_edge=UP + LEFT)
        self.step_note = VGroup(BackgroundRectangle(note, color=PANEL, fill_opacity=0.85, buff=0.08,
                                                    corner_radius=0.06), note)
        box = SurroundingRectangle(self.l2_b2.part("root"), color=optimizer_color(L2), buff=0.06, corner_radius=0.05)
        with self.voiceover(text="L2 adds lambda theta to the gradient."):
            # the formula comes with its heading (the slices leave first: they sit where it goes)
            self.play(self.heading_swap("Where the decay enters"),
                      FadeOut(VGroup(self.down_arrow, self.scale_note, self.cuts)), run_time=0.4)
            self.play(FadeIn(self.l2_title), FadeIn(self.l2_a), FadeIn(self.l2_a2), run_time=0.5)
            self.play(self.l2_a2.indicate("decay", color=DECAY), run_time=0.8)
        # no √v̂ values yet: they come from the runs, shown after them
        with self.voiceover(text="Adam divides each coordinate by its own root v hat."):
            self.play(FadeIn(self.l2_b), FadeIn(self.l2_b2), FadeIn(self.footnote), Create(box), run_time=0.8)
            self.play(FadeIn(self.l2_eff), run_time=0.7)
        self.rule_marks = VGroup(box)

    def adamw_decoupled(self):
        tw = self.trajs[W]
        decay0 = decoupled_decay(tw, 0)
        adam_part = tw.positions[1] - tw.positions[0] - decay0
        mag = self.arrow_mag
        self.claim("AdamW's step is its decay toward zero plus a plain Adam step",
                   np.allclose(decay0, -self.gl * self.x0)
                   and np.allclose(np.abs(adam_part), self.lr, rtol=1e-3), f"{decay0}, {adam_part}")
        decay = -self.gl * self.x0
        self.claim("the decay part points straight at zero", sine_between(decay, -self.x0) < 1e-9
                   and np.dot(decay, -self.x0) > 0)
        a_decay = ParamArrow(self.lmap, self.x0, decay, scale=mag, color=DECAY,
                             label=rf"-{N.lr}{N.wd}\,{N.params}", label_side=RIGHT)
        # a little below the arrow's middle: clear of the late point's name above it
        a_decay.label.next_to(a_decay.arrow.get_center(), DOWN, buff=0.35)
        a_decay.label.add_background_rectangle(color=PANEL, opacity=0.9, buff=0.08)
        # Adam + L2's rule folds to its decay line at the top; AdamW's rule goes under it (both on screen,
        # the decay term boxed in each)
        l2_gone = VGroup(self.l2_a, self.l2_a2, self.l2_b, self.l2_b2, self.footnote, self.rule_marks)
        l2_keep = VGroup(self.l2_title, self.l2_eff)
        l2_target = l2_keep.copy().arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        l2_target.move_to(self.l2_title.get_corner(UP + LEFT), aligned_edge=UP + LEFT)
        l2_box = SurroundingRectangle(l2_target[1][1], color=DECAY, buff=0.06, corner_radius=0.05)
        w_rule = VGroup(self.w_title, self.w_a, self.w_b0, self.w_b, self.w_c)
        w_rule.shift(DOWN * (self.w_title.get_top()[1] - l2_box.get_bottom()[1] + 0.25))
        w_box = SurroundingRectangle(self.w_b.part("decay"), color=DECAY, buff=0.06, corner_radius=0.05)
        # the Adam step named where it first shows: the "push" of the rest of the chapter
        self.push_def = text("= push", "body", color=PUSH)
        self.push_def.next_to(self.w_c, DOWN, buff=0.1).align_to(self.w_c, LEFT)
        self.claim("both rules and the push's name fit the side panel, right of the map",
                   self.push_def.get_bottom()[1] > SAFE_BOTTOM
                   and self.push_def.get_left()[0] > self.lmap.frame.get_right()[0] + 0.05
                   and w_rule.get_right()[0] < SAFE_RIGHT, f"{self.push_def.get_bottom()[1]:.2f}; "
                   f"left {self.push_def.get_left()[0]:.2f}")
        gl_pct = pct(100 * self.gl)
        self.claim("gamma lambda is the share the text says, and AdamW's first shrink is that share of each weight",
                   np.isclose(self.lr * self.weight_decay, self.gl) and np.allclose(decay0, -self.gl * self.x0))
        gl_words = VGroup(text(f"\u03b3 = {self.lr:g}, \u03bb = {self.weight_decay:g}", "body"),
                          text(f"\u03b3\u03bb = {gl_pct} % a step", "body", color=DECAY),
                          self.footnote2).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        gl_stamp = VGroup(BackgroundRectangle(gl_words, color=PANEL, fill_opacity=0.85, buff=0.1,
                                              corner_radius=0.06), gl_words)
        gl_stamp.move_to(self.lmap.c2p(-0.4, 2.2), aligned_edge=UP + LEFT)
        self.claim("the gamma-lambda stamp stays on the map, clear of min f's label and the step note",
                   gl_stamp.get_right()[0] < self.star_label.get_left()[0] - 0.1
                   and gl_stamp.get_bottom()[1] > self.step_note.get_top()[1] + 0.1
                   and gl_stamp.get_right()[0] < self.lmap.frame.get_right()[0],
                   f"{gl_stamp.get_corner(DOWN + RIGHT).round(2)}")
        with self.voiceover(text=f"AdamW keeps decay out of the gradient: it shrinks every weight by gamma "
                                 f"lambda, {gl_pct} percent here, then takes an Adam step.") as tracker:
            self.play(FadeOut(l2_gone), Transform(l2_keep, l2_target), run_time=0.6)
            # the whole rule at once, its Adam step named "push" from the start
            self.w_c.tex.set_color(PUSH)
            self.play(FadeIn(self.w_title), FadeIn(self.w_a), FadeIn(self.w_b0), FadeIn(self.w_b), FadeIn(self.w_c),
                      FadeIn(self.push_def), Create(l2_box), run_time=0.8)
            self.until(tracker, 0.3)
            self.play(self.w_b.indicate("decay", color=DECAY), FadeOut(self.decay_arrow), GrowArrow(a_decay.arrow),
                      FadeIn(a_decay.label), FadeIn(self.step_note), Create(w_box), run_time=1.0)
            self.play(FadeIn(gl_stamp), run_time=0.5)
            self.until(tracker, 0.76)
            self.play(Indicate(self.w_c.tex, color=PUSH, scale_factor=1.1), Indicate(self.push_def, color=PUSH),
                      run_time=1.0)
        self.w_block = VGroup(l2_keep, l2_box, w_box, self.w_title, self.w_a, self.w_b0, self.w_b, self.w_c,
                              a_decay, self.step_note, gl_stamp, self.push_def)

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
        self.claim("both stop short of min f: both rest far from it (beyond 1 in theta one)",
                   all(abs(a[0] - self.star[0]) > 1.0 for a in self.avg.values()), f"{self.avg} vs {self.star}")
        self.claim("by the slowed part of the race both runs are near where they rest (within 0.25)",
                   all(np.linalg.norm(t.positions[self.part_steps] - self.avg[k]) < 0.25 for k, t in self.trajs.items()),
                   f"{[t.positions[self.part_steps] for t in self.trajs.values()]}")
        pl, pw = self.pull_l2, self.pull_w
        self.claim("on average Adam + L2 pulls the flat theta one harder than AdamW and the steep theta two "
                   "far less", pl[0] > 1.3 * pw[0] and pl[1] < pw[1] / 3, f"{pl} vs {pw}")
        cl = optimizer_color(L2)
        head, cloud, ell, root = self.cloud_panel
        lm = self.lmap
        self.map_corner = lm.frame.get_corner(UP + LEFT)
        k = (SIDE.width - 0.2) / lm.frame.width
        target = np.array([SIDE.left + 0.1, HERO.top - 0.05, 0])
        with self.voiceover(text=f"With lambda {self.weight_decay:g}, both stop short of min f.") as tracker:
            self.set_heading(f"Mini-batches of {self.batch}, strong decay")
            self.play(FadeOut(self.w_block), ReplacementTransform(VGroup(self.w_c.tex, self.push_def).copy(), self.push_card),
                      FadeIn(self.lam_stamp),
                      run_time=0.6)
            self.add(*self.paths.values())
            # the runs part in their first ``part_steps`` steps: three quarters of the time goes to those
            early = self.part_steps / T

            def race(t):
                return early * t / 0.75 if t < 0.75 else early + (1 - early) * (t - 0.75) / 0.25
            self.play(*[p.draw(end=T, rate_func=race) for p in self.paths.values()],
                      FadeIn(self.path_names, rate_func=lambda t: min(1.0, max(0.0, 4 * t - 0.8))),
                      run_time=max(1.0, tracker.get_remaining_duration() - 0.9))
            self.play(Indicate(self.star_dot, scale_factor=1.6), Indicate(self.star_label), run_time=0.8)
        # the map leaves (it comes back small beside the chart after the turn); the cloud of batch gradients and
        # the bars of its swing and of √v̂ fill the frame
        zero = self.origin[1]
        self.origin.remove(zero)
        lm.remove(lm.axes)
        side_map = Group(lm, self.origin, self.star_dot, self.start_dot, *self.paths.values())
        legend, rows = root
        # a cross-fade from the race straight into the cloud (the map going a little ahead of the cloud, so its
        # θ axes are nearly gone under the cloud's g axes)
        with self.voiceover(text=f"Theta two's gradients swing {ratio:.0f} times more, and so does its root "
                                 "v hat.") as tracker:
            self.play(AnimationGroup(FadeOut(Group(self.lam_stamp, self.push_card, self.path_names, self.start_label,
                                                   self.star_label, lm.axes, zero, side_map)),
                                     AnimationGroup(FadeIn(head), FadeIn(cloud)), lag_ratio=0.35),
                      self.heading_swap(f"\u03b8\u2082's gradients swing {ratio:.0f}\u00d7 more"), run_time=0.7)
            side_map.scale(k, about_point=self.map_corner).shift(target - self.map_corner)
            self.play(Create(ell[0]), FadeIn(ell[1:]), FadeIn(legend[0]), *[FadeIn(r[0]) for r in rows],
                      *[GrowFromEdge(r[1], LEFT) for r in rows], run_time=0.9)
            self.until(tracker, 0.3)
            self.play(FadeIn(legend[1]), *[GrowFromEdge(r[2], LEFT) for r in rows], run_time=0.6)
            self.play(*[FadeIn(r[3]) for r in rows], FadeIn(self.mean_note), run_time=0.5)
        # the finished bars held (then they shrink into the side panel, beside the zoomed map)
        self.wait(1.3)
        # so L2's pull, divided per coordinate by these, misses zero: a cut to the map zoomed on Adam + L2's rest
        # point (the cloud small in the side panel with the √v̂ readouts); L2's pull drawn as it is named, then its
        # two parts with their shares per step as they are said; the chart only for AdamW's even 1 %
        bent_map, bent = self.bent_hero()
        compact = self.side_bars()
        with self.voiceover(text="Divided by these, L2's pull misses zero.") as tracker:
            # (each part was added on its own: remove every member; the bars shrink into the side panel)
            self.remove(*[m for mob in (head, cloud, ell, root, self.mean_note) for m in mob.get_family()])
            self.add(bent_map, root)
            self.play(self.heading_swap("Per step: how much each weight decays"),
                      ReplacementTransform(root, compact), run_time=0.6)
            self.until(tracker, 0.36)
            self.play(GrowArrow(bent["pull"]), FadeIn(bent["pull_lab"][0]), FadeIn(bent["pull_lab"][1][0]),
                      *[Indicate(r[2], color=cl, scale_factor=1.1) for r in compact[1]], run_time=0.8)
            self.until(tracker, 0.66)
            self.play(Create(bent["to_zero"]), FadeIn(bent["pull_lab"][1][1]), run_time=0.7)
        b1, b2 = bent["shares"]
        with self.voiceover(text=f"Adam plus L2 decays theta one {pct(pl[0])} percent, theta two only "
                                 f"{pct(pl[1])} percent;") as tracker:
            self.until(tracker, 0.12)
            self.play(GrowArrow(bent["parts"][0]), FadeIn(b1), run_time=0.6)
            self.play(Indicate(b1[1], color=cl, scale_factor=1.15), run_time=0.6)
            self.until(tracker, 0.5)
            self.play(GrowArrow(bent["parts"][1]), FadeIn(b2), run_time=0.6)
            self.play(Indicate(b2[1], color=cl, scale_factor=1.15), run_time=0.6)
        self.build_big_chart()
        s1, s2, sw = self.big_stamps
        with self.voiceover(text=f"AdamW decays both {pct(pw[0])} percent."):
            self.play(FadeOut(Group(bent_map, *bent.values(), compact)), FadeIn(side_map),
                      FadeIn(self.big_chart), FadeIn(self.big_band), FadeIn(self.big_band_label), FadeIn(s1),
                      FadeIn(s2), run_time=0.6)
            self.play(FadeIn(sw), run_time=0.4)
            self.play(Indicate(sw[1], color=optimizer_color(W), scale_factor=1.15), run_time=0.7)
        # the chart held: AdamW's flat 1 % against Adam + L2's two lines
        self.wait(1.5)

    def bent_hero(self):
        """The map zoomed on Adam + L2's rest point and zero, in the hero slot: L2's pull divided by the late √v̂
        (bent, drawn ``bent_mag``× longer), a dashed line from the rest point to zero (where it misses), and the
        pull's two parts (θ₁ along the top, θ₂ down the side), each with its share per step."""
        pull, late, mag = self.l2_pull0, self.late, self.bent_mag
        # (the pull's parts go left and down from the rest point; their names right of θ₂'s and over θ₁'s)
        self.claim("divided by root v hat per coordinate, L2's decay no longer points at zero",
                   sine_between(pull, -late) > 0.2, f"sin {sine_between(pull, -late):.2f}")
        shares = 100 * np.abs(pull) / late
        self.claim("the drawn pull's parts are the run's decay shares per step (within 10%)",
                   np.allclose(shares, self.pull_l2, rtol=0.1), f"{shares} vs {self.pull_l2}")
        cl = optimizer_color(L2)
        zm = LandscapeMap(self.ls, width=HERO.width - 1.35, height=self.lmap.plot_height,
                          bounds=self.bent_box, n_contours=10, value_scale=self.lmap.value_scale,
                          show_markers=False, n_ticks=4)
        zm.shift(self.map_corner - zm.frame.get_corner(UP + LEFT))
        kx, ky = (zm.c2p(1.0, 0.0) - zm.c2p(0.0, 0.0))[0], (zm.c2p(0.0, 1.0) - zm.c2p(0.0, 0.0))[1]
        self.claim("the zoomed map is not to scale (one unit of theta one and of theta two differ on screen by "
                   "more than 1.2x)", max(kx / ky, ky / kx) > 1.2, f"{kx:.2f} vs {ky:.2f}")
        (x0, x1), (y0, y1) = self.bent_box
        tip = late + mag * pull
        self.claim("the bent pull's arrow stays inside the zoomed box", x0 < tip[0] < x1 and y0 < tip[1] < y1,
                   f"{tip}")
        p0, pl_ = zm.c2p(*late), zm.c2p(0.0, 0.0)
        corner = zm.c2p(tip[0], late[1])
        rest = Dot(p0, radius=0.14, color=cl, stroke_color="#000000", stroke_width=3)
        zero = self.origin_mark(zm)
        zero[1].scale(1.4).next_to(zero[0], DOWN + LEFT, buff=0.08)
        to_zero = DashedLine(p0, pl_, color=DECAY, stroke_width=4, dash_length=0.15)
        a_bent = Arrow(p0, zm.c2p(*tip), buff=0, color=cl, stroke_width=10, max_tip_length_to_length_ratio=0.2)
        # its parts, both from the rest point: θ₁ to the left, θ₂ down
        part1 = Arrow(p0, corner, buff=0, color=cl, stroke_width=6, max_tip_length_to_length_ratio=0.12)
        part2 = Arrow(p0, zm.c2p(late[0], tip[1]), buff=0, color=cl, stroke_width=6,
                      max_tip_length_to_length_ratio=0.45)
        for a_ in (part1, part2):
            a_.set_opacity(0.8)

        def tag(*lines, col, size="body"):
            w = VGroup(*[text(t_, size, color=c_) for t_, c_ in zip(lines, col)]).arrange(DOWN, aligned_edge=LEFT,
                                                                                        buff=0.1)
            return VGroup(BackgroundRectangle(w, color=PANEL, fill_opacity=0.85, buff=0.08), w)
        # (above the rest point, a little right: θ₁'s share sits over the pull's top part, left of it)
        rest_lab = tag("Adam + L2", col=[cl], size="label").next_to(rest, UP + RIGHT, buff=0.02)
        rest_lab.shift(LEFT * max(0.0, rest_lab.get_right()[0] - (zm.frame.get_right()[0] - 0.08)))
        b_lab = tag("L2 pull \u00f7 \u221av\u0302", "misses zero", col=[cl, DECAY])
        # right of the dashed line to zero, under the rest point (the line runs down to the left, clear of it)
        top = a_bent.get_end()[1] - 0.35
        x_line = p0[0] + (top - p0[1]) * (pl_[0] - p0[0]) / (pl_[1] - p0[1])
        b_lab.move_to([x_line + 0.25, top, 0], aligned_edge=UP + LEFT)
        b_lab.shift(LEFT * max(0.0, b_lab.get_right()[0] - (zm.frame.get_right()[0] - 0.08)))
        self.claim("the pull's name clears the dashed line to zero (the line left of its top left corner)",
                   p0[0] + (b_lab.get_top()[1] - p0[1]) * (pl_[0] - p0[0]) / (pl_[1] - p0[1]) < b_lab.get_left()[0] - 0.05,
                   f"{b_lab.get_corner(UP + LEFT).round(2)}")
        # the shares as said: θ₁'s over its part (along the top), θ₂'s left of its part
        sub = ("\u2081", "\u2082")
        stamps = VGroup(*[tag(f"\u03b8{sub[i]}: {pct(self.pull_l2[i])} %", col=[cl]) for i in range(2)])
        stamps[0].next_to(part1, UP, buff=0.1)
        stamps[1].next_to(part2, RIGHT, buff=0.12)
        stamps[0].shift(LEFT * max(0.0, stamps[0].get_right()[0] - (rest_lab.get_left()[0] - 0.12)))
        note = VGroup(text(f"arrows {mag:g}\u00d7 longer,", "label", color=MUTED),
                      text("axes not to scale", "label", color=MUTED)).arrange(DOWN, aligned_edge=RIGHT, buff=0.08)
        note.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        note.move_to(zm.frame.get_corner(DOWN + RIGHT) + np.array([-0.15, 0.15, 0]), aligned_edge=DOWN + RIGHT)

        labs = (rest_lab, b_lab, note, *stamps)
        self.claim("the bent pull's labels clear one another, the arrows and stay on the zoomed map",
                   all(apart(x, y) for i, x in enumerate(labs) for y in labs[i + 1:])
                   and all(apart(x, y) for x in labs for y in (a_bent, rest)) and apart(stamps[1], part2)
                   and all(inside(m, zm.frame, 0.02) for m in labs),
                   f"{[(m.get_corner(DOWN + LEFT).round(2), m.get_corner(UP + RIGHT).round(2)) for m in labs]}, "
                   f"frame {zm.frame.get_corner(DOWN + LEFT).round(2)}, {zm.frame.get_corner(UP + RIGHT).round(2)}")
        return (Group(zm, zero, rest, rest_lab, note),
                {"pull": a_bent, "pull_lab": b_lab, "to_zero": to_zero, "parts": VGroup(part1, part2),
                 "shares": stamps})

    def bar_pair(self, i: int, x0: float, y: float, scale: float, h: float, gap: float, size: str):
        """Coordinate ``i``'s swing bar over Adam + L2's √v̂ bar (left ends at ``x0``, ``gap`` either side of
        ``y``, ``scale`` units per unit, one scale for both) and the √v̂ value in ``size``, in its colour."""
        rv, sp, cl = self.root_v_last, self.g_spread, optimizer_color(L2)
        swing = Rectangle(width=scale * sp[i], height=h, stroke_width=0, fill_color=STEP, fill_opacity=0.9)
        swing.move_to([x0, y + 0.5 * h + gap, 0], aligned_edge=LEFT)
        bar = Rectangle(width=scale * rv[i], height=h, stroke_width=0, fill_color=cl, fill_opacity=0.9)
        bar.move_to([x0, y - 0.5 * h - gap, 0], aligned_edge=LEFT)
        sub = "\u2081" if i == 0 else "\u2082"
        return swing, bar, text(f"\u221av\u0302{sub} \u2248 {rv[i]:.2g}", size, color=cl)

    def side_bars(self):
        """The swing and √v̂ bars, compact in the side panel (the same rows and legend as the big ones, for a
        transform: one scale for all four, the values beside their √v̂ bars), kept while the zoomed map shows L2's
        pull divided by them."""
        _, _, _, root = self.cloud_panel
        legend, rows = root
        rv, sp = self.root_v_last, self.g_spread
        left, top = SIDE.left + 0.05, HERO.top - 0.15
        small_legend = legend.copy().move_to([left, top, 0], aligned_edge=UP + LEFT)
        x0 = left + 0.55
        L = (SAFE_RIGHT - 0.1 - x0) / max(rv[1], sp[1])
        h = 0.3
        small_rows = VGroup()
        y = small_legend.get_bottom()[1] - 0.75
        for row, i in zip(rows, (1, 0)):
            name = row[0].copy().move_to([left + 0.2, y, 0])
            swing, bar, val = self.bar_pair(i, x0, y, L, h, 0.03, "body")
            if i == 1:
                val.next_to(bar, DOWN, buff=0.2).align_to(bar, LEFT)
                y = val.get_bottom()[1] - 0.75
            else:
                val.next_to(VGroup(swing, bar), RIGHT, buff=0.25)
            small_rows.add(VGroup(name, swing, bar, val))
        compact = VGroup(small_legend, small_rows)
        self.claim("the compact bars fit the side panel, right of the zoomed map and above the bottom",
                   compact.get_right()[0] < SAFE_RIGHT and compact.get_left()[0] > SIDE.left - 0.01
                   and compact.get_bottom()[1] > SAFE_BOTTOM + 0.1
                   and small_rows[1][3].get_bottom()[1] > small_rows[0][3].get_bottom()[1] - 2,
                   f"{compact.get_corner(DOWN + LEFT).round(2)}-{compact.get_corner(UP + RIGHT).round(2)}")
        return compact

    def build_big_chart(self):
        """The per-step decay chart again, in the hero slot (all steps drawn), with its labels and the band
        of the last steps."""
        T, K = self.steps, self.last
        lo, hi = 0.1, 5.0
        cl, cw = optimizer_color(L2), optimizer_color(W)
        chart = StepChart(T, log_y=True, y_range=(lo, hi), width=HERO.width - 1.3, height=HERO.height - 1.4,
                          y_label="decay per step, %", n_x_ticks=3, font_size=SIZES["label"])
        chart.shift([HERO.left + 1.0, HERO.top - 0.55, 0] - chart.frame.get_corner(UP + LEFT))
        pad = lambda v: np.clip(100 * np.concatenate([[v[0]], v]), lo, hi)
        for i in range(2):
            chart.add_series(pad(self.rate_l2[:, i]), cl, name=f"l2_{i}", stroke_width=5)
        chart.add_series(pad(self.rate_w[:, 0]), cw, name="adamw", stroke_width=5)
        chart.show_all()
        self.big_chart = chart
        c2p = chart.c2p
        self.big_stamps = VGroup()
        for words, col, value, side in ((f"Adam + L2, \u03b8\u2081: {pct(self.pull_l2[0])} %", cl, self.pull_l2[0], UP),
                                        (f"Adam + L2, \u03b8\u2082: {pct(self.pull_l2[1])} %", cl, self.pull_l2[1], UP),
                                        (f"AdamW, both: {pct(self.pull_w[0])} %", cw, self.pull_w[0], DOWN)):
            w = text(words, "body", color=col)
            lab = VGroup(BackgroundRectangle(w, color=PANEL, fill_opacity=0.85, buff=0.06), w)
            lab.next_to(c2p(T, value), side, buff=0.18).align_to(chart.frame, RIGHT).shift(LEFT * 0.1)
            self.big_stamps.add(lab)
        lo_pt, hi_pt = c2p(T - K, lo), c2p(T, hi)
        self.big_band = Rectangle(width=hi_pt[0] - lo_pt[0], height=hi_pt[1] - lo_pt[1], stroke_width=0,
                                  fill_color=TEXT, fill_opacity=0.1).move_to((lo_pt + hi_pt) / 2)
        self.big_band_label = text(f"last {K} steps", "label", color=MUTED)
        self.big_band_label.next_to(self.big_band, UP, buff=0.1)
        s1, s2, sw = self.big_stamps
        fr = chart.frame
        self.claim("the big chart's labels sit beside their own lines, apart, inside the chart",
                   all(m.get_left()[0] > fr.get_left()[0] and m.get_top()[1] < fr.get_top()[1] for m in (s1, s2, sw))
                   and sw.get_bottom()[1] > s2.get_top()[1] + 0.1 and s1.get_bottom()[1] > sw.get_top()[1] - 0.5
                   and self.big_band_label.get_top()[1] < HERO.top + 0.1
                   and chart.get_right()[0] < SIDE.left,
                   f"{[round(m.get_top()[1], 2) for m in (s1, s2, sw)]}")

    def where_they_end(self):
        K = self.last
        al, aw = self.avg[L2], self.avg[W]
        sl, sw_ = self.spread[L2], self.spread[W]
        pl, pw = self.pull_l2, self.pull_w
        lam = self.weight_decay
        g_l2 = self.data.grad(al)
        self.claim("Adam + L2 settles on the minimum of the loss plus the L2 penalty lambda/2 |theta|^2 "
                   "(at rest its loss push and decay pull cancel)",
                   np.allclose(al, self.reg_min, atol=0.05) and np.all(np.abs(g_l2 + lam * al) < 0.15 * np.abs(lam * al)),
                   f"{al} vs {self.reg_min}")
        self.claim("AdamW pulls theta two harder than Adam + L2, and ends nearer zero there (beyond the spread of "
                   "either run)", pw[1] > 3 * pl[1] and 0 < aw[1] < al[1] and al[1] - aw[1] > sl[1] + sw_[1],
                   f"{pl} vs {pw}; {al} vs {aw}")
        self.claim("the same ordering along theta two holds for every mini-batch seed checked",
                   all(a[W][1] < a[L2][1] for a in self.seed_avgs),
                   f"{[(a[L2].round(2), a[W].round(2)) for a in self.seed_avgs]}")
        self.claim(f"averaged over the last {K} steps, AdamW rests at the minimum of f + lambda/2 sum root-v-hat_i "
                   "theta_i^2 (its shrink balances its divided push), a penalty lighter than L2's on theta one and "
                   "heavier on theta two",
                   np.allclose(aw, self.w_pred, atol=0.05) and self.root_v_w_last[1] > 1.0 > self.root_v_w_last[0],
                   f"{aw} vs {self.w_pred}")
        # over the last steps AdamW's shrink and its Adam step cancel (it stays put)
        tw = self.trajs[W]
        moves = np.diff(tw.positions[-K - 1:], axis=0)
        shrink = -self.gl * tw.positions[-K - 1:-1]
        adam_steps = moves - shrink
        self.claim("at AdamW's mean the shrink gamma lambda theta and the Adam step balance (on average, within 10%)",
                   np.all(np.abs(adam_steps.mean(axis=0) + shrink.mean(axis=0)) < 0.1 * np.abs(shrink.mean(axis=0))),
                   f"{adam_steps.mean(axis=0)} vs {shrink.mean(axis=0)}")
        step_pred = -self.lr * self.data.grad(aw) / self.root_v_w_last
        self.claim("the Adam step at AdamW's mean, gamma grad f over its root v hat, is the run's mean Adam step "
                   "(within 10%)", np.allclose(step_pred, adam_steps.mean(axis=0), rtol=0.1),
                   f"{step_pred} vs {adam_steps.mean(axis=0)}")
        # the ghost: the minimum of f + λ/2 Σ wᵢθᵢ², its weights turned from L2's (1, 1) to AdamW's √v̂,
        # θ₁'s first (it moves out), then θ₂'s (it moves in)
        rw = self.root_v_w_last
        mid = self.weighted_min((rw[0], 1.0))
        self.claim("a lighter penalty on theta one moves the rest point out along theta one (theta two barely "
                   "moves); a heavier one on theta two then moves it in along theta two",
                   mid[0] > self.reg_min[0] + 0.2 and abs(mid[1] - self.reg_min[1]) < 0.05
                   and self.w_pred[1] < mid[1] - 0.2 and abs(self.w_pred[0] - mid[0]) < 0.1,
                   f"{self.reg_min} -> {mid} -> {self.w_pred}")
        self.build_end()
        balance = self.balance_arrows(shrink.mean(axis=0), adam_steps.mean(axis=0))
        lm = self.lmap
        # the whole map shrinks into a locator under the rest formulas (the box, zero and the minimum),
        # uncovering the zoomed map of the box
        small = Group(lm, self.origin, self.star_dot, self.start_dot, self.outline)
        fr = lm.frame
        s = self.loc_width / fr.width
        c0 = fr.get_center()
        c1 = self.loc_frame.get_center()
        self.locator = Group(small, self.loc_frame, self.loc_zero)
        grow = self.outline.copy()
        with self.voiceover(text="At rest, Adam plus L2's divisor cancels: it sits where a loss contour just "
                                 "touches a penalty circle.") as tracker:
            # the heading changes with its picture (the chart leaves as it comes)
            self.play(FadeOut(self.chart_bits), FadeOut(Group(*self.paths.values())),
                      Create(self.outline), self.heading_swap(f"Where they rest: mean of the last {K} steps"),
                      run_time=0.5)
            self.add(self.zmap.heatmap, self.zmap.contours)
            self.add(small, grow)
            self.play(small.animate.scale(s, about_point=c0).shift(c1 - c0),
                      grow.animate.become(self.zmap.frame.copy().set_stroke(TEXT, 3)),
                      FadeIn(self.clouds), FadeIn(self.l2_pre_box), run_time=0.8)
            self.play(FadeOut(grow), FadeIn(self.zmap.axes), FadeIn(self.loc_zero), FadeIn(self.loc_frame),
                      run_time=0.3)
            # "the divisor cancels": √v̂ struck out, then the balance without it
            self.play(Create(self.strike), run_time=0.4)
            self.wait(0.5)
            self.play(*self.solve(self.l2_pre_box, self.l2_box), FadeOut(self.strike), run_time=0.6)
            # the loss contour and the penalty circle come together, each named
            self.play(Create(self.loss_l2), FadeIn(self.loss_lab), Create(self.arc),
                      FadeIn(self.pen_labels[0]), run_time=0.7)
            # "touches": at the rest point ∇f (across the loss contour) and λθ (along the radius, across the circle)
            # are equal and opposite, so the two curves' normals line up there
            self.play(Create(self.ring), *[GrowArrow(a) for a in self.normals[0]], FadeIn(self.normals[1]),
                      run_time=0.7)
            self.settle(L2, run_time=max(0.4, min(0.9, tracker.get_remaining_duration() - 0.8)), also=self.ring_lab)
        self.claim("the loss contour's name clears the balance arrows and their words",
                   all(apart(self.loss_lab, m) for m in balance), f"{self.loss_lab.get_center().round(2)}")

    def heading_swap(self, words: str):
        """The heading's change as one animation (the old one out, then the new one in), to play together with
        the change of its picture."""
        old = self.heading
        new = self.set_heading(words, animate=False)
        self.remove(new)
        if old is None:
            return FadeIn(new, shift=0.15 * DOWN)
        self.add(old)
        return AnimationGroup(FadeOut(old), FadeIn(new, shift=0.15 * DOWN), lag_ratio=1.0)

    def balance_arrows(self, shrink, step) -> VGroup:
        """At AdamW's mean: the θ₂ parts of its mean shrink (−γλθ) and of its mean Adam step over the last steps,
        drawn ``rest_mag``× longer, equal and opposite, with their values; and the magnification note."""
        zm, aw, mag = self.zmap, self.avg[W], self.rest_mag
        a_shrink = ParamArrow(zm, aw, (0.0, shrink[1]), scale=mag, color=DECAY).arrow
        a_step = ParamArrow(zm, aw, (0.0, step[1]), scale=mag, color=PUSH).arrow
        v_shrink, v_step = f"{abs(shrink[1]):.2g}", f"{abs(step[1]):.2g}"
        self.claim("the shrink and the Adam step at AdamW's mean point opposite ways with the same theta two part",
                   v_shrink == v_step and shrink[1] < 0 < step[1] and shrink[0] < 0 < step[0], f"{shrink} vs {step}")
        minus = "\u2212"
        l_shrink = VGroup(text("shrink", "body", color=DECAY), text(f"\u03b8\u2082 {minus}{v_shrink}", "body", color=DECAY))
        l_step = VGroup(text("push", "body", color=PUSH), text(f"\u03b8\u2082 +{v_step}", "body", color=PUSH))
        for lab in (l_shrink, l_step):
            lab.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            lab.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        fr = zm.frame
        # the shrink's words right of its arrow, just above AdamW's name
        l_shrink.move_to([a_shrink.get_right()[0] + 0.15, self.avg_marks[1][1][0].get_top()[1] + 0.12, 0],
                         aligned_edge=DOWN + LEFT)
        # (above the loss contour's name)
        l_step.move_to([fr.get_right()[0] - 0.05, max(a_step.get_end()[1], self.loss_lab.get_top()[1]) + 0.1, 0],
                       aligned_edge=DOWN + RIGHT)
        note = VGroup(text("one step,", "label", color=MUTED),
                      text(f"drawn {mag:g}\u00d7 longer", "label", color=MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                    buff=0.08)
        note.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        # in the map's bottom left corner (clear of the clouds)
        note.move_to(fr.get_corner(DOWN + LEFT) + np.array([0.12, 0.12, 0]), aligned_edge=DOWN + LEFT)

        others = [m[1][0] for m in self.avg_marks] + [self.ring_lab, self.pen_labels[0]]
        self.claim("the balance labels clear each other, the names, the L2 labels and stay on the zoomed map",
                   all(apart(a, b) for a in (l_shrink, l_step, note) for b in others)
                   and apart(l_shrink, l_step) and apart(l_step, note) and apart(l_shrink, note)
                   and all(fr.get_left()[0] < m.get_left()[0] and m.get_right()[0] < fr.get_right()[0]
                           and fr.get_bottom()[1] < m.get_bottom()[1] and m.get_top()[1] < fr.get_top()[1]
                           for m in (l_shrink, l_step, note)),
                   "; ".join(f"{m.get_corner(DOWN + LEFT)[:2].round(2)}-{m.get_corner(UP + RIGHT)[:2].round(2)}"
                             for m in [l_shrink, l_step, note, fr] + others))
        return VGroup(a_shrink, a_step, l_shrink, l_step, note)

    def solve(self, pre_box, box):
        """A rest formula's first form turns into its solved form (its box growing for the penalty line, which
        fades in on its own)."""
        return [ReplacementTransform(pre_box[0], box[0]), ReplacementTransform(pre_box[1][0], box[1][0]),
                ReplacementTransform(pre_box[1][1], box[1][1]), *[FadeOut(m) for m in pre_box[1][2:]]]

    def weighted_min(self, w) -> np.ndarray:
        """The minimum of f + λ/2 Σ wᵢθᵢ² (w = (1, 1): the L2 minimum; w = AdamW's √v̂: where AdamW rests)."""
        return np.linalg.solve(self.H + self.weight_decay * np.diag(w), self.H @ self.star)

    def penalty_arc(self, w, through) -> np.ndarray:
        """Scene points of the penalty's contour Σ wᵢθᵢ² = c through ``through``, inside the zoomed box."""
        (zx0, zx1), (zy0, zy1) = self.zoom_box
        c = float(np.dot(w, np.square(through)))
        t1 = np.linspace(zx0, min(zx1, np.sqrt(c / w[0]) - 1e-9), 400)
        t2 = np.sqrt(np.maximum(c - w[0] * t1 ** 2, 0.0) / w[1])
        keep = (t2 >= zy0) & (t2 <= zy1)
        return np.array([self.zmap.c2p(a, b) for a, b in zip(t1[keep], t2[keep])])

    def loss_contour(self, through, box=None, c2p=None) -> VGroup:
        """The loss's level curve through ``through``, clipped to a box (the zoomed one unless given; one piece per
        stretch inside), in scene points by ``c2p`` (the zoomed map's unless given)."""
        (zx0, zx1), (zy0, zy1) = box if box is not None else self.zoom_box
        c2p = c2p if c2p is not None else self.zmap.c2p
        A = self.H / 2
        c = float((through - self.star) @ A @ (through - self.star))
        phi = np.linspace(0, 2 * np.pi, 4000)
        u = np.stack([np.cos(phi), np.sin(phi)], axis=1)
        r = np.sqrt(c / np.einsum("ij,jk,ik->i", u, A, u))
        pts = self.star + r[:, None] * u
        in_box = (pts[:, 0] >= zx0) & (pts[:, 0] <= zx1) & (pts[:, 1] >= zy0) & (pts[:, 1] <= zy1)
        pieces, run = VGroup(), []
        for q, ok in zip(pts, in_box):
            if ok:
                run.append(c2p(*q))
            elif len(run) > 3:
                pieces.add(VMobject(stroke_color=TEXT, stroke_width=2.5, stroke_opacity=0.9)
                           .set_points_smoothly(np.array(run)))
                run = []
            else:
                run = []
        if len(run) > 3:
            pieces.add(VMobject(stroke_color=TEXT, stroke_width=2.5, stroke_opacity=0.9).set_points_smoothly(np.array(run)))
        return pieces

    def takeaway_beat(self):
        """On the same zoom: push against decay along θ₂ (why AdamW rests nearer zero there); AdamW's balance
        rewritten as a penalty weighted by its √v̂; then, to scale once, the circle and the ellipse each touching
        its loss contour, the circle turning into the ellipse."""
        s1, s2, s3 = self.link_arrows
        d = self.deriv
        dot_w, lab_w = self.avg_marks[1]
        name_l2, leader_l2 = self.avg_marks[0][1]
        with self.voiceover(text="At Adam plus L2's rest, AdamW's decay wins, so it rests lower.") as tracker:
            # the balance, the L2 labels and the rest formulas leave; the clouds and L2's curves dim
            self.play(FadeOut(VGroup(self.ring_lab, self.loss_lab, self.pen_labels[0], self.l2_box, self.normals)),
                      FadeOut(self.locator),
                      self.clouds.animate.set_fill(opacity=0.12), self.loss_l2.animate.set_stroke(opacity=0.3),
                      self.arc.animate.set_stroke(opacity=0.3), self.ring.animate.set_stroke(opacity=0.3),
                      self.heading_swap("Push against decay, along \u03b8\u2082"), run_time=0.5)
            # the means shrink a little so Adam + L2's short arrows show (its two divided by the same √v̂, which
            # cancels: they balance)
            self.play(*[GrowArrow(a) for a in s1], FadeIn(self.card[0]), FadeIn(self.link_note),
                      Transform(name_l2, self.l2_name_to), FadeOut(leader_l2), Create(self.link_strikes),
                      self.avg_marks[0][0].animate.scale(0.6), run_time=0.6)
            dot_w.scale(0.6)
            # AdamW's push and decay at that same point (a ring in its colour): the decay, not divided, is far
            # longer (a copy of Adam + L2's pair becomes AdamW's, over it)
            arrows = s1.copy()
            self.add(arrows)
            probe = self.probe
            self.play(FadeIn(self.card[1]), Transform(arrows, s2), FadeIn(probe), Create(self.probe_leader),
                      FadeIn(self.probe_tag), FadeIn(dot_w), FadeIn(lab_w), run_time=0.6)
            self.play(Indicate(arrows[1], color=DECAY, scale_factor=1.15), Indicate(self.card[1][1][2], color=DECAY),
                      run_time=0.7)
            # "so it rests lower": the decay pulls the ring in to AdamW's rest, where shrink and push balance
            self.until(tracker, 0.84)
            self.play(FadeOut(VGroup(self.probe_tag, self.probe_leader), run_time=0.3), Transform(arrows, s3),
                      probe.animate.move_to(self.zmap.c2p(*self.avg[W])), run_time=0.8)
        # AdamW's balance, times √v̂/γ, line by line as said, in the side panel's top (the map keeps its pairs)
        cw = optimizer_color(W)
        with self.voiceover(text="At rest, shrink equals push; times root v hat over gamma, the decay "
                                 "becomes lambda root v hat theta.") as tracker:
            self.play(FadeOut(VGroup(self.card, self.link_strikes)),
                      self.heading_swap("AdamW's penalty follows the noise"), run_time=0.6)
            self.play(FadeOut(probe), FadeIn(self.deriv_back0), FadeIn(d["avg"]), FadeIn(d["pre"]), run_time=0.5)
            self.until(tracker, 0.3)
            self.play(ReplacementTransform(self.deriv_back0, d["back"]), GrowArrow(d["arrow"]), FadeIn(d["mul"]),
                      run_time=0.6)
            self.until(tracker, 0.6)
            self.play(FadeIn(d["root"], shift=0.15 * DOWN), run_time=0.5)
            self.until(tracker, 0.76)
            self.play(Indicate(self.deriv_term, color=cw, scale_factor=1.2), run_time=0.8)
        self.claim("AdamW's decay per step is the same share on both coordinates (even), while its penalty's weights "
                   "are its root v hat, which follows the gradient swing (heavier where the gradients are noisier)",
                   np.allclose(self.rate_w, self.gl, rtol=1e-9) and self.g_spread[1] > 3 * self.g_spread[0]
                   and self.root_v_w_last[1] > 3 * self.root_v_w_last[0], f"{self.root_v_w_last}, {self.g_spread}")
        with self.voiceover(text="So even decay per step gives a penalty that follows the noise.") as tracker:
            # the even shrink γλθ lights, then the penalty weighted by AdamW's √v̂ comes in and lights
            self.play(Indicate(d["pre"][0][:3], color=DECAY, scale_factor=1.25), run_time=0.8)
            self.until(tracker, 0.38)
            self.play(Create(d["brace"]), FadeIn(d["pen"], shift=0.15 * DOWN),
                      FadeIn(d["who"], shift=0.15 * DOWN), run_time=0.7)
            self.until(tracker, 0.62)
            self.play(Indicate(VGroup(d["pen"], d["who"]), color=cw, scale_factor=1.1), run_time=0.9)
        # the payoff to scale, once: the zoom gives way to the whole plane round zero (one fade, the new picture
        # coming in as the old one goes); L2's circle touching its loss contour at Adam + L2's rest, then AdamW's
        # ellipse touching its own at AdamW's
        rw, al, aw = self.root_v_w_last, self.avg[L2], self.avg[W]
        sin_w = sine_between(self.data.grad(aw), rw * aw)
        self.claim("where AdamW's root-v-hat-weighted penalty contour touches a loss contour (their normals "
                   "parallel), AdamW rests: its mean is that point and there the two gradients are parallel",
                   np.allclose(aw, self.w_pred, atol=0.05) and sin_w < 0.1, f"{aw} vs {self.w_pred}, sin {sin_w:.3f}")
        e_circle, e_ell = self.t_legend[:2]
        ins = self.t_inset
        z_loss, z_circle, z_ell, z_dots, z_names = self.t_zoom
        zoom_stage = Group(*[m for m in self.mobjects if m is not self.heading])
        # the rest points magnified beside the map (the outline on the map, one connector): Adam + L2's first
        first = Group(self.t_base, self.t_circle, self.t_loss[0], self.t_dots[0], e_circle, ins.outline, ins.map,
                      ins.connectors[0], z_loss[0], z_circle, z_dots[0], z_names[0])
        with self.voiceover(text="Where this ellipse touches a loss contour, AdamW rests."):
            self.play(AnimationGroup(FadeOut(zoom_stage), FadeIn(first), lag_ratio=0.5), run_time=0.8)
            self.play(Create(self.t_ell), Create(z_ell), FadeIn(e_ell), run_time=0.9)
            self.play(Create(self.t_loss[1]), Create(z_loss[1]), FadeIn(self.t_dots[1]), FadeIn(z_dots[1]),
                      FadeIn(z_names[1]), run_time=0.5)
            self.play(*[Flash(d.get_center(), color=cw, flash_radius=0.4, line_length=0.25, num_lines=12,
                              line_stroke_width=5) for d in (self.t_dots[1], z_dots[1])], run_time=0.5)
        # AdamW's penalty weights (its √v̂ times λ) against L2's λ: heavier on the noisy θ₂, lighter on the quiet θ₁;
        # so it rests further in on θ₂ and further out on θ₁ than Adam + L2, beyond either run's spread
        sl, sw_ = self.spread[L2], self.spread[W]
        self.claim("AdamW's penalty is heavier than L2's on theta two and lighter on theta one (its weights, root v "
                   "hat, against L2's 1), and theta two's gradients are the noisy ones",
                   rw[1] > 1.0 > rw[0] and self.g_spread[1] > 3 * self.g_spread[0], f"{rw}, {self.g_spread}")
        self.claim("AdamW rests further out on theta one and further in on theta two than Adam + L2 (beyond the "
                   "spread of either run), for every seed checked",
                   aw[0] - al[0] > sl[0] + sw_[0] and al[1] - aw[1] > sl[1] + sw_[1]
                   and all(a[W][0] > a[L2][0] and a[W][1] < a[L2][1] for a in self.seed_avgs),
                   f"{al} vs {aw}; spreads {sl}, {sw_}")
        # on the same picture: L2's circle turns into AdamW's ellipse, in along noisy θ₂, out along quiet θ₁
        heavier, lighter = self.t_words
        ar = self.t_arrows
        with self.voiceover(text="Heavier on noisy theta two, lighter on quiet theta one.") as tracker:
            self.play(*[m.animate.set_stroke(opacity=0.35) for m in (*self.t_loss, self.t_ell)],
                      run_time=0.4)
            # the circle turns into the ellipse: squeezed in along θ₂ as "heavier" is said, out along θ₁ after
            self.add(self.t_morph)
            self.play(Transform(self.t_morph, self.t_ell.copy().set_stroke(opacity=1.0, width=6)),
                      GrowArrow(ar[0]), GrowArrow(ar[1]), FadeIn(heavier), run_time=1.4)
            self.until(tracker, 0.55)
            self.play(GrowArrow(ar[2]), GrowArrow(ar[3]), FadeIn(lighter), run_time=0.6)
        # the take-home, the two "evens" side by side: AdamW's decay is the same share per step; Adam + L2's penalty
        # at rest is the same weight on both (its circle)
        pl = self.pull_l2
        self.claim("AdamW is even per step (the same share of each weight) and uneven at rest (its penalty weights "
                   "differ several-fold); Adam + L2 is uneven per step and even at rest (L2's circle, weight 1 on both)",
                   np.allclose(self.rate_w, self.gl, rtol=1e-9) and pl[0] > 3 * pl[1]
                   and rw[1] > 3 * rw[0] and np.allclose(self.avg[L2], self.reg_min, atol=0.05), f"{pl}, {rw}")
        # "even" said plainly: the same for every weight. The zoom gives way to the shares per step (AdamW's 1 % on
        # both, Adam + L2's two); then L2's circle (its weights 1 and 1) lights
        e_circle = self.t_legend[0]
        inset_bits = Group(ins.outline, ins.map, *ins.connectors, *self.t_zoom)
        rec = self.even_recap
        with self.voiceover(text="Same for every weight: AdamW's decay per step, L2's penalty at rest.") as tracker:
            self.play(self.heading_swap("What is the same for every weight?"), FadeOut(inset_bits),
                      FadeIn(rec[0]), run_time=0.7)
            self.play(FadeIn(rec[1]), run_time=0.4)
            self.play(Indicate(rec[1][1], color=cw, scale_factor=1.15), run_time=0.6)
            self.play(FadeIn(rec[2]), run_time=0.4)
            self.until(tracker, 0.62)
            self.play(Indicate(self.t_circle, color=TEXT, scale_factor=1.0), Indicate(e_circle, color=TEXT),
                      Flash(self.t_dots[0].get_center(), color=TEXT, flash_radius=0.35, line_length=0.22, num_lines=12,
                            line_stroke_width=4), run_time=1.0)

    def settle(self, key, run_time: float, also=None):
        """The running average of the last steps slides to where it ends; then its name (and ``also``)."""
        dot, lab = self.avg_marks[0 if key == L2 else 1]
        pts = self.settle_points[key]
        dot.move_to(pts[0])
        self.play(FadeIn(dot), run_time=0.3)
        self.play(UpdateFromAlphaFunc(dot, lambda m, a: m.move_to(pts[min(len(pts) - 1, int(a * (len(pts) - 1)))])),
                  run_time=run_time, rate_func=lambda t: t)
        self.play(FadeIn(lab), *([FadeIn(also)] if also is not None else []), run_time=0.4)

    def build_end(self):
        """The end: the box where both settle, zoomed to fill the hero slot (its own axes); the late positions
        of both runs as clouds, each run's mean sliding in; the loss contour that touches L2's penalty circle at
        the L2 minimum; the rest formulas and the whole map as a locator in the side panel; the payoff to scale."""
        cl, cw = optimizer_color(L2), optimizer_color(W)
        (zx0, zx1), (zy0, zy1) = self.zoom_box
        lo, hi = self.lmap.c2p(zx0, zy0), self.lmap.c2p(zx1, zy1)
        self.outline = Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1], stroke_color=TEXT,
                                 stroke_width=4).move_to((lo + hi) / 2)
        fr = self.lmap.frame
        boxes = self.rest_boxes()
        # as wide as the rest formulas beside it allow (a gutter for its tick labels)
        z_right = min(b.get_left()[0] for b in boxes) - 0.45
        self.zmap = LandscapeMap(self.ls, width=z_right - self.map_corner[0], height=self.lmap.plot_height,
                                 bounds=self.zoom_box, n_contours=10, value_scale=self.lmap.value_scale,
                                 show_markers=False, n_ticks=4)
        self.zmap.shift(self.map_corner - self.zmap.frame.get_corner(UP + LEFT))
        zm = self.zmap
        # the late positions of both runs, as clouds (every position of the last steps, in the box)
        self.clouds = VGroup()
        K = self.last
        for key, col in ((L2, cl), (W, cw)):
            late = self.trajs[key].positions[-K:]
            kept = late[(late[:, 0] > zx0) & (late[:, 0] < zx1) & (late[:, 1] > zy0) & (late[:, 1] < zy1)]
            self.clouds.add(VGroup(*[Dot(zm.c2p(*q), radius=0.045, color=col, fill_opacity=0.4) for q in kept]))
        marks = VGroup()
        self.settle_points, ends = {}, {}
        # each run's name in its own corner of the zoomed map (Adam + L2 top left, AdamW bottom right), a leader
        # toward its mean
        for key, col, corner in ((L2, cl, UP + LEFT), (W, cw, DOWN + RIGHT)):
            a = self.avg[key]
            dot = Dot(zm.c2p(*a), radius=0.16, color=col, stroke_color="#000000", stroke_width=3)
            words = text(NAMES[key], "body", color=col)
            lab = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
            lab.move_to(zm.frame.get_corner(corner) + 0.2 * np.array([-corner[0], -corner[1], 0]),
                        aligned_edge=corner)
            start = lab.get_corner(-corner) + 0.3 * corner[0] * RIGHT
            gap = 0.36 if key == L2 else 0.3
            direction = (dot.get_center() - start) / np.linalg.norm(dot.get_center() - start)
            leader = Line(start, dot.get_center() - gap * direction, stroke_color=col, stroke_width=2.5)
            marks.add(VGroup(dot, VGroup(lab, leader)))
            late = self.trajs[key].positions[-K:]
            run_avg = np.cumsum(late, axis=0) / np.arange(1, len(late) + 1)[:, None]
            self.settle_points[key] = [zm.c2p(*np.clip(q, (zx0, zy0), (zx1, zy1))) for q in run_avg]
            ends[key] = run_avg[-1]
        self.claim("the running average of the last steps ends at the average shown",
                   all(np.allclose(ends[k], self.avg[k]) for k in (L2, W)))
        self.avg_marks = marks
        # L2's penalty contour (a circle round zero) through the L2 minimum, and the ring on that minimum
        self.arc = VMobject(stroke_color=TEXT, stroke_width=3).set_points_smoothly(
            self.penalty_arc((1.0, 1.0), self.reg_min))
        self.arc = DashedVMobject(self.arc, num_dashes=40)
        self.ring = Dot(zm.c2p(*self.reg_min), radius=0.3, fill_opacity=0, stroke_color=TEXT, stroke_width=4)
        words = text("L2 min", "body")
        self.ring_lab = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
        # (below right of the ring: above it, λθ's arrow goes up and Adam + L2's leader comes down)
        self.ring_lab.next_to(self.ring, DOWN + RIGHT, buff=0.02).shift(DOWN * 0.3)
        # each penalty contour named on the map, under its left end (L2's circle, AdamW's weighted one)
        self.pen_labels = VGroup()
        for w_, through, words, col in (((1.0, 1.0), self.reg_min, ("penalty", "circle"), TEXT),):
            end = self.penalty_arc(w_, through)[0]
            wd_ = VGroup(*[text(w, "label", color=col) for w in words]).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            lab = VGroup(BackgroundRectangle(wd_, color=PANEL, fill_opacity=0.85, buff=0.06), wd_)
            self.pen_labels.add(lab.move_to(end + np.array([0.12, -0.14, 0]), aligned_edge=UP + LEFT))
        # the loss contour through each rest point (it touches that run's penalty contour there), brighter
        # than the map's
        self.loss_l2 = self.loss_contour(self.reg_min)
        # the locator: the whole map, small, under the formulas; its zero inside its frame
        self.loc_width = 2.3
        s = self.loc_width / fr.width
        loc_box = Rectangle(width=s * fr.width, height=s * fr.height)
        loc_box.move_to([SAFE_RIGHT - 0.05, self.w_box.get_bottom()[1] - 0.25, 0],
                        aligned_edge=UP + RIGHT)
        self.loc_frame = SurroundingRectangle(loc_box, buff=0.0, color=TEXT, stroke_width=2)
        o = loc_box.get_corner(DOWN + LEFT) + s * (self.lmap.c2p(0.0, 0.0) - fr.get_corner(DOWN + LEFT))
        self.loc_zero = text("0", "label", color=DECAY).next_to(o, DOWN + RIGHT, buff=0.06)
        self.claim("the rest formulas start well right of the zoomed map's labels",
                   min(self.l2_box.get_left()[0], self.w_box.get_left()[0], self.l2_pre_box.get_left()[0])
                   > zm.axes.get_right()[0] + 0.15, f"{zm.axes.get_right()[0]:.2f} vs "
                   f"{self.l2_box.get_left()[0]:.2f}")
        self.claim("the rest formulas and the locator fit the side panel",
                   max(self.w_box.get_right()[0], self.l2_box.get_right()[0], self.loc_frame.get_right()[0]) < SAFE_RIGHT
                   and self.loc_frame.get_bottom()[1] > SAFE_BOTTOM
                   and self.loc_frame.get_left()[0] > zm.axes.get_right()[0] + 0.3
                   and self.loc_zero.get_right()[0] < self.loc_frame.get_right()[0]
                   and self.loc_zero.get_top()[1] < self.loc_frame.get_top()[1],
                   f"{self.l2_box.get_right()[0]:.2f}, {self.w_box.get_right()[0]:.2f}, "
                   f"locator {self.loc_frame.get_bottom()[1]:.2f}")

        pt_boxes = [self.ring, marks[0][0], marks[1][0]]
        pen_l2 = self.pen_labels[0]
        self.claim("the penalty circle's name clears the ring, the L2 min label, the runs' names and means",
                   all(apart(pen_l2, b)
                       for b in (self.ring, self.ring_lab, marks[0][1][0], marks[1][1][0], marks[0][0], marks[1][0])),
                   f"{pen_l2.get_center().round(2)}")
        self.claim("the two names and the L2 min label do not overlap one another or the dots, "
                   "and stay on the map",
                   apart(marks[0][1][0], marks[1][1][0])
                   and all(apart(bx, d) for bx in (marks[0][1][0], marks[1][1][0]) for d in pt_boxes)
                   and all(apart(self.ring_lab, x) for x in (marks[0][1][0], marks[1][1][0], marks[1][0]))
                   and self.ring_lab.get_left()[0] > zm.frame.get_left()[0]
                   and all(m[1].get_right()[0] < zm.frame.get_right()[0] and m[1].get_bottom()[1] > zm.frame.get_bottom()[1]
                           for m in marks),
                   f"names {marks[0][1].get_center()}, {marks[1][1].get_center()}")
        # the loss contour named on the map, beside a stretch of it clear of the names, the rings and the ghost's way
        words = VGroup(text("loss", "body"), text("contour", "body")).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        self.loss_lab = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
        pts = np.concatenate([pc.points for pc in self.loss_l2])
        others = pt_boxes + [self.ring_lab, *self.pen_labels, marks[0][1][0], marks[1][1][0], marks[0][1][1]]
        # over the contour near theta1 = 1.3: right of the rest points' arrows and clear of the clouds
        others = others + [d for c in self.clouds for d in c]
        x_at = zm.c2p(1.3, 0.0)[0]
        for side in (UP, DOWN):
            q = pts[int(np.argmin(np.abs(pts[:, 0] - x_at)))]
            self.loss_lab.next_to(q, side, buff=0.12)
            over = self.loss_lab.get_right()[0] - (zm.frame.get_right()[0] - 0.1)
            if over > 0:
                self.loss_lab.shift(LEFT * over)
            if all(apart(self.loss_lab, o) for o in others) and inside(self.loss_lab, zm.frame, 0.05):
                break
        self.claim("the loss contour's name clears the names, the ring and the penalty circle's name, "
                   "on the zoomed map", all(apart(self.loss_lab, o) for o in others)
                   and inside(self.loss_lab, zm.frame, 0.05), f"{self.loss_lab.get_center().round(2)}")
        self.build_normals()
        self.chart_bits = VGroup(self.big_chart, self.big_stamps, self.big_band, self.big_band_label)
        self.build_derivation()
        self.build_recap()
        self.build_true_scale()

    def build_normals(self):
        """At Adam + L2's rest: ∇f (at right angles to the loss contour) and λθ (along the radius, at right angles
        to the penalty circle), computed at the run's mean, drawn ``normal_mag``× on the map at one scale both ways:
        equal and opposite, so the two curves' normals line up there (they touch)."""
        zm, al = self.zmap, self.avg[L2]
        g, lt = self.data.grad(al), self.weight_decay * al
        o = zm.c2p(0.0, 0.0)
        kx, ky = (zm.c2p(1.0, 0.0) - o)[0], (zm.c2p(0.0, 1.0) - o)[1]
        self.claim("the zoomed end map is to scale (one unit of theta one and of theta two within 3% on screen), so "
                   "arrows at right angles in theta are at right angles on screen", abs(kx / ky - 1) < 0.03,
                   f"{kx:.2f} vs {ky:.2f}")
        self.claim("at Adam + L2's rest grad f and lambda theta are nearly equal and opposite (within 10% in length, "
                   "under 5 degrees apart from opposite)",
                   np.dot(g, lt) < 0 and sine_between(g, lt) < np.sin(np.radians(5))
                   and abs(np.linalg.norm(g) / np.linalg.norm(lt) - 1) < 0.1,
                   f"{g} vs {lt}, sin {sine_between(g, lt):.3f}")
        p0 = zm.c2p(*al)
        mag = self.normal_mag
        a_g = Arrow(p0, zm.c2p(*(al + mag * g)), buff=0.0, color=TEXT, stroke_width=7,
                    max_tip_length_to_length_ratio=0.25)
        a_l = Arrow(p0, zm.c2p(*(al + mag * lt)), buff=0.0, color=DECAY, stroke_width=7,
                    max_tip_length_to_length_ratio=0.25)
        l_g = tex(r"\nabla f", "formula", color=TEXT)
        l_l = tex(rf"{N.wd}\,{N.params}", "formula", color=DECAY)
        for lab, a, side in ((l_g, a_g, DOWN), (l_l, a_l, RIGHT)):
            lab.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.05)
            lab.next_to(a.get_end(), side, buff=0.1)
        # (over the mean's dot, which settles on their common foot after them)
        self.normals = VGroup(VGroup(a_g, a_l), VGroup(l_g, l_l)).set_z_index(3)
        names = [m[1][0] for m in self.avg_marks]
        others = [self.ring_lab, self.loss_lab, self.pen_labels[0], *names]
        self.claim("the two arrows' names clear each other, the map's labels and the arrows, on the zoomed map",
                   all(apart(lab, x) for lab in (l_g, l_l) for x in others + [a_g, a_l] if x is not lab)
                   and all(apart(a, x) for a in (a_g, a_l) for x in others) and apart(l_g, l_l)
                   and all(inside(m, zm.frame, 0.05) for m in (a_g, a_l, l_g, l_l)),
                   f"{l_g.get_center().round(2)}, {l_l.get_center().round(2)}, tips {a_g.get_end().round(2)}, "
                   f"{a_l.get_end().round(2)}; ring label {self.ring_lab.get_center().round(2)}")

    def build_derivation(self):
        """AdamW's rest, derived in one box (outlined in its colour) under Adam + L2's: its shrink balances its push
        (γλθ ≈ −γ∇f/√v̂); an arrow "× √v̂/γ" down to ∇f + λ√v̂θ ≈ 0; a brace under λ√v̂θ, "gradient of λ/2",
        and the penalty with AdamW's own √v̂ (0.56, 4.4)."""
        cw = optimizer_color(W)
        rw = self.root_v_w_last
        th = N.params
        arrow = Arrow(UP * 0.5, ORIGIN, buff=0, color=cw, stroke_width=5, max_tip_length_to_length_ratio=0.35)
        mul = text("\u00d7 \u221av\u0302/\u03b3", "body", color=cw)
        mul_row = VGroup(arrow, mul).arrange(RIGHT, buff=0.2)
        pen = tex(rf"{rw[0]:.2g}\,{th}_1^2 + {rw[1]:.2g}\,{th}_2^2", "formula")
        # whose √v̂ the weights are (AdamW's 0.56, not Adam + L2's 0.57 shown before)
        who = text("AdamW's \u221av\u0302", "body", color=cw)
        pre, root = self.w_pre.copy(), self.w_root.copy()
        # (the balance holds on average: m̂ is the average gradient, ∇f, once the noise averages out)
        avg = text("on average:", "label", color=MUTED)
        lines = VGroup(avg, pre, mul_row, root, pen, who).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        # the brace under λ√v̂θ (glyphs 3-8 of ∇f + λ√v̂θ ≈ 0), the penalty it comes from under it
        glyphs = VGroup(*[g for part in root for g in part])
        term = self.deriv_term = glyphs[3:9]
        VGroup(pen, who).shift(0.22 * DOWN)
        brace = Brace(term, DOWN, buff=0.06, color=MUTED)
        arrow.shift((pre.get_left()[0] + 0.25 - arrow.get_center()[0]) * RIGHT)
        mul.next_to(arrow, RIGHT, buff=0.25)
        # (no name row: the box's outline is AdamW's colour, and the heading names it)
        back = BackgroundRectangle(lines, color=PANEL, fill_opacity=0.94, buff=0.12, corner_radius=0.1)
        back.set_stroke(color=cw, width=3, opacity=1.0)
        # first only round the balance; it grows as the derivation goes on
        self.deriv_back0 = BackgroundRectangle(VGroup(avg, pre), color=PANEL, fill_opacity=0.94, buff=0.12, corner_radius=0.1)
        self.deriv_back0.set_stroke(color=cw, width=3, opacity=1.0)
        self.deriv = {"back": back, "avg": avg, "pre": pre, "arrow": arrow, "mul": mul, "root": root,
                      "brace": brace, "pen": pen, "who": who}
        # at the side panel's top, where Adam + L2's box was (it leaves before this card comes)
        everything = VGroup(*self.deriv.values(), self.deriv_back0)
        everything.shift(self.l2_box.get_corner(UP + LEFT) - back.get_corner(UP + LEFT))
        self.w_pre = pre
        self.claim("the brace sits under lambda root v hat theta", term.get_left()[0] > glyphs[2].get_right()[0]
                   and term.get_right()[0] < glyphs[9].get_left()[0], f"{len(glyphs)} glyphs")
        self.claim("AdamW's derivation fits the side panel, right of the zoomed map and above the caption",
                   back.get_bottom()[1] > self.caption().get_top()[1] + 0.1 and back.get_right()[0] < SAFE_RIGHT + 0.05
                   and back.get_left()[0] > self.zmap.axes.get_right()[0] + 0.15,
                   f"{back.get_corner(DOWN + LEFT).round(2)}-{back.get_corner(UP + RIGHT).round(2)}")
        aw = self.avg[W]
        g, pen_grad = self.data.grad(aw), self.weight_decay * rw * aw
        self.claim("at AdamW's mean the gradient of f plus the root-v-hat-weighted penalty is near zero "
                   "(within 15% of the penalty's gradient)", np.all(np.abs(g + pen_grad) < 0.15 * np.abs(pen_grad)),
                   f"{g} vs {pen_grad}")

    def build_true_scale(self):
        """The payoff at one scale both ways (the whole hero slot): L2's penalty circle and AdamW's ellipse
        0.56θ₁² + 4.4θ₂², both round zero, each through its run's rest point, with the loss contour that touches it
        there; a legend in the side panel. For the ending: a copy of the circle that turns into the ellipse, with
        arrows along the axes (in along θ₂: heavier; out along θ₁: lighter)."""
        cw = optimizer_color(W)
        rw, th = self.root_v_w_last, N.params
        box = self.true_box
        (x0, x1), (y0, y1) = box
        k = self.true_k
        tm = self.tmap = LandscapeMap(self.ls, width=k * (x1 - x0), height=k * (y1 - y0), bounds=box, n_contours=12,
                                      value_scale=self.lmap.value_scale, show_markers=False, n_ticks=5)
        tm.shift(self.map_corner - tm.frame.get_corner(UP + LEFT))
        u = tm.c2p(1.0, 1.0) - tm.c2p(0.0, 0.0)
        self.claim("the payoff picture is to scale (one unit of theta one and of theta two the same on screen)",
                   np.isclose(u[0], u[1], rtol=0.01), f"{u}")

        def conic(w, through, **style):
            c = float(np.dot(w, np.square(through)))
            phi = np.linspace(0, 2 * np.pi, 240)
            pts = [tm.c2p(np.sqrt(c / w[0]) * np.cos(f), np.sqrt(c / w[1]) * np.sin(f)) for f in phi]
            return VMobject(**style).set_points_smoothly(pts)
        circle = conic((1.0, 1.0), self.reg_min, stroke_color=TEXT, stroke_width=4)
        self.t_circle = DashedVMobject(circle, num_dashes=48)
        self.t_ell = conic(tuple(rw), self.w_pred, stroke_color=cw, stroke_width=6)
        # the ending's circle (solid) that turns into the ellipse
        self.t_morph = circle.copy().set_stroke(color=TEXT, width=5)
        self.t_loss = VGroup(self.loss_contour(self.reg_min, box, tm.c2p).set_stroke(width=3.5, opacity=1.0),
                             self.loss_contour(self.w_pred, box, tm.c2p).set_stroke(color=TOUCH, width=11,
                                                                                    opacity=1.0))
        # (the ellipse over the thick contour it touches: a pink band round it where they touch, apart elsewhere)
        self.t_ell.set_stroke(width=5).set_z_index(1)
        r0 = float(np.linalg.norm(self.reg_min))
        c_w = float(np.dot(rw, np.square(self.w_pred)))
        a_w, b_w = np.sqrt(c_w / rw[0]), np.sqrt(c_w / rw[1])
        self.claim("the ellipse reaches further along theta one and less far along theta two than the circle, and "
                   "both lie inside the picture", a_w > r0 > b_w and a_w < min(-x0, x1) and r0 < min(-y0, y1),
                   f"circle {r0:.2f}, ellipse {a_w:.2f} x {b_w:.2f}")
        self.t_dots = VGroup(*[Dot(tm.c2p(*self.avg[key]), radius=0.13, color=optimizer_color(key),
                                   stroke_color="#000000", stroke_width=3) for key in (L2, W)])
        self.claim("each run's mean is where its penalty contour touches a loss contour (the predicted rest points, "
                   "within 0.05)", np.allclose(self.avg[L2], self.reg_min, atol=0.05)
                   and np.allclose(self.avg[W], self.w_pred, atol=0.05), f"{self.avg} vs {self.reg_min}, {self.w_pred}")
        zero = self.origin_mark(tm)
        self.t_base = Group(tm, zero)
        # the ending's arrows along the axes: in along θ₂ (both ways), out along θ₁ (both ways)
        arrows = VGroup()
        for (pa, pb) in (((0, r0), (0, b_w)), ((0, -r0), (0, -b_w)), ((r0, 0), (a_w, 0)), ((-r0, 0), (-a_w, 0))):
            arrows.add(Arrow(tm.c2p(*pa), tm.c2p(*pb), buff=0, color=cw, stroke_width=7,
                             max_tip_length_to_length_ratio=0.35 if abs(pa[1]) > 0 else 0.15))
        heavier = text("heavier", "body", color=cw).next_to(arrows[1], DOWN, buff=0.12)
        heavier.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        # on the outward θ₁ arrow, its right end at the arrowhead: just above the arrow, between the circle and
        # the ellipse, clear of both strokes (body size if it fits there, else label size)
        o = tm.c2p(0.0, 0.0)

        def ell_x(y_scene):
            th2 = (y_scene - o[1]) / k
            return tm.c2p(a_w * np.sqrt(max(0.0, 1 - (th2 / b_w) ** 2)), 0.0)[0]

        def circ_x(y_scene):
            th2 = (y_scene - o[1]) / k
            return tm.c2p(np.sqrt(max(0.0, r0 ** 2 - th2 ** 2)), 0.0)[0]
        for size in ("body", "label"):
            lighter = text("lighter", size, color=cw)
            lighter.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.04)
            # (just over the arrow's shaft, left of its head)
            # (left of the arrowhead, just over the thin shaft: clear of the arrow)
            lighter.move_to([arrows[2].get_right()[0] - 0.32, o[1] + 0.09, 0], aligned_edge=DOWN + RIGHT)
            lighter.shift(LEFT * max(0.0, lighter.get_right()[0] - (ell_x(lighter.get_top()[1]) - 0.04)))
            if lighter.get_left()[0] > circ_x(lighter.get_bottom()[1]) + 0.02:
                break
        self.claim("the 'lighter' label sits on the outward theta one arrow, near its head, clear of the ellipse's "
                   "and the circle's strokes",
                   lighter.get_left()[0] > circ_x(lighter.get_bottom()[1]) + 0.01
                   and lighter.get_right()[0] < ell_x(lighter.get_top()[1]) - 0.03
                   and lighter.get_right()[0] < arrows[2].get_right()[0] - 0.2
                   and lighter.get_right()[0] > arrows[2].get_right()[0] - 0.6,
                   f"{size}, circle {circ_x(lighter.get_bottom()[1]):.2f}, ellipse {ell_x(lighter.get_top()[1]):.2f}, tip {arrows[2].get_right()[0]:.2f}; {lighter.get_corner(DOWN + LEFT).round(2)}-{lighter.get_corner(UP + RIGHT).round(2)}")
        self.t_arrows, self.t_words = arrows, VGroup(heavier, lighter)
        # the legend, in the side panel
        sw_c = DashedLine(ORIGIN, RIGHT * 0.5, stroke_color=TEXT, stroke_width=4, dash_length=0.13, dashed_ratio=0.6)
        sw_e = Line(ORIGIN, RIGHT * 0.5, stroke_color=cw, stroke_width=6)
        sw_l = Line(ORIGIN, RIGHT * 0.5, stroke_color=TEXT, stroke_width=3.5)

        def entry(swatch, words, formula=None, col=TEXT):
            head = VGroup(swatch, text(words, "label", color=col)).arrange(RIGHT, buff=0.2)
            if formula is None:
                return head
            lines = (formula,) if isinstance(formula, str) else formula
            f_ = VGroup(*[tex(f, "label", color=col) for f in lines]).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            return VGroup(head, f_).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        # (its weights, 1 and 1, beside AdamW's)
        e_circle = entry(sw_c, "penalty circle", rf"{th}_1^2 + {th}_2^2")
        e_ell = entry(sw_e, "AdamW's:", rf"{rw[0]:.2g}\,{th}_1^2 + {rw[1]:.2g}\,{th}_2^2", col=cw)
        e_loss = entry(sw_l, "loss contours")
        e_dots = VGroup(*[VGroup(Dot(radius=0.11, color=optimizer_color(key)),
                                 text(f"{NAMES[key]}", "label", color=optimizer_color(key))).arrange(RIGHT, buff=0.2)
                          for key in (L2, W)]).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend = VGroup(e_circle, e_ell, e_loss, e_dots).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        legend.move_to([max(tm.axes.get_right()[0], tm.frame.get_right()[0]) + 0.35, HERO.top - 0.05, 0],
                       aligned_edge=UP + LEFT)
        self.t_legend = legend
        parts = [circle, self.t_ell, *self.t_loss, *self.t_dots, *self.t_words, *arrows]
        self.claim("the payoff picture and its legend fit the frame, the legend right of the map and clear "
                   "of the caption",
                   tm.frame.get_bottom()[1] > SAFE_BOTTOM + 0.5 and legend.get_right()[0] < SAFE_RIGHT
                   and legend.get_left()[0] > tm.frame.get_right()[0] + 0.2
                   and legend.get_bottom()[1] > self.caption().get_top()[1] + 0.15
                   and all(inside(m, tm.frame, 0.02) for m in parts if m not in self.t_loss),
                   f"map {tm.frame.get_corner(DOWN + LEFT).round(2)}-{tm.frame.get_corner(UP + RIGHT).round(2)}, "
                   f"legend {legend.get_corner(DOWN + LEFT).round(2)}-{legend.get_corner(UP + RIGHT).round(2)}")
        self.claim("the words at the arrows clear the rest points and each other",
                   all(apart(w_, m) for w_ in (heavier, lighter) for m in self.t_dots)
                   and apart(heavier, lighter), f"{heavier.get_center().round(2)}, {lighter.get_center().round(2)}")
        # (the loss contours' entry is left out: the zoom on the rest points takes its place and the rest)
        self.build_touch_inset(e_ell)
        self.build_even_recap()

    def build_even_recap(self):
        """The shares per step, θ₁ | θ₂, where the zoom on the rest points was (side panel): AdamW the same on
        both, Adam + L2 two different ones."""
        cl, cw = optimizer_color(L2), optimizer_color(W)
        pl, pw = self.pull_l2, self.pull_w
        head = text("per step, \u03b8\u2081 | \u03b8\u2082", "label", color=MUTED)
        rows = VGroup(*[VGroup(text(f"{NAMES[key]}:", "body", color=col),
                               text(f"{pct(v[0])} % | {pct(v[1])} %", "body", color=col)).arrange(
                                   DOWN, aligned_edge=LEFT, buff=0.06) for key, col, v in ((W, cw, pw), (L2, cl, pl))])
        rec = VGroup(head, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        rec.move_to(self.t_legend[1].get_corner(DOWN + LEFT) + np.array([0.0, -0.3, 0]), aligned_edge=UP + LEFT)
        self.even_recap = rec
        self.claim("AdamW's decay per step is the same share on both weights; Adam + L2's differ several-fold",
                   pct(pw[0]) == pct(pw[1]) and pl[0] > 3 * pl[1], f"{pw}, {pl}")
        self.claim("the per-step recap fits the side panel above the caption",
                   rec.get_right()[0] < SAFE_RIGHT and rec.get_bottom()[1] > self.caption().get_top()[1] + 0.1
                   and rec.get_left()[0] > self.tmap.frame.get_right()[0] + 0.2,
                   f"{rec.get_corner(DOWN + LEFT).round(2)}-{rec.get_corner(UP + RIGHT).round(2)}")

    def build_touch_inset(self, above):
        """A zoom on the two rest points of the to-scale map, in the side panel under ``above`` (the legend's last
        shown entry): the circle, the ellipse and the loss contour through each run's rest point, drawn on the
        magnified map, each run's mean (named) where its curve touches its contour."""
        tm, rw = self.tmap, self.root_v_w_last
        cw = optimizer_color(W)
        pts = np.array([self.avg[L2], self.avg[W], self.reg_min, self.w_pred])
        mid = (pts.min(axis=0) + pts.max(axis=0)) / 2
        # the panel's width and the height left under the legend, at one scale both ways
        top = above.get_bottom()[1] - 0.2
        bottom = self.caption().get_top()[1] + 0.1
        width = SAFE_RIGHT - 0.05 - above.get_left()[0]
        # (about three times wider than a close zoom: the ellipse and its loss contour visibly bend apart on
        # either side of the touch)
        hh = 1.2
        hw = hh * width / (top - bottom)
        # (the box a little right of the points' middle: Adam + L2's name, right of its mean, fits)
        ins = self.t_inset = MapInset(tm, mid + [0.1, 0.0], hw, half_height=hh, width=width, color=TEXT, stroke_width=3,
                                      n_contours=12)
        ins.move_map_to([above.get_left()[0], top, 0], aligned_edge=UP + LEFT)
        im = ins.map
        (bx0, bx1), (by0, by1) = ins.bounds
        phi = np.linspace(0, 2 * np.pi, 4000)

        def arc(w, through, **style):
            c = float(np.dot(w, np.square(through)))
            q = np.stack([np.sqrt(c / w[0]) * np.cos(phi), np.sqrt(c / w[1]) * np.sin(phi)], axis=1)
            q = q[(q[:, 0] > bx0) & (q[:, 0] < bx1) & (q[:, 1] > by0) & (q[:, 1] < by1)]
            return VMobject(**style).set_points_smoothly([im.c2p(*v) for v in q])
        circle = DashedVMobject(arc((1.0, 1.0), self.reg_min, stroke_color=TEXT, stroke_width=4), num_dashes=14)
        ell = arc(tuple(rw), self.w_pred, stroke_color=cw, stroke_width=4)
        # (over the thick loss contour it touches, which comes after it: a pink band round the thin ellipse where
        # they touch)
        ell.set_z_index(1)
        im.contours.set_stroke(opacity=0.25)
        loss = VGroup(self.loss_contour(self.reg_min, ins.bounds, im.c2p).set_stroke(width=3.5, opacity=1.0),
                      self.loss_contour(self.w_pred, ins.bounds, im.c2p).set_stroke(color=TOUCH, width=9, opacity=1.0))
        dots = VGroup(*[Dot(im.c2p(*self.avg[key]), radius=0.11, color=optimizer_color(key), stroke_color="#000000",
                            stroke_width=3) for key in (L2, W)])
        names = VGroup()
        for dot, key, side in zip(dots, (L2, W), (UP + RIGHT, DOWN)):
            nm = text(NAMES[key], "body", color=optimizer_color(key))
            nm.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.05)
            nm.next_to(dot, side, buff=0.04)
            names.add(nm)
        names[0].shift(LEFT * max(0.0, names[0].get_right()[0] - (im.frame.get_right()[0] - 0.05)))
        dots.set_z_index(2)
        names.set_z_index(2)
        self.t_zoom = VGroup(loss, circle, ell, dots, names)
        self.claim("the zoom on the rest points fits the side panel above the caption, both means and both touch "
                   "points inside it, the names on it and clear of the dots",
                   im.frame.get_right()[0] < SAFE_RIGHT and im.frame.get_bottom()[1] > bottom - 0.01
                   and all(bx0 < p[0] < bx1 and by0 < p[1] < by1 for p in pts)
                   and all(inside(n, im.frame, 0.0) for n in names)
                   and all(apart(n, d) for n in names for d in dots),
                   f"{im.frame.get_corner(DOWN + LEFT).round(2)}-{im.frame.get_corner(UP + RIGHT).round(2)}; "
                   f"{[n.get_center().round(2) for n in names]}")
        self.claim("in the zoom each mean is on its penalty curve and its loss contour, where they touch (the two "
                   "curves' normals parallel there, within 0.05 in position)",
                   np.allclose(self.avg[L2], self.reg_min, atol=0.05) and np.allclose(self.avg[W], self.w_pred, atol=0.05)
                   and sine_between(self.data.grad(self.reg_min), self.reg_min) < 0.02
                   and sine_between(self.data.grad(self.w_pred), rw * self.w_pred) < 0.02,
                   f"{self.avg} vs {self.reg_min}, {self.w_pred}")

    def rest_boxes(self):
        """The rest formulas, a box each, in the side panel: the name with the swatch of its penalty's contour;
        the balance at rest, first from the update's terms (Adam + L2: its whole step over √v̂ is zero, the
        divisor struck out; AdamW: its shrink equals its divided push), then solved; then the penalty."""
        cl, cw = optimizer_color(L2), optimizer_color(W)
        rw = self.root_v_w_last
        th, wd, lr = N.params, N.wd, N.lr
        root = r"\sqrt{\hat v}"
        l2_swatch = DashedLine(ORIGIN, RIGHT * 0.45, stroke_color=TEXT, stroke_width=4, dash_length=0.15,
                               dashed_ratio=0.6)
        w_swatch = Line(ORIGIN, RIGHT * 0.45, stroke_color=cw, stroke_width=5)
        l2_head = VGroup(text("Adam + L2", "body", color=cl), l2_swatch).arrange(RIGHT, buff=0.2)
        w_head = VGroup(text("AdamW", "body", color=cw), w_swatch).arrange(RIGHT, buff=0.2)
        # the divisor (struck out later) drawn half as big again as the rest
        self.l2_pre = tex(rf"\frac{{\nabla f + {wd}\,{th}}}{{{root}}} \approx 0", "label")
        self.l2_pre[0][6:10].scale(1.5, about_edge=UP)
        self.l2_rest = tex(rf"\nabla f + {wd}\,{th} \approx 0", "label")
        self.w_pre = tex(rf"{lr}{wd}\,{th} \approx -{lr}\,\frac{{\nabla f}}{{{root}}}", "label")
        glyphs = self.w_pre[0]
        glyphs[:3].set_color(DECAY)      # the shrink γλθ
        glyphs[5:].set_color(PUSH)       # the divided push γ∇f/√v̂
        self.w_root = tex(rf"\nabla f + {wd}\,{root}\,{th} \approx 0", "label", tex_to_color_map={root: cw})
        # the weights are AdamW's own √v̂ (0.56, not Adam + L2's 0.57 shown before)
        self.w_pen = tex(rf"{rw[0]:.2g}\,{th}_1^2 + {rw[1]:.2g}\,{th}_2^2", "label")

        def box(*lines):
            words = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            return VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.94, buff=0.1, corner_radius=0.1),
                          words)
        self.l2_box = box(l2_head, self.l2_rest)
        self.w_box = box(w_head, self.w_root, self.w_pen)
        VGroup(self.l2_box, self.w_box).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        # the first forms: the same head, the unsolved balance (no penalty yet), the box's top left where the
        # solved box's is
        self.l2_pre_box = box(l2_head.copy(), self.l2_pre)
        width = max(b.width for b in (self.l2_box, self.w_box, self.l2_pre_box))
        right = SAFE_RIGHT - 0.02
        VGroup(self.l2_box, self.w_box).move_to([right - width, HERO.top + 0.05, 0], aligned_edge=UP + LEFT)
        self.l2_pre_box.move_to(self.l2_box.get_corner(UP + LEFT), aligned_edge=UP + LEFT)
        # "the divisor cancels": the √v̂ struck out, corner to corner
        den = self.l2_pre[0][6:10]
        self.claim("the struck glyphs are the fraction's denominator (under the bar)",
                   den.get_top()[1] < self.l2_pre[0][5].get_bottom()[1] + 0.02, f"{den.get_center()}")
        lo_pt, hi_pt = den.get_corner(DOWN + LEFT), den.get_corner(UP + RIGHT)
        self.strike = Line(lo_pt + [-0.06, -0.04, 0], hi_pt + [0.06, 0.04, 0], stroke_color=DOWNHILL, stroke_width=6)
        return self.l2_box, self.w_box, self.l2_pre_box

    def build_recap(self):
        """The link between the per-step view and the rest points, along θ₂ (where √v̂ is big): at Adam + L2's
        rest its push −γ∇f/√v̂ and its decay −γλθ/√v̂, both divided, balance (√v̂ cancels); AdamW's decay at that
        same point is not divided and outweighs its push, so it moves in to its own rest, where the two balance
        again. Arrows drawn ``rest_mag``× longer; short cards in the side panel."""
        cl, cw = optimizer_color(L2), optimizer_color(W)
        zm, mag = self.zmap, self.rest_mag
        al, aw = self.avg[L2], self.avg[W]
        rl, rw = self.root_v_last, self.root_v_w_last
        gam, lam = self.lr, self.weight_decay
        grad = self.data.grad
        # (point, push θ₂, decay θ₂): Adam + L2 at its rest; AdamW's at Adam + L2's rest; AdamW at its rest
        states = [(al, -gam * grad(al)[1] / rl[1], -gam * lam * al[1] / rl[1]),
                  (al, -gam * grad(al)[1] / rw[1], -gam * lam * al[1]),
                  (aw, -gam * grad(aw)[1] / rw[1], -gam * lam * aw[1])]
        (_, p1, d1), (_, p2, d2), (_, p3, d3) = states
        self.claim("at Adam + L2's rest its theta two push and decay, both divided by root v hat, balance "
                   "(within 15%)", p1 > 0 > d1 and abs(p1 + d1) < 0.15 * abs(d1), f"{p1} vs {d1}")
        self.claim("Adam + L2's divided decay there is the run's own decay per step on theta two (within 10%)",
                   np.isclose(abs(d1) / al[1], self.pull_l2[1] / 100, rtol=0.1), f"{d1 / al[1]} vs {self.pull_l2[1]}")
        self.claim("at that point AdamW's undivided decay on theta two outweighs its divided push (decay wins)",
                   abs(d2) > 3 * abs(p2) and p2 > 0 > d2, f"{p2} vs {d2}")
        self.claim("at AdamW's own rest, nearer zero on theta two, its push and decay balance (within 15%)",
                   aw[1] < al[1] and p3 > 0 > d3 and abs(p3 + d3) < 0.15 * abs(d3), f"{p3} vs {d3}")
        (zx0, zx1), (zy0, zy1) = self.zoom_box
        # one scale for all three pairs; AdamW's pair at Adam + L2's rest starts at that point (the ring), over
        # Adam + L2's own pair
        bases = (al, al, aw)
        tips = [b[1] + mag * v for b, q in zip(bases, states) for v in q[1:]]
        self.claim("the push and decay arrows stay inside the zoomed box", all(zy0 < t < zy1 for t in tips), f"{tips}")
        self.link_arrows = [VGroup(ParamArrow(zm, b, (0.0, p), scale=mag, color=PUSH).arrow,
                                   ParamArrow(zm, b, (0.0, d), scale=mag, color=DECAY).arrow)
                            for b, (_, p, d) in zip(bases, states)]
        # AdamW's pair at Adam + L2's rest is drawn beside it (right of the ring), a short dashed leader from the
        # ring to its foot, so the two pairs do not lie on one line
        self.link_arrows[1].shift(RIGHT * self.probe_offset)
        ring_r = 0.2
        foot = zm.c2p(*al) + RIGHT * self.probe_offset
        self.probe_leader = DashedLine(zm.c2p(*al) + RIGHT * ring_r, foot + LEFT * 0.04, color=cw, stroke_width=4,
                                       dash_length=0.08)
        self.claim("AdamW's pair at Adam + L2's rest is beside Adam + L2's pair, not on it",
                   self.link_arrows[1].get_left()[0] > self.link_arrows[0].get_right()[0] + 0.2,
                   f"{self.link_arrows[1].get_left()[0]:.2f} vs {self.link_arrows[0].get_right()[0]:.2f}")
        note = VGroup(text("one step, \u03b8\u2082 part,", "label", color=MUTED),
                      text(f"drawn {mag:g}\u00d7 longer", "label", color=MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                    buff=0.08)
        note.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        self.link_note = note.move_to(zm.frame.get_corner(DOWN + LEFT) + np.array([0.12, 0.12, 0]),
                                      aligned_edge=DOWN + LEFT)

        def row(word, col, rest):
            return VGroup(text(word, "body", color=col), text(rest, "body")).arrange(RIGHT, buff=0.15)
        div = "\u00f7 \u221av\u0302\u2082"
        l2_lines = VGroup(text("Adam + L2:", "body", color=cl), row("push", PUSH, div), row("decay", DECAY, div))
        w_lines = VGroup(text("AdamW:", "body", color=cw), row("push", PUSH, div), row("decay", DECAY, "not \u00f7"))
        cards = VGroup()
        for grp in (l2_lines, w_lines):
            grp.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            cards.add(VGroup(BackgroundRectangle(grp, color=PANEL, fill_opacity=0.94, buff=0.1, corner_radius=0.1),
                             grp))
        cards.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        cards.move_to([SAFE_RIGHT - 0.02 - cards.width, HERO.top + 0.05, 0], aligned_edge=UP + LEFT)
        self.card = cards
        # √v̂ struck out in both of Adam + L2's lines: it cancels
        self.link_strikes = VGroup(*[Line(r[1].get_corner(DOWN + LEFT) + [-0.05, 0.05, 0],
                                          r[1].get_corner(UP + RIGHT) + [0.05, -0.05, 0], stroke_color=DOWNHILL,
                                          stroke_width=6) for r in l2_lines[1:]])
        self.claim("the cards leave room for the caption below them and fit the side panel",
                   cards.get_bottom()[1] > self.caption().get_top()[1] + 0.1 and cards.get_right()[0] < SAFE_RIGHT
                   and cards.get_left()[0] > zm.axes.get_right()[0] + 0.15,
                   f"{cards.get_bottom()[1]:.2f} vs {self.caption().get_top()[1]:.2f}; left {cards.get_left()[0]:.2f} "
                   f"vs {zm.axes.get_right()[0]:.2f}")

        names = [m[1][0] for m in self.avg_marks]
        arrows = [a for g in self.link_arrows for a in g]
        self.claim("the note clears the runs' names and the arrows", all(apart(note, x) for x in names + arrows),
                   f"{note.get_center().round(2)}")
        # Adam + L2's name leaves the top corner (its leader would cross the arrows) for just above its pair
        name_l2 = self.avg_marks[0][1][0]
        self.l2_name_to = name_l2.copy().move_to(
            [self.link_arrows[0].get_center()[0], self.link_arrows[0].get_top()[1] + 0.15, 0], aligned_edge=DOWN)
        self.claim("Adam + L2's moved name clears the arrows and the note, and stays on the map",
                   all(apart(self.l2_name_to, x) for x in [note, names[1]] + arrows)
                   and self.l2_name_to.get_left()[0] > zm.frame.get_left()[0]
                   and self.l2_name_to.get_top()[1] < zm.frame.get_top()[1],
                   f"{self.l2_name_to.get_corner(DOWN + LEFT).round(2)}")
        # a ring in AdamW's colour marks the point its pair is drawn for (first Adam + L2's rest), named right of
        # the pair
        self.probe = Dot(zm.c2p(*al), radius=ring_r, fill_opacity=0, stroke_color=cw, stroke_width=5)
        words = VGroup(text("AdamW,", "body", color=cw), text("if it were here", "body", color=cw)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.08)
        self.probe_tag = VGroup(BackgroundRectangle(words, color=PANEL, fill_opacity=0.85, buff=0.06), words)
        self.probe_tag.next_to(self.link_arrows[1], RIGHT, buff=0.25).align_to(self.link_arrows[1], UP)
        # (it leaves before the pair moves to AdamW's rest)
        self.claim("the probe's name clears the arrows at Adam + L2's rest, the runs' names and the note, and stays "
                   "on the zoomed map",
                   all(apart(self.probe_tag, x) for x in names + [note, self.l2_name_to, self.avg_marks[1][0]]
                       + arrows[:4])
                   and self.probe_tag.get_right()[0] < zm.frame.get_right()[0] - 0.05,
                   f"{self.probe_tag.get_corner(DOWN + LEFT).round(2)}-{self.probe_tag.get_corner(UP + RIGHT).round(2)}")

    def caption(self):
        """The settings, at the bottom of the side panel under the takeaway."""
        lines = VGroup(text(f"\u03b3 {self.lr:g} \u00b7 \u03bb {self.weight_decay:g}", "label", color=MUTED),
                       text(f"B {self.batch} \u00b7 {self.steps} steps", "label", color=MUTED)).arrange(DOWN, aligned_edge=RIGHT, buff=0.1)
        return lines.move_to([SAFE_RIGHT - 0.05, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + RIGHT)
