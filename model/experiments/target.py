"""Claiming a results directory: refuse what is not ours, lock it, replace only with --force.

A results directory is claimed before anything runs. The claim refuses, with a
:class:`~.ResultsError` that says why (exit code 2 on the command line):

- an ``--out`` whose last part is ``.`` or ``..``, the working directory or a
  folder above it, a file, and a folder that holds an input file;
- a folder holding anything digistrat did not write (:func:`.layout.foreign_entries`),
  with or without ``--force``;
- a folder another digistrat process is writing (it holds :data:`.layout.LOCK`);
- earlier results, unless ``resume`` (continue them) or ``force`` (replace them).

Folders and files are created with the permissions the umask allows, like any
other program's, so colleagues can read the results when the umask lets them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from .campaign import Interrupted
from .layout import (
    LOCK,
    MANIFEST,
    PLOTS,
    PLOTS_INDEX,
    ResultsError,
    foreign_entries,
    read_manifest,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

NEW, RESUMED, REPLACED = "new", "resumed", "replaced"


@dataclass
class Target:
    """A claimed results directory, locked while the claim is held.

    Attributes:
        folder: the results directory.
        state: :data:`NEW` (nothing was there), :data:`RESUMED` (earlier results are
            continued) or :data:`REPLACED` (earlier results were removed, ``force``).
        removed: number of files removed to replace earlier results.
    """

    folder: Path
    state: str = NEW
    removed: int = 0
    _lock: IO | None = field(default=None, repr=False)

    def __enter__(self) -> Target:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def release(self) -> None:
        """Let other processes write here again."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def history(self) -> str:
        """What happened to earlier results here, in words ('' for a new folder)."""
        if self.state == REPLACED:
            return f"The earlier results in {self.folder} were removed (--force)."
        if self.state == RESUMED:
            return f"The earlier runs in {self.folder} were kept and continued."
        return ""

    def stopped(self, words: str) -> str:
        """``words`` about a stop, followed by what happened to earlier results here."""
        return " ".join(filter(None, [words, self.history()]))

    def interrupted_after_runs(self, runs: int, hint: str) -> Interrupted:
        """The Ctrl-C that came after every run was stored, while the tables were written."""
        return Interrupted(
            self.stopped(
                f"interrupted while writing the tables: all {runs} runs are stored in "
                f"{self.folder}, but the tables are not complete; {hint} (it runs nothing "
                "again and writes the tables)."
            )
        )


def claim(
    out: Path,
    *,
    kind: str,
    force: bool = False,
    resume: bool = False,
    inputs: Sequence[str | Path] = (),
) -> Target:
    """Claim ``out`` for a study or sweep of ``kind`` and lock it.

    Args:
        out: the results directory, as given.
        kind: :data:`.layout.STUDY` or :data:`.layout.SWEEP`.
        force: replace earlier results (only results digistrat wrote).
        resume: continue earlier results of the same kind.
        inputs: the files the run reads; none may lie inside ``out``.

    Raises:
        ResultsError: if ``out`` may not be written; nothing was changed then.
    """
    folder = _checked(Path(out), inputs)
    if folder.exists():
        _refuse_foreign(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResultsError(
            f"--out {out}: cannot create the results directory ({exc.strerror or exc}); "
            "nothing was run. Choose another --out."
        ) from None
    created = not (folder / LOCK).exists()
    target = Target(folder, _lock=_lock(folder))
    try:
        _settle(target, kind, force, resume)
    except BaseException:
        if created:  # leave the folder as it was found
            (folder / LOCK).unlink(missing_ok=True)
        target.release()
        raise
    return target


def _checked(out: Path, inputs: Sequence[str | Path]) -> Path:
    if out.name in ("", ".", ".."):
        raise ResultsError(f"--out {out}: a results directory needs a name of its own")
    resolved = out.resolve()
    here = Path.cwd().resolve()
    if resolved == here or here.is_relative_to(resolved):
        raise ResultsError(
            f"--out {out} is the working directory or a folder above it; results go into "
            "a folder of their own, e.g. --out results/mine"
        )
    if resolved.exists() and not resolved.is_dir():
        raise ResultsError(f"{out} exists and is not a directory; choose another --out")
    for parent in resolved.parents:
        if parent.exists() and not parent.is_dir():
            raise ResultsError(
                f"--out {out}: {parent} is a file, not a folder, so no results directory "
                "can be made inside it; nothing was run. Choose another --out."
            )
    for path in inputs:
        if Path(path).resolve().is_relative_to(resolved):
            raise ResultsError(
                f"{out} holds an input file ({path}); results go into a folder of their "
                "own, e.g. --out results/mine"
            )
    return out


def _refuse_foreign(folder: Path) -> None:
    foreign = foreign_entries(folder)
    if foreign:
        plots = Path(folder) / PLOTS
        if plots.is_dir() and not (plots / PLOTS_INDEX).exists() and any(plots.iterdir()):
            raise ResultsError(
                f"{folder} was written by an earlier digistrat, which kept no list of the plots "
                f"it drew, so the files in {plots} cannot be told from yours; nothing was "
                f"changed. Remove {plots} yourself if all of it is digistrat's, or choose "
                "another --out."
            )
        raise ResultsError(
            f"{folder} holds files digistrat did not write ({', '.join(foreign)}); "
            "nothing was changed. Choose another --out."
        )


def lock_holder(folder: Path) -> str | None:
    """Who holds the lock of ``folder`` (``pid 123``), or None; the lock is not taken."""
    path = Path(folder) / LOCK
    if fcntl is None or not path.is_file():
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return None


def _lock(folder: Path) -> IO:
    path = folder / LOCK
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
    except OSError as exc:  # a read-only disk, a folder of someone else's
        raise ResultsError(
            f"{folder}: cannot write in the results directory ({exc.strerror or exc}); "
            "nothing was run or changed. Make it writable, or choose another --out."
        ) from None
    if fcntl is None:
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise ResultsError(
            f"{folder} is being written by another digistrat process ({holder}); "
            "nothing was changed. Wait for it to finish, or choose another --out."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}\n")
    handle.flush()
    return handle


def _settle(target: Target, kind: str, force: bool, resume: bool) -> None:
    folder = target.folder
    _refuse_foreign(folder)  # again, now that no other digistrat process can write here
    entries = [e for e in folder.iterdir() if e.name != LOCK]
    if not entries:
        return
    if not (folder / MANIFEST).is_file():
        raise ResultsError(
            f"{folder} holds results without a {MANIFEST}; they may be another "
            "tool's, so nothing was changed. Choose another --out."
        )
    manifest = read_manifest(folder)
    if resume and manifest.kind == kind:
        target.state = RESUMED
    elif resume:
        raise ResultsError(
            f"{folder} holds a {manifest.kind}'s results, not a {kind}'s; "
            "--resume continues only the same kind. Choose another --out."
        )
    elif force:
        target.removed = _remove(folder, entries)
        target.state = REPLACED
    else:
        raise ResultsError(
            f"{folder} already holds results; nothing was run. Use --resume to continue "
            "them, --force to replace them, or --out to write elsewhere."
        )


def _remove(folder: Path, entries: list[Path]) -> int:
    """Remove digistrat's files (checked by :func:`_refuse_foreign`); the lock stays.

    The manifest goes last: if anything cannot be removed, the folder still says it
    is digistrat's, so ``--force`` (or ``--resume``) can be given again once the
    cause is fixed.
    """
    removed = 0
    for entry in sorted(entries, key=lambda e: e.name == MANIFEST):
        try:
            if entry.is_dir() and not entry.is_symlink():
                removed += sum(1 for _ in entry.iterdir())
                shutil.rmtree(entry)
            else:
                entry.unlink()
                removed += 1
        except OSError as exc:
            raise ResultsError(
                f"--force could not remove {exc.filename or entry} "
                f"({exc.strerror or exc}); {folder} is left as it is now, with its "
                f"{MANIFEST}, so --force can be given again once that is fixed"
            ) from None
    return removed
