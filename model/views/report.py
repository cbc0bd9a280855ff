"""A short report for decision makers: ``report.md`` and a self-contained ``report.html``."""

from __future__ import annotations

from pathlib import Path

from ..experiments import layout
from .data import Results, load, month_words
from .document import Block, Bullets, Heading, Image, Paragraph, Table, to_html, to_markdown
from .headlines import comparison_sentences, comparison_table, headline_table
from .plots import PLOTS_DIR, draw_comparison, draw_run
from .style import source_note

QUESTION = (
    "The model asks how a municipality like Sundsvall should digitalise to keep its "
    "**change capability**: the ability to keep changing how it serves citizens. It "
    "compares ways to handle the digital legacy (old systems, their governance and "
    "supplier ties), such as many small steps taken with the departments or one big "
    "modernisation first, and ways to fund the work, such as time-limited programme "
    "money or long-term investment money."
)

#: Figures in the report, in order: file stem, heading, how to read it.
FIGURES = (
    (
        "change_capability",
        "Change capability over time",
        "The line is the typical run, the bands show how much runs differ. Look at where "
        "the lines are in 2026 and 2030, and whether they bend after programme money ends.",
    ),
    (
        "maturity_plane",
        "The path through the maturity plane",
        "Right means a more modern digital legacy, up means more capable departments. "
        "Small steps climb a staircase; big bang moves right first, then up (an L).",
    ),
    (
        "change_lead_time",
        "How long a standard change takes",
        "Months from a department's request to a change in use. Lower is better.",
    ),
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
        "How often initiatives overran their planned cost by more than a given share. "
        "Lines reaching far right mean a risk of very large overruns.",
    ),
    (
        "comparison",
        "Scenario against scenario",
        "Average differences between scenarios run with the same random seeds, with 95% "
        "intervals. A whisker that crosses zero means no clear difference.",
    ),
)


def write_report(results_dir: Path) -> Path:
    """Write ``report.md`` and ``report.html`` into ``results_dir``.

    Plots missing from ``results_dir/plots`` are drawn first.

    Returns:
        The path of ``report.html``, which embeds its images and can be sent on its own.
    """
    results_dir = Path(results_dir)
    results = load(results_dir)
    _ensure_plots(results)
    blocks = build_report(results)
    title = blocks[0].text if isinstance(blocks[0], Heading) else "digistrat report"
    (results_dir / layout.REPORT_MD).write_text(to_markdown(blocks), encoding="utf-8")
    page = results_dir / layout.REPORT_HTML
    page.write_text(to_html(blocks, title, results_dir), encoding="utf-8")
    return page


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


def report_title(results: Results) -> str:
    """The report's title, unambiguous even when scenario names contain commas.

    One scenario: 'Digitalisation strategy: "A"'; two: '... compared: "A" vs "B"'; more:
    'Digitalisation strategies compared: four scenarios', the list following in the
    report's first section.
    """
    names = [results.quoted(s) for s in results.scenarios]
    if len(names) == 1:
        return f"Digitalisation strategy: {names[0]}"
    if len(names) == 2:
        return f"Digitalisation strategies compared: {names[0]} vs {names[1]}"
    count = NUMBER_WORDS[len(names)] if len(names) < len(NUMBER_WORDS) else str(len(names))
    return f"Digitalisation strategies compared: {count} scenarios"


def build_report(results: Results) -> list[Block]:
    """The report as document blocks."""
    return [
        Heading(report_title(results), 1),
        Paragraph(QUESTION),
        *_compared(results),
        *_headlines(results),
        *_differences(results),
        *_figures(results),
        *_caveats(results),
        Paragraph(source_note(results)),
    ]


def _ensure_plots(results: Results) -> None:
    plots = results.directory / PLOTS_DIR
    if not (plots / "change_capability.png").exists():
        draw_run(results.directory)
    if results.comparison is not None and not (plots / "comparison.png").exists():
        draw_comparison(results.directory)


def _runs_text(results: Results) -> str:
    counts = set(results.replications.values())
    if len(counts) == 1:
        n = counts.pop()
        return f"{n} run{'s' if n != 1 else ''} (replications) per scenario"
    return "a different number of runs per scenario (see the list)"


def _compared(results: Results) -> list[Block]:
    items = []
    for scenario in results.scenarios:
        text = f"**{results.label(scenario)}**"
        if description := results.description(scenario):
            text += f": {description}"
        items.append(f"{text} ({results.replications[scenario]} runs)")
    first, last = results.months
    paired = " with the same random seeds in every scenario" if _paired(results) else ""
    return [
        Heading("What was compared"),
        Bullets(tuple(items)),
        Paragraph(
            f"Each scenario was simulated month by month from {month_words(first)} to "
            f"{month_words(last)}, {_runs_text(results)}{paired}. Each run differs by chance "
            "events only: which initiatives succeed, how costs overrun, who leaves."
        ),
    ]


def _paired(results: Results) -> bool:
    seeds = results.timeseries.drop_duplicates(["scenario", "replication"])
    per_scenario = seeds.groupby("scenario")["seed"].apply(lambda s: tuple(sorted(s)))
    return len(results.scenarios) > 1 and per_scenario.nunique() == 1


def _headlines(results: Results) -> list[Block]:
    header, rows = headline_table(results, "change_capability")
    return [
        Heading("Headline: change capability"),
        Paragraph(
            "Change capability index (0 to 1, higher is better): the median of all runs, "
            "and in brackets the range that holds the middle 90% of runs. It combines "
            "department capability, self-sufficiency, legacy flexibility, the unit's "
            "capacity net of strain, and trust."
        ),
        Table(header, tuple(rows)),
    ]


def _differences(results: Results) -> list[Block]:
    sentences = comparison_sentences(results)
    header, rows = comparison_table(results)
    if not sentences and not rows:
        return []
    blocks: list[Block] = [
        Heading("Scenario against scenario"),
        Paragraph(
            "Runs with the same random seed share the same chance events, so each run of "
            "one scenario can be compared with its twin in another."
        ),
    ]
    if sentences:
        blocks.append(Bullets(tuple(sentences)))
    if rows:
        blocks += [
            Paragraph(
                "Other outcomes: average difference, first minus second, with its 95% "
                "interval in brackets, and how often the first scenario did better."
            ),
            Table(header, tuple(rows)),
        ]
    return blocks


def _figures(results: Results) -> list[Block]:
    plots = results.directory / PLOTS_DIR
    blocks: list[Block] = [Heading("Figures")]
    for stem, heading, caption in FIGURES:
        if (plots / f"{stem}.png").exists():
            blocks += [Heading(heading, 3), Image(f"{PLOTS_DIR}/{stem}.png", caption)]
    return blocks if len(blocks) > 1 else []


def _caveats(results: Results) -> list[Block]:
    counts = sorted(set(results.replications.values()))
    runs = " to ".join(str(n) for n in (counts[0], counts[-1]) if counts) or "0"
    if len(counts) == 1:
        runs = str(counts[0])
    return [
        Heading("How to read this, and its limits"),
        Bullets(
            (
                "This is a model, not a forecast. It shows how the strategies play out "
                "under the model's assumptions about learning, legacy, funding and strain; "
                "the numbers are for comparing scenarios, not for budgeting.",
                f"Each scenario was run {runs} times. The ranges show chance within the "
                "model, not doubt about its assumptions; a sensitivity analysis tests those.",
                "A difference is worth attention when it holds in most paired runs and its "
                "95% interval does not cross zero.",
                "Indexes run from 0 to 1 and are relative: 0.6 is better than 0.5, but not "
                "'60% digital'.",
            )
        ),
    ]
