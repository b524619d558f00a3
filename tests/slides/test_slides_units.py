"""Beats, subtitles, timing XML, page and output checks: the pure parts of the slides package (fast)."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from scenes.pipeline.errors import PipelineError
from scenes.pipeline.media import Cue
from scenes.slides.beats import Beat, beat_cues, read_beats, slide_beats, webvtt
from scenes.slides.build import MARKER, check_output_dir, check_pptx_path
from scenes.slides.html import render_html
from scenes.slides.intro import INTRO
from scenes.slides.model import Clip, Slide, slug
from scenes.slides.timing import Medium, timing_xml

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_title_only_chapter_becomes_one_whole_slide():
    beats = [Beat("title", 0.0, 2.4)]
    cues = [Cue(3.0, 4.0, "First line."), Cue(5.0, 6.5, "Second\nline.")]
    [whole] = slide_beats(beats, 30.0, cues)
    assert (whole.start, whole.end, whole.loop) == (0.0, 30.0, False)
    assert whole.narration == ("First line.", "Second line.")


def test_no_beats_file_means_one_whole_slide(tmp_path):
    assert read_beats(tmp_path / "missing.beats.json") == []
    (tmp_path / "bad.beats.json").write_text("{not json")
    assert read_beats(tmp_path / "bad.beats.json") == []
    [whole] = slide_beats([], 12.5)
    assert (whole.start, whole.end) == (0.0, 12.5)


def test_usable_beats_are_ordered_clamped_and_never_overlap(tmp_path):
    data = {"beats": [
        {"name": "b", "start": 5.0, "end": 9.0, "loop": True, "narration": ["two"]},
        {"name": "title", "start": 0.0, "end": 2.0, "loop": False, "narration": []},
        {"name": "a", "start": 2.0, "end": 5.0, "loop": False, "narration": ["one"]},
        {"name": "inner", "start": 6.0, "end": 7.0, "loop": False, "narration": []},   # nested in b
        {"name": "blink", "start": 9.0, "end": 9.1, "loop": False, "narration": []},   # too short
        {"name": "tail", "start": 9.5, "end": 40.0, "loop": False, "narration": []},   # past the video
        {"name": "broken", "start": "x"},
    ]}
    path = tmp_path / "c.beats.json"
    path.write_text(json.dumps(data))
    beats = slide_beats(read_beats(path), 20.0)
    assert [(b.name, b.start, b.end, b.loop) for b in beats] == [
        ("a", 2.0, 5.0, False), ("b", 5.0, 9.0, True), ("tail", 9.5, 20.0, False)]
    assert beats[1].narration == ("two",)


def test_beat_cues_are_shifted_and_cut_to_the_beat():
    cues = [Cue(1.0, 3.0, "before and into"), Cue(4.0, 5.0, "inside"), Cue(5.5, 9.0, "runs past"),
            Cue(9.5, 10.0, "after")]
    own = beat_cues(cues, Beat("b", 2.0, 6.0))
    assert own == [Cue(0.0, 1.0, "before and into"), Cue(2.0, 3.0, "inside"), Cue(3.5, 4.0, "runs past")]


def test_webvtt_format():
    text = webvtt([Cue(0.0, 1.25, "One --> two"), Cue(61.5, 3725.0, "Hours")])
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.250\nOne -> two\n")
    assert "\n00:01:01.500 --> 01:02:05.000\nHours\n" in text


def _media_nodes(xml: str):
    root = etree.fromstring(xml)
    return root, {int(n.find(f"{P}cMediaNode/{P}tgtEl/{P}spTgt").get("spid")): n for n in
                  root.iter(f"{P}video", f"{P}audio")}


def test_timing_starts_every_medium_on_entry_and_loops_only_where_marked():
    xml = timing_xml([Medium(4, 2500, loop=True), Medium(5, 2500, loop=False, kind="audio")])
    root, nodes = _media_nodes(xml)
    ids = [int(c.get("id")) for c in root.iter(f"{P}cTn")]
    assert len(ids) == len(set(ids)) and sorted(ids) == list(range(1, len(ids) + 1))
    main = [c for c in root.iter(f"{P}cTn") if c.get("nodeType") == "mainSeq"]
    assert len(main) == 1
    begin = root.findall(f".//{P}cond[@evt='onBegin']")
    assert len(begin) == 1 and begin[0].find(f"{P}tn").get("val") == main[0].get("id")
    plays = root.findall(f".//{P}cmd[@cmd='playFrom(0.0)']")
    assert sorted(int(p.find(f".//{P}spTgt").get("spid")) for p in plays) == [4, 5]
    effects = [c.get("nodeType") for c in root.iter(f"{P}cTn") if c.get("presetClass") == "mediacall"]
    assert effects == ["afterEffect", "withEffect"]
    assert nodes[4].tag == f"{P}video" and nodes[5].tag == f"{P}audio"
    assert nodes[4].find(f"{P}cMediaNode/{P}cTn").get("repeatCount") == "indefinite"
    assert nodes[5].find(f"{P}cMediaNode/{P}cTn").get("repeatCount") is None


def _slide(kind="beat", loop=False, vtt="", audio=""):
    clip = Clip("clips/a b.mp4", "clips/a.jpg", 854, 480, 2.0, loop, vtt, audio)
    return Slide(kind, 'A "quoted" <title>', "notes & more", clip)


def test_page_loads_nothing_from_outside_and_escapes_text():
    page = render_html([_slide(loop=True, vtt="WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHi\n",
                               audio="clips/a.m4a"), _slide(kind="clip")], "Deck", audio=True)
    urls = re.findall(r'(?:src|href|data-src|poster)="([^"]*)"', page)
    assert urls and all(u.startswith(("reveal/", "clips/", "data:text/vtt;base64,")) for u in urls)
    assert "http:" not in page and "https:" not in page
    assert 'data-title="A &quot;quoted&quot; &lt;title&gt;"' in page
    assert '<aside class="notes">notes &amp; more</aside>' in page
    assert page.count("<video ") == 2 and page.count(" loop") == 1
    assert '<audio class="narration" data-autoplay muted' in page and 'id="sound"' in page


def test_intro_words_cover_every_optimizer_family_and_name_their_chapters():
    titles = [s.title for s in INTRO]
    for name in ("Gradient descent", "Momentum", "AdaGrad", "RMSprop", "Adam", "AdamW"):
        assert any(name in t for t in titles), name
    for s in INTRO:
        assert s.notes and s.chapters
        assert s.spec is None or s.spec["video"]["loop"] is True
        if s.pros:
            assert s.cons, f"{s.title}: pros without cons"


def test_slug():
    assert slug("Each stride multiplies!") == "each-stride-multiplies"
    assert slug("γ = 0.6") == "0-6" and slug("***") == "clip"


def test_output_folder_rules(tmp_path):
    assert check_output_dir(tmp_path / "new") == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    check_output_dir(tmp_path / "empty")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(PipelineError, match="not a deck made by this command"):
        check_output_dir(mine)
    (mine / MARKER).write_text("{}")
    check_output_dir(mine)  # an earlier deck: replaced when the new one is done
    (tmp_path / "file").write_text("x")
    with pytest.raises(PipelineError, match="not a folder"):
        check_output_dir(tmp_path / "file")
    with pytest.raises(PipelineError, match="does not exist"):
        check_output_dir(tmp_path / "no" / "deck")


def test_pptx_path_rules(tmp_path):
    assert check_pptx_path(None) is None
    with pytest.raises(PipelineError, match="must end in .pptx"):
        check_pptx_path(tmp_path / "deck.ppt")
    with pytest.raises(PipelineError, match="outside the deck folder"):
        check_pptx_path(tmp_path / "deck" / "deck.pptx", tmp_path / "deck")
    with pytest.raises(PipelineError, match="cannot write"):
        check_pptx_path("/proc/deck.pptx")
