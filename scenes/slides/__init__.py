"""Slides: chapters cut at their beats, custom clips and the opening content as a reveal.js deck and a .pptx."""

__all__ = ["DeckRequest", "build_deck"]


def __getattr__(name: str):
    if name in __all__:  # imported on first use: the package's error checks stay light
        from . import build

        return getattr(build, name)
    raise AttributeError(name)
