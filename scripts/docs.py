"""Parameter documentation generated from the parameter declarations.

The tables in ``docs/parameters.md`` and the table blocks inside ``docs/ODD.md``
are rendered from :func:`digistrat.core.parameters.iter_parameters` and the metadata that
:func:`digistrat.core.parameters.par` records (unit, range, source, meaning), so they cannot
drift from the code. In ``docs/ODD.md`` a block looks like::

    <!-- params:behaviour.learning -->
    ...generated table...
    <!-- /params -->

The key after ``params:`` is a comma-separated list of dotted paths; each names a
group (all its parameters) or one parameter. ``<!-- defaults:organisation.departments -->``
... ``<!-- /defaults -->`` renders the default list of departments or systems.

Usage::

    .venv/bin/python scripts/docs.py            # rewrite docs/parameters.md and the ODD blocks
    .venv/bin/python scripts/docs.py --check    # exit 1 if the files differ from the code
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from digistrat.core.parameters import Parameters, choices_of, iter_parameters, to_dict

ROOT = Path(__file__).resolve().parents[1]
PARAMETERS_MD = Path("docs/parameters.md")
ODD_MD = Path("docs/ODD.md")
REGENERATE = "python scripts/docs.py"

_BLOCK = re.compile(
    r"(?P<open><!-- (?P<kind>params|defaults):(?P<key>[^ ]+) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<close><!-- /(?P=kind) -->)",
    re.DOTALL,
)


# --------------------------------------------------------------------------- values
def format_value(value: Any) -> str:
    """A parameter value as it would be written in a scenario file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else f"{int(value)}"
    if isinstance(value, tuple):
        if not value:
            return "—"
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return ", ".join(f"{a}: {format_value(b)}" for a, b in value)
        return ", ".join(format_value(v) for v in value)
    return str(value)


def format_range(meta: dict[str, Any]) -> str:
    """The plausible range of a parameter, or its choices."""
    if "choices" in meta:
        return "one of " + ", ".join(f"`{c}`" for c in choices_of(meta))
    low, high = meta.get("low"), meta.get("high")
    if low is None and high is None:
        return "—"
    return f"[{format_value(float(low))}, {format_value(float(high))}]"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    return f.default_factory()  # type: ignore[misc]


# --------------------------------------------------------------------------- selection
def matches(path: str, key: str) -> bool:
    """Whether parameter ``path`` is ``key`` or lies inside group ``key``."""
    plain = path.replace("[]", "")
    return plain == key or plain.startswith(key + ".")


def select(keys: Sequence[str]) -> list[tuple[str, dataclasses.Field]]:
    """Parameters named by ``keys`` (groups or single parameters), in declaration order.

    Raises:
        KeyError: if a key names no parameter.
    """
    rows = iter_parameters()
    for key in keys:
        if not any(matches(path, key) for path, _ in rows):
            raise KeyError(f"{key!r} names no parameter")
    return [(path, f) for path, f in rows if any(matches(path, k) for k in keys)]


def sections() -> list[tuple[str, str]]:
    """(group path, description) of every group that holds parameters directly."""
    found: list[tuple[str, str]] = []

    def walk(cls: type, prefix: str, doc: str) -> None:
        fields = dataclasses.fields(cls)
        if any(not f.metadata.get("group") for f in fields):
            found.append((prefix, doc))
        for f in fields:
            if f.metadata.get("group"):
                path = f"{prefix}.{f.name}" if prefix else f.name
                walk(f.metadata["element"], path, f.metadata["doc"])

    walk(Parameters, "", "")
    return found


# --------------------------------------------------------------------------- tables
def parameter_table(keys: Sequence[str], direct: bool = False) -> str:
    """Markdown table of the parameters named by ``keys``.

    With ``direct``, only the parameters a group holds itself, not those of the groups
    inside it (they have their own section in ``docs/parameters.md``).
    """
    lines = [
        "| Parameter | Unit | Default | Range | Source | Meaning |",
        "|---|---|---|---|---|---|",
    ]
    rows = select(keys)
    if direct:
        rows = [(path, f) for path, f in rows if path.replace("[]", "").rpartition(".")[0] in keys]
    for path, f in rows:
        meta = f.metadata
        cells = (
            f"`{path}`",
            meta["unit"],
            f"`{format_value(_default(f))}`",
            format_range(meta),
            meta["source"],
            meta["doc"],
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def defaults_table(key: str) -> str:
    """Markdown table of a default list of groups (departments or legacy systems).

    Raises:
        KeyError: if ``key`` is not a list of groups.
    """
    value: Any = to_dict(Parameters())
    for part in key.split("."):
        value = value[part]
    if not isinstance(value, list) or not value or not isinstance(value[0], dict):
        raise KeyError(f"{key!r} is not a non-empty list of groups")
    names = list(value[0])
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for item in value:
        cells = [format_value(_frozen(item[n])) for n in names]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


# --------------------------------------------------------------------------- files
def parameters_markdown() -> str:
    """The whole of ``docs/parameters.md``."""
    parts = [
        "# Parameters\n",
        f"Generated from `model/core/parameters/`; do not edit. Regenerate with "
        f"`.venv/bin/{REGENERATE}`.\n",
        "Money is in MSEK, staff in FTE, time in months unless the unit says otherwise; "
        "shares, indices and levels are fractions in [0, 1]. The range is the plausible "
        "range that scenario files are checked against. A source of `assumption` means "
        "the value was set by hand; see `docs/ODD.md` (Initialisation and calibration).\n",
    ]
    for path, doc in sections():
        parts.append(f"## `{path}`: {doc}\n")
        parts.append(parameter_table([path], direct=True))
        if path in ("organisation.departments", "organisation.systems"):
            parts.append("Default list:\n")
            parts.append(defaults_table(path))
    return "\n".join(parts)


def render_blocks(text: str) -> str:
    """Return ``text`` with every generated block re-rendered from the code.

    Raises:
        KeyError: if a block names no parameter.
    """

    def replace(match: re.Match[str]) -> str:
        key = match.group("key")
        if match.group("kind") == "defaults":
            body = defaults_table(key)
        else:
            body = parameter_table([k.strip() for k in key.split(",") if k.strip()])
        return match.group("open") + "\n" + body + "\n" + match.group("close")

    return _BLOCK.sub(replace, text)


def generated(root: Path = ROOT) -> dict[Path, str]:
    """What every generated file should contain, keyed by path relative to ``root``."""
    files = {PARAMETERS_MD: parameters_markdown()}
    odd = root / ODD_MD
    if odd.exists():
        files[ODD_MD] = render_blocks(odd.read_text(encoding="utf-8"))
    return files


def stale(root: Path = ROOT) -> list[Path]:
    """Generated files whose content on disk differs from what the code gives."""
    out = []
    for rel, text in generated(root).items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(rel)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated documentation, or with ``--check`` report drift."""
    parser = argparse.ArgumentParser(
        prog="python scripts/docs.py", description="Generate parameter documentation."
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the files differ from the code"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    if args.check:
        drift = stale(args.root)
        for rel in drift:
            print(f"{rel} is out of date; run `{REGENERATE}`", file=sys.stderr)
        return 1 if drift else 0
    for rel, text in generated(args.root).items():
        path = args.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
