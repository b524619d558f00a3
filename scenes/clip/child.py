"""``python -m scenes.clip.child SPEC.pickle OUT``: render one checked clip spec in its own process.

A batch of clips (``python -m scenes clip A.toml B.toml -o DIR/``) renders each clip in a child like
this one, locally or on a cluster worker (manim's configuration is per process). ``OUT`` appears
only when complete (``render_clip`` writes atomically)."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    spec_file, output = argv
    spec = pickle.loads(Path(spec_file).read_bytes())

    from .render import render_clip

    info = render_clip(spec, output)
    print(f"wrote {output} ({info})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
