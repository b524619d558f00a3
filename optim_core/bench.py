"""Benchmark: 10,000 starts x 1,000 Adam steps on Rosenbrock, optim_core vs torch.optim.

Run ``python -m optim_core.bench`` (``--starts``, ``--steps``, ``--repeat`` to change the work).
optim_core records every position (``(steps + 1, starts, 2)``, as the scenes need) but no state
history; torch runs the same work batched as one ``(starts, 2)`` parameter in float64 with
``foreach=False`` (its single-tensor path, the one optim_core reproduces) and records nothing.
The best of ``--repeat`` runs is reported, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from . import landscape, optimizer, run

__all__ = ["bench_optim_core", "bench_torch", "main"]


def _starts(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform((-2.0, -1.0), (2.0, 3.0), size=(n, 2))


def bench_optim_core(starts: int = 10_000, steps: int = 1_000, lr: float = 1e-3
                     ) -> tuple[float, np.ndarray]:
    x0 = _starts(starts)
    opt = optimizer("adam", lr=lr)
    ls = landscape("rosenbrock")
    t0 = time.perf_counter()
    traj = run(opt, ls, x0, steps, record_state=False, record_grads=False)
    return time.perf_counter() - t0, traj.positions[-1]


def bench_torch(starts: int = 10_000, steps: int = 1_000, lr: float = 1e-3
                ) -> tuple[float, np.ndarray] | None:
    try:
        import torch
    except ImportError:
        return None
    x0 = _starts(starts)
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=lr, foreach=False)
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        x, y = p[:, 0], p[:, 1]
        loss = ((1 - x) ** 2 + 100 * (y - x * x) ** 2).sum()
        loss.backward()
        opt.step()
    return time.perf_counter() - t0, p.detach().numpy().copy()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m optim_core.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--starts", type=int, default=10_000)
    ap.add_argument("--steps", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    work = f"{args.starts:,} starts x {args.steps:,} Adam steps on Rosenbrock (float64)"
    print(f"benchmark: {work}, best of {args.repeat}")
    ours = min((bench_optim_core(args.starts, args.steps) for _ in range(args.repeat)),
               key=lambda r: r[0])
    print(f"optim_core   : {ours[0]:.3f} s  (positions recorded: "
          f"{(args.steps + 1) * args.starts * 2 * 8 / 1e6:.0f} MB)")
    theirs = bench_torch(args.starts, args.steps)
    if theirs is None:
        print("torch.optim  : torch not installed (skipped)")
        return 0
    theirs = min([theirs] + [bench_torch(args.starts, args.steps)
                             for _ in range(args.repeat - 1)], key=lambda r: r[0])
    import torch

    print(f"torch.optim  : {theirs[0]:.3f} s  (torch {torch.__version__}, {torch.get_num_threads()} threads)")
    print(f"ratio        : {ours[0] / theirs[0]:.2f} x torch's time "
          f"({'faster' if ours[0] < theirs[0] else 'slower'})")
    err = np.max(np.abs(ours[1] - theirs[1]) / np.maximum(np.abs(theirs[1]), 1e-12))
    print(f"final positions agree to rel. {err:.1e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
