"""``preview`` shows what ``convert`` writes: one document pipeline for both (issue 10).

The preview's converted side is compared with the file ``yozuv convert`` writes, for the
bundled example of every format, and marks are checked to fall only inside the human text
a format converts (never on a PO keyword or a JSON key).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yozuv.cli import cli
from yozuv.cli.diff import split_lines
from yozuv.cli.inputs import read_input
from yozuv.cli.preview import Preview, preview_document
from yozuv.cli.settings import ConversionChoices, settings_from_choices
from yozuv.formats import format_for

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FORMAT_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.cyrl.*") if p.suffix not in (".toml", ".tsv"))


def converted_by_cli(path: Path, tmp_path: Path, to: str) -> str:
    """The readable text of what ``yozuv convert -t TO -o OUT PATH`` writes."""
    out = tmp_path / f"out{path.suffix}"
    result = CliRunner().invoke(cli, ["convert", "-t", to, "-o", str(out), str(path)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    handler = format_for(str(path))
    if handler.binary:
        return handler.extract_text(data)
    return data.decode("utf-8")


def preview_of(path: Path, to: str) -> Preview:
    settings = settings_from_choices(ConversionChoices(to=to))
    preview, _result = preview_document(read_input(str(path)), settings)
    return preview


def test_every_format_has_an_example() -> None:
    suffixes = {p.suffix for p in FORMAT_EXAMPLES}
    assert {".po", ".json", ".arb", ".html", ".srt", ".vtt", ".csv", ".md", ".docx"} <= suffixes


@pytest.mark.parametrize("path", FORMAT_EXAMPLES, ids=[p.name for p in FORMAT_EXAMPLES])
def test_preview_shows_what_convert_writes(path: Path, tmp_path: Path) -> None:
    written = converted_by_cli(path, tmp_path, "latin")
    expected = [line.rstrip("\n").rstrip("\r") for line in split_lines(written)]
    preview = preview_of(path, "latin")
    assert [line.output for line in preview.lines] == expected


PREVIEW_INLINE = ["preview", "--no-pager", "--layout", "inline", "--color", "never"]


def without_marks(shown: str) -> str:
    """The preview's text without the brackets that mark words to check."""
    return shown.replace("?⟩", "").replace("⟩", "").replace("⟨", "")


@pytest.mark.parametrize("path", FORMAT_EXAMPLES, ids=[p.name for p in FORMAT_EXAMPLES])
def test_the_preview_command_prints_the_converted_lines(path: Path, tmp_path: Path) -> None:
    expected = converted_by_cli(path, tmp_path, "latin")
    result = CliRunner().invoke(
        cli, [*PREVIEW_INLINE, "-t", "latin", str(path)], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    shown = without_marks(result.output)
    for line in split_lines(expected):
        body = line.rstrip("\n").rstrip("\r").strip().expandtabs(8)
        if body and len(body) < 300:
            assert body in shown, body


def marked_words(preview: Preview) -> list[tuple[str, str]]:
    """(source line, marked source word) for every mark."""
    return [
        (line.source, line.source[mark.start : mark.end])
        for line in preview.lines
        for mark in line.source_marks
    ]


def test_po_marks_only_the_messages(tmp_path: Path) -> None:
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: uz_Latn\\n"\n\n'
        'msgid "konsert"\nmsgstr "Sentabrda konsert"\n',
        encoding="utf-8",
    )
    preview = preview_of(po, "cyrillic")
    outputs = [line.output for line in preview.lines]
    assert 'msgid "konsert"' in outputs  # msgid is the key: never converted
    assert 'msgstr "Сентябрда концерт"' in outputs
    marks = marked_words(preview)
    assert marks and all(source.startswith("msgstr") for source, _word in marks)


def test_json_keys_are_shown_unconverted_and_unmarked(tmp_path: Path) -> None:
    document = tmp_path / "ui.json"
    document.write_text('{"konsert": "Sentabrda konsert"}\n', encoding="utf-8")
    preview = preview_of(document, "cyrillic")
    assert [line.output for line in preview.lines] == ['{"konsert": "Сентябрда концерт"}']
    (line,) = preview.lines
    starts = [mark.start for mark in line.source_marks]
    assert starts and min(starts) > line.source.index(":")


def test_preview_of_stdin_is_the_filters_output() -> None:
    text = "Сентябрь ойида концерт бўлади.\n"
    runner = CliRunner()
    converted = runner.invoke(cli, ["-t", "latin"], input=text.encode())
    previewed = runner.invoke(
        cli,
        [*PREVIEW_INLINE, "-t", "latin", "-"],
        input=text.encode(),
        env={"COLUMNS": "200"},
    )
    assert converted.exit_code == previewed.exit_code == 0
    assert converted.output.strip() in previewed.output.replace("⟨", "").replace("?⟩", "").replace(
        "⟩", ""
    )
