"""Reading whole files and writing them so that no failure leaves half a file.

Why apart: in-place conversion must never lose data (disk full, permission denied, Ctrl-C);
everything about temporary files, modes, links and fsync is here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from yozuv.errors import YozuvError
from yozuv.records import Record


class FileState(Record):
    """What tells that a file was changed (or replaced) since it was read."""

    size: int
    mtime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileState:
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


class InPlace(Record):
    """How ``-i`` may rewrite a file: as it was read (``read``), and whether a read-only
    file or one with other hard links may be rewritten all the same (``force``)."""

    read: FileState
    force: bool = False


def read_bytes(path: Path) -> bytes:
    """Return the whole content of ``path``, turning the usual mistakes into one-line errors."""
    return read_bytes_and_state(path)[0]


def read_bytes_and_state(path: Path) -> tuple[bytes, FileState]:
    """The content of ``path`` and its state when read (for :class:`InPlace`)."""
    try:
        with open(path, "rb") as handle:
            state = FileState.of(os.fstat(handle.fileno()))
            return handle.read(), state
    except FileNotFoundError:
        raise YozuvError("no such file", path=path) from None
    except IsADirectoryError:
        raise YozuvError("is a directory, not a file", path=path) from None
    except PermissionError:
        if path.is_dir():  # Windows reports a directory as a permission problem
            raise YozuvError("is a directory, not a file", path=path) from None
        raise YozuvError("permission denied", path=path) from None
    except OSError as exc:
        raise YozuvError(f"cannot read: {_reason(exc)}", path=path) from None


def _reason(exc: OSError) -> str:
    """A short human reason for an OSError (``"No space left on device"``)."""
    return exc.strerror or str(exc) or type(exc).__name__


def _holds(path: Path, info: os.stat_result, data: bytes) -> bool:
    """True when the regular file ``path`` (whose stat is ``info``) holds exactly ``data``."""
    if info.st_size != len(data):
        return False
    with open(path, "rb") as handle:
        return handle.read() == data


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable. Best effort: some systems cannot open or sync a folder."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _bytes_writer(data: bytes) -> Callable[[int], None]:
    def write(fd: int) -> None:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    return write


def _replace_with(
    target: Path,
    write: Callable[[int], None],
    like: os.stat_result | None,
    keep: Callable[[Path], bool] | None = None,
) -> bool:
    """Put what ``write`` writes (to a file descriptor) at ``target`` through a temporary
    sibling file and ``os.replace``; ``keep(temporary)``, when given, may decide not to
    (False: the temporary file is removed, ``target`` untouched) or refuse (it raises).

    ``like`` is the stat of the file being replaced (mode and owner are copied from it); for
    a new file, the mode is what ``open`` gives under the current umask. The temporary file
    is created with O_EXCL under a random name, so if it exists after a failure it is ours
    and is removed, whatever the failure was (KeyboardInterrupt included).
    """
    folder = target.parent
    temp: Path | None = None
    fd = -1
    try:
        for _attempt in range(100):
            temp = folder / f".{target.name}.{os.urandom(4).hex()}.yozuv-tmp"
            try:
                fd = os.open(
                    temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
                )
                break
            except FileExistsError:
                temp = None  # someone else's file: never remove it
        else:  # pragma: no cover - 100 collisions of 32 random bits
            raise FileExistsError(errno.EEXIST, "cannot pick a temporary file name", str(folder))
        if like is not None:
            with contextlib.suppress(OSError):  # keep the owner where we may (we usually may not)
                os.fchown(fd, like.st_uid, like.st_gid)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(like.st_mode))
        write(fd)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if like is not None and not hasattr(os, "fchmod"):  # pragma: no cover - Windows < 3.13
            os.chmod(temp, stat.S_IMODE(like.st_mode))
        if keep is not None and not keep(temp):
            os.unlink(temp)
            return False
        os.replace(temp, target)
        temp = None
    except BaseException:
        try:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        raise
    _fsync_folder(folder)
    return True


def _new_backup(path: Path, suffix: str) -> Path:
    """Where the backup of ``path`` goes, refused when something is there already.

    sed overwrites it; here it may hold the only copy of an original (a second backed-up
    run in the other direction would replace it with converted text). Asked only once the
    file is known to change, so a repeated run that changes nothing is not refused.
    """
    backup = path.with_name(path.name + suffix)
    if os.path.lexists(backup):
        raise YozuvError(
            "backup already exists (the file is left unconverted)",
            path=backup,
            hint="move it away first, or give another --backup suffix",
        )
    return backup


def write_atomic(
    path: Path,
    data: bytes,
    *,
    backup_suffix: str | None = None,
    in_place: InPlace | None = None,
) -> bool:
    """Write ``data`` to ``path`` safely; False (and nothing touched) when already identical.

    Something that exists but is not a regular file, such as ``/dev/null``, ``/dev/stdout`` or
    a named pipe, cannot be replaced and must not be: it is simply written to.

    With ``in_place`` (``-i``) the file is rewritten only if it is still as it was read
    (another program's write would be lost), and, unless forced, only if it is writable and
    has no other hard link (whose name would keep the old text).
    """
    if backup_suffix is not None and (not backup_suffix or "/" in backup_suffix):
        raise YozuvError(f"invalid backup suffix {backup_suffix!r}", path=path)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    where = path if target == path else f"{path} (-> {target})"
    try:
        try:
            like: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            like = None
        if like is not None and stat.S_ISDIR(like.st_mode):
            raise YozuvError("is a directory, not a file", path=path)
        if like is not None and not stat.S_ISREG(like.st_mode):
            with open(target, "wb") as device:
                device.write(data)
            return True
        if like is not None and _holds(target, like, data):
            return False
        if like is not None and in_place is not None:
            _check_in_place(path, like, in_place)
        if backup_suffix is not None and like is not None:
            backup = _new_backup(path, backup_suffix)
            original = read_bytes(target)
            try:
                _replace_with(backup, _bytes_writer(original), like)
            except OSError as exc:
                raise YozuvError(f"cannot write the backup: {_reason(exc)}", path=backup) from None
            with contextlib.suppress(OSError):  # the backup shows when the original was written
                os.utime(backup, ns=(like.st_atime_ns, like.st_mtime_ns))
        _replace_with(target, _bytes_writer(data), like)
    except OSError as exc:
        raise YozuvError(f"cannot write: {_reason(exc)}", path=where) from None
    return True


def rewrite_streaming(
    path: Path,
    write: Callable[[BinaryIO], None],
    *,
    in_place: InPlace,
    backup_suffix: str | None = None,
) -> bool:
    """``-i`` for a file converted as a stream: ``write`` writes the new content to a
    temporary sibling, piece by piece, so memory stays bounded whatever the file's size.
    The same guarantees as :func:`write_atomic`: False and nothing touched when the content
    is the same; a file changed meanwhile, read-only or hard-linked (unless forced) refused;
    the backup, the mode and the atomic replace as there.
    """
    import filecmp
    import shutil

    if backup_suffix is not None and (not backup_suffix or "/" in backup_suffix):
        raise YozuvError(f"invalid backup suffix {backup_suffix!r}", path=path)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    where = path if target == path else f"{path} (-> {target})"

    def write_to(fd: int) -> None:
        with open(fd, "wb", closefd=False) as sink:
            write(sink)

    def keep(temporary: Path) -> bool:
        if filecmp.cmp(temporary, target, shallow=False):
            return False
        now = os.stat(target)
        _check_in_place(path, now, in_place)
        if backup_suffix is not None:
            backup = _new_backup(path, backup_suffix)

            def copy(fd: int) -> None:
                with open(target, "rb") as original, open(fd, "wb", closefd=False) as sink:
                    shutil.copyfileobj(original, sink)

            try:
                _replace_with(backup, copy, now)
            except OSError as exc:
                raise YozuvError(f"cannot write the backup: {_reason(exc)}", path=backup) from None
            with contextlib.suppress(OSError):
                os.utime(backup, ns=(now.st_atime_ns, now.st_mtime_ns))
        return True

    try:
        like = os.stat(target)
        if not stat.S_ISREG(like.st_mode):
            raise YozuvError("is not a regular file", path=path)
        return _replace_with(target, write_to, like, keep)
    except OSError as exc:
        raise YozuvError(f"cannot write: {_reason(exc)}", path=where) from None


def _check_in_place(path: Path, now: os.stat_result, in_place: InPlace) -> None:
    """Refuse to rewrite a file another program changed, or (unless forced) a read-only
    file or one with other hard links."""
    if FileState.of(now) != in_place.read:
        raise YozuvError(
            "changed while it was being converted: not rewritten",
            path=path,
            hint="run again when nothing else is writing to it",
        )
    if in_place.force:
        return
    if not now.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise YozuvError(
            "is read-only: not rewritten", path=path, hint="add --force to rewrite it anyway"
        )
    if now.st_nlink > 1:
        raise YozuvError(
            f"has {now.st_nlink} hard links: rewriting it would leave the other"
            f" {now.st_nlink - 1} with the old text",
            path=path,
            hint="add --force to rewrite this name anyway",
        )
