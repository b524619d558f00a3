"""Write the kit's graphical control frames as PNGs, to look at them after ``--set_test``.

    .venv/bin/python tests/kit/dump_control_frames.py [OUT_DIR]      # default /tmp/kit_control_frames

One PNG per ``control_data/kit_frames/*.npz`` (the last frame of each test).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

CONTROL_DIR = Path(__file__).resolve().parent / "control_data" / "kit_frames"


def main(out_dir: str = "/tmp/kit_control_frames") -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for npz in sorted(CONTROL_DIR.glob("*.npz")):
        with np.load(npz) as data:
            frame = data["frame_data"][-1]
        path = out / f"{npz.stem}.png"
        Image.fromarray(frame.astype(np.uint8)[..., :3], "RGB").save(path)
        print(path)


if __name__ == "__main__":
    main(*sys.argv[1:])
