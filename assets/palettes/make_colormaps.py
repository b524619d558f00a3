"""Regenerate the colour-map look-up tables in this folder from matplotlib (needed only to regenerate).

The tables are the published perceptually uniform maps (viridis, magma, inferno, plasma by
van der Walt & Smith; cividis by Nuñez, Anderton & Renslow), sampled at 256 points as matplotlib
ships them.  The kit reads the CSV files; it never imports matplotlib.

    python -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib==3.11.2
    /tmp/mpl/bin/python assets/palettes/make_colormaps.py
"""

from pathlib import Path

import matplotlib

HERE = Path(__file__).resolve().parent
NAMES = ("viridis", "cividis", "magma", "inferno", "plasma")

for name in NAMES:
    cmap = matplotlib.colormaps[name]
    rows = [cmap(i / 255.0)[:3] for i in range(256)]
    lines = [f"# {name}: 256 RGB rows in [0, 1], from matplotlib {matplotlib.__version__}"]
    lines += [f"{r:.6f},{g:.6f},{b:.6f}" for r, g, b in rows]
    (HERE / f"{name}.csv").write_text("\n".join(lines) + "\n")
    print("wrote", name)
