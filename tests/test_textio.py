"""Tests for yozuv.textio: byte-exact round trips, encodings, atomic writes, streaming."""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import itertools
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import tracemalloc
import types
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yozuv.errors import BinaryFileError, EncodingError, YozuvError
from yozuv.textio import (
    Decoded,
    StreamEncoder,
    atomic,
    decode,
    encode,
    iter_text_chunks,
    read_bytes,
    sniff,
    write_atomic,
)
from yozuv.textio import codec as codec_module

DATA = Path(__file__).parent / "data" / "textio"

# --------------------------------------------------------------------------------------------
# Helpers


def uzbek_sample() -> str:
    """A few hundred characters of ordinary Uzbek Cyrillic prose (written for these tests)."""
    return (DATA / "uzbek-sample.cyrl.txt").read_text(encoding="utf-8")


# What legacy files really held: Russian code pages have no Ққ Ғғ Ҳҳ (and koi8-r no Ўў), so
# typists used the nearest Russian letter.
RUSSIAN_FALLBACK = str.maketrans("ҚқҒғҲҳ", "КкГгХх")
NO_SHORT_U = str.maketrans("Ўў", "Уу")


def legacy_sample(codec: str) -> str:
    text = uzbek_sample().translate(RUSSIAN_FALLBACK)
    return text.translate(NO_SHORT_U) if codec == "koi8-r" else text


class Trickle(io.RawIOBase):
    """A raw stream that hands out its data in pieces of the given sizes (like a slow pipe)."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data = data
        self._sizes = sizes or [1]
        self._pos = 0
        self._turn = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self._sizes[self._turn % len(self._sizes)])
        self._turn += 1
        piece = self._data[self._pos : self._pos + size]
        buffer[: len(piece)] = piece
        self._pos += len(piece)
        return len(piece)

    def read1(self, size: int = -1) -> bytes:
        buffer = bytearray(size if size > 0 else 1 << 16)
        return bytes(buffer[: self.readinto(buffer)])


class Generated(io.RawIOBase):
    """A large stream made on the fly from a repeated block, never held in memory."""

    def __init__(self, block: bytes, repeat: int) -> None:
        self._block = block
        self._left = repeat
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._rest:
            if not self._left:
                return 0
            self._left -= 1
            self._rest = self._block
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def folder_listing(folder: Path) -> set[str]:
    return set(os.listdir(folder))


# --------------------------------------------------------------------------------------------
# read_bytes


def test_read_bytes_returns_exact_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfx\r\ny")
    assert read_bytes(path) == b"\xef\xbb\xbfx\r\ny"


def test_read_bytes_missing_file(tmp_path: Path) -> None:
    with pytest.raises(YozuvError, match=r"nope\.txt: no such file"):
        read_bytes(tmp_path / "nope.txt")


def test_read_bytes_directory(tmp_path: Path) -> None:
    with pytest.raises(YozuvError, match="is a directory"):
        read_bytes(tmp_path)


def test_read_bytes_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(atomic, "open", refuse, raising=False)
    with pytest.raises(YozuvError, match=r"secret\.txt: permission denied"):
        read_bytes(path)


# --------------------------------------------------------------------------------------------
# decode / encode: newlines and BOMs survive byte for byte

NEWLINE_CASES = [
    "Салом\nдунё\n",
    "Салом\r\nдунё\r\n",
    "Салом\rдунё\r",
    "aralash\nSalom\r\ndunyo\rva\n\r\n\r\rbo‘ldi",
    "oxirida yangi satr yoʻq",
    "",
    "\n",
    "\r\n\r\n",
]


@pytest.mark.parametrize("text", NEWLINE_CASES)
def test_every_newline_style_round_trips_byte_exactly(text: str) -> None:
    data = text.encode("utf-8")
    decoded = decode(data)
    assert decoded == Decoded(text=text, encoding="utf-8", bom=b"")
    assert encode(decoded.text, decoded.encoding, bom=decoded.bom) == data


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
@pytest.mark.parametrize("text", ["Ўзбекистон\r\nOʻzbekiston\n", "satr\roxiri yoʻq"])
def test_bom_is_detected_stripped_and_written_back(bom: bytes, codec: str, text: str) -> None:
    data = bom + text.encode(codec)
    decoded = decode(data)  # the default "utf-8" loses to the BOM
    assert decoded.text == text
    assert decoded.encoding == codec
    assert decoded.bom == bom
    assert encode(decoded.text, decoded.encoding, bom=decoded.bom) == data


def test_bom_wins_over_the_named_encoding() -> None:
    data = codecs.BOM_UTF16_BE + "Ҳа".encode("utf-16-be")
    assert decode(data, "cp1251") == Decoded("Ҳа", "utf-16-be", codecs.BOM_UTF16_BE)


def test_bom_is_translated_when_the_output_encoding_changes() -> None:
    # A UTF-16 file with a BOM converted to UTF-8 output keeps "a BOM", the UTF-8 one.
    assert encode("ha", "utf-8", bom=codecs.BOM_UTF16_LE) == codecs.BOM_UTF8 + b"ha"
    # A legacy code page has no BOM to write.
    assert encode("ҳа".translate(RUSSIAN_FALLBACK), "cp1251", bom=codecs.BOM_UTF8) == b"\xf5\xe0"
    # utf-8-sig and the endian-less UTF-16 always carry their BOM, exactly once.
    assert encode("a", "utf-8-sig") == codecs.BOM_UTF8 + b"a"
    assert encode("a", "utf-16") == codecs.BOM_UTF16_LE + b"a\x00"
    assert encode("a", "utf-16", bom=codecs.BOM_UTF16_BE) == codecs.BOM_UTF16_BE + b"\x00a"


def test_named_encoding_without_bom_is_used_and_canonicalised() -> None:
    data = "Салом".encode("cp1251")
    assert decode(data, "CP1251") == Decoded("Салом", "cp1251", b"")
    assert decode("a".encode("utf-16-be"), "utf-16") == Decoded("a", "utf-16-be", b"")


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(EncodingError, match=r"f\.txt: unknown encoding 'klingon-8'"):
        decode(b"x", "klingon-8", name="f.txt")
    with pytest.raises(EncodingError, match="unknown encoding"):
        encode("x", "klingon-8")


# Text that can appear in a text file: no NUL, no lone surrogates; newlines of every style.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\n\r\t ʻʼ‘’'ЎўҚқҒғҲҳЁёSalomshch")),
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(
    text=TEXT,
    codec=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
    with_bom=st.booleans(),
)
def test_round_trip_property(text: str, codec: str, with_bom: bool) -> None:
    bom = codec_module.BOM_OF[codec] if with_bom else b""
    data = encode(text, codec, bom=bom)
    assert data == bom + text.encode(codec)
    # UTF-8 is found by default; the others by their BOM, or when named.
    named = "utf-8" if with_bom else codec
    decoded = decode(data, named)
    assert decoded.text == text
    assert decoded.bom == bom
    assert encode(decoded.text, decoded.encoding, bom=decoded.bom) == data


# --------------------------------------------------------------------------------------------
# decode: binary and undecodable input


def test_nul_byte_is_refused_as_binary() -> None:
    with pytest.raises(BinaryFileError, match=r"img\.png: binary file \(NUL byte at offset 4\)"):
        decode(b"\x89PNG\x00\x1a", name="img.png")


def test_nul_bytes_are_normal_in_utf16_but_a_nul_character_is_binary() -> None:
    assert decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le")).text == "ab"
    with pytest.raises(BinaryFileError, match="NUL character"):
        decode(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"))


def test_binary_wins_over_auto_detection() -> None:
    with pytest.raises(BinaryFileError):
        decode(b"\xff\xd8\xff\xe0\x00\x10JFIF", "auto", name="photo.jpg")


def test_undecodable_bytes_name_file_offset_line_and_hint() -> None:
    data = "Салом\nдунё ".encode() + b"\xff!"
    with pytest.raises(EncodingError) as info:
        decode(data, name="notes.txt")
    message = str(info.value)
    assert message.startswith("notes.txt: ")
    bad_at = data.index(b"\xff")
    assert f"offset {bad_at} " in message
    assert "line 2, column 6" in message
    assert "--encoding auto" in message


def test_undecodable_offset_counts_the_bom() -> None:
    data = codecs.BOM_UTF8 + b"ab\xc3("
    with pytest.raises(EncodingError, match="offset 5 "):
        decode(data)


def test_legacy_bytes_read_as_utf8_suggest_auto() -> None:
    with pytest.raises(EncodingError, match="--encoding auto"):
        decode(legacy_sample("cp1251").encode("cp1251"))


def test_a_declared_charset_is_asked_for_only_when_utf8_fails_and_none_was_named() -> None:
    """``declared`` stands for a format that knows where its files name their charset (a
    PO header): a BOM, valid UTF-8 and a named encoding never ask it; a declared charset
    Python lacks is named, and one that does not fit the bytes either says it was declared."""
    asked: list[bytes] = []

    def cp1251(data: bytes) -> str:
        asked.append(data)
        return "CP1251"

    legacy = "Ёрдам".encode("cp1251")
    assert decode(legacy, declared=cp1251) == Decoded("Ёрдам", "cp1251", b"")
    assert asked == [legacy]
    assert decode("Ёрдам".encode(), declared=cp1251).encoding == "utf-8"
    assert decode(legacy, "koi8-r", declared=cp1251).encoding == "koi8-r"
    assert decode(b"\xef\xbb\xbfa", declared=cp1251).bom == b"\xef\xbb\xbf"
    assert len(asked) == 1
    for nothing_better in (lambda _data: None, lambda _data: "UTF-8"):
        with pytest.raises(EncodingError, match="as utf-8; try --encoding auto"):
            decode(legacy, declared=nothing_better)
    with pytest.raises(EncodingError, match="'BOGUS-9', is unknown"):
        decode(legacy, name="x.po", declared=lambda _data: "BOGUS-9")
    with pytest.raises(EncodingError, match="as ascii, the charset the file declares"):
        decode(legacy, declared=lambda _data: "ASCII")


# --------------------------------------------------------------------------------------------
# decode: --encoding auto


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic"])
def test_auto_detects_legacy_cyrillic_code_pages(codec: str) -> None:
    text = legacy_sample(codec)
    assert len(text) > 300
    data = text.encode(codec)
    decoded = decode(data, "auto", name="old.txt")
    assert decoded.encoding == codecs.lookup(codec).name
    assert decoded.text == text
    # and it writes back to the very same bytes
    assert encode(decoded.text, decoded.encoding) == data


SHORT_LINES = [
    "салом дунё, бугун ҳаво яхши",
    "Эртага соат ўнда мажлис бўлади.",
    "Китобни ўқиб чиқдингми?",
    "Бизнинг оиламиз катта: отам, онам ва уч укам бор.",
    "Ассалому алайкум, азиз дўстлар!",
    "Мактабда янги ўқув йили бошланди.",
]


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic"])
@pytest.mark.parametrize("line", SHORT_LINES)
def test_auto_detects_short_lines_too(line: str, codec: str) -> None:
    # charset-normalizer's own first choice gets 4 of these 30 wrong (KOI8-R and
    # Mac Cyrillic taken for cp1251); the Cyrillic plausibility check among its candidates
    # must get them right.
    text = line.translate(RUSSIAN_FALLBACK)
    if codec == "koi8-r":
        text = text.translate(NO_SHORT_U)
    assert decode(text.encode(codec), "auto").text == text


def test_plausibility_prefers_real_text_over_mojibake() -> None:
    real = legacy_sample("koi8-r")
    as_cp1251 = real.encode("koi8-r").decode("cp1251")  # all capitals, scrambled letters
    assert sniff.plausibility(real) > sniff.plausibility(as_cp1251)
    mac = legacy_sample("mac-cyrillic").encode("mac-cyrillic")
    assert sniff.plausibility(mac.decode("mac-cyrillic")) > sniff.plausibility(mac.decode("cp1251"))


def test_auto_prefers_bom_then_utf8() -> None:
    text = uzbek_sample()
    assert decode(text.encode("utf-8"), "auto") == Decoded(text, "utf-8", b"")
    assert decode(b"plain ascii\n", "auto").encoding == "utf-8"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert decode(data, "auto") == Decoded(text, "utf-16-le", codecs.BOM_UTF16_LE)


def test_auto_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # makes the import fail
    data = legacy_sample("cp1251").encode("cp1251")
    with pytest.raises(EncodingError, match=re.escape("pip install 'yozuv[encodings]'")):
        decode(data, "auto", name="old.txt")
    # UTF-8 input does not need the extra at all
    assert decode(uzbek_sample().encode(), "auto").encoding == "utf-8"


def test_auto_asks_only_for_cyrillic_code_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def from_bytes(data: bytes, **options: Any) -> list[Any]:
        calls.append(options)
        return []  # no code page fits

    fake = types.ModuleType("charset_normalizer")
    fake.from_bytes = from_bytes  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "charset_normalizer", fake)
    with pytest.raises(EncodingError, match="not one of the Cyrillic code pages"):
        decode(b"\x80\x81\x82 \xe0\xe1", "auto", name="odd.txt")
    assert sorted(calls[0]["cp_isolation"]) == sorted(
        ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"]
    )


# --------------------------------------------------------------------------------------------
# encode: output the codec cannot hold


def test_unencodable_output_names_character_line_and_column() -> None:
    text = "Salom\r\nbu yerda oʻzbekcha\n"
    with pytest.raises(EncodingError) as info:
        encode(text, "cp1251", name="out.txt")
    message = str(info.value)
    assert message.startswith("out.txt: cp1251 cannot encode")
    assert "U+02BB" in message
    assert "line 2, column 11" in message
    assert "--apostrophe ascii" in message
    # the option that sets what is written (issue 12: it used to name --encoding, the input's)
    assert "--output-encoding utf-8" in message


def test_unencodable_output_fails_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = "Ўзбек\n".encode("cp1251")
    path.write_bytes(original)
    before = os.stat(path)
    with pytest.raises(EncodingError):
        write_atomic(path, encode("Oʻzbek\n", "cp1251", name=str(path)))
    assert path.read_bytes() == original
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert folder_listing(tmp_path) == {"doc.txt"}


def test_stream_encoder_writes_bom_once_and_counts_lines_across_pieces() -> None:
    encoder = StreamEncoder("utf-16", bom=codecs.BOM_UTF16_LE)
    assert encoder.encode("a\r") == codecs.BOM_UTF16_LE + "a\r".encode("utf-16-le")
    assert encoder.encode("\nb") == "\nb".encode("utf-16-le")
    legacy = StreamEncoder("cp1251", name="<stdout>")
    assert legacy.encode("Салом\nдунё\r") == "Салом\nдунё\r".encode("cp1251")
    assert legacy.encode("\nyaxshi ") == b"\nyaxshi "
    with pytest.raises(EncodingError, match="line 3, column 10"):
        legacy.encode("boʻladi")  # 'yaxshi ' was 7 characters of line 3 already, ʻ is the 10th


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab Ўў\r\n\t")), max_size=60),
    bad_at=st.integers(min_value=0, max_value=60),
    cuts=st.lists(st.integers(min_value=0, max_value=61), max_size=6),
)
def test_stream_encoder_matches_encode_however_the_text_is_cut(
    text: str, bad_at: int, cuts: list[int]
) -> None:
    bad_at = min(bad_at, len(text))
    for candidate in (text, text[:bad_at] + "ʻ" + text[bad_at:]):
        bounds = sorted({0, len(candidate), *(min(c, len(candidate)) for c in cuts)})
        pieces = [candidate[i:j] for i, j in itertools.pairwise(bounds)]
        encoder = StreamEncoder("cp1251", bom=codecs.BOM_UTF8)
        try:
            expected = encode(candidate, "cp1251", bom=codecs.BOM_UTF8)
        except EncodingError as whole_error:
            with pytest.raises(EncodingError) as piece_error:
                for piece in pieces:
                    encoder.encode(piece)
            assert str(piece_error.value) == str(whole_error)
        else:
            assert b"".join(encoder.encode(piece) for piece in pieces) == expected


# --------------------------------------------------------------------------------------------
# write_atomic


def set_old_mtime(path: Path) -> None:
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))


def test_write_atomic_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    assert write_atomic(path, b"new\r\n") is True
    assert path.read_bytes() == b"new\r\n"
    assert folder_listing(tmp_path) == {"a.txt"}


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "same.txt"
    path.write_bytes(b"Salom\n")
    set_old_mtime(path)
    before = os.stat(path)
    assert write_atomic(path, b"Salom\n", backup_suffix=".bak") is False
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert folder_listing(tmp_path) == {"same.txt"}  # no backup of an unchanged file either


def test_changed_file_gets_a_new_inode_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"Salom\n")
    set_old_mtime(path)
    before = os.stat(path)
    assert write_atomic(path, b"Salom!\n") is True  # same size would not fool the comparison
    assert os.stat(path).st_mtime_ns != before.st_mtime_ns
    assert os.stat(path).st_ino != before.st_ino


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o444, 0o4755])
def test_mode_bits_are_kept(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "script.sh"
    path.write_bytes(b"echo salom\n")
    os.chmod(path, mode)
    write_atomic(path, b"echo hello\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert path.read_bytes() == b"echo hello\n"


def test_new_file_gets_the_usual_umask_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    path = tmp_path / "new.txt"
    assert write_atomic(path, b"x") is True
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask


def test_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "text.txt"
    target.write_bytes(b"old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(os.path.join("real", "text.txt"))
    assert write_atomic(link, b"new\n") is True
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "text.txt")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert folder_listing(real_dir) == {"text.txt"}
    assert folder_listing(tmp_path) == {"real", "link.txt"}


def test_backup_keeps_the_original_bytes_mode_and_time(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"asl matn\r\n")
    os.chmod(path, 0o640)
    set_old_mtime(path)
    assert write_atomic(path, b"yangi matn\r\n", backup_suffix=".bak") is True
    backup = tmp_path / "doc.txt.bak"
    assert backup.read_bytes() == b"asl matn\r\n"
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o640
    assert os.stat(backup).st_mtime_ns == 1_000_000_000_000_000_000
    assert path.read_bytes() == b"yangi matn\r\n"
    assert folder_listing(tmp_path) == {"doc.txt", "doc.txt.bak"}


def test_an_older_backup_is_never_overwritten(tmp_path: Path) -> None:
    """It may hold the only copy of an original: the write is refused, both files kept."""
    path = tmp_path / "doc.txt"
    (tmp_path / "doc.txt~").write_bytes(b"very old")
    path.write_bytes(b"v1")
    with pytest.raises(YozuvError, match="backup already exists"):
        write_atomic(path, b"v2", backup_suffix="~")
    assert (tmp_path / "doc.txt~").read_bytes() == b"very old"
    assert path.read_bytes() == b"v1"
    assert write_atomic(path, b"v1", backup_suffix="~") is False  # nothing to change: no backup


def test_backup_of_a_symlink_is_made_beside_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(b"v1")
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    write_atomic(link, b"v2", backup_suffix=".orig")
    assert link.is_symlink()
    assert (tmp_path / "link.txt.orig").read_bytes() == b"v1"
    assert not (tmp_path / "link.txt.orig").is_symlink()
    assert target.read_bytes() == b"v2"


def test_invalid_backup_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    for suffix in ("", "/x"):
        with pytest.raises(YozuvError, match="invalid backup suffix"):
            write_atomic(path, b"y", backup_suffix=suffix)
    assert path.read_bytes() == b"x"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_device_is_written_to_not_replaced() -> None:
    before = os.stat("/dev/null")
    assert write_atomic(Path("/dev/null"), b"discarded") is True
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert write_atomic(fifo, "Салом\n".encode()) is True
    reader.join(timeout=20)
    assert received == ["Салом\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert folder_listing(tmp_path) == {"pipe"}


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(YozuvError, match="is a directory"):
        write_atomic(tmp_path, b"x")


# -- fault injection ---------------------------------------------------------------------------

ORIGINAL = "Асл матн\r\nохирги сатр".encode()


def prepared(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(ORIGINAL)
    os.chmod(path, 0o640)
    return path


def failing(exc: BaseException, real: Callable[..., Any], *, after: int = 0) -> Any:
    """A stand-in for ``real`` whose call number ``after + 1`` raises ``exc`` (once)."""
    calls = {"n": 0}

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == after + 1:
            raise exc
        return real(*args, **kwargs)

    return fake


FAULTS = [
    pytest.param("write", OSError(errno.ENOSPC, "No space left on device"), id="write-ENOSPC"),
    pytest.param("write", KeyboardInterrupt(), id="write-interrupt"),
    pytest.param("fsync", OSError(errno.EIO, "Input/output error"), id="fsync-EIO"),
    pytest.param("fsync", KeyboardInterrupt(), id="fsync-interrupt"),
    pytest.param("replace", OSError(errno.ENOSPC, "No space left on device"), id="replace-ENOSPC"),
    pytest.param("replace", KeyboardInterrupt(), id="replace-interrupt"),
    pytest.param("fchmod", OSError(errno.EPERM, "Operation not permitted"), id="fchmod-EPERM"),
    pytest.param("close", KeyboardInterrupt(), id="close-interrupt"),
]


@pytest.mark.parametrize("backup", [None, ".bak"])
@pytest.mark.parametrize(("function", "exc"), FAULTS)
def test_failure_leaves_original_intact_and_no_temp_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    function: str,
    exc: BaseException,
    backup: str | None,
) -> None:
    path = prepared(tmp_path)
    # With a backup, let it succeed and fail on the main file (the backup's calls come first).
    calls_for_backup = {"write": 1, "fsync": 2, "replace": 1, "fchmod": 1, "close": 2}
    after = calls_for_backup[function] if backup else 0
    monkeypatch.setattr(os, function, failing(exc, getattr(os, function), after=after))
    expected = KeyboardInterrupt if isinstance(exc, KeyboardInterrupt) else YozuvError
    with pytest.raises(expected) as info:
        write_atomic(path, "Янги матн\n".encode(), backup_suffix=backup)
    monkeypatch.undo()
    assert path.read_bytes() == ORIGINAL
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    left = {"victim.txt", "victim.txt.bak"} if backup else {"victim.txt"}
    assert folder_listing(tmp_path) == left
    if backup:
        assert (tmp_path / "victim.txt.bak").read_bytes() == ORIGINAL
    if expected is YozuvError:
        assert str(info.value).startswith(f"{path}: cannot write: ")
        assert isinstance(exc, OSError)
        assert str(exc.strerror) in str(info.value)


def test_disk_full_after_a_partial_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = prepared(tmp_path)
    real_write = os.write
    state = {"calls": 0}

    def short_then_full(fd: int, data: Any) -> int:
        state["calls"] += 1
        if state["calls"] == 1:
            return real_write(fd, bytes(data[:3]))  # the disk takes three bytes ...
        raise OSError(errno.ENOSPC, "No space left on device")  # ... and then is full

    monkeypatch.setattr(os, "write", short_then_full)
    with pytest.raises(YozuvError, match="No space left on device"):
        write_atomic(path, b"x" * 100_000)
    monkeypatch.undo()
    assert state["calls"] == 2
    assert path.read_bytes() == ORIGINAL
    assert folder_listing(tmp_path) == {"victim.txt"}


def test_failing_backup_stops_before_the_original_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = prepared(tmp_path)
    refusal = OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(os, "replace", failing(refusal, os.replace))
    with pytest.raises(YozuvError, match=r"victim\.txt\.bak: cannot write the backup"):
        write_atomic(path, b"new", backup_suffix=".bak")
    monkeypatch.undo()
    assert path.read_bytes() == ORIGINAL
    assert folder_listing(tmp_path) == {"victim.txt"}


def test_failing_folder_fsync_after_the_rename_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The new content is already in place; syncing the folder is only a durability hint.
    path = prepared(tmp_path)
    monkeypatch.setattr(os, "fsync", failing(OSError(errno.EINVAL, "x"), os.fsync, after=1))
    assert write_atomic(path, b"new") is True
    monkeypatch.undo()
    assert path.read_bytes() == b"new"
    assert folder_listing(tmp_path) == {"victim.txt"}


def test_unwritable_folder_gives_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = prepared(tmp_path)
    real_open = os.open

    def no_create(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_create)
    with pytest.raises(YozuvError, match=r"victim\.txt: cannot write: Permission denied"):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == ORIGINAL
    assert folder_listing(tmp_path) == {"victim.txt"}


def write_as(uid: int | None, path: Path) -> str:
    """Run write_atomic(path) (in a forked child that drops to ``uid`` if given); its outcome."""
    if uid is None:
        try:
            write_atomic(path, b"new")
        except YozuvError as exc:
            return f"YozuvError: {exc}"
        return "no error"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become an ordinary user, for whom permissions count
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.write(write_end, write_as(None, path).encode())
        except BaseException as exc:
            os.write(write_end, repr(exc).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return outcome


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX permissions")
def test_real_read_only_folder_gives_a_clean_error() -> None:
    """A real read-only folder; as root (who ignores permissions) the write runs as nobody."""
    import pwd

    uid = None
    if os.geteuid() == 0:
        try:
            uid = pwd.getpwnam("nobody").pw_uid
        except KeyError:
            pytest.skip("no unprivileged user to run as")
    folder = Path(tempfile.mkdtemp(prefix="yozuv-ro-"))
    try:
        os.chmod(folder, 0o755)
        path = folder / "file.txt"
        path.write_bytes(ORIGINAL)
        os.chmod(path, 0o666)  # the file itself is writable: only the folder refuses
        os.chmod(folder, 0o555)
        outcome = write_as(uid, path)
        assert outcome.startswith(f"YozuvError: {path}: cannot write: Permission denied"), outcome
        assert path.read_bytes() == ORIGINAL
        assert folder_listing(folder) == {"file.txt"}
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


# --------------------------------------------------------------------------------------------
# iter_text_chunks


def chunks_of(data: bytes, sizes: list[int], chunk_size: int, encoding: str = "utf-8") -> list[str]:
    return list(iter_text_chunks(Trickle(data, sizes), encoding, chunk_size=chunk_size))  # type: ignore[arg-type]


def reverse_words(text: str) -> str:
    """A toy word-level converter: any word cut in two would come out differently."""
    return re.sub(r"\S+", lambda m: m.group()[::-1], text)


def assert_cut_well(pieces: list[str], chunk_size: int) -> None:
    for piece, following in itertools.pairwise(pieces):
        assert piece, "no empty pieces"
        assert len(piece) <= 5 * chunk_size
        if piece.endswith("\r"):
            assert not following.startswith("\n"), "a CRLF was cut in two"
        else:
            assert piece[-1] in "\n \t", f"piece ends inside a line: {piece[-5:]!r}"


WORD = st.text(alphabet=st.sampled_from(list("ўзбекOʻzbekкитобgʻ€😀")), min_size=1, max_size=8)
SEPARATOR = st.sampled_from([" ", "\t", "\n", "\r\n", "\r", "  ", "\n\n", "\r\r\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORD, SEPARATOR), max_size=60))
    tail = draw(st.sampled_from(["", "oxiri", "\r"]))
    return "".join(word + sep for word, sep in parts) + tail


@settings(max_examples=300, deadline=None)
@given(
    text=texts(),
    sizes=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=8),
    chunk_size=st.integers(min_value=8, max_value=64),
    codec=st.sampled_from(["utf-8", "utf-16-le", "utf-32-be"]),
)
def test_chunks_join_to_the_whole_and_cut_only_between_lines_or_words(
    text: str, sizes: list[int], chunk_size: int, codec: str
) -> None:
    data = text.encode(codec)
    pieces = chunks_of(data, sizes, chunk_size, codec)
    assert "".join(pieces) == decode(data, codec).text == text
    assert_cut_well(pieces, chunk_size)
    assert "".join(reverse_words(p) for p in pieces) == reverse_words(text)


def test_chunks_end_at_line_breaks_of_every_style() -> None:
    text = "bir\nikki\r\nuch\rtoʻrt\n\nbesh"
    pieces = chunks_of(text.encode(), [1], chunk_size=1024)
    assert pieces == ["bir\n", "ikki\r\n", "uch\r", "toʻrt\n", "\n", "besh"]


def test_multibyte_characters_split_across_reads() -> None:
    text = "ў😀ʻ\nҳ€\n"
    data = text.encode()
    for size in range(1, 6):
        assert "".join(chunks_of(data, [size], chunk_size=4)) == text


def test_long_line_is_cut_after_whitespace_and_runs_without_any_are_cut_hard() -> None:
    line = " ".join(["soʻz"] * 1000)  # 4999 characters, one line
    pieces = chunks_of(line.encode(), [100], chunk_size=64)
    assert "".join(pieces) == line
    assert all(p.endswith(" ") for p in pieces[:-1])
    assert max(map(len, pieces)) <= 5 * 64
    blob = "x" * 1000 + "\u0301" * 3 + "y" * 1000  # no whitespace at all
    pieces = chunks_of(blob.encode(), [100], chunk_size=64)
    assert "".join(pieces) == blob
    assert max(map(len, pieces)) <= 5 * 64
    assert not any(unicodedata.category(p[0]).startswith("M") for p in pieces), "mark cut off"


def test_bom_is_dropped_and_reported_even_when_it_arrives_byte_by_byte() -> None:
    for bom, codec in codec_module.BOMS:
        data = bom + "Салом\r\nдунё".encode(codec)
        chunks = iter_text_chunks(Trickle(data, [1]), chunk_size=16)  # type: ignore[arg-type]
        assert chunks.bom == b""  # not known before the first piece
        first = next(chunks)
        assert (chunks.bom, chunks.encoding) == (bom, codec)
        assert first + "".join(chunks) == "Салом\r\nдунё"


def test_utf16_bom_is_not_mistaken_for_utf32() -> None:
    data = codecs.BOM_UTF16_LE + "a\nb".encode("utf-16-le")
    chunks = iter_text_chunks(io.BytesIO(data))
    assert list(chunks) == ["a\n", "b"]
    assert chunks.encoding == "utf-16-le"


def test_empty_stream_yields_nothing() -> None:
    chunks = iter_text_chunks(io.BytesIO(b""))
    assert list(chunks) == []
    assert chunks.bom == b""


def test_stream_with_nul_is_refused_as_binary() -> None:
    data = b"line one\n" * 10 + b"\x00\x01"
    with pytest.raises(BinaryFileError, match="offset 90"):
        list(iter_text_chunks(Trickle(data, [7]), chunk_size=8))  # type: ignore[arg-type]


def test_stream_undecodable_byte_reports_absolute_offset_and_line() -> None:
    data = b"bir\nikki\nuch \xc3(\n"
    with pytest.raises(EncodingError) as info:
        list(iter_text_chunks(Trickle(data, [3]), chunk_size=4))  # type: ignore[arg-type]
    assert "offset 13 (line 3, column 5)" in str(info.value)
    assert "--encoding auto" in str(info.value)


def test_stream_auto_detects_a_legacy_code_page() -> None:
    text = legacy_sample("cp1251")
    chunks = iter_text_chunks(io.BytesIO(text.encode("cp1251")), "auto")
    assert "".join(chunks) == text
    assert chunks.encoding == "cp1251"
    chunks = iter_text_chunks(io.BytesIO(text.encode("utf-8")), "auto")
    assert "".join(chunks) == text
    assert chunks.encoding == "utf-8"


def test_stream_auto_waits_for_the_first_non_ascii_bytes_to_decide() -> None:
    # A log whose first lines are ASCII and whose Cyrillic comes later, in another read.
    head = b"2024-05-01 12:00 start\n" * 3
    body = legacy_sample("koi8-r").encode("koi8-r")
    chunks = iter_text_chunks(Trickle(head + body, [len(head), 1 << 16]), "auto")  # type: ignore[arg-type]
    assert next(chunks) == head.decode()
    assert chunks.encoding == "utf-8"  # ASCII so far: any answer would decode it alike
    assert "".join(chunks) == legacy_sample("koi8-r")
    assert chunks.encoding == "koi8-r"


def test_pipe_delivering_one_line_at_a_time_is_not_held_back() -> None:
    read_end, write_end = os.pipe()
    lines = ["Салом\n", "дунё\r\n", "oxirgi\n"]
    received: list[str] = []
    arrived = [threading.Event() for _ in lines]
    waited_in_vain: list[int] = []

    def writer() -> None:
        with os.fdopen(write_end, "wb", buffering=0) as pipe:
            for number, line in enumerate(lines):
                pipe.write(line.encode())
                # The next line is sent only once this one came out (or after a timeout, so
                # that a failing implementation makes the test fail instead of hang).
                if not arrived[number].wait(timeout=10):
                    waited_in_vain.append(number)

    thread = threading.Thread(target=writer)
    thread.start()
    with os.fdopen(read_end, "rb") as pipe:
        for piece in iter_text_chunks(pipe):
            received.append(piece)
            arrived[len(received) - 1].set()
    thread.join()
    assert waited_in_vain == []
    assert received == lines


def test_subprocess_filter_echoes_each_line_as_it_arrives() -> None:
    script = (
        "import sys\n"
        "from yozuv.textio import iter_text_chunks\n"
        "for piece in iter_text_chunks(sys.stdin.buffer):\n"
        "    sys.stdout.buffer.write(piece.upper().encode()); sys.stdout.buffer.flush()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        for line in ["salom\n", "ўзбек\r\n"]:
            child.stdin.write(line.encode())
            child.stdin.flush()
            # readline would block forever if the child waited for 64 KiB before yielding
            timer = threading.Timer(20, child.kill)
            timer.start()
            echoed = child.stdout.readline()
            timer.cancel()
            assert echoed.decode() == line.upper()
        child.stdin.close()
        assert child.wait(timeout=20) == 0


def test_large_stream_stays_in_bounded_pieces_and_memory() -> None:
    chunk_size = 1 << 16
    block = ("Ўзбекистон Республикаси — oʻzbek tili\r\n" * 500 + "uzun " * 40_000 + "\n").encode()
    repeat = 64  # about 19 MB through the pipe
    expected = hashlib.sha256(block * repeat).hexdigest()
    digest = hashlib.sha256()
    longest = 0
    tracemalloc.start()
    try:
        stream = io.BufferedReader(Generated(block, repeat), buffer_size=chunk_size)
        for piece in iter_text_chunks(stream, chunk_size=chunk_size):
            longest = max(longest, len(piece))
            digest.update(piece.encode())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == expected
    assert longest <= 5 * chunk_size
    assert peak < 40 * chunk_size * 4  # a few pieces' worth (4 bytes per char at worst), not MBs
