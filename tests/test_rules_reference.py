"""The rule reference the tool cites ships with it and says what the tables say."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from yozuv.cli import cli
from yozuv.registry import builtin_schemes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_rules_reference


def test_the_committed_reference_is_current() -> None:
    assert make_rules_reference.main(["--check"]) == 0, (
        "run: python scripts/make_rules_reference.py"
    )


def test_every_rule_id_is_in_it() -> None:
    text = make_rules_reference.reference()
    for scheme in builtin_schemes().values():
        for rule in scheme.rules:
            assert f'<a id="{rule.id.lower()}"></a>{rule.id}' in text, rule.id


def test_explain_points_to_it() -> None:
    result = CliRunner().invoke(cli, ["explain", "цирк"])
    assert result.exit_code == 0
    assert "C20" in result.stdout and "docs/RULES.md" in result.stdout


def test_the_documents_that_notes_cite_are_shipped() -> None:
    """Table and lexicon notes cite "SPEC §…" (issue 12 item 10): that document is in docs/."""
    root = Path(__file__).resolve().parents[1]
    spec = (root / "docs" / "SPEC.md").read_text(encoding="utf-8")
    cited = set()
    for path in [*root.glob("mappings/*.toml"), *root.glob("mappings/lexicon/*.tsv")]:
        cited |= set(re.findall(r"SPEC §(\d+(?:\.\d+)?)", path.read_text(encoding="utf-8")))
    assert cited
    headings = set(re.findall(r"^#+ (\d+(?:\.\d+)?)\.? ", spec, re.MULTILINE))
    assert cited <= headings, sorted(cited - headings)
    result = CliRunner().invoke(cli, ["explain", "-t", "cyrillic", "sirk"])
    assert "docs/SPEC.md" in result.stdout
