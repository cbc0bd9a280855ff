"""Writing small experiment files for tests; runs are short (horizon to 2019-12)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SMALL_STEPS = ROOT / "scenarios" / "small_steps__programme_2022.yaml"
SHORT = ["horizon.end=2019-12"]


def experiment(**over) -> dict:
    """A tiny LHS experiment over pace and training share; ``over`` replaces top-level keys."""
    data = {
        "name": "tiny",
        "scenario": str(SMALL_STEPS),
        "set": list(SHORT),
        "parameters": {
            "behaviour.strain.pace": {"low": 0.8, "high": 1.4},
            "behaviour.attitudes.training_share": {},
        },
        "design": {"kind": "lhs", "n": 3, "seed": 5},
        "replications": {"count": 2, "seed": 11},
        "outcomes": ["change_capability@2019-12", "trust@2019-01..2019-12"],
    }
    data.update(over)
    return data


def write(folder: Path, data: dict | str, name: str = "exp.yaml") -> Path:
    path = folder / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def fail_at_seeds(monkeypatch, seeds) -> None:
    """Make the runs with these seeds fail, as a crash of the model would."""
    from digistrat.experiments.sweep.plan import MeasurePoint

    original = MeasurePoint.__call__

    def call(self, run):
        if run.seed in seeds:
            raise RuntimeError(f"simulated crash at seed {run.seed}")
        return original(self, run)

    monkeypatch.setattr(MeasurePoint, "__call__", call)
