"""Named random streams: one numpy Generator per random process.

Each stream is seeded from the run's seed and a stable hash of its name, so adding
a stream never changes another, and two scenarios run with the same seed draw the
same numbers from every stream they both use in the same way (common random
numbers).
"""

from __future__ import annotations

import math
import zlib

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import ndtri

#: Streams drawn in full at the start of a run, whatever the strategy.
SHARED = ("arrival", "proposal", "turnover", "politics")
#: Streams drawn on demand by one strategy's own work.
STRATEGY = ("legacy_fix", "modernisation")

#: Uniforms drawn for each proposal slot: effort, duration, failure, overrun, brake, system.
PROPOSAL_DRAWS = 6


class Streams:
    """The random streams of one run."""

    def __init__(self, seed: int):
        self.seed = int(seed)
        self._generators: dict[str, np.random.Generator] = {}

    def __getitem__(self, name: str) -> np.random.Generator:
        """The generator of stream ``name``, created on first use."""
        gen = self._generators.get(name)
        if gen is None:
            key = zlib.crc32(name.encode("utf-8"))
            seq = np.random.SeedSequence(entropy=self.seed, spawn_key=(key,))
            gen = self._generators[name] = np.random.Generator(np.random.PCG64(seq))
        return gen

    def state(self, name: str) -> dict:
        """Bit-generator state of a stream (equal states mean equal draws so far)."""
        return self[name].bit_generator.state


def poisson_quantile(u: float, lam: float, cap: int) -> int:
    """Smallest k with P(X <= k) >= u for X ~ Poisson(lam), at most ``cap``.

    Inverse-CDF sampling keeps one uniform per draw, whatever ``lam`` is, so the
    stream stays aligned across scenarios.
    """
    if lam <= 0.0:
        return 0
    p = math.exp(-lam)
    cdf = p
    k = 0
    while u > cdf and k < cap:
        k += 1
        p *= lam / k
        cdf += p
    return k


def lognormal_quantile(u: ArrayLike, median: float, sigma: float) -> np.ndarray:
    """Quantile ``u`` (a number or an array) of a lognormal with the given median and log-sd."""
    return median * np.exp(sigma * ndtri(np.clip(u, 1e-9, 1 - 1e-9)))


def overrun_quantile(
    u: ArrayLike,
    size: ArrayLike,
    mean_body: float,
    tail_share: float,
    alpha: float,
    tail_min: float,
    cap: float,
) -> np.ndarray:
    """Cost overrun (share of plan) at quantile ``u`` for a project of relative size ``size``.

    A mixture after Flyvbjerg & Budzier (2011): with probability
    ``tail_share * size`` a Pareto tail starting at ``tail_min`` with exponent
    ``alpha`` (truncated at ``cap``); otherwise an exponential body with mean
    ``mean_body * size``. Small projects (size near 0) rarely overrun much.
    ``u`` and ``size`` may be numbers or arrays of the same shape.
    """
    u, size = np.asarray(u, dtype=float), np.asarray(size, dtype=float)
    p_tail = tail_share * size
    body = 1.0 - p_tail  # share of projects in the body, > 0.6 inside the ranges
    safe_tail = np.where(p_tail > 0, p_tail, 1.0)
    v_tail = np.where(p_tail > 0, np.minimum((u - body) / safe_tail, 1 - 1e-12), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):  # the branch not taken may overflow
        tail = tail_min * (1.0 - v_tail) ** (-1.0 / alpha)
    v_body = np.minimum(u / body, 1 - 1e-12)
    ordinary = -mean_body * np.maximum(size, 0.05) * np.log(1.0 - v_body)
    return np.minimum(cap, np.where(u >= body, tail, ordinary))
