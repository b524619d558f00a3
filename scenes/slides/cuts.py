"""ffmpeg work for slides: a beat's clip cut from its chapter, its narration, a poster frame, a clip's size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scenes.pipeline.media import duration, probe, run_ffmpeg

__all__ = ["VideoInfo", "video_info", "cut_clip", "cut_audio", "copy_clip", "poster_frame"]

#: H.264 in MP4 with yuv420p plays in every browser and in PowerPoint
_H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
         "-movflags", "+faststart"]


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    duration: float
    has_audio: bool
    fps: float = 0.0


def _rate(text: str) -> float:
    num, _, den = str(text).partition("/")
    try:
        return float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return 0.0


def video_info(path: Path) -> VideoInfo:
    info = probe(path)
    video = next(s for s in info["streams"] if s.get("codec_type") == "video")
    has_audio = any(s.get("codec_type") == "audio" for s in info["streams"])
    return VideoInfo(int(video["width"]), int(video["height"]), duration(info, "video"), has_audio,
                     _rate(video.get("avg_frame_rate") or video.get("r_frame_rate", "0/1")))


def cut_clip(src: Path, start: float, end: float, fps: float, dst: Path, log: Path | None = None) -> None:
    """The frames of ``src`` from the one shown at ``start`` up to (not including) the one at ``end``,
    silent, as H.264.

    Counted in frames, so no rounding of seconds adds or drops one: leaving out the frame at ``end``
    keeps a loopable beat seamless (its first frame follows its last as it did in the chapter).
    Seeking half a frame early before the input, while re-encoding, is frame-exact.
    """
    first, stop = round(start * fps), round(end * fps)
    run_ffmpeg(["-ss", f"{max(0.0, (first - 0.5) / fps):.6f}", "-i", src, "-frames:v", str(max(1, stop - first)),
                "-map", "0:v:0", "-an", *_H264, "-f", "mp4", dst], log)


def cut_audio(src: Path, start: float, end: float, dst: Path, log: Path | None = None) -> None:
    """The narration of ``src`` from ``start`` to ``end`` as AAC in an .m4a file."""
    run_ffmpeg(["-ss", f"{start:.4f}", "-i", src, "-t", f"{end - start:.4f}", "-map", "0:a:0", "-vn",
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart",
                "-f", "mp4", dst], log)


def copy_clip(src: Path, dst: Path, log: Path | None = None) -> None:
    """A whole clip re-encoded as silent H.264 (custom clips: any of the generator's video formats)."""
    run_ffmpeg(["-i", src, "-map", "0:v:0", "-an", *_H264, "-f", "mp4", dst], log)


def poster_frame(clip: Path, dst: Path, log: Path | None = None) -> None:
    """The clip's first frame as an image (PNG or JPEG by ``dst``'s suffix)."""
    quality = ["-q:v", "3"] if dst.suffix.lower() in (".jpg", ".jpeg") else []
    run_ffmpeg(["-i", clip, "-frames:v", "1", *quality, "-update", "1", dst], log)
