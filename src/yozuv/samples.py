"""Running a mapping file's ``[[samples]]``: what ``yozuv validate`` and the tests check.

Why apart from the API: the samples run each scheme alone (not the chain of schemes a
converter builds), with the scheme's own lexicon, so they exercise a mapping file as written.
"""

from __future__ import annotations

from pathlib import Path

from yozuv.engine import Engine
from yozuv.lexicon import load_lexicon
from yozuv.records import Record
from yozuv.registry import load_scheme
from yozuv.scheme import Scheme


class SampleResult(Record):
    """One ``[[samples]]`` row of a mapping file, run."""

    scheme: str
    input: str
    expected: str
    got: str
    rule: str

    @property
    def ok(self) -> bool:
        return self.got == self.expected


def run_samples(scheme: Scheme) -> list[SampleResult]:
    """Run every sample of ``scheme`` through that scheme alone (with its lexicon)."""
    lexicon = load_lexicon(scheme)
    engines: dict[str, Engine] = {}
    results = []
    for sample in scheme.samples:
        engine = engines.get(sample.apostrophe)
        if engine is None:
            engine = engines[sample.apostrophe] = Engine(
                scheme, lexicon=lexicon, apostrophe=sample.apostrophe
            )
        results.append(
            SampleResult(
                scheme.id, sample.input, sample.expected, engine.convert(sample.input), sample.rule
            )
        )
    return results


def validate_scheme(path: str | Path) -> list[SampleResult]:
    """Load a mapping file (errors name file and key) and run its samples."""
    return run_samples(load_scheme(path))
