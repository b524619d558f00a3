"""Tiny clip specs for the pipeline tests (480p, one second of drawing)."""

from __future__ import annotations

from pathlib import Path

TINY = '''
[landscape]
name = "{landscape}"
[[optimizer]]
name = "{optimizer}"
lr = {lr}
[run]
start = {start}
steps = 10
[video]
quality = "low"
aspect = "{aspect}"
format = "{fmt}"
duration = 1
caption = false
'''


def tiny_spec(path: Path, landscape: str = "bowl", optimizer: str = "adam", lr: float = 0.3,
              start: str = "[-1.5, 1.0]", aspect: str = "16:9", fmt: str = "mp4") -> Path:
    path.write_text(TINY.format(landscape=landscape, optimizer=optimizer, lr=lr, start=start, aspect=aspect,
                                fmt=fmt))
    return path
