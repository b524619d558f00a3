"""Small media helpers: atomic outputs, ffprobe, SubRip files, ffmpeg runs."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["atomic_output", "probe", "duration", "Cue", "read_srt", "write_srt", "readable_cues", "run_ffmpeg",
           "FFmpegError", "Loudness", "measure_loudness", "loudnorm_filter", "LOUDNESS_TARGET", "TRUE_PEAK_MAX"]


@contextlib.contextmanager
def atomic_output(final: str | os.PathLike):
    """Yield a temporary path beside ``final``; move it into place only if the block completes.

    On any exception (including KeyboardInterrupt) the temporary file is removed and ``final``
    is left as it was.
    """
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.stem}.part-{os.getpid()}{final.suffix}")
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


class FFmpegError(RuntimeError):
    pass


def run_ffmpeg(args: list[str], log: Path | None = None) -> None:
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error", *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if log is not None:
        with open(log, "a") as f:
            f.write("\n$ " + " ".join(cmd) + "\n" + proc.stderr)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise FFmpegError(f"ffmpeg failed: {last}")


def probe(path: str | os.PathLike) -> dict:
    """ffprobe's JSON (format, streams, chapters)."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
         "-show_chapters", str(path)],
        capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def duration(info: dict, kind: str | None = None) -> float:
    """Duration of the first stream of ``kind`` ("video"/"audio"), or of the container."""
    if kind is None:
        return float(info["format"]["duration"])
    for s in info["streams"]:
        if s.get("codec_type") == kind:
            return float(s.get("duration") or info["format"]["duration"])
    raise LookupError(f"no {kind} stream")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{1,3})")


def _seconds(stamp: str) -> float:
    m = _TIME.fullmatch(stamp.strip())
    if not m:
        raise ValueError(f"bad SubRip time {stamp!r}")
    h, mi, s, ms = m.groups()
    return int(h) * 3600 + int(mi) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def _stamp(t: float) -> str:
    ms = max(0, int(round(t * 1000)))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def read_srt(path: str | os.PathLike) -> list[Cue]:
    text = Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if not lines:
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # the cue number
        if not lines or "-->" not in lines[0]:
            raise ValueError(f"{path}: bad cue {block[:60]!r}")
        a, b = lines[0].split("-->")
        cues.append(Cue(_seconds(a), _seconds(b.split()[0]), "\n".join(lines[1:])))
    return cues


def write_srt(path: str | os.PathLike, cues: list[Cue]) -> None:
    blocks = [f"{i}\n{_stamp(c.start)} --> {_stamp(c.end)}\n{c.text}\n" for i, c in enumerate(cues, 1)]
    Path(path).write_text("\n".join(blocks), encoding="utf-8")


#: a cue stays up at least this long when the next one leaves room (a two-word line spoken in half a second)
MIN_CUE_SECONDS = 1.0


def readable_cues(cues: list[Cue], duration: float, minimum: float = MIN_CUE_SECONDS, gap: float = 0.05) -> list[Cue]:
    """Lengthen cues shorter than ``minimum`` into the silence after them, never over the next cue or the end."""
    out = []
    for i, c in enumerate(cues):
        limit = cues[i + 1].start - gap if i + 1 < len(cues) else duration
        end = max(c.end, min(c.start + minimum, limit))
        out.append(Cue(c.start, end, c.text))
    return out


# ----------------------------------------------------------------------------- loudness
#: integrated loudness of every chapter's narration (LUFS), the usual target for online video
LOUDNESS_TARGET = -16.0
#: the highest true peak allowed in the delivered file (dBTP)
TRUE_PEAK_MAX = -1.5
#: what loudnorm aims at: a little under TRUE_PEAK_MAX, for the AAC encoder's own overshoot
_TP_AIM = -2.5
#: below this a track is silence (a silent voice): left as it is
SILENCE_LUFS = -60.0


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float   # dBTP
    lra: float         # LU


def measure_loudness(path: str | os.PathLike) -> Loudness:
    """EBU R128 loudness of a file's audio, measured by ffmpeg's ``ebur128`` filter (true peak on)."""
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-i", str(path), "-vn",
           "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise FFmpegError(f"ffmpeg could not measure {path}: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]

    def value(label: str) -> float:
        m = re.search(rf"{label}:\s+(-?[\d.]+|-inf)", summary)
        if not m:
            raise FFmpegError(f"no {label} in ffmpeg's loudness summary for {path}")
        return float(m.group(1))

    peak = summary[summary.find("True peak:"):]
    m = re.search(r"Peak:\s+(-?[\d.]+|-inf)", peak)
    return Loudness(value("I"), float(m.group(1)) if m else float("nan"), value("LRA"))


def loudnorm_filter(path: str | os.PathLike, log: Path | None = None) -> str | None:
    """The filter chain that brings ``path``'s audio to LOUDNESS_TARGET (within 0.3 LU) with its true peak
    under TRUE_PEAK_MAX, or None for silence.

    A plain gain, then a look-ahead limiter run at 192 kHz (so it catches inter-sample peaks) at _TP_AIM.
    ffmpeg's ``loudnorm`` in linear mode gives up loudness when the peaks leave no headroom (piper's speech
    has a crest of ~19 dB: -17.1 LUFS instead of -16), and its dynamic mode misses the target as well; here
    the gain is found by measuring the limited result and correcting it (secant steps, at most six).
    """
    first = measure_loudness(path)
    if first.integrated < SILENCE_LUFS:
        return None
    limit = 10 ** (_TP_AIM / 20)

    def chain(gain: float) -> str:
        return (f"volume={gain:.3f}dB,aresample=192000,"
                f"alimiter=limit={limit:.4f}:attack=2:release=40:level=0:latency=1,aresample=48000")

    def level(gain: float) -> float:
        with tempfile.TemporaryDirectory(prefix="optim-loud-") as tmp:
            wav = os.path.join(tmp, "a.wav")
            cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-y", "-i", str(path), "-vn",
                   "-af", chain(gain), "-c:a", "pcm_f32le", wav]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if log is not None:
                with open(log, "a") as f:
                    f.write("\n$ " + " ".join(cmd) + "\n" + proc.stderr[-600:])
            if proc.returncode != 0:
                raise FFmpegError(f"ffmpeg could not normalise the loudness of {path}")
            return measure_loudness(wav).integrated

    g0, l0 = LOUDNESS_TARGET - first.integrated, first.integrated
    g1 = g0
    for _ in range(6):
        l1 = level(g1)
        if abs(l1 - LOUDNESS_TARGET) <= 0.2:
            break
        # secant step on loudness(gain); the first step assumes the limiter takes nothing
        slope = (l1 - l0) / (g1 - g0) if g1 != g0 else 1.0
        g0, l0 = g1, l1
        g1 = g1 + (LOUDNESS_TARGET - l1) / max(slope, 0.2)
    return chain(g1)
