"""Chapter 4: SGD and mini-batches. Chapter 1's line fit again, on a wide map (the side
column holds the data plot and one formula at a time; the key sits in the map's empty upper right corner). At
the start, each of the 64 points asks for its own step (four lit up, with their misses and arrows, drawn at
their true length); the average of all 64 arrows is exactly gradient descent's step. SGD follows one random
point's arrow per step: 64 times less work. Why it never settles: at the minimum all 64 pulls fan out and
cancel (a copy of the fan collapses to a dot, their average) but no single one is zero; then the run, bright,
keeps circling. A mini-batch of 8 has a landscape of its own (held on the map: its minimum away from the
full-data star, its arrow beside the full-batch arrow), then one more batch with its landscape held while the
run steps on it; then the whole map crossfades to the magnified map of a box round the minimum (a small copy,
box marked, as a locator): one batch's 8 kicks and their average, beside a 3 : 1 bar pair (a typical kick, the
typical average), and a ring of each run's spread. Every arrow scale is said in the map's lower left. Then the
trade-off over the whole stage, counted in points read on a log axis (same step size for all three, said):
one curve per sentence, each marked where it first crosses a tenth of the start; full batch sinks below both
noisy floors in the end. Which run is lowest as reads grow: each running mean of log is drawn over its faded
raw curve, and each read where the lowest curve changes is marked at the crossing, dropped to the x axis, and
said rounded to the nearest hundred (it moves a few percent with the smoothing window).

Render: ``manim -ql scenes/ch04_sgd_minibatches.py SGDAndMiniBatches``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    DL,
    DR,
    UR,
    Create,
    DashedLine,
    Dot,
    GrowFromEdge,
    Line,
    ORIGIN,
    Text,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Group,
    MathTex,
    ReplacementTransform,
    UpdateFromAlphaFunc,
    Star,
    Arc,
    ArcBetweenPoints,
    AnimationGroup,
    VGroup,
    interpolate_color,
    ManimColor,
    there_and_back,
)

import optim_core as oc
from optim_core.analysis import crossing_step, loss_settle_step
from scenes.kit import (
    BACKGROUND,
    HERO,
    MUTED,
    SIDE,
    MapInset,
    SIZES,
    TEXT,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LineFitPlot,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    distinct,
    keep_static_first,
    text,
)
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT, STAGE
from scenes.scene import ExplainerScene

__all__ = ["SGDAndMiniBatches", "LineFitPlot"]

#: the three runs, by batch size: full batch (64), one point (SGD), a mini-batch of 8. The palette's
#: gd / minibatch pair (#F0F0F0 / #99DDFF) is too close (ΔE00 19), so this chapter picks its own blue
RUN_COLORS = {64: "#F0F0F0", 1: "#EE8866", 8: "#4DA6FF"}
#: "settled": the loss stays within this of the minimum from that step on (optim_core.analysis)
SETTLE_TOL = 0.01
#: the part of chapter 1's map where the runs and the points' arrows live (θ₁, θ₂)
BOUNDS = ((-1.1, 3.9), (-1.8, 1.6))  # room under the minimum for its fan of pulls, drawn enlarged
#: the map's plot width (scene units; the frame is 14.2 wide; 0.3 clear of the side column's formulas)
MAP_W = 7.9  # 56 % of the frame width (the rest: a data plot big enough to see its points)
#: each point's arrow coloured by the point's x (left end, right end): the arrows of the left points
#: and of the right points pull different ways, which is why their average is short (and 0 at the star)
X_COLORS = ("#FF6FB0", "#5FE0E0")
#: a batch's own contour lines (a lighter tint of the mini-batch blue), and the full-data map's opacity under them
BATCH_CONTOUR = "#8CC8FF"
BATCH_DIM = 0.45


def x_color(x: float):
    """The colour of a point at ``x`` (the data's x runs from -1 to 1)."""
    return interpolate_color(ManimColor(X_COLORS[0]), ManimColor(X_COLORS[1]), float(np.clip((x + 1) / 2, 0, 1)))


def batch_mean_sq(vectors, b: int) -> float:
    """Expected squared length of the average of ``b`` of ``vectors`` drawn without replacement (exact:
    from the vectors' own lengths and pairwise dot products, no formula constant typed in)."""
    v = np.asarray(vectors, float)
    n = len(v)
    sq = float(np.sum(v * v))
    total = v.sum(axis=0)
    cross = (float(total @ total) - sq) / (n * (n - 1))  # mean dot product of two different vectors
    return (b * sq / n + b * (b - 1) * cross) / b ** 2


def fit_scale(start, vectors, bounds, cap: float = 2.0) -> float:
    """The largest scale (at most ``cap``, in halves) at which every arrow from ``start`` stays in ``bounds``."""
    (x0, x1), (y0, y1) = bounds
    s = cap
    while s > 0.5:
        tips = np.asarray(start, float) + s * np.asarray(vectors, float)
        if np.all((tips[:, 0] > x0) & (tips[:, 0] < x1) & (tips[:, 1] > y0) & (tips[:, 1] < y1)):
            return s
        s -= 0.5
    return s


def spread_picks(vectors, k: int, min_length: float) -> list[int]:
    """``k`` indices of ``vectors`` pointing as differently as possible: the longest first, then each
    time the one whose direction is farthest from every direction picked (only vectors at least
    ``min_length`` long)."""
    v = np.asarray(vectors, dtype=float)
    length = np.linalg.norm(v, axis=1)
    ang = np.arctan2(v[:, 1], v[:, 0])
    ok = np.where(length >= min_length)[0]
    picks = [int(ok[np.argmax(length[ok])])]
    while len(picks) < k:
        gap = [min(abs(np.angle(np.exp(1j * (ang[i] - ang[j])))) for j in picks) for i in ok]
        picks.append(int(ok[int(np.argmax(gap))]))
    return picks


def angle_between(a, b) -> float:
    """Angle between two vectors, in degrees."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    c = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return float(np.degrees(np.arccos(np.clip(c, -1.0, 1.0))))


def rms_spread(positions, center) -> float:
    """Root-mean-square distance of ``positions`` from ``center``: how widely a run scatters."""
    d = np.asarray(positions, float) - np.asarray(center, float)
    return float(np.sqrt(np.mean(np.sum(d * d, axis=1))))


def running_mean_log(values, w: int) -> np.ndarray:
    """``values``' log10, smoothed by a moving mean over ``w`` cells either side (edges padded)."""
    lv = np.log10(np.maximum(np.asarray(values, float), 1e-300))
    return np.convolve(np.pad(lv, w, mode="edge"), np.ones(2 * w + 1) / (2 * w + 1), mode="valid")


def smoothed_curve(values, w: int, first: int) -> np.ndarray:
    """``values`` with cells from ``first`` on replaced by 10 ** their running mean of log10 (as drawn)."""
    out = np.asarray(values, float).copy()
    out[first:] = 10.0 ** running_mean_log(out[first:], w)
    return out


def lowest_runs(curves: dict, w: int, first: int = 0) -> list[tuple]:
    """Which curve is lowest along a chart's cells from cell ``first`` on, each curve's log10 smoothed by a
    moving mean over ``w`` cells either side: ``[(key, first cell, last cell), ...]``."""
    sm = {s: running_mean_log(np.asarray(v, float)[first:], w) for s, v in curves.items()}
    keys = list(curves)
    lead = [keys[int(np.argmin([sm[s][i] for s in keys]))] for i in range(len(sm[keys[0]]))]
    out = []
    for i, s in enumerate(lead):
        if out and out[-1][0] == s:
            out[-1][2] = i + first
        else:
            out.append([s, i + first, i + first])
    return [tuple(r) for r in out]


def about(r: float) -> int:
    """``r`` rounded to the nearest hundred (how precisely a handover read is said: it moves by a few
    percent with the smoothing window)."""
    return int(round(r / 100.0)) * 100


def per_point_read(traj, per_step: int, budget: int) -> np.ndarray:
    """Loss above the minimum against points read (0 .. budget): each step costs ``per_step`` points."""
    reads = np.arange(budget + 1)
    return np.asarray(traj.losses - traj.landscape.f_min)[reads // per_step]


class SGDAndMiniBatches(ExplainerScene):
    chapter = 4
    title = "SGD and mini-batches"
    description = ("Chapter 1's line fit: each point asks for its own step and their average is gradient "
                   "descent's; SGD follows one random point (cheap, noisy); a mini-batch has its own landscape; "
                   "the trade-off counted in points read.")
    on_grammar = True

    lr = 0.2
    steps = 48
    seed = 0
    #: the mini-batch size
    batch = 8
    #: points lit up at the start, each with its own arrow
    n_lit = 4
    #: steps of the mini-batch run shown one at a time, each batch's lowest point left on the map
    n_scatter = 7
    #: trade-off chart: points read (64 passes over the 64 points: long enough for full batch to sink below
    #: the mini-batch's floor and leave the chart's floor)
    passes = 64

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.the_line_fit, self.each_point_pulls, self.one_point, self.own_landscape,
                        self.mini_batch_run, self.trade_off)
        self.final_hold(self.caption())

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape("regression", seed=self.seed)
        self.n = ls.n_samples
        self.sizes = (self.n, 1, self.batch)
        self.start = np.asarray(ls.start, dtype=float)
        self.best = np.asarray(ls.minima[0], dtype=float)
        opt = oc.optimizer("gd", lr=self.lr)
        self.runs = {b: oc.run(opt, ls, self.start, steps=self.steps, batch_size=None if b == self.n else b,
                               seed=self.seed) for b in self.sizes}
        # at the start: each point's own step, and their average (gradient descent's step)
        self.point_steps = -self.lr * ls.per_sample_grad(self.start)
        self.full_step = -self.lr * ls.grad(self.start)
        lit = spread_picks(self.point_steps, self.n_lit, min_length=0.3)
        self.lit = sorted(lit, key=lambda i: ls.x[i])  # lit left to right on the data plot
        # SGD: noisy, never settles; full batch settles
        self.settle = {b: loss_settle_step(self.runs[b], tol=SETTLE_TOL) for b in self.sizes}
        # SGD is drawn, in its first sentence, up to where it first comes near the star
        near = np.linalg.norm(self.runs[1].positions - self.best, axis=1) < 0.9
        self.sgd_near = int(np.argmax(near))
        half = self.steps // 2
        self.late_excess = {b: float(np.mean(self.runs[b].losses[half:] - ls.f_min)) for b in self.sizes}
        # the spread around the minimum over the second half of the steps: one point vs a mini-batch
        self.spread = {b: rms_spread(self.runs[b].positions[half:], self.best) for b in self.sizes}
        self.spread_ratio = self.spread[1] / self.spread[self.batch]
        # at the star: each point's step is not zero, their average is; averages of B points are shorter
        self.star_steps = -self.lr * ls.per_sample_grad(self.best)
        self.kick_ratio = float(np.sqrt(np.mean(np.sum(self.star_steps ** 2, axis=1))
                                        / batch_mean_sq(self.star_steps, self.batch)))
        self.kick_text = f"{self.kick_ratio:.0f}"
        # the batch shown at the star: of the run's batches, the one whose 8 kicks are most typical (their RMS
        # length closest to all 64's) and whose average is closest to the typical average (RMS / kick_ratio)
        rms1 = float(np.sqrt(np.mean(np.sum(self.star_steps ** 2, axis=1))))

        def off(idx):
            v = self.star_steps[idx]
            own = float(np.sqrt(np.mean(np.sum(v * v, axis=1))))
            return abs(np.log(own / rms1)) + abs(np.log(np.linalg.norm(v.mean(axis=0)) * self.kick_ratio / rms1))

        self.kick_batch = np.asarray(min(self.runs[self.batch].batch_indices, key=off))
        kicks = self.star_steps[self.kick_batch]
        self.kick_shown = float(np.sqrt(np.mean(np.sum(kicks ** 2, axis=1)))
                                / np.linalg.norm(kicks.mean(axis=0)))
        # the held mini-batch step: the first whose arrow turns visibly away from the full-batch arrow
        mb = self.runs[self.batch]
        self.k = next(k for k in range(1, self.steps)
                      if angle_between(mb.grads[k], ls.grad(mb.positions[k])) >= 20.0
                      and self.lr * np.linalg.norm(mb.grads[k]) >= 0.15)
        # each step's batch has its own lowest point
        self.batch_minima = np.array([ls.batch_landscape(idx).minima[0] for idx in mb.batch_indices])
        self.held = mb.positions[self.k]
        self.held_batch = mb.batch_indices[self.k]
        self.batch_ls = ls.batch_landscape(self.held_batch)
        self.batch_best = np.asarray(self.batch_ls.minima[0], dtype=float)
        self.batch_step = -self.lr * ls.batch_grad(self.held, self.held_batch)
        self.held_full_step = -self.lr * ls.grad(self.held)
        self.held_angle = angle_between(self.batch_step, self.held_full_step)
        self.min_gap = float(np.linalg.norm(self.batch_best - self.best))
        # the trade-off: the same runs, continued to the same number of points read
        self.budget = self.passes * self.n
        assert distinct(RUN_COLORS.values()), "the three runs' colours must be told apart"
        self.curves = {}
        for b in self.sizes:
            t = oc.run(opt, ls, self.start, steps=self.budget // b, batch_size=None if b == self.n else b,
                       seed=self.seed, record_state=False)
            self.curves[b] = per_point_read(t, b, self.budget)
        c = self.curves
        # "plunges first": the loss above the minimum falls below a tenth of where it started
        level = 0.1 * float(c[self.n][0])
        self.plunge = {b: crossing_step(c[b], level) for b in self.sizes}
        self.plunge_level = level
        long_steps = 200  # past the chart's reads: full batch at exactly the minimum
        long = oc.run(opt, ls, self.start, steps=long_steps, batch_size=None, seed=self.seed, record_state=False)
        self.long_reads = long_steps * self.n
        self.full_final = float(long.losses[-1] - ls.f_min)
        self.lands_exactly = bool(abs(self.full_final) < 1e-9 and np.linalg.norm(long.positions[-1] - self.best) < 1e-6)
        # "noisy floor": the mean over the second half of the points read
        self.floor = {b: float(np.mean(c[b][self.budget // 2:])) for b in self.sizes}

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, bounds=BOUNDS, width=MAP_W, n_contours=10)
        assert self.lmap.plot_height <= HERO.height - 0.95, "the map must fit under the title"
        self.lmap.move_to([SAFE_LEFT, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        self.lmap.y_label.shift(UP * 0.5 * self.lmap.units_per_param()[1])  # between two ticks
        self.upp = float(self.lmap.units_per_param()[0])
        self.paths = {b: TrajectoryPath(self.runs[b], self.lmap, "gd", color=RUN_COLORS[b], stroke_width=4.5,
                                        dot_radius=0.1, marker_radius=0.035) for b in self.sizes}
        self.start_ring = Circle(radius=0.17, stroke_color=TEXT, stroke_width=4).move_to(self.lmap.c2p(*self.start))
        # the side: the data and the model line; under it one formula at a time; a key that grows with each run
        # (the side is the narrow column right of the wide map)
        self.side_left = side_left = self.lmap.frame.get_right()[0] + 0.2
        # as wide as the column allows: no y numbers (the voice never needs them), only the x ticks -1, 0, 1
        self.plot = LineFitPlot(ls, width=SAFE_RIGHT - side_left - 0.5, height=3.15, font_size=30)  # label-size ticks
        for m in [m for m in self.plot.labels if isinstance(m, Text) and m.get_center()[0] < self.plot.c2p(-1, 0)[0] - 0.05]:
            self.plot.labels.remove(m)
        self.plot.move_to([SIDE.x, HERO.top - 0.25 - self.plot.height / 2, 0])
        self.plot.shift(RIGHT * (SAFE_RIGHT - 0.05 - self.plot.get_right()[0]))
        self.plot.set_params(*self.start)  # the model line of the start point, from the first frame
        top = self.plot.get_bottom()[1] - 0.3
        self.formulas = {
            "model": MathTex(r"\hat y = \theta_1 x + \theta_2", font_size=46),
            "average": MathTex(rf"\nabla f = \frac{{1}}{{{self.n}}}\sum_{{i=1}}^{{{self.n}}} \nabla f_i", font_size=46),
            "one": MathTex(r"\nabla f \approx \nabla f_i", font_size=46, color=RUN_COLORS[1]),
            # (two rows: the indexed sum is too wide for the column on one)
            "batch": VGroup(MathTex(r"\nabla f \approx", font_size=46, color=RUN_COLORS[self.batch]),
                            MathTex(r"\frac{1}{B}\sum_{i \in \text{batch}} \nabla f_i", font_size=46,
                                    color=RUN_COLORS[self.batch])).arrange(DOWN, aligned_edge=LEFT, buff=0.1),
        }
        self.formulas["batch"][1].shift(RIGHT * 0.45)
        for f in self.formulas.values():  # right-aligned in the side column
            f.move_to([SAFE_RIGHT - f.width / 2, top - f.height / 2, 0])
        avg = self.formulas["average"]
        f_i = MathTex(r"f_i", font_size=46)
        where = VGroup(f_i, text(": point i's loss", "label")).arrange(RIGHT, buff=0.1)
        where[1].align_to(f_i[0][0], DOWN).shift(DOWN * 0.01)
        where.next_to(avg, DOWN, buff=0.1).align_to(avg, LEFT)
        self.formulas["average"] = VGroup(avg, where)
        # the key: a column in the map's empty upper right corner, a colour per batch size, each added with its run
        self.keys = {b: text(f"B = {b}", "label", color=RUN_COLORS[b]) for b in self.sizes}
        words = {self.n: f"all {self.n}", 1: "one point"}
        self.pre_keys = {b: text(w, "label", color=RUN_COLORS[b]) for b, w in words.items()}
        corner = self.lmap.frame.get_corner(UP + RIGHT) + np.array([-0.2, -0.15, 0])
        row = VGroup(*[self.keys[s] for s in sorted(self.sizes)]).arrange(DOWN, aligned_edge=LEFT, buff=0.12).move_to(corner, aligned_edge=UR)
        VGroup(self.pre_keys[1], self.pre_keys[self.n]).arrange(DOWN, aligned_edge=LEFT, buff=0.12).move_to(corner, aligned_edge=UR)
        for m in (*self.keys.values(), *self.pre_keys.values()):
            m.set_stroke(BACKGROUND, width=5, background=True)
        self.key_row = row

    def caption(self):
        sizes = ", ".join(str(s) for s in sorted(self.sizes))
        cap = CornerCaption([("gd", {})], landscape=self.ls, seed=self.seed, font_size=30,
                            max_width=SIDE.width + 0.4, colors={"gd": TEXT},
                            labels={"gd": f"SGD, B \u2208 {{{sizes}}}, \u03b3 = {self.lr:g}"})
        return cap.move_to([SAFE_RIGHT - cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])

    # --- the data plot follows a run: the model line on the path's point, rings on the points it reads
    def follow(self, b: int):
        path, plot, run = self.paths[b], self.plot, self.runs[b]
        size = 0 if b == self.n else b
        rings = VGroup(*[Circle(radius=0.1, stroke_color=RUN_COLORS[b], stroke_width=3.5) for _ in range(size)])
        state = {"k": None}

        def line_now(_):
            s, pos = path.progress, path.positions
            k = int(np.floor(s + 1e-9))
            p = pos[min(k, path.n_steps)] if k >= path.n_steps else pos[k] + (s - k) * (pos[k + 1] - pos[k])
            plot.set_params(*p)

        def rings_now(_):
            k = int(np.floor(path.progress + 1e-9))
            if run.batch_indices is None or k == state["k"]:
                return
            state["k"] = k
            idx = run.batch_indices[k] if k < path.n_steps else []
            for j, ring in enumerate(rings):  # a fixed pool: the family never changes during a play
                if j < len(idx):
                    ring.move_to(plot.dots[idx[j]]).set_stroke(opacity=1.0)
                else:
                    ring.set_stroke(opacity=0.0)

        plot.line.set_color(RUN_COLORS[b])
        plot.line.add_updater(line_now)
        rings.add_updater(rings_now)
        line_now(plot.line)
        rings_now(rings)
        self.add(rings)
        return rings

    def swap_formula(self, name: str):
        """The animation that puts formula ``name`` in the side's formula slot (replacing the one there)."""
        new = self.formulas[name]
        old, self.formula = getattr(self, "formula", None), new
        return FadeIn(new) if old is None else AnimationGroup(FadeOut(old), FadeIn(new), lag_ratio=1.0)  # out, then in

    @staticmethod
    def dim(path, level: float = 0.4):
        """Fade a drawn run (line, outline, step dots, head) to ``level`` of full strength (1: back to full),
        so the next run reads on top of it. One animation of the whole path: the path stays one mobject."""
        start = getattr(path, "dim_level", 1.0)
        path.dim_level = level

        def at(mob, alpha):
            f = start + alpha * (level - start)
            mob.path.set_stroke(opacity=f).set_stroke(opacity=0.85 * f, background=True)
            for m, k in zip(mob.markers, mob._marker_steps):
                m.set_fill(opacity=0.9 * f if k <= mob.progress else 0.0)
            mob.dot.set_fill(opacity=f).set_stroke(opacity=f)

        return UpdateFromAlphaFunc(path, at)

    def stop_following(self, rings):
        self.plot.line.clear_updaters()
        rings.clear_updaters()

    # ------------------------------------------------------------------ beats
    def the_line_fit(self):
        self.build()
        n = self.n
        with self.voiceover(text=f"Chapter one's line fit again: {n} points, one loss map.") as tracker:
            self.set_heading(f"Chapter 1's line fit: {n} points, one loss map", run_time=0.5)
            self.play(FadeIn(self.plot), self.swap_formula("model"), FadeIn(self.lmap), run_time=1.0)
            # each thing pulses as it is named: the points, then the map
            self.until(tracker, 0.45)
            self.play(LaggedStart(*[Indicate(d, scale_factor=2.0, color=TEXT) for d in self.plot.dots],
                                  lag_ratio=0.03), run_time=1.2)
            self.until(tracker, 0.8)
            self.play(self.lmap.contours.animate(rate_func=there_and_back).set_stroke(TEXT, width=3.5, opacity=1.0),
                      run_time=1.0)
            self.play(Create(self.start_ring), FadeIn(self.paths[n].dot), run_time=0.6)
        keep_static_first(self, self.lmap)

    def each_point_pulls(self):
        n, plot, lmap, p0 = self.n, self.plot, self.lmap, self.start
        # each lit point, its miss, its ring and its arrow in the point's own x colour (the fan's scale)
        xc = [x_color(x) for x in self.ls.x]
        arrows = [ParamArrow(lmap, p0, self.point_steps[i], color=xc[i], stroke_width=6) for i in range(n)]
        res = plot.residuals(*p0, color=TEXT, stroke_width=3.5, opacity=1.0)
        rings = plot.rings(range(n), TEXT)
        for i in self.lit:
            res[i].set_color(xc[i])
            rings[i].set_stroke(xc[i], width=4)
        lit_label = text("one point's step", "label", color=TEXT)
        lit_label.set_stroke(BACKGROUND, width=5, background=True)
        far = max(self.lit, key=lambda i: np.linalg.norm(self.point_steps[i]))
        lit_label.next_to(arrows[far].tip_point, RIGHT, buff=0.2)
        # the arrows' scale, stated from the first arrow on (later pictures enlarge theirs and say so)
        self.scale_one = text("arrows \u00d71", "label", color=TEXT)
        self.scale_one.set_stroke(BACKGROUND, width=5, background=True)
        self.scale_one.move_to(lmap.frame.get_corner(DL) + np.array([0.15, 0.15, 0]), aligned_edge=DL)
        self.claim("each point, alone, asks for a different step",
                   min(angle_between(self.point_steps[i], self.point_steps[j])
                       for i in self.lit for j in self.lit if i < j) > 15.0)
        with self.voiceover(text="At this start, each point alone asks for its own step.") as tracker:
            self.set_heading("Each point pulls its own way", run_time=0.3)  # the arrows start with the voice
            per = max(0.6, (tracker.duration - 0.6) / self.n_lit)
            for j, i in enumerate(self.lit):
                anims = [Create(rings[i]), Create(res[i]), GrowArrow(arrows[i].arrow),
                         plot.dots[i].animate.set_color(xc[i]).set_opacity(1.0)]
                if j == 0:
                    anims += [FadeIn(lit_label), FadeIn(self.scale_one)]
                self.play(*anims, run_time=per)
        # the other 60, faint; then all 64 collapse into their average
        others = [i for i in range(n) if i not in self.lit]
        for i in others:
            arrows[i].arrow.set_color(x_color(self.ls.x[i]))
            arrows[i].arrow.set_stroke(width=2.5, opacity=0.75).set_stroke(width=0, background=True)
            arrows[i].arrow.tip.set_fill(opacity=0.75)
        # the average, at the same scale as every point's arrow (x1): gradient descent's first step
        full = ParamArrow(lmap, p0, self.full_step, color=RUN_COLORS[n], stroke_width=10)
        full.arrow.set_stroke(width=0, background=True)  # one clean head (no offset outline)
        full_label = text("average", "body", color=RUN_COLORS[n])
        full_label.set_stroke(BACKGROUND, width=5, background=True)
        full_label.next_to(full.tip_point, RIGHT, buff=0.25)
        self.claim(f"the average of all {n} points' steps is exactly the full-batch step",
                   np.allclose(self.point_steps.mean(axis=0), self.full_step, atol=1e-12))
        # all 64, each arrow (and its point on the data) coloured by the point's x: left and right pull apart,
        # named on the map beside their arrows (the leftmost point's tip; the highest tip of the right points)
        ls_x = self.ls.x
        i_left = int(np.argmin(ls_x))
        rights = [i for i in range(n) if ls_x[i] > 0.5]
        i_right = max(rights, key=lambda i: self.point_steps[i][1])
        ends = VGroup(text("left points", "label", color=X_COLORS[0]), text("right points", "label", color=X_COLORS[1]))
        for lab in ends:
            lab.set_stroke(BACKGROUND, width=5, background=True)
        ends[0].next_to(arrows[i_left].tip_point, DOWN, buff=0.15)
        ends[1].next_to(arrows[i_right].tip_point, DR, buff=0.12)  # below-right of the tip: clear of every arrow
        self.claim("left and right points pull different ways at the start",
                   angle_between(self.point_steps[int(np.argmin(ls_x))],
                                 self.point_steps[int(np.argmax(ls_x))]) > 45.0)
        with self.voiceover(text="Left and right points pull different ways; their average is gradient "
                                 "descent's step.") as tracker:
            self.play(FadeIn(VGroup(*[arrows[i].arrow for i in others]), lag_ratio=0.01),
                      *[arrows[i].arrow.animate.set_color(x_color(ls_x[i])) for i in self.lit],
                      *[plot.dots[i].animate.set_color(x_color(ls_x[i])) for i in range(n)],
                      FadeIn(ends), FadeOut(VGroup(*[res[i] for i in self.lit])), FadeOut(lit_label),
                      FadeOut(VGroup(*[rings[i] for i in self.lit])),
                      self.swap_formula("average"), run_time=1.0)
            self.until(tracker, 0.6)  # the fan, held ~2 s: the pink (left) and cyan (right) arrows differ
            copies = VGroup(*[full.arrow.copy() for _ in range(n)])
            self.play(ReplacementTransform(VGroup(*[a.arrow for a in arrows]), copies), FadeOut(ends), run_time=0.8)
            self.remove(copies, *[a.arrow for a in arrows])
            self.add(full)
            self.play(FadeIn(full_label), Indicate(self.scale_one, color=TEXT), run_time=0.5)
        gd = self.paths[n]
        self.claim("full batch is smooth and settles", self.settle[n] is not None)
        every = plot.rings(range(n), RUN_COLORS[n]).set_stroke(width=2.5)
        with self.voiceover(text="It is smooth, but each step reads all the data.") as tracker:
            self.set_heading(f"Gradient descent: all {n} per step", run_time=0.4)
            self.play(FadeOut(self.scale_one), FadeIn(self.pre_keys[n]), FadeOut(self.start_ring),
                      plot.dots.animate.set_color(TEXT), FadeIn(every, lag_ratio=0.02), run_time=0.8)
            self.add(gd)
            rings_ = self.follow(n)
            self.play(FadeOut(full), FadeOut(full_label), gd.draw(), run_time=max(1.0, tracker.duration - 1.3))
            self.stop_following(rings_)
            self.remove(rings_)
        self.play(FadeOut(every), self.dim(gd), run_time=0.5)

    def one_point(self):
        b, n = 1, self.n
        sgd = self.paths[b]
        ratio = self.n // b
        self.claim(f"one point per step is {ratio} times less work", ratio == self.n)
        self.claim("with a fixed step size, one point per step never settles", self.settle[b] is None,
                   f"late mean excess {self.late_excess[b]:.3g}")
        work = self.stamp(f"{ratio}\u00d7 less work", color=RUN_COLORS[b], size="body")
        # in the side column, under its formula (off the map: the run climbs to the map's top first)
        work.next_to(self.formulas["one"], DOWN, buff=0.45).align_to(self.formulas["one"], RIGHT)
        with self.voiceover(text=f"Stochastic gradient descent follows one random point per step: {ratio} "
                                 "times less work.") as tracker:
            self.set_heading("SGD: one random point per step")
            self.play(FadeIn(self.pre_keys[b]), FadeIn(sgd.dot), self.swap_formula("one"), run_time=0.6)
            self.add(sgd)
            rings = self.follow(b)
            # on until it first comes near the star, the 64x stamp as "64" is said
            self.play(sgd.draw(end=self.sgd_near), run_time=max(1.0, 0.68 * tracker.duration - 0.6))
            self.play(FadeIn(work), run_time=0.4)
        # why: at the star the 64 steps average to zero, but each one alone does not. All 64 (the fan of the
        # start, now at the star), then a copy of the fan collapses onto the star: their average, a dot
        self.claim(f"at the minimum the {n} points' pulls cancel, but no single point's pull is zero",
                   np.allclose(self.star_steps.mean(axis=0), 0.0, atol=1e-12)
                   and float(np.min(np.linalg.norm(self.star_steps, axis=1))) > 1e-6,
                   f"shortest {float(np.min(np.linalg.norm(self.star_steps, axis=1))):.3g}")
        lmap = self.lmap
        # the pulls at the star are short: drawn enlarged (as large as the map allows) and said so
        fan_scale = fit_scale(self.best, self.star_steps, BOUNDS, cap=3.0)
        fan = VGroup(*[ParamArrow(lmap, self.best, self.star_steps[i], scale=fan_scale, color=x_color(self.ls.x[i]),
                                  stroke_width=4).arrow for i in range(n)])
        fan_note = text(f"arrows \u00d7{fan_scale:g}", "label", color=TEXT)
        fan_note.set_stroke(BACKGROUND, width=5, background=True)
        fan_note.move_to(lmap.frame.get_corner(DL) + np.array([0.15, 0.15, 0]), aligned_edge=DL)
        for a in fan:
            a.set_stroke(BACKGROUND, width=0, background=True)
        star = Star(5, outer_radius=0.15, inner_radius=0.066, stroke_color=BACKGROUND, stroke_width=2,
                    fill_color=RUN_COLORS[self.n], fill_opacity=1.0).move_to(lmap.c2p(*self.best))
        zero = Dot(lmap.c2p(*self.best), radius=0.09, color=TEXT).set_stroke(BACKGROUND, width=3, background=True)
        zero_label = text(f"average of all {n}: 0", "label", color=TEXT)
        zero_label.set_stroke(BACKGROUND, width=5, background=True)
        top = self.best + np.array([0.0, fan_scale * float(np.max(self.star_steps[:, 1]))])
        zero_label.next_to(lmap.c2p(*top), UP, buff=0.15)
        with self.voiceover(text=f"At the minimum all {n} pulls cancel, but no single one is zero: "
                                 "it never settles.") as tracker:
            self.play(FadeIn(star), self.dim(sgd, 0.25), run_time=0.4)
            self.play(LaggedStart(*[GrowArrow(a) for a in fan], lag_ratio=0.01), FadeIn(fan_note), run_time=0.7)
            self.bring_to_front(fan, star)
            self.until(tracker, 0.22)  # "cancel": a copy of the fan collapses onto the star
            copies = fan.copy()
            self.add(copies)
            dots = VGroup(*[zero.copy() for _ in range(n)])
            self.play(fan.animate.set_opacity(0.45), ReplacementTransform(copies, dots), FadeIn(zero_label),
                      run_time=0.7)
            self.remove(dots)
            self.add(zero)
            self.until(tracker, 0.5)  # "no single one is zero": the fan, held beside their average
            # then the fan goes and the run, bright again, keeps circling the star (at least 4 s)
            self.play(FadeOut(fan), FadeOut(zero), FadeOut(zero_label), FadeOut(fan_note), self.dim(sgd, 1.0),
                      run_time=0.3)
            self.bring_to_front(sgd, star)
            self.play(sgd.draw(), run_time=max(2.8, tracker.get_remaining_duration()))
        self.stop_following(rings)
        self.remove(rings)
        self.star_fan = VGroup(star, work)  # faded as the next beat starts

    def own_landscape(self):
        n, b, k = self.n, self.batch, self.k
        mb, gd, sgd = self.paths[b], self.paths[n], self.paths[1]
        lmap, plot = self.lmap, self.plot
        self.claim("the mini-batch's lowest point is off the full-data star", self.min_gap > 0.2,
                   f"{self.min_gap:.2f} apart")
        self.claim("its arrow is not the full-batch arrow", self.held_angle > 10.0, f"{self.held_angle:.0f} degrees")
        self.claim("but it still points downhill on the full-data map",
                   self.ls.f(self.held + self.batch_step) < self.ls.f(self.held))
        with self.voiceover(text=f"A mini-batch averages {b} random points.") as tracker:
            self.set_heading(f"A mini-batch: B = {b} random points")
            # B = 1's run and key leave the map while the batch's landscape is on it (back at the end)
            self.play(self.dim(sgd, 0.0), self.dim(gd, 0.12), FadeOut(self.star_fan),
                      plot.dots.animate.set_color(TEXT),
                      AnimationGroup(FadeOut(VGroup(*self.pre_keys.values())),
                                     FadeIn(self.keys[n]), lag_ratio=1.0),
                      FadeIn(self.keys[b]), FadeIn(mb.dot), self.swap_formula("batch"), run_time=0.6)
            self.add(mb)
            rings = self.follow(b)
            self.play(mb.draw(end=k), run_time=max(1.0, tracker.duration - 0.8))
        self.stop_following(rings)
        # the held batch's own landscape: its contour lines, in its colour, over the full-data map
        own_contours = self.batch_contours(k)
        star_all = Star(5, outer_radius=0.17, inner_radius=0.075, stroke_color=BACKGROUND, stroke_width=2,
                        fill_color=RUN_COLORS[n], fill_opacity=1.0).move_to(lmap.c2p(*self.best))
        star_own = star_all.copy().set_fill(RUN_COLORS[b]).move_to(lmap.c2p(*self.batch_best))
        lab_all = text(f"all {n}", "label", color=RUN_COLORS[n])
        lab_own = text(f"these {b}", "label", color=RUN_COLORS[b])
        for lab in (lab_all, lab_own):
            lab.set_stroke(BACKGROUND, width=5, background=True)
        right = self.best[0] >= self.batch_best[0]  # each label on its own star's far side
        lab_all.next_to(star_all, RIGHT if right else LEFT, buff=0.15)
        lab_own.next_to(star_own, DOWN, buff=0.15)
        # on the data: these 8 stay lit, the others fade
        batch = set(int(i) for i in self.held_batch)
        others = VGroup(*[d for i, d in enumerate(plot.dots) if i not in batch])
        with self.voiceover(text=f"Those {b} have their own landscape: its lowest point is off the star.") as tracker:
            self.set_heading("Each mini-batch has its own landscape")
            self.play(Create(own_contours), others.animate.set_fill(opacity=0.2),
                      lmap.heatmap.animate.set_opacity(BATCH_DIM), lmap.contours.animate.set_stroke(opacity=0.12),
                      plot.line.animate.set_stroke(opacity=0).set_stroke(opacity=0, background=True), run_time=1.2)
            self.add(mb)  # the run above the new contours
            # each star's line on the data: the best fit to all 64 (white), to these 8 (blue)
            fit_all, fit_own = self.fit_line(self.best, RUN_COLORS[n]), self.fit_line(self.batch_best, RUN_COLORS[b])
            self.play(FadeIn(star_all), FadeIn(lab_all), Create(fit_all), run_time=0.7)
            self.play(FadeIn(star_own, scale=2), FadeIn(lab_own), Create(fit_own), run_time=0.9)
        # the two arrows at the held point, long enough to compare
        lengths = [np.linalg.norm(v) for v in (self.batch_step, self.held_full_step)]
        scale = max(1, int(np.ceil(1.3 / (self.upp * min(lengths)))))
        arr_all = ParamArrow(lmap, self.held, self.held_full_step, scale=scale, color=RUN_COLORS[n],
                             stroke_width=7)
        arr_own = ParamArrow(lmap, self.held, self.batch_step, scale=scale, color=RUN_COLORS[b], stroke_width=7)
        # "downhill": the angle between the two arrows, under 90 degrees
        o = arr_all.arrow.get_start()
        va, vb = arr_all.arrow.get_end() - o, arr_own.arrow.get_end() - o
        a0, a1 = np.arctan2(va[1], va[0]), np.arctan2(vb[1], vb[0])
        turn = float(np.angle(np.exp(1j * (a1 - a0))))
        arc = Arc(radius=0.75, start_angle=a0, angle=turn, arc_center=o, stroke_color=TEXT, stroke_width=4)
        self.claim("the mini-batch arrow is within 90 degrees of the full-batch arrow (downhill)",
                   self.held_angle < 90.0, f"{self.held_angle:.0f} degrees")
        deg = text(f"{self.held_angle:.0f}\u00b0 < 90\u00b0", "label", color=TEXT)
        note = text(f"arrows \u00d7{scale}", "label", color=TEXT)
        note.set_stroke(BACKGROUND, width=5, background=True)
        note.move_to(lmap.frame.get_corner(DL) + np.array([0.15, 0.15, 0]), aligned_edge=DL)  # where every scale is said
        deg.set_stroke(BACKGROUND, width=5, background=True)
        deg.next_to(arr_all.arrow, UP, buff=0.2)  # above the full-batch arrow, clear of the stars' labels
        with self.voiceover(text="Its arrow is not the full-batch arrow, but it still points downhill."):
            self.play(GrowArrow(arr_all.arrow), run_time=0.8)
            self.play(GrowArrow(arr_own.arrow), FadeIn(note), run_time=0.8)
            self.play(Create(arc), FadeIn(deg), run_time=0.6)
        # keep this batch's landscape, faint, and both stars: the next beat moves on from here
        self.play(FadeOut(VGroup(arr_all.arrow, arr_own.arrow, arc, deg, note, lab_all, lab_own, fit_all, fit_own)),
                  others.animate.set_fill(opacity=0.75), self.dim(gd),
                  plot.line.animate.set_stroke(opacity=1).set_stroke(opacity=0.8, background=True),
                  run_time=0.5)
        self.remove(rings)
        self.batch_marks = (own_contours, star_own, star_all)

    def fit_line(self, params, color):
        """The model line of ``params`` (θ₁ slope, θ₂ intercept) across the data plot."""
        plot = self.plot
        w, c = map(float, params)
        line = Line(plot.c2p(-1, c - w), plot.c2p(1, c + w), stroke_color=color, stroke_width=4)
        return line.set_stroke(BACKGROUND, width=7, opacity=0.8, background=True)

    def batch_contours(self, j: int):
        """The faint contour lines of the batch the mini-batch run reads at step ``j``."""
        lmap = self.lmap
        idx = self.runs[self.batch].batch_indices[j]
        own = LandscapeMap(self.ls.batch_landscape(idx), bounds=BOUNDS, width=lmap.plot_width,
                           value_scale=lmap.value_scale, n_contours=10, show_axes=False, show_markers=False)
        own.move_to(lmap.frame)
        # thick and bright, over the full-data map dimmed to BATCH_DIM: readable down to the dark minimum
        return own.contours.set_stroke(BATCH_CONTOUR, width=2.6, opacity=0.8)

    def mini_batch_run(self):
        b, k = self.batch, self.k
        mb, lmap = self.paths[b], self.lmap
        ratio = self.late_excess[1] / self.late_excess[b]
        self.claim("a mini-batch's path jitters far less than one point's", ratio > 5.0, f"{ratio:.1f}x")
        self.claim("the next batch has a new lowest point",
                   np.linalg.norm(self.batch_minima[k + 1] - self.batch_minima[k]) > 0.1)
        contours, star, star_all = self.batch_marks
        (bx0, bx1), (by0, by1) = BOUNDS
        shown = [j for j in range(k + 1, k + 1 + self.n_scatter)
                 if bx0 < self.batch_minima[j][0] < bx1 and by0 < self.batch_minima[j][1] < by1]
        self.ghosts = VGroup()
        with self.voiceover(text="Each step, a new batch and a new lowest point.") as tracker:
            self.set_heading(f"B = {b}: a new batch every step", run_time=0.3)
            rings = self.follow(b)
            # the held batch's contours go; its lowest point stays, faint, and each new batch's joins it
            self.play(FadeOut(contours), lmap.heatmap.animate.set_opacity(1.0),
                      lmap.contours.animate.set_stroke(opacity=0.38), run_time=0.3)
            per = max(0.2, (tracker.duration - 1.2) / self.n_scatter)
            for j in range(k + 1, k + 1 + self.n_scatter):
                anims = [mb.draw(end=j + 1)]
                if j in shown:
                    ghost = star.copy().scale(0.75).set_fill(opacity=0.7).set_stroke(width=0)
                    self.ghosts.add(ghost)
                    self.add(ghost)
                    anims.append(star.animate.move_to(lmap.c2p(*self.batch_minima[j])))
                self.play(*anims, run_time=per)
                self.bring_to_front(mb, star_all, star)
            # the rest of the run, the lowest points left as a scatter round the star
            self.play(star.animate.scale(0.75).set_fill(opacity=0.7).set_stroke(width=0), mb.draw(),
                      run_time=max(0.6, tracker.get_remaining_duration()))
            self.ghosts.add(star, star_all)
        self.stop_following(rings)
        self.remove(rings)
        self.claim("zoomed in, a mini-batch's steps spread less than one point's (RMS distance to the minimum)",
                   self.spread_ratio > 2.0, f"{self.spread[1]:.3f} vs {self.spread[b]:.3f}")
        self.claim(f"at the minimum, {b} random kicks partly cancel: their average is {self.kick_text} times "
                   "shorter than one kick (RMS of the steps at the star, whose average is zero)",
                   abs(self.kick_ratio - float(self.kick_text)) < 0.05, f"{self.kick_ratio:.3f}")
        self.claim(f"the batch shown at the star is typical: its average is about {self.kick_text} times shorter "
                   "than its kicks", abs(self.kick_shown / self.kick_ratio - 1.0) < 0.15, f"{self.kick_shown:.2f}")
        zoom, groups, rings_, side, kicks, mean, notes = self.build_zoom()
        zoom_star = groups[b][-1]  # the minimum, shown from the zoom on (it stays on top of the dots)
        groups[b].remove(zoom_star)
        # the box round the minimum, then a crossfade: the whole map goes, its magnified box comes in its
        # place, and a small copy of the whole map (the box on it) sits at the side column's foot as a locator
        parts = Group(lmap.heatmap, lmap.contours, lmap.frame, lmap.markers, zoom.outline)
        locator = parts.copy().scale(self.loc_scale).move_to(self.loc_center)
        locator[-1].set_stroke(TEXT, width=3)
        with self.voiceover(text=f"At the minimum, {b} random kicks partly cancel: their average is "
                                 f"{self.kick_text} times shorter, so it spreads less.") as tracker:
            self.set_heading(f"Up close at the minimum: {b} kicks partly cancel", run_time=0.3)
            self.play(FadeOut(self.formula), FadeOut(self.plot), FadeOut(self.ghosts),
                      FadeOut(Group(*self.paths.values(), self.keys[self.n], self.keys[b])),
                      Create(zoom.outline), run_time=0.4)
            self.play(FadeOut(parts), FadeOut(lmap.axes), FadeIn(zoom.map), FadeIn(locator), FadeIn(notes[0]),
                      run_time=0.6)
            # the 8 kicks of one batch at the star (orange, one point each, opaque), and a typical kick's bar
            self.add(zoom_star)
            self.play(LaggedStart(*[GrowArrow(a) for a in kicks], lag_ratio=0.12), FadeIn(side[0]),
                      GrowFromEdge(side[1], LEFT), run_time=0.9)
            self.bring_to_front(kicks)
            # then their average (blue, thick) and its bar, a third as long
            self.play(GrowArrow(mean), FadeIn(side[2]), GrowFromEdge(side[3], LEFT), run_time=0.6)
            self.bring_to_front(mean)
            self.until(tracker, 0.6)
            self.play(FadeIn(side[4]), run_time=0.3)  # as "3 times shorter" is said
            self.until(tracker, 0.8)
            # "so it spreads less": where each run's last steps landed, and the ring of its spread (the kicks
            # fade back, the bars stay); held ~2 s, into the next beat
            self.play(kicks.animate.set_opacity(0.25), mean.animate.set_opacity(0.4),
                      FadeIn(groups[1], lag_ratio=0.03), FadeIn(groups[b], lag_ratio=0.03), run_time=0.4)
            self.bring_to_front(zoom_star)
            self.play(Create(rings_[1]), Create(rings_[b]), FadeIn(notes[1]), run_time=0.4)
        self.wait(0.2)  # the two rings, held (into the next beat's fade)
        self.formula = Group(zoom.map, kicks, mean, *groups.values(), *rings_.values(), zoom_star, side, notes,
                             locator)

    def build_zoom(self):
        """The map magnified around the minimum, in the main map's place: one batch's 8 kicks at the star
        and their average; then where each run's second half of steps landed (dots), and a ring of its
        spread (root-mean-square distance to the star). The side column: a typical kick's length against
        the average's, as two bars (3 : 1), and the ratio."""
        b, lmap = self.batch, self.lmap
        half = self.steps // 2
        (bx0, bx1), (by0, by1) = BOUNDS
        hw = 0.55
        hh = hw * (by1 - by0) / (bx1 - bx0)  # the main map's shape: the zoom covers it exactly
        zoom = MapInset(lmap, self.best, hw, half_height=hh, width=lmap.plot_width, n_contours=8, color=TEXT,
                        stroke_width=3.5)
        zoom.map.move_to(lmap.frame)
        zoom.map.frame.set_stroke(TEXT, width=3)
        # the same colours as the main map (the floor is all dark there), but contour lines at the zoom's own
        # spacing, so the bottom of the bowl shows its shape
        fine = LandscapeMap(self.ls, bounds=zoom.bounds, width=lmap.plot_width, n_contours=8, resolution=200,
                            show_axes=False, show_markers=False, contour_width=2.0, contour_opacity=0.6)
        fine.move_to(zoom.map.frame)
        zoom.map.submobjects[zoom.map.submobjects.index(zoom.map.contours)] = fine.contours
        zoom.map.contours = fine.contours
        m = zoom.map
        upp = float(m.units_per_param()[0])
        (x0, x1), (y0, y1) = zoom.bounds
        groups, rings = {}, {}
        for s in (1, b):
            pts = [p for p in self.runs[s].positions[half:] if x0 <= p[0] <= x1 and y0 <= p[1] <= y1]
            groups[s] = VGroup(*[Dot(m.c2p(*p), radius=0.07, color=RUN_COLORS[s]).set_stroke(BACKGROUND, width=2,
                                                                                            background=True)
                                 for p in pts])
            rings[s] = Circle(radius=self.spread[s] * upp, stroke_color=RUN_COLORS[s], stroke_width=5)
            rings[s].move_to(m.c2p(*self.best))
            lab = text(f"B = {s}", "label", color=RUN_COLORS[s]).set_stroke(BACKGROUND, width=6, background=True)
            if s == 1:  # on top of the wide ring; right of the small one (its top is among the dots)
                lab.next_to(rings[s].get_top(), UP, buff=0.08)
            else:
                lab.next_to(rings[s].get_right(), RIGHT, buff=0.1)
            rings[s] = VGroup(rings[s], lab)  # each ring named on it
        star = Star(5, outer_radius=0.17, inner_radius=0.075, stroke_color=BACKGROUND, stroke_width=2,
                    fill_color=RUN_COLORS[self.n], fill_opacity=1.0).move_to(m.c2p(*self.best))
        groups[b].add(star)  # the minimum, above the dots
        # one batch's kicks at the star (one point each) and their average, at one scale: as large as fits
        vecs = self.star_steps[self.kick_batch]
        sc = fit_scale(self.best, vecs, zoom.bounds, cap=1.0)
        kicks = VGroup(*[ParamArrow(m, self.best, v, scale=sc, color=RUN_COLORS[1], stroke_width=7).arrow
                         for v in vecs])
        mean = ParamArrow(m, self.best, vecs.mean(axis=0), scale=sc, color=RUN_COLORS[b], stroke_width=14).arrow
        for a in (*kicks, mean):
            a.set_stroke(BACKGROUND, width=0, background=True)
        # on the zoomed map's top left: its magnification (and the arrows' scale); under it, what is drawn
        scale = f"zoom \u00d7{zoom.zoom:.0f}" + ("" if sc == 1 else f", arrows \u00d7{sc:g}")
        notes = VGroup(text(scale, "label", color=TEXT),
                       VGroup(text(f"dots: each run's last {self.steps - half} steps", "label", color=TEXT),
                              text("rings: typical distance to \u2605", "label", color=TEXT)
                              ).arrange(DOWN, aligned_edge=LEFT, buff=0.1))
        for t in notes:
            t.set_stroke(BACKGROUND, width=5, background=True)
        notes[0].move_to(m.frame.get_corner(UP + LEFT) + np.array([0.15, -0.15, 0]), aligned_edge=UP + LEFT)
        notes[1].next_to(m.frame, DOWN, buff=0.15).align_to(m.frame, LEFT)  # under the zoom, clear of its dots
        # the side column: a typical kick (RMS length of one point's kick at the star) and the typical average
        # of 8 (RMS length), as bars at one scale; their ratio is the number said
        bar_kick = SAFE_RIGHT - self.side_left - 0.5
        bars = [Line(ORIGIN, RIGHT * w, stroke_color=c, stroke_width=w_)
                for w, c, w_ in ((bar_kick, RUN_COLORS[1], 14), (bar_kick / self.kick_ratio, RUN_COLORS[b], 14))]
        side = VGroup(text("a typical kick", "body", color=RUN_COLORS[1]), bars[0],
                      text("their average", "body", color=RUN_COLORS[b]), bars[1],
                      self.stamp(f"{self.kick_text}\u00d7 shorter", color=RUN_COLORS[b], size="body"))
        side.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        side[2].shift(DOWN * 0.2)
        side[3].shift(DOWN * 0.2)
        side[4].shift(DOWN * 0.4)
        side.move_to([self.side_left + 0.25, lmap.frame.get_top()[1] - 0.1, 0], aligned_edge=UP + LEFT)
        # the locator at the side column's foot: the whole map, small, with the zoomed box on it
        fr = lmap.frame
        room = side.get_bottom()[1] - 0.3 - fr.get_bottom()[1]
        self.loc_scale = min((SAFE_RIGHT - self.side_left - 0.2) / fr.width, room / fr.height)
        w, h = fr.width * self.loc_scale, fr.height * self.loc_scale
        self.loc_center = np.array([SAFE_RIGHT - w / 2, fr.get_bottom()[1] + h / 2, 0])
        assert self.loc_scale > 0.3, "the locator must be big enough to see the box"
        return zoom, groups, rings, side, kicks, mean, notes

    def build_chart(self):
        """The trade-off chart over the whole stage: loss above the minimum against points read, on a
        log axis of (1 + points read) so the first pass over the data (where the runs plunge) is wide.
        The chart's own x axis counts grid cells; its ticks are replaced by ticks at 0, 1, B, n, B·n and
        the budget (positions log10(1 + r))."""
        n, b, c = self.n, self.batch, self.curves
        G = 600
        umax = float(np.log10(1 + self.budget))
        self.gx = lambda r: float(np.log10(1.0 + r) / umax * G)
        u = np.arange(G + 1) / G * umax
        reads = self.chart_reads = np.minimum(np.floor(10.0 ** u - 1.0 + 1e-9).astype(int), self.budget)
        left, right = SAFE_LEFT + 1.25, SAFE_RIGHT - 1.3  # right: room for the end labels
        # a row above it (y name, stamps), rows under it (ticks, x name, and at the end the caption on the right):
        # the tick row just clear of the caption's top
        cap_top = SAFE_BOTTOM + self.caption().height
        top, bottom = STAGE.top - 0.8, cap_top + 0.1 + text("4096", "body").height + 0.15
        # the floor: a power of ten under the noisy runs as drawn; only full batch leaves through it (toward 0)
        lo = self.y_floor = 10.0 ** np.floor(np.log10(min(float(c[s][reads].min()) for s in (1, b))))
        self.claim("only full batch leaves the chart's floor (the noisy runs stay above it)",
                   all(float(c[s][reads].min()) >= lo for s in (1, b)) and float(c[n][-1]) < lo,
                   f"floor {lo:g}, full batch ends at {float(c[n][-1]):.1e}")
        self.exit_read = int(np.argmax(c[n] < lo))  # where full batch leaves the chart
        chart = StepChart(G, log_y=True, y_range=(lo, 10.0), width=right - left, height=top - bottom,
                          x_label="points read (log scale)", y_label="loss above its minimum",
                          n_x_ticks=2, font_size=SIZES["body"])
        chart.x_label.set_color(TEXT)
        chart.y_label.set_color(TEXT)
        chart.move_to([(left + right) / 2, (top + bottom) / 2, 0])
        chart.shift(RIGHT * (left - chart.frame.get_left()[0]) + UP * (bottom - chart.frame.get_bottom()[1]))
        y_bottom = chart.frame.get_bottom()[1]
        # the kit's ticks count grid cells: put ticks at points read instead; 1e−3 .. 1e−5 as powers of ten
        for m in list(chart.ticks):
            if m.get_center()[1] < y_bottom - 0.02:
                chart.ticks.remove(m)
            elif isinstance(m, Text) and m.get_center()[0] < chart.frame.get_left()[0]:  # a y tick: as 10^k
                k = int(round(np.log10(float(m.text.replace("\u2212", "-")))))
                chart.ticks.remove(m)
                power = MathTex(rf"10^{{{k}}}", font_size=52, color=TEXT).move_to(m, aligned_edge=RIGHT)
                if abs(power.get_center()[1] - y_bottom) < 0.1:  # the lowest: clear of the x axis' 0
                    power.shift(UP * 0.12)
                chart.ticks.add(power)
        self.tick_labels = {}
        for r in (1, b, n, b * n, self.budget):  # (no 0 on a log axis: its left end is 0 reads)
            p = chart.c2p(self.gx(r), lo)
            chart.ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            self.tick_labels[r] = text(f"{r}", "body", color=TEXT).next_to(p + DOWN * 0.08, DOWN, buff=0.05)
            chart.ticks.add(self.tick_labels[r])
        chart.x_label.set_x(SAFE_LEFT, direction=LEFT)  # the bottom right is the caption's, at the end
        self.chart = chart
        self.series = {s: chart.add_series(c[s][reads], color=RUN_COLORS[s], stroke_width=4 if s == 1 else 5)
                       for s in (n, 1, b)}
        for sr in self.series.values():  # no head dots: a head at the start would sit on the white line early
            if sr.head is not None:
                sr.remove(sr.head)
                sr.head = None
        # which run is lowest along the chart (each curve's log smoothed over +-w cells): a run of cells
        # per lead; the same order for three smoothings
        # (from one point read on: at 0 all three share the start)
        first = int(np.argmax(reads >= 1))
        self.regimes = {w: lowest_runs({s: c[s][reads] for s in self.sizes}, w, first) for w in (10, 20, 30, 40)}
        # the measure drawn: each curve's running mean of log10 over +-20 cells (what "lowest" is judged by)
        self.smooth = {s: chart.add_series(smoothed_curve(c[s][reads], 20, first), color=RUN_COLORS[s],
                                           stroke_width=7) for s in (n, 1, b)}
        for sr in self.smooth.values():
            if sr.head is not None:
                sr.remove(sr.head)
                sr.head = None
        self.claim("the lowest run is one point first, then the mini-batch, then full batch (for any smoothing)",
                   all([s for s, _, _ in r] == [1, b, n] for r in self.regimes.values()),
                   str({w: [(s, int(reads[i0])) for s, i0, _ in r] for w, r in self.regimes.items()}))
        # where the lead changes: a dot where the two smoothed curves cross, a dashed drop to the x axis, and
        # the points read (computed) on the axis, at the foot of the drop
        self.smooth_values = {s: smoothed_curve(c[s][reads], 20, first) for s in self.sizes}
        self.lead_marks = {}
        for (s0, _, _), (s, i0, _) in zip(self.regimes[20], self.regimes[20][1:]):
            top = chart.c2p(i0, float(self.smooth_values[s][i0]))
            foot = chart.c2p(i0, lo)
            stamp = self.stamp(f"\u2248 {about(reads[i0])}", color=RUN_COLORS[s], size="body")
            stamp.next_to(foot, UP, buff=0.1)
            stamp.shift(LEFT * (stamp.width / 2 - 0.15))  # left of its drop: full batch falls steeply right of it
            drop = DashedLine(top, [top[0], stamp.get_top()[1] + 0.05, 0], stroke_color=RUN_COLORS[s], stroke_width=3,
                              dash_length=0.1)
            dot = Dot(top, radius=0.1, color=RUN_COLORS[s]).set_stroke(BACKGROUND, width=3, background=True)
            self.lead_marks[s] = VGroup(drop, dot, stamp)
        # direct labels right of where each line ends, nudged apart so they never touch
        self.ends = ends = {s: text(f"B = {s}", "body", color=RUN_COLORS[s]) for s in self.sizes}
        # (full batch leaves through the floor: its label half a decade above it, clear of the last tick)
        ys = {s: float(chart.c2p(G, max(self.smooth_values[s][-1], 10 ** 0.5 * lo))[1]) for s in self.sizes}
        order = sorted(self.sizes, key=lambda s: ys[s])
        gap = 0.42
        for lo, hi in zip(order, order[1:]):
            if ys[hi] - ys[lo] < gap:
                mid = (ys[hi] + ys[lo]) / 2
                ys[lo], ys[hi] = mid - gap / 2, mid + gap / 2
        for s in self.sizes:
            ends[s].next_to([chart.frame.get_right()[0], ys[s], 0], RIGHT, buff=0.2)
        # the same step size for all three: in the chart's empty lower left (the runs are high there; the row
        # above the chart is for the stamps where the lead changes)
        self.same_lr = VGroup(text("same", "body"), MathTex(rf"\gamma = {self.lr:g}", font_size=52),
                              text("for all three", "body")).arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        self.same_lr[1].align_to(self.same_lr[0], DOWN).shift(DOWN * 0.09)
        self.same_lr.move_to(chart.frame.get_corner(DL) + np.array([0.3, 0.25, 0]), aligned_edge=DL)
        # what n points read buy: its own picture before the chart, three rows over a plain 0..n ruler
        head = text(f"Reading {n} points buys", "body", color=TEXT)
        buys = VGroup(*[text(f"{n // s} step{'s' if n // s > 1 else ''} of B = {s}", "body", color=RUN_COLORS[s])
                        for s in (n, b, 1)]).arrange(DOWN, aligned_edge=LEFT, buff=0.75)
        buys.move_to([SAFE_LEFT + 0.3 + buys.width / 2, 0.0, 0])
        x_a, x_b = buys.get_right()[0] + 0.6, SAFE_RIGHT - 0.4
        pitch = (x_b - x_a) / n
        head.next_to(buys, UP, buff=0.6).align_to(buys, LEFT)
        self.buys, self.table_head = buys, head
        self.strips = {}
        for row, s in zip(buys, (n, b, 1)):
            y = row.get_center()[1] + 0.08
            col = RUN_COLORS[s]
            dots = VGroup(*[Dot([x_a + (i + 0.5) * pitch, y, 0], radius=0.045, color=col) for i in range(n)])
            bars = VGroup()  # one hop per step, over the points it reads (at most 0.3 deep)
            for j in range(n // s):
                u, v = x_a + j * s * pitch + 0.02, x_a + (j + 1) * s * pitch - 0.02
                depth = min(0.3, (v - u) / 2)
                bars.add(ArcBetweenPoints([u, y - 0.12, 0], [v, y - 0.12, 0], angle=4 * np.arctan(2 * depth / (v - u)),
                                          stroke_color=col, stroke_width=5 if s > 1 else 3.5))
            self.strips[s] = VGroup(dots, bars)
        y_r = buys.get_bottom()[1] - 0.55
        ruler = VGroup(Line([x_a, y_r, 0], [x_b, y_r, 0], stroke_color=MUTED, stroke_width=2))
        for r in range(0, n + 1, b):
            ruler.add(Line([x_a + r * pitch, y_r, 0], [x_a + r * pitch, y_r - 0.1, 0], stroke_color=MUTED,
                           stroke_width=2))
            if r in (0, b, n):
                ruler.add(text(f"{r}", "label", color=MUTED).next_to([x_a + r * pitch, y_r - 0.1, 0], DOWN,
                                                                     buff=0.08))
        ruler.add(text("points read", "label", color=MUTED).next_to(ruler[0], DOWN, buff=0.55))
        self.ruler = ruler
        # ten times below the start: a dashed level, and where each run first gets there
        lvl = self.plunge_level
        a0, a1 = chart.c2p(0, lvl), chart.c2p(G, lvl)
        self.level_line = DashedLine(a0, a1, stroke_color=TEXT, stroke_width=2.5, dash_length=0.12).set_opacity(0.7)
        self.level_label = text("start \u00f7 10", "body", color=TEXT)
        self.level_label.next_to(a0, DR, buff=0.12)  # under the line's left end: the runs are above it there
        self.plunge_dots, self.plunge_stamps = {}, {}
        where = {1: UR, b: UR, n: UR}
        for s in self.sizes:
            p = chart.c2p(self.gx(self.plunge[s]), lvl)
            self.plunge_dots[s] = Dot(p, radius=0.09, color=RUN_COLORS[s]).set_stroke(BACKGROUND, width=3,
                                                                                       background=True)
            self.plunge_stamps[s] = self.stamp(f"{self.plunge[s]}", color=RUN_COLORS[s], size="body")
            self.plunge_stamps[s].next_to(p, where[s], buff=0.12)

    def trade_off(self):
        n, b = self.n, self.batch
        c = self.curves
        self.build_chart()
        chart, series, ends = self.chart, self.series, self.ends
        self.claim("full batch is smooth but slow: it is the last to get ten times lower",
                   bool(np.all(np.diff(c[n]) <= 1e-12)) and self.plunge[n] > max(self.plunge[1], self.plunge[b]))
        self.claim("one point per step first dips to a tenth first", self.plunge[1] < self.plunge[b] < self.plunge[n])
        self.claim("full batch first reaches a tenth after plunge[n] points and stays there (monotone)",
                   bool(np.all(c[n][self.plunge[n]:] <= self.plunge_level)))
        self.claim("then bounces on a noisy floor",
                   np.std(c[1][self.budget // 2:]) > 0.5 * self.floor[1], f"floor {self.floor[1]:.3g}")
        self.claim("eight per step also plunges early (within one pass over the data), and bounces far lower",
                   self.plunge[b] <= n < self.plunge[n] and self.floor[b] < self.floor[1] / 5,
                   f"plunge {self.plunge[b]} vs {self.plunge[1]}, floor {self.floor[b]:.3g} vs {self.floor[1]:.3g}")
        self.claim("all three runs use the same step size",
                   all(np.allclose(self.runs[b].effective_lr, self.lr) for b in self.sizes), f"gamma {self.lr:g}")
        with self.voiceover(text=f"{n} points read buy one full-batch step, {n // b} mini-batch steps, "
                                 f"or {n} one-point steps.") as tracker:
            self.set_heading("The trade-off: loss vs points read")
            # (the data plot has already made way for the zoom, which is now self.formula)
            # (the map first in the group: the zoom and its notes drawn over it while they fade)
            self.wait(0.4)  # the rings, held a moment more
            self.play(FadeOut(self.formula), run_time=0.5)
            self.play(FadeIn(self.table_head), FadeIn(self.ruler), run_time=0.5)
            # each row as it is said: the n points, cut into that run's steps
            for j, (f, size) in enumerate(zip((0.22, 0.47, 0.7), (n, b, 1))):
                self.until(tracker, f)
                dots, bars = self.strips[size]
                self.play(FadeIn(self.buys[j]), FadeIn(dots), Create(bars, lag_ratio=0.5 if size < n else 0.0),
                          run_time=0.7)
        self.claim("full batch keeps closing in on the minimum (it reaches it after enough steps, and on the chart "
                   "it sinks out through the floor, below both noisy floors)",
                   self.lands_exactly and self.exit_read < self.budget and float(c[n][-1]) < min(self.floor[1], self.floor[b]),
                   f"{self.full_final:.1e} after {self.long_reads} points; leaves the chart at {self.exit_read}")
        G = series[n].n_steps
        with self.voiceover(text=f"Same step size for all. Full batch is slow: a tenth after {self.plunge[n]} "
                                 "points, but it keeps closing in.") as tracker:
            d = tracker.duration
            self.play(FadeOut(VGroup(self.table_head, self.buys, self.ruler, *self.strips.values())), run_time=0.4)
            # the empty chart and its one step size, as "the same step size" is said
            self.play(FadeIn(chart.axes), FadeIn(self.same_lr), run_time=0.5)
            self.play(Indicate(self.same_lr[1], color=TEXT, scale_factor=1.2), run_time=0.6)
            self.until(tracker, 0.22)
            self.play(Create(self.level_line), FadeIn(self.level_label), run_time=0.4)
            self.add(series[n])
            # drawn to its crossing as "320" is said, then on, down through the floor as "closing in" is said
            self.play(DrawSteps(series[n], end=self.gx(self.plunge[n])), run_time=max(0.8, 0.38 * d - 0.4))
            self.play(FadeIn(self.plunge_dots[n]), FadeIn(self.plunge_stamps[n]), run_time=0.3)
            self.until(tracker, 0.78)
            self.play(DrawSteps(series[n], end=G), run_time=max(0.8, 0.16 * d))
            self.play(FadeIn(ends[n]), run_time=0.3)
        with self.voiceover(text=f"One point per step dips there after {self.plunge[1]}, then bounces on a "
                                 "noisy floor.") as tracker:
            self.add(series[1])
            self.bring_to_front(series[n], self.plunge_dots[n], self.plunge_stamps[n])  # full batch on top
            d = tracker.duration
            self.play(DrawSteps(series[1], end=self.gx(self.plunge[1])), run_time=max(0.6, 0.38 * d))
            self.play(FadeIn(self.plunge_dots[1]), FadeIn(self.plunge_stamps[1]), run_time=0.3)
            self.play(DrawSteps(series[1]), run_time=max(0.6, 0.55 * d - 0.3))
            self.play(FadeIn(ends[1]), run_time=0.3)
        with self.voiceover(text=f"{b} per step dips there after {self.plunge[b]}, and bounces far "
                                 "lower.") as tracker:
            self.add(series[b])
            self.bring_to_front(series[n], self.plunge_dots[n], self.plunge_stamps[n], self.plunge_dots[1],
                                self.plunge_stamps[1])
            d = tracker.duration
            self.play(DrawSteps(series[b], end=self.gx(self.plunge[b])), run_time=max(0.6, 0.38 * d))
            self.play(FadeIn(self.plunge_dots[b]), FadeIn(self.plunge_stamps[b]), run_time=0.3)
            self.play(DrawSteps(series[b]), run_time=max(0.6, 0.55 * d - 0.3))
            self.play(FadeIn(ends[b]), run_time=0.3)
        lead = {s: about(self.chart_reads[i0]) for s, i0, _ in self.regimes[20]}
        self.claim("each handover read, rounded to the nearest hundred, holds within 10 % for every smoothing "
                   "window (+-10 .. +-40 cells)",
                   all(abs(self.chart_reads[i0] / lead[s] - 1.0) < 0.1
                       for r in self.regimes.values() for s, i0, _ in r[1:]),
                   str({w: [int(self.chart_reads[i0]) for _, i0, _ in r[1:]] for w, r in self.regimes.items()}))
        sv = self.smooth_values
        self.claim("each stamped read is where the smoothed curves cross: the earlier run is lower just before it, "
                   "the next run from it on",
                   all(sv[s][i0] <= sv[s0][i0] and sv[s][i0 - 1] > sv[s0][i0 - 1]
                       for (s0, _, _), (s, i0, _) in zip(self.regimes[20], self.regimes[20][1:])))
        with self.voiceover(text=f"Smoothed, one point is lowest until about {lead[b]} reads, {b} per step "
                                 f"until about {lead[n]}, then full batch.") as tracker:
            self.set_heading(f"Lowest, smoothed: B = 1 \u2192 B = {b} \u2192 B = {n}")
            # the raw curves fade back and the crossings of a tenth go; each smoothed curve is drawn over its
            # faded raw curve (the same run: its running mean), then the raw curves go
            for s in (n, 1, b):
                self.add(self.smooth[s])
            self.play(*[series[s].animate.set_stroke(opacity=0.3) for s in (n, 1, b)],
                      FadeOut(VGroup(*self.plunge_dots.values(), *self.plunge_stamps.values(), self.level_line,
                                     self.level_label, self.same_lr)),
                      *[DrawSteps(self.smooth[s], end=G) for s in (n, 1, b)], run_time=1.0)
            # each read where the lowest curve changes, as its number is said: the crossing, dropped to the axis
            for f, s in ((0.3, b), (0.62, n)):
                self.until(tracker, f)
                drop, dot, stamp = self.lead_marks[s]
                raw = [FadeOut(series[r]) for r in (n, 1, b)] if s == n else []
                self.play(FadeIn(dot, scale=1.5), Create(drop), FadeIn(stamp), *raw, run_time=0.5)
            self.until(tracker, 0.84)  # "then full batch": its curve, lowest from there on
            self.play(self.smooth[n].line.animate(rate_func=there_and_back).set_stroke(width=11), run_time=0.8)
