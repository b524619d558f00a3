"""Join the chapter videos into one MP4: concat, one AAC track over the whole length, soft
subtitles (mov_text), chapter markers "N. Title", and the shifted ``.srt`` beside it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .media import _TP_AIM, Cue, atomic_output, duration, probe, read_srt, run_ffmpeg, write_srt
from .parts import Part

__all__ = ["JOINED_NAME", "join_parts", "joined_cues", "ffmetadata"]

JOINED_NAME = "optimizers_explained"


def _escape(text: str) -> str:
    for ch in "\\=;#\n":
        text = text.replace(ch, "\\" + ch)
    return text


def ffmetadata(titles: list[str], durations: list[float], title: str) -> str:
    """An ffmpeg metadata file with one [CHAPTER] per part (millisecond time base)."""
    lines = [";FFMETADATA1", f"title={_escape(title)}"]
    t = 0.0
    for name, d in zip(titles, durations):
        start, end = int(round(t * 1000)), int(round((t + d) * 1000))
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={start}", f"END={end}", f"title={_escape(name)}"]
        t += d
    return "\n".join(lines) + "\n"


def joined_cues(srts: list[Path], durations: list[float]) -> list[Cue]:
    """Every part's cues shifted by the part's start in the joined video."""
    out, offset = [], 0.0
    for srt, d in zip(srts, durations):
        for c in read_srt(srt):
            out.append(Cue(c.start + offset, min(c.end, d) + offset, c.text))
        offset += d
    return out


def join_parts(parts: list[Part], mp4s: list[Path], srts: list[Path], out_dir: Path,
               name: str = JOINED_NAME, log: Path | None = None) -> tuple[Path, Path]:
    """Write ``out_dir/name.mp4`` and ``.srt`` atomically; return their paths."""
    out_dir = Path(out_dir)
    durations = [duration(probe(p), "video") for p in mp4s]
    cues = joined_cues(srts, durations)
    final_mp4, final_srt = out_dir / f"{name}.mp4", out_dir / f"{name}.srt"
    with tempfile.TemporaryDirectory(prefix="join-", dir=out_dir) as work:
        work = Path(work)
        listing = work / "parts.txt"
        listing.write_text("".join(
            "file '{}'\nduration {:.6f}\n".format(str(Path(p).resolve()).replace("'", r"'\''"), d)
            for p, d in zip(mp4s, durations)))
        meta = work / "chapters.txt"
        meta.write_text(ffmetadata([p.chapter_title for p in parts], durations, "Optimizers, explained"))
        subs = work / "subs.srt"
        write_srt(subs, cues)
        # Video: the concat demuxer, copied. Audio: every part decoded, cut or padded to exactly its
        # video's length and joined with the concat filter (sample-accurate; the demuxer drifts by
        # an AAC frame per join and drops audio when the first part has none).
        n = len(mp4s)
        audio_inputs = [a for p in mp4s for a in ("-i", Path(p).resolve())]
        chains = [f"[{i + 1}:a:0]aresample=48000,aformat=channel_layouts=stereo,"
                  f"apad=whole_dur={d:.6f},atrim=0:{d:.6f},asetpts=N/SR/TB[a{i}]"
                  for i, d in enumerate(durations)]
        # the parts are already at one loudness; decoding and re-encoding their AAC overshoots the true
        # peak (-1.2 dBTP measured on the 12 chapters, at a plosive in chapter 1), so the joined track
        # passes a 192 kHz look-ahead limiter 1 dB below the chapters' (the second AAC generation
        # overshoots more than the first); measured: -16.6 LUFS and -2.9 dBTP for the whole explainer
        limit = 10 ** ((_TP_AIM - 1.0) / 20)
        graph = (";".join(chains) + ";" + "".join(f"[a{i}]" for i in range(n)) + f"concat=n={n}:v=0:a=1,"
                 f"aresample=192000,alimiter=limit={limit:.4f}:attack=2:release=40:level=0:latency=1,"
                 f"aresample=48000[aout]")
        meta_index = n + 1
        sub_inputs = ["-i", subs] if cues else []
        sub_maps = (["-map", f"{n + 2}:s:0", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng"]
                    if cues else [])
        with atomic_output(final_mp4) as tmp:
            run_ffmpeg(["-f", "concat", "-safe", "0", "-i", listing, *audio_inputs, "-i", meta, *sub_inputs,
                        "-filter_complex", graph,
                        "-map", "0:v:0", "-map", "[aout]", *sub_maps,
                        "-map_metadata", str(meta_index), "-map_chapters", str(meta_index),
                        "-c:v", "copy", "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2",
                        "-t", f"{sum(durations):.3f}", "-movflags", "+faststart", "-f", "mp4", tmp], log)
        with atomic_output(final_srt) as tmp:
            write_srt(tmp, cues)
    return final_mp4, final_srt


def join_incremental(parts: list[Part], results, out_dir: Path, name: str = JOINED_NAME,
                     force: bool = False) -> tuple[Path, Path, bool]:
    """Join the parts unless the joined video was made from exactly these part files (their SHA-256,
    recorded beside each part) with this join code; return (mp4, srt, whether it was joined now)."""
    from . import inputs

    out_dir = Path(out_dir)
    mp4s = [r.mp4 for r in results]
    srts = [r.srt for r in results]
    recorded = []
    for r in results:
        doc = inputs.read_sidecar(r.unit.sidecar) if getattr(r, "unit", None) is not None else None
        outs = (doc or {}).get("outputs") or {}
        recorded.append({role: (outs.get(role) or {}).get("sha256") or inputs.file_digest(p)
                         for role, p in (("mp4", r.mp4), ("srt", r.srt))})
    here = Path(__file__).resolve().parent
    key = {"schema": inputs.SCHEMA, "kind": "join", "name": name,
           "parts": [{"stem": p.stem, "title": p.chapter_title, **rec} for p, rec in zip(parts, recorded)],
           "code": {f: inputs.file_digest(here / f) for f in ("join.py", "media.py")},
           "ffmpeg": inputs.environment()["ffmpeg"]}
    key["digest"] = inputs.digest(key)
    final_mp4, final_srt = out_dir / f"{name}.mp4", out_dir / f"{name}.srt"
    sidecar = out_dir / f"{name}.inputs.json"
    outputs = {"mp4": final_mp4, "srt": final_srt}
    if not force and inputs.sidecar_matches(sidecar, key, outputs):
        return final_mp4, final_srt, False
    (out_dir / "logs").mkdir(parents=True, exist_ok=True)
    join_parts(parts, mp4s, srts, out_dir, name=name, log=out_dir / "logs" / "join.log")
    inputs.write_sidecar(sidecar, key, outputs)
    return final_mp4, final_srt, True
