"""Arbitrary bytes, in any format the file name names, never crash the command line
(issue 11): every run ends with status 0, 1 or 2 and at most one line per problem.

``HYPOTHESIS_PROFILE=explore`` runs many more examples (the closing note's fuzz figures).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yozuv.cli import cli

SUFFIXES = [".txt", ".md", ".html", ".po", ".json", ".srt", ".vtt", ".csv", ".tsv", ".docx", ".arb"]
COMMANDS = [
    ["-t", "latin"],
    ["-t", "cyrillic", "--diff"],
    ["-t", "latin", "--check"],
    ["preview", "--no-pager", "-t", "latin"],
    ["detect"],
]

# Bytes that look like text more often than not, and raw bytes.
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.text(alphabet="<>{}[]\":,\\\n\r\t`*#-=0123456789 Саломsalomʻ'", max_size=300).map(
        str.encode
    ),
)


def outcome_is_clean(args: list[str], path: Path) -> None:
    result = CliRunner().invoke(cli, [*args, str(path)])
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("yozuv: ") or not line.strip(), line


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=CONTENT,
    suffix=st.sampled_from(SUFFIXES),
    command=st.sampled_from(COMMANDS),
)
def test_any_bytes_in_any_format(
    tmp_path: Path, content: bytes, suffix: str, command: list[str]
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    outcome_is_clean(command, path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pattern=st.text(alphabet="()[]{}+*?|^$\\.aw0-,", max_size=14))
def test_any_protect_regex(tmp_path: Path, pattern: str) -> None:
    path = tmp_path / "input.txt"
    path.write_text("Салом aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n", encoding="utf-8")
    outcome_is_clean(["-t", "latin", "--protect", pattern], path)


TOML_PIECES = st.sampled_from(
    [
        "[meta]\n",
        'id = "x"\n',
        'extends = "cyrillic-latin"\n',
        'extends = "nope"\n',
        "[[rules]]\n",
        'match = "ц"\n',
        'output = "ts"\n',
        'prev = "(a+)+"\n',
        'next = "["\n',
        "[lexicon]\n",
        'files = ["/etc/passwd"]\n',
        'files = ["../x.tsv"]\n',
        "a = [[[[[[[[\n",
        "]]]]]]]]\n",
        '"\\u0000" = 1\n',
        "x = \n",
        "[case]\n",
        'abbreviation_digraphs = "loud"\n',
    ]
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(TOML_PIECES, max_size=12), noise=st.text(max_size=20))
def test_any_scheme_file(tmp_path: Path, pieces: list[str], noise: str) -> None:
    path = tmp_path / "scheme.toml"
    path.write_text("".join(pieces) + noise, encoding="utf-8", errors="surrogatepass")
    outcome_is_clean(["validate"], path)
    text = tmp_path / "in.txt"
    text.write_text("Салом цирк\n", encoding="utf-8")
    outcome_is_clean(["-t", "latin", "--scheme", str(path), "--check"], text)
