"""The offline voices write real speech; the silent voice keeps the default voice's timing."""

from __future__ import annotations

import shutil
import wave

import numpy as np
import pytest

from scenes.narration import (
    EspeakService,
    FliteService,
    PiperService,
    SilentService,
    VoiceError,
    check_voice,
    joe_model,
    parse_voice,
    piper_problem,
    resolve_voice,
    spoken,
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
    said = _speak(FliteService(cache_dir=tmp_path / "f"), tmp_path / "f")
    silent = _speak(SilentService(timing_voice="flite:slt", cache_dir=tmp_path / "s"), tmp_path / "s")
    assert wav_duration(silent) == pytest.approx(wav_duration(said), abs=0.01)
    assert not _samples(silent).any()


def test_parse_voice():
    assert parse_voice("flite:awb") == ("flite", "awb")
    assert parse_voice("") == ("piper", None)
    assert parse_voice("piper:/x/y.onnx") == ("piper", "/x/y.onnx")
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


# --------------------------------------------------------------------------- piper
needs_piper = pytest.mark.skipif(bool(piper_problem(None)), reason="piper or its joe voice is not installed")


@needs_piper
def test_piper_speaks_and_is_byte_identical(tmp_path):
    """The default voice: real speech, and the same line twice (new processes) gives the same bytes."""
    a = PiperService(cache_dir=tmp_path / "a")
    b = PiperService(cache_dir=tmp_path / "b")
    wa, wb = _speak(a, tmp_path / "a"), _speak(b, tmp_path / "b")
    a.close()
    b.close()
    assert wav_duration(wa) > 1.5
    samples = _samples(wa)
    assert np.abs(samples).max() > 3000 and np.sqrt(np.mean(samples.astype(float) ** 2)) > 300
    assert wa.read_bytes() == wb.read_bytes()


@needs_piper
def test_piper_runs_as_its_own_process_and_streams_lines(tmp_path):
    """piper is never imported here; one process serves every line of a service."""
    import sys

    service = PiperService(cache_dir=tmp_path)
    _speak(service, tmp_path)
    pid = service._process.proc.pid
    service.generate_from_text("A second line, on the same process.", cache_dir=tmp_path)
    assert service._process.proc.pid == pid and service._process.proc.poll() is None
    service.close()
    assert "piper" not in sys.modules


@needs_piper
def test_cache_key_holds_model_hash_and_settings(tmp_path):
    """A changed voice model or setting never reuses old audio."""
    model = joe_model()
    copy = tmp_path / "voice.onnx"
    data = bytearray(model.read_bytes())
    copy.write_bytes(bytes(data))
    (tmp_path / "voice.onnx.json").write_bytes(model.with_name(model.name + ".json").read_bytes())
    same = PiperService(model=copy, cache_dir=tmp_path / "c")
    first = same.generate_from_text(TEXT)
    again = same.generate_from_text(TEXT)
    assert again["original_audio"] == first["original_audio"]  # cached
    slower = PiperService(model=copy, length_scale=1.3, cache_dir=tmp_path / "c")
    assert slower.generate_from_text(TEXT)["original_audio"] != first["original_audio"]
    data[-1] ^= 1  # another model file (one byte differs)
    copy.write_bytes(bytes(data))
    other = PiperService(model=copy, cache_dir=tmp_path / "c")
    assert other.settings()["model_sha256"] != same.settings()["model_sha256"]
    for s in (same, slower, other):
        s.close()


def test_piper_voice_path_is_checked(tmp_path):
    with pytest.raises(VoiceError, match="no piper voice model"):
        check_voice(f"piper:{tmp_path / 'missing.onnx'}")
    (tmp_path / "v.onnx").write_bytes(b"x")
    with pytest.raises(VoiceError, match=r"v\.onnx\.json"):
        check_voice(f"piper:{tmp_path / 'v.onnx'}")


def test_default_voice_falls_back_with_one_line(monkeypatch, capsys):
    """When piper cannot run, the default voice is flite:slt and one line on stderr says why."""
    import importlib.util

    import scenes.narration as nar

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "piper" else real(name, *a))
    nar._announce_fallback.cache_clear()
    monkeypatch.delenv("OPTIM_VOICE", raising=False)
    assert resolve_voice() == "flite:slt"
    assert resolve_voice() == "flite:slt"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "piper is not installed" in err[0] and "flite:slt" in err[0]
    assert resolve_voice("espeak") == "espeak"  # a voice asked for by name is kept


def test_lexicon_applies_to_speech_not_subtitles():
    line = "AdaGrad and RMSprop, then NAdam; AdamW with lr 1e-3 and 5.00e\u22124; \u03b3 \u00d7 \u221av, \u03b2\u2082."
    said = spoken(line)
    for word in ("Ada-Grad", "RMS prop", "N-Adam", "Adam-W", "learning rate", "ten to the minus 3",
                 "5.00 times ten to the minus 4", "gamma", "times", "square root of", "beta two"):
        assert word in said, (word, said)
    assert "AdaGrad" not in said and "1e-3" not in said
    assert " ".join(subtitle_chunks(line)) == line  # the subtitles keep what is written
    assert spoken("Adamant lrs and Adam") == "Adamant lrs and Adam"  # whole words only
