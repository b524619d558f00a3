"""Layouts without rendering: every part inside the frame, text inside the safe area, nothing overlapping,
no text below the chapters' type floor (parts that cannot be read at that size give way instead).

Covers each aspect with each view, from a small clip to a crowded one (eight optimizers, two starts,
a two-line title, the loss chart asked for).
"""

from __future__ import annotations

import numpy as np
import pytest

from scenes.clip.render import layout_clip
from scenes.clip.scene import frame_size_for
from scenes.kit import ProjectedSurface, view_matrix
from scenes.clip.spec import parse_spec
from scenes.kit import typeset

SMALL = {
    "landscape": {"formula": "sin(x) * cos(y) + 0.1 * (x**2 + y**2)", "bounds": [[-4, 4], [-4, 4]]},
    "optimizer": [{"name": "adam", "lr": 0.1}, {"name": "sgd", "lr": 0.1, "momentum": 0.9, "label": "momentum"}],
    "run": {"start": [-3, 2.5], "steps": 20, "schedule": {"kind": "cosine", "T_max": 20}},
}
CROWDED = {
    "landscape": {"name": "rosenbrock"},
    "optimizer": [{"name": n, "lr": 0.001} for n in ("gd", "momentum", "nesterov")]
    + [{"name": n, "lr": 0.05} for n in ("adagrad", "rmsprop", "adam", "adamw", "nadam")],
    "run": {"start": [[-1.5, 2.0], [1.5, -0.5]], "steps": 20, "clip_norm": 10.0},
}
TITLE = "Eight optimizers on Rosenbrock's banana valley from two starts"


def make(base, aspect, view, loss_chart=True, title=None, caption=True):
    data = {**base, "video": {"aspect": aspect, "view": view, "loss_chart": loss_chart, "caption": caption}}
    if title:
        data["video"]["title"] = title
    return layout_clip(parse_spec(data))


def box(mob):
    (x0, y0, _), (x1, y1, _) = mob.get_corner([-1, -1, 0]), mob.get_corner([1, 1, 0])
    return x0, x1, y0, y1


def overlap(a, b, pad=0.02) -> bool:
    ax0, ax1, ay0, ay1 = box(a)
    bx0, bx1, by0, by1 = box(b)
    return ax0 < bx1 - pad and bx0 < ax1 - pad and ay0 < by1 - pad and by0 < ay1 - pad


def parts(scene):
    header = [m for m in (scene.title, scene.subtitle) if m is not None]
    out = {"title": header[0], "counter": scene.counter}
    if len(scene.legend):  # it gives way to an asked-for chart when the caption names the runs
        out["legend"] = scene.legend
    if scene.subtitle is not None:
        out["formula"] = scene.subtitle
    if len(scene.caption):
        out["caption"] = scene.caption
    if scene.chart is not None:
        out["chart"] = scene.chart
    if scene.map is not None:
        out["map"] = scene.map
    if scene.surface is not None:
        out["surface"] = scene.surface
    return out


# every aspect with every view at least once, small and crowded (nine layouts keep this under a minute)
CASES = [
    (SMALL, "16:9", "surface", None), (SMALL, "16:9", "both", None), (CROWDED, "16:9", "map", TITLE),
    (SMALL, "9:16", "map", None), (SMALL, "9:16", "surface", None), (CROWDED, "9:16", "both", TITLE),
    (SMALL, "1:1", "surface", None), (SMALL, "1:1", "both", None), (CROWDED, "1:1", "map", TITLE),
]


@pytest.mark.parametrize("base,aspect,view,title", CASES,
                         ids=[f"{a}-{v}-{'crowded' if b is CROWDED else 'small'}" for b, a, v, _ in CASES])
def test_layout_fits_and_nothing_overlaps(base, aspect, view, title):
    check_layout(make(base, aspect, view, title=title), base, aspect, view)


@pytest.mark.parametrize("aspect,view", [("16:9", "map"), ("9:16", "both"), ("1:1", "surface")])
def test_layout_without_caption(aspect, view):
    scene = make(SMALL, aspect, view, caption=False)
    assert len(scene.caption) == 0
    check_layout(scene, SMALL, aspect, view)


def check_layout(scene, base, aspect, view):
    fw, fh = frame_size_for(aspect)
    named = parts(scene)
    # everything inside the frame; text inside the 5 % safe area (the pictures' tick labels may use the margin)
    for name, mob in named.items():
        x0, x1, y0, y1 = box(mob)
        margin = 0.0 if name in ("map", "surface") else 0.05
        assert x0 >= -fw / 2 * (1 - 2 * margin) - 1e-6 and x1 <= fw / 2 * (1 - 2 * margin) + 1e-6, (name, x0, x1)
        assert y0 >= -fh / 2 * (1 - 2 * margin) - 1e-6 and y1 <= fh / 2 * (1 - 2 * margin) + 1e-6, (name, y0, y1)
    names = list(named)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not overlap(named[a], named[b]), (a, b)
    # the picture is a real part of the frame, and small clips keep the loss chart they asked for
    views = [named[k] for k in ("map", "surface") if k in named]
    assert sum(m.width * m.height for m in views) > 0.12 * fw * fh
    if base is SMALL and not (aspect == "1:1" and view == "both"):  # two pictures in a square leave no room
        assert scene.chart is not None
    # the chapters' type floor: no text smaller than FLOOR_PX capitals (the short side is 1080 px at 1080p)
    small = sorted({(typeset.text_content(m)[:24], round(px, 1)) for m in _texts(named.values())
                    if (px := typeset.script_px(m, 8.0)) is not None and px < typeset.FLOOR_PX})
    assert not small, f"text below the {typeset.FLOOR_PX:.0f} px floor: {small[:6]}"
    # runs are drawn on every picture
    assert len(scene.paths) == len(views) * len(scene.runs) * len(scene.clip.run.starts)


def test_view_matrix_matches_manim_top_view():
    np.testing.assert_allclose(view_matrix(0.0, -90.0), np.eye(3), atol=1e-12)
    r = view_matrix()
    np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-12)


def test_projected_surface_points_follow_the_picture():
    import optim_core as oc

    ls = oc.landscape("saddle_valleys")
    surf = ProjectedSurface(ls, 6.0, 4.0)
    assert surf.width <= 6.0 + 1e-6 and surf.height <= 4.0 + 1e-6
    p = surf.c2p(0.0, 1.0)  # a minimum: low on the surface
    q = surf.c2p(-2.0, 0.0)  # a high edge
    assert p.shape == (3,)
    surf.shift([1.0, -2.0, 0.0])
    np.testing.assert_allclose(surf.c2p(0.0, 1.0), p + [1.0, -2.0, 0.0], atol=1e-9)
    surf.scale(0.5)
    np.testing.assert_allclose(np.linalg.norm(surf.c2p(-2.0, 0.0) - surf.c2p(0.0, 1.0)),
                               0.5 * np.linalg.norm(q - p), rtol=1e-9)
    # a higher loss is drawn higher above its footprint on the floor: the saddle's edge at x = -2 is high
    a, b = surf._anchor.points[0], surf._anchor.points[-1]

    def lift_on_screen(x, y):
        floor = a + (surf._raw(x, y, z=0.0) @ surf.R.T) * (b[0] - a[0])
        return surf.c2p(x, y)[1] - floor[1]

    assert lift_on_screen(-2.0, 0.0) > lift_on_screen(0.0, 1.0) + 0.5


def _texts(mobs):
    for mob in mobs:
        if typeset.is_text_like(mob):
            yield mob
        else:
            yield from _texts(mob.submobjects)
