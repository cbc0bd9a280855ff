"""The one error a scenario file, an ``extends`` chain or a ``--set`` override can raise."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_SHOWN = 5
_VALUE_WIDTH = 60
_NO_VALUE = object()


@dataclass(frozen=True)
class Issue:
    """One problem in a scenario, located as precisely as the input allows.

    Attributes:
        problem: what is wrong, in words (e.g. ``unknown field``).
        file: file (or ``--set``) the bad value came from; None if unknown.
        line: 1-based line in ``file``; None if unknown (e.g. a default value).
        path: dotted field path (e.g. ``strategy.kind``); "" for the whole document.
        value: the offending value, or the sentinel ``_NO_VALUE``.
        allowed: what would be accepted (e.g. ``a number in [0, 1] (share)``).
        hint: a suggestion such as ``did you mean 'kind'?``.
    """

    problem: str
    file: str | None = None
    line: int | None = None
    path: str = ""
    value: Any = _NO_VALUE
    allowed: str = ""
    hint: str = ""

    def render(self) -> str:
        """Return the issue as at most four short lines."""
        where = self.file or "<scenario>"
        if self.line is not None:
            where += f":{self.line}"
        head = f"{where}: {self.path}: {self.problem}" if self.path else f"{where}: {self.problem}"
        lines = [head]
        if self.value is not _NO_VALUE:
            lines.append(f"  got:     {_short(self.value)}")
        if self.allowed:
            lines.append(f"  allowed: {self.allowed}")
        if self.hint:
            lines.append(f"  hint:    {self.hint}")
        return "\n".join(lines)


class ScenarioError(ValueError):
    """A scenario cannot be loaded; every issue names file, line, field, value and rule.

    The attributes ``file``, ``line``, ``path``, ``value``, ``allowed`` and ``hint``
    are those of the first issue; ``issues`` holds them all.
    """

    def __init__(self, issues: Iterable[Issue] | Issue):
        self.issues: tuple[Issue, ...] = (issues,) if isinstance(issues, Issue) else tuple(issues)
        if not self.issues:
            raise ValueError("ScenarioError needs at least one issue")
        first = self.issues[0]
        self.file, self.line, self.path = first.file, first.line, first.path
        self.value = None if first.value is _NO_VALUE else first.value
        self.allowed, self.hint = first.allowed, first.hint
        super().__init__(self._render())

    def _render(self) -> str:
        shown = [issue.render() for issue in self.issues[:MAX_SHOWN]]
        rest = len(self.issues) - MAX_SHOWN
        if rest > 0:
            shown.append(f"... and {rest} more problem{'s' if rest > 1 else ''}")
        return "\n".join(shown)


def did_you_mean(word: Any, known: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest of ``known``, or ""."""
    matches = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 3] + "..."
