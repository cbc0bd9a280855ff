"""Read one YAML scenario document safely, remembering the line of every key.

Absurd input is refused before it can cost time or memory: anything but a regular
file (a named pipe would block, a device such as ``/dev/zero`` never ends), files
over :data:`MAX_BYTES` (at most that many bytes are ever read), binary content,
more than :data:`MAX_ALIASES` aliases, more than :data:`MAX_NODES` values after
aliases are expanded (alias bombs), nesting deeper than the parser can follow,
custom tags, merge keys and duplicate keys.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Issue, ScenarioError

MAX_BYTES = 1_000_000
MAX_ALIASES = 50
MAX_NODES = 50_000

Loc = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# YAML 1.1 reads 1e3 as a string; accept exponents without a dot as numbers too.
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


@dataclass
class Document:
    """A parsed document: plain data plus the (file, line) where each key was written."""

    data: Any
    file: str
    lines: dict[Loc, int] = field(default_factory=dict)


class _Loader(yaml.SafeLoader):
    """Safe loader that counts aliases while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise _Refused(f"more than {MAX_ALIASES} YAML aliases", mark.line + 1)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:float"]
    for key, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


class _Refused(Exception):
    def __init__(self, problem: str, line: int | None = None, hint: str = ""):
        super().__init__(problem)
        self.problem, self.line, self.hint = problem, line, hint


def read_file(path: Path, label: str | None = None) -> Document:
    """Read and parse a scenario file.

    Args:
        path: the file.
        label: how to name the file in messages (default: ``path`` as given).

    Raises:
        ScenarioError: if the file is missing, not a regular file, too large, binary
            or not valid YAML.
    """
    label = label or str(path)
    return parse_bytes(read_bounded(Path(path), label), label)


def read_bounded(path: Path, label: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    A named pipe, a device, a socket or a directory is refused before it is opened
    (opening a pipe would wait for a writer; a device may never end), and no more
    than ``limit + 1`` bytes are read, whatever the file claims its size is.

    Raises:
        ScenarioError: naming the file and what is wrong with it.
    """
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind:
            raise _fail(label, f"is {kind}, not a regular file", hint="give a YAML file")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if _kind(info.st_mode):  # replaced between the two looks
                raise _fail(label, f"is {_kind(info.st_mode)}, not a regular file")
            if info.st_size > limit:
                raise _fail(label, f"file is {info.st_size} bytes; the limit is {limit}")
            raw = file.read(limit + 1)
    except OSError as exc:
        raise _fail(label, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise _fail(label, f"file is over {limit} bytes; the limit is {limit}")
    return raw


def _kind(mode: int) -> str:
    """What a file is when it is not a regular file ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def parse_bytes(raw: bytes, label: str) -> Document:
    """Parse the bytes of a scenario document (see :func:`parse_text`)."""
    if len(raw) > MAX_BYTES:
        raise _fail(label, f"document is {len(raw)} bytes; the limit is {MAX_BYTES}")
    if b"\x00" in raw:
        raise _fail(label, "file is binary (contains NUL bytes), not a YAML text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(label, f"file is not UTF-8 text (bad byte at offset {exc.start})") from None
    return parse_text(text, label)


def parse_text(text: str, label: str) -> Document:
    """Parse YAML text into plain data with key line numbers.

    Raises:
        ScenarioError: naming the line of the first problem.
    """
    if len(text) > MAX_BYTES:
        raise _fail(label, f"document is {len(text)} characters; the limit is {MAX_BYTES}")
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        doc = Document(None, label)
        if node is not None:
            doc.data = _Converter(loader, doc.lines).convert(node, ())
        return doc
    except _Refused as exc:
        raise _fail(label, exc.problem, exc.line, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise _fail(label, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise _fail(label, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise _fail(label, "YAML nesting is too deep") from None
    finally:
        if loader is not None:
            loader.dispose()


class _Converter:
    """Turn composed nodes into dicts, lists and scalars, recording key lines."""

    def __init__(self, loader: _Loader, lines: dict[Loc, int]):
        self.loader, self.lines, self.nodes = loader, lines, 0

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(f"more than {MAX_NODES} values (alias bomb?)", _line(node))
        if len(loc) > 50:
            raise _Refused("YAML nesting is too deep", _line(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Refused(f"YAML tag {node.tag} is not allowed", _line(node))
            items = []
            for i, child in enumerate(node.value):
                self.lines.setdefault(loc + (i,), _line(child))
                items.append(self.convert(child, loc + (i,)))
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        if node.tag != _MAP:
            raise _Refused(f"YAML tag {node.tag} is not allowed", _line(node))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = _line(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("YAML merge keys (<<) are not supported", line, "use 'extends:'")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused("a key must be a plain word, not a list or mapping", line)
            key = str(self._scalar(key_node))
            if key in out:
                raise _Refused(f"key {key!r} appears twice in the same mapping", line)
            self.lines[loc + (key,)] = line
            out[key] = self.convert(value_node, loc + (key,))
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(f"YAML tag {node.tag} is not allowed", _line(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            raise _Refused(f"cannot read value {node.value!r}: {exc}", _line(node)) from None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _fail(label: str, problem: str, line: int | None = None, hint: str = "") -> ScenarioError:
    return ScenarioError(Issue(problem, file=label, line=line, hint=hint))
