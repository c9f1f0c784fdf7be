"""The pre-commit hooks (``.pre-commit-hooks.yaml``) as pre-commit installs and runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))

pytestmark = [
    pytest.mark.hooks,
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed"),
]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_check_hook_fails_on_a_file_in_the_other_script(tmp_path: Path) -> None:
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "latin.txt").write_text("Salom dunyo\n", encoding="utf-8")
    (tmp_path / "cyrillic.txt").write_text("Салом дунё\n", encoding="utf-8")
    git("add", ".", cwd=tmp_path)
    result = subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), "yozuv-check-latin", "--all-files", "--verbose"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
        },
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cyrillic.txt" in result.stdout and "latin.txt\n" not in result.stdout
