"""The .pptx re-opened with python-pptx (slides, notes, media parts, autoplay and loop timing), and
converted to PDF by LibreOffice (headless), its pages rendered to PNG."""

from __future__ import annotations

import numpy as np
import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from slides_helpers import deck_sections, frame_at, image, mean_diff

BACKGROUND = np.array([0x0E, 0x11, 0x17])


@pytest.fixture(scope="module")
def deck(built):
    prs = Presentation(str(built.pptx))
    return prs, list(prs.slides), deck_sections(built.deck)


def _media(slide, tag: str):
    """(shape id, linked part, poster part) of each ``a:videoFile`` / ``a:audioFile`` shape."""
    out = []
    for pic in slide._element.iter(qn("p:pic")):
        link = pic.find(".//" + qn(tag))
        if link is None:
            continue
        rel = slide.part.rels[link.get(qn("r:link"))]
        poster = slide.part.related_part(pic.find(".//" + qn("a:blip")).get(qn("r:embed")))
        out.append((int(pic.find(".//" + qn("p:cNvPr")).get("id")), rel, poster))
    return out


def _timing(slide):
    return slide._element.find(qn("p:timing"))


def test_same_slides_with_notes(deck):
    prs, slides, sections = deck
    assert len(slides) == len(sections)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9, 13.333 x 7.5 in
    for i, slide in enumerate(slides):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), f"slide {i + 1}"


def test_every_clip_is_embedded_with_its_first_frame_as_poster(deck, built):
    _, slides, sections = deck
    for slide, section in zip(slides, sections):
        videos = _media(slide, "a:videoFile")
        assert len(videos) == len(section["videos"])
        for (_, rel, poster), attrs in zip(videos, section["videos"]):
            clip = built.deck / attrs["data-src"]
            assert rel.reltype == RT.VIDEO
            assert rel.target_part.content_type == "video/mp4"
            assert rel.target_part.blob == clip.read_bytes()
            assert mean_diff(frame_at(clip, 0.0), image(poster.blob)) < 3.0


def test_clips_start_on_entry_and_loop_where_marked(deck):
    _, slides, sections = deck
    for n, (slide, section) in enumerate(zip(slides, sections), 1):
        timing = _timing(slide)
        if not section["videos"]:
            assert timing is None, f"slide {n}: timing without media"
            continue
        [(vid, _, _)] = _media(slide, "a:videoFile")
        begin = timing.findall(".//" + qn("p:cond"))
        assert any(c.get("evt") == "onBegin" for c in begin), f"slide {n}: not started with the slide"
        plays = [c for c in timing.iter(qn("p:cmd")) if c.get("cmd") == "playFrom(0.0)"]
        targets = {int(c.find(".//" + qn("p:spTgt")).get("spid")) for c in plays}
        assert vid in targets, f"slide {n}: no playFrom for the video"
        auto = [c.get("nodeType") for c in timing.iter(qn("p:cTn")) if c.get("presetClass") == "mediacall"]
        assert auto[0] == "afterEffect" and "clickEffect" not in auto
        [node] = [v for v in timing.iter(qn("p:video"))
                  if int(v.find(".//" + qn("p:spTgt")).get("spid")) == vid]
        repeat = node.find(qn("p:cMediaNode") + "/" + qn("p:cTn")).get("repeatCount")
        assert (repeat == "indefinite") == (section["videos"][0]["data-loop"] == "true"), f"slide {n}"


def test_narration_rides_along_as_audio(deck, built):
    _, slides, sections = deck
    with_audio = 0
    for slide, section in zip(slides, sections):
        audio = _media(slide, "a:audioFile")
        assert len(audio) == len(section["audio"])
        for (aid, rel, _), attrs in zip(audio, section["audio"]):
            with_audio += 1
            assert rel.reltype == RT.AUDIO and rel.target_part.content_type == "audio/mp4"
            assert rel.target_part.blob == (built.deck / attrs["data-src"]).read_bytes()
            timing = _timing(slide)
            [node] = [a for a in timing.iter(qn("p:audio"))
                      if int(a.find(".//" + qn("p:spTgt")).get("spid")) == aid]
            assert node.find(qn("p:cMediaNode") + "/" + qn("p:cTn")).get("repeatCount") is None
            plays = {int(c.find(".//" + qn("p:spTgt")).get("spid")) for c in timing.iter(qn("p:cmd"))}
            assert aid in plays
    assert with_audio == 3  # the spoken beats; the final picture is silent


def test_libreoffice_renders_every_slide(pdf_pages, deck, built):
    _, slides, sections = deck
    assert len(pdf_pages) == len(slides)
    for page, section in zip(pdf_pages, sections):
        px = image(page)
        if section["kind"] == "beat":  # a full-slide clip: the page shows its poster frame
            poster = image(built.deck / section["videos"][0]["poster"])
            assert mean_diff(px, poster) < 12.0, page.name
            continue
        ink = (np.abs(px.astype(int) - BACKGROUND).sum(axis=2) > 60).mean()
        assert ink > 0.004, f"{page.name} looks blank ({ink:.4f})"
