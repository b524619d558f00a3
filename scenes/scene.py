"""The base class of every chapter: the shared grammar of the video.

    class LearningRate(ExplainerScene):
        chapter = 3
        title = "The learning rate"
        description = "Same canyon, same start, three step sizes."

        def construct(self):
            self.open_chapter()
            self.play_beats(self.same_start, self.too_small, self.good, self.too_large)
            self.final_hold(caption)

        def too_small(self):
            k = settle_step(...)
            self.claim(f"sixty steps later she is still on the wall", k is None)
            with self.voiceover(text="...") as tracker:
                self.set_heading("Too small: a crawl")
                ...

What the base class gives every chapter:

- **voice**: ``$OPTIM_VOICE`` (see ``scenes.narration``), subtitles cut at sentences;
- **stage**: ``set_heading`` (the title slot), ``HERO``/``SIDE`` slots (``scenes.kit.layout``),
  ``takeaway`` (a statement card), ``final_hold`` (the corner caption appears only there);
- **numbers as events**: ``stamp`` puts a number large on screen when the voice says it;
- **claims**: ``claim(sentence, holds)`` fails the render when the computed run does not
  support what the narration says (``optim_core.analysis.ClaimError``);
- **beats**: ``play_beats`` records where each beat starts and ends (and whether it loops) in
  ``<video>.beats.json`` beside the video, with the beat's narration, for slides;
- **audit**: with ``$OPTIM_AUDIT`` set to a folder, every play records the texts on screen
  (size, content), the colours of the runs shown together and the numbers each voice-over
  block says, in ``<folder>/<Scene>.json``; the suite checks them (type floor, notation,
  colour distances, numbers as events);
- **render shortcuts** (``scenes.kit.speed``), exact and checked.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from manim import (
    RIGHT,
    BackgroundRectangle,
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

from optim_core.analysis import Claim
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, TITLE_SLOT
from scenes.kit.palette import ACCENT, BACKGROUND, FONT, MUTED, PANEL, TEXT
from scenes.kit import typeset
from scenes.kit import speed
from scenes.narration import make_service, subtitle_chunks

__all__ = ["ExplainerScene", "ExplainerThreeDScene", "TITLE_SECONDS", "HOLD_SECONDS", "FINAL_HOLD_SECONDS",
           "loopable", "AUDIT_ENV"]

TITLE_SECONDS = 2.4
HOLD_SECONDS = 2.5
#: the chapter's last picture, with its caption: long enough to read and to use as a slide
FINAL_HOLD_SECONDS = 4.0
#: a folder: each scene writes what its frames showed (texts, run colours, numbers said) to <Scene>.json
AUDIT_ENV = "OPTIM_AUDIT"
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-\u2212]?\d+)?(?![\w])")


def loopable(method):
    """Mark a beat whose clip can loop seamlessly on a slide (it ends on the picture it starts with)."""
    method.loopable = True
    return method


def clip_frames(path: str | os.PathLike) -> int:
    """The frames of a video file: the count its index holds (decoded and counted if it holds none)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return stream.frames or sum(1 for _ in container.decode(stream))


class ExplainerScene(VoiceoverScene):
    """A narrated chapter. Subclasses set ``chapter``, ``title`` and ``description``."""

    chapter: int = 0
    title: str = ""
    description: str = ""
    #: re-staged on the shared grammar (stage slots, type floor, notation, colours, numbers as events,
    #: beats); tests/test_grammar.py holds every chapter that sets this to its rules
    on_grammar: bool = False
    #: plays made only of the kit's ``draw()`` animations keep the static parts of the pictures
    #: (axes, labels, titles, and whatever cannot overlap a moving part) in Cairo's static frame
    fine_static_frame: bool = True

    def setup(self):
        super().setup()
        # render shortcuts (scenes.kit.speed): exact, and off with OPTIM_SPEEDUPS=0
        self.speedups = speed.install()
        self.static_plan = None
        self.plan_counts = {"planned": 0, "fell back": 0}
        self.heading = None
        self.claims: list[str] = []
        self.beat_log: list[dict] = []
        self._beat = None
        audit = os.environ.get(AUDIT_ENV, "").strip()
        self.audit = {"scene": type(self).__name__, "plays": [], "blocks": [], "claims": self.claims} if audit else None
        self._audit_dir = Path(audit) if audit else None
        self._block = None
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
        if plan is not None and not plan.check(self.renderer.camera, self.moving_mobjects):
            # from this frame on: manim's own split and manim's own static frame
            self.renderer.static_image = plan.stock_image
            self.moving_mobjects = plan.stock_moving
            self.static_plan = None
            self.plan_counts["fell back"] += 1
            speed.log.debug("static plan dropped at t=%.3f: %s", t, plan.reason)

    def add(self, *mobjects):
        """manim's ``add``; during a planned play, manim's own list of moving mobjects takes the
        added mobjects in too, as manim would (a fall-back goes on from that list)."""
        plan = getattr(self, "static_plan", None)
        if plan is None or config.renderer != RendererType.CAIRO:
            return super().add(*mobjects)
        planned = self.moving_mobjects
        self.moving_mobjects = plan.stock_moving
        super().add(*mobjects)  # manim's list, changed by manim
        plan.stock_moving = self.moving_mobjects
        # the plan's list, changed the same way (even when it is empty); a static mobject added
        # again is caught by the plan's check and the play falls back
        new = [*mobjects, *self.foreground_mobjects]
        self.moving_mobjects = planned
        self.restructure_mobjects(to_remove=new, mobject_list_name="moving_mobjects")
        self.moving_mobjects += new
        return self

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

    def play(self, *args, **kwargs):
        clock = self.renderer.time
        super().play(*args, **kwargs)
        self._clock_cached_play(clock)
        self.static_plan = None  # a plan lives for one play (``add`` between plays is manim's own)
        if self.audit is not None:
            self._audit_frame()  # the frame each play ends on (animated mobjects in their final state)

    def _clock_cached_play(self, clock: float) -> None:
        """After a play that manim served from its cache of partial movie files, set its clock as a fresh
        render would have: a fresh render adds 1/fps for every frame it writes (a play's last frame is
        rounded up; a still wait adds its whole frames at once), manim adds a cached play's run time. The
        voice-over lines, their subtitles, the beats and every wait timed to the voice are placed by this
        clock, so without this a re-render into the same media folder drifted from the fresh one (the
        voice ahead of the picture) and came out a different length."""
        r = self.renderer
        if not (r.skip_animations and getattr(r, "animations_hashes", None) and r.animations_hashes[-1]):
            return  # rendered (or skipped on purpose, as with -s / -n: manim's own clock then)
        frames = clip_frames(r.file_writer.partial_movie_files[-1])
        dt = 1 / r.camera.frame_rate
        if self.is_current_animation_frozen_frame():
            clock += frames * dt
        else:
            for _ in range(frames):
                clock += dt
        r.time = clock

    def until(self, tracker, fraction: float) -> None:
        """Wait until ``fraction`` of the current voice-over line has been spoken (no-op if past it)."""
        elapsed = tracker.duration - tracker.get_remaining_duration()
        wait = fraction * tracker.duration - elapsed
        if wait > 1 / config.frame_rate:
            self.wait(wait)

    # -- voice-over blocks: numbers as events, beats' narration ---------------------------------
    @contextlib.contextmanager
    def voiceover(self, text: str | None = None, ssml: str | None = None, **kwargs):
        """manim-voiceover's block, also recorded: its text goes to the current beat (speaker
        notes) and, when audited, the numbers it says are checked against what is on screen."""
        if self._beat is not None and text:
            self._beat["narration"].append(" ".join(text.split()))
        if self.audit is not None:
            self._block = {"text": text or "", "start": self.renderer.time, "seen": set()}
        with super().voiceover(text=text, ssml=ssml, **kwargs) as tracker:
            yield tracker
        if self.audit is not None and self._block is not None:
            self._audit_frame()
            block = self._block
            numbers = sorted(set(_NUMBER.findall(block["text"].replace("\u2212", "-"))))
            missing = [n for n in numbers if not any(_shows(n, seen) for seen in block["seen"])]
            self.audit["blocks"].append({"text": block["text"], "start": block["start"], "end": self.renderer.time,
                                         "numbers": numbers, "missing": missing})
            self._block = None

    # -- beats (for slides) ---------------------------------------------------------------------
    @contextlib.contextmanager
    def beat(self, name: str, loop: bool = False):
        """Record a beat: its start and end in the video, whether its clip loops, its narration."""
        outer = self._beat
        self._beat = {"name": name, "start": self.renderer.time, "loop": bool(loop), "narration": []}
        try:
            yield self._beat
        finally:
            self._beat["end"] = self.renderer.time
            if self._beat["end"] > self._beat["start"]:
                self.beat_log.append(self._beat)
            self._beat = outer

    def play_beats(self, *methods) -> None:
        """Run the beat methods in order, each recorded as a beat named after it."""
        for method in methods:
            with self.beat(method.__name__.strip("_").replace("_", " "), loop=getattr(method, "loopable", False)):
                method()

    # -- claims ---------------------------------------------------------------------------------
    def claim(self, sentence: str, holds, detail: str = "") -> None:
        """Stop the render unless the computed run supports ``sentence`` (a ClaimError names it)."""
        Claim(sentence, bool(holds), detail).verify()
        self.claims.append(sentence)

    # -- stage helpers ----------------------------------------------------------------------------
    def set_heading(self, text: str, run_time: float = 0.7, animate: bool = True):
        """Put ``text`` in the title slot (replacing the current heading); returns the heading."""
        new = typeset.text(text, "title")
        if new.width > TITLE_SLOT.width:
            new.scale_to_fit_width(TITLE_SLOT.width)
        new.move_to(TITLE_SLOT.center)
        self._fix(new)
        old = self.heading
        if animate:
            if old is not None:  # one heading at a time: the old one leaves before the new one comes
                self.play(FadeOut(old), run_time=0.35 * run_time)
            self.play(FadeIn(new, shift=0.15 * DOWN), run_time=0.65 * run_time)
        else:
            if old is not None:
                self.remove(old)
            self.add(new)
        self.heading = new
        return new

    def clear_heading(self, run_time: float = 0.5) -> None:
        if self.heading is not None:
            self.play(FadeOut(self.heading), run_time=run_time)
            self.heading = None

    def stamp(self, value: str, near=None, direction=RIGHT, color=TEXT, size: str = "stamp", buff: float = 0.25):
        """A number the voice says, large, on a panel (place it, then ``FadeIn`` it when it is said)."""
        label = typeset.text(value, size, color=color)
        if near is not None:
            label.next_to(near, direction, buff=buff)
        back = BackgroundRectangle(label, color=PANEL, fill_opacity=0.9, buff=0.12, corner_radius=0.1)
        return VGroup(back, label)

    def takeaway(self, *lines: str, width: float = 11.5) -> VGroup:
        """A statement card: one or more short lines, body size, on a panel (placed at the bottom)."""
        rows = VGroup(*[typeset.text(line, "body") for line in lines]).arrange(DOWN, buff=0.22)
        if rows.width > width:
            rows.scale_to_fit_width(width)
        card = VGroup(BackgroundRectangle(rows, color=PANEL, fill_opacity=0.94, buff=0.3, corner_radius=0.12), rows)
        card.move_to([0, SAFE_BOTTOM + card.height / 2, 0])
        self._fix(card)
        return card

    def final_hold(self, caption=None, seconds: float = FINAL_HOLD_SECONDS, replacing=None) -> None:
        """The chapter's last picture: its caption (optimizer, hyper-parameters, landscape) appears
        now (fading out ``replacing``, a note whose place it takes), and the frame holds long enough
        to read it and to use it as a slide."""
        if caption is not None:
            self._fix(caption)
            fades = [FadeOut(replacing)] if replacing is not None else []
            self.play(FadeIn(caption), *fades, run_time=0.6)
        if self.audit is not None:
            self.audit["final_caption"] = None if caption is None else [
                m.text for m in caption.get_family() if isinstance(m, Text)]
        with self.beat("final picture", loop=False):
            self.wait(seconds)

    # -- audit ------------------------------------------------------------------------------------
    def _audit_frame(self) -> None:
        """What the frame shows now: its texts (content and size), and the colours of its runs."""
        from scenes.kit.trajectory import TrajectoryPath

        texts, runs = [], set()
        fw, fh = config.frame_width, config.frame_height
        seen = set()

        def visible(m) -> bool:
            for f in m.family_members_with_points():
                try:
                    if f.get_fill_opacity() > 0.05 or f.get_stroke_opacity() > 0.05:
                        return True
                except Exception:
                    return True
            return False

        def on_screen(m) -> bool:
            try:
                return (m.get_right()[0] > -fw / 2 and m.get_left()[0] < fw / 2
                        and m.get_top()[1] > -fh / 2 and m.get_bottom()[1] < fh / 2)
            except Exception:
                return True

        def walk(m):
            if id(m) in seen:
                return
            seen.add(id(m))
            if isinstance(m, TrajectoryPath) and len(m.path.points) and m.path.get_stroke_opacity() > 0.05:
                runs.add(m.color.to_hex()[:7].upper() if hasattr(m.color, "to_hex") else str(m.color).upper())
            if typeset.is_text_like(m):
                if visible(m) and on_screen(m):
                    content = typeset.text_content(m)
                    cap = typeset.cap_height_px(m, fh)
                    script = typeset.script_px(m, fh)
                    texts.append({"kind": type(m).__name__, "text": content,
                                  "cap_px": None if cap is None else round(cap, 1),
                                  "script_px": None if script is None else round(script, 1)})
                    if self._block is not None:
                        self._block["seen"].add(content)
                return
            for sub in m.submobjects:
                walk(sub)

        for m in list(self.mobjects) + list(self.foreground_mobjects):
            walk(m)
        self.audit["plays"].append({"time": round(self.renderer.time, 3), "texts": texts, "runs": sorted(runs),
                                    "heading": typeset.text_content(self.heading) if self.heading else None})

    def tear_down(self):
        super().tear_down()
        try:
            movie = Path(self.renderer.file_writer.movie_file_path)
        except Exception:
            movie = None
        if movie is not None and self.beat_log:
            beats = {"scene": type(self).__name__, "chapter": self.chapter, "title": self.title,
                     "beats": [{k: b[k] for k in ("name", "start", "end", "loop", "narration")} for b in self.beat_log]}
            movie.with_suffix(".beats.json").write_text(json.dumps(beats, indent=1))
        if self.audit is not None:
            self._audit_frame()
            self._audit_dir.mkdir(parents=True, exist_ok=True)
            (self._audit_dir / f"{type(self).__name__}.json").write_text(json.dumps(self.audit, indent=1))

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
        kicker = typeset.text(f"Chapter {self.chapter}", "label", color=MUTED)
        name = typeset.text(self.title, "display")
        if name.width > 12.4:
            name.scale_to_fit_width(12.4)
        rule = Line(ORIGIN_LEFT, ORIGIN_RIGHT, color=ACCENT, stroke_width=3)
        rule.set_width(min(name.width, 6))
        card = VGroup(kicker, name, rule).arrange(DOWN, buff=0.35)
        return card

    def open_chapter(self, seconds: float = TITLE_SECONDS) -> None:
        """Title card: "Chapter N" and the title, then clear the stage."""
        with self.beat("title"):
            card = self.title_card()
            self._fix(card)
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.6)
            self.wait(max(0.0, seconds - 1.1))
            self.play(FadeOut(card), run_time=0.5)

    def hold(self, seconds: float = HOLD_SECONDS) -> None:
        """End on a still frame (usable as a slide)."""
        self.wait(seconds)

    def _fix(self, mob) -> None:
        """Title cards stay flat on the screen in 3D scenes. Only registered with the camera here (manim's
        ``add_fixed_in_frame_mobjects`` also adds them, which would show a card before it is played in)."""
        if isinstance(self, ThreeDScene):
            if config.renderer == RendererType.CAIRO:
                self.renderer.camera.add_fixed_in_frame_mobjects(mob)
            else:
                mob.fix_in_frame()


def _shows(number: str, content: str) -> bool:
    """Whether an on-screen text shows ``number`` (as written: 0.35, 60, 1e-3; true minus signs too)."""
    content = content.replace("\u2212", "-").replace("{-}", "-")
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", content) is not None


ORIGIN_LEFT = (-1.0, 0.0, 0.0)
ORIGIN_RIGHT = (1.0, 0.0, 0.0)


class ExplainerThreeDScene(ExplainerScene, ThreeDScene):
    """A narrated chapter with a 3D camera (surface views). Fixed-in-frame text via ``self.fix``."""

    def fix(self, *mobs) -> None:
        self.add_fixed_in_frame_mobjects(*mobs)
