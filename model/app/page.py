"""The workshop page: Mesa's SolaraViz with the levers, the live panels and the comparison.

Solara imports this module and shows :func:`Page`. Each browser session gets its own
model. :func:`set_levers` is the app's own way to move levers (a test uses it): it
rebuilds the session's model with the new settings, as Reset does with the sliders.
"""

from __future__ import annotations

import dataclasses

import solara
import solara.toestand
from mesa.visualization import Slider, SolaraViz
from mesa.visualization.utils import force_update

from .levers import Levers, bounds, from_parameters, replace, strategies
from .panels import CapabilityPanel, ComparisonPanel, PlanePanel, SpendingPanel, StaffPanel
from .workshop import BASE, Workshop

TITLE = "digistrat workshop: move a lever, press Reset, then Step or play"


def defaults() -> Levers:
    """The lever settings of the base scenario."""
    return from_parameters(BASE["params"])


def model_params() -> dict:
    """SolaraViz's inputs, one per lever; the seed is fixed."""
    d = defaults()
    pace, training, moved = bounds("pace"), bounds("training_share"), bounds("it_moved_fte")
    first, last = bounds("programme_end_year")
    fewest, most = bounds("releases")
    return {
        "strategy": {
            "type": "Select", "value": d.strategy, "values": strategies(), "label": "Strategy",
        },
        "programme_end_year": {
            "type": "SliderInt", "value": d.programme_end_year, "min": int(first),
            "max": int(last), "step": 1, "label": "Programme ends (Dec of)",
        },
        "investment": {"type": "Checkbox", "value": d.investment, "label": "Investment funding"},
        "pace": Slider("Pace (1 = sustainable)", d.pace, pace[0], pace[1], 0.1),
        "training_share": Slider("Training share", d.training_share, *training, 0.05),
        "it_moved_fte": Slider("IT staff moved (FTE)", d.it_moved_fte, *moved, 1.0),
        "it_move_year": {
            "type": "SliderInt", "value": d.it_move_year, "min": int(first), "max": int(last),
            "step": 1, "label": "IT staff move (Jan of)",
        },
        "releases": {
            "type": "SliderInt", "value": d.releases, "min": int(fewest), "max": int(most),
            "step": 1, "label": "Big-bang releases (1 = all at once)",
        },
        "side_by_side": Slider(
            "Cost of old and new side by side", d.side_by_side, *bounds("side_by_side"), 0.05
        ),
        "fixes_after": Slider(
            "Big-bang fixes afterwards", d.fixes_after, *bounds("fixes_after"),
            0.25,
        ),
        "seed": d.seed,
    }  # fmt: skip


def _new_model() -> Workshop:
    return Workshop(**dataclasses.asdict(defaults()))


# One model per browser session, made when the session first asks for it.
current = solara.toestand.Reactive(
    solara.toestand.KernelStoreFactory(_new_model, key="digistrat.app.current")
)

COMPONENTS = [
    (CapabilityPanel, 0),
    (PlanePanel, 0),
    (SpendingPanel, 0),
    (StaffPanel, 0),
    (ComparisonPanel, 0),
]


def set_levers(**changes) -> Workshop:
    """Rebuild this session's model with some levers changed; return the new model.

    Runs inside a solara session (a callback, or ``with context:``).

    Raises:
        TypeError: naming a setting that is not a lever.
        ParameterError: if a value breaks a parameter's rule.
    """
    levers = replace(current.value.levers, **changes)
    current.value = Workshop(**dataclasses.asdict(levers))
    return current.value


def advance(months: int) -> Workshop:
    """Step this session's model ``months`` months and redraw the panels.

    Runs inside a solara session, like :func:`set_levers`.
    """
    model = current.value
    for _ in range(months):
        model.step()
    force_update()
    return model


def advance_to(months: int) -> Workshop:
    """Step this session's model until it has run ``months`` months; redraw the panels.

    Calling it again does nothing more than redraw, so it may be repeated until a page
    shows the month. Runs inside a solara session, like :func:`set_levers`.
    """
    model = current.value
    while len(model.rows) < months and model.running:
        model.step()
    force_update()
    return model


@solara.component
def Page():
    """The whole page: controls and levers on the left, the panels on the right."""
    SolaraViz(current, components=COMPONENTS, model_params=model_params(), name=TITLE)
