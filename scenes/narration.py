"""Narration voices for the explainer: offline speech engines as manim-voiceover services.

A voice is chosen by name, never by editing a scene::

    OPTIM_VOICE=flite:slt   (default)  Debian's flite, its most natural offline voice
    OPTIM_VOICE=flite:awb              any voice ``flite -lv`` lists
    OPTIM_VOICE=espeak                 espeak-ng (``espeak:en-gb`` for another language/variant)
    OPTIM_VOICE=none                   silent; same subtitles and the same timing as the default voice
    OPTIM_VOICE=gtts | azure | openai | elevenlabs
                                       manim-voiceover's cloud services (install their extras and keys)
    OPTIM_VOICE=recorded:DIR           your own recordings: DIR/<slug>.wav per line (see README)

``python -m scenes render --voice NAME`` sets the same variable. Every service writes WAV (the stock
pyttsx3 service writes WAV bytes under an ``.mp3`` name on Linux, which manim-voiceover then fails
to read), and every spoken line becomes a subtitle through manim-voiceover's subcaptions.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from manim_voiceover.helper import remove_bookmarks
from manim_voiceover.services.base import SpeechService

__all__ = [
    "DEFAULT_VOICE",
    "VoiceError",
    "FliteService",
    "EspeakService",
    "SilentService",
    "RecordedService",
    "voice_names",
    "parse_voice",
    "voice_from_env",
    "check_voice",
    "make_service",
    "subtitle_chunks",
]

DEFAULT_VOICE = "flite:slt"
ENV = "OPTIM_VOICE"
CLOUD = ("gtts", "azure", "openai", "elevenlabs")
#: flite speaks a little fast for a lecture; stretch its durations by this factor.
FLITE_STRETCH = 1.08


class VoiceError(ValueError):
    """A voice name that cannot be used here; the message says what is allowed or what to install."""


def voice_names() -> list[str]:
    return ["flite[:VOICE]", "espeak[:VOICE]", "none", *CLOUD, "recorded:DIR"]


def parse_voice(name: str) -> tuple[str, str | None]:
    """Split ``"flite:slt"`` into ``("flite", "slt")``; reject unknown engines with a clear message."""
    engine, _, arg = name.strip().partition(":")
    engine = engine.lower()
    if engine in ("", "default"):
        return parse_voice(DEFAULT_VOICE)
    if engine in ("silent", "off"):
        engine = "none"
    if engine == "espeak-ng":
        engine = "espeak"
    if engine not in ("flite", "espeak", "none", "recorded", *CLOUD):
        raise VoiceError(f"unknown voice {name!r}; choose one of: {', '.join(voice_names())}")
    if engine == "recorded" and not arg:
        raise VoiceError("voice 'recorded' needs a folder: recorded:DIR")
    return engine, (arg or None)


def voice_from_env() -> str:
    return os.environ.get(ENV, "").strip() or DEFAULT_VOICE


def _flite_voices() -> list[str]:
    out = subprocess.run(["flite", "-lv"], capture_output=True, text=True, check=False).stdout
    return out.split(":", 1)[-1].split()


def check_voice(name: str) -> None:
    """Raise VoiceError (one line: what is wrong, what to install) unless ``name`` can speak here."""
    engine, arg = parse_voice(name)
    if engine in ("flite", "none"):
        if shutil.which("flite") is None:
            if engine == "none":
                return  # silent renders fall back to a words-per-second estimate
            raise VoiceError("the speech engine flite is not installed; run `make setup` "
                             "(or `apt-get install flite`), or use --voice none")
        if engine == "flite" and arg and arg not in _flite_voices() and not Path(arg).exists():
            raise VoiceError(f"flite has no voice {arg!r}; installed voices: {', '.join(_flite_voices())}")
    elif engine == "espeak":
        if shutil.which("espeak-ng") is None:
            raise VoiceError("the speech engine espeak-ng is not installed; run `make setup` "
                             "(or `apt-get install espeak-ng`), or use --voice none")
        if arg and subprocess.run(["espeak-ng", "-q", "-v", arg, "x"], capture_output=True,
                                  check=False).returncode != 0:
            raise VoiceError(f"espeak-ng has no voice {arg!r}; list them with `espeak-ng --voices` "
                             "(e.g. espeak:en-gb, espeak:en-us+f3)")
    elif engine == "recorded":
        if not Path(arg).is_dir():
            raise VoiceError(f"recorded voice folder {arg!r} does not exist")
    else:
        module = {"gtts": "gtts", "azure": "azure.cognitiveservices.speech",
                  "openai": "openai", "elevenlabs": "elevenlabs"}[engine]
        try:
            __import__(module)
        except ImportError:
            raise VoiceError(f"voice {engine!r} needs `pip install \"manim-voiceover[{engine}]\"` "
                             "and its API key; the offline default is flite:slt") from None


def slug(text: str, max_length: int = 48) -> str:
    """File-name stem for one spoken line: words, then a short hash (what RecordedService looks up)."""
    text = remove_bookmarks(" ".join(text.split()))
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_length].rstrip("-")
    return f"{words}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def wav_duration(path: str | os.PathLike) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def write_silence(path: str | os.PathLike, seconds: float, rate: int = 16000) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(round(seconds * rate)))


class _WavService(SpeechService):
    """Shared caching logic: subclasses implement ``synthesize(text, wav_path)``."""

    service = "wav"

    def __init__(self, voice: str | None = None, **kwargs):
        self.voice = voice
        super().__init__(**kwargs)

    def synthesize(self, text: str, wav_path: Path) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def generate_from_text(self, text, cache_dir=None, path=None, **kwargs):
        cache_dir = Path(cache_dir or self.cache_dir)
        input_text = remove_bookmarks(text)
        input_data = {"input_text": input_text, "service": self.service, "voice": self.voice}
        cached = self.get_cached_result(input_data, cache_dir)
        if cached is not None and (cache_dir / cached["original_audio"]).exists():
            return cached
        audio = path or (self.get_audio_basename(input_data) + ".wav")
        target = cache_dir / audio
        fd, tmp = tempfile.mkstemp(suffix=".wav", dir=cache_dir)
        os.close(fd)
        try:
            self.synthesize(input_text, Path(tmp))
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return {"input_text": text, "input_data": input_data, "original_audio": str(audio)}


class FliteService(_WavService):
    """Offline speech with flite (Debian package ``flite``); default voice ``slt``."""

    service = "flite"

    def __init__(self, voice: str | None = "slt", stretch: float = FLITE_STRETCH, **kwargs):
        self.stretch = stretch
        super().__init__(voice=voice or "slt", **kwargs)

    def synthesize(self, text, wav_path):
        cmd = ["flite", "-voice", self.voice, "--setf", f"duration_stretch={self.stretch}",
               "-t", text, "-o", str(wav_path)]
        subprocess.run(cmd, check=True, capture_output=True)


class EspeakService(_WavService):
    """Offline speech with espeak-ng (Debian package ``espeak-ng``)."""

    service = "espeak-ng"

    def __init__(self, voice: str | None = "en-us", speed: int = 160, **kwargs):
        self.speed = speed
        super().__init__(voice=voice or "en-us", **kwargs)

    def synthesize(self, text, wav_path):
        cmd = ["espeak-ng", "-v", self.voice, "-s", str(self.speed), "-w", str(wav_path), text]
        subprocess.run(cmd, check=True, capture_output=True)


class SilentService(_WavService):
    """Silence as long as the default voice would speak, so a silent render keeps the same timing."""

    service = "silent"
    WORDS_PER_SECOND = 2.6

    def __init__(self, timing_voice: str = "slt", **kwargs):
        super().__init__(voice=timing_voice, **kwargs)

    def spoken_seconds(self, text: str) -> float:
        if shutil.which("flite") is None:
            return max(0.8, len(text.split()) / self.WORDS_PER_SECOND)
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "timing.wav"
            FliteService.synthesize(self._timing, text, wav)
            return wav_duration(wav)

    @property
    def _timing(self):
        probe = object.__new__(FliteService)
        probe.voice, probe.stretch = self.voice, FLITE_STRETCH
        return probe

    def synthesize(self, text, wav_path):
        write_silence(wav_path, self.spoken_seconds(text))


class RecordedService(_WavService):
    """A recorded voice: one WAV per line in a folder, named ``slug(text) + '.wav'``.

    A missing line is an error that names the file to record (``python -m scenes lines`` lists them).
    """

    service = "recorded"

    def synthesize(self, text, wav_path):
        source = Path(self.voice) / (slug(text) + ".wav")
        if not source.exists():
            raise VoiceError(f"no recording for line {text[:40]!r}...: expected {source}")
        shutil.copyfile(source, wav_path)


def make_service(name: str | None = None, **kwargs) -> SpeechService:
    """The speech service for a voice name (default: ``$OPTIM_VOICE`` or flite:slt)."""
    name = name or voice_from_env()
    engine, arg = parse_voice(name)
    check_voice(name)
    if engine == "flite":
        return FliteService(voice=arg, **kwargs)
    if engine == "espeak":
        return EspeakService(voice=arg, **kwargs)
    if engine == "none":
        return SilentService(**kwargs)
    if engine == "recorded":
        return RecordedService(voice=arg, **kwargs)
    if engine == "gtts":
        from manim_voiceover.services.gtts import GTTSService
        return GTTSService(**kwargs)
    if engine == "azure":
        from manim_voiceover.services.azure import AzureService
        return AzureService(voice=arg or "en-US-AriaNeural", **kwargs)
    if engine == "openai":
        from manim_voiceover.services.openai import OpenAIService
        return OpenAIService(voice=arg or "nova", **kwargs)
    from manim_voiceover.services.elevenlabs import ElevenLabsService
    return ElevenLabsService(voice_name=arg or "Rachel", **kwargs)


#: longest subtitle cue, in characters (two lines of a typical 42-character subtitle)
SUBTITLE_MAX = 84
#: a sentence shorter than this is joined to a neighbouring cue when both fit in one
SUBTITLE_SHORT = 32


def subtitle_chunks(text: str, max_len: int = SUBTITLE_MAX) -> list[str]:
    """Split one spoken line into subtitle cues: one sentence per cue; a very short sentence shares
    the next one's cue (so that no cue flashes by); a cue longer than ``max_len`` characters is cut
    into balanced pieces, preferably after a sentence end or a comma (a single word longer than
    ``max_len`` stays whole)."""
    text = " ".join(remove_bookmarks(text).split())
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", text) if s]
    units: list[str] = []
    pending = ""
    for k, sentence in enumerate(sentences):
        if pending:
            sentence, pending = f"{pending} {sentence}", ""
        if len(sentence) < SUBTITLE_SHORT and k + 1 < len(sentences):
            pending = sentence
        else:
            units.append(sentence)
    cues: list[str] = []
    for unit in units:
        n = -(-len(unit) // max_len)
        while (pieces := _balanced_split(unit.split(" "), n, max_len)) is None:
            n += 1  # no word boundary gives n pieces that fit: one piece more
        cues += pieces
    return cues


def _balanced_split(words: list[str], n: int, max_len: int) -> list[str] | None:
    """``words`` as ``n`` pieces of about equal length, each at most ``max_len`` characters (a single
    longer word stays whole), cut preferably after a sentence end or a comma; ``None`` when the word
    boundaries allow no such cut."""
    if n >= len(words):
        return list(words)
    pieces = []
    while n > 1 and len(words) > 1:
        target = len(" ".join(words)) / n
        best, best_cost, length = None, float("inf"), -1
        for i, w in enumerate(words[:-1], start=1):
            length += len(w) + 1
            if length > max_len:
                break
            if -(-len(" ".join(words[i:])) // max_len) > n - 1:
                continue
            bonus = 0.5 if w[-1] in ".!?;" else 0.35 if w[-1] in ",:\u2014-" else 0.0
            cost = abs(length - target) - bonus * target
            if cost < best_cost:
                best, best_cost = i, cost
        if best is None:
            if len(words[0]) <= max_len:
                return None
            best = 1  # an overlong word on its own
        pieces.append(" ".join(words[:best]))
        words = words[best:]
        n -= 1
    pieces.append(" ".join(words))
    return pieces
