"""Write ``docs/RULES.md``, the rule reference, from the mapping files themselves.

Run: ``python scripts/make_rules_reference.py`` (``--check`` exits 1 when the committed file
is not what this script writes; a test runs that). For every built-in scheme, every rule:
its id (the name ``explain`` and ``preview`` print), what it matches, in which context, what
it writes, its note and its samples; then the hints. So the ids the tool cites can be looked
up in a document that ships with it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from generated_file import write_or_check

from yozuv.registry import builtin_schemes
from yozuv.scheme import Rule, Scheme

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "RULES.md"


def cell(text: str) -> str:
    """Text for a Markdown table cell: pipes escaped, code where it is a pattern."""
    return text.replace("|", "\\|").replace("\n", " ")


def code(text: str) -> str:
    return f"`{cell(text)}`" if text else ""


def context(rule: Rule) -> str:
    parts = []
    for label, patterns in (
        ("after", rule.prev),
        ("not after", rule.not_prev),
        ("before", rule.next),
        ("not before", rule.not_next),
    ):
        if patterns:
            parts.append(f"{label} " + " or ".join(code(p) for p in patterns))
    return "; ".join(parts) or "anywhere"


def scheme_section(scheme: Scheme) -> list[str]:
    samples: dict[str, list[str]] = defaultdict(list)
    for sample in scheme.samples:
        if sample.rule:
            samples[sample.rule].append(f"{sample.input} → {sample.expected}")
    lines = [
        f"## {scheme.id}: {scheme.source} → {scheme.target} ({scheme.status})",
        "",
        "| Rule | Match | Where | Writes | Note | Samples |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in scheme.rules:
        output = rule.output if rule.output else "∅"
        if rule.alternatives:
            output += " (or " + ", ".join(rule.alternatives) + ")"
        off = "" if rule.enabled else " (off by default)"
        lines.append(
            f'| <a id="{rule.id.lower()}"></a>{cell(rule.id)}{off} | {code(rule.match)}'
            f" | {context(rule)} | {cell(output)} | {cell(rule.note)}"
            f" | {cell('; '.join(samples.get(rule.id, [])))} |"
        )
    if scheme.hints:
        lines += ["", "Hints (words flagged for a check, not changed):", ""]
        for hint in scheme.hints:
            lines.append(f"- **{hint.id}** {code(hint.pattern)}: {hint.note}")
    return [*lines, ""]


def reference() -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated from `mappings/` by `scripts/make_rules_reference.py`; do not edit. The",
        "ids are what `yozuv explain` and `yozuv preview` print; `letter` means the letter",
        "table, `lexicon:…` an entry of the lexicon (`mappings/lexicon/`).",
        "",
    ]
    for scheme in sorted(builtin_schemes().values(), key=lambda s: s.id):
        lines += scheme_section(scheme)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return write_or_check(
        PAGE, reference, description=__doc__.splitlines()[0], root=ROOT, argv=argv
    )


if __name__ == "__main__":
    sys.exit(main())
