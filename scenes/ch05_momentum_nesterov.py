"""Chapter 5: momentum and Nesterov. The ravine of chapter 3, where gradient descent (at its best γ of a grid:
the one that settles first) zig-zags. Momentum keeps a velocity: zoomed in on one step, the velocity is the old
one shrunk by μ plus the new push; unrolled, it is every past push, each faded by its weight μ^k. A panel takes
the map's place, the zoomed step's weighted pushes head to tail: across they point up and down and their net
(the run's own step across) is a small part of their length, the pushes cancel; along they all point forward
and add up, their weights to 1/(1−μ), so along the step γ acts like γ/(1−μ)
and the ball glides. Too much momentum overshoots (a computed run). Nesterov measures the slope at the
look-ahead point: on its first look-ahead, zoomed (two copies of the same patch across the stage, plain momentum
beside Nesterov, from the same state), the pull there brings it just across the floor; then two θ-against-step
charts take the stage: across it stays within |θ₂| < 0.1 from step 5, along it overshoots once, less far than
momentum. The ending sweeps μ at γ 0.3 (γ not tuned) against gradient descent's best: at μ 0.6 looking ahead is
two steps slower, each at its best μ it needs fewer steps, and at heavy μ it keeps the settle step low. Every
settle step is the same metric: the loss stays below a stated level from that step on, stamped as it is said.

Render: ``manim -ql scenes/ch05_momentum_nesterov.py MomentumAndNesterov``
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    DashedLine,
    FadeTransform,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Group,
    Line,
    Rectangle,
    Arrow,
    Indicate,
    Text,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import loss_settle_step
from scenes.kit import (
    BACKGROUND,
    HERO,
    MUTED,
    PANEL,
    StepChart,
    TEXT,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LossChart,
    LookAhead,
    MapInset,
    N,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    optimizer_color,
    text,
)
from scenes.kit.colour import delta_e, distinct
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT, TITLE_SLOT
from scenes.scene import ExplainerScene

__all__ = ["MomentumAndNesterov", "nesterov_textbook", "unrolled_pushes", "sideways_travel"]

#: the runs on the map, told apart by colour. GD, momentum and Nesterov keep the video's colours; the
#: too-heavy momentum run gets a clearly different hue (no orange next to yellow; checked distinct from the
#: others, also colour-blind)
RUN_COLORS = {
    "gd": optimizer_color("gd"),
    "momentum": optimizer_color("momentum"),
    "heavy": "#A6FF4D",
    "nesterov": optimizer_color("nesterov"),
}
#: quantities, never a run's colour: a gradient push, and the velocity (the sum of the pushes)
PUSH = "#FF66CC"
VEL = "#FFD23F"        # gold: no blue (Nesterov is blue), far from momentum's orange, the lime run and the pushes' pink
#: "settled": the loss stays below this from that step on (the same level as chapter 3)
SETTLE_TOL = 0.01
#: the map's plot width (with its axes 63 % of the frame; the side table keeps its width) and its bounds (every run stays within |θ₂| < 1.6, so the map is
#: cropped across the ravine and leaves the loss chart under it room)
MAP_WIDTH = 7.6
MAP_BOUNDS = ((-6.0, 6.0), (-2.2, 2.2))
#: the loss chart's y ticks that stay labelled; the settle level is keyed. Losses below the chart's floor are
#: drawn on the floor (the runs reach 1e-11; below 1e-5 nothing more is to be seen)
CHART_Y_LABELS = ("1e\u22125", "0.001", "0.1", "10")
CHART_FLOOR = 1e-5
#: the look-ahead jump is −γμb, a move along the velocity: drawn in the velocity's colour
LOOK = VEL
#: a zoom, while it runs, is the main picture: from here to the right margin, as tall as the map
ZOOM_LEFT = -0.75
#: the ending's sweep of μ: from, to, step
MU_SWEEP = (0.4, 0.9, 0.05)
#: the steps shown on the θ-against-step charts of Nesterov's beat
TRACE_STEPS = 30
#: gradient descent's learning rates tried (from, to, step): "tuned" is the one that settles first
GD_GRID = (0.30, 0.495, 0.01)
#: the steps of momentum's run shown across (each: its pushes lined up, and their sum)
ACROSS_STEPS = 8
#: the θ₂ (across) chart's range: room at its top for the runs' names
ACROSS_RANGE = (-2.1, 2.5)
#: "calm across": the ball stays within this distance of the floor (|θ₂|) from that step on
CALM = 0.1


def name_clear(lines, mus, mom, nes, P) -> bool:
    """No point of either sweep curve (sampled along each segment) lies inside a name's box."""
    boxes = [(n.get_left()[0], n.get_right()[0], n.get_bottom()[1], n.get_top()[1]) for _, n in lines.values()]
    for vals in (mom, nes):
        for a, b in zip(range(len(mus) - 1), range(1, len(mus))):
            for f in np.linspace(0, 1, 12):
                q = (1 - f) * P(mus[a], vals[a]) + f * P(mus[b], vals[b])
                if any(x0 - 0.05 < q[0] < x1 + 0.05 and y0 - 0.05 < q[1] < y1 + 0.05 for x0, x1, y0, y1 in boxes):
                    return False
    return True


def floor_cut(losses, floor: float) -> np.ndarray:
    """A loss line that ends where it leaves the chart: the first value below ``floor`` is drawn on the floor,
    the later ones not at all (NaN), so a run past the floor is not read as a stall along it."""
    v = np.asarray(losses, dtype=float).copy()
    below = np.nonzero(v < floor)[0]
    if len(below):
        v[below[0]] = floor
        v[below[0] + 1:] = np.nan
    return v


def push_opacity(mu: float, power: int) -> float:
    """How opaque a past push is drawn: it fades with its weight μ^power (the newest, weight 1, is solid)."""
    return 0.22 + 0.78 * mu ** power


def push_width(mu: float, power: int) -> float:
    """How thick a past push is drawn: thinner with its weight μ^power."""
    return 2.5 + 5.5 * mu ** power


# ---------------------------------------------------------------------- maths (candidates for analysis.py)
def nesterov_textbook(landscape, start, lr: float, momentum: float, steps: int) -> SimpleNamespace:
    """Nesterov's method in its textbook (look-ahead) form, in optim_core's buffer convention:

        look-ahead  θ̃ = θ_{t-1} − γ μ b_{t-1}
        b_t = μ b_{t-1} + ∇f(θ̃),   θ_t = θ_{t-1} − γ b_t      (b_0 = 0)

    Returns ``positions`` (T+1, 2), ``look`` (T, 2: the look-ahead point of step t at row t-1),
    ``buffers`` (T, 2), ``losses`` and ``landscape`` (so ``loss_settle_step`` reads it like a run).
    PyTorch's ``nesterov=True`` stores θ̃ instead of θ: its positions are ``θ_t − γ μ b_t``.
    """
    theta = np.asarray(start, dtype=float).copy()
    b = np.zeros_like(theta)
    pos, look, buf = [theta.copy()], [], []
    for _ in range(steps):
        ahead = theta - lr * momentum * b
        b = momentum * b + np.asarray(landscape.grad(ahead), dtype=float)
        theta = theta - lr * b
        look.append(ahead)
        buf.append(b.copy())
        pos.append(theta.copy())
    pos = np.array(pos)
    return SimpleNamespace(positions=pos, look=np.array(look), buffers=np.array(buf),
                           losses=np.asarray(landscape.f(pos), dtype=float), landscape=landscape)


def unrolled_pushes(traj, k: int) -> np.ndarray:
    """Momentum's step k unrolled: the moves ``−γ μ^(k−s) g_s`` for s = 1..k (oldest first). They add
    up to the step ``−γ b_k`` (torch's buffer starts at ``b_1 = g_1``)."""
    opt = traj.optimizer
    w = opt.momentum ** np.arange(k - 1, -1, -1)
    return -opt.lr * w[:, None] * np.asarray(traj.grads[:k], dtype=float)


def calm_step(positions, tol: float, axis: int = 1) -> int | None:
    """The first step from which |θ along ``axis``| stays below ``tol`` (None if it never does)."""
    off = np.abs(np.asarray(positions, dtype=float)[:, axis]) >= tol
    if off[-1]:
        return None
    return int(np.nonzero(off)[0][-1] + 1) if off.any() else 0


def sideways_travel(positions, axis: int = 1) -> float:
    """How far a run moves across (along ``axis``) in total: the sum of |Δθ₂| over its steps."""
    p = np.asarray(positions, dtype=float)
    return float(np.abs(np.diff(p[:, axis])).sum())


class MomentumAndNesterov(ExplainerScene):
    chapter = 5
    title = "Momentum and Nesterov"
    description = ("In the ravine gradient descent zig-zags; momentum's velocity is every past push, faded: across "
                   "the pushes flip and cancel, along they add up, so it glides; too much momentum overshoots; "
                   "Nesterov measures the slope at the look-ahead point and brakes in time, which makes a heavy momentum "
                   "forgiving.")
    on_grammar = True

    landscape_name = "ravine"
    steps = 50
    lr = 0.3              # every momentum run
    mu = 0.6
    mu_heavy = 0.85
    mom_step = 5          # the momentum step unrolled in the zoom
    look_step = 2         # Nesterov's first look-ahead: both heavy runs are still in the same state

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.the_ravine, self.a_ball_with_memory, self.unroll_the_velocity, self.momentum_glides,
                        self.too_much_momentum, self.look_ahead, self.nesterov_brakes, self.heavy_mu_forgiven)
        self.final_hold(self.caption(), seconds=2.0)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        T = self.steps

        def run(name, **hp):
            return oc.run(oc.optimizer(name, **hp), ls, self.start, steps=T)

        # "tuned" gradient descent: of a grid of learning rates, the one that settles first (a long horizon,
        # so each settles; the smallest γ among ties)
        grid = np.round(np.arange(*GD_GRID), 2)
        scores = {float(g): loss_settle_step(oc.run(oc.optimizer("gd", lr=g), ls, self.start, steps=200),
                                             tol=SETTLE_TOL) for g in grid}
        self.gd_grid = (float(grid[0]), float(grid[-1]))
        self.gd_best = min(v for v in scores.values() if v is not None)
        self.gd_lr = min(g for g, v in scores.items() if v == self.gd_best)

        self.runs = {
            "gd": run("gd", lr=self.gd_lr),
            "momentum": run("momentum", lr=self.lr, momentum=self.mu),
            "heavy": run("momentum", lr=self.lr, momentum=self.mu_heavy),
            "nesterov": nesterov_textbook(ls, self.start, self.lr, self.mu_heavy, T),
        }
        self.torch_nesterov = run("nesterov", lr=self.lr, momentum=self.mu_heavy)
        self.settle = {k: loss_settle_step(t, tol=SETTLE_TOL) for k, t in self.runs.items()}
        # momentum's step unrolled
        mom = self.runs["momentum"]
        k = self.mom_step
        self.pushes = unrolled_pushes(mom, k)
        self.unroll_start = mom.positions[k - 1]
        # across, step by step: the weighted pushes lined up (all one way) and what they add up to (signed)
        # (from step 2: step 1 has one push only)
        unrolled = [unrolled_pushes(mom, t)[:, 1] for t in range(2, ACROSS_STEPS + 2)]
        self.across_lined = np.array([np.abs(u).sum() for u in unrolled])
        self.across_summed = np.array([u.sum() for u in unrolled])
        self.across_both_ways = all((u > 0).any() and (u < 0).any() for u in unrolled)
        self.across_ratio = float((np.abs(self.across_summed) / self.across_lined).max())
        self.across_shown = np.ceil(self.across_ratio * 10 - 1e-9) / 10       # said "at most", rounded up
        # across, the zoomed step: its pushes up and down, and their net against their total length
        a5 = self.pushes[:, 1]
        self.across5_both_ways = bool((a5 > 0).any() and (a5 < 0).any())
        self.across5_ratio = float(abs(a5.sum()) / np.abs(a5).sum())
        self.along_ratio = abs(self.pushes[:, 0].sum()) / np.abs(self.pushes[:, 0]).sum()
        # the step each part acts like (a geometric sum of the weights, signs alternating across), and the
        # largest step gradient descent takes without blowing up across: 2 / (the steepest curvature)
        self.across_step = self.lr / (1 + self.mu)
        self.along_step = self.lr / (1 - self.mu)
        h = 1e-4
        curv = max(abs(float(ls.grad(np.array([h, 0.0]))[0] - ls.grad(np.zeros(2))[0])) / h,
                   abs(float(ls.grad(np.array([0.0, h]))[1] - ls.grad(np.zeros(2))[1])) / h)
        self.gd_edge = round(2 / curv, 3)
        self.travel = {key: sideways_travel(self.runs[key].positions) for key in ("gd", "momentum")}
        # Nesterov's look-ahead on its first swing
        nes, j = self.runs["nesterov"], self.look_step
        self.here = nes.positions[j - 1]
        self.ahead = nes.look[j - 1]
        self.push_ahead = -self.lr * ls.grad(self.ahead)
        self.push_here = -self.lr * ls.grad(self.here)
        self.calm = {k: calm_step(t.positions, CALM) for k, t in self.runs.items()}
        self.heavy_swing = np.abs(self.runs["heavy"].positions[1:, 1]).max()
        self.nes_swing = np.abs(nes.positions[1:, 1]).max()
        self.heavy_over = self.runs["heavy"].positions[:, 0].max()
        self.nes_over = nes.positions[:, 0].max()

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=MAP_WIDTH, bounds=MAP_BOUNDS, n_contours=9, tick_font_size=30)
        # θ₁ to the right of its axis (the row under the map is the loss chart's)
        self.lmap.x_label.next_to(self.lmap.frame.get_corner(DOWN + RIGHT), RIGHT, buff=0.12)
        self.lmap.move_to([HERO.left, HERO.top - 0.05, 0], aligned_edge=UP + LEFT)
        frame = self.lmap.frame
        self.zoom_top, self.zoom_bottom = frame.get_top()[1], frame.get_bottom()[1]
        self.paths = {}
        for key, traj in self.runs.items():
            data = traj.positions if key == "nesterov" else traj
            self.paths[key] = TrajectoryPath(data, self.lmap, "nesterov" if key == "nesterov" else "momentum",
                                             color=RUN_COLORS[key], stroke_width=4.5, dot_radius=0.1,
                                             marker_radius=0.03)
        # the loss chart fills the strip under the map: from below the map's tick numbers to the safe bottom
        chart_top = self.lmap.get_bottom()[1] - 0.12
        chart_bottom = SAFE_BOTTOM + 0.42                  # its step numbers sit under the plot
        self.chart = LossChart(self.steps, width=frame.width - 2.2, height=chart_top - chart_bottom,
                               y_range=(CHART_FLOOR, 100.0), n_x_ticks=6, y_label="loss f", x_label="",
                               font_size=30)
        self.chart.shift(RIGHT * (frame.get_left()[0] - self.chart.frame.get_left()[0]))
        self.chart.shift(UP * (chart_top - self.chart.frame.get_top()[1]))
        for t in [t for t in self.chart.ticks if isinstance(t, Text) and t.text.strip() in ("0.01", "1", "100")]:
            self.chart.ticks.remove(t)
        assert all(t.text.strip() in CHART_Y_LABELS or t.get_y() < self.chart.frame.get_bottom()[1]
                   for t in self.chart.ticks if isinstance(t, Text))
        # the chart's name inside its empty top-left corner (the loss starts below 10)
        self.chart.y_label.move_to(self.chart.c2p(0, 10 ** 1.5), aligned_edge=LEFT).shift(RIGHT * 0.12)
        # each loss line lives outside the chart, so it shows only once its run is drawn
        self.series = {}
        for key, p in self.paths.items():
            s = self.series[key] = self.chart.add_series(floor_cut(p.losses, CHART_FLOOR), p.color, name=key)
            self.chart.remove(s)
        self.step_label = text("step", "small", color=MUTED)
        self.step_label.next_to(self.chart.ticks, RIGHT, buff=0.2).align_to(self.chart.ticks, DOWN)
        y = SETTLE_TOL
        self.level = DashedLine(self.chart.c2p(0, y), self.chart.c2p(self.steps, y), stroke_color=TEXT,
                                stroke_width=2, dash_length=0.08, stroke_opacity=0.7)
        # the level's key at its right end: "below 0.01" level with the dashed line
        self.level_label = VGroup(text("settled:", "label", color=MUTED),
                                  text(f"below {SETTLE_TOL:g}", "label", color=MUTED))
        self.level_label.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        self.level_label.next_to(self.chart.frame, RIGHT, buff=0.15)
        self.level_label.shift(UP * (self.chart.c2p(0, y)[1] - self.level_label[1].get_y()))
        # the main map's tick numbers that an inset covers (they would read as the inset's axis)
        self.under_ticks = VGroup(*[t for t in self.lmap.x_ticks if t.get_x() > ZOOM_LEFT - 0.3])
        self.marks = {}
        self.stamp_x = self.spread([self.settle[k] for k in RUN_COLORS], min_gap=0.8)
        self.labels = {
            # in the map's empty lower right, with what "tuned" means
            "gd": self.path_label((f"GD, best \u03b3 {self.gd_lr:g}", f"of {self.gd_grid[0]:.2f}\u2013"
                                   f"{self.gd_grid[1]:.2f}"), "gd", (3.0, -1.4)),
            "momentum": self.path_label(f"momentum \u03b3 {self.lr:g} \u03bc {self.mu:g}", "momentum",
                                        (-1.5, -1.75)),
            "heavy": self.path_label(f"momentum \u03b3 {self.lr:g} \u03bc {self.mu_heavy:g}", "heavy", (1.4, 1.85)),
            "nesterov": self.path_label(f"Nesterov \u03b3 {self.lr:g} \u03bc {self.mu_heavy:g}", "nesterov",
                                        (1.2, 1.55)),
        }
        # the side column: right of the map (and its θ₁ label) to the safe margin
        self.side_left = self.lmap.x_label.get_right()[0] + 0.2
        self.side_width = SAFE_RIGHT - self.side_left
        # top of the side column: the settle steps, one row per run as it is said; ranked in the recap
        self.table_head = text("settled from step", "label", color=MUTED)
        self.table_head.move_to([self.side_left, self.zoom_top, 0], aligned_edge=UP + LEFT)
        names = {"gd": f"GD \u03b3 {self.gd_lr:g}", "momentum": f"momentum \u03bc {self.mu:g}",
                 "heavy": f"momentum \u03bc {self.mu_heavy:g}", "nesterov": f"Nesterov \u03bc {self.mu_heavy:g}"}
        self.row_y = [self.table_head.get_bottom()[1] - 0.38 - 0.46 * i for i in range(4)]
        self.table_left = frame.get_right()[0] + 0.12      # above the θ₁ label the column may start here
        self.rows = {}
        for i, key in enumerate(RUN_COLORS):
            num = text(f"{self.settle[key]}", "label", color=RUN_COLORS[key])
            name = text(names[key], "small", color=RUN_COLORS[key])
            num.move_to([self.table_left + 0.45, self.row_y[i], 0], aligned_edge=RIGHT)
            name.move_to([self.table_left + 0.58, self.row_y[i], 0], aligned_edge=LEFT)
            self.rows[key] = VGroup(num, name)
        self.table_head.align_to(self.rows["gd"][0], LEFT)
        assert self.table_head.get_right()[0] < SAFE_RIGHT, self.table_head.get_right()
        # bottom of the side column, beside the loss chart: the update rule
        self.rule_name = text("momentum", "label", color=RUN_COLORS["momentum"])
        self.rule = UpdateRule([rf"{N.velocity} = {N.momentum}\, b_{{t-1}} + {N.grad}",
                                rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.velocity}"], font_size=48,
                               symbols={"old": (rf"{N.momentum}\, b_{{t-1}}",)})
        self.rule.part("old").set_color(VEL)
        self.rule.part("grad").set_color(PUSH)
        self.place_rule(self.rule_name, self.rule)
        self.gd_rule_name = text("gradient descent", "label", color=RUN_COLORS["gd"])
        # its second line says once what g_t is (the momentum rule keeps the name)
        self.gd_rule = UpdateRule([rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.grad}",
                                   rf"{N.grad} = \nabla f({N.params}_{{t-1}})"], font_size=48)
        self.gd_rule.part("grad").set_color(PUSH)
        self.gd_rule.align_to(self.rule, DOWN + RIGHT)
        self.gd_rule_name.next_to(self.gd_rule, UP, buff=0.2).align_to(self.gd_rule, RIGHT)

    def place_rule(self, name, rule):
        """A rule and its name in the bottom of the side column, ending at the safe bottom."""
        rule.move_to([SAFE_RIGHT, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + RIGHT)
        name.next_to(rule, UP, buff=0.2).align_to(rule, RIGHT)

    def spread(self, steps, min_gap: float) -> dict:
        """x of each settle number on the chart: over its step, nudged apart where two would touch."""
        xs = {k: float(self.chart.c2p(k, 1.0)[0]) for k in steps}
        order = sorted(xs)
        for _ in range(20):
            for a, b in zip(order, order[1:]):
                gap = xs[b] - xs[a]
                if gap < min_gap:
                    xs[a] -= (min_gap - gap) / 2
                    xs[b] += (min_gap - gap) / 2
        return xs

    def fade_run(self, key: str, opacity: float) -> list:
        """Animations that dim (or restore) a drawn run: its line, dot and step markers, strokes only."""
        p = self.paths[key]
        return [p.path.animate.set_stroke(opacity=opacity), p.dot.animate.set_opacity(opacity),
                p.markers.animate.set_fill(opacity=0.9 * opacity)]

    def path_label(self, s: str, key: str, at):
        """A direct label for run ``key``, centred at parameters ``at`` (chosen beside the run)."""
        lines = (s,) if isinstance(s, str) else s
        lab = VGroup(*[text(t, "label", color=RUN_COLORS[key]) for t in lines]).arrange(DOWN, aligned_edge=LEFT,
                                                                                       buff=0.1)
        box = Rectangle(width=lab.width + 0.24, height=lab.height + 0.18, stroke_width=0, fill_color=BACKGROUND,
                        fill_opacity=0.85)
        return VGroup(box, lab).move_to(self.lmap.c2p(*at))

    def build_traces(self):
        """The whole stage (the map stays under the zoom's backdrop): θ₂ (across) over θ₁ (along) against step,
        one step axis, the heavy momentum run (whole) and Nesterov (drawn as it is said); the calm band and
        step, both overshoot tips numbered large."""
        T = TRACE_STEPS
        left, right = self.lmap.get_left()[0] + 1.0, SAFE_RIGHT - 1.2
        top, bottom = self.zoom_top, SAFE_BOTTOM + 0.5
        gap = 0.6                                          # the top chart's step numbers
        h_across = 0.42 * (top - bottom - gap)
        heights = (h_across, top - bottom - gap - h_across)
        self.traces, self.trace_series, chart_names = [], {}, []
        y = top
        for i, (axis, yr, name, corner) in enumerate(((1, ACROSS_RANGE, "\u03b8\u2082 across", DOWN + RIGHT),
                                                      (0, (-0.8, 2.8), "\u03b8\u2081 along", UP + LEFT))):
            ch = StepChart(T, y_range=yr, width=right - left, height=heights[i], x_label="", y_label="",
                           font_size=30, n_x_ticks=7)
            ch.shift(np.array([left, y, 0]) - ch.frame.get_corner(UP + LEFT))
            y -= heights[i] + gap
            lab = text(name, "body", color=TEXT).set_stroke(BACKGROUND, width=5, background=True)
            lab.move_to(ch.frame.get_corner(corner) - corner * 0.12, aligned_edge=corner)
            zero = DashedLine(ch.c2p(0, 0.0), ch.c2p(T, 0.0), stroke_color=MUTED, stroke_width=1.5, dash_length=0.06)
            ch.add(zero, lab)
            chart_names.append(lab)
            for key in ("heavy", "nesterov"):
                vals = self.runs[key].positions[: T + 1, axis]
                sr = ch.add_series(vals, RUN_COLORS[key], name=key, stroke_width=5 if key == "nesterov" else 4)
                ch.remove(sr)
                sr.set_progress(T if key == "heavy" else 0)
                self.trace_series[(key, axis)] = sr
            self.traces.append(ch)
        self.trace_step = text("step", "label", color=MUTED)
        self.trace_step.next_to(self.traces[1].ticks, RIGHT, buff=0.15).align_to(self.traces[1].ticks, DOWN)
        assert self.trace_step.get_right()[0] < SAFE_RIGHT + 0.3, self.trace_step.get_right()
        # the runs named under the across chart's name (its right end: the heavy run swings less there)
        ca = self.traces[0]
        names = VGroup(*[text(f"{n} \u03bc {self.mu_heavy:g}", "body", color=RUN_COLORS[k])
                         .set_stroke(BACKGROUND, width=6, background=True)
                         for k, n in (("heavy", "momentum"), ("nesterov", "Nesterov"))])
        names.arrange(RIGHT, buff=0.5)
        names.move_to(ca.frame.get_corner(UP + RIGHT) + np.array([-0.12, -0.12, 0]), aligned_edge=UP + RIGHT)
        ca_name = chart_names[0]                           # in its bottom-right corner
        heavy_y = ca.c2p(np.arange(T + 1), self.runs["heavy"].positions[: T + 1, 1])[:, 1]
        xs = ca.c2p(np.arange(T + 1), np.zeros(T + 1))[:, 0]
        for box, above in ((names, False), (ca_name, True)):
            under = (xs > box.get_left()[0] - 0.1) & (xs < box.get_right()[0] + 0.1)
            clear = heavy_y[under] > box.get_top()[1] + 0.03 if above else heavy_y[under] < box.get_bottom()[1] - 0.03
            assert clear.all(), ("the heavy trace runs through a name", box.get_left(), box.get_right(), box.get_top(), box.get_bottom(), np.round(heavy_y[under], 2), np.round(xs[under], 2))
        self.trace_names = names
        # across: the calm band |θ₂| < CALM, and the step from which Nesterov stays in it
        k = self.calm["nesterov"]
        c_n = RUN_COLORS["nesterov"]
        band = VGroup(*[DashedLine(ca.c2p(0, v), ca.c2p(T, v), stroke_color=c_n, stroke_width=1.5, dash_length=0.06,
                                   stroke_opacity=0.8) for v in (-CALM, CALM)])
        vline = DashedLine(ca.c2p(k, ACROSS_RANGE[0]), ca.c2p(k, ACROSS_RANGE[1]), stroke_color=c_n, stroke_width=2.5, dash_length=0.08)
        vlab = text(f"|\u03b8\u2082| < {CALM:g} from step {k}", "body", color=c_n)
        vlab.set_stroke(BACKGROUND, width=5, background=True)
        vlab.move_to(ca.c2p(k, -1.55) + RIGHT * 0.12, aligned_edge=LEFT)
        assert vlab.get_bottom()[1] > ca.frame.get_bottom()[1], "calm name under the chart"
        under = (xs > vlab.get_left()[0] - 0.1) & (xs < vlab.get_right()[0] + 0.1)
        assert (heavy_y[under] > vlab.get_top()[1] + 0.03).all(), "the heavy trace runs through the calm name"
        self.trace_calm = VGroup(band, vline, vlab)
        # along: both tips, the numbers large, level with them right of the peaks
        al = self.traces[1]
        tips = VGroup()
        for key in ("heavy", "nesterov"):
            x = self.runs[key].positions[: T + 1, 0]
            i = int(np.argmax(x))
            c = RUN_COLORS[key]
            dot = Dot(al.c2p(i, x[i]), radius=0.1, color=c)
            num = text(f"{x[i]:.1f}", "stamp", color=c).set_stroke(BACKGROUND, width=6, background=True)
            num.move_to(al.c2p(T - 6, x[i]), aligned_edge=LEFT)
            lead = DashedLine(dot.get_center() + RIGHT * 0.14, num.get_left() + LEFT * 0.1, stroke_color=c,
                              stroke_width=2.5, dash_length=0.06)
            tips.add(VGroup(dot, lead, num))
        assert tips[0][2].get_bottom()[1] > tips[1][2].get_top()[1], "the two tip numbers touch"
        assert tips[0][2].get_right()[0] < SAFE_RIGHT + 0.3, tips[0][2].get_right()
        self.trace_tips = tips
        # along, the chart starts above the runs' start: where they come from, in its empty lower left
        x0 = self.start[0]
        self.trace_from = text(f"from {x0:g}".replace("-", "\u2212"), "label", color=MUTED)
        self.trace_from.set_stroke(BACKGROUND, width=5, background=True)
        self.trace_from.move_to(al.c2p(0.4, 0.9), aligned_edge=LEFT)
        fx = al.c2p(np.arange(T + 1), np.zeros(T + 1))[:, 0]
        near = (fx > self.trace_from.get_left()[0] - 0.1) & (fx < self.trace_from.get_right()[0] + 0.1)
        for key in ("heavy", "nesterov"):
            fy = al.c2p(np.arange(T + 1), self.runs[key].positions[: T + 1, 0])[:, 1]
            assert (fy[near] < self.trace_from.get_bottom()[1] - 0.05).all(), ("a trace runs through 'from'", key)

    def draw(self, keys, duration: float, end: float | None = None, extra=()):
        """Runs ``keys`` on the map and their loss lines on the chart, in step, to step ``end``."""
        anims = []
        for key in keys:
            anims += [self.paths[key].draw(end=end), DrawSteps(self.series[key], end=end)]
        self.play(*anims, *extra, run_time=max(0.5, duration))

    def settle_mark(self, key: str):
        """The settle step of run ``key`` on the chart (a dot where its loss line meets the level, a drop
        line from the number in the chart's empty top decade) and its row in the side table."""
        k = self.settle[key]
        c = RUN_COLORS[key]
        p = self.chart.c2p(k, SETTLE_TOL)
        dot = Dot(p, radius=0.07, color=c)
        num = text(f"{k}", "label", color=c)
        num.set_stroke(BACKGROUND, width=5, background=True)
        num.move_to([self.stamp_x[k], self.chart.c2p(k, 10 ** 1.4)[1], 0])
        drop = DashedLine([p[0], num.get_bottom()[1] - 0.05, 0], p, stroke_color=c, stroke_width=2,
                          dash_length=0.06)
        self.marks[key] = VGroup(drop, dot, num, self.rows[key])
        return self.marks[key]

    def caption(self):
        """The final hold's caption: the runs are named with their settings on the sweep; this adds the place
        (one line, in the bottom-right corner under the μ axis's numbers)."""
        cap = CornerCaption([], landscape=self.ls, font_size=30, extra=f"momentum and Nesterov, \u03b3 {self.lr:g}  \u00b7  "
                            f"start ({self.start[0]:g}, {self.start[1]:g})")
        cap.move_to([SAFE_RIGHT, SAFE_BOTTOM, 0], aligned_edge=DOWN + RIGHT)
        # a footnote over it: the Nesterov shown is the textbook form (PyTorch's stores the look-ahead point)
        note = text("Nesterov in textbook form (PyTorch stores the look-ahead point)", "small", color=MUTED)
        note.next_to(cap, UP, buff=0.1).align_to(cap, RIGHT)
        cap = VGroup(note, cap)
        if hasattr(self, "sweep_axes"):
            ticks = [m for m in self.sweep_axes if isinstance(m, Text)]
            assert cap.get_top()[1] < min(t.get_bottom()[1] for t in ticks) - 0.05, "caption on the μ numbers"
        return cap

    def zoom_scale(self, y_extent: float, pad: float) -> float:
        """Scene units per parameter of a zoom whose content is ``y_extent`` tall with ``pad`` scene units
        above and below: the zoom fills the slot's height (ZOOM_LEFT to the margin, the map's height)."""
        return (self.zoom_top - self.zoom_bottom - 2 * pad) / y_extent

    def zoom_box(self, x_left: float, y_mid: float, scale: float):
        """A MapInset filling the zoom slot at ``scale`` scene units per parameter, its box starting at
        parameter ``x_left`` (moved right if it would leave the map) and centred on ``y_mid``."""
        width, height = SAFE_RIGHT - ZOOM_LEFT, self.zoom_top - self.zoom_bottom
        hw, hh = width / scale / 2, height / scale / 2
        (bx0, bx1), (by0, by1) = MAP_BOUNDS
        cx = min(max(x_left + hw, bx0 + hw), bx1 - hw)
        cy = min(max(y_mid, by0 + hh), by1 - hh)
        inset = MapInset(self.lmap, (cx, cy), hw, half_height=hh, width=width)
        inset.move_map_to([ZOOM_LEFT, self.zoom_top, 0], aligned_edge=UP + LEFT)
        return inset

    # --- the zoom on momentum's step
    def build_unroll(self):
        k = self.mom_step
        p0 = self.unroll_start
        P = self.pushes
        verts = p0 + np.vstack([[0.0, 0.0], np.cumsum(P, axis=0)])   # chain corners, oldest first
        y_hi, y_lo = verts[:, 1].max(), verts[:, 1].min()
        # the chain fills the zoom's height
        top_pad, bottom_pad = 0.35, 0.45
        sc = (self.zoom_top - self.zoom_bottom - top_pad - bottom_pad) / (y_hi - y_lo)
        span = 1.0 / sc                                    # parameters per scene unit in the zoom
        half_h = (self.zoom_top - self.zoom_bottom) / 2 * span
        inset = self.inset = self.zoom_box(verts[:, 0].min() - 1.25 * span, y_hi + top_pad * span - half_h, sc)
        m = inset.map
        self.zoom_path = inset.path(self.runs["momentum"], "momentum", color=RUN_COLORS["momentum"],
                                    stroke_width=6, dot_radius=0.13, markers=False)
        self.zoom_path.set_progress(k - 1)
        # the step's two parts, as moves: the old velocity shrunk by μ, and the new push (both times −γ)
        vel = -self.lr * self.mu * self.runs["momentum"].velocity[k - 2]
        self.z_vel = ParamArrow(m, p0, vel, color=VEL, stroke_width=8)
        self.z_push = ParamArrow(m, verts[-2], P[-1], color=PUSH, stroke_width=8)

        def tex(s, color):
            t = MathTex(s, font_size=46, color=color)
            t.set_stroke(BACKGROUND, width=5, background=True)
            return t

        self.z_vel_label = tex(rf"-{N.lr}{N.momentum}\, b_{{t-1}}", VEL)
        self.z_vel_label.move_to(m.frame.get_corner(UP + LEFT) + np.array([0.2, -0.25, 0]), aligned_edge=UP + LEFT)
        self.z_push_label = tex(rf"-{N.lr}\, {N.grad}", PUSH)
        self.z_push_label.next_to(m.c2p(*(verts[-2] + 0.5 * P[-1])), RIGHT, buff=0.3)

    # --- the split: across and along parts, each in its own half of a panel over the zoom
    def build_split(self):
        """The zoomed step's weighted pushes, head to tail. Across: one column each, up and down, and beside them
        their net (the velocity's across part, gold), far shorter. Along: tip to tail, all forward, the sum under
        it."""
        k, P = self.mom_step, self.pushes
        # the panel takes the whole stage left of the rule (map and loss chart), so it covers no part of a picture
        x0, x1 = min(self.lmap.get_left()[0], self.chart.get_left()[0]) - 0.1, self.side_left - 0.2
        y1, y_foot = self.lmap.get_top()[1] + 0.06, min(SAFE_BOTTOM, self.chart.get_bottom()[1]) - 0.06
        assert x1 < self.rule.get_left()[0] - 0.1, (x1, self.rule.get_left())
        panel = Rectangle(width=x1 - x0, height=y1 - y_foot, stroke_color=TEXT, stroke_width=2.5, fill_color=PANEL,
                          fill_opacity=1.0).move_to([(x0 + x1) / 2, (y_foot + y1) / 2, 0])
        mid = x0 + 0.46 * (x1 - x0)
        sep = DashedLine([mid, y1 - 0.2, 0], [mid, y_foot + 0.2, 0], stroke_color=MUTED, stroke_width=2, dash_length=0.08)
        # the heading above says what each half shows (cancel / add up); each half names its direction only
        heads = [text("across \u03b8\u2082", "body", color=TEXT), text("along \u03b8\u2081", "body", color=TEXT)]
        heads[0].move_to([x0 + 0.25, y1 - 0.15, 0], aligned_edge=UP + LEFT)
        heads[1].move_to([mid + 0.25, y1 - 0.15, 0], aligned_edge=UP + LEFT)
        assert heads[0].get_right()[0] < mid - 0.15, "the across head runs into the divider"

        keys = []

        def arrow(a, b, color, width, opacity=1.0):
            length = float(np.linalg.norm(np.asarray(b) - np.asarray(a)))
            arr = Arrow(a, b, buff=0, color=color, stroke_width=width, tip_length=min(0.22, 0.45 * length),
                        max_tip_length_to_length_ratio=0.45, max_stroke_width_to_length_ratio=50)
            return arr.set_opacity(opacity)

        def weight(power):
            return f"{N.momentum}^{power}" if power > 1 else (N.momentum if power == 1 else "1")

        def tag(s):
            t = MathTex(s, font_size=46, color=PUSH)
            return t.set_stroke(PANEL, width=5, background=True)

        fade = [push_opacity(self.mu, k - 1 - i) for i in range(k)]
        widths = [1.5 * push_width(self.mu, k - 1 - i) for i in range(k)]
        # across: the same step's pushes, head to tail upward/downward (one column each, oldest first), their
        # weights in a row under them; the net (the velocity's across part, the run's own step) in gold beside
        ys = np.concatenate([[0.0], np.cumsum(P[:, 1])])
        ratio = self.across5_ratio
        foot = VGroup(text(f"net = {ratio:.2f}\u00d7", "body", color=VEL),
                      text("their total length", "label", color=VEL)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        foot.move_to([x0 + 0.3, y_foot + 0.22, 0], aligned_edge=DOWN + LEFT)
        row_y = foot.get_top()[1] + 0.42
        top, bottom = heads[0].get_bottom()[1] - 0.3, row_y + 0.4
        sa = (top - bottom) / (ys.max() - ys.min())
        Y = lambda v: bottom + (v - ys.min()) * sa                  # noqa: E731
        bx = x0 + 0.5 + 0.56 * np.arange(k)
        x_net = mid - 0.6
        assert x_net - bx[-1] > 0.8, (x_net, bx)
        zero = DashedLine([bx[0] - 0.3, Y(0), 0], [x_net + 0.3, Y(0), 0], stroke_color=MUTED, stroke_width=2,
                          dash_length=0.07)
        across = VGroup(*[arrow([bx[i], Y(ys[i]), 0], [bx[i], Y(ys[i + 1]), 0], PUSH, widths[i], fade[i])
                          for i in range(k)])
        links = VGroup(*[DashedLine([bx[i], Y(ys[i + 1]), 0], [bx[i + 1], Y(ys[i + 1]), 0], stroke_color=PUSH,
                                    stroke_width=1.5, dash_length=0.05, stroke_opacity=0.6) for i in range(k - 1)])
        across_tags = VGroup(*[tag(weight(k - 1 - i)).move_to([bx[i], row_y, 0]) for i in range(k)])
        net = arrow([x_net, Y(0), 0], [x_net, Y(ys[-1]), 0], VEL, 10)
        net_tag = text("net", "body", color=VEL).set_stroke(PANEL, width=5, background=True)
        net_tag.move_to([x_net, row_y, 0])
        assert net_tag.get_right()[0] < mid - 0.1, net_tag.get_right()
        assert foot.get_right()[0] < mid - 0.1, foot.get_right()
        assert across_tags.get_bottom()[1] > foot.get_top()[1] + 0.05 and net_tag.get_bottom()[1] > foot.get_top()[1] + 0.05
        assert across_tags.get_top()[1] < bottom - 0.05, (across_tags.get_top(), bottom)
        assert across_tags[0].get_left()[0] > x0 + 0.05
        # along: the parts tip to tail on one row (oldest first), tagged above and below in turn; the sum under it
        xs = np.concatenate([[0.0], np.cumsum(P[:, 0])])
        left = mid + 0.35
        sb = (x1 - 0.35 - left) / xs[-1]
        X = lambda v: left + v * sb                                  # noqa: E731
        y_a = heads[1].get_bottom()[1] - 0.95
        along = VGroup(*[arrow([X(xs[i]), y_a, 0], [X(xs[i + 1]), y_a, 0], PUSH, widths[i], fade[i]) for i in range(k)])
        along_sum = arrow([X(0), y_a - 0.9, 0], [X(xs[-1]), y_a - 0.9, 0], VEL, 9)
        along_tags = VGroup(*[tag(weight(k - 1 - i)).move_to([X((xs[i] + xs[i + 1]) / 2),
                                                             y_a + (0.4 if i % 2 == 0 else -0.4), 0]) for i in range(k)])
        # along: what the weights add up to (the one number along is the step it acts like, shown as it is said)
        stamps = [foot, MathTex(rf"\textstyle\sum_k {N.momentum}^k = 1/(1-{N.momentum})", font_size=46,
                                color=VEL).next_to(along_sum, DOWN, buff=0.25)]
        stamps[1].set_stroke(PANEL, width=5, background=True)
        stamps[1].align_to([mid + 0.15, 0, 0], LEFT)
        assert along_tags.get_top()[1] < heads[1].get_bottom()[1] - 0.05, along_tags.get_top()
        # the step each part acts like: along γ/(1−μ); and where gradient descent blows up
        lr, mu = self.lr, self.mu
        acts = [None, MathTex(rf"{N.lr} \to \frac{{{lr:g}}}{{1-{mu:g}}} = {self.along_step:g}",
                              font_size=46, color=VEL)]
        acts[1].next_to(stamps[1], DOWN, buff=0.3).align_to([mid + 0.15, 0, 0], LEFT)
        gd_edge = text(f"GD needs \u03b3 < {self.gd_edge:g}", "body", color=RUN_COLORS["gd"])
        gd_edge.next_to(acts[1], DOWN, buff=0.25).align_to(acts[1], LEFT)
        assert gd_edge.get_bottom()[1] > y_foot + 0.1, gd_edge.get_bottom()
        for t in (stamps[1], acts[1], gd_edge):
            t.set_stroke(PANEL, width=5, background=True)
            assert t.get_right()[0] < x1 - 0.2, t.get_right()
        assert acts[1].get_bottom()[1] > gd_edge.get_top()[1] + 0.05, (acts[1].get_bottom(), gd_edge.get_top())
        self.split = SimpleNamespace(panel=panel, sep=sep, heads=heads, keys=keys, stamps=stamps, zero=zero,
                                     across=across, links=links, across_tags=across_tags, net=net, net_tag=net_tag,
                                     along=along, along_sum=along_sum, along_tags=along_tags, acts=acts,
                                     gd_edge=gd_edge)
        self.split_group = VGroup(panel, sep, *heads, *stamps, zero, across, links, across_tags, net, net_tag, along,
                                  along_sum, along_tags, acts[1], gd_edge)

    # --- the zoom on Nesterov's look-ahead
    def build_look(self):
        tex = [r"\tilde\theta = \theta_{t-1} - \gamma\mu\, b_{t-1}",
               rf"{N.velocity} = {N.momentum}\, b_{{t-1}} + \nabla f(\tilde\theta)",
               rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.velocity}"]
        self.nrule = UpdateRule(tex, font_size=46, symbols={"look": (r"\tilde\theta",), "slope": (r"\nabla f",),
                                                            "old": (rf"{N.momentum}\, b_{{t-1}}",)})
        self.nrule.part("slope").set_color(PUSH)
        self.nrule.part("old").set_color(VEL)
        self.nrule_name = text("Nesterov", "label", color=RUN_COLORS["nesterov"])
        self.place_rule(self.nrule_name, self.nrule)
        # Nesterov's first look-ahead, zoomed: both heavy runs start this step from the same place with the
        # same velocity and differ only in where the slope is measured. Two zooms of the same patch side by
        # side (plain momentum left, Nesterov right), over the map's right part and the chart (a backdrop hides
        # them), each pull drawn large where it applies
        m = self.lmap
        j = self.look_step
        land_n, land_h = self.runs["nesterov"].positions[j], self.runs["heavy"].positions[j]
        pts = np.array([self.here, self.ahead, land_n, land_h])
        x_lo, (y_lo, y_hi) = pts[:, 0].min(), (pts[:, 1].min(), pts[:, 1].max())
        # clear of the side column and of the Nesterov rule, which reaches further left
        right = min(self.side_left, self.nrule.get_left()[0], self.lmap.x_label.get_right()[0]) - 0.15
        top, bottom = self.zoom_top, SAFE_BOTTOM + 0.05
        gap = 0.2
        head_pad, foot_pad = 2.1, 0.4
        sc = (top - bottom - head_pad - foot_pad) / (y_hi - y_lo)
        hh = (top - bottom) / sc / 2
        # the two zooms take the whole stage left of the rule (the map, under a backdrop, is not needed: both
        # zooms are the same patch, the place named in each)
        left = self.lmap.get_left()[0] + 0.1
        w = (right - left - gap) / 2
        hw = w / sc / 2
        cx = x_lo - 1.3 / sc + hw                         # the patch's left edge 1.3 units left of θ_{t−1}
        cy = y_hi + head_pad / sc - hh
        backdrop = Rectangle(width=right - left + 0.15, height=top - bottom + 0.25, stroke_width=0,
                             fill_color=BACKGROUND, fill_opacity=1.0)
        backdrop.move_to([(left + right) / 2 - 0.075, (top + bottom) / 2, 0])
        # and the map's strip right of the zooms (above the rule)
        mf = self.lmap.frame
        strip = Rectangle(width=mf.get_right()[0] + 0.1 - right, height=mf.height + 0.2, stroke_width=0,
                          fill_color=BACKGROUND, fill_opacity=1.0).move_to([right, mf.get_y(), 0], aligned_edge=LEFT)
        assert strip.get_bottom()[1] > self.nrule_name.get_top()[1] + 0.1, strip.get_bottom()
        self.backdrop = VGroup(backdrop, strip)
        # the loss chart's sliver left of the zooms is hidden too (the map's corner stays, as a locator)
        c_top = self.chart.get_top()[1] + 0.05
        self.chart_cover = Rectangle(width=max(0.05, self.backdrop.get_left()[0] - (self.lmap.get_left()[0] - 0.3)),
                                     height=c_top - (SAFE_BOTTOM - 0.3), stroke_width=0, fill_color=BACKGROUND,
                                     fill_opacity=1.0)
        self.chart_cover.move_to([self.backdrop.get_left()[0], SAFE_BOTTOM - 0.3, 0], aligned_edge=DOWN + RIGHT)
        zooms = []
        for i in range(2):
            z = MapInset(m, (cx, cy), hw, half_height=hh, width=w)
            z.move_map_to([left + i * (w + gap), top, 0], aligned_edge=UP + LEFT)
            zooms.append(z)
        for z in zooms:
            z.remove(z.outline, z.connectors)
        self.look_zooms = zooms
        self.look_zoom_factor = zooms[0].zoom

        def tex(s, color):
            t = MathTex(s, font_size=46, color=color)
            return t.set_stroke(BACKGROUND, width=5, background=True)

        def words(s, color, size="small"):
            t = text(s, size, color=color)
            return t.set_stroke(BACKGROUND, width=5, background=True)

        parts = []
        d_h, d_n = abs(self.runs["heavy"].positions[j][1]), abs(self.runs["nesterov"].positions[j][1])
        self.land_ratio = d_h / d_n
        for z, key, push, say in ((zooms[0], "heavy", self.push_here, (f"{d_h:.2f} below", "the floor")),
                                  (zooms[1], "nesterov", self.push_ahead, (f"{d_n:.2f} past", "the floor"))):
            zm = z.map
            c = RUN_COLORS[key]
            y_fl = zm.c2p(cx, 0.0)[1]                     # the floor, clipped to this zoom's frame
            fl = DashedLine([zm.frame.get_left()[0] + 0.05, y_fl, 0], [zm.frame.get_right()[0] - 0.05, y_fl, 0],
                            stroke_color=MUTED, stroke_width=2.5, dash_length=0.1)
            ring = Circle(radius=0.17, stroke_color=TEXT, stroke_width=3).move_to(zm.c2p(*self.here))
            # the place's name left of its ring (above it is the floor line)
            here_lab = tex(rf"{N.params}_{{t-1}}", TEXT).next_to(ring, LEFT, buff=0.08)
            jump = LookAhead(zm, self.here, self.ahead - self.here, color=LOOK, label=None).set_z_index(3)
            jump.arrow.set_stroke(width=6)
            look_lab = tex(r"\tilde\theta", LOOK).next_to(zm.c2p(*self.ahead), LEFT, buff=0.42)
            pull = ParamArrow(zm, self.ahead, push, color=PUSH, stroke_width=9)
            land = Dot(zm.c2p(*(self.ahead + push)), radius=0.12, color=c)
            title = VGroup(words("momentum" if key == "heavy" else "Nesterov", c, "label"),
                           words(f"\u03bc {self.mu_heavy:g}, step {j}", c, "label")).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            title.move_to(zm.frame.get_corner(UP + LEFT) + np.array([0.18, -0.14, 0]), aligned_edge=UP + LEFT)
            say_t = VGroup(*[words(t, c) for t in say]).arrange(DOWN, aligned_edge=LEFT, buff=0.06)
            say_t.next_to(title, DOWN, buff=0.1).align_to(title, LEFT)
            # the words on a dark card (blue on the map's blue-green would not read)
            card = Rectangle(width=max(title.width, say_t.width) + 0.24, height=title.height + say_t.height + 0.34,
                             stroke_width=0, fill_color=BACKGROUND, fill_opacity=0.88)
            card.move_to(title.get_corner(UP + LEFT) + np.array([-0.12, 0.1, 0]), aligned_edge=UP + LEFT)
            # the card in two parts: the title's comes with the title, the words' part only with the words
            cut = (title.get_bottom()[1] + say_t.get_top()[1]) / 2
            card_t = Rectangle(width=title.width + 0.24, height=card.get_top()[1] - cut, stroke_width=0,
                               fill_color=BACKGROUND, fill_opacity=0.88).move_to(card.get_corner(UP + LEFT),
                                                                                aligned_edge=UP + LEFT)
            card_s = Rectangle(width=card.width, height=cut - card.get_bottom()[1], stroke_width=0,
                               fill_color=BACKGROUND, fill_opacity=0.88).move_to(card.get_corner(DOWN + LEFT),
                                                                                aligned_edge=DOWN + LEFT)
            parts.append(SimpleNamespace(floor=fl, ring=ring, here_lab=here_lab, jump=jump, look_lab=look_lab,
                                         pull=pull, land=land, title=VGroup(card_t, title), say=VGroup(card_s, say_t)))
            assert say_t.get_right()[0] < zm.frame.get_right()[0] - 0.05, (key, say_t.get_right())
            assert card.get_bottom()[1] > max(here_lab.get_top()[1], land.get_top()[1]) + 0.03, key
        # plain momentum's pull is measured back at θ_{t−1}: drawn there first, then moved to θ̃
        hz = zooms[0].map
        self.pull_here_at = ParamArrow(hz, self.here, self.push_here, color=PUSH, stroke_width=9)
        self.pull_shift = hz.c2p(*self.ahead) - hz.c2p(*self.here)
        self.here_tag = words("slope here", PUSH, "label")
        # Nesterov's pull is named where it is measured: at θ̃, right of the pull's lower half
        zn_part = parts[1]
        self.there_tag = VGroup(words("slope", PUSH, "label"), words("there", PUSH, "label")).arrange(DOWN, aligned_edge=LEFT, buff=0.06)
        self.there_tag.next_to(zn_part.pull.arrow.point_from_proportion(0.2), RIGHT, buff=0.15)
        assert self.there_tag.get_right()[0] < zooms[1].map.frame.get_right()[0] - 0.05, (self.there_tag.get_right(), zn_part.pull.arrow.get_start(), zn_part.pull.arrow.get_end(), zooms[1].map.frame.get_right(), self.there_tag.width, zn_part.ring.get_center(), zn_part.land.get_center())
        ring_h = parts[0].ring
        # in plain momentum's zoom the pull here points up and right, over the place's name: the name goes to
        # the ring's lower right, the pull's tag under it
        parts[0].here_lab.next_to(ring_h, RIGHT, buff=0.08).align_to(ring_h.get_center(), UP)
        self.here_tag.next_to(parts[0].here_lab, DOWN, buff=0.08).align_to(parts[0].here_lab, LEFT)
        assert self.here_tag.get_right()[0] < hz.frame.get_right()[0] - 0.05, self.here_tag.get_right()
        self.look_parts = parts
        # the dashed line named once, in plain momentum's zoom, over its right end
        self.floor_lab = words("floor", MUTED)
        self.floor_lab.next_to(parts[0].floor, DOWN, buff=0.08).align_to(hz.frame, RIGHT).shift(LEFT * 0.12)
        assert self.floor_lab.get_bottom()[1] > parts[0].here_lab.get_top()[1] + 0.03, "floor name on the place's"
        assert self.floor_lab.get_left()[0] > max(self.pull_here_at.arrow.get_right()[0],
                                                  parts[0].here_lab.get_right()[0]) + 0.05, "floor name on the pull"

        assert self.floor_lab.get_left()[0] > hz.frame.get_left()[0] + 0.05, self.floor_lab.get_left()

    # ------------------------------------------------------------------ rule changes
    def rule_swap(self, old, new, pairs, fresh, old_name, new_name, morph=()):
        """Animations turning rule ``old`` into ``new`` line by line: ``pairs`` (old line, new line) move
        glyph by glyph (``morph``: (old line, new line, first glyph) where the rest is replaced, not moved);
        the ``fresh`` new lines fade in; the names cross-fade (or the old one fades, ``new_name=None``)."""
        anims = [FadeTransform(old_name, new_name) if new_name is not None else FadeOut(old_name)]
        for i, j in pairs:
            a, b = old.line(i), new.line(j)
            cut = next((c for (mi, mj, c) in morph if (mi, mj) == (i, j)), None)
            if cut is None and len(a) == len(b):
                anims += [ReplacementTransform(x, y) for x, y in zip(a, b)]
            elif cut is not None and len(a) >= cut and len(b) >= cut:
                anims += [ReplacementTransform(x, y) for x, y in zip(a[:cut], b[:cut])]
                anims.append(FadeTransform(VGroup(*a[cut:]), VGroup(*b[cut:])))
            else:
                anims.append(FadeTransform(a, b))
        anims += [FadeIn(new.line(j), shift=DOWN * 0.3) for j in fresh]
        return anims

    def show_table(self, keys, on: bool = True) -> list:
        """Fade the settle table (its head and the rows ``keys``) out while a zoom covers it, or back in."""
        parts = [self.table_head, *[self.rows[k] for k in keys]]
        return [FadeIn(p) if on else FadeOut(p) for p in parts]

    # ------------------------------------------------------------------ beats
    def the_ravine(self):
        self.build()
        runs = list(RUN_COLORS.values())
        self.claim("the four runs are told apart by colour", distinct(runs), str(runs))
        gap = min(delta_e(q, r) for q in (PUSH, VEL) for r in runs)
        self.claim("the arrows (pushes, velocity) never take a run's colour", gap >= 20, f"closest: {gap:.1f}")
        gd = self.settle["gd"]
        self.claim(f"gamma {self.gd_lr:g} is gradient descent's best here: of the grid, it settles first",
                   gd == self.gd_best, f"settles at {gd}, best on the grid {self.gd_best}")
        flips = int((np.diff(np.sign(self.runs["gd"].positions[:12, 1])) != 0).sum())
        self.claim("gradient descent zig-zags from wall to wall", flips == 11, f"{flips} crossings in 11 steps")
        self.claim("then it creeps along the floor: calm across long before it settles",
                   self.calm["gd"] is not None and self.calm["gd"] < 0.6 * gd, f"calm {self.calm['gd']}, settles {gd}")
        with self.voiceover(text="In chapter 3's ravine, gradient descent at its best gamma zig-zags, then "
                                 "creeps along the floor.") as tracker:
            self.set_heading("The ravine from chapter 3", animate=False)     # it comes in with the map
            self.remove(self.heading)
            self.play(FadeIn(self.heading, shift=0.15 * DOWN), FadeIn(self.lmap), FadeIn(self.chart), FadeIn(self.step_label), FadeIn(self.gd_rule_name),
                      FadeIn(self.gd_rule), run_time=1.0)
            self.add_foreground_mobjects(self.lmap.minimum_markers)   # the minimum stays on top of every run
            self.add(self.paths["gd"], self.series["gd"])
            self.until(tracker, 0.3)
            self.draw(["gd"], tracker.get_remaining_duration() - 0.5, end=gd + 3)
            self.play(FadeIn(self.labels["gd"]), run_time=0.5)
        mark = self.settle_mark("gd")
        with self.voiceover(text=f"Its loss stays below {SETTLE_TOL:g} from step {gd} on.") as tracker:
            self.play(Create(self.level), FadeIn(self.level_label), FadeIn(self.table_head), run_time=0.8)
            self.until(tracker, 0.6)
            self.play(FadeIn(mark), run_time=0.6)
            self.draw(["gd"], max(0.6, tracker.get_remaining_duration() + 0.4))

    def a_ball_with_memory(self):
        self.build_unroll()
        k = self.mom_step
        vel_across = self.z_vel.vector[1]
        self.claim("the new push pulls against the old velocity across the ravine",
                   vel_across * self.pushes[-1, 1] < 0)
        self.claim("the step is the shrunk old velocity plus the new push",
                   np.allclose(self.z_vel.vector + self.pushes[-1], self.runs["momentum"].positions[k]
                               - self.unroll_start))
        ins = self.inset
        with self.voiceover(text="Momentum keeps a velocity, b.") as tracker:
            self.set_heading("Momentum: a ball with a memory")
            # the rule turns into momentum's as b is named
            self.play(*self.fade_run("gd", 0.3), FadeOut(self.labels["gd"]), FadeOut(self.gd_rule_name),
                      FadeOut(self.gd_rule.line(1)),
                      *self.rule_swap(self.gd_rule, self.rule, [(0, 1)], [0], VGroup(), None, morph=[(0, 1, 9)]),
                      FadeIn(self.rule_name), run_time=0.8)
            self.add(self.paths["momentum"], self.series["momentum"])
            self.draw(["momentum"], 0.7, end=k - 1)
            self.play(FadeIn(ins.outline), FadeIn(ins.connectors), FadeIn(ins.map), FadeIn(self.zoom_path),
                      FadeOut(self.lmap.x_label), FadeOut(self.under_ticks), *self.show_table(["gd"], on=False),
                      run_time=0.6)
        with self.voiceover(text="Each step, it keeps mu times the old velocity, and adds the new "
                                 "gradient.") as tracker:
            self.play(Indicate(self.rule.part("old"), color=VEL), GrowArrow(self.z_vel.arrow),
                      FadeIn(self.z_vel_label), run_time=1.2)
            self.until(tracker, 0.55)
            self.play(Indicate(self.rule.part("grad"), color=PUSH), GrowArrow(self.z_push.arrow),
                      FadeIn(self.z_push_label), run_time=1.2)
            self.play(self.zoom_path.draw(end=k), self.paths["momentum"].draw(end=k),
                      DrawSteps(self.series["momentum"], end=k), run_time=1.0)
        self.wait(0.2)

    def unroll_the_velocity(self):
        self.claim("across, the pushes point both ways (every step from step 2 has pushes up and down)",
                   self.across_both_ways)
        self.claim(f"across, step {self.mom_step}'s pushes point up and down and cancel: the net is "
                   f"{self.across5_ratio:.2f} of their total length", self.across5_both_ways
                   and self.across5_ratio < 0.2, f"{self.across5_ratio:.3f}")
        self.claim("the gold net across is the run's own across step",
                   np.isclose(self.pushes[:, 1].sum(), self.runs["momentum"].positions[self.mom_step, 1]
                              - self.runs["momentum"].positions[self.mom_step - 1, 1]))
        self.claim("along, they all point forward and add up", (self.pushes[:, 0] > 0).all()
                   and self.along_ratio > 0.999, f"{self.along_ratio:.3f}")
        self.claim("momentum keeps the old velocity as a sum of faded pushes",
                   np.allclose(self.pushes[:-1].sum(axis=0), self.z_vel.vector))
        self.build_split()
        with self.voiceover(text="Unrolled, it is every past push, each shrunk by one more mu.") as tracker:
            sp = self.split
            self.set_heading(f"Step {self.mom_step} unrolled: every push so far, faded")
            self.remove_foreground_mobjects(self.lmap.minimum_markers)     # the panel takes the map's place
            zoom = Group(self.inset, self.zoom_path, self.z_push.arrow, self.z_push_label)
            self.play(FadeOut(self.z_vel), FadeOut(self.z_vel_label), FadeOut(zoom), FadeIn(sp.panel), FadeIn(sp.sep),
                      FadeOut(self.marks["gd"][0]), FadeOut(self.marks["gd"][2]),
                      *[FadeIn(h) for h in sp.heads], FadeIn(sp.zero), run_time=0.6)
            self.play(LaggedStart(*[GrowArrow(a) for a in sp.along], lag_ratio=0.4),
                      LaggedStart(*[FadeIn(t) for t in sp.along_tags], lag_ratio=0.4),
                      LaggedStart(*[GrowArrow(a) for a in sp.across], lag_ratio=0.4),
                      LaggedStart(*[FadeIn(t) for t in sp.across_tags], lag_ratio=0.4),
                      FadeIn(sp.links, lag_ratio=0.3), run_time=2.4)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        self.wait(0.2)
        with self.voiceover(text="Across, the pushes point both ways, and cancel.") as tracker:
            self.set_heading("Across they cancel, along they add up", run_time=0.5)
            self.play(Indicate(sp.across, color=PUSH, scale_factor=1.05), run_time=1.0)
            self.play(GrowArrow(sp.net), FadeIn(sp.net_tag), run_time=0.7)
            self.play(FadeIn(sp.stamps[0]), run_time=0.5)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        with self.voiceover(text="Along the floor, they all point forward.") as tracker:
            self.play(Indicate(sp.along, color=PUSH, scale_factor=1.05), run_time=1.0)
            self.play(GrowArrow(sp.along_sum), FadeIn(sp.stamps[1]), run_time=0.7)
            self.wait(max(0.0, tracker.get_remaining_duration()))

    def momentum_glides(self):
        mom, gd = self.settle["momentum"], self.settle["gd"]
        self.claim("momentum glides: it moves sideways far less than gradient descent",
                   self.travel["momentum"] < 0.6 * self.travel["gd"],
                   f"{self.travel['momentum']:.1f} vs {self.travel['gd']:.1f}")
        self.claim(f"with a smaller step, momentum settles at {mom}, about twice as fast as gradient descent",
                   mom is not None and 2 * mom <= gd + 1 and self.lr < self.gd_lr)
        gain = 1 / (1 - self.mu)
        eff = self.lr * gain
        self.claim(f"along the floor the pushes (all agreeing) add up to 1 + mu + mu^2 + ... = {gain:g} times one",
                   self.along_ratio > 0.999 and abs(gain - sum(self.mu ** i for i in range(200))) < 1e-9)
        self.claim(f"its step {self.lr:g} acts like {eff:g} along the floor", eff > self.gd_lr > self.lr,
                   f"gamma/(1-mu) = {eff:.3f}")
        m_across = np.abs(self.runs["momentum"].positions[:, 1])
        self.claim("across, its pushes cancel, so it never swings wider than where it started",
                   self.across_ratio <= self.across_shown + 1e-9 <= 0.5 + 1e-9 and m_across[1:].max() <= m_across[0], f"{self.across_ratio:.2f}")
        gd_blows = oc.run(oc.optimizer("gd", lr=eff), self.ls, self.start, steps=20).positions[:, 1]
        self.claim(f"along, step {self.lr:g} acts like {eff:g}, a step gradient descent can't take (it needs "
                   f"gamma < {self.gd_edge:g})", abs(eff - self.along_step) < 1e-12 and eff > self.gd_edge
                   and np.nanmax(np.abs(gd_blows[:11])) > 10 * abs(gd_blows[0]),
                   f"GD at {eff:g}: |theta_2| {np.nanmax(np.abs(gd_blows[:11])):.3g}")
        mark = self.settle_mark("momentum")
        sp = self.split
        with self.voiceover(text=f"Along, gamma {self.lr:g} at mu {self.mu:g} acts like {eff:g}, a step GD can't take.") as tracker:
            self.play(FadeIn(sp.acts[1], shift=DOWN * 0.1), Indicate(sp.along_sum, color=VEL), run_time=0.8)
            self.until(tracker, 0.6)
            self.play(FadeIn(sp.gd_edge, shift=UP * 0.1), run_time=0.6)
            self.wait(max(0.0, tracker.get_remaining_duration() - 0.5))
            self.play(FadeOut(self.split_group), run_time=0.5)
            self.add_foreground_mobjects(self.lmap.minimum_markers)
        self.wait(0.2)
        with self.voiceover(text=f"It glides, and settles from step {mom}.") as tracker:
            self.set_heading("Momentum glides", run_time=0.4)
            self.draw(["momentum"], tracker.duration * 0.62 - 0.4, end=mom,
                      extra=[FadeIn(self.lmap.x_label), *self.fade_run("gd", 0.8), FadeIn(self.marks["gd"][0]),
                             FadeIn(self.marks["gd"][2]),
                             FadeIn(self.under_ticks), *self.show_table(["gd"]), FadeIn(self.labels["momentum"])])
            self.play(FadeIn(mark), Indicate(self.marks["gd"][2], color=RUN_COLORS["gd"]), run_time=0.6)
            self.draw(["momentum"], max(0.5, tracker.get_remaining_duration() + 0.3))
        self.wait(0.2)

    def too_much_momentum(self):
        heavy = self.settle["heavy"]
        over = int(np.argmax(self.runs["heavy"].positions[:, 0]))
        self.claim("too much momentum races well past the bottom", self.heavy_over > 1.0, f"{self.heavy_over:.2f}")
        self.claim("and keeps swinging across long after",
                   self.calm["heavy"] is not None and self.calm["heavy"] > 3 * self.calm["momentum"],
                   f"calm from {self.calm['heavy']} vs {self.calm['momentum']}")
        self.claim(f"it settles only at step {heavy}, later than gradient descent",
                   heavy is not None and heavy > self.settle["gd"])
        self.build_look()
        mark = self.settle_mark("heavy")
        c = RUN_COLORS["heavy"]
        far = self.lmap.c2p(*self.runs["heavy"].positions[over])
        ring = Circle(radius=0.2, stroke_color=c, stroke_width=4).move_to(far)
        words = self.stamp("past the bottom", color=c, size="small")
        words.move_to(self.lmap.c2p(3.2, -1.7))
        pointer = Line(words.get_top(), ring.get_bottom(), buff=0.06, stroke_color=c, stroke_width=2.5)
        past = VGroup(ring, pointer, words)
        with self.voiceover(text=f"At mu {self.mu_heavy:g}, the ball races past the bottom.") as tracker:
            self.set_heading(f"Too much momentum: \u03bc = {self.mu_heavy:g} overshoots")
            self.play(*self.fade_run("gd", 0.12), *self.fade_run("momentum", 0.12),
                      FadeOut(self.labels["momentum"]), FadeIn(self.labels["heavy"]), run_time=0.6)
            self.add(self.paths["heavy"], self.series["heavy"])
            self.draw(["heavy"], tracker.duration * 0.55 - 0.6, end=over)
            self.play(FadeIn(past), run_time=0.5)
            self.draw(["heavy"], max(0.5, tracker.get_remaining_duration()), end=heavy - 4)
        with self.voiceover(text=f"It settles only at step {heavy}.") as tracker:
            self.play(FadeIn(mark), self.paths["heavy"].draw(end=heavy), DrawSteps(self.series["heavy"], end=heavy),
                      run_time=0.5)
            self.draw(["heavy"], max(0.5, tracker.get_remaining_duration()))
        self.past = past

    def look_ahead(self):
        j = self.look_step
        nes, hv = self.runs["nesterov"], self.runs["heavy"]
        self.claim("PyTorch's nesterov=True makes the same run, stored at the look-ahead point",
                   np.allclose(nes.positions[1:] - self.lr * self.mu_heavy * nes.buffers,
                               self.torch_nesterov.positions[1:], atol=1e-9))
        self.claim("before this step both runs are in the same state (place and velocity)",
                   np.allclose(hv.positions[j - 1], nes.positions[j - 1]) and np.allclose(hv.velocity[j - 2],
                                                                                          nes.buffers[j - 2]))
        self.claim("Nesterov's step is a gradient step taken from the look-ahead point",
                   np.allclose(self.ahead + self.push_ahead, nes.positions[j]))
        self.claim("plain momentum's step is the same jump, then the pull measured back here",
                   np.allclose(self.ahead + self.push_here, hv.positions[j]))
        self.claim("there, far down the other wall, the slope pulls back hard",
                   self.ahead[1] < -1.5 and self.push_ahead[1] > 4 * self.push_here[1] > 0,
                   f"{self.push_ahead[1]:.2f} vs {self.push_here[1]:.2f}")
        self.claim("Nesterov lands just across the floor, plain momentum stays down the wall four times farther",
                   0 < nes.positions[j][1] < 0.5 < 1.0 < -hv.positions[j][1] and round(self.land_ratio) == 4,
                   f"{nes.positions[j][1]:.2f} vs {hv.positions[j][1]:.2f}")
        zl, zn = self.look_parts
        zooms = self.look_zooms
        with self.voiceover(text="Nesterov's fix: follow the velocity first, and measure the slope "
                                 "there.") as tracker:
            self.set_heading("Nesterov: measure the slope where you are heading")
            self.add(self.paths["nesterov"], self.series["nesterov"])
            self.remove_foreground_mobjects(self.lmap.minimum_markers)
            self.play(*self.rule_swap(self.rule, self.nrule, [(0, 1), (1, 2)], [0], self.rule_name, self.nrule_name,
                                      morph=[(0, 1, 9)]),
                      FadeOut(self.past), FadeOut(self.labels["heavy"]), *self.fade_run("heavy", 0.15),
                      FadeOut(self.level_label),
                      FadeOut(self.marks["momentum"][2]),
                      *self.fade_run("gd", 0.08), *self.fade_run("momentum", 0.08),
                      self.paths["nesterov"].draw(end=j - 1), DrawSteps(self.series["nesterov"], end=j - 1),
                      run_time=0.7)
            self.play(FadeIn(self.backdrop), FadeIn(self.chart_cover),
                      *[FadeIn(z.map) for z in zooms], *self.show_table(["gd", "momentum", "heavy"], on=False),
                      *[FadeIn(VGroup(z.floor, z.ring, z.here_lab, z.title)) for z in (zl, zn)], FadeIn(self.floor_lab),
                      FadeOut(self.lmap.y_ticks), FadeOut(self.lmap.y_label), FadeOut(self.lmap.x_label), run_time=0.6)
            self.until(tracker, 0.2)
            self.play(*[Create(z.jump.arrow) for z in (zl, zn)], *[FadeIn(z.jump.point) for z in (zl, zn)],
                      FadeIn(zn.look_lab), self.nrule.indicate("look", color=LOOK), run_time=1.1)
            self.until(tracker, 0.62)
            self.play(GrowArrow(zn.pull.arrow), FadeIn(self.there_tag), self.nrule.indicate("slope", color=PUSH),
                      run_time=0.9)
        with self.voiceover(text="There the pull back is hard: Nesterov lands just across the floor. Momentum, "
                                 "pulled back here, stays four times farther.") as tracker:
            self.play(self.look_path_draw(j), FadeIn(zn.land), FadeIn(zn.say), run_time=0.9)
            self.until(tracker, 0.5)
            self.play(GrowArrow(self.pull_here_at.arrow), FadeIn(self.here_tag), run_time=0.6)
            self.wait(0.6)
            self.play(self.pull_here_at.arrow.animate.shift(self.pull_shift), run_time=0.8)
            self.play(FadeIn(zl.land), FadeIn(zl.say), run_time=0.5)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        self.wait(0.1)

    def look_path_draw(self, j):
        """Nesterov's path and loss line to step ``j`` (one animation)."""
        # (its loss line, under the cover, is moved on without animating: a moving part is drawn on top)
        self.series["nesterov"].set_progress(j)
        return self.paths["nesterov"].draw(end=j)

    def nesterov_brakes(self):
        nes = self.settle["nesterov"]
        calm = self.calm["nesterov"]
        self.claim(f"step after step, its swings across die down (under {CALM:g}) by step {calm}",
                   calm is not None and 4 * calm < self.calm["heavy"], f"{calm} vs {self.calm['heavy']}")
        self.claim(f"same step, same mu: Nesterov settles from step {nes} on",
                   nes is not None and nes < self.settle["heavy"] and nes < self.settle["gd"])
        x_n = self.runs["nesterov"].positions[:, 0]
        after_tip = x_n[int(np.argmax(x_n)) + 1:]
        after_tip = after_tip[after_tip < 0]                # the swings back past the minimum, all small
        self.claim(f"along, Nesterov overshoots once, to {self.nes_over:.1f}, where momentum reached "
                   f"{self.heavy_over:.1f}", 1.0 < self.nes_over < self.heavy_over
                   and np.abs(after_tip).max() < 0.25 * self.nes_over, f"after the tip: {np.abs(after_tip).max():.2f}")
        self.build_traces()
        zl, zn = self.look_parts
        # the zooms go; their backdrop stays and keeps the map hidden (the charts take the stage)
        zoom = Group(*self.look_zooms, self.pull_here_at, self.floor_lab,
                     self.here_tag, *[VGroup(z.floor, z.ring, z.here_lab, z.jump, z.land, z.title, z.say)
                                      for z in (zl, zn)], zn.look_lab, zn.pull, self.there_tag)
        n_tip = int(np.argmax(self.runs["nesterov"].positions[:, 0]))
        sa, sl = self.trace_series[("nesterov", 1)], self.trace_series[("nesterov", 0)]

        def draw(end, duration, extra=()):
            self.play(DrawSteps(sa, end=min(end, TRACE_STEPS)), DrawSteps(sl, end=min(end, TRACE_STEPS)), *extra,
                      run_time=max(0.5, duration))

        with self.voiceover(text=f"Across, calm by step {calm}; along, one big overshoot, to "
                                 f"{self.nes_over:.1f}, where momentum reached {self.heavy_over:.1f}.") as tracker:
            self.play(FadeOut(zoom), FadeOut(self.nrule), FadeOut(self.nrule_name), run_time=0.4)
            self.set_heading("Same \u03b3, same \u03bc: Nesterov brakes", run_time=0.4)
            self.play(*[FadeIn(t) for t in self.traces], FadeIn(self.trace_step), FadeIn(self.trace_names),
                      FadeIn(self.trace_from),
                      FadeIn(self.trace_series[("heavy", 0)]), FadeIn(self.trace_series[("heavy", 1)]), run_time=0.5)
            self.add(sa, sl)
            d = tracker.duration

            def left_until(f):                             # seconds from now to a fraction of the sentence
                return f * d - (d - tracker.get_remaining_duration())

            draw(calm, left_until(0.25))
            self.play(FadeIn(self.trace_calm), run_time=0.4)
            draw(n_tip, left_until(0.5))
            self.play(FadeIn(self.trace_tips[1]), run_time=0.4)
            self.until(tracker, 0.76)
            self.play(FadeIn(self.trace_tips[0]), run_time=0.4)
            # on to the chart's end, so Nesterov's small swing back (under 0) shows
            draw(TRACE_STEPS, max(0.5, tracker.get_remaining_duration() - 0.2))
        self.wait(1.2)                                     # the finished picture, held

    # --- the ending: settle step against μ, plain momentum and Nesterov (same γ, long runs so each settles)
    def mu_sweep(self):
        mus = np.round(np.arange(MU_SWEEP[0], MU_SWEEP[1] + 1e-9, MU_SWEEP[2]), 2)
        T = 200
        mom = [loss_settle_step(oc.run(oc.optimizer("momentum", lr=self.lr, momentum=float(m)), self.ls, self.start,
                                       steps=T), tol=SETTLE_TOL) for m in mus]
        nes = [loss_settle_step(nesterov_textbook(self.ls, self.start, self.lr, float(m), T), tol=SETTLE_TOL)
               for m in mus]
        assert None not in mom and None not in nes, (mom, nes)
        return mus, np.array(mom, dtype=float), np.array(nes, dtype=float)

    def build_sweep(self):
        mus, mom, nes = self.sweep = self.mu_sweep()
        # the chart takes the whole stage (the settle table, whose numbers it marks, fades)
        x_right = SAFE_RIGHT + 0.4
        self.sweep_backdrop = Rectangle(width=x_right - (self.lmap.get_left()[0] - 0.2),
                                        height=self.zoom_top + 0.02 - (SAFE_BOTTOM - 0.2), stroke_width=0,
                                        fill_color=BACKGROUND, fill_opacity=1.0)
        self.sweep_backdrop.move_to([x_right, SAFE_BOTTOM - 0.2, 0], aligned_edge=DOWN + RIGHT)
        x0, x1 = self.lmap.get_left()[0] + 1.0, SAFE_RIGHT - 0.75   # room right of the axis for its name
        y0, y1 = SAFE_BOTTOM + 1.9, self.zoom_top - 0.72     # the final caption and its footnote under the μ axis
        y_max = 70.0
        assert mom.max() <= y_max and nes.max() <= y_max, mom.max()

        def P(m, s):
            return np.array([x0 + (m - mus[0]) / (mus[-1] - mus[0]) * (x1 - x0), y0 + s / y_max * (y1 - y0), 0.0])

        axes = VGroup(Line([x0, y0, 0], [x1 + 0.2, y0, 0], stroke_color=MUTED, stroke_width=2.5),
                      Line([x0, y0, 0], [x0, y1 + 0.2, 0], stroke_color=MUTED, stroke_width=2.5))
        for v in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            p = P(v, 0)
            axes.add(Line(p, p + DOWN * 0.1, stroke_color=MUTED, stroke_width=2))
            axes.add(text(f"{v:g}", "label", color=MUTED).next_to(p + DOWN * 0.1, DOWN, buff=0.08))
        for v in (0, 20, 40, 60):
            p = P(mus[0], v)
            axes.add(Line(p, p + LEFT * 0.1, stroke_color=MUTED, stroke_width=2))
            axes.add(text(f"{v}", "label", color=MUTED).next_to(p + LEFT * 0.1, LEFT, buff=0.08))
            if v:
                axes.add(Line(p, P(mus[-1], v), stroke_color=MUTED, stroke_width=1, stroke_opacity=0.3))
        x_name = MathTex(N.momentum, font_size=50, color=MUTED).next_to(P(mus[-1], 0), RIGHT, buff=0.35)
        y_name = text(f"settled from step   (\u03b3 {self.lr:g})", "label",
                      color=TEXT).next_to([x0, y1 + 0.2, 0], UP, buff=0.12)
        y_name.align_to([x0 - 0.5, 0, 0], LEFT)
        assert y_name.get_top()[1] < TITLE_SLOT.bottom - 0.03, "the chart's name under the heading"
        axes.add(x_name, y_name)
        self.sweep_axes = axes
        # each curve in two pieces: up to μ 0.6, and on from there
        cut = int(np.argmin(np.abs(mus - self.mu)))
        self.sweep_lines = {}
        for key, vals in (("momentum", mom), ("nesterov", nes)):
            c = RUN_COLORS[key]
            pts = [P(m, s) for m, s in zip(mus, vals)]
            pieces = [VGroup(*[Line(pts[i], pts[i + 1], stroke_color=c, stroke_width=6) for i in range(a, b)],
                             *[Dot(pts[i], radius=0.06, color=c) for i in range(a, b + 1)])
                      for a, b in ((0, cut), (cut, len(mus) - 1))]
            # momentum named above the curves between the two marked μ, Nesterov under them at light μ
            name = text("momentum" if key == "momentum" else "Nesterov", "label", color=c)
            name.set_stroke(BACKGROUND, width=6, background=True)
            name.move_to(P((self.mu + self.mu_heavy) / 2, 52) if key == "momentum" else P(0.5, 8))
            self.sweep_lines[key] = (pieces, name)
        # the two μ the chapter ran, marked with their settle steps
        self.sweep_marks = []
        for mu, (sm, sn) in ((self.mu, (self.settle["momentum"], None)), (self.mu_heavy, (self.settle["heavy"],
                                                                                            self.settle["nesterov"]))):
            i = int(np.argmin(np.abs(mus - mu)))
            vline = DashedLine(P(mu, 0), P(mu, y_max * 0.92), stroke_color=TEXT, stroke_width=2, dash_length=0.08,
                               stroke_opacity=0.7)
            lab = text(f"\u03bc {mu:g}", "label", color=TEXT).next_to(vline, UP, buff=0.08)
            nums = VGroup()
            # momentum's number in the colour of its run on the map (μ 0.6 orange, μ 0.85 green), as in the table
            m_key = "momentum" if abs(mu - self.mu) < 1e-9 else "heavy"
            for key, vals, other in ((m_key, mom, nes), ("nesterov", nes, mom)):
                n = text(f"{int(vals[i])}", "label", color=RUN_COLORS[key])
                n.set_stroke(BACKGROUND, width=6, background=True)
                up = 1.0 if vals[i] > other[i] else -1.0          # the upper number above, the lower below
                n.move_to(P(mu, vals[i]) + np.array([0.42, up * 0.55, 0]))
                lead = Line(P(mu, vals[i]) + np.array([0.1, up * 0.1, 0]),
                            n.get_corner(LEFT + (DOWN if up > 0 else UP)), buff=0.04,
                            stroke_color=RUN_COLORS[key], stroke_width=2)
                nums.add(VGroup(n, lead))
            rings = VGroup(*[Circle(radius=0.13, stroke_color=RUN_COLORS[k], stroke_width=4).move_to(P(mu, v[i]))
                             for k, v in ((m_key, mom), ("nesterov", nes))])
            self.sweep_marks.append(VGroup(vline, lab, rings, nums))
        name = self.sweep_lines["momentum"][1]
        assert P(self.mu, 0)[0] + 0.1 < name.get_left()[0] < name.get_right()[0] < P(self.mu_heavy, 0)[0] - 0.1, (
            name.get_left(), name.get_right())
        assert self.sweep_lines["nesterov"][1].get_right()[0] < P(self.mu, 0)[0] - 0.1
        # each one's best μ: a ring on its curve, and the two numbers in the chart's empty top left
        ib_m, ib_n = int(np.argmin(mom)), int(np.argmin(nes))
        self.best = (int(mom[ib_m]), int(nes[ib_n]))
        best_rings = VGroup(*[Circle(radius=0.21, stroke_color=RUN_COLORS[k], stroke_width=5).move_to(P(mus[i], v[i]))
                              for k, i, v in (("momentum", ib_m, mom), ("nesterov", ib_n, nes))])
        # Nesterov's best written at its ring (momentum's best is the μ 0.6 point, already numbered)
        best_rings.add(text(f"{int(nes[ib_n])}", "label", color=RUN_COLORS["nesterov"])
                       .set_stroke(BACKGROUND, width=6, background=True).next_to(best_rings[1], DOWN + RIGHT,
                                                                                  buff=0.02))
        # and a drop line from Nesterov's best to its μ on the axis (momentum's best is on the μ 0.6 line)
        best_rings.add(DashedLine(best_rings[1].get_bottom(), P(mus[ib_n], 0), stroke_color=RUN_COLORS["nesterov"],
                                  stroke_width=2.5, dash_length=0.07))
        assert abs(mus[ib_m] - self.mu) < 1e-9, "momentum's best is not the numbered μ"
        rows = VGroup(text("each at its best \u03bc", "label", color=TEXT),
                      text(f"Nesterov {int(nes[ib_n])}", "label", color=RUN_COLORS["nesterov"]),
                      text(f"momentum {int(mom[ib_m])}", "label", color=RUN_COLORS["momentum"]))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        rows.move_to([x0 + 0.35, P(mus[0], 64)[1], 0], aligned_edge=UP + LEFT)
        assert rows.get_right()[0] < P(self.mu, 0)[0] - 0.15 and rows.get_bottom()[1] > P(mus[0], max(mom[0], nes[0]))[1] + 0.3, (
            rows.get_right(), rows.get_bottom())
        self.sweep_best = VGroup(best_rings, rows)
        # gradient descent at its best, the baseline: a dashed line at its settle step, named between the two μ
        gd = self.settle["gd"]
        c_gd = RUN_COLORS["gd"]
        gd_line = DashedLine(P(mus[0], gd), P(mus[-1], gd), stroke_color=c_gd, stroke_width=2.5, dash_length=0.1,
                             stroke_opacity=0.8)
        gd_name = text(f"GD, best \u03b3 {self.gd_lr:g}: {gd}", "label", color=c_gd)
        gd_name.set_stroke(BACKGROUND, width=6, background=True)
        gd_name.move_to(P(self.mu, gd) + np.array([0.15, 0.12, 0]), aligned_edge=DOWN + LEFT)
        assert gd_name.get_right()[0] < P(self.mu_heavy, 0)[0] - 0.15, gd_name.get_right()
        assert name_clear({"gd": (None, gd_name)}, mus, mom, nes, P), "a curve crosses GD's name"
        self.sweep_gd = VGroup(gd_line, gd_name)
        assert name_clear(self.sweep_lines, mus, mom, nes, P), "a curve crosses a name"

    def heavy_mu_forgiven(self):
        self.build_sweep()
        mus, mom, nes = self.sweep
        i6, i85 = int(np.argmin(np.abs(mus - self.mu))), int(np.argmin(np.abs(mus - self.mu_heavy)))
        n6, m6, m85, n85 = int(nes[i6]), int(mom[i6]), int(mom[i85]), int(nes[i85])
        self.claim("the sweep's runs are the chapter's runs at mu 0.6 and 0.85",
                   m6 == self.settle["momentum"] and m85 == self.settle["heavy"] and n85 == self.settle["nesterov"]
                   and abs(mus[i6] - self.mu) < 1e-9 and abs(mus[i85] - self.mu_heavy) < 1e-9)
        self.claim(f"at mu {self.mu:g} looking ahead is two steps slower: {n6} against {m6}", n6 - m6 == 2)
        mb, nb = self.best
        self.claim(f"at gamma {self.lr:g} (gamma not tuned), each at its best mu: Nesterov {nb}, momentum {mb}",
                   nb < mb and mb == mom.min() and nb == nes.min())
        heavy = mus >= 0.7
        self.claim("as mu grows, plain momentum slows down", bool(np.all(np.diff(mom[heavy]) > 0)), str(mom))
        self.claim(f"at mu {self.mu_heavy:g} Nesterov still settles at {n85}, half of momentum's {m85}",
                   2 * n85 <= m85 + 2)
        self.claim("looking ahead makes a heavy mu forgiving: Nesterov's settle step stays low as mu grows",
                   nes[mus >= self.mu].max() < 0.6 * mom[mus >= self.mu].max(), f"{nes.max()} vs {mom.max()}")
        (pm, name_m), (pn, name_n) = self.sweep_lines["momentum"], self.sweep_lines["nesterov"]
        with self.voiceover(text=f"At mu {self.mu:g}, Nesterov is slower: {n6} against {m6}.") as tracker:
            self.set_heading("Does looking ahead pay?", run_time=0.6)
            self.play(FadeIn(self.sweep_backdrop), FadeIn(self.sweep_axes), FadeIn(self.sweep_gd), run_time=0.8)
            self.bring_to_front(self.heading)
            self.play(Create(pm[0]), Create(pn[0]), run_time=1.2)
            self.until(tracker, 0.55)
            self.play(FadeIn(self.sweep_marks[0]), run_time=0.6)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        with self.voiceover(text=f"At mu {self.mu_heavy:g}, momentum needs {m85} steps; Nesterov, only "
                                 f"{n85}.") as tracker:
            self.play(Create(pm[1]), Create(pn[1]), FadeIn(name_m), FadeIn(name_n), run_time=1.6)
            self.play(FadeIn(self.sweep_marks[1][:2]), FadeIn(self.sweep_marks[1][2][0]),
                      FadeIn(self.sweep_marks[1][3][0]), run_time=0.6)
            self.until(tracker, 0.62)
            self.play(FadeIn(self.sweep_marks[1][2][1]), FadeIn(self.sweep_marks[1][3][1]), run_time=0.6)
            self.set_heading(f"At \u03b3 {self.lr:g}: looking ahead forgives a heavy \u03bc", run_time=0.6)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        with self.voiceover(text=f"At gamma {self.lr:g}, each at its best mu: {nb} against {mb}.") as tracker:
            self.play(Create(self.sweep_best[0]), FadeIn(self.sweep_best[1]), run_time=0.8)
            self.until(tracker, 0.62)
            self.play(Indicate(self.sweep_best[0][2], color=RUN_COLORS["nesterov"]), run_time=1.0)
            self.wait(max(0.0, tracker.get_remaining_duration()))
