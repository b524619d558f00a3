"""Up-front checks for the system tools a render needs, each naming what to install."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys

from .errors import PipelineError

__all__ = ["REQUIRED", "check_tools", "check_voice_name"]

#: tool -> Debian package that provides it
REQUIRED = {
    "ffmpeg": "ffmpeg",
    "ffprobe": "ffmpeg",
    "latex": "texlive-latex-base",
    "dvisvgm": "dvisvgm",
}


def check_tools(tools=tuple(REQUIRED)) -> None:
    """Raise PipelineError naming the first missing tool and its package."""
    for tool in tools:
        if shutil.which(tool) is None:
            raise PipelineError(f"{tool} is not installed; run `make setup` "
                                f"(or `apt-get install {REQUIRED.get(tool, tool)}`)")


@contextlib.contextmanager
def _quiet_stderr():
    """Silence fd 2 (the ``sox`` package's import-time warning and its shell's "sox: not found")."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def narration():
    """``scenes.narration``, imported without manim-voiceover's SoX warning on the terminal."""
    if "scenes.narration" not in sys.modules:
        logging.getLogger("sox").addFilter(lambda record: record.levelno >= logging.ERROR)
        with _quiet_stderr():
            import scenes.narration  # noqa: F401
    return sys.modules["scenes.narration"]


def check_voice_name(name: str) -> None:
    nar = narration()
    VoiceError, check_voice = nar.VoiceError, nar.check_voice
    try:
        check_voice(name)
    except VoiceError as e:
        raise PipelineError(str(e)) from None
