"""The offline voices write real speech; the silent voice keeps the default voice's timing."""

from __future__ import annotations

import shutil
import wave

import numpy as np
import pytest

from scenes.narration import (
    EspeakService,
    FliteService,
    SilentService,
    VoiceError,
    check_voice,
    parse_voice,
    subtitle_chunks,
    wav_duration,
)

TEXT = "Gradient descent takes a small step against the slope."


def _samples(path):
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def _speak(service, tmp_path):
    result = service.generate_from_text(TEXT, cache_dir=tmp_path)
    return tmp_path / result["original_audio"]


@pytest.mark.skipif(shutil.which("flite") is None, reason="flite is not installed")
def test_flite_speaks(tmp_path):
    wav = _speak(FliteService(cache_dir=tmp_path), tmp_path)
    assert wav.suffix == ".wav"
    assert wav_duration(wav) > 1.0
    samples = _samples(wav)
    assert np.abs(samples).max() > 1000
    assert np.sqrt(np.mean(samples.astype(float) ** 2)) > 100


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_speaks(tmp_path):
    wav = _speak(EspeakService(cache_dir=tmp_path), tmp_path)
    assert wav_duration(wav) > 1.0
    assert np.abs(_samples(wav)).max() > 1000


@pytest.mark.skipif(shutil.which("flite") is None, reason="flite is not installed")
def test_silent_keeps_flite_timing(tmp_path):
    (tmp_path / "f").mkdir()
    (tmp_path / "s").mkdir()
    spoken = _speak(FliteService(cache_dir=tmp_path / "f"), tmp_path / "f")
    silent = _speak(SilentService(cache_dir=tmp_path / "s"), tmp_path / "s")
    assert wav_duration(silent) == pytest.approx(wav_duration(spoken), abs=0.01)
    assert not _samples(silent).any()


def test_parse_voice():
    assert parse_voice("flite:awb") == ("flite", "awb")
    assert parse_voice("") == ("flite", "slt")
    assert parse_voice("espeak-ng") == ("espeak", None)
    assert parse_voice("silent") == ("none", None)


@pytest.mark.parametrize("name,needle", [("robot", "robot"), ("recorded", "recorded:DIR"),
                                         ("recorded:/no/such/dir", "/no/such/dir")])
def test_bad_voices(name, needle):
    with pytest.raises(VoiceError) as e:
        check_voice(name)
    message = str(e.value)
    assert needle in message and "\n" not in message


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_voices_are_checked():
    check_voice("espeak:en-gb")
    check_voice("espeak:en-us+f3")
    with pytest.raises(VoiceError, match="espeak-ng has no voice 'elvish'"):
        check_voice("espeak:elvish")


@pytest.mark.skipif(shutil.which("flite") is None, reason="flite is not installed")
def test_unknown_flite_voice():
    with pytest.raises(VoiceError, match="installed voices"):
        check_voice("flite:nobody")


def test_missing_engine(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(VoiceError, match="espeak-ng"):
        check_voice("espeak")
    with pytest.raises(VoiceError, match="flite"):
        check_voice("flite")
    check_voice("none")  # silent renders fall back to an estimate


def test_subtitle_chunks_cut_at_sentences_and_balance_long_ones():
    text = ("Imagine a hiker in a deep canyon at night. She cannot see anything at all, but with every "
            "step she feels which way the ground tilts under her boots, and she steps downhill, against "
            "the slope. Is that enough? Often, it is.")
    cues = subtitle_chunks(text)
    assert " ".join(cues) == " ".join(text.split())          # nothing lost, nothing added
    assert all(len(c) <= 84 for c in cues)
    assert cues[0] == "Imagine a hiker in a deep canyon at night."
    assert cues[1].startswith("She cannot") and not cues[1].endswith(".")
    assert cues[2].endswith("against the slope.")
    assert cues[-1] == "Is that enough? Often, it is."     # short sentences share a cue
    assert abs(len(cues[1]) - len(cues[2])) < 20              # a long sentence is split evenly


def test_subtitle_chunks_prefer_commas_and_keep_long_words():
    cues = subtitle_chunks("First we compute the gradient of the loss for the whole batch, then we take one "
                           "small step downhill along it.", max_len=70)
    assert cues[0].endswith("batch,")
    assert subtitle_chunks("x" * 100) == ["x" * 100]
    assert subtitle_chunks("  ") == []


def test_a_short_sentence_shares_the_next_cue():
    cues = subtitle_chunks("Run on. Every step adds to both totals, so both step sizes shrink, "
                           "and the point slows down.")
    assert cues == ["Run on. Every step adds to both totals,", "so both step sizes shrink, and the point slows down."]
    assert subtitle_chunks("Look. Then think.") == ["Look. Then think."]


def test_a_cue_that_cannot_be_halved_is_cut_in_three():
    text = ("Adam won no round here. It is the usual default because, on real networks with millions of "
            "parameters, it works well with little tuning, not because it wins every race.")
    cues = subtitle_chunks(text)
    assert " ".join(cues) == text
    assert len(cues) == 3 and all(20 <= len(c) <= 84 for c in cues)
