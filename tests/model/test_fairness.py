"""One directional test per mechanism that makes strategies differ (docs/ODD.md 7.4-7.12).

Each names the mechanism and turns its lever: the difference must go the way the
mechanism says, over a few paired seeds.
"""

import numpy as np
from digistrat import build_model, replace_path, run
from digistrat.core.strategies.adaptive import AdaptiveStrategy

from .helpers import final, params

SEEDS = (0, 1, 2, 3, 4)
PROGRAMME_ONLY = {"funding__investment__enabled": False}


def initiatives_of(p, kind):
    """Every initiative of ``kind`` in the runs of SEEDS, ended or under way."""
    rows = []
    for seed in SEEDS:
        model = build_model(p, seed)
        model.run()
        rows += [i for i in model.portfolio.log + model.portfolio.active if i.kind == kind]
    return rows


def programmes(p):
    return initiatives_of(p, "modernisation")


def mean_fit(p):
    return np.mean([ini.fit for ini in programmes(p) if ini.outcome != "running"])


# ---------------------------------------------------------------- knowledge of needs
def test_a_longer_discovery_fits_the_renewal_better():
    short = mean_fit(params("big_bang", strategy__modernisation_discovery_months=0.0))
    long = mean_fit(params("big_bang", strategy__modernisation_discovery_months=18.0))
    assert long > short


def test_turbulence_ages_what_is_known_so_long_builds_fit_less():
    calm = mean_fit(params("big_bang", behaviour__needs__turbulence=0.0))
    turbulent = mean_fit(params("big_bang", behaviour__needs__turbulence=0.03))
    assert turbulent < calm


def test_capability_work_reveals_needs():
    def knowledge(per_contact):
        model = build_model(params("capability_only", behaviour__needs__per_contact=per_contact), 1)
        model.run()
        return np.mean([s.knowledge for s in model.systems])

    assert knowledge(0.3) > knowledge(0.0)


# ---------------------------------------------------------------- evidence
def test_with_no_brake_drag_and_assessments_still_reveal_the_legacy():
    p = params("small_steps", behaviour__legacy__brake=0.0, **PROGRAMME_ONLY)
    fixes = sum((run(p, s).initiatives.kind == "legacy_fix").sum() for s in SEEDS)
    assert fixes > 0, "small steps fixed nothing without blocks"
    cap_only = final(params("capability_only", behaviour__legacy__brake=0.0), "maturity_legacy")
    steps = final(p, "maturity_legacy")
    assert (steps > cap_only).all()


def test_a_stronger_brake_lowers_small_steps_change_capability():
    soft = final(params("small_steps", behaviour__legacy__brake=0.0), "change_capability", SEEDS)
    hard = final(params("small_steps", behaviour__legacy__brake=1.0), "change_capability", SEEDS)
    assert hard.mean() < soft.mean()


# ---------------------------------------------------------------- resources compete
def test_operations_work_leaves_less_of_it_for_fixes():
    def fixes(ops):
        p = params("small_steps", organisation__it__ops_fte_per_system=ops)
        return sum((run(p, s).initiatives.kind == "legacy_fix").sum() for s in SEEDS)

    assert fixes(2.0) < fixes(0.2)


def test_utilisation_of_the_unit_and_of_it_are_reported_and_busy():
    ts = run(params("small_steps"), 1).timeseries.set_index("month")
    assert ts.loc["2019-01":"2026-12", "unit_utilisation"].mean() > 0.8
    assert 0.3 < ts.loc["2017-01":"2019-12", "it_utilisation"].mean() < 1.2


# ---------------------------------------------------------------- what is built becomes legacy
def test_delivered_solutions_add_complexity_less_on_apis():
    bare = final(params("capability_only", behaviour__legacy__api_shield=0.0), "legacy_complexity")
    shielded = final(
        params("capability_only", behaviour__legacy__api_shield=1.0), "legacy_complexity"
    )
    assert (bare > 1.0).all() and (shielded < bare).all()


def test_older_systems_decay_faster():
    young = final(params("capability_only", behaviour__legacy__age_effect=0.0), "legacy_health")
    old = final(params("capability_only", behaviour__legacy__age_effect=1.0), "legacy_health")
    assert (old < young).all()


# ---------------------------------------------------------------- fixes with part of a team
def test_fixes_with_part_of_a_team_start_where_a_whole_team_does_not_fit():
    """fix_partial_share: a smaller team fits the room IT has, and takes longer."""

    def fixes(partial):
        p = params(
            "small_steps",
            organisation__it__ops_fte_per_system=1.45,
            organisation__it__fix_partial_share=partial,
        )
        return initiatives_of(p, "legacy_fix"), p

    whole, _ = fixes(1.0)
    partial, p = fixes(0.25)
    assert not whole and partial  # no room for a whole team of 2 at this operations load
    it, months = p.organisation.it, p.behaviour.initiatives.fix_months
    for ini in partial:
        share = ini.team_it / it.fix_fte
        assert 0.25 - 1e-9 <= share <= 1.0 + 1e-9
        assert np.isclose(ini.team_unit, it.fix_unit_fte * share)
        assert np.isclose(ini.planned_months, months / share)
    assert min(ini.team_it for ini in partial) < it.fix_fte


# ---------------------------------------------------------------- old and new side by side
def _system(side_by_side: float, cutover: float = 3.0):
    from digistrat.core.agents.legacy import LegacySystem

    p = params("small_steps", behaviour__legacy__side_by_side=side_by_side)
    p = replace_path(p, "behaviour.legacy.cutover_months", cutover)
    model = build_model(p, 0)
    b = p.behaviour
    return LegacySystem(model, p.organisation.systems[0], b.legacy, b.needs)


def test_a_system_renewed_piece_by_piece_runs_old_and_new_side_by_side():
    plain, both = _system(0.0), _system(0.5)
    assert both.side_by_side == 0.0 and both.maintenance_need() == plain.maintenance_need()
    for system in (plain, both):
        system.fix(0.5, 0.0, 1.0)  # half of it rebuilt, the old half still running
    assert both.side_by_side == 0.5  # 0.5 * 4 * 0.5 * (1 - 0.5): the most there is
    assert np.isclose(both.maintenance_need(), 1.5 * plain.maintenance_need())
    assert np.isclose(both.ops_fte(1.0, 1.0)[0], 1.5 * plain.ops_fte(1.0, 1.0)[0])
    for _ in range(6):
        both.fix(0.5, 0.0, 1.0)
    assert 0.0 < both.side_by_side < 0.05  # the old nearly gone: little left beside the new


def test_a_replaced_system_runs_beside_its_replacement_for_the_cutover_months():
    system = _system(0.5, cutover=3.0)
    system.fix(0.5, 0.0, 1.0)
    system.renew(1.0)
    costs = []
    for _ in range(5):
        costs.append(system.side_by_side)
        system.decay(1.0)
    assert costs == [0.5, 0.5, 0.5, 0.0, 0.0]  # wholly beside it, then the old is gone


def test_running_old_and_new_side_by_side_costs_small_steps_its_lead():
    """Fowler's cost of the strangler fig: small steps pays it fix after fix, big bang
    only at its cut-over. At the top of its range small steps' lead in 2030 is gone."""

    def lead(cost):
        kw = {"behaviour__legacy__side_by_side": cost}
        steps = final(params("small_steps", **kw), "change_capability", range(20), "2030-12")
        bang = final(params("big_bang", **kw), "change_capability", range(20), "2030-12")
        return (steps - bang).mean()

    def upkeep(cost):
        p = params("small_steps", behaviour__legacy__side_by_side=cost)
        return final(p, "maintenance_share", SEEDS, "2030-12").mean()

    assert upkeep(0.5) > upkeep(0.0)
    free, half, full = lead(0.0), lead(0.5), lead(1.0)
    assert free > 0.05 and free > half > full and abs(full) < 0.25 * free


# ---------------------------------------------------------------- a programme in releases
def test_a_programme_in_releases_delivers_value_before_its_end_and_leaves_more_capability():
    """Each release renews its systems when it ends, so the legacy improves early."""

    def at(month, column, releases):
        p = params("big_bang", strategy__modernisation_releases=releases)
        return final(p, column, SEEDS, month)

    assert (at("2019-12", "maturity_legacy", 4.0) > at("2019-12", "maturity_legacy", 1.0)).all()
    assert (
        at("2026-12", "change_capability", 4.0).mean()
        > at("2026-12", "change_capability", 1.0).mean()
    )


def test_a_programme_in_releases_is_one_record_completed_when_most_releases_are():
    for releases in (1.0, 2.0, 4.0, 7.0):
        rows = programmes(params("big_bang", strategy__modernisation_releases=releases))
        assert len(rows) == len(SEEDS)  # one programme a run, however many releases
        assert {r.outcome for r in rows} <= {"completed", "failed", "running"}
        assert all(len(r.systems) == 7 for r in rows)


def test_a_programme_is_split_into_releases_of_equal_size_in_order():
    from digistrat.core.modernisation import split

    assert split(list("abcdefg"), 3) == [("a", "b"), ("c", "d", "e"), ("f", "g")]
    assert split(list("abcdefg"), 1) == [tuple("abcdefg")]
    assert [len(part) for part in split(list("abcdefg"), 7)] == [1] * 7


def test_the_releases_discover_for_the_programmes_months_in_all():
    from digistrat.core.modernisation import discovery_months

    for total in (0.0, 5.0, 6.0, 7.5, 24.0):
        for count in range(1, 13):
            months = discovery_months(total, count)
            assert len(months) == count and min(months) >= 0
            assert sum(months) == round(total)
    assert discovery_months(6.0, 4) == [2, 1, 1, 2]


def test_each_release_discovers_for_its_months_at_the_full_rate_of_the_programmes_team():
    """6 discovery months in 4 releases of 2, 2, 1, 2 systems: 2, 1, 1, 2 months each."""
    from digistrat.core.modernisation import split

    rate, releases = 0.0123, 4  # a rate no other learning uses
    p = params(
        "big_bang",
        strategy__modernisation_releases=float(releases),
        strategy__modernisation_discovery_rate=rate,
        strategy__modernisation_discovery_months=6.0,
    )
    model = build_model(p, 0)
    calls = []
    for system in model.systems:
        original = system.learn_needs

        def learn(amount, system=system, original=original):
            calls.append((system.name, amount))
            return original(amount)

        system.learn_needs = learn
    model.run()
    (programme,) = [i for i in model.portfolio.log if i.kind == "modernisation"]
    assert [len(part) for part in split(list(programme.systems), releases)] == [2, 2, 1, 2]
    discovery = [name for name, amount in calls if abs(amount - rate * releases) < 1e-12]
    # every discovery month of every release at the full rate: 2*2 + 2*1 + 1*1 + 2*2
    assert len(discovery) == 11


# ---------------------------------------------------------------- each initiative its own stack
def test_operating_money_pays_for_an_initiatives_own_stack_and_no_other_source_does():
    t = build_model(params("small_steps"), 0).treasury
    for source in t.sources:
        source.deposit(10.0)
    before = {s.name: s.remaining for s in t.sources}
    assert t.pay_first(2.0, (t.operating,), own_stack=0.5) is t.operating
    assert t.pay_first(2.0, (t.programme,), own_stack=0.5) is t.programme
    spent = {s.name: before[s.name] - s.remaining for s in t.sources}
    assert np.isclose(spent["operating"], 3.0) and np.isclose(spent["programme"], 2.0)
    assert t.pay_first(7.5, (t.operating,), own_stack=0.5) is None  # 11.25 does not fit in 7


def test_initiatives_paid_from_operating_budgets_cost_more_and_fragment_the_legacy():
    def after_2022(column, **kw):
        p = params("small_steps", **PROGRAMME_ONLY, **kw)
        return final(p, column, range(8), "2030-12")

    shared = after_2022("legacy_complexity")
    fragmented = after_2022("legacy_complexity", funding__operating__stack_fragmentation=3.0)
    assert fragmented.mean() > shared.mean()

    def operating_per_initiative(share):
        p = params("small_steps", **PROGRAMME_ONLY, funding__operating__stack_share=share)
        per = []
        for seed in range(8):
            r = run(p, seed)
            late = r.initiatives.query("kind == 'capability' and start >= '2023-01'")
            late = late[late.source == "operating"]
            per.append(len(late))
        return np.mean(per)

    assert operating_per_initiative(1.0) < operating_per_initiative(0.0)  # money runs out sooner


# ---------------------------------------------------------------- a hard boundary to IT
def test_a_hard_boundary_to_it_makes_delivered_solutions_weigh_on_the_legacy():
    """Solutions handed over across a hard boundary fit the infrastructure less (the report)."""

    def complexity(moved, boundary):
        p = params(
            "small_steps",
            organisation__it__move_fte=moved,
            organisation__it__hard_boundary=boundary,
        )
        return final(p, "legacy_complexity", SEEDS)

    assert (complexity(0.0, 2.0) == complexity(0.0, 0.0)).all()  # nothing moved: no boundary
    assert (complexity(6.0, 2.0) > complexity(6.0, 0.0)).all()


# ---------------------------------------------------------------- fair counterfactuals
def big_bang_logs(**overrides):
    """Each seed's initiative log under big bang, with its programme's row."""
    p = params("big_bang", **overrides)
    for seed in SEEDS:
        ini = run(p, seed).initiatives
        yield ini, ini[ini.kind == "modernisation"].iloc[0]


def test_big_bang_does_capability_work_beside_its_programme_at_the_share_set():
    def started_during(share):
        counts = []
        for ini, programme in big_bang_logs(strategy__modernisation_capability_share=share):
            during = (ini.kind == "capability") & (ini.start < programme.end)
            counts.append(int(during.sum()))
        return np.array(counts)

    none, some = started_during(0.0), started_during(1.0)
    assert (none == 0).all() and (some > 0).all()


def test_big_bang_fixes_revealed_legacy_after_its_programme_only_when_its_lever_says():
    """fixes_after_programme: none by default; with it, fixes start only after the end."""

    def fixes(share):
        out = []
        for ini, programme in big_bang_logs(strategy__fixes_after_programme=share):
            fix = ini[ini.kind == "legacy_fix"]
            assert (fix.start >= programme.end).all()  # never beside the programme
            out.append(len(fix))
        return np.array(out)

    assert (fixes(0.0) == 0).all() and (fixes(1.0) > 0).all()
    legacy = {s: final(params("big_bang", strategy__fixes_after_programme=s), "maturity_legacy",
                       SEEDS, "2030-12") for s in (0.0, 1.0)}  # fmt: skip
    assert (legacy[1.0] > legacy[0.0]).all()  # the renewed legacy is kept up


def test_the_programme_does_not_take_the_units_salaries():
    """Payroll is paid before the programme's budget line: the unit keeps its staff."""
    p = PROGRAMME_ONLY
    bb = final(params("big_bang", **p), "unit_staff_fte", SEEDS, "2019-12")
    cap = final(params("capability_only", **p), "unit_staff_fte", SEEDS, "2019-12")
    assert (bb >= cap - 1e-9).all(), f"unit staff {bb} under big bang vs {cap}"


def test_order_from_it_fixes_the_legacy_and_keeps_the_unit_busy():
    p = params("order_from_it")
    fixes = sum((run(p, s).initiatives.kind == "legacy_fix").sum() for s in SEEDS)
    assert fixes > 0
    ts = run(p, 1).timeseries.set_index("month")
    assert ts.loc["2019-01":"2022-12", "unit_utilisation"].mean() > 0.8


def test_orders_teach_by_their_share():
    none = final(
        params("order_from_it", behaviour__learning__order_share=0.0), "maturity_capability"
    )
    full = final(
        params("order_from_it", behaviour__learning__order_share=1.0), "maturity_capability"
    )
    assert (full > none).all()


# ---------------------------------------------------------------- pace, strain, quality
def test_pace_matters_over_its_range():
    def cc(pace):
        return final(params(behaviour__strain__pace=pace), "change_capability", SEEDS, "2026-12")

    low, mid, high = cc(0.6), cc(1.3), cc(2.0)
    assert mid.mean() > low.mean() + 0.02, "taking on more work should pay at first"
    assert mid.mean() > high.mean() + 0.02, "far above sustainable, strain should take it back"


def test_strain_cuts_corners():
    def failed(loss):
        p = params(behaviour__strain__quality_loss=loss)
        shares = []
        for s in SEEDS:
            ini = run(p, s).initiatives
            done = ini[(ini.kind == "capability") & (ini.outcome != "running")]
            shares.append((done.outcome == "failed").mean())
        return np.mean(shares)

    assert failed(1.0) > failed(0.0)


# ---------------------------------------------------------------- capitalisation
def test_investment_pays_only_the_asset_building_share_of_payroll():
    model = build_model(params("small_steps"), 2)
    unit, investment = model.unit, model.treasury.investment
    original, paid = unit.pay_staff, []

    def recorded(treasury, month):
        before = investment.spent
        cost = unit.staff * unit._fte_month
        share = sum(unit.asset_shares())
        original(treasury, month)
        paid.append((investment.spent - before, cost * share))

    unit.pay_staff = recorded
    model.run()
    assert any(got > 0 for got, _ in paid), "investment never paid any payroll"
    assert all(got <= most + 1e-9 for got, most in paid)


def test_depreciation_is_charged_in_full():
    life = 60
    for kind in ("small_steps", "big_bang"):
        ts = run(params(kind), 3).timeseries
        spend = ts.spend_investment_msek.to_numpy()
        elapsed = len(spend) - 1 - np.arange(len(spend))
        due = (spend * np.minimum(1.0, elapsed / life)).sum()
        assert abs(ts.depreciation_msek.sum() - due) < 1e-6 * max(1.0, due)


# ---------------------------------------------------------------- the adaptive strategy
def _reviewed(model, **state):
    strategy = AdaptiveStrategy()
    strategy.legacy_share, strategy.last_review = 0.4, model.month - 6
    for name, value in state.items():
        setattr(model.unit, name, value)
    strategy.review(model)
    return strategy


def test_adaptive_lowers_the_pace_under_strain():
    model = build_model(params("adaptive"), 0)
    for _ in range(40):
        model.step()
    _reviewed(model, strain=0.9, pace=1.5)
    assert model.unit.pace == 1.4
    _reviewed(model, strain=0.9, pace=1.0)
    assert model.unit.pace == 1.0  # never below the sustainable pace


def test_adaptive_renews_when_maintenance_is_high():
    model = build_model(params("adaptive"), 0)
    for _ in range(40):
        model.step()
    model.it.maintenance_paid = model.it.budget  # all of the budget
    assert _reviewed(model).renewing
    model.it.maintenance_paid, model.it.ops_fte = 0.0, 0.0
    assert not _reviewed(model).renewing


def test_swapping_payroll_and_the_programme_does_not_flip_the_comparison():
    """The programme's own budget line: paying it before the payroll does not flip it."""
    from digistrat.core.model import DigitalisationModel

    class ProgrammeFirst(DigitalisationModel):
        def _first_claims(self):
            self.unit.form(self.month)
            self.treasury.settle_commitments()
            self.unit.pay_staff(self.treasury, self.month)

    def at_2026(cls, kind):
        values = []
        for seed in range(8):
            model = cls(params(kind, **PROGRAMME_ONLY), seed)
            model.run()
            values.append(
                model.result().timeseries.set_index("month").at["2026-12", "change_capability"]
            )
        return np.array(values)

    rule = at_2026(DigitalisationModel, "small_steps") - at_2026(DigitalisationModel, "big_bang")
    swapped = at_2026(DigitalisationModel, "small_steps") - at_2026(ProgrammeFirst, "big_bang")
    assert np.sign(rule.mean()) == np.sign(swapped.mean()), (rule.mean(), swapped.mean())
    # paying the programme before the salaries starves the unit: the rule is the fairer
    # to big bang (8 seeds: small steps' lead +0.047 by the rule, +0.071 swapped)
    assert rule.mean() <= swapped.mean()
