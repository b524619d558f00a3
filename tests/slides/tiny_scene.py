"""A small chapter for the slides tests: a title card, three beats (the second loops) and a final hold."""

from manim import LEFT, PI, RIGHT, UP, Dot, FadeIn, Rotate, Square, Text

from scenes.scene import ExplainerScene, loopable


class TinyBeats(ExplainerScene):
    chapter = 1
    title = "Tiny beats"
    description = "Three short beats for the slides tests."

    def construct(self):
        self.open_chapter(seconds=1.2)
        self.play_beats(self.appear, self.turn, self.move_right)
        self.final_hold(seconds=1.0)

    def appear(self):
        self.dot = Dot(radius=0.5, color="#F0E442").shift(LEFT * 4)
        self.label = Text("appear", font_size=40).to_edge(UP)
        with self.voiceover(text="A dot appears.") as tracker:
            self.play(FadeIn(self.dot), FadeIn(self.label), run_time=max(1.0, tracker.duration))

    @loopable
    def turn(self):
        """A square turns a quarter: its last picture is its first, so the clip loops without a seam."""
        self.remove(self.label)
        square = Square(side_length=2.5, color="#56B4E9", fill_opacity=0.6)
        self.add(square)
        self.square = square
        with self.voiceover(text="A square turns a quarter.") as tracker:
            self.play(Rotate(square, PI / 2), run_time=max(1.5, tracker.duration))

    def move_right(self):
        with self.voiceover(text="The dot moves right.") as tracker:
            self.play(self.dot.animate.shift(RIGHT * 8), run_time=max(1.0, tracker.duration))
