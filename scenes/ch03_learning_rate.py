"""Chapter 3: the learning rate. One canyon, one start, three step sizes on one large map: one crawls,
one gets there (1 % of the distance left by step 64), one is thrown off the map. Then the canyon cut across and seen end-on: each stride
multiplies the distance to the floor line by 1 - 4γ, which must stay above -1, so γ < 2/4; cut along
the floor, the slope is 20 times gentler, so even a good γ crawls there: 6 strides across, 64 along; and no
γ below the limit closes more than 10 % of the floor a stride.

Render: ``manim -ql scenes/ch03_learning_rate.py LearningRate``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    BackgroundRectangle,
    Brace,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    Group,
    Indicate,
    Line,
    MathTex,
    MoveToTarget,
    Rectangle,
    ReplacementTransform,
    ValueTracker,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import (
    contraction_factor,
    crossing_step,
    distance_to,
    stability_limit,
    steps_to_shrink,
)
from scenes.kit import (
    HERO,
    MUTED,
    SIDE,
    TEXT,
    CornerCaption,
    LandscapeMap,
    N,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    tex,
    text,
)
from scenes.kit.cross_section import CrossSection
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT
from scenes.kit.palette import PANEL
from scenes.kit.trajectory import readout_table
from scenes.scene import ExplainerScene

__all__ = ["LearningRate"]

#: three runs of the same optimizer told apart by colour (checked distinct, also colour-blind)
RUN_COLORS = {"too small": "#56B4E9", "good": "#F0E442", "too large": "#E0285A"}
#: the learning-rate symbol highlighted in the rule (not a run's colour)
SYMBOL_HIGHLIGHT = "#FF8AD8"
#: slopes drawn on the cross-section
TANGENT = "#FF8AD8"
#: the one measure of progress in this chapter: the share of the starting distance still left
LEFT_TOL = 0.01


class SansLive(VGroup):
    """A readout in the kit's sans font that shows one of a known list of texts (``set_text``), all typeset
    once, top-left corners together, only the current one visible. The family never changes (the render
    shortcuts need that, as for the kit's monospace LiveText). (Belongs in the kit beside LiveText.)"""

    def __init__(self, states, size: str = "label", color=TEXT):
        super().__init__()
        states = list(dict.fromkeys(states))
        texts = [text(s_, size, color=color) for s_ in states]
        corner = texts[0].get_corner(UP + LEFT)
        for t in texts:
            t.move_to(corner, aligned_edge=UP + LEFT).set_opacity(0.0)
        self.states = dict(zip(states, texts))
        self.content = None
        self.add(*texts)
        self.set_text(states[0])

    def set_text(self, content: str) -> "SansLive":
        if content != self.content:
            if self.content is not None:
                self.states[self.content].set_opacity(0.0)
            self.states[content].set_opacity(1.0)
            self.content = content
        return self


def panel(*rows, buff: float = 0.12) -> VGroup:
    """Rows of text stacked (centred) on one dark panel, like ``ExplainerScene.stamp``."""
    body = VGroup(*rows).arrange(DOWN, buff=buff)
    return VGroup(BackgroundRectangle(body, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.1), body)


class LearningRate(ExplainerScene):
    chapter = 3
    title = "The learning rate"
    description = ("One canyon, one start, three learning rates on one map: too small crawls, a good one gets there, "
                   "too large is thrown off the map; cut across, each stride multiplies the distance to the floor "
                   "by 1 - 4 gamma, which must stay above -1, so gamma < 2/4: the steepest direction sets the "
                   "limit, and the gentle one the speed.")
    on_grammar = True

    landscape_name = "ravine"
    #: (verdict, learning rate), in the order they are shown
    runs = [("too small", 0.02), ("good", 0.35), ("too large", 0.6)]
    steps = 64

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.one_knob, self.too_small, self.good, self.too_large, self.cut_across,
                        self.each_stride_multiplies, self.the_limit, self.along_the_floor)
        self.set_heading("Walls set the limit; the floor, the pace")
        self.final_hold(self.caption(), seconds=2.5)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        self.trajs = [oc.run(oc.optimizer("gd", lr=lr), ls, self.start, steps=self.steps) for _, lr in self.runs]
        hess = ls.hessian(np.zeros(2))
        self.curv, self.curv_floor = float(hess[1, 1]), float(hess[0, 0])   # 4 across, 0.2 along
        self.gentler = self.curv / self.curv_floor                          # 20
        self.factors = [contraction_factor(ls, lr, axis=1) for _, lr in self.runs]
        self.floor_factors = [contraction_factor(ls, lr, axis=0) for _, lr in self.runs]
        self.limit = stability_limit(ls)                                     # 2 / 4 = 0.5
        self.to_1pct = {"across": steps_to_shrink(self.factors[1], LEFT_TOL),
                        "along": steps_to_shrink(self.floor_factors[1], LEFT_TOL)}
        self.floor_cut_pct = round(100 * (1.0 - self.floor_factors[1]))    # 7 % a stride along the floor
        # distance left (share of the start's distance to the minimum) at every step, per run: the readouts' measure
        self.shares = [distance_to(t.positions, ls.minima[0]) / distance_to(t.positions[:1], ls.minima[0])[0]
                       for t in self.trajs]
        self.left = self.shares[:2]
        self.small_floor = abs(self.trajs[0].positions[-1, 1])
        self.good_reach = crossing_step(self.left[1], LEFT_TOL, "below")
        self.exit = self.paths_exit(self.trajs[2])
        self.edge = oc.run(oc.optimizer("gd", lr=self.limit), ls, self.start, steps=6)   # exactly at the limit

    def paths_exit(self, traj) -> int:
        (x0, x1), (y0, y1) = self.ls.bounds
        p = traj.positions
        inside = np.isfinite(p).all(-1) & (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
        return int(np.argmin(inside))

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=HERO.width - 1.05, n_contours=9)
        self.lmap.move_to([HERO.left, HERO.top - 0.1, 0], aligned_edge=UP + LEFT)
        self.paths = []
        for (verdict, lr), traj, share in zip(self.runs, self.trajs, self.shares):
            # the share of the distance left; the thrown-off run counts what the voice says of it, how far
            # out across the canyon she lands (|θ₂|: 1.5, 2.1, 2.94, 4.12)
            thrown = verdict == "too large"
            p = TrajectoryPath(traj, self.lmap, "gd", color=RUN_COLORS[verdict], readout="free",
                               label=f"\u03b3 = {lr:g}", readout_font_size=30,
                               stroke_width=3 if thrown else 5, dot_radius=0.1,
                               marker_radius=0.035, stop_at_exit=True, diverged_font_size=30,
                               loss_label="|\u03b8\u2082|" if thrown else "% left",
                               readout_values=np.abs(traj.positions[:, 1]) if thrown else 100.0 * share)
            p.detach_readout()
            # a dark outline, so the yellow path stays clear on the map's yellow-green walls
            p.full_path.set_background_stroke(color="#05060A", width=(3 if thrown else 5) + 6, opacity=1.0)
            self.paths.append(p)
        self.table = readout_table(self.paths, buff=0.12)
        # the values in one column: the |θ₂| row's caption right-aligned to it
        p_ref, p_big = self.paths[0], self.paths[2]
        dx = p_ref.loss_value.get_left()[0] - p_big.loss_value.get_left()[0]
        p_big.loss_value.shift(RIGHT * dx)
        p_big.loss_caption.shift(RIGHT * (p_ref.loss_caption.get_right()[0] - p_big.loss_caption.get_right()[0]))
        self.table.next_to(self.lmap.axes, DOWN, buff=0.25).align_to(self.lmap.frame, LEFT)

        self.rule = UpdateRule(rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.grad}")
        self.rule.highlight("lr", color=SYMBOL_HIGHLIGHT)
        self.rule.move_to([SIDE.x, SIDE.top - 0.1, 0], aligned_edge=UP)
        self.grad_note = VGroup(tex(str(N.grad), "label", color=MUTED), text("= the slope", "label",
                                                                         color=MUTED)).arrange(RIGHT, buff=0.15)
        self.grad_note.next_to(self.rule, DOWN, buff=0.15)

    def stride_bars(self) -> VGroup:
        """The three first strides side by side as bars from one start line, each labelled at its tip."""
        g = float(np.linalg.norm(self.ls.grad(self.start)))
        longest = max(lr for _, lr in self.runs) * g
        scale = (SIDE.width - 2.9) / longest
        bars = VGroup()
        for verdict, lr in self.runs:
            bar = Line(ORIGIN, RIGHT * max(lr * g * scale, 0.05), stroke_color=RUN_COLORS[verdict], stroke_width=12)
            tip = text(f"\u03b3 = {lr:g}: {lr * g:.2g}", "small", color=RUN_COLORS[verdict])
            tip.next_to(bar, RIGHT, buff=0.15)
            bars.add(VGroup(bar, tip))
        bars.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        start = Line(bars.get_corner(UP + LEFT) + UP * 0.12, bars.get_corner(DOWN + LEFT) + DOWN * 0.12,
                     stroke_color=MUTED, stroke_width=3)
        head = text("first stride: \u03b3 \u00d7 slope", "label", color=MUTED).next_to(VGroup(bars, start), UP, buff=0.3)
        head.align_to(start, LEFT)
        group = VGroup(head, start, bars)
        group.next_to(self.grad_note, DOWN, buff=0.4).align_to(self.rule, LEFT)
        group.bars = bars
        return group

    def draw(self, i: int, duration: float, end: float | None = None):
        """Run ``i`` on the map to step ``end`` (default: the last)."""
        self.play(self.paths[i].draw(end=end), run_time=duration)

    def caption(self):
        lrs = " / ".join(f"{lr:g}" for _, lr in self.runs)
        cap = CornerCaption([("gd", {"lr": lrs})], landscape=self.ls,
                            extra=f"start ({self.start[0]:g}, {self.start[1]:g})", max_width=5.5)
        # bottom right: the across panel's labels hold the bottom left
        return cap.move_to([SAFE_RIGHT - cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])

    # ------------------------------------------------------------------ beats
    def one_knob(self):
        self.build()
        start = self.start
        g = self.ls.grad(start)
        slope = ParamArrow.gradient(self.lmap, start, scale=0.25, label=rf"-{N.grad}", label_font_size=64)
        slope.label.add_background_rectangle(color=PANEL, opacity=0.9, buff=0.06)
        # the longest stride underneath, so the shorter ones stay visible on top of it
        strides = [ParamArrow(self.lmap, start, -lr * g, color=RUN_COLORS[v], stroke_width=6).set_z_index(3 - i)
                   for i, (v, lr) in enumerate(self.runs)]
        bars = self.stride_bars()
        self.start_ring = Dot(self.lmap.c2p(*start), radius=0.16, fill_opacity=0.0).set_stroke(TEXT, width=4)
        with self.voiceover(text="Gradient descent steps against the slope; the learning rate, gamma, sets the "
                                 "stride."):
            self.set_heading("One knob: the learning rate \u03b3")
            self.play(FadeIn(self.lmap), FadeIn(self.rule), FadeIn(self.grad_note), run_time=0.9)
            self.play(GrowArrow(slope.arrow), FadeIn(slope.label), run_time=0.7)
            # the three runs' readouts wait under the map (step 0); the three strides grow together
            self.play(self.rule.indicate("lr", color=SYMBOL_HIGHLIGHT), FadeIn(bars[0]), FadeIn(bars[1]),
                      FadeIn(self.table), FadeOut(slope), run_time=0.7)
            self.play(*[GrowArrow(s_.arrow) for s_ in strides],
                      *[GrowFromEdge(bar, LEFT) for bar, _ in bars.bars],
                      *[FadeIn(tip) for _, tip in bars.bars], run_time=0.9)
        # the arrows leave the map when the runs start; the bars stay beside it (each run's first stride)
        self.stride_parts = VGroup(*[s_.arrow for s_ in strides])
        self.bars = bars

    def too_small(self):
        n = self.steps
        left = float(self.left[0][-1])
        pct = round(100 * left)
        self.claim(f"after {n} steps about three quarters of the distance to the bottom is left", 0.65 < left < 0.85,
                   f"{pct}%")
        self.claim("she is on the canyon floor by then", self.small_floor < 0.05, f"|theta2| = {self.small_floor:.3g}")
        star = self.lmap.c2p(0.0, 0.0)
        end = self.paths[0].point_at_step(n)
        gap = DashedLine(end, star, stroke_color=RUN_COLORS["too small"], stroke_width=3)
        note = panel(text(f"after {n} steps", "label", color=RUN_COLORS["too small"]),
                     text(f"{pct}% of the distance left", "label", color=RUN_COLORS["too small"]))
        note.move_to(self.lmap.c2p(-1.6, 0.5), aligned_edge=DOWN)   # above the gap, clear of her path
        with self.voiceover(text=f"At 0.02 she creeps: after {n} steps, {pct} percent is left.") as tracker:
            self.set_heading("\u03b3 = 0.02: a crawl")
            self.add(self.paths[0].set_progress(0))
            # only her dot at the start (the others appear when their runs begin)
            self.play(FadeOut(self.stride_parts), FadeIn(self.paths[0].dot), FadeIn(self.start_ring),
                      run_time=0.8)
            self.play(FadeOut(self.start_ring), run_time=0.3)
            self.draw(0, max(1.5, 0.62 * tracker.duration - 1.8))
            self.play(Create(gap), FadeIn(note), run_time=0.8)
        self.small_note = VGroup(gap, note)

    def good(self):
        n = self.steps
        left = float(self.left[1][-1])
        pct = round(100 * left)
        self.claim(f"at 0.35 about {pct} percent of the distance is left after {n} steps, not before step 60",
                   pct == 1 and self.good_reach is not None and 60 <= self.good_reach <= n,
                   f"{100 * left:.2f}%, below {LEFT_TOL:g} from step {self.good_reach}")
        on_map = Dot(self.paths[1].point_at_step(n), radius=0.16, fill_opacity=0.0
                     ).set_stroke(RUN_COLORS["good"], width=4)
        stamp = self.stamp(f"{pct}% left after {n} steps", color=RUN_COLORS["good"], size="label")
        stamp.next_to(on_map, DOWN, buff=0.3)
        with self.voiceover(text=f"At 0.35 she zig-zags onto the floor and walks it down: by step {n}, {pct} "
                                 "percent is left.") as tracker:
            self.set_heading("\u03b3 = 0.35: gets there", run_time=0.6)
            self.add(self.paths[1])
            self.paths[1].set_progress(0)
            self.play(FadeOut(self.small_note), run_time=0.3)
            self.play(FadeIn(self.paths[1].dot), run_time=0.2)
            self.draw(1, max(1.5, tracker.duration - 3.0))
            self.play(FadeIn(on_map, scale=2), FadeIn(stamp), run_time=0.7)
        self.good_marks = VGroup(on_map, stamp)

    def too_large(self):
        e = self.exit
        self.claim("at 0.6 every hop lands farther out", abs(self.factors[2]) > 1)
        with self.voiceover(text="At 0.6 each stride lands higher on the far wall, so the next is longer.") as tracker:
            self.set_heading("\u03b3 = 0.6: thrown off", run_time=0.6)
            self.add(self.paths[2])
            self.bring_to_front(self.paths[0], self.paths[1])   # its long strides under the two zig-zags
            self.paths[2].set_progress(0)
            self.play(FadeOut(self.good_marks), FadeIn(self.paths[2].dot), run_time=0.4)
            per = (tracker.duration - 1.0) / 3
            self.draw(2, per, end=1)
            self.draw(2, per, end=2)
            self.draw(2, per, end=e - 0.01)
        # her readout stops where she leaves the map; its row says so while her distance climbs on
        p = self.paths[2]
        across = np.abs(self.trajs[2].positions[:, 1])
        grow = abs(self.factors[2])
        self.claim(f"each stride at 0.6 throws her {grow:.2g} times farther across",
                   np.allclose(across[1:e + 4] / across[:e + 3], grow), f"{across[:e + 4]}")
        gone = text(f"\u03b3 = {self.runs[2][1]:g}  off the map at step {e}; \u00d7{grow:.2g} farther a stride",
                    "label", color=p.color)
        gone.align_to(p.readout, LEFT).align_to(p.readout, DOWN)
        with self.voiceover(text=f"Off the map at step {e}: {grow:.2g} times farther out each stride.") as tracker:
            self.play(p.draw(end=e), run_time=0.6)
            # one row after the other (no cross-fade of two texts in one place)
            self.play(FadeOut(p.readout), run_time=0.2)
            self.table.remove(p.readout)           # so the table's fade-out later does not bring it back
            self.play(FadeIn(gone), run_time=0.3)
            self.play(Indicate(gone, color=p.color, scale_factor=1.06), run_time=max(1.0, tracker.duration - 1.2))
        self.gone_row = gone

    # --- the canyon end-on
    def build_slices(self):
        """The canyon cut across through the start (loss against θ₂) and along the floor (against θ₁)."""
        self.cut = CrossSection(self.ls, axis=1, at=float(self.start[0]), width=HERO.width - 0.6, height=3.3,
                                f_max=18.0)
        name = VGroup(text("across part of f:", "label", color=MUTED),
                      tex(rf"{self.curv / 2:g}\,{N.theta2}^2", "label", color=MUTED)).arrange(RIGHT, buff=0.15)
        name.next_to(self.cut.frame, UP, buff=0.12).align_to(self.cut.frame, LEFT)
        self.cut.axes.add(name)
        self.cut.y_label = name
        self.cut.move_to([HERO.x, HERO.top - 0.2 - self.cut.height / 2, 0])
        pos = [t.positions for t in self.trajs]
        self.hops = [None,
                     self.cut.hops(pos[1][:7, 1], color=RUN_COLORS["good"]),
                     self.cut.hops(pos[2][:3, 1], color=RUN_COLORS["too large"])]
        self.edge_hops = self.cut.hops(self.edge.positions[:6, 1], color=TEXT, arc_angle=-0.7)
        th, lr = N.theta2, N.lr
        c = self.curv
        self.end_rule = MathTex(rf"{th} \leftarrow {th} - {lr}\cdot {c:g}\,{th}", rf"= (1 - {c:g}\,{lr})\,{th}",
                                font_size=48)
        self.end_rule.next_to(self.cut, DOWN, buff=0.45)
        # a small map beside the cut: where the canyon was cut (no text on it)
        self.mini = LandscapeMap(self.ls, width=SIDE.width - 0.6, n_contours=9, show_axes=False)
        self.mini.move_to([SIDE.x - 0.15, SIDE.top - 0.1, 0], aligned_edge=UP)
        x = float(self.start[0])
        (y_lo, y_hi) = self.ls.bounds[1]
        self.mini_cut = DashedLine(self.mini.c2p(x, y_lo), self.mini.c2p(x, y_hi), stroke_color=TEXT, stroke_width=4)
        self.mini_start = Dot(self.mini.c2p(*self.start), radius=0.08, color=RUN_COLORS["good"])
        self.mini_cut.set_z_index(2)      # over the small map's picture
        self.mini_start.set_z_index(2)
        rows = VGroup()
        for (verdict, lr_), f in list(zip(self.runs, self.factors))[1:]:
            row = VGroup(text(f"\u03b3 = {lr_:g}", "body", color=RUN_COLORS[verdict]),
                         text(f"\u00d7 {f:.2g}".replace("-", "\u2212"), "body"))
            row.arrange(RIGHT, buff=0.35)
            rows.add(row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        self.factor_head = text("factor per stride", "label", color=MUTED)
        side = VGroup(self.factor_head, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        side.next_to(self.mini, DOWN, buff=0.3).set_x(SIDE.x - 0.15)
        self.factor_rows = rows
        # the slope at the start, and her distance from the floor line
        y0 = float(self.start[1])
        p = self.cut.c2p(y0)
        self.tangent = self.cut.tangent(y0, 0.9, stroke_color=TANGENT, stroke_width=5)
        self.slope_label = text(f"slope {c:g} \u00d7 {y0:g} = {c * y0:g}", "label", color=TANGENT)
        self.slope_label.next_to(p, RIGHT, buff=0.5).shift(DOWN * 0.2)
        # her distance from the floor line (θ₂ = 0), measured at her height, inside the canyon (clear of the axis)
        base0 = self.cut.c2p(0.0)
        span = Line([base0[0], p[1] + 0.1, 0], [p[0], p[1] + 0.1, 0])
        floor_line = DashedLine(base0, [base0[0], p[1] + 0.35, 0], stroke_color=MUTED, stroke_width=3)
        self.dist_brace = VGroup(floor_line, Brace(span, UP, buff=0.02, color=TEXT))
        self.dist_label = text(f"{y0:g} from the floor", "label").next_to(self.dist_brace[1], UP, buff=0.08)
        self.dist_label.align_to(self.dist_brace[1], RIGHT)     # clear of the curve's right arm
        # the loss itself, and its slope across (where the end-on rule comes next)
        c_floor = self.curv_floor
        self.loss_tex = tex(rf"{N.loss} = {c_floor / 2:g}\,{N.theta1}^2 + {c / 2:g}\,{N.theta2}^2", "formula")
        self.slope_tex = VGroup(text("slope across:", "label", color=TANGENT),
                                tex(rf"{c:g}\,{N.theta2}", "formula", color=TANGENT),
                                text(f"(curvature {c:g})", "label")).arrange(RIGHT, buff=0.2)
        self.slope_tex[2].shift(RIGHT * 0.15)
        self.formula = VGroup(self.loss_tex, self.slope_tex).arrange(RIGHT, buff=0.7)
        if self.formula.width > HERO.width - 0.3:
            self.formula = VGroup(self.loss_tex, self.slope_tex).arrange(DOWN, buff=0.2)
        self.formula.next_to(self.cut, DOWN, buff=0.3).set_x(HERO.x)
        # the factor on a number line: inside (-1, 1) the hops shrink
        self.factor_line = self.number_line()
        # the limit, worked out: 1 - 4γ > -1, so γ < 2/4
        lim = self.limit
        self.derivation = panel(text(f"1 \u2212 {c:g}\u03b3 > \u22121", "body"),
                                text(f"\u03b3 < 2/{c:g} = {lim:g}", "body"),
                                text("2 \u00f7 steepest curvature", "label"))
        # right-aligned, below the cut's last tick label
        self.derivation.next_to(side, DOWN, buff=0.55).align_to([SAFE_RIGHT, 0, 0], RIGHT)

    def number_line(self) -> VGroup:
        lo, hi, width = -2.0, 1.3, HERO.width - 3.3
        x0 = HERO.x - width / 2 + 0.5
        y = SAFE_BOTTOM + 0.7

        def at(v):
            return np.array([x0 + (v - lo) / (hi - lo) * width, y, 0.0])

        axis = Line(at(lo), at(hi), stroke_color=MUTED, stroke_width=2)
        band = Rectangle(width=at(1)[0] - at(-1)[0], height=0.32, stroke_width=0, fill_color="#2E8B57",
                         fill_opacity=0.45).move_to((at(-1) + at(1)) / 2)
        ticks = VGroup()
        for v in (-2, -1, 0, 1):
            ticks.add(Line(at(v) + DOWN * 0.1, at(v) + UP * 0.1, stroke_color=MUTED, stroke_width=2))
            ticks.add(text(f"{v}".replace("-", "\u2212"), "label", color=MUTED).next_to(at(v), DOWN, buff=0.18))
        name = text(f"1 \u2212 {self.curv:g}\u03b3", "label", color=MUTED).next_to(axis, LEFT, buff=0.3)
        shrink = text("hops shrink", "label", color="#7FD6A4").next_to(band, UP, buff=0.1).align_to(band, RIGHT)
        marks = VGroup()
        for (verdict, lr), f in list(zip(self.runs, self.factors))[1:]:
            marks.add(Dot(at(f), radius=0.11, color=RUN_COLORS[verdict]))
        edge = VGroup(Line(at(-1) + DOWN * 0.12, at(-1) + UP * 0.35, stroke_color=TEXT, stroke_width=5))
        group = VGroup(band, axis, ticks, name, shrink, marks, edge)
        group.at = at
        return group

    def cut_across(self):
        self.build_slices()
        x = float(self.start[0])
        cut_line = DashedLine(self.lmap.c2p(x, self.ls.bounds[1][0]), self.lmap.c2p(x, self.ls.bounds[1][1]),
                              stroke_color=TEXT, stroke_width=4).set_z_index(2)
        # the cut's line turns into the θ₂ axis of the end-on view (θ₂ = -3 at the bottom goes to the left)
        bridge = Line(cut_line.get_start(), cut_line.get_end(), stroke_color=TEXT, stroke_width=4)
        axis_line = self.cut.axes[0]
        c, y0 = self.curv, float(self.start[1])
        vs = np.linspace(-3.0, 3.0, 13)
        self.claim(f"the curve on the cut is the across part of the loss, {c / 2:g} theta two squared (its floor "
                   f"subtracted)", np.allclose(self.cut.f(vs) - self.cut.floor, c / 2 * vs ** 2, atol=1e-3))
        self.claim(f"the slope across is {c:g} theta two", abs(self.cut.slope(y0) - c * y0) < 1e-9 and abs(c - 4.0) < 1e-9)
        with self.voiceover(text=f"Why? Cut the canyon across: the slope there is {c:g} theta two; at {y0:g}, "
                                 f"{c * y0:g}.") as tracker:
            self.set_heading("Cut across: the canyon end-on")
            self.play(Create(cut_line), FadeOut(self.table), FadeOut(self.gone_row), FadeOut(self.rule),
                      FadeOut(self.grad_note), FadeOut(self.bars), run_time=0.7)
            # the map goes first (only the cut line stays), so the map and the profile never show through each other
            self.play(FadeOut(self.lmap), *[FadeOut(p) for p in self.paths], run_time=0.4)
            self.add(bridge)
            # the cut line swings down into the θ₂ axis while the canyon's profile rises over it
            self.play(ReplacementTransform(cut_line, self.mini_cut), FadeIn(self.mini), FadeIn(self.mini_start),
                      ReplacementTransform(bridge, axis_line), FadeIn(VGroup(*self.cut.axes[1:])),
                      Create(self.cut.curve), run_time=1.0)
            self.add(self.cut)
            self.play(FadeIn(self.hops[1].dots[0]), FadeIn(self.loss_tex), run_time=0.7)
            self.play(FadeIn(self.dist_brace), FadeIn(self.dist_label), FadeIn(self.slope_tex), run_time=0.7)
            self.until(tracker, 0.7)
            self.play(Create(self.tangent), FadeIn(self.slope_label), run_time=0.8)

    def stride_arrow(self) -> VGroup:
        """The 0.35 run's first stride drawn on the cut: γ times the slope, from her place to where she lands."""
        lr, y0 = self.runs[1][1], float(self.start[1])
        slope = self.cut.slope(y0)
        stride = lr * slope
        land = y0 - stride
        f_good = self.factors[1]
        self.claim(f"the first stride at {lr:g} is {lr:g} times {slope:g}, {stride:g}: from {y0:g} to {land:.2g}, "
                   f"which is {f_good:.2g} times {y0:g}",
                   abs(land - self.trajs[1].positions[1, 1]) < 1e-9 and abs(land - f_good * y0) < 1e-9)
        good = RUN_COLORS["good"]
        y = self.cut.c2p(y0)[1] + 1.3
        x_from, x_to = self.cut.c2p(y0)[0], self.cut.c2p(land)[0]
        arrow = Line([x_from, y, 0], [x_to, y, 0], stroke_color=good,
                     stroke_width=6).add_tip(tip_length=0.25, tip_width=0.25)
        minus = "\u2212"
        # anchored: a drop from its tip down to where she lands on the θ₂ axis, marked there
        axis_y = self.cut.frame.get_bottom()[1]
        drop = DashedLine([x_to, y, 0], [x_to, axis_y, 0], stroke_color=good, stroke_width=2.5)
        tick = Line([x_to, axis_y - 0.14, 0], [x_to, axis_y + 0.14, 0], stroke_color=good, stroke_width=6)
        at = text(f"{land:.2g}".replace("-", minus), "body", color=good).next_to([x_to, y, 0], LEFT, buff=0.15)
        arrow = VGroup(arrow, drop, tick, at)
        note = panel(text("\u03b3 \u00d7 slope", "label", color=good),
                     text(f"= {lr:g} \u00d7 {slope:g} = {stride:g}", "label", color=good),
                     text(f"lands at {land:.2g}".replace("-", minus), "label", color=good),
                     text(f"= {f_good:.2g} \u00d7 {y0:g}".replace("-", minus), "label", color=good), buff=0.08)
        # in the free column under the small map (the factor rows come there later)
        top = min(self.mini.get_bottom()[1], self.slope_label.get_bottom()[1]) - 0.25   # under both
        note.move_to([SIDE.x - 0.15, top - note.height / 2, 0])
        return VGroup(arrow, note)

    def each_stride_multiplies(self):
        f_good, f_big = self.factors[1], self.factors[2]
        rule, rows = self.end_rule, self.factor_rows
        stride = self.stride_arrow()
        with self.voiceover(text="A stride moves her gamma times the slope: it multiplies her distance from the "
                                 f"floor by 1 minus {self.curv:g} gamma.") as tracker:
            self.set_heading("One stride: \u03b3 \u00d7 slope")
            self.play(FadeOut(self.formula), run_time=0.4)
            self.play(Create(stride[0][:2]), FadeIn(stride[1][0]), FadeIn(stride[1][1][:2]), run_time=0.8)
            self.play(FadeIn(stride[1][1][2:]), FadeIn(stride[0][2:]), FadeIn(rule[0]), run_time=0.8)
            self.until(tracker, 0.55)
            self.set_heading("Each stride multiplies the distance by 1 \u2212 4\u03b3", run_time=0.6)
            self.play(FadeIn(rule[1]), run_time=0.6)
            self.play(Indicate(rule[1], color=SYMBOL_HIGHLIGHT), run_time=0.8)
        with self.voiceover(text=f"At 0.35 that is minus {abs(f_good):.2g}: each hop lands across, but "
                                 "closer.") as tracker:
            self.play(FadeOut(self.tangent), FadeOut(self.slope_label), FadeOut(self.dist_brace),
                      FadeOut(self.dist_label), FadeOut(stride), FadeIn(self.factor_head), FadeIn(rows[0]),
                      run_time=0.6)
            self.add(self.hops[1])
            hops, x = self.hops[1], float(self.start[0])
            self.mini_start.add_updater(lambda m: m.move_to(self.mini.c2p(
                x, float(np.interp(hops.progress, np.arange(len(hops.values)), hops.values)))))
            self.play(self.hops[1].draw(), run_time=max(1.0, tracker.duration - 0.8))
            self.mini_start.clear_updaters()
        with self.voiceover(text=f"At 0.6, minus {abs(f_big):.2g}: every hop lands farther out.") as tracker:
            self.add(self.hops[2])
            self.play(FadeIn(rows[1]), run_time=0.5)
            self.play(self.hops[2].draw(), run_time=max(1.0, tracker.duration - 0.6))

    def the_limit(self):
        lim = self.limit
        self.claim(f"gamma must stay below {lim:g}", abs(lim - 2.0 / self.curv) < 1e-9)
        self.claim("at the limit the factor is exactly minus one", abs(contraction_factor(self.ls, lim, 1) + 1) < 1e-9)
        self.claim("the factor is above minus one below the limit and below it above the limit",
                   contraction_factor(self.ls, 0.99 * lim, 1) > -1 > contraction_factor(self.ls, 1.01 * lim, 1))
        nl = self.factor_line
        edge_label = text(f"\u03b3 = {lim:g}", "label").next_to(nl[6], UP, buff=0.08)
        edge_label.align_to(nl[6], RIGHT).shift(LEFT * 0.12)
        with self.voiceover(text=f"It must stay above minus one: gamma below 2 over the steepest curvature, "
                                 f"{self.curv:g}: {lim:g}. At {lim:g} she bounces forever.") as tracker:
            self.set_heading("The steepest direction sets the limit")
            self.play(FadeOut(self.end_rule), FadeIn(VGroup(nl[0], nl[1], nl[2], nl[3], nl[4])), run_time=0.6)
            self.play(FadeIn(nl[5], lag_ratio=0.4), FadeIn(self.derivation[0]), FadeIn(self.derivation[1][0]),
                      run_time=0.8)
            self.play(FadeIn(self.derivation[1][1:]), run_time=0.8)
            self.until(tracker, 0.55)
            self.play(FadeOut(self.hops[2]), FadeIn(nl[6]), FadeIn(edge_label), run_time=0.5)
            self.add(self.edge_hops)
            self.play(self.edge_hops.draw(), run_time=max(1.0, tracker.get_remaining_duration() + 0.3))
        self.limit_parts = VGroup(nl, edge_label)

    def build_floor(self):
        """The two cuts side by side at one θ scale (across, steep; along the floor, gentle), their labels,
        the 0.35 run's hops on each with the distance left on each, and the sweep of γ up to the limit."""
        g = self.gentler
        f_across, f_along = self.factors[1], self.floor_factors[1]
        cut_pct = self.floor_cut_pct
        good = RUN_COLORS["good"]
        minus = "\u2212"
        # one horizontal scale for both cuts: 1 unit of θ is the same width in both
        unit = 0.66
        across = CrossSection(self.ls, axis=1, at=float(self.start[0]), width=6 * unit, height=3.3, f_max=18.0,
                              n_ticks=4)
        along = CrossSection(self.ls, axis=0, at=0.0, width=12 * unit, height=3.3, f_max=18.0,
                             value_range=(-6.0, 6.0), n_ticks=7)     # ticks 2 apart on both
        pair = VGroup(across, along).arrange(RIGHT, buff=0.7, aligned_edge=DOWN)
        pair.move_to([0, HERO.top - 0.3 - pair.height / 2, 0])
        n_along = self.to_1pct["along"]
        pos = self.trajs[1].positions
        hops_a = across.hops(pos[:self.to_1pct["across"] + 1, 1], color=good)
        hops_b = along.hops(pos[:n_along + 1, 0], color=good, arc_angle=-0.5, dot_radius=0.07)
        every = range(n_along + 1)
        left_a = SansLive([self.share_left(hops_a, i) for i in every], "body", color=good)
        left_b = SansLive([self.share_left(hops_b, i, "floor") for i in every], "body", color=good)
        lab_a = VGroup(text(f"across: slope {self.curv:g}\u03b8\u2082", "body"),
                       text(f"\u00d7 {f_across:.2g} a stride".replace("-", minus), "body", color=good), left_a)
        sweep = self.gamma_sweep(along)
        # at the limit the across hops bounce for ever: what the last sentence's γ does across
        lim = self.limit
        f_lim = contraction_factor(self.ls, lim, axis=1)
        bounce = across.hops(self.edge.positions[:6, 1], color=TEXT, arc_angle=-0.7)
        bounce_lab = text(f"\u03b3 \u2192 {lim:g}: \u00d7 {f_lim:.2g}, bounces".replace("-", minus), "body")
        # the 0.35 run's factor along the floor; in the last sentence γ sweeps from there to the limit
        self.claim(f"at 0.35 a stride along the floor multiplies by {f_along:.2g}, {cut_pct} percent closer",
                   sweep.live.content.startswith(f"\u03b3 = {self.runs[1][1]:.2f}: \u00d7 {f_along:.2f}, {cut_pct}%"),
                   sweep.live.content)
        lab_b = VGroup(text(f"along: slope {self.curv_floor:g}\u03b8\u2081, {g:g}\u00d7 gentler", "body"),
                       sweep.live, left_b)
        # below the across cut, from its left edge
        lab_a.arrange(DOWN, buff=0.14, aligned_edge=LEFT).next_to(across, DOWN, buff=0.25).align_to(across, LEFT)
        bounce_lab.move_to(lab_a[1], aligned_edge=LEFT)
        sweep.bounce, sweep.bounce_lab = bounce, bounce_lab
        # the along cut's curve stays low: its labels go in the free space above it
        lab_b.arrange(DOWN, buff=0.14, aligned_edge=LEFT)
        lab_b.move_to(along.frame.get_corner(UP + LEFT) + DOWN * 0.05 + RIGHT * 0.1, aligned_edge=UP + LEFT)
        # the limit, between the arms of the across cut at its top
        limit = self.derivation[1][1]
        limit.generate_target()
        limit.target.scale(0.85).move_to(across.frame.get_top() + DOWN * 0.3)
        return across, along, hops_a, hops_b, lab_a, lab_b, limit, sweep

    def gamma_sweep(self, along) -> VGroup:
        """What a stride closes along the floor, 1 − 0.2γ per stride, as γ grows from 0.35 to the limit:
        a bar (0 to the bound) and a live line; the bound is what the limit allows."""
        lim = self.limit
        gammas = np.round(np.arange(self.runs[1][1], lim + 1e-9, 0.01), 2)
        closed = [1.0 - contraction_factor(self.ls, g_, axis=0) for g_ in gammas]     # 0.07 .. 0.10
        best = closed[-1]
        best_pct = round(100 * best)
        all_g = np.linspace(1e-3, lim, 200, endpoint=False)
        self.claim(f"no gamma below {lim:g} closes more than {best_pct} percent of the floor a stride",
                   all(1 - contraction_factor(self.ls, g_, axis=0) < best_pct / 100 + 1e-12 for g_ in all_g)
                   and abs(best - best_pct / 100) < 1e-9 and abs(gammas[-1] - lim) < 1e-9)
        states = [f"\u03b3 = {g_:.2f}: \u00d7 {1 - c:.2f}, {100 * c:.0f}% closer" for g_, c in zip(gammas, closed)]
        states[-1] = f"\u03b3 \u2192 {lim:g}: \u00d7 {1 - best:.2f}, {best_pct}% closer"
        live = SansLive(states, "body", color=RUN_COLORS["good"])
        # the bar: its full width is the bound (the most any stable γ closes), growing with γ
        width = 2.6
        name = text("closer a stride:", "body", color=MUTED)
        x0 = along.frame.get_left()[0] + 0.1 + name.width + 0.25
        y = along.get_bottom()[1] - 0.42
        frame = Rectangle(width=width, height=0.34, stroke_color=MUTED, stroke_width=2, fill_opacity=0.0)
        frame.move_to([x0 + width / 2, y, 0])
        bar = Rectangle(width=width, height=0.34, stroke_width=0, fill_color=TEXT, fill_opacity=0.85)
        bar.move_to(frame, aligned_edge=LEFT)
        tracker = ValueTracker(0)
        scale_of = [c / best for c in closed]

        def step() -> int:
            return int(round(tracker.get_value()))

        bar.add_updater(lambda m: m.stretch_to_fit_width(max(width * scale_of[step()], 0.01)).move_to(
            frame, aligned_edge=LEFT))
        live.add_updater(lambda m: m.set_text(states[step()]))
        wall = Line(frame.get_corner(DOWN + RIGHT) + DOWN * 0.12, frame.get_corner(UP + RIGHT) + UP * 0.12,
                    stroke_color=TEXT, stroke_width=5)
        bound = text(f"{best_pct}%", "body").next_to(wall, RIGHT, buff=0.15)
        name.next_to(frame, LEFT, buff=0.25)
        group = VGroup(frame, bar, wall, bound, name)
        group.tracker, group.n, group.pct, group.live = tracker, len(states) - 1, best_pct, live
        return group

    @staticmethod
    def share_left(hops, k: float, head: str = "") -> str:
        """The share of a cut's starting distance still left at step ``k`` of its hops, as shown
        (across: with the step it got there once its last hop is done; the floor: with the step)."""
        v = hops.values
        i = min(int(k + 1e-9), len(v) - 1)
        r = abs(v[i]) / abs(v[0])
        shown = "<1% left" if r < LEFT_TOL else f"{round(100 * r)}% left"
        if head:
            return f"{head}, step {i}: {shown}"
        return f"{shown} at step {i}" if i == len(v) - 1 else shown

    def along_the_floor(self):
        g = self.gentler
        f_good = self.floor_factors[1]
        n = self.to_1pct
        cut_pct = self.floor_cut_pct
        across, along, hops_a, hops_b, lab_a, lab_b, limit, sweep = self.build_floor()
        left_6 = abs(f_good) ** n["across"]
        self.claim(f"the floor is {g:g} times gentler than the walls", abs(g - round(g)) < 1e-9)
        self.claim(f"along the floor a good stride shrinks the distance only {cut_pct} percent",
                   abs(100 * (1 - f_good) - cut_pct) < 0.5 and 0.85 < f_good < 1.0)
        self.claim(f"after {n['across']} strides, under 1 percent is left across and {round(100 * left_6)} percent "
                   f"along; along needs {n['along']}",
                   abs(self.factors[1]) ** n["across"] < LEFT_TOL < left_6 and n["along"] > 10 * n["across"])
        self.claim("the 0.35 run gets to 1 percent when its floor distance does", abs(self.good_reach - n["along"]) <= 1,
                   f"{self.good_reach} vs {n['along']}")
        with self.voiceover(text=f"Along the floor the slope is {g:g} times gentler: a stride closes just "
                                 f"{cut_pct} percent.") as tracker:
            self.set_heading("Along the floor: the same stride crawls")
            self.play(FadeOut(Group(self.cut, self.hops[1], self.edge_hops, self.limit_parts, self.factor_head,
                                     self.factor_rows, self.mini, self.mini_cut, self.mini_start,
                                     self.derivation[0], self.derivation[1][0], self.derivation[1][2])),
                      run_time=0.6)
            self.play(FadeIn(across), FadeIn(hops_a), FadeIn(lab_a[:2]), MoveToTarget(limit), run_time=0.8)
            self.play(FadeIn(along), FadeIn(hops_b), FadeIn(lab_b[0]), run_time=0.8)
            self.until(tracker, 0.7)
            self.play(FadeIn(lab_b[1]), FadeIn(lab_a[2]), FadeIn(lab_b[2]), run_time=0.6)
        k = ValueTracker(0.0)
        hops_a.add_updater(lambda m: m.set_progress(min(k.get_value(), m.n_steps)))
        hops_b.add_updater(lambda m: m.set_progress(k.get_value()))
        left_a, left_b = lab_a[2], lab_b[2]
        left_a.add_updater(lambda m: m.set_text(self.share_left(hops_a, k.get_value())))
        left_b.add_updater(lambda m: m.set_text(self.share_left(hops_b, k.get_value(), "floor")))
        # the floor's count holds at the across cut's last stride until its share has been said
        with self.voiceover(text=f"After {n['across']} strides, across has under 1 percent left; the floor, "
                                 f"{round(100 * left_6)} percent. It needs {n['along']} strides.") as tracker:
            self.play(k.animate(rate_func=lambda t: t).set_value(n["across"]), run_time=2.2)
            self.until(tracker, 0.8)
            self.play(k.animate(rate_func=lambda t: t).set_value(n["along"]),
                      run_time=max(1.2, tracker.get_remaining_duration()))
        for m in (hops_a, hops_b, left_a, left_b):
            m.clear_updaters()
        # γ grows from 0.35 to the limit: what a stride closes rises to the bound, and no further
        # the 0.35 run's readouts go grey: from here on both cuts show γ at the limit
        with self.voiceover(text=f"Below {self.limit:g}, no stride closes more than {sweep.pct} percent of "
                                 "it: the walls set the limit; the floor, the pace.") as tracker:
            self.play(FadeIn(sweep), sweep.live.animate.set_color(TEXT), FadeOut(lab_a[1]),
                      *[m.animate.set_color(MUTED) for m in (hops_a, hops_b, left_a, left_b)], run_time=0.5)
            self.add(sweep.bounce)
            self.play(FadeIn(sweep.bounce_lab), run_time=0.3)
            self.play(sweep.tracker.animate(rate_func=lambda t: t).set_value(sweep.n),
                      Indicate(limit, color=SYMBOL_HIGHLIGHT, scale_factor=1.05), sweep.bounce.draw(),
                      run_time=max(1.5, 0.55 * tracker.duration - 0.8))
            sweep[1].clear_updaters()
            sweep.live.clear_updaters()
            # "the walls set the limit": the steep cut's slope; "the floor, the pace": the gentle one's
            self.until(tracker, 0.62)
            self.play(Indicate(lab_a[0], color=TEXT, scale_factor=1.08), run_time=0.9)
            self.until(tracker, 0.8)
            self.play(Indicate(lab_b[0], color=TEXT, scale_factor=1.08), run_time=0.9)
