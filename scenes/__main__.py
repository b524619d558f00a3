"""``python -m scenes {list,render,bench,clip,slides,lines,sheets}``: the project command (see ``--help``)."""

from __future__ import annotations

import sys

from scenes.pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
