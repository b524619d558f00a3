"""Chapter 1: what an optimizer does. A line through noisy points has two knobs, θ₁ (tilt) and θ₂
(height); the loss f averages the squared misses. Every line is one point on a map of the loss:
turning the knobs drags the point, the line and the loss follow, and the stops stay behind as
ghost pairs. Training is an optimizer walking that point downhill while feeling only the slope
under it (the map dims; the first steps one by one, with their loss; the two legs of the bent path
named); a real network's map cannot be drawn, but its loss can still be watched. Then the road ahead, the twelve chapters on one board.

Render: ``manim -ql scenes/ch01_what_an_optimizer_does.py WhatAnOptimizerDoes``
"""

from __future__ import annotations

import ast

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UP,
    Brace,
    Circle,
    Arrow,
    Circumscribe,
    Create,
    Difference,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    ImageMobject,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    RoundedRectangle,
    Square,
    Transform,
    ValueTracker,
    VGroup,
    Group,
    linear,
    smooth,
)

import optim_core as oc
from optim_core.analysis import crossing_step, distance_to
from scenes.kit import (
    BACKGROUND,
    CornerCaption,
    GRADIENT_COLOR,
    MUTED,
    PANEL,
    STAGE,
    TEXT,
    DrawSteps,
    LandscapeMap,
    LineFitPlot,
    LiveText,
    LossChart,
    N,
    ParamArrow,
    TrajectoryPath,
    distinct,
    keep_static_first,
    optimizer_color,
    text,
)
from scenes.kit.typeset import SIZES
from scenes.kit.layout import FRAME_WIDTH, place_caption, SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT, TITLE_SLOT
from scenes.registry import PLANNED
from scenes.scene import ExplainerScene

__all__ = ["WhatAnOptimizerDoes"]

#: the vertical misses between points and line, and their squares (not an optimizer colour, not the gradient's red)
RESIDUAL_COLOR = "#B9A3FF"
#: the two ghost pairs left behind while the knobs turn (checked distinct from the live point, also colour-blind)
GHOST_COLORS = ("#56B4E9", "#E69F00")
#: a symbol being talked about
HIGHLIGHT = "#FFD166"
#: "then slower and slower": the share of the loss above its floor the first three steps remove, at least
FIRST_STEPS_SHARE = 0.75
#: share of the frame's width the map's plot area takes (the hero: at least 55 %)
MAP_SHARE = 0.55
#: the map's θ₁ span (θ₂'s follows from the stage's height, same scale on both axes)
MAP_SPAN = 6.0
#: room (parameter units) the map leaves around the tip of the first slope arrow, drawn at full length
ARROW_ROOM = 0.3
#: height of the data plot while training runs (the loss chart under it takes the rest of the column)
MINI_HEIGHT = 1.6
#: how long each knob's wiggle (out and back) lasts at the start (long enough to follow)
WIGGLE = 1.8
#: length of the colour key's bar under the map (the key and θ₁ share the row under the map)
KEY_WIDTH = 1.3
#: "height settles fast": the share of its way from the start the height has left to go, at most
SETTLED = 0.05
#: the steps (after the first three) whose downhill arrows stay on the map: they shrink
KEPT_ARROWS = (3, 4, 5, 6, 8)
#: width of the data plot's plot area while it is the hero (frame units; ~65% of the frame with its ticks)
BIG_WIDTH = 8.0
#: a chapter whose title names only its picture goes on the roadmap by its method, as the voice says it
#: (the full "Gradient descent: the blindfolded canyon" would shrink the whole board below the type floor;
#: the race by the words the voice uses, so that the board can be large)
ON_ROADMAP = {2: "Gradient descent", 12: "The final race"}
#: how thick the fog on the map is while training walks (the optimizer sees none of it; the valley shows faintly)
BLIND_OPACITY = 0.85
#: radius (frame units) of the clear disc the fog leaves round the point: what the optimizer feels
SEEN_RADIUS = 0.85
#: the data plot's share of the frame's width while the voice says what the best line still misses
ZOOM_SHARE = 0.45
#: the long row of knobs of "a real network"
N_SLIDERS = 40


def chapter_titles() -> list[tuple[int, str]]:
    """(number, title) of every planned chapter, read from the ``title`` attribute of its scene class
    (parsed, not imported: another chapter's imports never break this one)."""
    out = []
    for ch in PLANNED:
        tree = ast.parse(ch.path.read_text())
        title = None
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == ch.scene:
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                            and getattr(stmt.targets[0], "id", None) == "title"
                            and isinstance(stmt.value, ast.Constant)):
                        title = str(stmt.value.value)
        if title is None:
            raise ValueError(f"{ch.file}: {ch.scene} has no title attribute")
        out.append((ch.number, title))
    return out


def lay_knobs(model, values, words=None, gap: float = 0.3) -> None:
    """The knobs' values under θ₁ and θ₂ of the model (their names, if given, between), a little
    apart so that values of up to 5 characters never touch."""
    anchors = [model[2], model[5]]
    if words is not None:
        words[0].next_to(anchors[0], DOWN, buff=gap).shift(LEFT * 0.15)
        words[1].next_to(anchors[1], DOWN, buff=gap).shift(RIGHT * 0.2)
        anchors = list(words)
    if words is not None:   # "height" hangs below "tilt": the two words level by their tops
        words[1].align_to(words[0], UP)
    for value, anchor in zip(values, anchors):
        value.next_to(anchor, DOWN, buff=0.2).set_x(anchor.get_x())
    base = min(v.get_bottom()[1] for v in values)   # the two values on one baseline
    for value in values:
        value.shift(UP * (base - value.get_bottom()[1]))
    if words is None:  # no names: keep the two values apart
        values[0].shift(LEFT * 0.15)
        values[1].shift(RIGHT * 0.2)


def pick_squares(xs, misses, side_of, bounds, targets=(1.5, 0.62, 0.2), gap: float = 0.15):
    """``(index, side)`` of samples whose misses get a square drawn beside their stick: for each target
    side (scene units, large to small, so the picture shows that squaring weighs big misses most)
    the closest miss whose square fits, right (+1) or left (-1) of its stick, inside ``bounds``
    (x0, x1) and clear of the squares already placed."""
    sides = np.array([side_of(abs(m)) for m in misses])
    spans, picked = [], []
    for target in targets:
        for i in np.argsort(np.abs(sides - target)):
            if abs(sides[i] - target) > 0.3 * target:
                break
            if int(i) in [p for p, _ in picked]:
                continue
            placed = None
            for way in (1, -1):
                a, b = sorted((xs[i], xs[i] + way * sides[i]))
                if a < bounds[0] or b > bounds[1]:
                    continue
                if any(not (b + gap < a2 or a > b2 + gap) for a2, b2 in spans):
                    continue
                placed = (a, b, way)
                break
            if placed is not None:
                spans.append(placed[:2])
                picked.append((int(i), placed[2]))
                break
    return picked


class WhatAnOptimizerDoes(ExplainerScene):
    chapter = 1
    title = "What an optimizer does"
    description = ("A line through noisy points has two knobs, theta1 and theta2; the loss f averages the squared "
                   "misses. Every line is a point on the loss map: turning the knobs drags the point while the line "
                   "and the loss follow; training is an optimizer walking the point downhill, feeling only the slope "
                   "under it. A real network's map cannot be drawn, but its loss can be watched. Then the twelve "
                   "chapters on one board.")
    on_grammar = True

    optimizer_name = "gd"
    lr = 0.2
    steps = 30
    seed = 0

    def construct(self):
        self.compute()
        self.open_chapter(seconds=1.6)
        self.play_beats(self.two_knobs, self.how_wrong, self.every_line_is_a_point, self.turn_the_knobs,
                        self.an_optimizer_walks_downhill, self.millions_of_knobs, self.the_road_ahead)
        self.final_hold(self.caption(), seconds=2.0)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape("regression", seed=self.seed)
        self.n = ls.n_samples
        self.start = np.asarray(ls.start, dtype=float)
        self.best = np.asarray(ls.minima[0], dtype=float)
        # the hand-turned tour: tilt first (to the best tilt), then height (onto the best line)
        self.stops = [self.start, np.array([self.best[0], self.start[1]]), self.best]
        self.stop_losses = [float(ls.f(p)) for p in self.stops]
        self.misses = self.start[0] * ls.x + self.start[1] - ls.y   # the start line's misses (line minus point)
        self.traj = oc.run(oc.optimizer(self.optimizer_name, lr=self.lr), ls, self.start, steps=self.steps,
                           seed=self.seed)
        self.f_min = float(ls.f(self.best))
        self.first_share = float((self.traj.losses[0] - self.traj.losses[3]) / (self.traj.losses[0] - self.f_min))
        self.end_gap = float(distance_to(self.traj.positions, self.best)[-1])
        # "by step k, 0.24": the first step whose loss reads as the lowest loss (two decimals), for good
        self.floor_text = self.fmt(self.f_min)
        self.floor_step = crossing_step(self.traj.losses, float(self.floor_text) + 0.005)
        self.titles = chapter_titles()
        # the map's window: 55% of the frame wide, as tall as the stage, one scale on both axes; its top-left
        # corner leaves room for the first slope arrow at full length (the step is its exact mirror)
        tip = self.start + self.lr * ls.grad(self.start)
        x0 = min(ls.bounds[0][0], tip[0] - ARROW_ROOM)
        y1 = max(ls.bounds[1][1], tip[1] + ARROW_ROOM)
        self.map_width = MAP_SHARE * FRAME_WIDTH
        unit = self.map_width / MAP_SPAN
        self.map_top = TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.08
        below = 0.98  # x tick numbers, θ₁ and the colour key under the plot
        span = (self.map_top - (SAFE_BOTTOM + below)) / unit
        self.map_bounds = ((x0, x0 + MAP_SPAN), (y1 - span, y1))
        self.claim("the start and the minimum lie well inside the map",
                   all(x0 + 0.5 < p[0] < x0 + MAP_SPAN - 0.5 and y1 - span + 0.5 < p[1] < y1 - 0.3
                       for p in (self.start, self.best)))

    def fmt(self, v: float) -> str:
        return f"{v:.2f}"

    def fmt_signed(self, v: float) -> str:
        return f"{v:.2f}".replace("-", "\u2212")

    def theta_now(self) -> np.ndarray:
        """The parameters the picture shows now: the knobs, or (once training runs) the path's point."""
        path = getattr(self, "path", None)
        if path is not None and self.following_path:
            s, pos = path.progress, path.positions
            k = min(int(np.floor(s + 1e-9)), path.n_steps)
            return pos[k] if k >= path.n_steps else pos[k] + (s - k) * (pos[k + 1] - pos[k])
        return np.array([self.t1.get_value(), self.t2.get_value()])

    # ------------------------------------------------------------------ pictures
    def build(self):
        ls = self.ls
        self.t1, self.t2 = ValueTracker(self.start[0]), ValueTracker(self.start[1])
        self.following_path = False
        body_top = TITLE_SLOT.y - TITLE_SLOT.height / 2
        # --- first the data alone, large, with the model and its knobs in the column beside it; the loss on
        # one line under the plot (the miss and n = 64 named under it), its value at the right
        self.loss_tex = MathTex(r"f(\theta) =", r"\frac{1}{n}\sum_{i=1}^{n}", r"(\theta_1 x_i + \theta_2 - y_i)",
                                "^2", font_size=58, color=TEXT)
        self.loss_tex[2].set_color(RESIDUAL_COLOR)
        self.miss_word = text("miss", "label", color=RESIDUAL_COLOR)
        self.n_word = MathTex(rf"n = {self.n}", font_size=54, color=TEXT)
        # laid out once at the origin: "miss" under a brace beneath the bracket, n = 64 under the sum
        self.miss_brace = Brace(self.loss_tex[2], DOWN, buff=0.06, color=RESIDUAL_COLOR)
        self.miss_word.next_to(self.miss_brace, DOWN, buff=0.06)
        self.n_word.next_to(self.loss_tex, DOWN, buff=0.1).set_x(self.loss_tex[1].get_x())
        formula = VGroup(self.loss_tex, self.miss_brace, self.miss_word, self.n_word)
        formula_top = SAFE_BOTTOM + 0.05 + (self.loss_tex.get_top()[1] - formula.get_bottom()[1])
        probe = LineFitPlot(ls, width=BIG_WIDTH, height=4.0, font_size=30)
        extra = probe.height - 4.0                       # tick numbers and axis names around the frame
        self.big = LineFitPlot(ls, width=BIG_WIDTH, height=body_top - 0.02 - (formula_top + 0.2) - extra,
                               font_size=30)
        self.big.shift(RIGHT * (SAFE_LEFT - self.big.get_left()[0]))
        self.big.shift(UP * (body_top - 0.02 - self.big.get_top()[1]))
        # until the formula arrives the data takes the stage's full height (then it makes room, same width)
        self.tall = LineFitPlot(ls, width=BIG_WIDTH, height=body_top - 0.02 - (SAFE_BOTTOM + 0.05) - extra,
                                font_size=30)
        self.tall.shift(RIGHT * (SAFE_LEFT - self.tall.get_left()[0]))
        self.tall.shift(UP * (body_top - 0.02 - self.tall.get_top()[1]))
        self.tall.remove(self.tall.line)
        plot_x = self.big.frame_lines.get_x()
        formula.shift([plot_x - self.loss_tex.get_x(), formula_top - self.loss_tex.get_top()[1], 0])
        formula.shift(RIGHT * max(0.0, SAFE_LEFT + 0.05 - formula.get_left()[0]))
        col_x = (self.big.get_right()[0] + 0.3 + SAFE_RIGHT) / 2
        self.count = text(f"{self.n} points", "body", color=MUTED)
        self.count.next_to(self.big.c2p(1.0, -4.5), UP + LEFT, buff=0.25)
        self.count_low = self.count.copy()
        self.count.next_to(self.tall.c2p(1.0, -4.5), UP + LEFT, buff=0.25)
        self.model = MathTex(r"\hat y", "=", N.theta1, "x", "+", N.theta2, font_size=50)
        self.model.move_to([col_x, body_top - 0.4, 0])

        self.tilt_word = text("tilt", "label", color=MUTED)
        self.height_word = text("height", "label", color=MUTED)
        self.knob_words = VGroup(self.tilt_word, self.height_word)
        self.knob_values = VGroup(*[LiveText(self.fmt_signed(v), font_size=36, color=TEXT, align="right", width=5)
                                    for v in self.start])
        lay_knobs(self.model, self.knob_values, self.knob_words)
        self.theta_def = MathTex(r"\theta = (", N.theta1, ",", N.theta2, ")", font_size=48)
        self.theta_def.next_to(self.knob_values, DOWN, buff=0.3).set_x(col_x)
        # the whole column inside the safe area (the right value's slot hangs past θ₂), clear of the plot
        column = VGroup(self.model, self.knob_values, self.knob_words, self.theta_def)
        column.shift(LEFT * max(0.0, column.get_right()[0] - (SAFE_RIGHT - 0.05)))
        gap = self.model.get_left()[0] - self.big.get_right()[0]
        assert gap > 0.1, f"the model runs into the data plot ({gap:.2f})"
        self.knob_block = VGroup(self.model, self.knob_values)
        # the live loss readout: f(θ) = 6.54, level with the formula
        self.readout_name = MathTex(r"f(\theta) =", font_size=48)
        self.readout_value = LiveText(self.fmt(self.stop_losses[0]), font_size=40, color=TEXT, align="left",
                                      width=5)
        self.readout = VGroup(self.readout_name, self.readout_value)
        self.readout_value.next_to(self.readout_name, RIGHT, buff=0.2)
        self.readout.move_to([col_x, self.loss_tex.get_y(), 0])
        self.readout.shift(LEFT * max(0.0, self.readout.get_right()[0] + 0.25 - SAFE_RIGHT))
        self.readout_box = RoundedRectangle(width=self.readout.width + 0.4, height=self.readout.height + 0.3,
                                            corner_radius=0.1, stroke_width=0, fill_color=PANEL,
                                            fill_opacity=0.9).move_to(self.readout)
        gap = self.readout_box.get_left()[0] - self.loss_tex.get_right()[0]
        assert gap > 0.2, f"the formula runs into the readout ({gap:.2f})"
        gap = self.big.get_bottom()[1] - self.loss_tex.get_top()[1]
        assert gap > 0.1, f"the formula runs into the plot ({gap:.2f})"

        # --- the live model: line and misses, put from the parameters every frame (own updaters)
        self.plot = self.tall
        self.line = self.big.line
        self.big.remove(self.line)
        self.line.set_stroke(color=optimizer_color(self.optimizer_name), width=5)
        self.residuals = self.tall.residuals(*self.start, color=RESIDUAL_COLOR, stroke_width=2.5, opacity=0.9)
        self.put_model()
        self.squares = self.miss_squares()
        self.mean_square = self.every_square()

        # --- then the map, 55% of the frame wide, from the left edge of the safe area
        self.lmap = LandscapeMap(ls, width=self.map_width, bounds=self.map_bounds, colorbar=False,
                                 labels=(N.theta1, N.theta2), n_contours=10, tick_font_size=30)
        # the axes say what the knobs do: θ₁ (tilt) across, θ₂ (height) up its left side, turned
        self.name_map_axes()
        self.lmap.shift(RIGHT * (SAFE_LEFT - self.lmap.get_left()[0]))
        self.lmap.shift(UP * (self.map_top - self.lmap.frame.get_top()[1]))
        self.lmap.remove(self.lmap.markers)   # the minimum's star comes when the voice names the darkest spot
        self.key = self.colour_key()
        # beside the map: the data plot, as tall as the column allows (its y numbers dropped: the picture is
        # the line on the data), under it the model with its knobs' values, then the loss
        right = SAFE_RIGHT - 0.05
        left = self.lmap.frame.get_right()[0] + 0.72
        home = VGroup(self.model.copy(), self.knob_values.copy(), self.knob_words.copy())
        home[0].scale(46 / 50)   # a formula's scripts stay above the type floor
        for v in home[1]:
            v.scale(30 / 36)
        lay_knobs(home[0], home[1], home[2], gap=0.15)
        self.readout_home = self.readout.copy()
        self.readout_home.move_to([(left + right) / 2, SAFE_BOTTOM + 0.1 + self.readout.height / 2, 0])
        home.move_to([self.readout_home.get_x(), 0, 0])
        home.shift(UP * (self.readout_home.get_top()[1] + 0.25 - home.get_bottom()[1]))

        def side_plot(height):
            plot = LineFitPlot(ls, width=right - (self.lmap.frame.get_right()[0] + 0.45), height=height,
                               font_size=SIZES["label"])
            for i in (13, 11, 9, 7):   # the y numbers (each after its tick mark)
                plot.labels.remove(plot.labels[i])
            x_name = plot.labels[-2]
            x_name.next_to(plot.c2p(1.0, -4.5), UP + LEFT, buff=0.12)   # inside the empty corner: no extra width
            plot.shift(RIGHT * (right - plot.frame_lines[0].get_end()[0]))
            plot.shift(UP * (body_top - 0.02 - plot.get_top()[1]))
            plot.remove(plot.line)
            return plot
        probe = side_plot(2.0)
        extra = probe.height - 2.0
        self.small = side_plot(body_top - 0.02 - (home.get_top()[1] + 0.2) - extra)
        # while training, the data plot gives the loss chart under it more room
        self.mini = side_plot(MINI_HEIGHT)
        gap = self.small.get_bottom()[1] - home.get_top()[1]
        assert gap > 0.1, f"the knobs run into the data plot ({gap:.2f})"
        self.knob_block_home = home
        self.knob = self.live_dot()
        self.avg = self.live_mean_square()

        # when training runs: a loss chart under the data plot (y named, x by the live step counter)
        def chart(height):
            return LossChart(self.steps, log_y=False, width=right - left - 0.12, height=height,
                             y_range=(0.0, float(np.ceil(self.stop_losses[0]))), y_label="loss f",
                             x_label="step", n_x_ticks=4, font_size=SIZES["label"])
        probe = chart(1.5)
        above = probe.get_top()[1] - probe.frame.get_top()[1]
        below = probe.frame.get_bottom()[1] - probe.get_bottom()[1]
        below_small = self.mini.get_bottom()[1]
        self.chart = chart(below_small - 0.25 - above - (SAFE_BOTTOM + below))
        self.chart.shift(RIGHT * (right - self.chart.frame.get_right()[0]))
        self.chart.shift(UP * (SAFE_BOTTOM - self.chart.get_bottom()[1]))
        gap = below_small - self.chart.get_top()[1]
        assert gap > 0.1, f"the loss chart runs into the data plot ({gap:.2f})"
        share = self.chart.height / (self.small.get_top()[1] - SAFE_BOTTOM)
        assert share >= 0.35, f"the loss chart takes only {share:.2f} of the right column"
        self.chart.axes.remove(self.chart.x_label)
        word = text("step", "label", color=TEXT)
        value = LiveText("0", font_size=34, color=TEXT, align="left", width=2)
        value.next_to(word, RIGHT, buff=0.18)
        value.shift(UP * (word[0].get_bottom()[1] - value.get_bottom()[1]))
        self.counter = VGroup(word, value)
        self.counter.move_to(self.chart.x_label).align_to(self.chart.x_label, DOWN)
        self.counter.set_x(self.chart.frame.get_x() + value.width / 2 - 0.1)   # "step" centred under the axis
        self.counter.shift(UP * max(0.0, SAFE_BOTTOM - self.counter.get_bottom()[1]))
        self.counter.value = value
        gap = self.chart.ticks.get_bottom()[1] - self.counter.get_top()[1]
        assert gap > -0.02, f"the step counter runs into the chart's tick numbers ({gap:.2f})"
        gap = self.chart.get_left()[0] - self.lmap.frame.get_right()[0]
        assert gap > 0.1, f"the loss chart runs into the map ({gap:.2f})"
        # the chart's first loss, and the step where it first reads its floor (a dot on the curve), stamped
        # (the top tick is lower than the first point)
        self.chart_stamps = VGroup()
        for k, way in ((0, RIGHT), (self.floor_step, UP)):
            at = self.chart.c2p(k, float(self.traj.losses[k]))
            stamp = text(self.fmt(float(self.traj.losses[k])), "label", color=TEXT)
            if k:   # the step said, over its loss
                stamp = VGroup(text(f"step {k}", "label", color=TEXT), stamp).arrange(DOWN, buff=0.08)
            stamp.set_stroke(BACKGROUND, width=7, background=True)
            stamp.next_to(at, way, buff=0.15)
            if not k:   # clear of the axis' name above it
                stamp.shift(DOWN * 0.15)
            if k:
                stamp = VGroup(Dot(at, radius=0.07, color=TEXT), stamp)
                gap = self.chart.frame.get_right()[0] + 0.3 - stamp.get_right()[0]
                assert gap > 0, f"the floor's stamp leaves the chart ({gap:.2f})"
            self.chart_stamps.add(stamp)
        # while training, the knobs and the readout keep running, on one panel in the map's empty
        # top-right corner, far above the path and its step losses
        # (the knobs' names and values only: the model's formula stays with the data)
        knobs, read = VGroup(home[1], home[2]).copy(), self.readout_home.copy()
        read.next_to(knobs, DOWN, buff=0.15).set_x(knobs.get_x())
        panel = VGroup(knobs, read)
        panel.move_to(self.lmap.frame.get_corner(UP + RIGHT), aligned_edge=UP + RIGHT).shift(DOWN * 0.25 + LEFT * 0.25)
        self.corner_knobs, self.corner_readout = knobs, read
        self.chart_box = RoundedRectangle(width=panel.width + 0.36, height=panel.height + 0.3, corner_radius=0.08,
                                          stroke_width=0, fill_color=PANEL, fill_opacity=0.92).move_to(panel)
        gap = self.chart_box.get_left()[0] - self.lmap.frame.get_left()[0]
        assert gap > 0.1, f"the knob panel is wider than the map ({gap:.2f})"
        # clear of the path and of the loss labels beside it (up to ~1 unit to the right of a point)
        ends = np.array([self.lmap.c2p(*p) for p in self.traj.positions])
        near = ends[ends[:, 0] > self.chart_box.get_left()[0] - 1.0]
        gap = self.chart_box.get_bottom()[1] - (near[:, 1].max() + 0.5) if len(near) else 1.0
        assert gap > 0.1, f"the knob panel runs into the path ({gap:.2f})"

    def miss_squares(self) -> VGroup:
        """A square on a few misses of the start line: each stick is the left edge of its square."""
        big, ls = self.big, self.ls
        y_unit = big.c2p(0, 1)[1] - big.c2p(0, 0)[1]
        xs = np.array([big.c2p(x, 0)[0] for x in ls.x])
        x_ends = (big.c2p(-1.0, 0)[0] + 0.05, big.c2p(1.0, 0)[0] - 0.05)
        picks = pick_squares(xs, self.misses, lambda m: m * y_unit, x_ends)
        self.square_idx = [i for i, _ in picks]
        squares = VGroup()
        for i, way in picks:
            side = abs(self.misses[i]) * y_unit
            lo = min(ls.y[i], ls.y[i] + self.misses[i])
            corner = big.c2p(ls.x[i], lo)
            sq = Square(side_length=side, stroke_color=RESIDUAL_COLOR, stroke_width=3, fill_color=RESIDUAL_COLOR,
                        fill_opacity=0.28)
            sq.move_to(corner, aligned_edge=DOWN + (LEFT if way > 0 else RIGHT))
            sq.grow_edge = LEFT if way > 0 else RIGHT
            squares.add(sq)
        return squares

    def every_square(self):
        """The average of the start line's squared misses as one square (side: the root of the mean squared
        miss), above the loss readout."""
        big = self.big
        y_unit = big.c2p(0, 1)[1] - big.c2p(0, 0)[1]
        side = float(np.sqrt(np.mean(self.misses ** 2))) * y_unit
        mean = Square(side_length=side, stroke_color=RESIDUAL_COLOR, stroke_width=3, fill_color=RESIDUAL_COLOR,
                      fill_opacity=0.35)
        word = VGroup(text("average", "label", color=TEXT), text("square", "label", color=TEXT))
        word.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        pair = VGroup(mean, word).arrange(RIGHT, buff=0.2)
        pair.next_to(self.readout_box, UP, buff=0.2).set_x(self.readout.get_x())
        pair.shift(LEFT * max(0.0, pair.get_right()[0] - (SAFE_RIGHT - 0.05)))
        gap = self.theta_def.get_bottom()[1] - pair.get_top()[1]
        assert gap > 0.1, f"the mean square runs into theta's definition ({gap:.2f})"
        gap = pair.get_left()[0] - self.big.get_right()[0]
        assert gap > 0.1, f"the mean square runs into the data plot ({gap:.2f})"
        mean.word = word
        return mean

    def live_mean_square(self) -> Square:
        """The average square again, in the data plot's empty bottom-right corner (left of x): its side is the
        root of the loss shown now, so it shrinks as the knobs turn (its area is the loss)."""
        small, ls = self.small, self.ls
        y_unit = small.c2p(0, 1)[1] - small.c2p(0, 0)[1]
        corner = np.array([small.labels[-2].get_left()[0] - 0.1, small.c2p(1.0, -4.5)[1] + 0.06, 0.0])
        top = max(self.stop_losses[0], float(ls.f(self.stops[1])))
        side = float(np.sqrt(top)) * y_unit
        x_from = (corner[0] - side - small.c2p(0, 0)[0]) / (small.c2p(1, 0)[0] - small.c2p(0, 0)[0])
        near = ls.y[ls.x > x_from - 0.05]
        gap = (small.c2p(0, near.min())[1] - 0.06) - (corner[1] + side) if len(near) else 1.0
        assert gap > 0.03, f"the average square runs into the data ({gap:.2f})"
        sq = Square(side_length=side, stroke_color=RESIDUAL_COLOR, stroke_width=3, fill_color=RESIDUAL_COLOR,
                    fill_opacity=0.35).move_to(corner, aligned_edge=DR)
        # its corner in the plot's data coordinates: it follows the plot when the plot grows or moves
        x_unit = small.c2p(1, 0)[0] - small.c2p(0, 0)[0]
        origin = small.c2p(0, 0)
        sq.corner_xy = ((corner[0] - origin[0]) / x_unit, (corner[1] - origin[1]) / y_unit)
        return sq

    def put_mean_square(self, m) -> None:
        small = self.small
        y_unit = small.c2p(0, 1)[1] - small.c2p(0, 0)[1]
        side = max(1e-3, float(np.sqrt(self.loss_now())) * y_unit)
        m.stretch_to_fit_width(side).stretch_to_fit_height(side).move_to(small.c2p(*m.corner_xy), aligned_edge=DR)

    def colour_key(self) -> Group:
        """A horizontal colour key under the map, right of θ₁: loss from its lowest (dark) to high (bright)."""
        lmap = self.lmap
        vs = lmap.value_scale
        t = np.linspace(0, 1, 256)[None, :]
        rgb = lmap.colors_for(vs.inverse(t))
        rgba = np.concatenate([rgb, np.ones(rgb.shape[:-1] + (1,))], axis=-1)
        bar = ImageMobject((rgba * 255).round().astype(np.uint8))
        bar.stretch_to_fit_width(KEY_WIDTH).stretch_to_fit_height(0.34)
        outline = Rectangle(width=KEY_WIDTH, height=0.34, stroke_color=MUTED, stroke_width=1.2)
        lo, hi = float(vs.inverse(0.0)), float(vs.inverse(1.0))
        self.key_values = (lo, hi)
        name = text("loss", "label", color=MUTED)
        low = text(f"{lo:.2f}", "label", color=TEXT)
        (x0, x1), (y0, y1) = self.map_bounds
        grid = np.stack(np.meshgrid(np.linspace(x0, x1, 201), np.linspace(y0, y1, 201)), axis=-1)
        top = float(np.max(self.ls.f(grid)))
        # the bar's end colour stands for every loss at or above its end
        high = text(f"\u2265 {hi:.1f}" if top > hi + 0.05 else f"{hi:.1f}", "label", color=TEXT)
        row = Group(name, low, Group(bar, outline), high).arrange(RIGHT, buff=0.15)
        low.shift(RIGHT * 0.2)
        VGroup(high).shift(RIGHT * 0.2)
        Group(bar, outline).shift(RIGHT * 0.2)
        outline.move_to(bar)
        row.next_to(lmap.x_ticks, DOWN, buff=0.12)
        row.align_to(lmap.frame, LEFT)
        # θ₁ on the same row at the axis' right end, far from the key
        lmap.x_label.set_y(row.get_y()).align_to(lmap.frame, RIGHT)
        gap = lmap.x_label.get_left()[0] - row.get_right()[0]
        assert gap > 0.3, f"the colour key runs into theta one ({gap:.2f})"
        row.bar, row.outline, row.title = bar, outline, name
        return row

    def name_map_axes(self) -> None:
        """θ₁ (tilt) under the map; θ₂ (height) turned up along its left side, centred on the frame."""
        lmap = self.lmap
        x_label = VGroup(MathTex(N.theta1, font_size=52, color=TEXT), text("(tilt)", "label", color=MUTED))
        x_label.arrange(RIGHT, buff=0.12)
        x_label[1].shift(UP * (x_label[0].get_bottom()[1] - x_label[1].get_bottom()[1]))
        y_label = VGroup(MathTex(N.theta2, font_size=52, color=TEXT), text("(height)", "label", color=MUTED))
        y_label.arrange(RIGHT, buff=0.12)
        y_label[1].shift(UP * (y_label[0].get_bottom()[1] - y_label[1].get_bottom()[1]))
        y_label.rotate(np.pi / 2)
        y_label.next_to(lmap.y_ticks, LEFT, buff=0.06).set_y(lmap.frame.get_y())
        x_label.move_to(lmap.x_label)
        for old, new in ((lmap.x_label, x_label), (lmap.y_label, y_label)):
            lmap.axes.remove(old)
            lmap.axes.add(new)
        lmap.x_label, lmap.y_label = x_label, y_label

    def live_dot(self):
        dot = Dot(self.lmap.c2p(*self.start), radius=0.1, color=optimizer_color(self.optimizer_name))
        dot.set_stroke(BACKGROUND, width=2, opacity=1.0)
        return dot

    def put_model(self):
        """The line at the parameters shown now (on whichever data plot is current)."""
        w, b = self.theta_now()
        self.plot.line = self.line
        self.plot.set_params(w, b)

    def start_live(self):
        """Each changing part updates itself (never from another mobject's updater)."""
        self.line.add_updater(lambda m: self.put_model())
        self.residuals.add_updater(lambda m: self.plot.set_residuals(self.residuals, *self.theta_now()))
        self.readout_value.add_updater(lambda m: m.set_text(self.fmt(self.loss_now())))
        for i, value in enumerate(self.knob_values):
            value.add_updater(lambda m, i=i: m.set_text(self.fmt_signed(self.knobs_shown()[i])))
        self.knob.add_updater(lambda m: m.move_to(self.lmap.c2p(*self.theta_now())))

    def knobs_shown(self) -> np.ndarray:
        """The knobs' values the readout shows: as turned, or (while training) at the last step landed on
        (so that they always agree with the loss beside them)."""
        if getattr(self, "path", None) is not None and self.following_path:
            return self.traj.positions[self.landed()]
        return self.theta_now()

    def loss_now(self) -> float:
        """The loss the readout shows: at the knobs, or (while training) at the last step landed on."""
        if getattr(self, "path", None) is not None and self.following_path:
            return float(self.traj.losses[self.landed()])
        return float(self.ls.f(self.theta_now()))

    def refresh(self):
        """Put every live part where the parameters are now (before fading them back in)."""
        self.put_model()
        self.plot.set_residuals(self.residuals, *self.theta_now())
        self.readout_value.set_text(self.fmt(self.loss_now()))
        self.knob.move_to(self.lmap.c2p(*self.theta_now()))

    def ghost(self, i: int, side):
        """Ghost pair ``i`` at the knobs' current setting: a line on the data, a point (and its loss) on the map."""
        color = GHOST_COLORS[i]
        w, b = self.theta_now()
        line = self.line.copy().clear_updaters().set_stroke(color=color, width=4, opacity=0.85)
        line.set_background_stroke(color=BACKGROUND, width=7, opacity=0.8)
        dot = self.live_dot().clear_updaters().set_color(color).move_to(self.lmap.c2p(w, b))
        dot.set_stroke(BACKGROUND, width=2, opacity=1.0)
        label = text(self.fmt(float(self.ls.f(np.array([w, b])))), "label", color=color)
        label.set_stroke(BACKGROUND, width=7, background=True)
        label.next_to(dot, side, buff=0.12)
        return VGroup(line, dot, label)

    def zoom_scale(self) -> tuple[float, np.ndarray]:
        """How much the data plot grows (about its top-right corner) to take ``ZOOM_SHARE`` of the frame's
        width, kept above the bottom of the safe area."""
        small = self.small
        parts = VGroup(small.frame_lines, small.dots, small.labels)
        about = parts.get_corner(UP + RIGHT)
        scale = min(ZOOM_SHARE * FRAME_WIDTH / parts.width, (about[1] - SAFE_BOTTOM - 0.05) / parts.height)
        best = self.lmap.c2p(*self.best)
        left = about[0] - scale * parts.width - 0.15
        assert left > best[0] + 0.9, f"the grown data plot covers the darkest spot ({left - best[0]:.2f})"
        return scale, about

    def backing(self, parts) -> RoundedRectangle:
        """A plain panel behind ``parts`` (a plot laid over the map)."""
        return RoundedRectangle(width=parts.width + 0.3, height=parts.height + 0.3, corner_radius=0.1,
                                stroke_width=0, fill_color=BACKGROUND, fill_opacity=1.0).move_to(parts)

    def blind(self):
        """Fog over the map but for a small disc round the point: the optimizer cannot see the map, it only
        feels the slope where it stands. The disc follows the point (an updater); the fog's thickness is the
        tracker ``self.fog_level`` (starts at 0: clear)."""
        frame = self.lmap.frame
        self.fog_level = ValueTracker(0.0)
        sheet = Rectangle(width=frame.width, height=frame.height).move_to(frame)

        def fog():
            hole = Circle(radius=SEEN_RADIUS).move_to(self.lmap.c2p(*self.theta_now()))
            return Difference(sheet, hole)

        shape = fog().set_stroke(width=0).set_fill(BACKGROUND, opacity=0.0)

        def follow(m):
            m.become(fog().set_stroke(width=0).set_fill(BACKGROUND, opacity=self.fog_level.get_value()))
        shape.add_updater(follow)
        return shape

    # ------------------------------------------------------------------ beats
    def two_knobs(self):
        self.build()
        big = self.tall
        self.claim(f"the data set has {self.n} points", self.n == 64)
        with self.voiceover(text=f"Here are {self.n} noisy points, and a model: a line through them.") as tracker:
            self.set_heading("A model with two knobs")
            self.play(FadeIn(big.frame_lines), FadeIn(big.labels), run_time=0.6)
            self.play(FadeIn(big.dots, lag_ratio=0.02), FadeIn(self.count), run_time=1.2)
            self.play(Create(self.line), FadeIn(self.model), run_time=1.0)
        self.start_live()
        lo = self.start[0]
        line = "It has two knobs, its parameters, called theta. Theta one sets the tilt; theta two, the height."
        with self.voiceover(text=line) as tracker:
            self.play(FadeIn(self.theta_def), run_time=0.6)
            self.until(tracker, line.index("Theta one") / len(line) - 0.04)
            # each knob out and back, slowly enough to follow (its name lights up as it turns)
            # (a live value fades in while it stands still: its glyphs change as it runs)
            self.play(self.model[2].animate.set_color(HIGHLIGHT), self.theta_def[1].animate.set_color(HIGHLIGHT),
                      FadeIn(self.tilt_word), FadeIn(self.knob_values[0]), run_time=0.3)
            self.play(self.t1.animate.set_value(lo + 2.4), run_time=WIGGLE / 2)
            self.play(self.t1.animate.set_value(lo), self.model[2].animate.set_color(TEXT),
                      self.theta_def[1].animate.set_color(TEXT), run_time=WIGGLE / 2)
            self.play(self.model[5].animate.set_color(HIGHLIGHT), self.theta_def[3].animate.set_color(HIGHLIGHT),
                      FadeIn(self.height_word), FadeIn(self.knob_values[1]), run_time=0.3)
            self.play(self.t2.animate.set_value(self.start[1] - 2.0), run_time=WIGGLE / 2)
            self.play(self.t2.animate.set_value(self.start[1]), self.model[5].animate.set_color(TEXT),
                      self.theta_def[3].animate.set_color(TEXT), run_time=WIGGLE / 2)

    def how_wrong(self):
        f0 = self.stop_losses[0]
        _, average, miss, square = self.loss_tex
        sides = [abs(self.misses[i]) for i in self.square_idx]
        below = int(np.sum(self.misses > 0))
        self.claim("the squares drawn are of different sizes: big misses weigh most", max(sides) > 1.8 * min(sides))
        self.claim("the loss is the mean of the squared misses", abs(float(np.mean(self.misses ** 2)) - f0) < 1e-9)
        self.claim("most points sit below the start line", below >= 0.8 * self.n, f"{below} of {self.n}")
        with self.voiceover(text="How wrong is this line? Most points sit below it; each misses it by a gap.") as tracker:
            self.set_heading("The loss f: how wrong the line is")
            self.play(Create(self.residuals, lag_ratio=0.02), run_time=min(2.0, tracker.duration - 2.3))
            # the data makes room for the formula (the line and its misses follow the plot as it moves)
            tall, big = self.tall, self.big
            self.play(Transform(tall.frame_lines, big.frame_lines), Transform(tall.dots, big.dots),
                      Transform(tall.labels, big.labels), self.count.animate.move_to(self.count_low), run_time=0.7)
            self.remove(tall.frame_lines, tall.dots, tall.labels)
            self.add(big.frame_lines, big.labels, big.dots)
            self.plot = big
            self.refresh()
            self.bring_to_front(self.residuals, self.line)
            self.play(FadeIn(miss), GrowFromEdge(self.miss_brace, UP), FadeIn(self.miss_word), run_time=0.7)
        side = float(np.sqrt(np.mean(self.misses ** 2)))
        self.claim("the mean square's side squared is the loss", abs(side ** 2 - f0) < 1e-9)
        with self.voiceover(text=f"Square each miss and average all {self.n}: that is the loss, f. For this "
                                 f"line, {self.fmt(f0)}.") as tracker:
            # a few misses get their square, big to small; the other sticks step back so the squares read
            others = [seg for i, seg in enumerate(self.residuals) if i not in self.square_idx]
            self.play(*[GrowFromEdge(sq, sq.grow_edge) for sq in self.squares], FadeIn(square),
                      *[seg.animate.set_stroke(opacity=0.25) for seg in others], run_time=0.9)
            self.play(Indicate(square, color=HIGHLIGHT), run_time=0.7)
            # the average of all 64 squares is one square: its area is the loss
            self.until(tracker, 0.27)
            ghost = self.mean_square.copy().set_fill(opacity=0.0).set_stroke(opacity=0.1)
            self.play(*[Transform(sq, ghost.copy()) for sq in self.squares],
                      *[seg.animate.set_stroke(opacity=0.9) for seg in others],
                      FadeIn(self.mean_square), FadeIn(average), FadeIn(self.n_word), run_time=1.1)
            self.play(FadeIn(self.mean_square.word), run_time=0.3)
            self.remove(*self.squares)
            self.play(Indicate(self.n_word, color=HIGHLIGHT), Indicate(self.count, color=HIGHLIGHT), run_time=0.7)
            self.until(tracker, 0.62)
            self.play(FadeIn(self.loss_tex[0]), run_time=0.6)
            self.until(tracker, 0.74)
            self.play(FadeIn(self.readout_box), FadeIn(self.readout), Indicate(self.mean_square, scale_factor=1.05),
                      run_time=0.6)

    def every_line_is_a_point(self):
        big, small, lmap = self.big, self.small, self.lmap
        line = "Now map every line: theta one across, theta two up, colour for the loss."
        with self.voiceover(text=line) as tracker:
            self.set_heading("Every line is one point on the loss map")
            # the formula goes, then the data shrinks into the top of the column (the knobs keep their names)
            # while the map's outline shows where the map will be: no empty stage
            home_model, home_values, home_words = self.knob_block_home
            self.play(FadeOut(self.loss_tex), FadeOut(self.miss_brace), FadeOut(self.miss_word), FadeOut(self.n_word),
                      FadeOut(self.theta_def), FadeOut(self.readout_box), FadeOut(self.count), FadeOut(big.labels),
                      FadeOut(self.mean_square.word), run_time=0.3)
            self.play(self.model.animate.become(home_model),
                      *[v.animate.scale(h.height / v.height).move_to(h) for v, h in zip(self.knob_values, home_values)],
                      *[w.animate.move_to(h) for w, h in zip(self.knob_words, home_words)],
                      self.readout.animate.move_to(self.readout_home),
                      Transform(big.frame_lines, small.frame_lines), Transform(big.dots, small.dots),
                      Transform(self.mean_square, self.avg), FadeIn(lmap.frame), run_time=0.7)
            # the small plot takes over (same pixels): the live line now reads its coordinates, the average
            # square sits in its corner and follows the loss
            self.remove(big.frame_lines, big.dots, self.mean_square)
            self.add(small.frame_lines, small.dots, self.avg)
            self.plot = small
            self.avg.add_updater(lambda m: self.put_mean_square(m))   # (a lambda: a copy of the square never copies the scene)
            self.bring_to_front(self.residuals, self.line)
            # the map built as it is named: θ₁ drawn across, θ₂ drawn up (bold arrows along its edges), then
            # the colour fills it
            self.play(FadeIn(small.labels), run_time=0.3)
            corner = lmap.frame.get_corner(DOWN + LEFT)
            across = Arrow(corner, lmap.frame.get_corner(DOWN + RIGHT), buff=0, color=HIGHLIGHT, stroke_width=8,
                           max_tip_length_to_length_ratio=0.05)
            up = Arrow(corner, lmap.frame.get_corner(UP + LEFT), buff=0, color=HIGHLIGHT, stroke_width=8,
                       max_tip_length_to_length_ratio=0.07)
            self.until(tracker, line.index("theta one") / len(line) - 0.03)
            self.play(GrowArrow(across), FadeIn(lmap.x_ticks), FadeIn(lmap.x_label), run_time=0.8)
            self.until(tracker, line.index("theta two") / len(line) - 0.03)
            self.play(GrowArrow(up), FadeIn(lmap.y_ticks), FadeIn(lmap.y_label), run_time=0.8)
            self.until(tracker, line.index("colour") / len(line) - 0.03)
            self.play(FadeIn(lmap.heatmap), FadeIn(lmap.contours), FadeIn(self.key),
                      FadeOut(across), FadeOut(up), run_time=0.8)
            self.remove(lmap.frame, lmap.x_ticks, lmap.x_label, lmap.y_ticks, lmap.y_label, lmap.heatmap,
                        lmap.contours)
            self.keep_static_first()
            self.play(Circumscribe(self.key, color=HIGHLIGHT, buff=0.08), run_time=0.7)
        with self.voiceover(text="Our line is this one point."):
            self.play(FadeIn(self.knob, scale=3.0), run_time=0.8)
            ring = Circle(radius=0.28, color=TEXT, stroke_width=4).move_to(self.knob)
            self.play(Create(ring), run_time=0.4)
            self.play(FadeOut(ring), run_time=0.3)

    def keep_static_first(self):
        keep_static_first(self, self.lmap, self.key, self.small.frame_lines, self.small.labels, self.small.dots)

    def turn_the_knobs(self):
        ls = self.ls
        f_a, f_b, f_c = self.stop_losses
        self.claim("turning theta one toward the best tilt lowers the loss", f_b < f_a)
        grid = np.stack(np.meshgrid(np.linspace(*ls.bounds[0], 121), np.linspace(*ls.bounds[1], 101)), axis=-1)
        self.claim("turning theta two then lowers it to the lowest loss on the map",
                   f_c < f_b and f_c <= float(np.min(ls.f(grid))) + 1e-12)
        self.claim("the lowest loss is the darkest colour of the key", abs(self.key_values[0] - f_c) < 5e-3)
        self.claim("the best line still misses: its loss is not zero", f_c > 0.05)
        self.claim("ghosts and the live point are told apart by colour", distinct([*GHOST_COLORS, optimizer_color("gd")]))
        ghosts = []
        line = f"Turn theta one: the line tilts; the loss eases to {self.fmt(f_b)}."
        with self.voiceover(text=line) as tracker:
            self.set_heading("Turn the knobs: the line follows the point")
            g = self.ghost(0, DOWN + RIGHT)
            ghosts.append(g)
            self.add(g[0], g[1])
            self.bring_to_front(self.residuals, self.line, self.knob)
            self.play(FadeIn(g[2]), run_time=0.4)
            self.play(self.t1.animate.set_value(self.stops[1][0]),
                      run_time=max(1.5, line.index("eases") / len(line) * tracker.duration - 0.4), rate_func=smooth)
            # the stop stays behind as the second ghost pair, its loss stamped as the voice says it
            g = self.ghost(1, RIGHT)
            ghosts.append(g)
            self.add(g[0], g[1])
            self.bring_to_front(self.residuals, self.line, self.knob)
            self.play(FadeIn(g[2]), Indicate(self.readout_value, color=HIGHLIGHT), run_time=0.6)
        line = (f"Turn theta two: the line drops onto the data, and the loss falls to {self.fmt(f_c)}, at the "
                f"darkest spot. Not zero: the points are noisy.")
        with self.voiceover(text=line) as tracker:
            # the data plot takes the stage (on a backing, over the map's empty right part) for what the voice
            # says of the line; the ghost lines grow with it
            ghost_lines = [g[0] for g in ghosts]
            for g in ghosts:
                g.remove(g[0])
            small = self.small
            parts = VGroup(small.frame_lines, small.dots, small.labels)
            scale, about = self.zoom_scale()
            self.zoom_back = self.backing(parts).set_fill(opacity=0.0)
            grown = self.backing(parts.copy().scale(scale, about_point=about))
            self.add(self.zoom_back)
            self.bring_to_front(*parts, *ghost_lines, self.avg, self.residuals, self.line)
            # (the line, its misses and the square follow the plot's frame by their own updaters)
            self.play(*[m.animate.scale(scale, about_point=about) for m in (*parts, *ghost_lines)],
                      Transform(self.zoom_back, grown), run_time=0.6)
            self.play(self.t2.animate.set_value(self.stops[2][1]), run_time=2.5, rate_func=smooth)
            best = text(self.fmt(f_c), "label", color=TEXT).next_to(self.knob, DOWN + RIGHT, buff=0.1)
            best.set_stroke(BACKGROUND, width=7, background=True)
            self.play(FadeIn(best), run_time=0.4)
            self.until(tracker, line.index("darkest") / len(line) - 0.04)
            ring = Circle(radius=0.3, color=HIGHLIGHT, stroke_width=4).move_to(self.knob)
            self.add(self.lmap.markers)
            self.bring_to_front(self.knob)
            self.play(Create(ring), Indicate(self.key[1], color=HIGHLIGHT), run_time=0.6)
            self.wait(0.4)
            self.play(FadeOut(ring), run_time=0.4)
            self.until(tracker, line.index("Not zero") / len(line) - 0.03)
            # what is left: the misses light up, and the average square (their mean square) is small, not gone
            # (the ghost lines leave the data: only the best line and its misses remain there)
            self.play(self.residuals.animate.set_stroke(width=5, color=HIGHLIGHT, opacity=1.0),
                      *[FadeOut(m) for m in ghost_lines],
                      Circumscribe(self.avg, color=HIGHLIGHT, buff=0.08), run_time=0.8)
            self.until(tracker, 0.97)
            self.play(self.residuals.animate.set_stroke(width=2.5, color=RESIDUAL_COLOR, opacity=0.9), run_time=0.4)
        self.ghosts = VGroup(*ghosts)
        self.best_label = best

    def an_optimizer_walks_downhill(self):
        traj, ls = self.traj, self.ls
        pos = traj.positions
        self.claim("the first three steps remove most of the loss above its floor, then the fall slows",
                   self.first_share >= FIRST_STEPS_SHARE, f"{self.first_share:.2f}")
        self.claim("after the run the line sits on the best fit", self.end_gap < 0.03, f"{self.end_gap:.3g}")
        self.claim("each step goes where the downhill arrow points",
                   all(np.allclose(pos[k + 1], pos[k] - self.lr * ls.grad(pos[k])) for k in range(self.steps)))
        self.claim("the loss falls at every one of the first steps", bool(np.all(np.diff(traj.losses[:4]) < 0)))
        self.path = TrajectoryPath(traj, self.lmap, self.optimizer_name, stroke_width=4, dot_radius=0.1,
                                   marker_radius=0.035)
        self.chart.add_trajectory(self.path)
        # step number and loss change together, when the point lands: only values the run takes
        self.counter.value.add_updater(lambda m: m.set_text(str(self.landed()) if self.following_path else "0"))

        arrow_at = self.arrow_at

        self.step_arrows = VGroup()
        arrow = arrow_at(0)
        # the slope under the point first (uphill, at the step's length), then the step it gives: its mirror
        uphill = ParamArrow.gradient(self.lmap, pos[0], scale=self.lr, descent=False, label=None,
                                     color=GRADIENT_COLOR)
        slope = text("slope", "body", color=GRADIENT_COLOR)
        slope.set_stroke(BACKGROUND, width=7, background=True)
        slope.next_to(self.lmap.c2p(*pos[0]), RIGHT, buff=0.3)
        rule = text(f"step = \u2212{self.lr:g} \u00d7 slope", "body", color=GRADIENT_COLOR)
        rule.set_stroke(BACKGROUND, width=7, background=True)
        rule.next_to(arrow.tip_point, RIGHT, buff=0.15)
        assert uphill.tip_point[1] < self.lmap.frame.get_top()[1] - 0.05, "the slope arrow leaves the map"
        assert rule.get_right()[0] < self.lmap.frame.get_right()[0] - 0.05, "the step rule leaves the map"
        live = [self.knob, self.line, self.residuals]
        shift_knobs = self.corner_knobs.get_center() - VGroup(*self.knob_block_home[1:]).get_center()
        shift_readout = self.corner_readout.get_center() - self.readout_home.get_center()
        with self.voiceover(text="Training does this without seeing the map.") as tracker:
            self.set_heading("Training: an optimizer walks downhill")
            # back to the start: the point glides there, the line and its misses follow it live while the data
            # plot shrinks to the top of the column (the loss chart will take the room under it);
            # blind at once: fog falls on the map but for a small disc round the point, as the voice says so
            small, mini = self.small, self.mini
            self.blindfold = self.blind()
            self.add(self.blindfold)
            self.bring_to_front(small.frame_lines, small.dots, small.labels, *live)
            self.play(FadeOut(self.ghosts), FadeOut(self.best_label), FadeOut(self.lmap.markers),
                      self.t1.animate.set_value(self.start[0]), self.t2.animate.set_value(self.start[1]),
                      self.fog_level.animate.set_value(BLIND_OPACITY), FadeOut(self.model), FadeOut(self.avg),
                      Transform(small.frame_lines, mini.frame_lines), Transform(small.dots, mini.dots),
                      Transform(small.labels, mini.labels), FadeOut(self.zoom_back), run_time=0.9)
            self.avg.clear_updaters()
            self.remove(small.frame_lines, small.dots, small.labels)
            self.add(mini.frame_lines, mini.labels, mini.dots)
            self.plot = mini
            self.refresh()
            self.bring_to_front(*live)
            # the knobs and the readout move onto a panel in the map's empty corner (still running), the
            # loss chart takes their place under the data
            self.add(self.chart_box.set_fill(opacity=0.0))
            knobs = [*self.knob_values, *self.knob_words]
            self.bring_to_front(*knobs, self.readout)
            self.play(*[m.animate.shift(shift_knobs) for m in knobs], self.readout.animate.shift(shift_readout),
                      run_time=0.6)
            self.play(FadeIn(self.chart), FadeIn(self.counter), FadeIn(self.chart_stamps[0]),
                      self.chart_box.animate.set_fill(opacity=0.92), run_time=0.5)
            self.bring_to_front(*knobs, self.readout, self.knob)
        with self.voiceover(text="An optimizer feels only the slope under the point, and steps downhill.") as tracker:
            self.until(tracker, 0.08)
            self.play(GrowArrow(uphill.arrow), FadeIn(slope), run_time=0.6)
            self.until(tracker, 0.42)
            self.play(Transform(uphill.arrow, arrow.arrow), FadeOut(slope), FadeIn(rule), run_time=0.7)
            self.remove(uphill.arrow)
            self.add(arrow.arrow)
            # the path's own dot takes over from the knob (same place, same look)
            self.following_path = True
            self.knob.clear_updaters()
            self.remove(self.knob)
            self.add(self.path)
            self.tuck(arrow.arrow)
            self.bring_to_front(self.residuals, self.line)
            self.until(tracker, 0.68)
            self.take_steps(1, run_time=0.8, also=[FadeOut(rule)])
        said = [self.fmt(v) for v in traj.losses[:4]]
        line = f"The loss drops to {said[1]}, then {said[2]}, then {said[3]}."
        self.step_labels = VGroup()
        with self.voiceover(text=line) as tracker:
            # each loss said shows twice: beside the point on the map, and on the loss chart
            tag = self.chart_tag(1)
            self.play(FadeIn(self.step_label(1)), FadeIn(tag), run_time=0.3)
            for k in (1, 2):
                arrow = arrow_at(k)
                self.play(GrowArrow(arrow.arrow), run_time=0.4)
                self.tuck(arrow.arrow)
                # the point lands as its loss is said (not ahead of the voice)
                self.until(tracker, line.index(said[k + 1], line.index(said[k]) + 4) / len(line) - 0.07)
                self.take_steps(k + 1, run_time=0.6)
                self.play(FadeIn(self.step_label(k + 1)), Transform(tag, self.chart_tag(k + 1)), run_time=0.3)
        # the path bends like an L: downhill does not point at the minimum
        gaps = np.abs(pos - self.best) / np.abs(self.start - self.best)
        settled = int(np.argmax(gaps[:, 1] < SETTLED))
        floor, said = self.floor_step, self.floor_text
        self.claim("the height settles first while the tilt still creeps",
                   gaps[settled, 1] < SETTLED and gaps[settled, 0] > 0.3, f"step {settled}: {gaps[settled]}")
        self.claim("when the height has settled the tilt is still far from its best", settled in KEPT_ARROWS,
                   f"settled at step {settled}")
        self.claim(f"by step {floor} the loss reads {said}, and never lower",
                   floor is not None and settled < floor < self.steps
                   and self.fmt(traj.losses[floor - 1]) != said
                   and all(self.fmt(v) == said for v in traj.losses[floor:]), f"step {floor}")
        legs = self.legs = self.leg_labels(settled)
        line = f"The path bends: height settles fast, tilt creeps. From step {floor} on, the loss reads {said}."
        with self.voiceover(text=line) as tracker:
            # leg 1: the height drops (the kept arrows shrink) and is named as it settles; then leg 2: the tilt
            # creeps along the valley floor; the loss reads its floor from the step said on (the point still
            # creeps after it, the readout stays)
            self.play(FadeOut(tag), run_time=0.2)
            self.walk(tracker, settled, line.index("height") / len(line))
            self.play(FadeIn(legs[0]), Indicate(self.knob_values[1], color=HIGHLIGHT), run_time=0.5)
            self.until(tracker, line.index("tilt") / len(line) - 0.02)
            self.play(FadeIn(legs[1]), run_time=0.4)
            self.walk(tracker, floor, (line.index(f"{floor} on") + 2) / len(line))
            self.play(FadeIn(self.step_label(floor)), FadeIn(self.chart_stamps[1]),
                      Indicate(self.readout_value, color=HIGHLIGHT), run_time=0.5)
            # the rest of the run while the voice ends: the point creeps on, the loss stays at its floor
            self.play(self.path.draw(end=self.steps), DrawSteps(self.chart.series[0], end=self.steps),
                      run_time=max(0.8, tracker.get_remaining_duration()), rate_func=linear)
        # the finished picture lights up: the lit map, the path on the darkest spot, the line on the data
        self.play(FadeOut(self.blindfold), FadeIn(self.lmap.markers), run_time=0.6)
        self.wait(0.6)

    def walk(self, tracker, end: int, by: float) -> None:
        """The point walks on to step ``end`` at one even pace, landing when ``by`` of the line is spoken;
        each kept arrow shows as the point lands where it starts, and stays."""
        stops = [k for k in KEPT_ARROWS if self.landed() < k < end] + [end]
        left = by * tracker.duration - (tracker.duration - tracker.get_remaining_duration())
        per_step = max(0.12, left / (end - self.landed()))
        for k in stops:
            self.take_steps(k, run_time=per_step * (k - self.landed()))
            if k in KEPT_ARROWS:
                self.tuck(self.arrow_at(k).arrow)

    def leg_labels(self, settled: int) -> VGroup:
        """The two legs of the path named where they run: the drop ("height: fast", right of its first steps,
        clear of their loss labels) and the crawl along the valley floor ("tilt: slow", under it, clear of the
        floor step's loss label)."""
        pos, lmap = self.traj.positions, self.lmap
        drop = text("\u2193 height: fast", "body", color=TEXT)
        crawl = text("tilt: slow \u2192", "body", color=TEXT)
        for m in (drop, crawl):
            m.set_stroke(BACKGROUND, width=7, background=True)
        anchor = (lmap.c2p(*pos[1]) + lmap.c2p(*pos[2])) / 2
        drop.next_to(anchor, RIGHT, buff=0.3)
        # between the losses of steps 1 and 3 (on the path's right), if it fits there: close to its leg
        lo, hi = self.step_labels[2].get_top()[1], self.step_labels[0].get_bottom()[1]
        if hi - lo > drop.height + 0.14:
            drop.set_y((lo + hi) / 2)
        for other in self.step_labels:   # right of the step losses it would touch
            if other.get_bottom()[1] < drop.get_top()[1] + 0.05 and other.get_top()[1] > drop.get_bottom()[1] - 0.05:
                drop.shift(RIGHT * max(0.0, other.get_right()[0] + 0.25 - drop.get_left()[0]))
        a, b = lmap.c2p(*pos[settled]), lmap.c2p(*pos[self.floor_step])
        floor_label = self.step_label_box(self.floor_step)
        crawl.move_to([(a[0] + b[0]) / 2, 0, 0])
        crawl.align_to(floor_label, DOWN).shift(DOWN * (crawl.height + 0.12))
        frame = lmap.frame
        for m in (drop, crawl):
            assert frame.get_left()[0] + 0.05 < m.get_left()[0] and m.get_right()[0] < frame.get_right()[0] - 0.05 \
                and m.get_bottom()[1] > frame.get_bottom()[1] + 0.05, "a leg's label leaves the map"
        ends = np.array([lmap.c2p(*p) for p in pos])
        gap = drop.get_bottom()[1] - ends[settled:, 1].max()
        assert gap > 0.3, f"the drop's label sits on the crawl ({gap:.2f})"
        gap = self.chart_box.get_bottom()[1] - drop.get_top()[1]
        assert gap > 0.1, f"the drop's label runs into the knob panel ({gap:.2f})"
        return VGroup(drop, crawl)

    def arrow_at(self, k: int) -> ParamArrow:
        """Step ``k``'s downhill arrow: the slope against, times the learning rate (exactly the step)."""
        return ParamArrow.gradient(self.lmap, self.traj.positions[k], scale=self.lr, label=None,
                                   color=GRADIENT_COLOR)

    def step_label(self, k: int):
        """The loss after step ``k``, beside the point where it lands, clear of the path (which comes from the
        up-left and leaves down-right): on alternate sides of it (up-right, down-left, up-right), so that
        neighbours never crowd."""
        label = self.step_label_box(k)
        for other in self.step_labels:
            assert label.get_bottom()[1] > other.get_top()[1] + 0.02 or label.get_top()[1] < other.get_bottom()[1] \
                - 0.02 or label.get_left()[0] > other.get_right()[0] + 0.02 \
                or label.get_right()[0] < other.get_left()[0] - 0.02, f"step {k}'s loss runs into another"
        assert label.get_left()[0] > self.lmap.frame.get_left()[0] + 0.05, f"step {k}'s loss leaves the map"
        self.step_labels.add(label)
        return label

    def step_label_box(self, k: int):
        """Step ``k``'s loss, placed (not yet registered)."""
        p = self.lmap.c2p(*self.traj.positions[k])
        way = {1: UP + RIGHT, 2: DOWN + LEFT, 3: UP + RIGHT}.get(k, DOWN + RIGHT)
        label = text(self.fmt(float(self.traj.losses[k])), "label", color=TEXT)
        label.set_stroke(BACKGROUND, width=7, background=True)
        label.next_to(Dot(p, radius=0.1), way, buff=0.3 if k == 1 else 0.12)   # (room under step 1's for a leg's name)
        return label

    def chart_tag(self, k: int) -> VGroup:
        """Step ``k``'s loss on the loss chart: a dot on the curve, its value to the right."""
        at = self.chart.c2p(k, float(self.traj.losses[k]))
        label = text(self.fmt(float(self.traj.losses[k])), "label", color=TEXT)
        label.set_stroke(BACKGROUND, width=7, background=True)
        label.next_to(at, RIGHT, buff=0.18)
        return VGroup(Dot(at, radius=0.07, color=TEXT), label)

    def tuck(self, arrow) -> None:
        """A step's arrow joins the path (under its point, over its line): it stays, and goes with the path."""
        self.remove(arrow)
        self.path.remove(self.path.dot)
        self.path.add(arrow, self.path.dot)
        self.step_arrows.add(arrow)

    def landed(self) -> int:
        """The last step the point has landed on (it is part way along the next one)."""
        return min(int(np.floor(self.path.progress + 1e-6)), self.path.n_steps)

    def take_steps(self, end: int, run_time: float, also=()):
        """The point walks to step ``end``; the chart draws with it."""
        self.play(self.path.draw(end=end), DrawSteps(self.chart.series[0], end=end), *also,
                  run_time=run_time, rate_func=linear)

    def sliders(self) -> VGroup:
        """A long row of knobs: θ₁ and θ₂ first, then many more (illustration: seeded positions)."""
        rng = np.random.default_rng(self.seed)
        top, height = TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.15, 1.0
        xs = np.linspace(SAFE_LEFT + 0.3, SAFE_RIGHT - 0.3, N_SLIDERS)
        tracks, knobs = VGroup(), VGroup()
        self.slider_from = rng.uniform(0.1, 0.9, N_SLIDERS)
        self.slider_to = rng.uniform(0.1, 0.9, N_SLIDERS)
        self.slider_rate = rng.uniform(0.08, 0.3, N_SLIDERS)
        for j, x in enumerate(xs):
            tracks.add(Line([x, top - height, 0], [x, top, 0], stroke_color=MUTED, stroke_width=2.5))
            knobs.add(Dot([x, top - height * (1 - self.slider_from[j]), 0], radius=0.075, color=TEXT))
        names = MathTex(rf"{N.theta1},\ {N.theta2},\ \theta_3,\ \dots", font_size=46, color=TEXT)
        names.next_to(tracks, DOWN, buff=0.15).align_to(tracks, LEFT)
        row = VGroup(tracks, knobs, names)
        row.tracks, row.knobs, row.names = tracks, knobs, names
        row.track_top, row.track_h = top, height
        return row

    def millions_of_knobs(self):
        row = self.sliders()
        big = LossChart(self.steps, log_y=False, width=9.0, height=2.45,
                        y_range=self.chart.y_range, y_label="loss", x_label="step", n_x_ticks=4,
                        font_size=SIZES["label"])
        big.move_to([0, 0, 0]).shift(UP * (SAFE_BOTTOM - big.get_bottom()[1]))
        big_series = big.add_trajectory(self.path)
        watch = text("what you can still watch", "body", color=TEXT)
        watch.next_to(big, UP, buff=0.22)
        # honest: the curve drawn is our own two-knob run, standing in for a network's
        ours = text("shown: our 2-knob run", "label", color=MUTED)
        ours.move_to(big.frame.get_corner(UP + RIGHT), aligned_edge=UP + RIGHT).shift(DOWN * 0.1)
        watch = VGroup(watch, ours)
        self.counter.value.clear_updaters()
        for value in (*self.knob_values, self.readout_value):   # a live text redraws at full opacity: freeze it
            value.clear_updaters()
        shown = [m for m in (self.lmap, self.key, self.lmap.markers, self.path,
                             self.mini.frame_lines, self.mini.dots, self.mini.labels, self.line, self.residuals,
                             self.readout, self.chart_box, self.counter, self.chart, *self.step_labels,
                             self.model, *self.knob_values, *self.knob_words, *self.chart_stamps,
                             *getattr(self, "legs", []))
                 if m in self.mobjects]
        s = ValueTracker(0.0)

        def slide(m, j):
            a, b, r = self.slider_from[j], self.slider_to[j], self.slider_rate[j]
            k = s.get_value()
            v = b + (a - b) * np.exp(-r * k) + 0.06 * np.sin(1.7 * k + j) * np.exp(-0.1 * k)
            m.move_to([row.tracks[j].get_x(), row.track_top - row.track_h * (1 - np.clip(v, 0, 1)), 0])

        with self.voiceover(text="A real network: millions of knobs, no map. You still watch its loss "
                                 "fall.") as tracker:
            self.set_heading("A real network: millions of knobs")
            # straight to the row of knobs: the map is gone as the voice says so
            self.play(*[FadeOut(m) for m in shown], FadeIn(row), FadeIn(big), FadeIn(watch), run_time=0.5)
            for j, knob in enumerate(row.knobs):
                knob.add_updater(lambda m, j=j: slide(m, j))
            self.play(DrawSteps(big_series, start=0, end=self.steps), s.animate.set_value(self.steps),
                      run_time=max(1.5, tracker.get_remaining_duration() + 0.3), rate_func=linear)
        for knob in row.knobs:
            knob.clear_updaters()
        self.network = VGroup(row, big, watch)

    def the_road_ahead(self):
        titles = self.titles
        self.claim("the video has 12 chapters and ends with a race", len(titles) == 12 and "race" in titles[-1][1].lower())
        self.claim("chapter 8 is the saddle", "saddle" in titles[7][1].lower())
        board = self.roadmap(titles)
        rows = board.rows

        lit = []

        def paint(row, color, ring_color):
            return [row[0].animate.set_stroke(ring_color), row[1].animate.set_color(color),
                    row[2].animate.set_color(color)]

        def light(*chapters, run_time=0.6):
            """The chapters the voice names now light up and stay lit until the next ones."""
            anims = [a for c in lit for a in paint(rows[c - 1], TEXT, MUTED)]
            anims += [a for c in chapters for a in paint(rows[c - 1], HIGHLIGHT, HIGHLIGHT)]
            self.play(*anims, run_time=run_time)
            lit[:] = chapters

        first = "Coming up: gradient descent and its learning rate; noisy steps; momentum."
        then = "Then a learning rate per knob, a saddle, Adam and AdamW, schedules, clipping, and a final race."
        with self.voiceover(text=first) as tracker:
            self.set_heading(f"The road ahead: {len(titles)} chapters")
            self.play(FadeOut(self.network), FadeIn(board), run_time=0.6)
            for word, chapters in (("gradient", (2, 3)), ("noisy", (4,)), ("momentum", (5,))):
                self.until(tracker, first.index(word) / len(first) - 0.03)
                light(*chapters, run_time=0.4)
        with self.voiceover(text=then) as tracker:
            for word, chapters in (("learning", (6, 7)), ("saddle", (8,)), ("Adam", (9, 10)),
                                   ("schedules", (11,)), ("final", (12,))):
                self.until(tracker, then.index(word) / len(then) - 0.03)
                light(*chapters, run_time=0.4)
        light(run_time=0.5)   # the board whole and plain for the final hold

    def caption(self) -> CornerCaption:
        """What this chapter ran, in its own words: gradient descent with its step rule, the data, the seed
        (bottom right, under the board)."""
        cap = CornerCaption((self.optimizer_name, {}), labels={self.optimizer_name: "gradient descent"},
                            landscape="line through noisy points", seed=self.seed,
                            extra=f"step = \u2212{self.lr:g} \u00d7 slope", font_size=30)
        return place_caption(cap, DR)

    def roadmap(self, titles) -> VGroup:
        """Twelve rows in two columns: a plain ring with its number, the title; this chapter on a panel."""
        radius, pitch, gap = 0.38, 0.96, 0.22
        # "&" for "and" on the board: shorter rows, larger type
        titles = [(num, ON_ROADMAP.get(num, title).replace(" and ", " & ")) for num, title in titles]
        left_width = max(text(t, "body").width for _, t in titles[:6]) + 2 * radius + gap
        rows = VGroup()
        for i, (num, title) in enumerate(titles):
            col, r = divmod(i, 6)
            centre = np.array([0.0 if col == 0 else left_width + 0.6, -r * pitch, 0.0])
            ring = Circle(radius=radius, stroke_color=MUTED, stroke_width=4).move_to(centre)
            number = text(str(num), "label", color=TEXT).move_to(centre)
            name = text(title, "body", color=TEXT)
            name.move_to(centre + RIGHT * (radius + gap), aligned_edge=LEFT)
            name.shift(UP * (centre[1] - name[0].get_y()))   # capitals level with the number, whatever hangs below
            rows.add(VGroup(ring, number, name))
        here = RoundedRectangle(width=rows[0].width + 0.4, height=rows[0].height + 0.24, corner_radius=0.12,
                                stroke_width=0, fill_color=PANEL, fill_opacity=1.0).move_to(rows[0])
        board = VGroup(here, rows)
        if board.width > STAGE.width - 0.1:
            board.scale_to_fit_width(STAGE.width - 0.1)
        # the board in the stage's upper part: the final caption goes under it
        board.move_to(STAGE.center).align_to([0, STAGE.y + STAGE.height / 2 - 0.12, 0], UP)
        gap = board.get_bottom()[1] - self.caption().get_top()[1]
        assert gap > 0.15, f"the roadmap runs into the final caption ({gap:.2f})"
        board.rows = rows
        return board
