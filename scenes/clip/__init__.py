"""Custom comparison clips from a spec file: any landscape, any optimizers, for slides and social video."""

from .spec import ClipSpec, SpecError, load_spec, parse_spec

__all__ = ["ClipSpec", "SpecError", "load_spec", "parse_spec"]
