"""Every ``[[samples]]`` row of every built-in mapping file is a test.

The samples live next to the rules they exercise, so a rule change and its evidence travel
together; this file only runs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yozuv import run_samples, validate_scheme
from yozuv.registry import builtin_schemes

SCHEMES = builtin_schemes()


def _cases() -> list[tuple[str, int]]:
    return [(sid, i) for sid, s in SCHEMES.items() for i in range(len(s.samples))]


@pytest.mark.parametrize(("scheme_id", "index"), _cases())
def test_sample(scheme_id: str, index: int) -> None:
    scheme = SCHEMES[scheme_id]
    result = run_samples(scheme)[index]
    assert result.got == result.expected, f"{scheme_id} {result.rule}: {result.input!r}"


@pytest.mark.parametrize("scheme_id", sorted(SCHEMES))
def test_every_rule_has_a_sample(scheme_id: str) -> None:
    scheme = SCHEMES[scheme_id]
    sampled = {s.rule for s in scheme.samples}
    missing = [r.id for r in scheme.rules if r.id not in sampled]
    assert not missing, f"{scheme_id}: rules without a sample: {missing}"


ROOT = Path(__file__).resolve().parents[1]
OTHER_SCHEMES = sorted(
    [*(ROOT / "mappings" / "drafts").glob("*.toml"), *(ROOT / "examples").glob("scheme-*.toml")]
)


@pytest.mark.parametrize("path", OTHER_SCHEMES, ids=lambda p: p.name)
def test_samples_of_drafts_and_example_schemes(path: Path) -> None:
    results = validate_scheme(path)
    assert results, f"{path.name} has no samples"
    failed = [(r.input, r.got, r.expected) for r in results if not r.ok]
    assert not failed, f"{path.name}: {failed}"
