"""Coefficients that shape a mechanism move its outcome the documented way.

These parameters were once constants in the code. Each test turns one of them over
its range and checks, over paired seeds, that the outcome moves as docs/ODD.md says.
"""

import digistrat.core.model
import numpy as np
import pytest
from digistrat import build_model, run

from .helpers import final, params

SEEDS = range(5)


def count_proposals(p, monkeypatch, seeds=SEEDS) -> list[dict[tuple[str, int], int]]:
    """Proposals made per (department, month), for each seed."""
    made: dict[tuple[str, int], int] = {}
    original = digistrat.core.model.Proposal

    def counting(department, month, draws):
        key = (department.name, month)
        made[key] = made.get(key, 0) + 1
        return original(department, month, draws)

    monkeypatch.setattr(digistrat.core.model, "Proposal", counting)
    out = []
    for seed in seeds:
        made = {}
        build_model(p, seed).run()
        out.append(made)
    return out


def total_proposals(p, monkeypatch) -> np.ndarray:
    return np.array([sum(c.values()) for c in count_proposals(p, monkeypatch)])


@pytest.mark.parametrize(
    "path, low, high",
    [
        ("behaviour__initiatives__proposal_trust_floor", 0.1, 0.9),
        ("behaviour__initiatives__proposal_will_floor", 0.1, 0.9),
        ("behaviour__initiatives__proposal_threshold_floor", 0.0, 0.9),
        ("behaviour__initiatives__absorptive_offset", 0.2, 1.5),
    ],
)
def test_proposal_rate_floors_raise_demand(path, low, high, monkeypatch):
    few = total_proposals(params(**{path: low}), monkeypatch)
    many = total_proposals(params(**{path: high}), monkeypatch)
    assert (many > few).all(), f"{path}: proposals {many} at {high} vs {few} at {low}"


def test_at_most_max_proposals_per_department_and_month(monkeypatch):
    for counts in count_proposals(
        params(behaviour__initiatives__max_proposals_per_month=1), monkeypatch
    ):
        assert counts and max(counts.values()) == 1
    default = count_proposals(params(), monkeypatch)
    assert max(max(c.values()) for c in default) > 1, "the default cap should allow more"


def test_shorter_patience_withdraws_proposals_and_shortens_the_queue():
    def mean_queue(months):
        p = params(behaviour__initiatives__patience_months=months)
        queues = []
        for s in SEEDS:
            model = build_model(p, s)
            lengths = []
            for _ in range(model.n_months):
                model.step()
                lengths.append(len(model.portfolio.backlog))
            queues.append(np.mean(lengths))
        return np.array(queues)

    short, long = mean_queue(3.0), mean_queue(60.0)
    assert (short <= long + 0.1).all() and short.mean() < long.mean(), (short, long)


def test_waiting_longer_before_trust_erodes_keeps_more_trust():
    def mean_trust(months):
        p = params(behaviour__trust__waiting_months=months)
        return np.array([run(p, s).timeseries.trust.mean() for s in SEEDS])

    quick, patient = mean_trust(1.0), mean_trust(24.0)
    assert (patient > quick).all(), f"trust {patient} (24 months) vs {quick} (1 month)"


def test_orders_build_trust_by_their_gain_share():
    low = final(params("order_from_it", behaviour__trust__order_gain_share=0.0), "trust", SEEDS)
    high = final(params("order_from_it", behaviour__trust__order_gain_share=1.0), "trust", SEEDS)
    assert (high > low).all(), f"order trust {high} at share 1 vs {low} at share 0"


def test_an_experimenting_culture_cushions_the_trust_lost_to_failures():
    hard = final(params(behaviour__trust__experiment_cushion=0.0), "trust", SEEDS, "2022-12")
    soft = final(params(behaviour__trust__experiment_cushion=1.0), "trust", SEEDS, "2022-12")
    assert (soft > hard).all(), f"trust {soft} with full cushion vs {hard} without"


def test_benefit_effect_ties_trust_gains_to_realising_benefits():
    def trust(effect):
        p = params(
            behaviour__trust__benefit_effect=effect, behaviour__attitudes__realise_benefits=0.2
        )
        return final(p, "trust", SEEDS, "2022-12")

    assert (trust(1.0) < trust(0.0)).all()


def test_api_weight_sets_what_flexibility_is_made_of():
    for weight in (0.0, 0.5, 1.0):
        m = build_model(params(behaviour__legacy__api_weight=weight), 0)
        for s in m.systems:
            expected = (1 - weight) * s.health + weight * s.api_readiness
            assert s.flexibility == pytest.approx(expected)


def test_abandoned_initiatives_run_their_abandon_share_of_the_plan():
    def blocked_months(share):
        out = []
        for seed in SEEDS:
            ini = run(params(behaviour__legacy__abandon_share=share), seed).initiatives
            b = ini[(ini.outcome == "blocked") & (ini.end != "")]
            months = (b.end.str[:4].astype(int) * 12 + b.end.str[5:].astype(int)) - (
                b.start.str[:4].astype(int) * 12 + b.start.str[5:].astype(int)
            )
            out.append(months.mean())
        return np.array(out)

    assert (blocked_months(1.0) > blocked_months(0.1)).all()


@pytest.mark.parametrize(
    "path, kind",
    [
        ("behaviour__initiatives__effort_sigma", "capability"),
        ("behaviour__initiatives__fix_sigma", "legacy_fix"),
    ],
)
def test_log_sd_parameters_set_the_spread(path, kind):
    def spread(sigma):
        out = []
        for seed in SEEDS:
            ini = run(params(**{path: sigma}), seed).initiatives
            done = ini[(ini.kind == kind) & (ini.end != "")]
            if kind == "capability":
                out.append(np.log(done.effort_fte_months).std())
            else:
                start = done.start.str[:4].astype(int) * 12 + done.start.str[5:].astype(int)
                end = done.end.str[:4].astype(int) * 12 + done.end.str[5:].astype(int)
                out.append(np.log(end - start).std())
        return np.array(out)

    narrow, wide = spread(0.05 if "effort" not in path else 0.1), spread(0.9)
    assert (wide > narrow).all(), f"{path}: spread {wide} at 0.9 vs {narrow}"


def test_duration_sigma_spreads_planned_durations():
    def spread(sigma):
        out = []
        for seed in SEEDS:
            ini = run(params(behaviour__initiatives__duration_sigma=sigma), seed).initiatives
            done = ini[(ini.kind == "capability") & (ini.outcome == "completed")]
            start = done.start.str[:4].astype(int) * 12 + done.start.str[5:].astype(int)
            end = done.end.str[:4].astype(int) * 12 + done.end.str[5:].astype(int)
            out.append(np.log((end - start) / np.sqrt(done.effort_fte_months)).std())
        return np.array(out)

    assert (spread(0.9) > spread(0.0)).all()


def test_a_longer_hiring_runway_makes_the_unit_more_cautious():
    # The runway matters when money on hand, not inflow, would pay for new staff:
    # a short, rich programme leaves a balance when its inflow stops.
    def staff(runway):
        p = params(
            organisation__unit__hiring_runway_months=runway,
            funding__programme__annual_msek=40.0,
            funding__programme__end="2019-12",
            funding__investment__enabled=False,
        )
        return np.array([run(p, s).timeseries.unit_staff_fte.iloc[: 12 * 8].mean() for s in SEEDS])

    assert (staff(36.0) < staff(1.0)).all()


def test_lead_time_start_up_parameters():
    base = final(params(), "change_lead_time_months", SEEDS, "2019-12")
    slow = final(
        params(behaviour__outcome__startup_months=9.0), "change_lead_time_months", SEEDS, "2019-12"
    )
    flat = final(
        params(behaviour__outcome__startup_threshold_effect=0.0),
        "change_lead_time_months",
        SEEDS,
        "2019-12",
    )
    # the start-up counts unless waiting for capacity or money takes longer
    assert (slow >= base).all() and (flat >= base).all()
    assert slow.mean() > base.mean() and flat.mean() > base.mean()


def test_reference_training_share_scales_self_sufficiency_gains():
    fast = final(
        params(behaviour__learning__reference_training_share=0.05), "self_sufficiency", SEEDS
    )
    slow = final(
        params(behaviour__learning__reference_training_share=0.6), "self_sufficiency", SEEDS
    )
    assert (fast > slow).all()


def test_hybrid_renews_more_systems_with_a_higher_flexibility_target():
    def fixes(target):
        p = params("hybrid", strategy__hybrid_flexibility_target=target)
        return np.array([(run(p, s).initiatives.kind == "legacy_fix").sum() for s in SEEDS])

    assert (fixes(1.0) > fixes(0.3)).all()


def test_a_stalled_programme_is_abandoned_after_the_stall_limit():
    def end_month(limit):
        p = params(
            "big_bang",
            strategy__modernisation_stall_months=limit,
            funding__investment__enabled=False,
            funding__programme__end="2018-12",
            funding__operating__annual_msek=0.0,
        )
        out = []
        for seed in SEEDS:
            ini = run(p, seed).initiatives
            prog = ini[ini.kind == "modernisation"].iloc[0]
            assert prog.outcome in ("failed", "running")
            out.append(prog.end)
        return out

    early, late = end_month(3.0), end_month(48.0)
    assert all(e != "" for e in early), "a programme without money should stall and end"
    assert all(late_ == "" or e < late_ for e, late_ in zip(early, late, strict=True))


def test_self_reliant_departments_make_the_standard_change_cheaper():
    """A self-sufficient department needs a smaller unit team: the probe costs less."""
    from digistrat.core.probe import standard_set

    for seed in SEEDS:
        model = build_model(params(), seed)
        for _ in range(72):
            model.step()
        months, cost = standard_set(model)
        model.portfolio._reliance = 1.0  # departments carry all they can
        faster, cheaper = standard_set(model)
        model.portfolio._reliance = 0.0  # the unit carries everything
        slower, dearer = standard_set(model)
        assert cheaper < cost < dearer and faster <= months <= slower
