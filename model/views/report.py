"""A short report for decision makers: ``report.md`` and a self-contained ``report.html``.

It says first what the reader came for: the question, the scenarios ranked on the
headline measure, a one-line verdict with how sure it is, where the ranking would
change (when sensitivity or discovery results are given) and the key figure. Then
each scenario's facts, the other figures, the limits, and the tables in an appendix.
"""

from __future__ import annotations

from pathlib import Path

from ..core.columns import OUTCOMES
from ..experiments import layout
from ..experiments.files import write_text
from .data import Results, load, month_words
from .document import Block, Bullets, Heading, Image, Paragraph, Table, to_html, to_markdown
from .facts import scenario_facts, totals_table
from .headlines import headline_table
from .pairs import against
from .plots import PLOTS_DIR, draw_comparison, draw_run, key_stem
from .robustness import robustness_sentences
from .runs import KEY_OUTCOMES, Measure, median_and_range
from .style import source_note
from .verdict import Verdict, verdict

#: Figures after the key figure, in order: file stem, heading, how to read it.
FIGURES = (
    (
        "outcomes_across_runs",
        "How the outcomes spread across runs",
        "Each dot is one run; the box holds the middle half of the runs.",
    ),
    (
        "maturity_plane",
        "The path through the maturity plane",
        "Right means a more modern digital legacy, up means more capable departments. Thin "
        "lines are single runs; thick lines follow the average of runs that went the same way.",
    ),
    ("change_lead_time", "How long a standard change takes", "Months; lower is better."),
    (
        "staff_and_strain",
        "Staff and strain in the digitalisation unit",
        "Staff drop when money ends; strain above the sustainable level wears people out.",
    ),
    (
        "spending",
        "Where the money comes from",
        "Monthly spending by funding source, and the depreciation that investments leave in "
        "later operating budgets.",
    ),
    (
        "initiative_outcomes",
        "How initiatives end",
        "Average number of initiatives per run, by kind and outcome.",
    ),
    (
        "cost_overruns",
        "Cost overruns",
        "How often initiatives overran their planned cost by more than a given share.",
    ),
    (
        "comparison",
        "Each scenario against the best",
        "Average paired differences with 95% intervals; a whisker that crosses zero means no "
        "clear difference.",
    ),
)

#: Numbers up to twelve in words, for the title of a report on many scenarios.
NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def write_report(
    results_dir: Path, headline: str | None = None, robustness: tuple[Path, ...] = ()
) -> Path:
    """Write ``report.md`` and ``report.html`` into ``results_dir``.

    Plots missing from ``results_dir/plots`` are drawn first.

    Args:
        results_dir: a study's results directory.
        headline: the headline measure, ``OUTCOME@YYYY-MM`` or ``OUTCOME@end``.
        robustness: sweep or discovery results directories to read (see
            :mod:`.robustness`).

    Returns:
        The path of ``report.html``, which embeds its images and can be sent on its own.
    """
    results_dir = Path(results_dir)
    results = load(results_dir)
    measure = Measure.for_results(headline, results)
    _ensure_plots(results, measure)
    blocks = build_report(results, measure, tuple(robustness))
    title = blocks[0].text if isinstance(blocks[0], Heading) else "digistrat report"
    write_text(results_dir / layout.REPORT_MD, to_markdown(blocks))
    page = results_dir / layout.REPORT_HTML
    write_text(page, to_html(blocks, title, results_dir))
    return page


def report_title(results: Results) -> str:
    """The report's title, unambiguous even when scenario names contain commas.

    It names the ``--set`` overrides the scenarios were run with, if any.
    """
    names = [results.quoted(s) for s in results.scenarios]
    changed = f", with --set {', '.join(results.overrides)}" if results.overrides else ""
    if len(names) == 1:
        return f"Digitalisation strategy: {names[0]}{changed}"
    if len(names) == 2:
        return f"Digitalisation strategies compared: {names[0]} vs {names[1]}{changed}"
    count = NUMBER_WORDS[len(names)] if len(names) < len(NUMBER_WORDS) else str(len(names))
    return f"Digitalisation strategies compared: {count} scenarios{changed}"


def build_report(
    results: Results, measure: Measure | None = None, robustness: tuple[Path, ...] = ()
) -> list[Block]:
    """The report as document blocks, the verdict first."""
    measure = measure or Measure.for_results(None, results)
    found = verdict(results, measure)
    return [
        Heading(report_title(results), 1),
        *verdict_blocks(found, results, robustness),
        *_key_figure(results, measure),
        *_runner_up(found, results),
        *_scenarios(found, results),
        *_figures(results),
        *_caveats(results, bool(robustness)),
        *_appendix(found, results),
        Paragraph(source_note(results)),
    ]


def verdict_blocks(found: Verdict, results: Results, robustness: tuple[Path, ...]) -> list[Block]:
    """The question, the verdict, a warning, the ranking and the robustness sentences."""
    blocks: list[Block] = [
        Paragraph(f"**Question.** {found.question}"),
        Paragraph(f"**Verdict.** {found.sentence}"),
    ]
    if found.warning:
        blocks.append(Paragraph(f"**Indicative only.** {found.warning}"))
    if failed := results.failed_sentence():
        blocks.append(Paragraph(f"**Runs that failed.** {failed}"))
    better = OUTCOMES[found.measure.outcome].better
    blocks.append(
        Paragraph(
            f"Ranked on {found.measure.name()} {found.measure.when_words(results)}, {better} is "
            "better (the median of the runs, and the range of the middle runs):"
        )
    )
    blocks.append(
        Bullets(
            tuple(
                f"**{results.label(r.scenario)}**: {median_and_range(r.runs, found.measure.unit)}"
                for r in found.ranking
            ),
            numbered=True,
        )
    )
    for sentence in robustness_sentences(robustness, results, found.measure):
        blocks.append(Paragraph(f"**How robust.** {sentence}"))
    return blocks


def _ensure_plots(results: Results, measure: Measure) -> None:
    plots = results.directory / PLOTS_DIR
    if not (plots / f"{key_stem(measure.outcome)}.png").exists():
        draw_run(results.directory, measure)
    if len(results.scenarios) > 1 and not (plots / "comparison.png").exists():
        draw_comparison(results.directory, measure)


def _key_figure(results: Results, measure: Measure) -> list[Block]:
    stem = key_stem(measure.outcome)
    if not (results.directory / PLOTS_DIR / f"{stem}.png").exists():
        return []
    caption = (
        f"{OUTCOMES[measure.outcome].label} over time: the line is the median run, the bands "
        "hold the middle 50% and 90% of runs."
    )
    return [Image(f"{PLOTS_DIR}/{stem}.png", caption)]


def _runner_up(found: Verdict, results: Results) -> list[Block]:
    if found.runner_up is None:
        return []
    best, second = found.best, found.runner_up
    items = [
        against(results, best, second, Measure(o, found.measure.when)).sentence(results)
        for o in _key_outcomes(found, results)
    ]
    return [
        Heading("The best against the runner-up"),
        Paragraph(
            f"**{results.label(best)}** against **{results.label(second)}**, run for run "
            f"(runs with the same seed share every chance event), "
            f"{found.measure.when_words(results)}:"
        ),
        Bullets(tuple(items)),
    ]


def _key_outcomes(found: Verdict, results: Results) -> list[str]:
    present = [o for o in KEY_OUTCOMES if o in results.timeseries]
    return [found.measure.outcome, *(o for o in present if o != found.measure.outcome)]


def _scenarios(found: Verdict, results: Results) -> list[Block]:
    blocks: list[Block] = [Heading("Scenario by scenario")]
    for place, ranked in enumerate(found.ranking, 1):
        scenario = ranked.scenario
        blocks.append(Heading(f"{place}. {results.label(scenario)}", 3))
        if description := results.description(scenario):
            blocks.append(Paragraph(description))
        items = scenario_facts(results, scenario, found.measure)
        if scenario != found.best:
            pair = against(results, scenario, found.best, found.measure)
            items.append(
                f"Against the best ({results.label(found.best)}): {pair.sentence(results)}"
            )
        blocks.append(Bullets(tuple(items)))
    return blocks


def _figures(results: Results) -> list[Block]:
    plots = results.directory / PLOTS_DIR
    blocks: list[Block] = [Heading("Figures")]
    for stem, heading, caption in FIGURES:
        if (plots / f"{stem}.png").exists():
            blocks += [Heading(heading, 3), Image(f"{PLOTS_DIR}/{stem}.png", caption)]
    return blocks if len(blocks) > 1 else []


def _caveats(results: Results, robust: bool) -> list[Block]:
    counts = sorted(set(results.replications.values()))
    runs = str(counts[0]) if len(counts) == 1 else f"{counts[0]} to {counts[-1]}"
    items = [
        "This is a model, not a forecast. It shows how the strategies play out under the "
        "model's assumptions about learning, legacy, funding and strain; the numbers are for "
        "comparing scenarios, not for budgeting.",
        f"Each scenario was run {runs} times. The ranges show chance within the model, not "
        "doubt about its assumptions; a sensitivity analysis or scenario discovery tests those.",
        "A difference is worth attention when it holds in most paired runs and its 95% "
        "interval does not cross zero.",
        "Indexes run from 0 to 1 and are relative: 0.6 is better than 0.5, but not '60% digital'.",
    ]
    if not robust:
        items.append(
            "No sensitivity or discovery results were given to this report, so it cannot say "
            "under which assumptions the ranking would change (see --robustness)."
        )
    if _textbook_big_bang(results):
        items.append(
            "Big bang here does no legacy work once its programme has ended, as the textbook "
            "strategy: the renewed systems decay again. Much of small steps' lead comes from "
            "that; a big bang followed by small steps' targeted fixes "
            "(strategy.fixes_after_programme=1) is level with small steps by 2026 with "
            "investment funding in the core scenarios (docs/ODD.md 7.11)."
        )
    return [Heading("How to read this, and its limits"), Bullets(tuple(items))]


def _textbook_big_bang(results: Results) -> bool:
    """A big bang without fixes after its programme is compared with small steps."""
    kinds, after = set(), []
    for record in results.manifest.scenarios:
        strategy = (record.resolved or {}).get("strategy") or {}
        kinds.add(strategy.get("kind"))
        if strategy.get("kind") == "big_bang":
            after.append(float(strategy.get("fixes_after_programme", 0.0)))
    return "small_steps" in kinds and bool(after) and min(after) == 0.0


def _appendix(found: Verdict, results: Results) -> list[Block]:
    first, last = results.months
    compared = []
    for scenario in results.scenarios:
        text = f"**{results.label(scenario)}**"
        if description := results.description(scenario):
            text += f": {description}"
        compared.append(f"{text} ({results.replications[scenario]} runs)")
    header, rows = headline_table(results, found.measure.outcome)
    blocks: list[Block] = [
        Heading("Appendix: what was compared, and the tables"),
        Bullets(tuple(compared)),
        Paragraph(
            f"Each scenario was simulated month by month from {month_words(first)} to "
            f"{month_words(last)}. Runs differ by chance events only: which initiatives "
            "succeed, how costs overrun, who leaves."
        ),
        Paragraph(
            f"{OUTCOMES[found.measure.outcome].label}: median of the runs, and in brackets the "
            "range of the middle runs (at least 90% of them)."
        ),
        Table(header, tuple(rows)),
    ]
    header, rows = totals_table(results)
    blocks += [
        Paragraph("Total spending over the run, median of the runs:"),
        Table(header, tuple(rows)),
    ]
    if found.runner_up is not None:
        blocks += _against_best_table(found, results)
    return blocks


def _against_best_table(found: Verdict, results: Results) -> list[Block]:
    outcomes = _key_outcomes(found, results)
    when = found.measure.when
    header = ("Outcome", *(f"{results.label(s)} minus best" for (s,) in _others(found)))
    rows = []
    for outcome in outcomes:
        cells = []
        for (scenario,) in _others(found):
            pair = against(results, scenario, found.best, Measure(outcome, when))
            cells.append(_cell(pair))
        info = OUTCOMES[outcome]
        rows.append((f"{info.label} ({info.unit})", *cells))
    return [
        Paragraph(
            f"Each scenario against the best ({results.label(found.best)}) "
            f"{found.measure.when_words(results)}: average paired difference, its 95% interval, "
            "and in how many paired runs the scenario did better than the best."
        ),
        Table(header, tuple(rows)),
    ]


def _others(found: Verdict) -> list[tuple[str]]:
    return [(r.scenario,) for r in found.ranking[1:]]


def _cell(pair) -> str:
    from .runs import fmt

    if pair.n == 0:
        return "not paired"
    unit = pair.measure.unit
    text = f"{fmt(pair.mean_diff, unit)} ({fmt(pair.low, unit)} to {fmt(pair.high, unit)})"
    return f"{text}; better in {pair.wins} of {pair.n}" if pair.measure.better else text
