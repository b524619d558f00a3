"""The shared pictures every chapter uses: palette, landscape map and surface, trajectories, legend, rules, charts, captions.

Render speed (Cairo at 1080p60): see ``scenes.kit.speed`` (installed by ``scenes.scene.ExplainerScene``).
"""

from .arrows import ClipCircle, LookAhead, ParamArrow
from .caption import CornerCaption, format_hyperparams
from .data_plot import LineFitPlot
from .charts import CoordinateBars, DrawSteps, EffectiveLRChart, LossChart, ScheduleChart, Series, StepChart
from .equation import SYMBOL_COLORS, SYMBOLS, UpdateRule
from .landscape_map import LandscapeMap, ValueScale
from .layout import (
    FULL_SLOT,
    HERO,
    SIDE,
    STAGE,
    LEFT_HALF,
    MAP_SLOT,
    PANEL_SLOT,
    RIGHT_HALF,
    SAFE_BOTTOM,
    SAFE_LEFT,
    SAFE_RIGHT,
    SAFE_TOP,
    TITLE_SLOT,
    Slot,
    assert_in_safe_area,
    out_of_safe_area,
    place,
    place_caption,
    place_legend,
)
from .inset import MapInset
from .legend import Legend
from .live_text import LiveText, format_value
from .palette import (
    ACCENT,
    BACKGROUND,
    DECAY_COLOR,
    FAINT,
    FONT,
    GRADIENT_COLOR,
    MUTED,
    OPTIMIZER_NAMES,
    PANEL,
    TEXT,
    VELOCITY_COLOR,
    canonical_name,
    colormap,
    display_name,
    optimizer_color,
    register_optimizer,
)
from . import speed
from .colour import delta_e, distinct
from .notation import N, check_tex
from .speed import keep_static_first
from .typeset import FLOOR_PX, SIZES, TEX_SIZES, cap_height_px, tex, text
from .surface import LandscapeSurface, camera_rotation
from .trajectory import DrawTrajectory, ReadoutTable, TrajectoryPath, readout_table

__all__ = [
    "ACCENT",
    "FLOOR_PX",
    "HERO",
    "MapInset",
    "N",
    "SIDE",
    "SIZES",
    "STAGE",
    "TEX_SIZES",
    "cap_height_px",
    "check_tex",
    "delta_e",
    "distinct",
    "speed",
    "tex",
    "text",
    "BACKGROUND",
    "ClipCircle",
    "CoordinateBars",
    "CornerCaption",
    "DECAY_COLOR",
    "DrawSteps",
    "DrawTrajectory",
    "EffectiveLRChart",
    "FAINT",
    "FONT",
    "FULL_SLOT",
    "GRADIENT_COLOR",
    "LEFT_HALF",
    "LandscapeMap",
    "LandscapeSurface",
    "camera_rotation",
    "Legend",
    "LineFitPlot",
    "LiveText",
    "LookAhead",
    "LossChart",
    "MAP_SLOT",
    "MUTED",
    "OPTIMIZER_NAMES",
    "PANEL",
    "PANEL_SLOT",
    "ParamArrow",
    "RIGHT_HALF",
    "SAFE_BOTTOM",
    "SAFE_LEFT",
    "SAFE_RIGHT",
    "SAFE_TOP",
    "SYMBOLS",
    "ScheduleChart",
    "Series",
    "StepChart",
    "SYMBOL_COLORS",
    "Slot",
    "TEXT",
    "TITLE_SLOT",
    "TrajectoryPath",
    "UpdateRule",
    "VELOCITY_COLOR",
    "ValueScale",
    "assert_in_safe_area",
    "canonical_name",
    "colormap",
    "display_name",
    "format_hyperparams",
    "format_value",
    "keep_static_first",
    "optimizer_color",
    "out_of_safe_area",
    "place",
    "place_caption",
    "place_legend",
    "readout_table",
    "ReadoutTable",
    "register_optimizer",
]
