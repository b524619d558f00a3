"""Chapter 12: the race. Ten optimizers, one start, three hard landscapes; the best one depends on the problem.

Render: ``manim -ql scenes/ch12_the_race.py TheRace``

The learning rates are tuned per optimizer and landscape by :func:`tune_lr` (a grid search, run once
offline; the results are the ``TUNED_LR`` table). Re-run ``python scenes/ch12_the_race.py`` to check them.
"""

from __future__ import annotations

import numpy as np
from manim import (
    AnimationGroup,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DashedLine,
    FadeIn,
    FadeOut,
    Group,
    Line,
    Rectangle,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    ACCENT,
    FONT,
    FULL_SLOT,
    MAP_SLOT,
    MUTED,
    PANEL,
    PANEL_SLOT,
    SAFE_BOTTOM,
    SAFE_LEFT,
    SAFE_RIGHT,
    TEXT,
    TITLE_SLOT,
    CornerCaption,
    LandscapeMap,
    Legend,
    LossChart,
    TrajectoryPath,
    display_name,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["TheRace", "RACERS", "TUNED_LR", "LANDSCAPES", "tune_lr", "settle_step"]

RACERS = ("gd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam", "adamw")
LANDSCAPES = ("rosenbrock", "himmelblau", "beale")
STEPS = 250
#: "settled": the loss stays within this of the minimum from that step on
TOLERANCE = 1e-3

#: Best learning rate per landscape and optimizer from ``tune_lr`` (other hyper-parameters: torch defaults;
#: momentum and Nesterov use mu = 0.9, AdamW weight decay 0.01).
TUNED_LR = {
    "rosenbrock": {"gd": 0.002, "momentum": 0.002, "nesterov": 0.001, "adagrad": 1.0, "adadelta": 30.0,
                   "rmsprop": 0.1, "adam": 1.0, "adamax": 1.0, "nadam": 0.5, "adamw": 1.0},
    "himmelblau": {"gd": 0.01, "momentum": 0.005, "nesterov": 0.007, "adagrad": 1.0, "adadelta": 1.0,
                   "rmsprop": 0.07, "adam": 1.0, "adamax": 3.0, "nadam": 0.3, "adamw": 1.0},
    "beale": {"gd": 0.03, "momentum": 0.007, "nesterov": 0.0015, "adagrad": 2.0, "adadelta": 10.0,
              "rmsprop": 0.3, "adam": 1.0, "adamax": 1.0, "nadam": 0.5, "adamw": 0.7},
}

#: What each optimizer is good at, and what to watch out for (the recap card).
RECAP = {
    "gd": ("Simple, one knob", "Slow in ravines"),
    "momentum": ("Speeds along valleys", "Overshoots"),
    "nesterov": ("Brakes before the turn", "Two knobs to tune"),
    "adagrad": ("Per-parameter steps", "Steps shrink to a stall"),
    "adadelta": ("Unit-free steps", "Slow to get going"),
    "rmsprop": ("Adaptive, never stalls", "No momentum built in"),
    "adam": ("Momentum + adaptive", "Can generalize worse"),
    "adamax": ("Calm with big spikes", "Rarely beats Adam"),
    "nadam": ("Adam + look-ahead", "One more moving part"),
    "adamw": ("Weight decay done right", "Decay pulls toward 0"),
}

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "all four"}

ROUND_TITLES = {
    "rosenbrock": "Round 1 \u00b7 Rosenbrock: a long, curved valley",
    "himmelblau": "Round 2 \u00b7 Himmelblau: four equal minima",
    "beale": "Round 3 \u00b7 Beale: flat plateaus, a sharp bend",
}


def settle_step(traj, tol: float = TOLERANCE) -> int | None:
    """First step from which the loss stays within ``tol`` of the landscape's minimum (``None``: never)."""
    gap = traj.losses - traj.landscape.f_min
    bad = np.where(~(gap < tol))[0]
    if not len(bad):
        return 0
    return int(bad[-1]) + 1 if bad[-1] < traj.n_steps else None


def race_key(traj):
    """Race order: settled first (earliest first), then the rest by final loss."""
    k = settle_step(traj)
    return (k if k is not None else traj.n_steps + 1, float(traj.losses[-1]))


def tune_lr(name: str, landscape: str, steps: int = STEPS) -> float:
    """The learning rate from a grid (1, 1.5, 2, 3, 5, 7 times powers of ten) with the best ``race_key``,
    among runs that stay on the map. Slow (a few hundred runs): used offline to fill ``TUNED_LR``."""
    ls = oc.landscape(landscape)
    decades = range(-2, 3) if name == "adadelta" else range(-4, 1)
    grid = sorted({round(m * 10.0**e, 10) for m in (1, 1.5, 2, 3, 5, 7) for e in decades})
    best = None
    (x0, x1), (y0, y1) = ls.bounds
    for lr in grid:
        t = oc.run(oc.optimizer(name, lr=lr), ls, ls.start, steps=steps, record_state=False, record_grads=False)
        p = t.positions
        if t.diverged_at >= 0 or not ((p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)).all():
            continue
        if best is None or race_key(t) < best[0]:
            best = (race_key(t), lr)
    return best[1]


class TheRace(ExplainerScene):
    chapter = 12
    title = "The race, and which one is best"
    description = ("All ten optimizers from one start on Rosenbrock, Himmelblau and Beale, each with its own tuned "
                   "learning rate, with a live log-scale loss chart; the best depends on the problem; a recap card.")

    steps = STEPS

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.the_rules()
        for i, name in enumerate(LANDSCAPES):
            self.race_round(name, first=(i == 0))
        self.verdict()
        self.recap_card()
        self.hold(3.0)

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.runs, self.order, self.settle = {}, {}, {}
        for lname in LANDSCAPES:
            ls = oc.landscape(lname)
            runs = {n: oc.run(oc.optimizer(n, lr=TUNED_LR[lname][n]), ls, ls.start, steps=self.steps,
                              record_state=False)
                    for n in RACERS}
            self.runs[lname] = runs
            self.order[lname] = sorted(RACERS, key=lambda n: race_key(runs[n]))
            self.settle[lname] = {n: settle_step(runs[n]) for n in RACERS}
        self.place = {l: {n: i + 1 for i, n in enumerate(self.order[l])} for l in LANDSCAPES}
        # the narration of round one says the adaptive methods have not settled yet: keep it true
        adaptive = ("adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam", "adamw")
        assert all(self.settle["rosenbrock"][n] is None for n in adaptive), self.settle["rosenbrock"]

    # ------------------------------------------------------------------ helpers
    def make_legend_board(self) -> VGroup:
        """Two legend columns; each entry gets a result slot on its right."""
        halves = [RACERS[:5], RACERS[5:]]
        cols = VGroup(*[Legend(list(h), font_size=22, background=False) for h in halves])
        cols.arrange(RIGHT, buff=0.95, aligned_edge=UP)
        board = VGroup(cols)
        board.cols = cols
        return board

    def entry(self, name):
        for col in self.board.cols:
            if name in col.entries:
                return col.entries[name]
        raise KeyError(name)

    def results(self, lname) -> VGroup:
        """Next to each legend entry: steps to settle (or a dash), the winner in bold."""
        group = VGroup()
        for n in RACERS:
            k = self.settle[lname][n]
            won = self.place[lname][n] == 1
            t = Text(str(k) if k is not None else "\u2013", font=FONT, font_size=22,
                     color=ACCENT if won else MUTED, weight="BOLD" if won else "NORMAL")
            row = self.entry(n)
            t.next_to(row, RIGHT, buff=0.2)
            t.set_x(self.board.cols[0 if n in RACERS[:5] else 1].get_right()[0] + 0.3 + t.width / 2)
            group.add(t)
        return group

    # ------------------------------------------------------------------ beats
    def the_rules(self):
        self.board = self.make_legend_board()
        note = VGroup(
            Text(f"steps until the loss stays within {TOLERANCE:g}", font=FONT, font_size=22, color=MUTED),
            Text(f"of the minimum  (\u2013 = not within {self.steps} steps)", font=FONT, font_size=22, color=MUTED),
        ).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        self.board.add(note)
        note.next_to(self.board.cols, UP, buff=0.2).align_to(self.board.cols, LEFT)
        self.board_note = note
        # the chart on top of the panel, the board below it (measured on a chart like the rounds' ones)
        proto = self.make_chart()
        proto.move_to([PANEL_SLOT.left, PANEL_SLOT.top, 0], aligned_edge=UP + LEFT)
        self.chart_corner = proto.get_corner(UP + LEFT)
        self.board.next_to(proto, DOWN, buff=0.2).align_to(proto, LEFT).shift(LEFT * 0.2)
        # leave room on the right for the results (about 0.6 wide)
        over = self.board.cols.get_right()[0] + 0.85 - SAFE_RIGHT
        if over > 0:
            self.board.shift(LEFT * over)
        heading = Text("Ten optimizers. One start. Three landscapes.", font=FONT, font_size=40, color=TEXT)
        heading.move_to(FULL_SLOT.center + UP * 0.3)
        sub = Text("each with its own best learning rate, found by a grid search", font=FONT, font_size=28,
                   color=MUTED).next_to(heading, DOWN, buff=0.35)
        with self.voiceover(text="Time for a race: ten optimizers, one start, three hard landscapes. "
                                 "To keep it fair, each optimizer gets its own best learning rate "
                                 "on each landscape, found by a small grid search.") as tracker:
            self.play(FadeIn(heading, shift=0.2 * UP), run_time=0.8)
            self.play(FadeIn(sub), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.4))
            self.play(FadeOut(heading), FadeOut(sub), run_time=0.8)

    def make_chart(self) -> LossChart:
        return LossChart(self.steps, width=4.5, height=1.4, font_size=22, y_range=(1e-6, 1e3), x_label="",
                         y_label="loss above the minimum, by step")

    def build_round(self, lname):
        ls = oc.landscape(lname)
        lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.9, max_height=4.2)
        place(lmap, MAP_SLOT)
        lmap.shift(UP * (MAP_SLOT.top - lmap.get_top()[1]))
        paths = [TrajectoryPath(self.runs[lname][n], lmap, n, markers=False, stroke_width=3, dot_radius=0.07)
                 for n in RACERS]
        chart = self.make_chart()
        for p in paths:
            chart.add_trajectory(p, stroke_width=2.5)
        guide = DashedLine(chart.c2p(0, TOLERANCE), chart.c2p(self.steps, TOLERANCE), stroke_color=MUTED,
                           stroke_width=2, dash_length=0.08)
        chart.add(guide)
        chart.move_to(self.chart_corner, aligned_edge=UP + LEFT)
        title = Text(ROUND_TITLES[lname], font=FONT, font_size=34, color=TEXT)
        title.scale_to_fit_width(min(title.width, TITLE_SLOT.width)).move_to(TITLE_SLOT.center)
        caption = CornerCaption([(n, {"lr": TUNED_LR[lname][n]}) for n in RACERS], landscape=ls,
                                extra=f"start ({ls.start[0]:g}, {ls.start[1]:g})  \u00b7  torch defaults otherwise",
                                font_size=20, max_width=12.6)
        place_caption(caption)
        return lmap, paths, chart, title, caption

    def race_round(self, lname, first: bool):
        lmap, paths, chart, title, caption = self.build_round(lname)
        order = self.order[lname]
        def d(n):  # spoken names (subtitles too): "GD" reads better as words
            return "plain gradient descent" if n == "gd" else display_name(n)

        if lname == "rosenbrock":
            text = (f"Round one: Rosenbrock's long, curved valley. Tuned, {d(order[0])} settles first, "
                    f"then {d(order[1])}. The adaptive methods are still on their way down the valley floor.")
        elif lname == "himmelblau":
            ends = {tuple(np.round(self.runs[lname][n].final, 1)) for n in RACERS}
            text = (f"Round two: Himmelblau, with four equally deep minima. From one start, the runs split "
                    f"between {NUMBER_WORDS.get(len(ends), 'several')} of them. This time {d(order[0])} and "
                    f"{d(order[1])} settle in a handful of steps.")
        else:
            text = (f"Round three: Beale, flat plateaus and a sharp bend. Now {d(order[0])} and {d(order[1])} "
                    f"lead, and {d(order[-2])} and {d(order[-1])} come last.")
        if first:
            self.play(FadeIn(title), FadeIn(lmap), FadeIn(caption), FadeIn(chart), FadeIn(self.board), run_time=1.0)
        else:
            self.play(FadeOut(self.round_parts), FadeOut(self.round_results), run_time=0.6)
            self.remove(*self.round_parts)
            self.play(FadeIn(title), FadeIn(lmap), FadeIn(caption), FadeIn(chart), run_time=0.8)
        self.add(*paths)
        with self.voiceover(text=text) as tracker:
            self.play(*[p.draw() for p in paths], chart.draw(), run_time=tracker.duration)
        results = self.results(lname)
        # the two leaders stay bright, the others step back so the story of the round can be read
        leaders = [p for p in paths if p.optimizer in order[:2]]
        others = [p for p in paths if p.optimizer not in order[:2]]
        self.bring_to_front(*leaders)
        self.play(FadeIn(results),
                  *[p.path.animate.set_stroke(opacity=0.3).set_stroke(opacity=0.0, background=True) for p in others],
                  *[p.dot.animate.set_opacity(0.3) for p in others], run_time=0.6)
        self.wait(1.0)
        self.round_parts = Group(lmap, chart, title, caption, *paths)
        self.round_results = results

    def verdict(self):
        winners = [self.order[l][0] for l in LANDSCAPES]
        n_winners = len(set(winners))
        adam = [self.place[l]["adam"] for l in LANDSCAPES]
        line = Text("The best optimizer depends on the problem.", font=FONT, font_size=34, color=TEXT)
        line.move_to(TITLE_SLOT.center)
        count = {1: "One optimizer won every round", 2: "Two different winners in three rounds",
                 3: "Three rounds, three different winners"}[n_winners]
        adam_text = ("Adam won no round here" if 1 not in adam else "Adam won a round here")
        with self.voiceover(text=f"{count}. So the best optimizer depends on the problem. "
                                 f"{adam_text}. It is the usual default because, on real networks with "
                                 "millions of parameters, it works well with little tuning, "
                                 "not because it wins every race.") as tracker:
            self.play(FadeOut(self.round_parts[2]), run_time=0.4)
            self.play(Write(line), run_time=1.2)
            self.wait(max(0.0, tracker.duration - 1.6))
        self.verdict_line = line

    def recap_card(self):
        rows = VGroup()
        fs = 24
        head = VGroup(
            Text("optimizer", font=FONT, font_size=22, color=MUTED),
            Text("good at", font=FONT, font_size=22, color=MUTED),
            Text("watch out for", font=FONT, font_size=22, color=MUTED),
            *[Text(t, font=FONT, font_size=22, color=MUTED) for t in ("Rosen.", "Himm.", "Beale")],
        )
        for n in RACERS:
            good, watch = RECAP[n]
            sw = Line(LEFT * 0.2, RIGHT * 0.2, stroke_color=optimizer_color(n), stroke_width=7)
            name = VGroup(sw, Text(display_name(n), font=FONT, font_size=fs, color=TEXT)).arrange(RIGHT, buff=0.14)
            cells = [name, Text(good, font=FONT, font_size=fs, color=TEXT),
                     Text(watch, font=FONT, font_size=fs, color=TEXT)]
            for lname in LANDSCAPES:
                p = self.place[lname][n]
                cells.append(Text(str(p), font=FONT, font_size=fs, color=ACCENT if p == 1 else MUTED,
                                  weight="BOLD" if p == 1 else "NORMAL"))
            rows.add(VGroup(*cells))
        table = VGroup(head, *rows)
        widths = [max(row[c].width for row in table) + (0.45 if c < 3 else 0.3) for c in range(6)]
        xs = np.cumsum([0.0] + widths[:-1])
        for r, row in enumerate(table):
            y = -r * 0.5
            for c, cell in enumerate(row):
                if c >= 3:
                    cell.move_to([xs[c] + widths[c] / 2, y, 0])
                else:
                    cell.move_to([xs[c], y, 0], aligned_edge=LEFT)
                # sit every cell on one baseline: each starts with a capital letter or a digit
                first = cell[-1] if r == 0 else (cell[1][0] if c == 0 else cell[0])
                cell.shift(UP * (y - 0.1 - first.get_bottom()[1]))
        # zebra stripes behind every other row
        stripes = VGroup()
        for r in range(1, len(table), 2):
            stripe = Rectangle(width=sum(widths) + 0.3, height=0.48, stroke_width=0, fill_color=PANEL,
                               fill_opacity=0.9)
            stripe.move_to([sum(widths) / 2 - 0.15, -r * 0.5, 0])
            stripes.add(stripe)
        rule = Line([-0.15, -0.25, 0], [sum(widths) - 0.15, -0.25, 0], stroke_color=MUTED, stroke_width=1.5)
        r_adam = RACERS.index("adam") + 1
        adam_box = Rectangle(width=sum(widths) + 0.3, height=0.5, stroke_color=optimizer_color("adam"),
                             stroke_width=2.5, fill_opacity=0).move_to([sum(widths) / 2 - 0.15, -r_adam * 0.5, 0])
        card = VGroup(stripes, rule, table, adam_box)
        place(card, FULL_SLOT)
        card.shift(UP * 0.1)
        foot = Text(f"places: by steps until the loss stays within {TOLERANCE:g} of the minimum; lr tuned per optimizer",
                    font=FONT, font_size=22, color=MUTED)
        foot.scale_to_fit_width(min(foot.width, 12.6))
        foot.next_to(card, DOWN, buff=0.4).align_to(card, LEFT)
        VGroup(card, foot).move_to([0.0, (TITLE_SLOT.bottom + SAFE_BOTTOM) / 2, 0.0])
        title = Text("No single best optimizer. Adam is a solid default.", font=FONT, font_size=36, color=TEXT)
        title.scale_to_fit_width(min(title.width, TITLE_SLOT.width)).move_to(TITLE_SLOT.center)
        with self.voiceover(text="Here is the whole family at a glance: what each one is good at, "
                                 "what to watch out for, and where it placed today.") as tracker:
            self.play(FadeOut(self.round_parts[:2]), FadeOut(self.round_parts[3:]), FadeOut(self.round_results),
                      FadeOut(self.board), run_time=0.6)
            self.remove(*self.round_parts)
            self.play(FadeOut(self.verdict_line), FadeIn(title), run_time=0.5)
            self.play(FadeIn(stripes), FadeIn(rule), FadeIn(head), run_time=0.5)
            self.add(adam_box.set_stroke(opacity=0))
            self.play(AnimationGroup(*[FadeIn(r, shift=0.1 * RIGHT) for r in rows], lag_ratio=0.08), FadeIn(foot),
                      run_time=1.2)
            self.play(adam_box.animate.set_stroke(opacity=1), run_time=0.5)
            self.wait(max(0.0, tracker.duration - 3.3))


if __name__ == "__main__":  # check the tuned learning rates
    for lname in LANDSCAPES:
        for n in RACERS:
            lr = tune_lr(n, lname)
            flag = "" if lr == TUNED_LR[lname][n] else f"   (table: {TUNED_LR[lname][n]})"
            print(f"{lname:11s} {n:9s} {lr:g}{flag}")
