"""One type scale for the whole video, a floor nothing on screen goes below, and how big a text really is.

Sizes are named, never typed: ``text("settled", "label")``, ``tex(r"\\gamma = 0.35", "formula")``.
Every size keeps capital letters at least ``FLOOR_PX`` tall on a 1080p frame (about 30 px: readable
from the back of a lecture hall and on a phone). ``cap_height_px(mob)`` measures a text on screen
from its glyphs (scale and all), and ``script_px`` the smallest sub- or superscript of a formula;
the suite checks every text of every rendered chapter against the floor.

==========  ===========  ======================  =========================
name        Text size    capitals at 1080p       use
==========  ===========  ======================  =========================
display     64           87 px                   the title card
title       44           60 px                   a beat's heading
stamp       56           77 px                   a number the voice says
body        36           49 px                   statements, takeaways
label       30           41 px                   direct labels, legends, axis names
small       26           36 px                   tick labels, captions, readouts
==========  ===========  ======================  =========================

Formulas (Computer Modern, MathTex) run smaller at the same size, and their scripts are 70 %:
``TEX_SIZES`` keeps the scripts of ``formula`` and ``label`` formulas above the floor.
"""

from __future__ import annotations

from manim import MathTex, Text

from .notation import check_tex
from .palette import FONT, TEXT

__all__ = ["SIZES", "TEX_SIZES", "FLOOR_PX", "REFERENCE_HEIGHT", "text", "tex", "cap_height_px", "script_px",
           "is_text_like", "text_content"]

#: Text (DejaVu Sans) font sizes by role
SIZES = {"display": 64, "title": 44, "stamp": 56, "body": 36, "label": 30, "small": 26}
#: MathTex font sizes by role: a formula's scripts (70 %) stay above the floor
TEX_SIZES = {"display": 72, "formula": 48, "label": 46, "stamp": 64}
#: the smallest capital letters allowed on a 1080p frame, in pixels
FLOOR_PX = 30.0
#: frame height in pixels the floor refers to
REFERENCE_HEIGHT = 1080

#: capital-height per unit of font size at 1080p, measured: DejaVu Sans "H" at 36 is 49.3 px,
#: Computer Modern "H" at 32 is 30.6 px; DejaVu Sans Mono digits at 24 are 34.1 px
_TEXT_CAP = 49.3 / 36
_TEX_CAP = 30.6 / 32
#: TeX's script size is 70 % of the text size (7 pt scripts in 10 pt text)
SCRIPT_RATIO = 0.7
_CAP_CHARS = set("ABDEFHIKLMNPRTUVWXYZ1234567890")
_X_CHARS = set("xzvwunmr")
_X_TO_CAP = 0.75  # DejaVu Sans x-height / cap-height


def text(content: str, size: str = "body", color=TEXT, **kwargs) -> Text:
    """A ``Text`` in the kit's font at a named size (``SIZES``)."""
    if size not in SIZES:
        raise ValueError(f"unknown text size {size!r}; one of {', '.join(SIZES)}")
    return Text(content, font=kwargs.pop("font", FONT), font_size=SIZES[size], color=color, **kwargs)


def tex(content: str, size: str = "formula", color=TEXT, **kwargs) -> MathTex:
    """A ``MathTex`` at a named size (``TEX_SIZES``), its symbols checked against the notation table."""
    if size not in TEX_SIZES:
        raise ValueError(f"unknown formula size {size!r}; one of {', '.join(TEX_SIZES)}")
    bad = check_tex(content)
    if bad:
        raise ValueError(f"formula {content!r} uses {', '.join(bad)}, not in the notation table (scenes.kit.notation)")
    return MathTex(content, font_size=TEX_SIZES[size], color=color, **kwargs)


def _px(height_units: float, frame_height: float = 8.0) -> float:
    return height_units / frame_height * REFERENCE_HEIGHT


def _tex_part_class():
    try:
        from manim.mobject.text.tex_mobject import MathTexPart
    except ImportError:  # pragma: no cover - other manim versions
        return ()
    return (MathTexPart,)


def is_text_like(mob) -> bool:
    """Text, MarkupText, MathTex/Tex (or one part of a MathTex), a number mobject, or the kit's LiveText."""
    from manim import DecimalNumber, MarkupText, SingleStringMathTex

    from .live_text import LiveText

    return isinstance(mob, (Text, MarkupText, SingleStringMathTex, DecimalNumber, LiveText, *_tex_part_class()))


_PART_REF: dict[str, float] = {}


def _part_font_size(part) -> float | None:
    """The font size a MathTex part is drawn at now: its height against the same LaTeX at size 48."""
    s = part.tex_string
    if s not in _PART_REF:
        try:
            _PART_REF[s] = MathTex(s, font_size=48).height
        except Exception:
            _PART_REF[s] = 0.0
    ref = _PART_REF[s]
    return 48 * part.height / ref if ref > 0 and part.height > 0 else None


def text_content(mob) -> str:
    """What a text-like mobject says: its text, LaTeX source, or current readout."""
    from manim import DecimalNumber, MarkupText, SingleStringMathTex

    from .live_text import LiveText

    if isinstance(mob, LiveText):
        return mob.text or ""
    if isinstance(mob, (Text, MarkupText)):
        return mob.original_text if hasattr(mob, "original_text") else mob.text
    if isinstance(mob, DecimalNumber):
        return f"{mob.get_value():.{mob.num_decimal_places}f}"
    if isinstance(mob, SingleStringMathTex) or isinstance(mob, _tex_part_class()):
        return mob.tex_string
    return ""


def cap_height_px(mob, frame_height: float = 8.0) -> float | None:
    """How tall a capital letter of ``mob`` is on a 1080p frame, measured on its glyphs now (None: no glyphs)."""
    from manim import DecimalNumber, MarkupText, SingleStringMathTex

    from .live_text import LiveText

    if isinstance(mob, LiveText):
        glyphs = mob.glyphs()
        if not glyphs:
            return None
        scale = abs(mob.ruler.points[-1][0] - mob.ruler.points[0][0]) / (
            mob.advance * (mob.width_chars + 0.5))
        return _px(mob.digit_height * scale, frame_height)
    if isinstance(mob, (Text, MarkupText)):
        chars = [c for c in mob.text if not c.isspace()]
        glyphs = [g for g in mob.submobjects if len(g.points) or g.submobjects]
        if len(chars) == len(glyphs):
            caps = [g.height for c, g in zip(chars, glyphs) if c in _CAP_CHARS]
            if caps:
                return _px(max(caps), frame_height)
            xs = [g.height for c, g in zip(chars, glyphs) if c in _X_CHARS]
            if xs:
                return _px(max(xs) / _X_TO_CAP, frame_height)
        if mob.height == 0:
            return None
        return mob.font_size * _TEXT_CAP * (8.0 / frame_height)
    if isinstance(mob, (SingleStringMathTex, DecimalNumber)):
        if mob.height == 0:
            return None
        return mob.font_size * _TEX_CAP * (8.0 / frame_height)
    if isinstance(mob, _tex_part_class()):
        fs = _part_font_size(mob)
        return None if fs is None else fs * _TEX_CAP * (8.0 / frame_height)
    return None


def script_px(mob, frame_height: float = 8.0) -> float | None:
    """The smallest capital height of a formula's sub- and superscripts (its main size if it has none)."""
    from manim import SingleStringMathTex

    main = cap_height_px(mob, frame_height)
    if main is None or not isinstance(mob, (SingleStringMathTex, *_tex_part_class())):
        return main
    s = mob.tex_string
    has_scripts = any(ch in s for ch in "^_") or "\\tfrac" in s
    return main * SCRIPT_RATIO if has_scripts else main
