"""The ``yozuv`` commands through click's CliRunner: options, destinations, errors, exit codes.

These run the real library (engine, textio, formats, detect). Expected outputs are the
plain spelling facts of SPEC.md (Салом -> Salom, цирк -> sirk ...), or, where a test is about
plumbing rather than spelling, the library's own answer for the same text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import yozuv
from yozuv.cli import cli

CYRILLIC = "Салом дунё\nЯхши кун\n"
LATIN = "Salom dunyo\nYaxshi kun\n"


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def assert_one_error(result: Result, *fragments: str) -> None:
    """Exit 2 and a single ``yozuv: ...`` line on stderr: no traceback, no usage block."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("yozuv: "), lines
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


# --------------------------------------------------------------------------- default command


def test_a_command_typo_names_the_command_and_help_is_a_command(folder: Path) -> None:
    """As git: ``yozuv conver x`` is not "no such file" but a pointer to ``convert``."""
    assert_one_error(run("conver", "x"), "'conver'", "did you mean 'convert'")
    assert_one_error(run("detct", "x"), "did you mean 'detect'")
    shown = run("help")
    assert shown.exit_code == 0 and "Usage:" in shown.stdout
    # a missing file that looks like no command is still "no such file"
    assert_one_error(run("notes.tx"), "notes.tx: no such file")
    # an existing file named like a typo is converted, not questioned
    (folder / "conver").write_text("Салом\n", encoding="utf-8")
    assert run("-t", "latin", "conver").stdout == "Salom\n"


def test_filter_when_stdin_is_piped_and_no_file_is_named() -> None:
    result = run(input=CYRILLIC)
    assert result.exit_code == 0
    assert result.stdout == LATIN
    assert result.stderr == ""


def test_default_command_takes_options_and_files(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    assert run("-t", "latin", "a.txt").stdout == LATIN
    assert run("a.txt").stdout == LATIN
    assert run("convert", "-t", "latin", "a.txt").stdout == LATIN


def test_without_to_the_other_script_of_the_detected_one_is_chosen(folder: Path) -> None:
    (folder / "latn.txt").write_text("Toshkent shahri\n", encoding="utf-8")
    (folder / "cyrl.txt").write_text("Тошкент шаҳри\n", encoding="utf-8")
    assert run("latn.txt").stdout == "Тошкент шаҳри\n"
    assert run("cyrl.txt").stdout == "Toshkent shahri\n"


def test_each_file_is_detected_on_its_own(folder: Path) -> None:
    (folder / "latn.txt").write_text("Toshkent\n", encoding="utf-8")
    (folder / "cyrl.txt").write_text("Тошкент\n", encoding="utf-8")
    result = run("-t", "latin", "cyrl.txt", "latn.txt")
    assert result.stdout == "Toshkent\nToshkent\n"


def test_from_forces_the_source_script(folder: Path) -> None:
    (folder / "a.txt").write_text("Тошкент\n", encoding="utf-8")
    forced = run("-f", "cyrl", "-t", "latn", "a.txt")
    assert forced.exit_code == 0
    assert forced.stdout == "Toshkent\n"


def test_dash_names_stdin_among_files(folder: Path) -> None:
    (folder / "a.txt").write_text("Тошкент\n", encoding="utf-8")
    result = run("-t", "latin", "a.txt", "-", input="Салом\n")
    assert result.stdout == "Toshkent\nSalom\n"


def test_version_and_help() -> None:
    version = run("--version")
    assert version.exit_code == 0
    assert version.stdout.strip() == f"yozuv {yozuv.__version__}"
    main_help = run("--help")
    assert main_help.exit_code == 0
    for command in ("convert", "preview", "detect", "explain", "schemes", "validate"):
        assert command in main_help.stdout
        sub = run(command, "--help")
        assert sub.exit_code == 0, command
        assert f"Usage: yozuv {command}" in sub.stdout


# --------------------------------------------------------------------------- options


def test_apostrophe_styles() -> None:
    assert run("-t", "latin", input="Ўғил\n").stdout == "Oʻgʻil\n"
    assert run("-t", "latin", "--apostrophe", "ascii", input="Ўғил\n").stdout == "O'g'il\n"
    typographic = run("-t", "latin", "--apostrophe", "typographic", input="Ўғил\n").stdout
    assert typographic == "O‘g‘il\n"


def test_protect_copies_matches_unchanged() -> None:
    result = run("-t", "latin", "--protect", r"ДОК-\d+", input="Салом ДОК-12 Салом\n")
    assert result.stdout == "Salom ДОК-12 Salom\n"


def test_protect_is_repeatable() -> None:
    args = ("-t", "latin", "--protect", "Аа", "--protect", "Бб")
    assert run(*args, input="Аа Бб Вв\n").stdout == "Аа Бб Vv\n"


def test_invalid_protect_regex_is_a_usage_error() -> None:
    assert_one_error(run("-t", "latin", "--protect", "(", input="x\n"), "--protect")


def test_encoding_reads_legacy_code_page(folder: Path) -> None:
    (folder / "old.txt").write_bytes("Тошкент\n".encode("cp1251"))
    assert run("-t", "latin", "--encoding", "cp1251", "old.txt").stdout == "Toshkent\n"
    assert run("-t", "latin", "--encoding", "auto", "old.txt").stdout == "Toshkent\n"


def test_output_encoding_that_cannot_hold_the_result_writes_nothing(folder: Path) -> None:
    (folder / "a.txt").write_text("Ўғил\n", encoding="utf-8")
    result = run("-t", "latin", "--output-encoding", "cp1251", "-o", "out.txt", "a.txt")
    assert_one_error(result, "cp1251")
    assert not (folder / "out.txt").exists()


def test_unknown_encoding_is_a_usage_error() -> None:
    assert_one_error(run("--encoding", "no-such-codec", input="x\n"), "no-such-codec")


def test_quiet_and_verbose(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    verbose = run("-t", "latin", "--check", "-v", "a.txt")
    assert "a.txt: cyrillic -> latin" in verbose.stderr
    assert "would change" in verbose.stderr
    quiet = run("-t", "latin", "--check", "-q", "a.txt")
    assert quiet.stderr == ""
    assert quiet.stdout == "a.txt\n"


# --------------------------------------------------------------------------- destinations


def test_output_file(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    result = run("-t", "latin", "-o", "b.txt", "a.txt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (folder / "b.txt").read_text(encoding="utf-8") == LATIN
    assert (folder / "a.txt").read_text(encoding="utf-8") == CYRILLIC


def test_output_file_from_stdin(folder: Path) -> None:
    result = run("-t", "latin", "-o", "b.txt", input=CYRILLIC)
    assert result.exit_code == 0
    assert (folder / "b.txt").read_text(encoding="utf-8") == LATIN


def test_output_refuses_the_input_itself(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    assert_one_error(run("-t", "latin", "-o", "a.txt", "a.txt"), "a.txt", "input itself")
    assert (folder / "a.txt").read_text(encoding="utf-8") == CYRILLIC
    os.symlink("a.txt", folder / "link.txt")
    assert_one_error(run("-t", "latin", "-o", "link.txt", "a.txt"), "input itself")
    assert (folder / "a.txt").read_text(encoding="utf-8") == CYRILLIC


def test_output_takes_one_input(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    (folder / "b.txt").write_text(CYRILLIC, encoding="utf-8")
    assert_one_error(run("-t", "latin", "-o", "c.txt", "a.txt", "b.txt"), "-o")
    assert not (folder / "c.txt").exists()


def make_tree(root: Path) -> None:
    for relative in (
        "top.txt",
        "sub/deep/b.txt",
        ".hidden/c.txt",
        ".git/d.txt",
        "node_modules/e.txt",
        "venv/f.txt",
        "myenv/g.txt",
        "sub/.secret.txt",
        "code.py",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Тошкент\n", encoding="utf-8")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_output_dir_mirrors_the_tree_and_skips_what_is_not_text(folder: Path) -> None:
    make_tree(folder / "docs")
    (folder / "single.txt").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "-O", "out", "docs", "single.txt")
    assert result.exit_code == 0, result.stderr
    assert files_under(folder / "out") == {"top.txt", "sub/deep/b.txt", "single.txt"}
    assert (folder / "out/sub/deep/b.txt").read_text(encoding="utf-8") == "Toshkent\n"
    assert (folder / "out/single.txt").read_text(encoding="utf-8") == "Salom\n"
    assert (folder / "docs/top.txt").read_text(encoding="utf-8") == "Тошкент\n"


def test_include_and_exclude_globs(folder: Path) -> None:
    make_tree(folder / "docs")
    result = run("-t", "latin", "-O", "out", "--include", "*.py", "docs")
    assert files_under(folder / "out") == {"code.py"}, result.stderr
    result = run("-t", "latin", "-O", "out2", "--exclude", "sub", "docs")
    assert files_under(folder / "out2") == {"top.txt"}
    result = run("-t", "latin", "-O", "out3", "--exclude", "top.*", "docs")
    assert files_under(folder / "out3") == {"sub/deep/b.txt"}


def test_in_place_with_backup(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    result = run("-t", "latin", "-i", "--backup", ".bak", "a.txt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (folder / "a.txt").read_text(encoding="utf-8") == LATIN
    assert (folder / "a.txt.bak").read_text(encoding="utf-8") == CYRILLIC


def test_in_place_leaves_unchanged_files_alone(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_text(LATIN, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    before = path.stat()
    result = run("-t", "latin", "-i", "-v", "a.txt")
    assert result.exit_code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)
    assert "unchanged" in result.stderr


def test_in_place_keeps_bom_newlines_and_mode(folder: Path) -> None:
    path = folder / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Салом\r\nдунё\rЯхши".encode())
    path.chmod(0o640)
    assert run("-t", "latin", "-i", "a.txt").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + b"Salom\r\ndunyo\rYaxshi"
    assert path.stat().st_mode & 0o777 == 0o640


def test_in_place_walks_folders(folder: Path) -> None:
    make_tree(folder / "docs")
    assert run("-t", "latin", "-i", "docs").exit_code == 0
    assert (folder / "docs/sub/deep/b.txt").read_text(encoding="utf-8") == "Toshkent\n"
    assert (folder / "docs/node_modules/e.txt").read_text(encoding="utf-8") == "Тошкент\n"
    assert (folder / "docs/code.py").read_text(encoding="utf-8") == "Тошкент\n"


def test_in_place_keeps_a_symlink_a_link(folder: Path) -> None:
    (folder / "real.txt").write_text("Салом\n", encoding="utf-8")
    os.symlink("real.txt", folder / "link.txt")
    assert run("-t", "latin", "-i", "link.txt").exit_code == 0
    assert (folder / "link.txt").is_symlink()
    assert (folder / "real.txt").read_text(encoding="utf-8") == "Salom\n"


def test_jobs_give_the_same_results(folder: Path) -> None:
    words = ["Салом", "Тошкент", "цирк", "объект", "Яхши"]
    for number in range(12):
        (folder / f"f{number:02}.txt").write_text(words[number % 5] + "\n", encoding="utf-8")
    names = sorted(p.name for p in folder.glob("*.txt"))
    serial = run("-t", "latin", "--diff", *names)
    parallel = run("-t", "latin", "--diff", "-j", "3", *names)
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout
    assert run("-t", "latin", "-i", "-j", "0", *names).exit_code == 0
    assert (folder / "f02.txt").read_text(encoding="utf-8") == "sirk\n"


# --------------------------------------------------------------------------- previews


def test_check_lists_changed_files_writes_nothing_and_exits_1(folder: Path) -> None:
    (folder / "cyrl.txt").write_text(CYRILLIC, encoding="utf-8")
    (folder / "latn.txt").write_text(LATIN, encoding="utf-8")
    result = run("-t", "latin", "--check", "cyrl.txt", "latn.txt")
    assert result.exit_code == 1
    assert result.stdout == "cyrl.txt\n"
    assert (folder / "cyrl.txt").read_text(encoding="utf-8") == CYRILLIC
    assert run("-t", "latin", "--check", "latn.txt").exit_code == 0


def test_check_with_diff_shows_the_diff_and_the_summary(folder: Path) -> None:
    """As black and ruff allow in CI: the diff on stdout, the count on stderr, exit 1."""
    (folder / "a.txt").write_text("Бир\n", encoding="utf-8")
    (folder / "b.txt").write_text("Bir\n", encoding="utf-8")
    result = run("-t", "latin", "--check", "--diff", "a.txt", "b.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert "b.txt" not in result.stdout
    assert result.stderr.strip() == "yozuv: 1 of 2 file(s) would change"
    unchanged = run("-t", "latin", "--check", "--diff", "b.txt")
    assert unchanged.exit_code == 0 and unchanged.stdout == ""


def test_diff_of_an_absolute_path_names_it_as_it_is(folder: Path) -> None:
    """As GNU diff does (patch -p0 applies it); a/ and b/ stay for relative paths, as git."""
    path = folder / "a.txt"
    path.write_text("Бир\n", encoding="utf-8")
    lines = run("-t", "latin", "--diff", str(path)).stdout.splitlines()
    assert lines[:2] == [f"--- {path}", f"+++ {path}"]


def test_check_on_stdin() -> None:
    assert run("-t", "latin", "--check", input=CYRILLIC).exit_code == 1
    assert run("-t", "latin", "--check", input=LATIN).exit_code == 0


def test_diff_is_a_unified_diff_and_exits_1(folder: Path) -> None:
    (folder / "a.txt").write_text("Бир\nИкки\nУч\nТўрт\nБеш\n", encoding="utf-8")
    result = run("-t", "latin", "--diff", "-U", "0", "a.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert lines[2] == "@@ -1,5 +1,5 @@"
    assert "-Тўрт" in lines
    assert "+Toʻrt" in lines
    assert "\x1b[" not in result.stdout
    assert (folder / "a.txt").read_text(encoding="utf-8").startswith("Бир")


def test_diff_context_lines(folder: Path) -> None:
    text = "".join(f"{n}\n" for n in range(20)) + "Салом\n" + "".join(f"{n}\n" for n in range(20))
    (folder / "a.txt").write_text(text, encoding="utf-8")
    narrow = run("-t", "latin", "--diff", "-U", "1", "a.txt").stdout.splitlines()
    wide = run("-t", "latin", "--diff", "a.txt").stdout.splitlines()
    headers = 3  # ---, +++ and @@
    assert len(narrow) == headers + 1 + 2 + 1
    assert len(wide) == headers + 3 + 2 + 3


def test_diff_of_unchanged_file_is_empty_and_exits_0(folder: Path) -> None:
    (folder / "a.txt").write_text(LATIN, encoding="utf-8")
    result = run("-t", "latin", "--diff", "a.txt")
    assert (result.exit_code, result.stdout) == (0, "")


def test_colour_choice_and_no_color(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    forced = run("-t", "latin", "--diff", "--color", "always", "a.txt", env={"NO_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    never = run("-t", "latin", "--diff", "--color", "never", "a.txt")
    assert "\x1b[" not in never.stdout
    auto = run("-t", "latin", "--diff", "a.txt")  # CliRunner's stdout is not a terminal
    assert "\x1b[" not in auto.stdout


def test_conflicting_destinations_are_usage_errors(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    assert_one_error(run("-i", "--diff", "a.txt"), "-i and --diff")
    assert_one_error(run("--backup", ".bak", "a.txt"), "--backup")
    assert_one_error(run("-i", input="x\n"), "stdin")
    assert (folder / "a.txt").read_text(encoding="utf-8") == CYRILLIC


# --------------------------------------------------------------------------- errors


def test_missing_file() -> None:
    assert_one_error(run("-t", "latin", "nope.txt"), "nope.txt", "no such file")


def test_directory_where_a_file_is_needed(folder: Path) -> None:
    (folder / "docs").mkdir()
    assert_one_error(run("-t", "latin", "docs"), "docs", "directory")
    assert_one_error(run("preview", "docs"), "docs", "directory")


def test_binary_file(folder: Path) -> None:
    (folder / "blob.txt").write_bytes(b"abc\x00def")
    assert_one_error(run("-t", "latin", "blob.txt"), "blob.txt", "binary")


def test_undecodable_bytes(folder: Path) -> None:
    (folder / "bad.txt").write_bytes(b"ok \xff\xfe\xfa here")
    assert_one_error(run("-t", "latin", "bad.txt"), "bad.txt", "decode")


def test_unknown_to_or_from() -> None:
    assert_one_error(run("-t", "klingon", input="x\n"), "--to", "klingon")
    assert_one_error(run("-f", "elvish", "-t", "latin", input="x\n"), "--from", "elvish")


def test_unknown_option_is_one_line() -> None:
    assert_one_error(run("--no-such-option", input="x\n"), "--no-such-option")


def test_unknown_format() -> None:
    assert_one_error(run("--format", "pdfx", input="x\n"), "pdfx")


def test_mapping_file_with_a_typo(folder: Path) -> None:
    (folder / "my.toml").write_text(
        '[meta]\nid = "mine"\nextends = "cyrillic-latin"\n\n[[rules]]\nid = "Z1"\n'
        'match = "х"\noutput = "kh"\nprevv = "^"\n',
        encoding="utf-8",
    )
    assert_one_error(run("--scheme", "my.toml", "-t", "latin", input="Хат\n"), "prevv")
    assert_one_error(run("validate", "my.toml"), "prevv")


def test_missing_scheme_file() -> None:
    assert_one_error(run("--scheme", "nope.toml", input="x\n"), "nope.toml")


def test_many_files_keep_going_and_the_worst_status_wins(folder: Path) -> None:
    (folder / "a.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01")
    (folder / "c.txt").write_text("Яхши\n", encoding="utf-8")
    result = run("-t", "latin", "a.txt", "missing.txt", "blob.txt", "c.txt")
    assert result.exit_code == 2
    assert result.stdout == "Salom\nYaxshi\n"
    errors = result.stderr.strip().splitlines()
    assert [line.split(":")[1].strip() for line in errors[:-1]] == ["missing.txt", "blob.txt"]
    assert errors[-1] == "yozuv: 2 of 4 input(s) failed"
    check = run("-t", "latin", "--check", "a.txt", "missing.txt")
    assert check.exit_code == 2
    assert check.stdout == "a.txt\n"


def test_walked_binary_files_are_skipped_not_errors(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs/a.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "docs/zz.txt").write_bytes(b"\x00\x01binary")
    result = run("-t", "latin", "-i", "docs")
    assert result.exit_code == 0, result.stderr
    assert (folder / "docs/zz.txt").read_bytes() == b"\x00\x01binary"


# --------------------------------------------------------------------------- formats


def test_format_is_chosen_by_extension(folder: Path) -> None:
    (folder / "page.html").write_text(
        '<p class="салом">Салом <a href="http://x.uz/дом">дунё</a></p>\n', encoding="utf-8"
    )
    result = run("-t", "latin", "page.html")
    assert result.exit_code == 0, result.stderr
    assert 'class="салом"' in result.stdout
    assert 'href="http://x.uz/дом"' in result.stdout
    assert "Salom" in result.stdout and "dunyo" in result.stdout


def test_format_override_and_columns(folder: Path) -> None:
    (folder / "table.csv").write_text("id,name,note\nкод,Салом,Дунё\n", encoding="utf-8")
    result = run("-t", "latin", "--columns", "name", "table.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "код,Salom,Дунё"
    as_text = run("-t", "latin", "--format", "text", "table.csv")
    assert as_text.stdout.splitlines()[1] == "kod,Salom,Dunyo"


# --------------------------------------------------------------------------- other commands


def test_detect_text_and_json(folder: Path) -> None:
    (folder / "a.txt").write_text("Тошкент шаҳри катта\n", encoding="utf-8")
    (folder / "b.txt").write_text("Toshkent shahri katta\n", encoding="utf-8")
    text = run("detect", "a.txt", "b.txt")
    assert text.exit_code == 0
    assert "a.txt: cyrillic, suggested: -t latin" in text.stdout
    assert "b.txt: latin, suggested: -t cyrillic" in text.stdout
    report = json.loads(run("detect", "--json", "a.txt", "b.txt").stdout)
    assert [entry["path"] for entry in report] == ["a.txt", "b.txt"]
    assert report[0]["script"] == "cyrillic"
    assert report[0]["encoding"] == "utf-8"
    assert report[0]["shares"]["cyrillic"] == 1.0


def test_detect_reports_legacy_encoding_and_mixed_words(folder: Path) -> None:
    (folder / "old.txt").write_bytes("Тошкент жуда катта ва чиройли\n".encode("cp1251"))
    (folder / "mixed.txt").write_text("Тошкeнт шаҳри\n", encoding="utf-8")  # Latin e inside
    result = run("detect", "old.txt", "mixed.txt")
    assert result.exit_code == 0, result.stderr
    assert "encoding: cp1251" in result.stdout
    assert "mixed-script words (1): Тошкeнт" in result.stdout


def test_detect_missing_file_keeps_going(folder: Path) -> None:
    (folder / "a.txt").write_text("Тошкент\n", encoding="utf-8")
    result = run("detect", "nope.txt", "a.txt")
    assert result.exit_code == 2
    assert "a.txt: cyrillic" in result.stdout
    assert result.stderr.strip() == "yozuv: nope.txt: no such file"


def test_explain_names_the_rules() -> None:
    result = run("explain", "цирк", "лицей")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("цирк -> sirk")
    assert any(line.split()[:3] == ["ц", "s", "C20"] for line in lines)
    assert any(line.split()[:3] == ["ц", "ts", "C24"] for line in lines)


def test_explain_other_direction() -> None:
    result = run("explain", "-t", "cyrillic", "Toshkent")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Toshkent -> Тошкент  (latin -> cyrillic)"


def test_schemes_lists_the_builtin_schemes() -> None:
    result = run("schemes")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "FROM", "TO", "STATUS", "ALIASES"]
    listed = {row.split()[0] for row in rows}
    assert {info.id for info in yozuv.schemes()} == listed
    as_json = json.loads(run("schemes", "--json").stdout)
    assert {entry["id"] for entry in as_json} == listed


def test_validate_passes_failing_samples_and_exit_codes(folder: Path) -> None:
    builtin = Path(yozuv.__file__).parents[2] / "mappings" / "cyrillic-latin.toml"
    good = run("validate", str(builtin))
    assert good.exit_code == 0, good.stdout + good.stderr
    assert "samples pass" in good.stdout
    (folder / "wrong.toml").write_text(
        '[meta]\nid = "mine"\nextends = "cyrillic-latin"\n\n'
        '[[samples]]\ninput = "Салом"\nexpected = "Shalom"\n',
        encoding="utf-8",
    )
    failing = run("validate", "wrong.toml")
    assert failing.exit_code == 1
    assert "FAIL" in failing.stdout and "'Shalom'" in failing.stdout
    assert_one_error(run("validate", "missing.toml"), "missing.toml")


def test_user_scheme_changes_the_output(folder: Path) -> None:
    (folder / "my.toml").write_text(
        '[meta]\nid = "mine"\nextends = "cyrillic-latin"\n\n[letters]\n"х" = "kh"\n',
        encoding="utf-8",
    )
    plain = run("-t", "latin", input="Хат\n")
    mine = run("--scheme", "my.toml", "-t", "latin", input="Хат\n")
    assert plain.stdout == "Xat\n"
    assert mine.exit_code == 0, mine.stderr
    assert mine.stdout == "Khat\n"


def test_no_arguments_on_a_terminal_shows_help(monkeypatch: pytest.MonkeyPatch) -> None:
    import yozuv.cli.terminal as terminal_module

    monkeypatch.setattr(terminal_module, "isatty", lambda stream: True)
    result = run()
    assert result.exit_code == 0
    assert "Usage: yozuv" in result.stdout


def test_provisional_scheme_is_announced_once_on_stderr(folder: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Ўғил\n", encoding="utf-8")
    result = run("-t", "latin2026", "a.txt", "b.txt")
    assert result.exit_code == 0
    assert result.stdout == "Öğil\nÖğil\n"
    notices = [line for line in result.stderr.splitlines() if "provisional" in line]
    assert len(notices) == 1
    assert run("-t", "latin2026", "-q", "a.txt").stderr == ""
    assert "provisional" not in run("-t", "latin", "a.txt").stderr


def test_progress_on_a_terminal_for_long_jobs(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yozuv.cli.run as batch_module
    import yozuv.cli.terminal as terminal_module
    from yozuv.cli.report import Reporter

    shown: list[int] = []
    real_progress = terminal_module.Progress

    class CountingProgress(real_progress):  # type: ignore[misc, valid-type]
        def __init__(self, total: int, reporter: Reporter, *, in_bytes: bool = False) -> None:
            shown.append(total)
            super().__init__(total, reporter, in_bytes=in_bytes)

    monkeypatch.setattr(terminal_module, "Progress", CountingProgress)
    monkeypatch.setattr(terminal_module, "isatty", lambda stream: True)
    names = []
    for number in range(batch_module.PROGRESS_MIN_FILES + 1):
        name = f"f{number:02}.txt"
        (folder / name).write_text("Салом\n", encoding="utf-8")
        names.append(name)
    result = run("-t", "latin", "-i", *names)
    assert result.exit_code == 0
    assert shown == [len(names)]
    assert (folder / names[-1]).read_text(encoding="utf-8") == "Salom\n"
    run("-t", "latin", "-i", "-q", *names)  # -q: no progress
    run("-t", "latin", "-i", *names[:3])  # short job: no progress
    assert shown == [len(names)]


@pytest.mark.parametrize("how", ["in-place", "to-stdout-redirected", "output-file"])
def test_progress_in_bytes_for_one_large_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Issue 12 item 8: one large file had no progress at all. Now the bar counts bytes and
    moves while a streamed file is read (-i on a big text, stdout sent to a file); a file
    converted whole moves it once, at its end."""
    import sys

    import yozuv.cli.delivery as delivery_module
    import yozuv.cli.run as batch_module
    import yozuv.cli.terminal as terminal_module
    from yozuv.cli.report import Reporter

    created: list[tuple[int, bool]] = []
    steps: list[int] = []
    real_progress = terminal_module.Progress

    class RecordingProgress(real_progress):  # type: ignore[misc, valid-type]
        def __init__(self, total: int, reporter: Reporter, *, in_bytes: bool = False) -> None:
            created.append((total, in_bytes))
            super().__init__(total, reporter, in_bytes=in_bytes)

        def advance(self, amount: int = 1) -> None:
            steps.append(amount)
            super().advance(amount)

    line = "Салом дунё, бу катта файл.\n"
    text = line * 20_000  # about 0.6 MB: the limits are lowered below
    (folder / "big.txt").write_text(text, encoding="utf-8")
    size = (folder / "big.txt").stat().st_size
    monkeypatch.setattr(terminal_module, "Progress", RecordingProgress)
    monkeypatch.setattr(batch_module, "PROGRESS_MIN_BYTES", 100_000)
    monkeypatch.setattr(delivery_module, "STREAM_IN_PLACE_BYTES", 100_000)
    # stderr is a terminal; stdout is one only where the data would land on it
    monkeypatch.setattr(terminal_module, "isatty", lambda stream: stream is sys.stderr)
    args = {
        "in-place": ["-i", "big.txt"],
        "to-stdout-redirected": ["big.txt"],
        "output-file": ["big.txt", "-o", "out.txt"],
    }[how]
    result = run("-t", "latin", *args)
    assert result.exit_code == 0, result.stderr
    assert created == [(size, True)]
    assert sum(steps) == size
    if how != "output-file":  # streamed: the bar moved many times before the end
        assert len([step for step in steps if step > 0]) > 3
    converted = line.replace("Салом дунё, бу катта файл.", "Salom dunyo, bu katta fayl.")
    if how == "in-place":
        assert (folder / "big.txt").read_text(encoding="utf-8") == converted * 20_000
    elif how == "output-file":
        assert (folder / "out.txt").read_text(encoding="utf-8") == converted * 20_000
    else:
        assert result.stdout == converted * 20_000


def test_no_progress_when_the_data_goes_to_the_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yozuv.cli.run as batch_module
    import yozuv.cli.terminal as terminal_module
    from yozuv.cli.report import Reporter

    created: list[int] = []
    real_progress = terminal_module.Progress

    def recording(total: int, reporter: Reporter, *, in_bytes: bool = False) -> object:
        created.append(total)
        return real_progress(total, reporter, in_bytes=in_bytes)

    monkeypatch.setattr(terminal_module, "Progress", recording)
    monkeypatch.setattr(batch_module, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(terminal_module, "isatty", lambda stream: True)
    (folder / "big.txt").write_text("Салом\n" * 100, encoding="utf-8")
    assert run("-t", "latin", "big.txt").exit_code == 0
    assert created == []


def test_preview_pager(folder: Path) -> None:
    (folder / "a.txt").write_text("Салом\n" * 5, encoding="utf-8")
    paged = run("preview", "--pager", "--color", "never", "a.txt", env={"PAGER": "cat"})
    assert paged.exit_code == 0
    assert paged.stdout.count("Salom") == 5


def test_to_the_dominant_script_converts_the_minority(folder: Path) -> None:
    """A Latin-headed CSV of Cyrillic cells, or a Latin text quoting Cyrillic, with -t latin."""
    (folder / "table.csv").write_text("id,name\n1,Салом\n", encoding="utf-8")
    assert run("-t", "latin", "table.csv").stdout == "id,name\n1,Salom\n"
    assert (
        run("-t", "latin", input="Oʻzbekiston va Тошкент\n").stdout == "Oʻzbekiston va Toshkent\n"
    )
    assert run("-t", "cyrillic", input="Тошкент ва Samarqand\n").stdout == "Тошкент ва Самарқанд\n"
    # A 1995 Latin text with a foreign ö stays 1995 Latin: no Latin 2026 guess.
    assert (
        run("-t", "latin", input="Oʻzbekiston va Göteborg\n").stdout == "Oʻzbekiston va Göteborg\n"
    )


def test_word_files_convert_diff_and_detect(folder: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Тошкент шаҳри катта")
    document.save(str(folder / "a.docx"))
    assert run("-t", "latin", "-o", "b.docx", "a.docx").exit_code == 0
    converted = docx.Document(str(folder / "b.docx"))
    assert [p.text for p in converted.paragraphs] == ["Toshkent shahri katta"]
    diff = run("-t", "latin", "--diff", "a.docx")
    assert diff.exit_code == 1
    assert "+Toshkent shahri katta" in diff.stdout.splitlines()
    detected = run("detect", "a.docx", "b.docx").stdout
    assert "a.docx: cyrillic" in detected and "b.docx: latin" in detected


def test_unsupported_binary_format_is_refused(folder: Path) -> None:
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 binary")
    assert_one_error(run("-t", "latin", "report.pdf"), "report.pdf")


# --------------------------------------------------------------------------- encodings kept


def test_in_place_keeps_the_files_own_encoding(folder: Path) -> None:
    utf16 = folder / "u16.txt"
    utf16.write_bytes("Салом дунё\r\n".encode("utf-16"))
    assert run("-t", "latin", "-i", "u16.txt").exit_code == 0
    assert utf16.read_bytes() == "Salom dunyo\r\n".encode("utf-16")
    cp1251 = folder / "w.txt"
    cp1251.write_bytes("Салом".encode("cp1251"))
    assert run("--encoding", "cp1251", "-t", "latin", "-i", "w.txt").exit_code == 0
    assert cp1251.read_bytes() == b"Salom"


def test_in_place_refuses_a_result_its_encoding_cannot_hold(folder: Path) -> None:
    cp1251 = folder / "w.txt"
    original = "Маъно".encode("cp1251")  # the result would need ʼ, which cp1251 lacks
    cp1251.write_bytes(original)
    result = run("--encoding", "cp1251", "-t", "latin", "-i", "w.txt")
    assert_one_error(result, "w.txt", "cp1251")
    assert cp1251.read_bytes() == original
    ascii_result = run(
        "--encoding", "cp1251", "-t", "latin", "--apostrophe", "ascii", "-i", "w.txt"
    )
    assert ascii_result.exit_code == 0
    assert cp1251.read_bytes() == b"Ma'no"


def test_output_to_stdout_is_utf8_unless_asked(folder: Path) -> None:
    (folder / "u16.txt").write_bytes("Салом".encode("utf-16"))
    assert run("-t", "latin", "u16.txt").stdout_bytes == "\ufeffSalom".encode("utf-8")


def test_a_structured_file_error_names_the_file(folder: Path) -> None:
    (folder / "bad.json").write_text('{"a": "Салом",}', encoding="utf-8")
    assert_one_error(run("-t", "latin", "bad.json"), "bad.json: malformed JSON")


def test_columns_on_a_non_csv_file_is_an_error(folder: Path) -> None:
    (folder / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    assert_one_error(run("-t", "latin", "--columns", "1", "a.txt"), "CSV/TSV")
    assert run("-t", "latin", "--columns", "1", "--format", "markdown", "a.txt").exit_code == 2
