"""Render pipeline: chapters rendered by manim in subprocesses, padded, copied, joined, benchmarked."""

from .errors import PipelineError, RenderFailed
from .parts import Part, resolve_parts

__all__ = ["PipelineError", "RenderFailed", "Part", "resolve_parts"]
