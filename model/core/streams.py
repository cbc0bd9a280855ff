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

#: Uniforms are kept this far inside (0, 1) before a quantile function is applied.
U_MIN = 1e-9

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
    return median * np.exp(sigma * ndtri(np.clip(u, U_MIN, 1 - U_MIN)))


def overrun_quantile(
    u: ArrayLike,
    size: ArrayLike,
    body_mean: float,
    body_sd: float,
    floor: float,
    tail_share: float,
    alpha: float,
    tail_min: float,
    cap: float,
) -> np.ndarray:
    """Cost overrun (share of plan) at quantile ``u`` for a project of relative size ``size``.

    A mixture after Flyvbjerg & Budzier (2011): with probability ``tail_share * size``
    a black swan from a Pareto tail starting at ``tail_min`` with exponent ``alpha``,
    truncated at ``cap`` (drawn by its inverse CDF, so the cap is not a point mass);
    otherwise a normal body with mean ``body_mean`` and sd ``body_sd``, at least
    ``floor`` (an underrun). The body's mean is what remains of the overall mean once
    the tail is counted: with the defaults, a project of size 1 overruns by about
    27% on average, one in six by +100% or more (about +200% on average).
    ``u`` and ``size`` may be numbers or arrays of the same shape.
    """
    u, size = np.asarray(u, dtype=float), np.asarray(size, dtype=float)
    p_tail = np.clip(tail_share * size, 0.0, 1.0)
    body = 1.0 - p_tail
    in_tail = u >= body
    safe_tail = np.where(p_tail > 0, p_tail, 1.0)
    v_tail = np.clip((u - body) / safe_tail, 0.0, 1.0)
    kept = 1.0 - (tail_min / cap) ** alpha  # share of the untruncated tail below the cap
    tail = tail_min * (1.0 - v_tail * kept) ** (-1.0 / alpha)
    v_body = np.clip(u / np.where(body > 0, body, 1.0), U_MIN, 1.0 - U_MIN)
    ordinary = np.maximum(floor, body_mean + body_sd * ndtri(v_body))
    return np.minimum(cap, np.where(in_tail, tail, ordinary))
