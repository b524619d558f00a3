"""Chapter 3: the learning rate. Same canyon, same start, three step sizes: one crawls, one settles, one diverges.

Render: ``manim -ql scenes/ch03_learning_rate.py LearningRate``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    MathTex,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    FONT,
    FULL_SLOT,
    MUTED,
    SAFE_BOTTOM,
    SAFE_LEFT,
    SAFE_RIGHT,
    SYMBOL_COLORS,
    TEXT,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LossChart,
    TrajectoryPath,
    UpdateRule,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["LearningRate", "wall_factor"]

LR_COLOR = SYMBOL_COLORS["lr"]


def wall_factor(landscape, lr: float) -> float:
    """How one GD step scales the distance from the canyon floor (y = 0) on ``f = a x^2 + c y^2``: 1 - 2 c lr.

    Read off the landscape's own Hessian, so the number on screen is the landscape's.
    """
    curv = float(landscape.hessian(np.zeros(2))[1, 1])
    return 1.0 - curv * lr


def stop_at_first_exit(path: TrajectoryPath) -> int | None:
    """Draw a run only up to where it first leaves its map (the kit draws every later jump that crosses
    the map, which paints a diverging oscillation as a comb of lines). Losses, readout and optim_core's
    divergence step are untouched; the dot is hidden after the exit; the cross marks the first exit.
    Returns the first position index outside the map.
    """
    inside = path.space.contains(path.positions[:, 0], path.positions[:, 1])
    inside &= np.all(np.isfinite(path.positions), axis=-1)
    if inside.all():
        return None
    e = int(np.argmin(inside))  # first position outside: the drawn path ends on the edge, on step e
    per_step = 4 * path.subdivisions
    pts = path.full_path.points
    if len(pts) != per_step * path.n_steps or e < 1:
        return e
    pts[per_step * e:] = pts[per_step * e - 1]
    path.full_path.set_points(pts)
    # the dot, too, leaves for good (it would otherwise fly back across the map on each later jump);
    # a copy: optim_core's record stays as it is
    path.positions = path.positions.copy()
    path.positions[e + 1:] = np.nan
    if path.diverged_label is not None:
        path.exit_point = (e, pts[per_step * e - 1].copy())
        path.remove(path.diverged_label)
        path._build_diverged_label(path.diverged_text.font_size)
        path.add(path.diverged_label)
    path._last_k = None  # re-apply the per-step visibility (cross and label hidden until their step)
    path.set_progress(path.progress)
    return e


class LearningRate(ExplainerScene):
    chapter = 3
    title = "The learning rate"
    description = ("Same canyon, same start, three learning rates side by side: too small crawls, a good one "
                   "settles, too large overshoots wall to wall and diverges off the map.")

    landscape_name = "ravine"
    #: (verdict, learning rate), left to right
    runs = [("too small", 0.02), ("good", 0.35), ("too large", 0.6)]
    steps = 60
    seed = 0

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.same_start()
        self.too_small()
        self.good()
        self.too_large()
        self.why_it_blows_up()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape(self.landscape_name)
        self.opts = [oc.optimizer("gd", lr=lr) for _, lr in self.runs]
        self.trajs = [oc.run(o, self.ls, self.ls.start, steps=self.steps, seed=self.seed) for o in self.opts]
        self.curvature = float(self.ls.hessian(np.zeros(2))[1, 1])

    # ------------------------------------------------------------------ helpers
    def set_title(self, text: str, run_time: float = 0.7):
        new = self.heading_text(text)
        old = getattr(self, "title_text", None)
        anims = [FadeIn(new, shift=0.15 * DOWN)] + ([FadeOut(old)] if old is not None else [])
        self.play(*anims, run_time=run_time)
        self.title_text = new

    def build(self):
        ls = self.ls
        self.maps, self.paths, self.headers, self.exits = [], [], [], []
        columns = Group()
        for (verdict, lr), traj in zip(self.runs, self.trajs):
            m = LandscapeMap(ls, width=3.3, tick_font_size=22, label_font_size=28, n_contours=9, n_ticks=3)
            p = TrajectoryPath(traj, m, "gd", readout="free", label="", readout_font_size=24,
                               stroke_width=3.5, dot_radius=0.075, marker_radius=0.026, diverged_font_size=24)
            self.exits.append(stop_at_first_exit(p))
            head = VGroup(Text(verdict, font=FONT, font_size=30, color=TEXT),
                          MathTex(rf"\gamma = {lr:g}", font_size=36, color=LR_COLOR)).arrange(RIGHT, buff=0.3)
            col = Group(head, m).arrange(DOWN, buff=0.15)
            self.maps.append(m)
            self.paths.append(p)
            self.headers.append(head)
            columns.add(col)
        columns.arrange(RIGHT, buff=0.45)
        if columns.width > FULL_SLOT.width:
            columns.scale_to_fit_width(FULL_SLOT.width)
        columns.move_to([0, FULL_SLOT.top - columns.height / 2, 0])
        for col, p in zip(columns, self.paths):
            p.readout.next_to(col, DOWN, buff=0.12)
            p._follow_space()
        self.columns = columns
        self.exit_labels = [self.exit_label(p, e) for p, e in zip(self.paths, self.exits)]

        self.rule = UpdateRule(self.opts[0], font_size=36).highlight("lr")
        self.chart = LossChart(self.steps, width=4.3, height=1.35, font_size=22, x_label="",
                               y_label="loss (log scale) against step", y_range=(1e-4, 1e4))
        for p in self.paths:
            self.chart.add_trajectory(p)
        bottom_top = min(p.readout.get_bottom()[1] for p in self.paths) - 0.2
        self.chart.move_to([SAFE_RIGHT - 0.95 - self.chart.width / 2, 0, 0])
        self.chart.shift(UP * (bottom_top - self.chart.get_top()[1]))
        self.rule.move_to([SAFE_LEFT, bottom_top - 0.1, 0], aligned_edge=UP + LEFT)
        self.end_labels = [self.end_label(i) for i in range(len(self.runs))]
        assert self.chart.get_bottom()[1] >= SAFE_BOTTOM, self.chart.get_bottom()
        self.caption = place_caption(CornerCaption([("gd", {"lr": " / ".join(f"{lr:g}" for _, lr in self.runs)})],
                                                   landscape=ls, seed=self.seed,
                                                   extra="start (\u22125.5, 1.5)", font_size=20))

    def exit_label(self, p: TrajectoryPath, e: int | None):
        """The kit flags the run where it diverges (step 27 here), but the picture leaves the map much
        earlier: flag the exit instead, at its own step (the readout still says "diverged" from step 27)."""
        if e is None or p.diverged_label is None:
            return None
        label = p.diverged_label
        p.remove(label)
        p.diverged_label = None  # the kit no longer shows it; this chapter shows the exit flag itself
        old = p.diverged_text
        text = Text(f"off the map at step {e}", font=FONT, font_size=24, color=p.color, weight="BOLD")
        text.scale(old.height / text.height).move_to(old, aligned_edge=LEFT)
        frame = p.space.frame
        if text.width > frame.width - 0.3:
            text.scale_to_fit_width(frame.width - 0.3)
        lo, hi = frame.get_left()[0] + 0.15, frame.get_right()[0] - 0.15
        text.shift(RIGHT * (max(0.0, lo - text.get_left()[0]) - max(0.0, text.get_right()[0] - hi)))
        box = p.diverged_box.copy().stretch_to_fit_width(text.width + 0.16).move_to(text)
        cross = p.diverged_cross.copy().set_stroke(opacity=1.0).set_stroke(opacity=1.0, background=True)
        return VGroup(cross, box.set_fill(opacity=0.9), text.set_fill(opacity=1.0))

    def end_label(self, i: int) -> MathTex:
        """``γ = lr`` beside where run i's loss line ends: at the last step, or where it leaves the top."""
        lr = self.runs[i][1]
        lab = MathTex(rf"\gamma = {lr:g}", font_size=28, color=LR_COLOR)
        losses = self.trajs[i].losses
        top = self.chart.y_range[1]
        over = np.where(~(losses <= top))[0]
        if len(over):  # leaves through the top: label just below the crossing
            k = int(over[0])
            a, b = np.log10(losses[k - 1]), np.log10(losses[k]) if np.isfinite(losses[k]) else np.inf
            s = k - 1 + (np.log10(top) - a) / (b - a) if np.isfinite(b) else k - 1
            lab.next_to(self.chart.c2p(s, top), RIGHT, buff=0.15).shift(DOWN * 0.18)
        else:
            lab.next_to(self.chart.c2p(self.steps, losses[-1]), RIGHT, buff=0.15)
        return lab

    def draw_run(self, i: int, duration: float, end: float | None = None, rate_func=None):
        p, s = self.paths[i], self.chart.series[i]
        kw = {} if rate_func is None else {"rate_func": rate_func}
        self.play(p.draw(end=end, **kw), DrawSteps(s, end=end, **kw), run_time=duration)
        if p.progress >= p.n_steps and self.end_labels[i] not in self.mobjects:
            self.play(FadeIn(self.end_labels[i]), run_time=0.4)

    # ------------------------------------------------------------------ beats
    def same_start(self):
        self.build()
        with self.voiceover(text="One number sets the length of every stride: the learning rate, gamma. "
                                 "Keep the same canyon and the same start, and change only that number.") as tracker:
            self.set_title("Three learning rates, same start")
            self.play(FadeIn(self.columns), run_time=1.2)
            self.add(*self.paths)
            self.play(*[FadeIn(p.dot, scale=2.0) for p in self.paths], run_time=0.6)
            self.play(FadeIn(self.rule), FadeIn(self.caption), run_time=0.8)
            self.play(self.rule.indicate("lr"), run_time=1.0)
            self.play(FadeIn(self.chart), run_time=0.6)

    def too_small(self):
        with self.voiceover(text="With gamma at 0.02, every stride is tiny. Sixty steps later she is still "
                                 "on the canyon wall, and the loss has barely moved.") as tracker:
            self.draw_run(0, tracker.duration)

    def good(self):
        with self.voiceover(text="At 0.35, she drops to the floor in a few strides, then walks it down "
                                 "to the bottom.") as tracker:
            self.draw_run(1, tracker.duration)

    def too_large(self):
        with self.voiceover(text="At 0.6, she overshoots. Her first stride carries her past the floor and "
                                 "up the opposite wall, where the slope is steeper, so the next stride is "
                                 "even longer. Too far, then too far again, and she is thrown off the map.") as tracker:
            per = tracker.duration / 5
            self.draw_run(2, 1.2 * per, end=1)
            self.draw_run(2, 1.2 * per, end=2)
            self.draw_run(2, 1.0 * per, end=3)
            if self.exit_labels[2] is not None:
                self.play(FadeIn(self.exit_labels[2]), run_time=0.2 * per)
            self.draw_run(2, 1.4 * per, end=4)
        k = self.trajs[2].diverged_at
        with self.voiceover(text=f"The loss explodes, and by step {k} the numbers are so large that the run "
                                 "has diverged.") as tracker:
            self.draw_run(2, tracker.duration)

    def why_it_blows_up(self):
        c = self.curvature
        lines = VGroup(MathTex(r"y_t = y_{t-1} - \gamma\cdot" + f"{c:g}" + r"\,y_{t-1} = (1 - "
                               + f"{c:g}" + r"\gamma)\, y_{t-1}", font_size=34, color=TEXT))
        rows = VGroup()
        for (verdict, lr) in self.runs:
            f = wall_factor(self.ls, lr)
            rows.add(VGroup(MathTex(rf"\gamma = {lr:g}:", font_size=32, color=LR_COLOR),
                            MathTex(rf"\times\,{f:.2g}".replace("-", "{-}"), font_size=32, color=TEXT),
                            Text(verdict, font=FONT, font_size=24, color=MUTED)))
        for r in rows:
            r.arrange(RIGHT, buff=0.25)
        # columns: gamma, factor, verdict
        x1 = max(r[0].get_right()[0] for r in rows)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        for r in rows:
            r[1].next_to([x1, r[0].get_y(), 0], RIGHT, buff=0.25)
        x2 = max(r[1].get_right()[0] for r in rows)
        for r in rows:
            r[2].next_to([x2, r[0].get_y(), 0], RIGHT, buff=0.3)
        block = VGroup(lines, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        block.move_to(self.rule, aligned_edge=UP + LEFT)
        self.why = block
        with self.voiceover(text=f"Why? Across the canyon, the slope is {c:g} times her distance from the floor. "
                                 f"So each stride multiplies that distance by one minus {c:g} gamma. Below 0.5 "
                                 "the distance shrinks. Above it, every hop lands farther out than the last.") as tracker:
            self.set_title("Across the canyon: each stride multiplies the distance")
            self.play(FadeOut(self.rule), FadeIn(lines), run_time=1.0)
            self.wait(max(0.0, tracker.duration * 0.45 - 1.7))
            self.play(FadeIn(rows, lag_ratio=0.4), run_time=max(1.0, tracker.duration * 0.3))
            self.play(Indicate(rows[2][1], color=LR_COLOR), run_time=1.0)

    def takeaway(self):
        limit = 2.0 / self.curvature
        with self.voiceover(text=f"So take strides as long as you can, but below the limit set by the steepest "
                                 f"direction: here, gamma must stay under {limit:g}.") as tracker:
            self.set_title(f"Too small crawls, too large diverges: here \u03b3 must stay below {limit:g}")
