from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path):
    """Write a YAML file into tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
