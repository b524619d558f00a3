"""The deck as a PowerPoint file (python-pptx): the same slides, clips that start on entry, speaker notes."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from .model import Clip, Slide
from .timing import Medium, set_autoplay

__all__ = ["write_pptx", "SLIDE_WIDTH", "SLIDE_HEIGHT"]

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
_BACKGROUND, _TEXT, _MUTED = "0E1117", "ECEFF4", "9AA3B2"
_PROS, _CONS = "009E73", "E69F00"
_BLANK_LAYOUT = 6


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def _text(slide, box: tuple[int, int, int, int], lines: list[tuple[str, int, str, bool]],
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> None:
    """A text box of ``(text, points, colour, bold)`` paragraphs."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the box stays where it is put (centred text stays centred)
    frame.vertical_anchor = anchor
    for i, (text, size, color, bold) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        p.space_after = Pt(size * 0.45)
        run = p.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(color)


def _fit(clip: Clip, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The largest rectangle of the clip's aspect inside ``box``, centred."""
    x, y, w, h = box
    if w / h > clip.aspect:
        cw, ch = int(h * clip.aspect), h
    else:
        cw, ch = w, int(w / clip.aspect)
    return x + (w - cw) // 2, y + (h - ch) // 2, cw, ch


def _audio_shape(slide, path: Path) -> int:
    """The narration as an audio shape (python-pptx only makes video shapes: retag it); its id."""
    size = Inches(0.4)
    shape = slide.shapes.add_movie(str(path), SLIDE_WIDTH - size - Inches(0.1), SLIDE_HEIGHT - size - Inches(0.1),
                                   size, size, mime_type="audio/mp4")
    link = shape._element.find(".//" + qn("a:videoFile"))
    video_rid = link.get(qn("r:link"))
    media = slide.part.related_part(video_rid)
    link.tag = qn("a:audioFile")
    link.set(qn("r:link"), slide.part.relate_to(media, RT.AUDIO))
    slide.part.drop_rel(video_rid)  # no longer referenced
    return shape.shape_id


def _add_clip(slide, deck: Path, clip: Clip, box: tuple[int, int, int, int]) -> None:
    x, y, w, h = _fit(clip, box)
    movie = slide.shapes.add_movie(str(deck / clip.video), x, y, w, h,
                                   poster_frame_image=str(deck / clip.poster), mime_type="video/mp4")
    media = [Medium(movie.shape_id, int(round(clip.duration * 1000)), clip.loop)]
    if clip.audio:
        media.append(Medium(_audio_shape(slide, deck / clip.audio), int(round(clip.duration * 1000)), False, "audio"))
    set_autoplay(slide, media)


def _title_slide(slide, s: Slide) -> None:
    big = 48 if s.kind == "deck" else 40
    lines = [(s.kicker, 20, _MUTED, False), (s.title, big, _TEXT, True)]
    lines += [(s.text, 20, _MUTED, False)] if s.text else []
    lines += [(p, 14, _MUTED, False) for p in s.points]
    _text(slide, (Inches(1.2), Inches(1.0), SLIDE_WIDTH - Inches(2.4), SLIDE_HEIGHT - Inches(2.0)), lines,
          PP_ALIGN.CENTER, MSO_ANCHOR.MIDDLE)


def _body_slide(slide, s: Slide, deck: Path) -> None:
    _text(slide, (Inches(0.5), Inches(0.3), SLIDE_WIDTH - Inches(1.0), Inches(0.9)), [(s.title, 32, _TEXT, True)])
    words_w = Inches(5.3) if s.clip else SLIDE_WIDTH - Inches(1.0)
    lines = [(p, 17, _TEXT, False) for p in s.points]
    if s.pros:
        lines += [("Good at", 18, _PROS, True)] + [(f"•  {p}", 15, _TEXT, False) for p in s.pros]
    if s.cons:
        lines += [("Watch out for", 18, _CONS, True)] + [(f"•  {p}", 15, _TEXT, False) for p in s.cons]
    _text(slide, (Inches(0.5), Inches(1.3), words_w, SLIDE_HEIGHT - Inches(1.6)), lines)
    if s.clip:
        left = Inches(0.5) + words_w + Inches(0.2)
        box = (left, Inches(1.3), SLIDE_WIDTH - left - Inches(0.3), SLIDE_HEIGHT - Inches(1.6))
        _add_clip(slide, deck, s.clip, box)


def _fill(slide, s: Slide, deck: Path) -> None:
    if s.kind in ("deck", "chapter"):
        _title_slide(slide, s)
    elif s.kind in ("beat", "clip"):
        _add_clip(slide, deck, s.clip, (0, 0, SLIDE_WIDTH, SLIDE_HEIGHT))
    else:
        _body_slide(slide, s, deck)


def write_pptx(slides: list[Slide], deck: Path, path: Path) -> None:
    """Write ``slides`` (their clips read from the deck folder ``deck``) to ``path``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    layout = prs.slide_layouts[_BLANK_LAYOUT]
    for s in slides:
        slide = prs.slides.add_slide(layout)
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(_BACKGROUND)
        _fill(slide, s, deck)
        slide.notes_slide.notes_text_frame.text = s.notes
    prs.save(str(path))
