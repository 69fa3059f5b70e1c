"""Fixtures of the content tests: content/ as shipped, checked once per module, and a copy to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content
from testkit import ROOT

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root
