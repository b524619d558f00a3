"""The base class of every chapter: narration service, dark theme, title card and closing still.

    class BlindfoldedCanyon(ExplainerScene):
        chapter = 2
        title = "The blindfolded canyon"
        description = "A hiker who only feels the slope; the landscape revealed; the update rule."

        def construct(self):
            self.open_chapter()
            with self.voiceover(text="Imagine a hiker ...") as tracker:
                self.play(Create(path), run_time=tracker.duration)
            self.hold()

The voice comes from ``$OPTIM_VOICE`` (see ``scenes.narration``); scenes never name one.
"""

from __future__ import annotations

from pathlib import Path

from manim import (
    RendererType,
    config,
    DOWN,
    LEFT,
    UP,
    FadeIn,
    FadeOut,
    Line,
    Text,
    ThreeDScene,
    VGroup,
)
from manim_voiceover import VoiceoverScene

from scenes.kit.layout import SAFE_LEFT, TITLE_SLOT
from scenes.kit.palette import ACCENT, BACKGROUND, FONT, MUTED, TEXT
from scenes.kit import speed
from scenes.narration import make_service, subtitle_chunks

__all__ = ["ExplainerScene", "ExplainerThreeDScene", "TITLE_SECONDS", "HOLD_SECONDS"]

TITLE_SECONDS = 2.4
HOLD_SECONDS = 2.5


class ExplainerScene(VoiceoverScene):
    """A narrated chapter. Subclasses set ``chapter``, ``title`` and ``description``."""

    chapter: int = 0
    title: str = ""
    description: str = ""
    #: plays made only of the kit's ``draw()`` animations keep the static parts of the pictures
    #: (axes, labels, titles, and whatever cannot overlap a moving part) in Cairo's static frame
    fine_static_frame: bool = True

    def setup(self):
        super().setup()
        # render shortcuts (scenes.kit.speed): exact, and off with OPTIM_SPEEDUPS=0
        self.speedups = speed.install()
        self.static_plan = None
        self.plan_counts = {"planned": 0, "fell back": 0}
        self.camera.background_color = BACKGROUND
        # one voice cache per scene: scenes rendered in parallel never write the same cache file
        cache = Path(config.media_dir) / "voiceovers" / type(self).__name__
        self.set_speech_service(make_service(cache_dir=cache))

    # -- the static plan (see scenes.kit.speed.StaticPlan) ---------------------------------------
    def begin_animations(self) -> None:
        super().begin_animations()
        self.static_plan = None
        if (not self.speedups or not self.fine_static_frame or isinstance(self, ThreeDScene)
                or config.renderer != RendererType.CAIRO or not self.moving_mobjects):
            return
        plan = speed.plan_play(self, self.animations, self.moving_mobjects)
        if plan is None:
            return
        # manim draws its static frame from its own static list; the plan adds its extras on the first frame
        self.static_plan = plan
        self.moving_mobjects = plan.moving
        self._plan_started = False

    def update_to_time(self, t: float) -> None:
        plan = self.static_plan
        if plan is not None and not self._plan_started:
            plan.draw_static(self.renderer)
            self._plan_started = True
            self.plan_counts["planned"] += 1
        super().update_to_time(t)
        if plan is not None and not plan.check(self.renderer.camera):
            # from this frame on: manim's own split and manim's own static frame
            self.renderer.static_image = plan.stock_image
            self.moving_mobjects = plan.stock_moving
            self.static_plan = None
            self.plan_counts["fell back"] += 1
            speed.log.debug("static plan dropped at t=%.3f: %s", t, plan.reason)

    def add_wrapped_subcaption(self, subcaption: str, duration: float, subcaption_buff: float = 0.1,
                               max_subcaption_len: int = 70) -> None:
        """Subtitles cut at sentence ends (long sentences at a comma or between words), each cue
        shown for its share of the spoken line by length; replaces manim-voiceover's even word split."""
        cues = subtitle_chunks(subcaption)
        total = sum(len(c) for c in cues) or 1
        offset = 0.0
        for cue in cues:
            share = duration * len(cue) / total
            self.add_subcaption(cue, duration=max(share - subcaption_buff, 0.0), offset=offset)
            offset += share

    # -- headings ---------------------------------------------------------------------------------
    def heading_text(self, text: str, font_size: float = 36, left: bool = False) -> Text:
        """A beat's heading in the title slot: shrunk to fit its width, centred (or at the left margin)."""
        t = Text(text, font=FONT, font_size=font_size, color=TEXT)
        if t.width > TITLE_SLOT.width:
            t.scale_to_fit_width(TITLE_SLOT.width)
        t.move_to(TITLE_SLOT.center)
        return t.set_x(SAFE_LEFT, direction=LEFT) if left else t

    # -- chapter frame ----------------------------------------------------------------------------
    def title_card(self) -> VGroup:
        kicker = Text(f"Chapter {self.chapter}", font=FONT, font_size=30, color=MUTED)
        name = Text(self.title, font=FONT, font_size=60, color=TEXT)
        if name.width > 12.4:
            name.scale_to_fit_width(12.4)
        rule = Line(ORIGIN_LEFT, ORIGIN_RIGHT, color=ACCENT, stroke_width=3)
        rule.set_width(min(name.width, 6))
        card = VGroup(kicker, name, rule).arrange(DOWN, buff=0.35)
        return card

    def open_chapter(self, seconds: float = TITLE_SECONDS) -> None:
        """Title card: "Chapter N" and the title, then clear the stage."""
        card = self.title_card()
        self._fix(card)
        self.play(FadeIn(card, shift=0.2 * UP), run_time=0.6)
        self.wait(max(0.0, seconds - 1.1))
        self.play(FadeOut(card), run_time=0.5)

    def hold(self, seconds: float = HOLD_SECONDS) -> None:
        """End on a still frame (usable as a slide)."""
        self.wait(seconds)

    def _fix(self, mob) -> None:
        """Title cards stay flat on the screen in 3D scenes."""
        if isinstance(self, ThreeDScene):
            self.add_fixed_in_frame_mobjects(mob)


ORIGIN_LEFT = (-1.0, 0.0, 0.0)
ORIGIN_RIGHT = (1.0, 0.0, 0.0)


class ExplainerThreeDScene(ExplainerScene, ThreeDScene):
    """A narrated chapter with a 3D camera (surface views). Fixed-in-frame text via ``self.fix``."""

    def fix(self, *mobs) -> None:
        self.add_fixed_in_frame_mobjects(*mobs)
