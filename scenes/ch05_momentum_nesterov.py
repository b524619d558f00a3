"""Chapter 5: momentum and Nesterov. The ravine of chapter 3, where gradient descent zig-zags. Momentum
keeps a velocity: zoomed in on one step, the velocity unrolls into every past push, faded; split into
across and along parts, the across parts flip sign and cancel while the along parts add up, so the ball
glides. Too much momentum overshoots (a computed run). Nesterov measures the slope at the look-ahead
point (zoomed in on its first swing) and brakes in time. Every settle step is the same metric: the loss
stays below a stated level from that step on, stamped on a loss chart drawn in step with the map.

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
from scenes.kit.layout import SAFE_BOTTOM, SAFE_RIGHT
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
VEL = "#00FFFF"
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
#: the look-ahead point and its jump: neither a run's colour nor the velocity's cyan (next to Nesterov's blue)
LOOK = TEXT
#: a zoom, while it runs, is the main picture: from here to the right margin, as tall as the map
ZOOM_LEFT = -0.75


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


def sideways_travel(positions, axis: int = 1) -> float:
    """How far a run moves across (along ``axis``) in total: the sum of |Δθ₂| over its steps."""
    p = np.asarray(positions, dtype=float)
    return float(np.abs(np.diff(p[:, axis])).sum())


class MomentumAndNesterov(ExplainerScene):
    chapter = 5
    title = "Momentum and Nesterov"
    description = ("In the ravine gradient descent zig-zags; momentum's velocity is every past push, faded: across "
                   "the pushes flip and cancel, along they add up, so it glides; too much momentum overshoots; "
                   "Nesterov measures the slope at the look-ahead point and brakes in time.")
    on_grammar = True

    landscape_name = "ravine"
    steps = 50
    gd_lr = 0.45          # about gradient descent's best here (checked on a grid)
    lr = 0.3              # every momentum run
    mu = 0.6
    mu_heavy = 0.85
    mom_step = 5          # the momentum step unrolled in the zoom
    look_step = 9         # Nesterov's step over the bottom: the look-ahead is already past it

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.the_ravine, self.a_ball_with_memory, self.unroll_the_velocity, self.momentum_glides,
                        self.too_much_momentum, self.look_ahead, self.nesterov_brakes, self.in_short)
        self.final_hold(VGroup(self.caption(), self.footnote))

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        T = self.steps

        def run(name, **hp):
            return oc.run(oc.optimizer(name, **hp), ls, self.start, steps=T)

        self.runs = {
            "gd": run("gd", lr=self.gd_lr),
            "momentum": run("momentum", lr=self.lr, momentum=self.mu),
            "heavy": run("momentum", lr=self.lr, momentum=self.mu_heavy),
            "nesterov": nesterov_textbook(ls, self.start, self.lr, self.mu_heavy, T),
        }
        self.torch_nesterov = run("nesterov", lr=self.lr, momentum=self.mu_heavy)
        self.settle = {k: loss_settle_step(t, tol=SETTLE_TOL) for k, t in self.runs.items()}
        # gradient descent's settle step over a grid of learning rates (a long horizon, so each settles)
        grid = np.round(np.arange(0.30, 0.50, 0.01), 2)
        scores = {float(g): loss_settle_step(oc.run(oc.optimizer("gd", lr=g), ls, self.start, steps=200),
                                             tol=SETTLE_TOL) for g in grid}
        self.gd_best = min(v for v in scores.values() if v is not None)
        # momentum's step unrolled
        mom = self.runs["momentum"]
        k = self.mom_step
        self.pushes = unrolled_pushes(mom, k)
        self.unroll_start = mom.positions[k - 1]
        self.across_ratio = abs(self.pushes[:, 1].sum()) / np.abs(self.pushes[:, 1]).sum()
        self.along_gain = self.pushes[:, 0].sum() / self.pushes[-1, 0]
        self.travel = {key: sideways_travel(self.runs[key].positions) for key in ("gd", "momentum")}
        # Nesterov's look-ahead on its first swing
        nes, j = self.runs["nesterov"], self.look_step
        self.here = nes.positions[j - 1]
        self.ahead = nes.look[j - 1]
        self.push_ahead = -self.lr * ls.grad(self.ahead)
        self.push_here = -self.lr * ls.grad(self.here)
        self.heavy_swing = np.abs(self.runs["heavy"].positions[1:, 1]).max()
        self.nes_swing = np.abs(nes.positions[1:, 1]).max()
        self.heavy_over = self.runs["heavy"].positions[:, 0].max()
        self.nes_over = nes.positions[:, 0].max()

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, width=MAP_WIDTH, bounds=MAP_BOUNDS, n_contours=9)
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
                               y_range=(CHART_FLOOR, 100.0), n_x_ticks=6, y_label="loss", x_label="")
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
            s = self.series[key] = self.chart.add_series(np.maximum(p.losses, CHART_FLOOR), p.color, name=key)
            self.chart.remove(s)
        self.step_label = text("step", "small", color=MUTED)
        self.step_label.next_to(self.chart.ticks, RIGHT, buff=0.2).align_to(self.chart.ticks, DOWN)
        y = SETTLE_TOL
        self.level = DashedLine(self.chart.c2p(0, y), self.chart.c2p(self.steps, y), stroke_color=TEXT,
                                stroke_width=2, dash_length=0.08, stroke_opacity=0.7)
        # the level's key at its right end: "below 0.01" level with the dashed line
        self.level_label = VGroup(text("settled:", "small", color=MUTED),
                                  text(f"below {SETTLE_TOL:g}", "small", color=MUTED))
        self.level_label.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        self.level_label.next_to(self.chart.frame, RIGHT, buff=0.15)
        self.level_label.shift(UP * (self.chart.c2p(0, y)[1] - self.level_label[1].get_y()))
        # the main map's tick numbers that an inset covers (they would read as the inset's axis)
        self.under_ticks = VGroup(*[t for t in self.lmap.x_ticks if t.get_x() > ZOOM_LEFT - 0.3])
        self.stamp_x = self.spread([self.settle[k] for k in RUN_COLORS], min_gap=0.8)
        self.labels = {
            "gd": self.path_label(f"GD \u03b3 {self.gd_lr:g}", "gd", (-3.9, 1.85)),
            "momentum": self.path_label(f"momentum \u03b3 {self.lr:g} \u03bc {self.mu:g}", "momentum",
                                        (-1.9, -1.75)),
            "heavy": self.path_label(f"momentum \u03b3 {self.lr:g} \u03bc {self.mu_heavy:g}", "heavy", (1.4, 1.85)),
            "nesterov": self.path_label(f"Nesterov \u03b3 {self.lr:g} \u03bc {self.mu_heavy:g}", "nesterov",
                                        (1.2, 1.55)),
        }
        # the side column: right of the map (and its θ₁ label) to the safe margin
        self.side_left = self.lmap.x_label.get_right()[0] + 0.2
        self.side_width = SAFE_RIGHT - self.side_left
        # top of the side column: the settle steps, one row per run as it is said; ranked in the recap
        self.table_head = text("settled from step", "small", color=MUTED)
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
        self.table_head.align_to(self.rows["gd"][1], LEFT)
        # bottom of the side column, beside the loss chart: the update rule
        self.rule_name = text("momentum", "label", color=RUN_COLORS["momentum"])
        self.rule = UpdateRule([rf"{N.velocity} = {N.momentum}\, b_{{t-1}} + {N.grad}",
                                rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.velocity}"], font_size=48,
                               symbols={"old": (rf"{N.momentum}\, b_{{t-1}}",)})
        self.rule.part("old").set_color(VEL)
        self.rule.part("grad").set_color(PUSH)
        self.place_rule(self.rule_name, self.rule)
        self.gd_rule_name = text("gradient descent", "label", color=RUN_COLORS["gd"])
        self.gd_rule = UpdateRule([rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.grad}"], font_size=48)
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
        lab = text(s, "small", color=RUN_COLORS[key])
        lab.set_stroke("#0E1117", width=5, background=True)
        return lab.move_to(self.lmap.c2p(*at))

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
        return VGroup(drop, dot, num, self.rows[key])

    def caption(self):
        """The final hold's caption: the runs are named with their settings on the map; this adds the place."""
        cap = VGroup(CornerCaption([], landscape=self.ls),
                     CornerCaption([], extra=f"start ({self.start[0]:g}, {self.start[1]:g})"))
        cap.arrange(DOWN, aligned_edge=RIGHT, buff=0.1)
        return cap.move_to([SAFE_RIGHT, self.row_y[-1] - 0.3, 0], aligned_edge=UP + RIGHT)

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

        def label(lines, color):
            g = VGroup(*[text(t, "small", color=color) for t in lines]).arrange(DOWN, aligned_edge=LEFT, buff=0.06)
            for t in g:
                t.set_stroke(BACKGROUND, width=5, background=True)
            return g

        self.z_vel_label = tex(rf"-{N.lr}{N.momentum}\, b_{{t-1}}", VEL)
        self.z_vel_label.move_to(m.frame.get_corner(UP + LEFT) + np.array([0.2, -0.25, 0]), aligned_edge=UP + LEFT)
        self.z_push_label = tex(rf"-{N.lr}\, {N.grad}", PUSH)
        self.z_push_label.next_to(m.c2p(*(verts[-2] + 0.5 * P[-1])), RIGHT, buff=0.3)
        # the old velocity unrolled: every older push, each shrunk by one more μ
        self.z_chain = VGroup(*[ParamArrow(m, verts[i], P[i], color=PUSH, stroke_width=7)
                                .set_opacity(0.55 + 0.45 * i / (k - 1)) for i in range(k - 1)])
        # each older push tagged with its power of μ, beside its own arrow (the side away from the rest)
        # (kept clear of the chain, the along row under it and the run's path into the zoom)
        pts = [m.c2p(*(verts[i] + f * P[i])) for i in range(k) for f in np.linspace(0, 1, 9)]
        prev = self.runs["momentum"].positions[k - 2]
        pts += [m.c2p(*(prev + f * (p0 - prev))) for f in np.linspace(0.3, 1, 12)]
        self.z_tags = VGroup()
        for i in range(k - 1):
            a, b = m.c2p(*verts[i]), m.c2p(*verts[i + 1])
            power = k - 1 - i
            t = tex(f"{N.momentum}^{power}" if power > 1 else N.momentum, PUSH)
            off = 0.2 + 0.5 * np.hypot(t.width, t.height)
            best, score = None, -1.0
            for ang in np.linspace(0, 2 * np.pi, 24, endpoint=False):
                c = (a + b) / 2 + off * np.array([np.cos(ang), np.sin(ang), 0.0])
                corners = [c + np.array([sx * t.width / 2, sy * t.height / 2, 0]) for sx in (-1, 0, 1)
                           for sy in (-1, 0, 1)]
                dist = min(np.linalg.norm(q - r) for q in pts for r in corners)
                if dist > score:
                    best, score = c, dist
            t.move_to(best)
            pts += [best]
            self.z_tags.add(t)
        self.z_old_label = label(["older pushes,", "shrunk by one", "more \u03bc each"], PUSH)

        def overlaps(a, b, pad=0.1):
            return not (a.get_right()[0] + pad < b.get_left()[0] or b.get_right()[0] + pad < a.get_left()[0]
                        or a.get_top()[1] + pad < b.get_bottom()[1] or b.get_top()[1] + pad < a.get_bottom()[1])

        for corner, off in ((DOWN + RIGHT, [-0.25, 0.2, 0]), (UP + RIGHT, [-0.25, -0.2, 0])):
            self.z_old_label.move_to(m.frame.get_corner(corner) + np.array(off), aligned_edge=corner)
            if not any(overlaps(self.z_old_label, o) for o in (self.z_push_label, self.z_push.arrow, self.z_chain)):
                break
        else:
            raise AssertionError(f"no room for the older pushes' label: {self.z_push_label.get_center()}")
        assert self.z_old_label.get_left()[0] > max(self.z_push_label.get_right()[0], self.z_push.tip_point[0]) + 0.2
    # --- the split: across and along parts, each in its own half of a panel over the zoom
    def build_split(self):
        k, P = self.mom_step, self.pushes
        x0, x1 = ZOOM_LEFT - 0.9, SAFE_RIGHT                      # over the map's right end, clear of the box
        y1, y0 = self.zoom_top, self.zoom_bottom - 0.95          # down over the chart's empty top (steps > 33)
        panel = Rectangle(width=x1 - x0, height=y1 - y0, stroke_color=TEXT, stroke_width=2.5, fill_color=PANEL,
                          fill_opacity=1.0).move_to([(x0 + x1) / 2, (y0 + y1) / 2, 0])
        mid = x0 + 0.5 * (x1 - x0)
        sep = DashedLine([mid, y1 - 0.2, 0], [mid, y0 + 0.2, 0], stroke_color=MUTED, stroke_width=2, dash_length=0.08)
        heads = [text("across: cancel", "label", color=TEXT), text("along: add up", "label", color=TEXT)]
        heads[0].move_to([x0 + 0.25, y1 - 0.15, 0], aligned_edge=UP + LEFT)
        heads[1].move_to([mid + 0.25, y1 - 0.15, 0], aligned_edge=UP + LEFT)

        def stamp(big, small, left):
            g = VGroup(text(big, "label", color=VEL), text(small, "small", color=MUTED))
            g.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            return g.move_to([left, y0 + 0.15, 0], aligned_edge=DOWN + LEFT)

        stamps = [stamp(f"sum: {100 * self.across_ratio:.0f} %", "of all the pushing", x0 + 0.25),
                  stamp(f"sum: \u00d7{self.along_gain:.1f}", "the newest push", mid + 0.25)]
        top, bottom = heads[0].get_bottom()[1] - 0.25, stamps[0].get_top()[1] + 0.25

        def arrow(a, b, color, width, opacity=1.0):
            length = float(np.linalg.norm(np.asarray(b) - np.asarray(a)))
            arr = Arrow(a, b, buff=0, color=color, stroke_width=width, tip_length=min(0.22, 0.45 * length),
                        max_tip_length_to_length_ratio=0.45, max_stroke_width_to_length_ratio=50)
            return arr.set_opacity(opacity)

        def tag(power):
            t = MathTex(f"{N.momentum}^{power}" if power > 1 else (N.momentum if power == 1 else "1"),
                        font_size=46, color=PUSH)
            return t.set_stroke(PANEL, width=5, background=True)

        fade = [0.55 + 0.45 * i / (k - 1) for i in range(k)]
        # across: the parts tip to tail, each a column right of the last (oldest first); the sum last
        ys = np.concatenate([[0.0], np.cumsum(P[:, 1])])
        sa = (top - bottom) / (ys.max() - ys.min())
        Y = lambda v: bottom + (v - ys.min()) * sa                  # noqa: E731
        col = 0.58
        xa = [x0 + 0.55 + col * i for i in range(k + 1)]
        across = VGroup(*[arrow([xa[i], Y(ys[i]), 0], [xa[i], Y(ys[i + 1]), 0], PUSH, 6, fade[i]) for i in range(k)])
        across_sum = arrow([xa[k] + 0.15, Y(0), 0], [xa[k] + 0.15, Y(ys[-1]), 0], VEL, 9)
        base = DashedLine([xa[0] - 0.25, Y(0), 0], [xa[k] + 0.4, Y(0), 0], stroke_color=TEXT, stroke_width=2,
                          dash_length=0.06, stroke_opacity=0.8)
        across_tags = VGroup()
        for i in range(k):
            t = tag(k - 1 - i)
            lo, hi = sorted((Y(ys[i]), Y(ys[i + 1])))
            t.next_to([xa[i], (lo + hi) / 2, 0], RIGHT, buff=0.06)
            across_tags.add(t)
        # along: the parts tip to tail on one row (oldest first), tagged above and below in turn; the sum under it
        xs = np.concatenate([[0.0], np.cumsum(P[:, 0])])
        left = mid + 0.35
        sb = (x1 - 0.35 - left) / xs[-1]
        X = lambda v: left + v * sb                                  # noqa: E731
        y_a = (top + bottom) / 2 + 0.3
        along = VGroup(*[arrow([X(xs[i]), y_a, 0], [X(xs[i + 1]), y_a, 0], PUSH, 6, fade[i]) for i in range(k)])
        along_sum = arrow([X(0), y_a - 0.9, 0], [X(xs[-1]), y_a - 0.9, 0], VEL, 9)
        along_tags = VGroup(*[tag(k - 1 - i).move_to([X((xs[i] + xs[i + 1]) / 2), y_a + (0.38 if i % 2 == 0 else -0.38),
                                                      0]) for i in range(k)])
        self.split = SimpleNamespace(panel=panel, sep=sep, heads=heads, stamps=stamps, across=across,
                                     across_sum=across_sum, base=base, across_tags=across_tags, along=along,
                                     along_sum=along_sum, along_tags=along_tags)
        self.split_group = VGroup(panel, sep, *heads, *stamps, across, across_sum, base, across_tags, along,
                                  along_sum, along_tags)

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
        self.footnote = text("* PyTorch stores \u03b8\u0303, not \u03b8: the same run", "small", color=MUTED)
        self.footnote.set_stroke(BACKGROUND, width=5, background=True)
        self.footnote.move_to(self.lmap.frame.get_corner(UP + LEFT) + np.array([0.2, -0.15, 0]),
                              aligned_edge=UP + LEFT)
        # the zoom: from just before θ_{t−1} to past θ̃, centred on the step
        x0 = float(self.ls.minima[0][0])
        sc = 7.2
        inset = self.look_inset = self.zoom_box(self.here[0] - 0.07, self.ahead[1] - 0.012, sc)
        m = inset.map
        j = self.look_step
        self.look_path = inset.path(self.runs["nesterov"].positions, "nesterov", color=RUN_COLORS["nesterov"],
                                    stroke_width=6, dot_radius=0.13, markers=False)
        self.look_path.set_progress(j - 1)
        (bx0, bx1), (by0, by1) = inset.bounds
        # the bottom of the ravine: a dashed line across at the minimum's θ₁
        self.bottom_line = DashedLine(m.c2p(x0, by1), m.c2p(x0, by0), stroke_color=MUTED, stroke_width=2.5,
                                      dash_length=0.08)
        self.look = LookAhead(m, self.here, self.ahead - self.here, color=LOOK, label=None)
        self.look_label = text("look-ahead \u03b8\u0303", "small", color=LOOK)
        self.look_label.set_stroke(BACKGROUND, width=5, background=True)
        self.look_label.next_to(self.look.point, RIGHT, buff=0.2).shift(UP * 0.1)
        # the slopes' along parts at θ̃ (drawn 10× longer): Nesterov's (there) and the heavy ball's (here)
        self.mag = 10
        lift = 0.25 / sc                                     # the two arrows a little above / below θ̃
        a_there = self.ahead + np.array([0.0, lift])
        a_here = self.ahead - np.array([0.0, lift])
        self.slope_there = ParamArrow(m, a_there, (self.push_ahead[0], 0.0), scale=self.mag, color=PUSH,
                                      stroke_width=8)
        self.slope_here = ParamArrow(m, a_here, (self.push_here[0], 0.0), scale=self.mag, color=PUSH,
                                     stroke_width=8)
        def lines(words, key):
            g = VGroup(*[text(w, "small", color=RUN_COLORS[key]) for w in words])
            g.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            return g.set_stroke(BACKGROUND, width=5, background=True)

        self.there_label = lines(["Nesterov: slope there", "points back"], "nesterov")
        self.there_label.next_to(self.slope_there.arrow, UP, buff=0.08)
        self.there_label.align_to(self.slope_there.arrow, RIGHT).shift(RIGHT * 0.3)
        self.here_label = lines(["heavy ball:", "slope here", "points on"], "heavy")
        self.here_label.next_to(self.slope_here.arrow, RIGHT, buff=0.2).align_to(self.slope_here.arrow, UP)
        self.mag_note = text(f"along parts, \u00d7{self.mag}", "small", color=MUTED)
        self.mag_note.set_stroke(BACKGROUND, width=5, background=True)
        self.mag_note.move_to(m.frame.get_corner(DOWN + LEFT) + np.array([0.2, 0.2, 0]), aligned_edge=DOWN + LEFT)
        # the current point θ_{t−1}
        here_pt = m.c2p(*self.here)
        self.here_mark = VGroup(Circle(radius=0.2, stroke_color=TEXT, stroke_width=3).move_to(here_pt),
                                MathTex(rf"{N.params}_{{t-1}}", font_size=46, color=TEXT))
        self.here_mark[1].set_stroke(BACKGROUND, width=5, background=True)
        self.here_mark[1].move_to(here_pt + np.array([0.0, 0.28, 0]), aligned_edge=DOWN)
        names = ("there", "here", "look", "note", "theta")
        for nm, mob in zip(names, (self.there_label, self.here_label, self.look_label, self.mag_note,
                                   self.here_mark[1])):
            assert (m.frame.get_left()[0] + 0.05 <= mob.get_left()[0] and mob.get_right()[0] <= SAFE_RIGHT + 1e-6
                    and m.frame.get_bottom()[1] + 0.05 <= mob.get_bottom()[1]
                    and mob.get_top()[1] <= m.frame.get_top()[1] - 0.05), (
                nm, mob.get_left()[0], mob.get_right()[0], mob.get_bottom()[1], mob.get_top()[1], m.frame.get_left()[0],
                m.frame.get_bottom()[1], m.frame.get_top()[1])

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
        self.claim(f"gamma {self.gd_lr:g} is about gradient descent's best here", gd - self.gd_best <= 2,
                   f"settles at {gd}, best on the grid {self.gd_best}")
        flips = int((np.diff(np.sign(self.runs["gd"].positions[:12, 1])) != 0).sum())
        self.claim("gradient descent zig-zags from wall to wall", flips == 11, f"{flips} crossings in 11 steps")
        with self.voiceover(text="Back in chapter 3's ravine, gradient descent, even near its best step size, "
                                 "zig-zags from wall to wall and crawls along the floor.") as tracker:
            self.set_heading("The ravine from chapter 3")
            self.play(FadeIn(self.lmap), FadeIn(self.chart), FadeIn(self.step_label), FadeIn(self.gd_rule_name),
                      FadeIn(self.gd_rule), run_time=1.0)
            self.add_foreground_mobjects(self.lmap.minimum_markers)   # the minimum stays on top of every run
            self.add(self.paths["gd"], self.series["gd"])
            self.until(tracker, 0.3)
            self.draw(["gd"], tracker.get_remaining_duration() - 0.5, end=gd + 3)
            self.play(FadeIn(self.labels["gd"]), run_time=0.5)
        mark = self.settle_mark("gd")
        with self.voiceover(text=f"Its loss stays below {SETTLE_TOL:g} only from step {gd} on.") as tracker:
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
        with self.voiceover(text="Momentum gives the ball a velocity b: each step keeps mu times the old one, "
                                 "adds the new gradient, and moves along the sum.") as tracker:
            self.set_heading("Momentum: a ball with a memory")
            self.play(*self.fade_run("gd", 0.3), FadeOut(self.labels["gd"]),
                      *self.rule_swap(self.gd_rule, self.rule, [(0, 1)], [0], self.gd_rule_name, self.rule_name,
                                      morph=[(0, 1, 9)]), run_time=1.0)
            self.add(self.paths["momentum"], self.series["momentum"])
            self.draw(["momentum"], 1.4, end=k - 1)
            self.play(FadeIn(ins.outline), FadeIn(ins.connectors), FadeIn(ins.map), FadeIn(self.zoom_path),
                      FadeOut(self.lmap.x_label), FadeOut(self.under_ticks), *self.show_table(["gd"], on=False),
                      run_time=0.8)
            self.until(tracker, 0.45)
            self.play(Indicate(self.rule.part("old"), color=VEL), GrowArrow(self.z_vel.arrow),
                      FadeIn(self.z_vel_label), run_time=1.0)
            self.until(tracker, 0.66)
            self.play(Indicate(self.rule.part("grad"), color=PUSH), GrowArrow(self.z_push.arrow),
                      FadeIn(self.z_push_label), run_time=1.0)
            self.until(tracker, 0.84)
            self.play(self.zoom_path.draw(end=k), self.paths["momentum"].draw(end=k),
                      DrawSteps(self.series["momentum"], end=k), run_time=1.0)

    def unroll_the_velocity(self):
        signs = np.sign(self.pushes[:, 1])
        self.claim("across, the pushes flip sign", (signs > 0).any() and (signs < 0).any())
        self.claim("across, they cancel: the sum is a small part of the pushing", self.across_ratio < 0.2,
                   f"{self.across_ratio:.2f}")
        self.claim("along, they all point forward and add up", (self.pushes[:, 0] > 0).all() and self.along_gain > 2.5,
                   f"x{self.along_gain:.2f}")
        self.claim("momentum keeps the old velocity as a sum of faded pushes",
                   np.allclose(self.pushes[:-1].sum(axis=0), self.z_vel.vector))
        self.build_split()
        with self.voiceover(text="Unrolled, the velocity is every push so far, each older one shrunk by one more "
                                 "mu.") as tracker:
            self.set_heading("The velocity is every push so far, faded")
            self.play(FadeOut(self.z_vel), FadeOut(self.z_vel_label), FadeIn(self.z_old_label),
                      LaggedStart(*[GrowArrow(a.arrow) for a in self.z_chain], lag_ratio=0.5), run_time=1.8)
            self.play(LaggedStart(*[FadeIn(t, scale=1.3) for t in self.z_tags], lag_ratio=0.4), run_time=1.2)
        with self.voiceover(text="Across the ravine, some pushes point up and some down: they cancel. Along the "
                                 "floor, they all point forward, and add up.") as tracker:
            sp = self.split
            self.set_heading("Across they cancel, along they add up", run_time=0.5)
            self.play(FadeIn(sp.panel), FadeIn(sp.sep), FadeIn(sp.heads[0]), FadeIn(sp.base), run_time=0.5)
            self.play(LaggedStart(*[GrowArrow(a) for a in sp.across], lag_ratio=0.55),
                      LaggedStart(*[FadeIn(t) for t in sp.across_tags], lag_ratio=0.55), run_time=1.8)
            self.play(GrowArrow(sp.across_sum), FadeIn(sp.stamps[0]), run_time=0.7)
            self.until(tracker, 0.55)
            self.play(FadeIn(sp.heads[1]), LaggedStart(*[GrowArrow(a) for a in sp.along], lag_ratio=0.5),
                      LaggedStart(*[FadeIn(t) for t in sp.along_tags], lag_ratio=0.5), run_time=1.6)
            self.play(GrowArrow(sp.along_sum), FadeIn(sp.stamps[1]), run_time=0.7)
        self.wait(0.3)

    def momentum_glides(self):
        mom, gd = self.settle["momentum"], self.settle["gd"]
        self.claim("momentum glides: it moves sideways far less than gradient descent",
                   self.travel["momentum"] < 0.6 * self.travel["gd"],
                   f"{self.travel['momentum']:.1f} vs {self.travel['gd']:.1f}")
        self.claim(f"with a smaller step, momentum settles at {mom}, about twice as fast as gradient descent",
                   mom is not None and 2 * mom <= gd + 1 and self.lr < self.gd_lr)
        eff = self.lr / (1 - self.mu)
        self.claim(f"momentum's step size is only {self.lr:g}, yet along the floor it moves like {eff:g}",
                   eff > self.gd_lr > self.lr and self.along_gain > 2.5, f"gamma/(1-mu) = {eff:.3f}")
        out = oc.run(oc.optimizer("gd", lr=eff), self.ls, self.start, steps=10)
        across = np.abs(out.positions[:, 1])
        self.claim(f"a step size of {eff:g} would throw gradient descent out across the ravine",
                   bool(np.all(np.diff(across) > 0)) and out.losses[-1] > 100 * out.losses[0],
                   f"|theta2| {across[0]:.1f} -> {across[-1]:.0f}")
        zoom = Group(self.inset, self.zoom_path, self.z_push.arrow, self.z_chain, self.z_tags, self.z_old_label,
                     self.z_push_label, self.split_group)
        mark = self.settle_mark("momentum")
        # the effective step along the floor, against gradient descent's (right of the map, under the table)
        c_m, c_g = RUN_COLORS["momentum"], RUN_COLORS["gd"]
        head = text("along the floor", "small", color=MUTED)
        frac = MathTex(rf"{N.lr}/(1-{N.momentum}) =", font_size=46, color=c_m)
        row_m = VGroup(frac, text(f"{eff:g}", "label", color=c_m)).arrange(RIGHT, buff=0.1)
        row_g = VGroup(text(f"GD at {eff:g}:", "small", color=c_g), text("thrown out", "small", color=c_g))
        row_g.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        block = VGroup(head, row_m, row_g).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        # under the table's momentum row, clear of the θ₁ label beside the map's corner
        left = min(self.lmap.x_label.get_right()[0] + 0.25, SAFE_RIGHT - block.width)
        block.move_to([left, self.row_y[1] - 0.35, 0], aligned_edge=UP + LEFT)
        assert left >= self.lmap.x_label.get_right()[0] + 0.05, (left, block.width)
        self.eff_block = block
        with self.voiceover(text=f"Its step size is only {self.lr:g}, yet along the floor it moves like "
                                 f"{eff:g}, a rate that would throw gradient descent out. It settles from step {mom} "
                                 "on: twice as fast.") as tracker:
            self.set_heading("Momentum glides", run_time=0.5)
            self.play(FadeOut(zoom), FadeIn(self.lmap.x_label), FadeIn(self.under_ticks), *self.show_table(["gd"]),
                      *self.fade_run("gd", 1.0), run_time=0.7)
            self.play(FadeIn(self.labels["momentum"]), FadeIn(head), run_time=0.4)
            self.play(Indicate(self.labels["momentum"], color=RUN_COLORS["momentum"], scale_factor=1.1), run_time=0.8)
            self.until(tracker, 0.3)
            self.play(FadeIn(row_m), run_time=0.6)
            self.until(tracker, 0.48)
            self.play(FadeIn(row_g), run_time=0.5)
            self.draw(["momentum"], tracker.duration * 0.8 - tracker.duration * 0.48 - 0.6, end=mom)
            self.play(FadeIn(mark), run_time=0.5)
            self.draw(["momentum"], tracker.get_remaining_duration() - 0.1)
        self.wait(0.2)

    def too_much_momentum(self):
        heavy = self.settle["heavy"]
        over = int(np.argmax(self.runs["heavy"].positions[:, 0]))
        self.claim("too much momentum races well past the bottom", self.heavy_over > 1.0, f"{self.heavy_over:.2f}")
        self.claim(f"and settles only at step {heavy}, later than gradient descent",
                   heavy is not None and heavy > self.settle["gd"])
        below = self.runs["heavy"].losses[:heavy] < SETTLE_TOL
        dips = int((np.diff(below.astype(int)) == 1).sum())
        self.claim("before that its loss dips below the level and bounces back out", dips >= 2,
                   f"{dips} dips before step {heavy}")
        mark = self.settle_mark("heavy")
        c = RUN_COLORS["heavy"]
        far = self.lmap.c2p(*self.runs["heavy"].positions[over])
        ring = Circle(radius=0.2, stroke_color=c, stroke_width=4).move_to(far)
        words = self.stamp("past the bottom", color=c, size="small")
        words.move_to(self.lmap.c2p(3.2, -1.7))
        pointer = Line(words.get_top(), ring.get_bottom(), buff=0.06, stroke_color=c, stroke_width=2.5)
        past = VGroup(ring, pointer, words)
        with self.voiceover(text=f"But too much momentum overshoots. At mu {self.mu_heavy:g}, the ball races past "
                                 "the bottom and swings back.") as tracker:
            self.set_heading(f"Too much momentum: \u03bc = {self.mu_heavy:g} overshoots")
            self.play(*self.fade_run("gd", 0.25), *self.fade_run("momentum", 0.25), FadeOut(self.eff_block),
                      FadeOut(self.labels["momentum"]), FadeIn(self.labels["heavy"]), run_time=0.6)
            self.add(self.paths["heavy"], self.series["heavy"])
            self.draw(["heavy"], tracker.duration * 0.8 - 0.6, end=over)
            self.play(FadeIn(past), run_time=0.5)
            self.draw(["heavy"], tracker.get_remaining_duration() - 0.1, end=over + 6)
        with self.voiceover(text=f"Its loss dips, bounces back out, and settles only from step {heavy} on.") as tracker:
            self.draw(["heavy"], tracker.duration * 0.65, end=heavy)
            self.play(FadeIn(mark), run_time=0.5)
            self.draw(["heavy"], max(0.5, tracker.get_remaining_duration() + 0.4))
        self.past = past

    def look_ahead(self):
        j = self.look_step
        nes = self.runs["nesterov"]
        x0 = float(self.ls.minima[0][0])
        self.claim("PyTorch's nesterov=True makes the same run, stored at the look-ahead point",
                   np.allclose(nes.positions[1:] - self.lr * self.mu_heavy * nes.buffers,
                               self.torch_nesterov.positions[1:], atol=1e-9))
        self.claim("Nesterov's step is a gradient step taken from the look-ahead point",
                   np.allclose(self.ahead + self.push_ahead, nes.positions[j]))
        self.claim("on this step the ball is short of the bottom and the look-ahead already past it",
                   self.here[0] < x0 < self.ahead[0])
        self.claim("past the bottom the slope points back, while the slope here still points on",
                   self.push_ahead[0] < 0 < self.push_here[0], f"{self.push_ahead[0]:.3f} vs {self.push_here[0]:.4f}")
        self.claim("so Nesterov's step goes less far along the floor than a heavy-ball step from the same point",
                   nes.positions[j][0] < self.ahead[0] + self.push_here[0])
        self.build_look()
        ins = self.look_inset
        with self.voiceover(text="Nesterov's fix: first follow the velocity to where it is taking you, and "
                                 "measure the slope there.") as tracker:
            self.set_heading("Nesterov: measure the slope where you are heading")
            self.add(self.paths["nesterov"], self.series["nesterov"])
            self.play(*self.rule_swap(self.rule, self.nrule, [(0, 1), (1, 2)], [0], self.rule_name, self.nrule_name,
                                      morph=[(0, 1, 9)]),
                      FadeOut(self.past), FadeOut(self.labels["heavy"]), *self.fade_run("heavy", 0.5),
                      *self.show_table(["gd", "momentum", "heavy"], on=False),
                      self.paths["nesterov"].draw(end=j - 1), DrawSteps(self.series["nesterov"], end=j - 1),
                      run_time=1.4)
            self.play(FadeIn(ins.outline), FadeIn(ins.connectors), FadeIn(ins.map), FadeIn(self.look_path),
                      FadeIn(self.bottom_line), FadeOut(self.lmap.x_label), FadeOut(self.under_ticks), run_time=0.7)
            self.play(FadeIn(self.here_mark), run_time=0.4)
            self.until(tracker, 0.35)
            self.play(Create(self.look.arrow), FadeIn(self.look.point), FadeIn(self.look_label),
                      self.nrule.indicate("look", color=LOOK), run_time=1.1)
            self.until(tracker, 0.72)
            self.play(GrowArrow(self.slope_there.arrow), FadeIn(self.there_label), FadeIn(self.mag_note),
                      self.nrule.indicate("slope", color=PUSH), run_time=0.9)
        with self.voiceover(text="Past the bottom, that slope already points back, while plain momentum's still "
                                 "points on: the ball brakes early.") as tracker:
            self.play(Indicate(self.there_label, color=RUN_COLORS["nesterov"], scale_factor=1.08), run_time=0.8)
            self.until(tracker, 0.45)
            self.play(GrowArrow(self.slope_here.arrow), FadeIn(self.here_label), run_time=0.9)
            self.play(Indicate(self.slope_here.arrow, color=RUN_COLORS["heavy"], scale_factor=1.6), run_time=0.7)
            self.until(tracker, 0.75)
            self.play(self.look_path.draw(end=j), self.paths["nesterov"].draw(end=j),
                      DrawSteps(self.series["nesterov"], end=j), run_time=1.0)
        self.wait(0.3)

    def nesterov_brakes(self):
        nes = self.settle["nesterov"]
        self.claim("Nesterov overshoots too (past the minimum along the floor), but less",
                   self.nes_over > 0.1 and self.nes_over < 0.7 * self.heavy_over and self.nes_swing < self.heavy_swing,
                   f"past the bottom {self.nes_over:.2f} vs {self.heavy_over:.2f}; across {self.nes_swing:.2f} vs "
                   f"{self.heavy_swing:.2f}")
        self.claim(f"same step, same mu: Nesterov settles from step {nes} on",
                   nes is not None and nes < self.settle["heavy"] and nes < self.settle["gd"])
        zoom = Group(self.look_inset, self.look_path, self.look, self.look_label, self.slope_there,
                     self.slope_here, self.there_label, self.here_label, self.mag_note, self.bottom_line,
                     self.here_mark)
        mark = self.settle_mark("nesterov")
        far = int(np.argmax(self.runs["nesterov"].positions[:, 0]))
        far_loss = float(self.runs["nesterov"].losses[far])
        self.claim("Nesterov's loss dips near the bottom, then rises while it runs past it",
                   self.runs["nesterov"].losses[:far].min() < 0.1 * far_loss, f"step {far}: {far_loss:.3f}")
        over = self.overshoot_marks(far, far_loss)
        with self.voiceover(text=f"Nesterov overshoots too, but less, and settles from step {nes} on.") as tracker:
            self.set_heading("Same \u03b3, same \u03bc: Nesterov overshoots less", run_time=0.5)
            self.play(FadeOut(zoom), FadeIn(self.lmap.x_label), FadeIn(self.under_ticks),
                      *self.show_table(["gd", "momentum", "heavy"]), FadeIn(self.labels["nesterov"]), run_time=0.7)
            self.draw(["nesterov"], tracker.duration * 0.4 - 1.2, end=far)
            self.play(FadeIn(over), run_time=0.6)
            self.draw(["nesterov"], tracker.duration * 0.75 - tracker.duration * 0.4 - 0.6, end=nes)
            self.play(FadeIn(mark), run_time=0.5)
            self.draw(["nesterov"], max(0.5, tracker.get_remaining_duration() + 0.3))
        self.over = over

    def overshoot_marks(self, far: int, far_loss: float) -> VGroup:
        """How far past the bottom each heavy run goes along the floor: a ring at Nesterov's farthest point
        (and on its loss line, the bump), and two brackets from the minimum's θ₁ with their lengths."""
        cn, ch = RUN_COLORS["nesterov"], RUN_COLORS["heavy"]
        pos = self.runs["nesterov"].positions[far]
        ring = Circle(radius=0.2, stroke_color=cn, stroke_width=4).move_to(self.lmap.c2p(*pos))
        bump = Circle(radius=0.13, stroke_color=cn, stroke_width=3).move_to(self.chart.c2p(far, far_loss))
        x0 = float(self.ls.minima[0][0]) if len(getattr(self.ls, "minima", [])) else 0.0
        marks = VGroup(ring, bump)
        rows = []
        for (over, c, y) in ((self.nes_over, cn, -1.3), (self.heavy_over, ch, -1.8)):
            a, b = self.lmap.c2p(x0, y), self.lmap.c2p(over, y)
            bar = VGroup(Line(a, b, stroke_color=c, stroke_width=4),
                         Line(a + UP * 0.1, a + DOWN * 0.1, stroke_color=c, stroke_width=3),
                         Line(b + UP * 0.1, b + DOWN * 0.1, stroke_color=c, stroke_width=3))
            num = text(f"{over - x0:.1f}", "label", color=c).next_to(b, RIGHT, buff=0.18)
            num.set_stroke(BACKGROUND, width=5, background=True)
            rows.append(VGroup(bar, num))
        words = text("past the bottom", "small", color=TEXT)
        words.set_stroke(BACKGROUND, width=5, background=True)
        words.next_to(rows[0], UP, buff=0.12).align_to(rows[0], LEFT).shift(RIGHT * 0.1)
        start = DashedLine(self.lmap.c2p(x0, -0.35), self.lmap.c2p(x0, -2.0), stroke_color=TEXT, stroke_width=2,
                           dash_length=0.06, stroke_opacity=0.8)
        return VGroup(marks, start, *rows, words)

    def in_short(self):
        ranked = sorted(RUN_COLORS, key=lambda k: self.settle[k])
        self.claim("the recap ranks the runs by their settle step",
                   [self.settle[k] for k in ranked] == sorted(self.settle.values()))
        # momentum's rule again, beside Nesterov's: on a panel over the map's (dimmed) left end
        name = text("momentum", "label", color=RUN_COLORS["momentum"])
        rule = UpdateRule([rf"{N.velocity} = {N.momentum}\, b_{{t-1}} + {N.grad}",
                           rf"{N.params}_t = {N.params}_{{t-1}} - {N.lr}\, {N.velocity}"], font_size=48,
                          symbols={"old": (rf"{N.momentum}\, b_{{t-1}}",)})
        rule.part("old").set_color(VEL)
        rule.part("grad").set_color(PUSH)
        card = VGroup(name, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        frame = self.lmap.frame
        card.move_to(frame.get_corner(DOWN + LEFT) + np.array([0.2, 0.15, 0]), aligned_edge=DOWN + LEFT)
        back = Rectangle(width=card.width + 0.3, height=card.height + 0.24, stroke_color=MUTED, stroke_width=2,
                         fill_color=PANEL, fill_opacity=0.95).move_to(card)
        assert back.get_top()[1] < self.footnote.get_bottom()[1] - 0.08
        assert back.get_right()[0] < self.over[1].get_left()[0] and back.get_top()[1] < frame.get_top()[1]
        with self.voiceover(text="Pushes that agree add up; looking ahead brakes in time.") as tracker:
            self.set_heading("Momentum adds up; look-ahead brakes", run_time=0.6)
            self.play(*[a for k in ("gd", "momentum", "heavy") for a in self.fade_run(k, 0.3)],
                      FadeOut(self.labels["nesterov"]), FadeOut(self.over[0][1]), FadeIn(back), FadeIn(card),
                      run_time=0.8)
            self.play(*[self.rows[k].animate.set_y(self.row_y[i]) for i, k in enumerate(ranked)], run_time=1.0)
            self.wait(max(0.0, tracker.get_remaining_duration()))
        self.wait(0.4)
