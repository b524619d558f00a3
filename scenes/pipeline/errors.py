"""Errors the command line turns into one line on stderr and an exit status."""

from __future__ import annotations

__all__ = ["PipelineError", "RenderFailed"]


class PipelineError(Exception):
    """A usage or environment problem: one line, exit status 2."""

    status = 2


class RenderFailed(PipelineError):
    """manim (or ffmpeg) failed for a scene: one line naming the scene and its log, exit status 1."""

    status = 1
