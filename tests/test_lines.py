"""``python -m scenes lines``: the spoken lines of rendered chapters, timed, and the files a recorded voice needs."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline_helpers import run_scenes
from scenes import registry
from scenes.narration import RecordedService, VoiceError, make_service, slug, wav_duration, write_silence
from scenes.pipeline.parts import resolve_parts
from scenes.pipeline.render import chapter_paths

LINES = ["Start at theta equals minus three.", "Each step multiplies the distance by 0.6."]


def _fake_render(media, number, lines=LINES):
    """What a render leaves for ``lines`` to read: the chapter's beats file."""
    part = resolve_parts([str(number)])[0]
    beats = chapter_paths(media, part)[0].with_suffix(".beats.json")
    beats.parent.mkdir(parents=True, exist_ok=True)
    beats.write_text(json.dumps({"scene": part.scene, "beats": [
        {"name": "title", "start": 0, "end": 2, "narration": []},
        {"name": "one", "start": 2, "end": 6, "narration": lines[:1]},
        {"name": "two", "start": 6, "end": 9, "narration": lines[1:]}]}))
    return part


def _rows(stdout):
    return [line.split("\t") for line in stdout.splitlines() if not line.startswith("#")]


def _one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in proc.stderr


def test_recorded_voice_lists_the_files_it_reads_and_what_is_missing(tmp_path):
    media, voice_dir = tmp_path / "media", tmp_path / "takes"
    voice_dir.mkdir()
    _fake_render(media, 3)
    write_silence(voice_dir / (slug(LINES[0]) + ".wav"), 1.25)  # only the first line is recorded
    proc = run_scenes("lines", "3", "--media-dir", media, "--voice", f"recorded:{voice_dir}")
    assert proc.returncode == 1, proc.stderr  # a line is still missing
    head = proc.stdout.splitlines()[0]
    assert head.startswith("# 3.") and "2 lines" in head and "1 not recorded" in head
    rows = _rows(proc.stdout)
    assert [r[2] for r in rows] == LINES
    assert rows[0][:2] == ["1.25", slug(LINES[0]) + ".wav"]
    assert rows[1][0] == "missing"
    # the name listed is the one the recorded voice reads when the chapter renders
    service = RecordedService(voice=str(voice_dir), cache_dir=str(tmp_path / "cache"))
    with pytest.raises(VoiceError, match=rows[1][1]):
        service.generate_from_text(LINES[1])
    shutil.copy(voice_dir / rows[0][1], voice_dir / rows[1][1])
    proc = run_scenes("lines", "3", "--media-dir", media, "--voice", f"recorded:{voice_dir}")
    assert proc.returncode == 0, proc.stderr
    assert [r[0] for r in _rows(proc.stdout)] == ["1.25", "1.25"]
    assert "2.5 s spoken" in proc.stdout.splitlines()[0]


def test_say_times_sentences_in_the_voice(tmp_path):
    proc = run_scenes("lines", "--media-dir", tmp_path, "--voice", "flite:slt", "--say", *LINES)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(proc.stdout)
    assert [r[2] for r in rows] == LINES
    # the same sentence spoken by the engine directly, into a cache of its own
    direct = make_service("flite:slt", cache_dir=str(tmp_path / "direct"))
    for row, text in zip(rows, LINES):
        wav = tmp_path / "direct" / direct.generate_from_text(text)["original_audio"]
        assert float(row[0]) == pytest.approx(wav_duration(wav), abs=0.006)
    assert float(rows[1][0]) > float(rows[0][0]) > 0.5  # the longer sentence takes longer


def test_without_names_it_lists_every_rendered_chapter(tmp_path):
    media = tmp_path / "media"
    _fake_render(media, 2)
    _fake_render(media, 5, LINES[::-1])
    proc = run_scenes("lines", "--media-dir", media, "--voice", "flite:slt")
    assert proc.returncode == 0, proc.stderr
    heads = [line for line in proc.stdout.splitlines() if line.startswith("#")]
    assert [h.split(".")[0] for h in heads] == ["# 2", "# 5"]
    assert [r[2] for r in _rows(proc.stdout)] == LINES + LINES[::-1]


def test_user_mistakes_are_one_line(tmp_path):
    _one_line_error(run_scenes("lines", "3", "--media-dir", tmp_path, "--voice", "flite:slt"),
                    "has not been rendered", "render 3")
    _one_line_error(run_scenes("lines", "--media-dir", tmp_path, "--voice", "flite:slt"), "no chapter")
    _one_line_error(run_scenes("lines", "3", "--say", "Hello.", "--voice", "flite:slt"), "--say")
    _one_line_error(run_scenes("lines", "--say", " ", "--voice", "flite:slt"), "non-empty")
    _one_line_error(run_scenes("lines", "--say", "Hi.", "--voice", "robot"), "robot")
    _one_line_error(run_scenes("lines", "NoSuchScene"), "NoSuchScene")


def test_lines_of_a_rendered_chapter_are_the_ones_it_spoke(rendered):
    """On the suite's render: every chapter's lines come back with no new speech (each is a hit in
    the chapter's voice cache, so they are exactly what the render spoke), in chapter order, and
    their speech fills most of the chapter."""
    before = sorted(p.name for p in (rendered / "voiceovers").rglob("*.wav"))
    proc = run_scenes("lines", "--media-dir", rendered)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (rendered / "voiceovers").rglob("*.wav")) == before
    heads = [h for h in proc.stdout.splitlines() if h.startswith("#")]
    assert [h.split(".")[0] for h in heads] == [f"# {c.number}" for c in registry.chapters()]
    from pipeline_helpers import ffprobe

    for head, chapter in zip(heads, registry.chapters()):
        spoken = float(head.split(" lines, ")[1].split(" s")[0])
        mp4 = chapter_paths(rendered, resolve_parts([chapter.scene])[0])[0]
        length = float(ffprobe(mp4)["format"]["duration"])
        assert 0.5 * length < spoken < length, (chapter.scene, spoken, length)
