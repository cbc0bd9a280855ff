"""Named random streams: one numpy Generator per random process.

Each stream is seeded from the run's seed and a stable hash of its name, so adding
a stream never changes another, and two scenarios run with the same seed draw the
same numbers from every stream they both use in the same way (common random
numbers).
"""

from __future__ import annotations

import math
import zlib
from statistics import NormalDist

import numpy as np

#: Streams drawn in full at the start of a run, whatever the strategy.
SHARED = ("arrival", "proposal", "turnover", "politics")
#: Streams drawn on demand by one strategy's own work.
STRATEGY = ("legacy_fix", "modernisation", "order")

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

    def used(self) -> list[str]:
        """Names of the streams drawn from so far."""
        return sorted(self._generators)

    def state(self, name: str) -> dict:
        """Bit-generator state of a stream (equal states mean equal draws so far)."""
        return self[name].bit_generator.state


_STANDARD_NORMAL = NormalDist()


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


def lognormal_quantile(u: float, median: float, sigma: float) -> float:
    """Quantile ``u`` of a lognormal with the given median and log-sd."""
    u = min(max(u, 1e-9), 1 - 1e-9)
    return median * math.exp(sigma * _STANDARD_NORMAL.inv_cdf(u))


def overrun_quantile(
    u: float,
    size: float,
    mean_body: float,
    tail_share: float,
    alpha: float,
    tail_min: float,
    cap: float,
) -> float:
    """Cost overrun (share of plan) at quantile ``u`` for a project of relative size ``size``.

    A mixture after Flyvbjerg & Budzier (2011): with probability
    ``tail_share * size`` a Pareto tail starting at ``tail_min`` with exponent
    ``alpha`` (truncated at ``cap``); otherwise an exponential body with mean
    ``mean_body * size``. Small projects (size near 0) rarely overrun much.
    """
    p_tail = tail_share * size
    if u >= 1.0 - p_tail:
        v = (u - (1.0 - p_tail)) / p_tail if p_tail > 0 else 0.0
        v = min(v, 1 - 1e-12)
        return min(cap, tail_min * (1.0 - v) ** (-1.0 / alpha))
    mean = mean_body * max(size, 0.05)
    v = u / (1.0 - p_tail)
    return min(cap, -mean * math.log(1.0 - min(v, 1 - 1e-12)))
