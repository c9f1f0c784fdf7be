"""Golden files for what people read: ``--diff`` and ``preview`` at a fixed width.

The diffs run the real engine on words whose spelling SPEC.md fixes. The previews use a
scripted converter instead, because what they test is the marking and the layout (a word
decided by the lexicon, a word decided by a default among alternatives), and the current
rule tables need not produce both kinds on a short sample.

Regenerate after an intended change with ``YOZUV_UPDATE_GOLDEN=1 pytest tests/test_cli_golden.py``
and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import yozuv.documents as conversion_module
from yozuv.cli import cli
from yozuv.engine import Decision, Explained

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("YOZUV_UPDATE_GOLDEN") == "1"

DIFF_SAMPLE = "Бир\nИкки\n2024\nУч\nТўрт\nБеш\nОлти\nЕтти\nСаккиз 8\nТўққиз"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(actual)
    with open(path, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert actual == expected, f"{name} differs; rerun with YOZUV_UPDATE_GOLDEN=1 to review"


def invoke(args: list[str], columns: int) -> str:
    env = {"COLUMNS": str(columns), "LINES": "200", "NO_COLOR": "", "TERM": "xterm"}
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.fixture
def diff_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("numbers.txt").write_text(DIFF_SAMPLE, encoding="utf-8")
    return "numbers.txt"


def test_diff_plain(diff_file: str) -> None:
    output = invoke(["-t", "latin", "--diff", "-U", "1", "--color", "never", diff_file], 80)
    check_golden("diff-plain.txt", output)
    assert "\\ No newline at end of file" in output


def test_diff_coloured(diff_file: str) -> None:
    output = invoke(["-t", "latin", "--diff", "-U", "1", "--color", "always", diff_file], 80)
    check_golden("diff-color.ansi", output)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    expected_plain = invoke(["-t", "latin", "--diff", "-U", "1", diff_file], 80)
    assert plain == expected_plain  # colour is a rendering of the same diff


# --------------------------------------------------------------------------- preview

WORDS = {
    # source: (output, rule, ambiguous, alternatives, note)
    "Вокзал": ("Vokzal", "lexicon", False, (), "curated entry"),
    "тамаъ": ("tamaʼ", "C33.final-ayn", True, ("tama",), "final ъ"),
    "Салом": ("Salom", "letter", False, (), ""),
    "дунё": ("dunyo", "C12", False, (), ""),
    "шаҳар": ("shahar", "letter", False, (), ""),
    "катта": ("katta", "letter", False, (), ""),
    "ва": ("va", "letter", False, (), ""),
    "гўзал": ("goʻzal", "letter", False, (), ""),
    "Бу": ("Bu", "letter", False, (), ""),
    "жуда": ("juda", "letter", False, (), ""),
    "эмас": ("emas", "C04", False, (), ""),
}
WORD = re.compile(r"\w+")


class ScriptedConverter:
    """Converts and explains the handful of words above, the same way every time."""

    def convert(self, text: str) -> str:
        return self.explain(text).text

    def explain(self, text: str) -> Explained:
        decisions = []
        for match in WORD.finditer(text):
            entry = WORDS.get(match.group())
            if entry is None:
                continue
            output, rule, ambiguous, alternatives, note = entry
            decisions.append(
                Decision(
                    rule,
                    match.start(),
                    match.end(),
                    match.group(),
                    output,
                    alternatives,
                    ambiguous,
                    note,
                )
            )
        converted = WORD.sub(lambda m: WORDS.get(m.group(), (m.group(),))[0], text)
        return Explained(converted, decisions)


PREVIEW_SAMPLE = (
    "Вокзал катта ва гўзал.\n"
    "\n"
    "Салом, дунё! Бу шаҳар жуда катта ва гўзал, тамаъ эмас; Салом дунё Салом дунё Салом.\n"
    "2024\n"
)


@pytest.fixture
def preview_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        conversion_module, "library_converter", lambda settings, source, target: ScriptedConverter()
    )
    Path("city.txt").write_text(PREVIEW_SAMPLE, encoding="utf-8")
    return "city.txt"


def test_preview_side_by_side(preview_file: str) -> None:
    output = invoke(["preview", "-t", "latin", "--color", "never", preview_file], 100)
    check_golden("preview-side.txt", output)
    assert "⟨Vokzal⟩" in output and "⟨tamaʼ?⟩" in output


def test_preview_narrow_terminal_is_inline(preview_file: str) -> None:
    output = invoke(["preview", "-t", "latin", "--color", "never", preview_file], 60)
    check_golden("preview-inline.txt", output)
    assert "Вокзал" not in output.split("Words to check")[0]  # the output side only


def test_preview_coloured(preview_file: str) -> None:
    output = invoke(["preview", "-t", "latin", "--color", "always", preview_file], 100)
    check_golden("preview-side-color.ansi", output)
    assert "⟨" not in output  # colour replaces the brackets


def test_preview_forced_layout(preview_file: str) -> None:
    side = invoke(["preview", "--layout", "side", "--color", "never", preview_file], 60)
    inline = invoke(["preview", "--layout", "inline", "--color", "never", preview_file], 100)
    assert "city.txt (cyrillic)" in side.splitlines()[0]
    assert inline.splitlines()[0] == "city.txt (cyrillic) → latin"
