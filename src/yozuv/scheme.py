"""Mapping files (TOML) -> validated, frozen :class:`Scheme` objects.

The rule tables are data: this module is the only place that knows their shape. It checks
every key and value strictly, because a typo in a rule file silently changes users' output;
each error names the file and the key path (``cyrillic-latin.toml: rules[3].prevv: unknown
key``). A user scheme may ``extends`` a built-in one and override parts of it.

The format is documented key by key in ``mappings/README.md``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from yozuv.errors import SchemeError, UnknownSchemeError
from yozuv.names import (
    beside,
    data_name,
    is_file_path,
    mappings_dir,
    normalise_script,
    read_data_bytes,
)
from yozuv.records import Record
from yozuv.regex_facts import exponential_risk

if TYPE_CHECKING:
    from yozuv.names import DataPath

STATUSES = ("stable", "provisional", "draft")
# Spelling options a scheme may offer under [output] (see Spelling); the CLI has one option each.
SPELLING_OPTIONS = ("soft_sign",)
# The reasons yozuv/language.py gives for a Latin word to stay ([protect] foreign_words).
FOREIGN_WORD_REASONS = ("code", "mixed-case", "all-caps", "english", "brand", "letters")
CASE_POLICIES = {"abbreviation_digraphs": ("upper", "title")}

_TOP_KEYS = {
    "meta",
    "classes",
    "letters",
    "rules",
    "case",
    "protect",
    "alternates",
    "lexicon",
    "output",
    "hints",
    "samples",
    "guess",
}
_META_KEYS = {
    "id",
    "name",
    "aliases",
    "source",
    "target",
    "status",
    "description",
    "references",
    "extends",
    "warning",
}
_RULE_KEYS = {
    "id",
    "match",
    "output",
    "prev",
    "next",
    "not_prev",
    "not_next",
    "warn",
    "alternatives",
    "ambiguous",
    "enabled",
    "note",
}
_PROTECT_KEYS = {
    "patterns",
    "phrases",
    "foreign",
    "foreign_phrases",
    "native",
    "roman_numerals",
    "foreign_rule",
    "roman_numerals_rule",
    "russian_passages",
    "russian_rule",
    "foreign_words",
}
_ALTERNATES_KEYS = {
    "apostrophes",
    "turned",
    "tutuq",
    "turned_after",
    "turned_at_end",
    "chars",
    "confusables",
    "confusables_rule",
}
_LEXICON_KEYS = {"files", "suffixes", "enabled"}
_GUESS_KEYS = {"enabled", "model", "alternatives"}
_HINT_KEYS = {"id", "pattern", "note", "alternatives"}
_SAMPLE_KEYS = {"input", "expected", "rule", "note", "apostrophe"}
_CLASS_REF = re.compile(r"(?<!\\)@([A-Za-z_][A-Za-z0-9_]*)")


# A scheme and its parts are named tuples: immutable values like frozen dataclasses, but every
# conversion defines these classes at start-up, where a frozen dataclass costs about four
# times what a named tuple does and importing ``dataclasses`` some 7 ms. ``scheme._replace``
# makes a changed copy.

_NO_CHARS: Mapping[str, str] = MappingProxyType({})
_NO_CLASSES: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_NO_STYLES: Mapping[str, Mapping[str, str]] = MappingProxyType({})
_NO_SPELLINGS: Mapping[str, Spelling] = MappingProxyType({})


class Rule(Record):
    """One context rule: ``match`` becomes ``output`` where the contexts around it fit."""

    id: str
    match: str
    output: str
    prev: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    not_prev: tuple[str, ...] = ()
    not_next: tuple[str, ...] = ()
    warn: str = ""
    alternatives: tuple[str, ...] = ()
    ambiguous: bool = False
    enabled: bool = True
    note: str = ""


class Hint(Record):
    """A pattern that flags a word as a guess (e.g. a loan-looking word with no lexicon entry)."""

    id: str
    pattern: str
    note: str = ""
    alternatives: tuple[str, ...] = ()


class Sample(Record):
    """An input/expected pair that the test-suite and ``yozuv validate`` run."""

    input: str
    expected: str
    rule: str = ""
    note: str = ""
    apostrophe: str = "unicode"


class Protect(Record):
    """What a scheme copies through unchanged (see ``tokens.py``)."""

    patterns: tuple[str, ...] = ()  # inside a whitespace-free run (URL, e-mail, domain)
    phrases: tuple[str, ...] = ()  # may span spaces within a line (code in backticks)
    foreign: tuple[str, ...] = ()  # a word matching one of these is not Uzbek: copied
    foreign_phrases: bool = False  # extend a foreign word to the capitalised name around it
    native: str = ""  # a capitalised word matching this looks Uzbek: it never joins such a name
    roman_numerals: bool = False
    foreign_rule: str = "X03b"  # the rule id of a word copied as foreign (explain, preview)
    roman_numerals_rule: str = "X03a"  # the rule id of a Roman numeral copied
    # Cyrillic source: Russian sentences and quotations are copied (yozuv/russian.py).
    russian_passages: bool = False
    # Latin source: the reasons of yozuv/language.py that keep a word as written (brand,
    # mixed-case, code, all-caps, english, letters); none: the word lists are not asked.
    foreign_words: tuple[str, ...] = ()
    russian_rule: str = "X03d"  # the rule id of a Russian passage copied (explain, preview)


class Alternates(Record):
    """Input-only variants folded before matching."""

    apostrophes: str = ""
    turned: str = "ʻ"
    tutuq: str = "ʼ"
    turned_after: str = ""  # lower-case letters after which an apostrophe is ``turned`` (o g)
    turned_at_end: str = ""  # those of them whose turned comma may end a word (g: bogʻ)
    chars: Mapping[str, str] = _NO_CHARS
    confusables: Mapping[str, str] = _NO_CHARS
    confusables_rule: str = "X01.mixed-script"  # the rule id of a look-alike repair


class Spelling(Record):
    """A spelling choice of the target script's writers (the soft sign: 1956 or modern).

    Each choice is a regex whose matches are dropped from every word the scheme converts
    ("" drops nothing). Only what the conversion writes is touched: a word copied as it
    is (foreign, of the other script) keeps its letters.
    """

    default: str
    choices: Mapping[str, str]


class Guess(Record):
    """``[guess]``: the spellings a word no lexicon knows may take, ranked by a model.

    Each alternative is a rule (id, Latin ``match``, Cyrillic ``output``, contexts read on
    the Latin word) that may replace what the rules wrote for the same letters; the model
    file (``yozuv/spelling_guess.py``) chooses. Off unless ``enabled``.
    """

    enabled: bool = False
    model: DataPath | None = None
    alternatives: tuple[Rule, ...] = ()


class Scheme(Record):
    """A validated mapping file: everything the engine needs, nothing it must re-check."""

    id: str
    source: str
    target: str
    path: str
    name: str = ""
    aliases: tuple[str, ...] = ()
    status: str = "stable"
    description: str = ""
    references: tuple[str, ...] = ()
    warning: str = ""
    extends: str = ""
    classes: Mapping[str, tuple[str, ...]] = _NO_CLASSES
    letters: Mapping[str, str] = _NO_CHARS
    rules: tuple[Rule, ...] = ()
    case: Mapping[str, str] = _NO_CHARS
    abbreviations: tuple[str, ...] = ()
    protect: Protect = Protect()
    alternates: Alternates = Alternates()
    lexicon_files: tuple[DataPath, ...] = ()
    lexicon_suffixes: DataPath | None = None
    lexicon_enabled: bool = True
    output_styles: Mapping[str, Mapping[str, str]] = _NO_STYLES
    spellings: Mapping[str, Spelling] = _NO_SPELLINGS
    hints: tuple[Hint, ...] = ()
    samples: tuple[Sample, ...] = ()
    guess: Guess = Guess()

    @property
    def direction(self) -> str:
        """Short direction tag such as ``c2l`` or ``l2c``, used by the lexicon."""
        return f"{self.source[0]}2{self.target[0]}"


class _Checker:
    """Validates one parsed TOML document; errors carry the file name and key path.

    ``compile_patterns=False`` (the shipped files only, see :func:`parse_scheme`) skips
    compiling each pattern to see that it is a valid regex; a pattern's ``@class``
    references are still resolved.
    """

    def __init__(self, label: str, *, compile_patterns: bool = True) -> None:
        self.label = label
        self.compile_patterns = compile_patterns

    def fail(self, path: str, message: str) -> SchemeError:
        return SchemeError(f"{self.label}: {path}: {message}")

    def table(self, value: object, path: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be a table")
        for key in value:
            if key not in allowed:
                hint = _closest(key, allowed)
                raise self.fail(f"{path}.{key}" if path else key, "unknown key" + hint)
        return value

    def string(self, value: object, path: str, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"must be a string, not {type(value).__name__}")
        if not empty and not value:
            raise self.fail(path, "must not be empty")
        return value

    def strings(self, value: object, path: str) -> tuple[str, ...]:
        """A string or a list of strings (contexts accept both)."""
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            raise self.fail(path, "must be a string or a list of strings")
        return tuple(self.string(v, f"{path}[{i}]") for i, v in enumerate(value))

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, "must be true or false")
        return value

    def beside(self, name: str, path: str) -> str:
        """A data file a scheme names: relative, in the scheme's folder or below it.

        A scheme is data someone may hand over; it must not make yozuv read /etc/shadow
        (an absolute path) or a file of another folder (``..``).
        """
        import posixpath

        normal = posixpath.normpath(name.replace("\\", "/")) if name else name
        if name and (
            posixpath.isabs(normal)
            or normal.startswith("../")
            or normal == ".."
            or (len(name) > 1 and name[1] == ":")
        ):
            raise self.fail(path, f"{name!r}: must be a file beside the scheme (a relative path)")
        return name

    def mapping(self, value: object, path: str) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be a table of strings")
        return {k: self.string(v, f"{path}.{k}") for k, v in value.items()}

    def regex(self, pattern: str, path: str, classes: Mapping[str, tuple[str, ...]]) -> str:
        try:
            expanded = expand_classes(pattern, classes)
            if self.compile_patterns:
                re.compile(expanded)
                risk = exponential_risk(expanded)
                if risk is not None:
                    raise self.fail(
                        path,
                        f"pattern {pattern!r}: {risk} can take exponential time;"
                        " make the inner one possessive (a++) or atomic ((?>a+))",
                    )
        except KeyError as exc:
            raise self.fail(path, f"unknown class @{exc.args[0]}") from None
        except re.error as exc:
            raise self.fail(path, f"invalid pattern {pattern!r}: {exc}") from None
        return pattern


def _closest(key: str, allowed: set[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, sorted(allowed), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def expand_classes(pattern: str, classes: Mapping[str, tuple[str, ...]]) -> str:
    """Replace ``@name`` in a context pattern by a regex for the class's members.

    A class of single characters becomes a character set; a class of strings becomes an
    alternation, longest first, so ``@prefix`` can stand for ``анти|контр``.
    """

    def repl(m: re.Match[str]) -> str:
        members = classes[m.group(1)]
        if all(len(x) == 1 for x in members):
            return "[" + "".join(re.escape(x) for x in members) + "]"
        ordered = sorted(members, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(x) for x in ordered) + ")"

    return _CLASS_REF.sub(repl, pattern)


def _read_toml(path: DataPath, label: str, *, shipped: bool = False) -> dict[str, Any]:
    """The parsed TOML of a mapping file; for a ``shipped`` file, from the cache if it can.

    The cache (see :func:`_cached_toml`) spares the start-up the TOML parser: importing
    tomllib and parsing a table cost some 5 ms, reading the cache a tenth of a millisecond.
    """
    try:
        raw = read_data_bytes(path)
    except FileNotFoundError:
        raise SchemeError(f"{label}: no such mapping file") from None
    except OSError as exc:
        raise SchemeError(f"{label}: cannot read: {exc.strerror or exc}") from None
    cache = _cache_file(label) if shipped else None
    if cache is not None:
        cached = _cached_toml(cache, raw)
        if cached is not None:
            return cached
    import tomllib  # with a file to parse: ``normalise_script`` alone does not need it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SchemeError(f"{label}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{label}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses per nested array or table
        raise SchemeError(f"{label}: invalid TOML: nested too deeply") from None
    if cache is not None:
        _write_cache(cache, raw, data)
    return data


# The cache of parsed built-in tables works as Python's own bytecode cache does: a file per
# table in the package's __pycache__ folder, tagged with the interpreter (marshal's format
# is), written when it may be (not under PYTHONDONTWRITEBYTECODE, nowhere with
# PYTHONPYCACHEPREFIX) and silently skipped when it cannot be. It holds the table's bytes
# beside the parsed data and is used only when those bytes are exactly the file's, so an
# edited table can never be read stale. Built-in tables only: a user's files and folders
# are not written to.
_CACHE_FORMAT = 1


def _cache_file(label: str) -> str | None:
    """Where the parsed form of the shipped table ``label`` is kept, or None for no cache."""
    tag = sys.implementation.cache_tag
    if tag is None or sys.pycache_prefix is not None:
        return None
    folder = os.path.join(os.path.dirname(__file__), "__pycache__")
    return os.path.join(folder, f"mappings.{label}.{tag}.marshal")


def _cached_toml(cache: str, raw: bytes) -> dict[str, Any] | None:
    """The cached parse of ``raw``, or None (no cache, another version of the file, damage)."""
    import marshal

    try:
        with open(cache, "rb") as handle:
            kept = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (
        isinstance(kept, tuple)
        and len(kept) == 3
        and kept[0] == _CACHE_FORMAT
        and kept[1] == raw
        and isinstance(kept[2], dict)
    ):
        return kept[2]
    return None


def derived_strings(
    name: str, paths: list[str], compute: Callable[[], tuple[str, ...]]
) -> tuple[str, ...]:
    """Strings computed from the built-in files ``paths``, kept across runs like their parse.

    For what start-up needs from every table but whose computation reads them all (the
    script detector's apostrophes: 4 tables, some 4 ms): the cache is keyed by each file's
    name, size, modification time and inode, so an edited table is read again.
    """
    try:
        key = tuple(
            (os.path.basename(p), info.st_size, info.st_mtime_ns, info.st_ino)
            for p in paths
            for info in (os.stat(p),)
        )
    except OSError:
        return compute()
    cache = _cache_file(f"derived.{name}")
    if cache is not None:
        kept = _cached_toml(cache, repr(key).encode())
        value = kept.get("value") if kept is not None else None
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            return value
    value = compute()
    if cache is not None:
        _write_cache(cache, repr(key).encode(), {"value": value})
    return value


def _write_cache(cache: str, raw: bytes, data: dict[str, Any]) -> None:
    """Keep the parse of ``raw`` for the next start-up; any failure just leaves no cache.

    Written to a temporary file and renamed, so a reader never sees half a cache.
    """
    if sys.dont_write_bytecode:
        return
    import marshal

    try:
        blob = marshal.dumps((_CACHE_FORMAT, raw, data))
    except ValueError:  # a value marshal cannot hold (a TOML date): no cache for this file
        return
    temporary = f"{cache}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, cache)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def parse_scheme(
    path: DataPath,
    *,
    builtin: Mapping[str, Scheme] | None = None,
    shipped: bool = False,
) -> Scheme:
    """Read and validate one mapping file; ``extends`` is resolved against ``builtin``
    (:func:`yozuv.registry.load_scheme` passes the built-in schemes).

    ``shipped`` is for the built-in files only (the registry passes it). Their patterns are
    not compiled one by one to see that they are valid regexes, the one costly check (some
    3 ms for the Cyrillic table at every start-up): the test-suite loads every shipped file
    with all checks, and ``yozuv validate FILE`` does too. Their parsed TOML is cached (see
    :func:`_read_toml`). A user's file is always read afresh and checked in full.
    """
    label = data_name(path)
    data = _read_toml(path, label, shipped=shipped)
    base: Scheme | None = None
    ext = data.get("meta", {}).get("extends", "") if isinstance(data.get("meta"), dict) else ""
    if ext:
        if builtin is None:
            raise SchemeError(
                f"{label}: meta.extends: a scheme that extends another is loaded with"
                " yozuv.load_scheme, which knows the built-in schemes"
            )
        base = _find_builtin(ext, builtin, label)
    return _build(data, _Checker(label, compile_patterns=not shipped), path, base)


def _find_builtin(name: str, builtin: Mapping[str, Scheme], label: str) -> Scheme:
    for scheme in builtin.values():
        if name == scheme.id or name in scheme.aliases:
            return scheme
    known = ", ".join(sorted(builtin))
    raise SchemeError(f"{label}: meta.extends: unknown scheme {name!r} (known: {known})")


def _build(data: dict[str, Any], ck: _Checker, path: DataPath, base: Scheme | None) -> Scheme:
    ck.table(data, "", _TOP_KEYS)
    meta = ck.table(data.get("meta", {}), "meta", _META_KEYS)
    if base is None:
        for key in ("id", "source", "target"):
            if key not in meta:
                raise ck.fail(f"meta.{key}", "is required")
    sid = ck.string(meta.get("id", base.id if base else ""), "meta.id", empty=False)
    source = _script(ck, meta.get("source", base.source if base else ""), "meta.source")
    target = _script(ck, meta.get("target", base.target if base else ""), "meta.target")
    if base is not None and (source, target) != (base.source, base.target):
        raise ck.fail(
            "meta", f"a scheme extending {base.id!r} must keep {base.source} -> {base.target}"
        )
    status = ck.string(meta.get("status", base.status if base else "stable"), "meta.status")
    if status not in STATUSES:
        raise ck.fail("meta.status", f"must be one of {', '.join(STATUSES)}")

    classes = dict(base.classes) if base else {}
    raw_classes = data.get("classes", {})
    if not isinstance(raw_classes, dict):
        raise ck.fail("classes", "must be a table")
    for name, value in raw_classes.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ck.fail(f"classes.{name}", "class names are letters, digits and _")
        if isinstance(value, str):
            classes[name] = tuple(value)
        else:
            members = ck.strings(value, f"classes.{name}")
            if any(not m for m in members):
                raise ck.fail(f"classes.{name}", "members must not be empty")
            classes[name] = members

    letters = dict(base.letters) if base else {}
    for key, value in ck.mapping(data.get("letters", {}), "letters").items():
        if key != key.lower() or not key:
            raise ck.fail(f"letters.{key}", "keys are lowercase (case is derived)")
        letters[key] = value

    rules = list(base.rules) if base else []
    base_rules = {r.id: r for r in rules}
    own_ids: set[str] = set()
    for i, raw in enumerate(_array(ck, data.get("rules", []), "rules")):
        rule = _rule(ck, raw, f"rules[{i}]", classes, base_rules)
        if rule.id in own_ids:
            raise ck.fail(f"rules[{i}].id", f"{rule.id!r} is used twice in this file")
        own_ids.add(rule.id)
        _replace_or_append(rules, rule)

    case = dict(base.case) if base else {}
    abbreviations = list(base.abbreviations) if base else []
    raw_case = ck.table(data.get("case", {}), "case", {*CASE_POLICIES, "abbreviations"})
    for key, value in raw_case.items():
        if key == "abbreviations":
            for word in ck.strings(value, "case.abbreviations"):
                if word != word.lower() or not word:
                    raise ck.fail("case.abbreviations", f"{word!r}: entries are lowercase")
                abbreviations.append(word)
            continue
        value = ck.string(value, f"case.{key}")
        if value not in CASE_POLICIES[key]:
            raise ck.fail(f"case.{key}", f"must be one of {', '.join(CASE_POLICIES[key])}")
        case[key] = value

    protect = _protect(ck, data.get("protect", {}), classes, base.protect if base else Protect())
    alternates = _alternates(
        ck, data.get("alternates", {}), base.alternates if base else Alternates()
    )

    # Lexicon paths are resolved now, against the folder of the file that names them, so a
    # user scheme can add its own list beside the built-in ones.
    here: DataPath = os.path.dirname(path) if is_file_path(path) else mappings_dir()
    lex = ck.table(data.get("lexicon", {}), "lexicon", _LEXICON_KEYS)
    lexicon_files = list(base.lexicon_files) if base else []
    lexicon_files += [
        beside(here, ck.beside(f, "lexicon.files"))
        for f in ck.strings(lex.get("files", []), "lexicon.files")
    ]
    suffix_name = ck.beside(
        ck.string(lex.get("suffixes", ""), "lexicon.suffixes"), "lexicon.suffixes"
    )
    suffixes = (
        beside(here, suffix_name) if suffix_name else (base.lexicon_suffixes if base else None)
    )
    enabled = ck.boolean(
        lex.get("enabled", base.lexicon_enabled if base else True), "lexicon.enabled"
    )

    output = ck.table(data.get("output", {}), "output", {"apostrophe", *SPELLING_OPTIONS})
    styles = {k: dict(v) for k, v in (base.output_styles if base else {}).items()}
    for style, table in ck.table(
        output.get("apostrophe", {}), "output.apostrophe", {"ascii", "typographic", "unicode"}
    ).items():
        styles[style] = ck.mapping(table, f"output.apostrophe.{style}")
    spellings = _spellings(ck, output, base, classes)

    hints = list(base.hints) if base else []
    for i, raw in enumerate(_array(ck, data.get("hints", []), "hints")):
        h = ck.table(raw, f"hints[{i}]", _HINT_KEYS)
        pattern = ck.regex(
            ck.string(h.get("pattern"), f"hints[{i}].pattern", empty=False),
            f"hints[{i}].pattern",
            classes,
        )
        hints.append(
            Hint(
                id=ck.string(h.get("id"), f"hints[{i}].id", empty=False),
                pattern=pattern,
                note=ck.string(h.get("note", ""), f"hints[{i}].note"),
                alternatives=ck.strings(h.get("alternatives", []), f"hints[{i}].alternatives"),
            )
        )

    guess = _guess(ck, data.get("guess", {}), here, classes, base.guess if base else Guess())

    samples: list[Sample] = []  # a scheme's samples test that scheme: never inherited
    for i, raw in enumerate(_array(ck, data.get("samples", []), "samples")):
        s = ck.table(raw, f"samples[{i}]", _SAMPLE_KEYS)
        apostrophe = ck.string(s.get("apostrophe", "unicode"), f"samples[{i}].apostrophe")
        samples.append(
            Sample(
                input=ck.string(s.get("input"), f"samples[{i}].input"),
                expected=ck.string(s.get("expected"), f"samples[{i}].expected"),
                rule=ck.string(s.get("rule", ""), f"samples[{i}].rule"),
                note=ck.string(s.get("note", ""), f"samples[{i}].note"),
                apostrophe=apostrophe,
            )
        )

    return Scheme(
        id=sid,
        source=source,
        target=target,
        path=str(path),
        name=ck.string(meta.get("name", base.name if base else ""), "meta.name"),
        aliases=ck.strings(meta.get("aliases", list(base.aliases) if base else []), "meta.aliases"),
        status=status,
        description=ck.string(
            meta.get("description", base.description if base else ""), "meta.description"
        ),
        references=ck.strings(
            meta.get("references", list(base.references) if base else []), "meta.references"
        ),
        warning=ck.string(meta.get("warning", base.warning if base else ""), "meta.warning"),
        extends=base.id if base else "",
        classes=classes,
        letters=letters,
        rules=tuple(rules),
        case=case,
        abbreviations=tuple(abbreviations),
        protect=protect,
        alternates=alternates,
        lexicon_files=tuple(lexicon_files),
        lexicon_suffixes=suffixes,
        lexicon_enabled=enabled,
        output_styles=styles,
        spellings=spellings,
        hints=tuple(hints),
        samples=tuple(samples),
        guess=guess,
    )


def _spellings(
    ck: _Checker,
    output: Mapping[str, Any],
    base: Scheme | None,
    classes: Mapping[str, tuple[str, ...]],
) -> dict[str, Spelling]:
    """``[output.<option>]`` tables: ``default`` and one drop pattern per choice; a scheme
    that extends another may change the default or a choice's pattern."""
    spellings = dict(base.spellings) if base else {}
    for option in SPELLING_OPTIONS:
        if option not in output:
            continue
        path = f"output.{option}"
        raw = ck.table(output[option], path, {"default", "choices"})
        inherited = spellings.get(option)
        choices = dict(inherited.choices) if inherited else {}
        raw_choices = raw.get("choices", {})
        if not isinstance(raw_choices, dict):
            raise ck.fail(f"{path}.choices", "must be a table")
        for name, pattern in raw_choices.items():
            text = ck.string(pattern, f"{path}.choices.{name}")
            choices[name] = ck.regex(text, f"{path}.choices.{name}", classes) if text else ""
        default = ck.string(
            raw.get("default", inherited.default if inherited else ""), f"{path}.default"
        )
        if default not in choices:
            known = ", ".join(choices) or "none"
            raise ck.fail(f"{path}.default", f"{default!r} is not a choice (choices: {known})")
        spellings[option] = Spelling(default, choices)
    return spellings


def _guess(
    ck: _Checker,
    raw: object,
    here: DataPath,
    classes: Mapping[str, tuple[str, ...]],
    base: Guess,
) -> Guess:
    """``[guess]``: ``enabled``, the ``model`` file (beside the scheme) and
    ``[[guess.alternatives]]``, rules in the format of ``[[rules]]``; an extending scheme
    overrides an alternative by its id, as it does a rule."""
    g = ck.table(raw, "guess", _GUESS_KEYS)
    alternatives = list(base.alternatives)
    inherited = {r.id: r for r in alternatives}
    own: set[str] = set()
    for i, item in enumerate(_array(ck, g.get("alternatives", []), "guess.alternatives")):
        path = f"guess.alternatives[{i}]"
        rule = _rule(ck, item, path, classes, inherited)
        if rule.id in own:
            raise ck.fail(f"{path}.id", f"{rule.id!r} is used twice in this file")
        own.add(rule.id)
        if not rule.output:
            raise ck.fail(f"{path}.output", "must not be empty")
        _replace_or_append(alternatives, rule)
    name = ck.beside(ck.string(g.get("model", ""), "guess.model"), "guess.model")
    model = beside(here, name) if name else base.model
    enabled = ck.boolean(g.get("enabled", base.enabled), "guess.enabled")
    if enabled and model is None:
        raise ck.fail("guess.model", "is required when guess.enabled is true")
    return Guess(enabled=enabled, model=model, alternatives=tuple(alternatives))


def _array(ck: _Checker, value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ck.fail(path, "must be an array of tables ([[...]])")
    return value


def _script(ck: _Checker, value: object, path: str) -> str:
    text = ck.string(value, path, empty=False)
    try:
        return normalise_script(text)
    except UnknownSchemeError as exc:
        raise ck.fail(path, str(exc)) from None


def _rule(
    ck: _Checker,
    raw: object,
    path: str,
    classes: Mapping[str, tuple[str, ...]],
    base: Mapping[str, Rule],
) -> Rule:
    """One ``[[rules]]`` table. A rule whose id the base scheme has already overrides it:
    keys it leaves out keep the base rule's values (so ``enabled = true`` alone switches an
    optional rule on)."""
    r = ck.table(raw, path, _RULE_KEYS)
    if "id" not in r:
        raise ck.fail(f"{path}.id", "is required")
    rid = ck.string(r["id"], f"{path}.id", empty=False)
    old = base.get(rid)
    if old is None:
        for key in ("match", "output", "note"):
            if key not in r:
                raise ck.fail(f"{path}.{key}", "is required")
    match = ck.string(r.get("match", old.match if old else ""), f"{path}.match", empty=False)
    if match != match.lower():
        raise ck.fail(f"{path}.match", "is lowercase (case is derived)")
    contexts: dict[str, tuple[str, ...]] = {}
    for key in ("prev", "next", "not_prev", "not_next"):
        if key not in r and old is not None:
            contexts[key] = getattr(old, key)
            continue
        values = ck.strings(r.get(key, []), f"{path}.{key}")
        contexts[key] = tuple(ck.regex(v, f"{path}.{key}", classes) for v in values)
    warn = ck.string(r.get("warn", old.warn if old else ""), f"{path}.warn")
    return Rule(
        id=rid,
        match=match,
        output=ck.string(r.get("output", old.output if old else ""), f"{path}.output"),
        prev=contexts["prev"],
        next=contexts["next"],
        not_prev=contexts["not_prev"],
        not_next=contexts["not_next"],
        warn=warn,
        alternatives=ck.strings(
            r.get("alternatives", list(old.alternatives) if old else []), f"{path}.alternatives"
        ),
        ambiguous=ck.boolean(
            r.get("ambiguous", old.ambiguous if old else bool(warn)), f"{path}.ambiguous"
        ),
        enabled=ck.boolean(r.get("enabled", old.enabled if old else True), f"{path}.enabled"),
        note=ck.string(r.get("note", old.note if old else ""), f"{path}.note", empty=False),
    )


def _protect(
    ck: _Checker, raw: object, classes: Mapping[str, tuple[str, ...]], base: Protect
) -> Protect:
    p = ck.table(raw, "protect", _PROTECT_KEYS)
    patterns = tuple(
        ck.regex(v, "protect.patterns", classes)
        for v in ck.strings(p.get("patterns", []), "protect.patterns")
    )
    phrases = tuple(
        ck.regex(v, "protect.phrases", classes)
        for v in ck.strings(p.get("phrases", []), "protect.phrases")
    )
    foreign = tuple(
        ck.regex(v, "protect.foreign", classes)
        for v in ck.strings(p.get("foreign", []), "protect.foreign")
    )
    foreign_rule = ck.string(
        p.get("foreign_rule", base.foreign_rule), "protect.foreign_rule", empty=False
    )
    roman_rule = ck.string(
        p.get("roman_numerals_rule", base.roman_numerals_rule),
        "protect.roman_numerals_rule",
        empty=False,
    )
    if roman_rule == foreign_rule:  # explain tells a certain copy from a guess by its id
        raise ck.fail("protect.roman_numerals_rule", "must differ from protect.foreign_rule")
    return Protect(
        patterns=base.patterns + patterns,
        phrases=base.phrases + phrases,
        foreign=base.foreign + foreign,
        foreign_phrases=ck.boolean(
            p.get("foreign_phrases", base.foreign_phrases), "protect.foreign_phrases"
        ),
        native=ck.regex(
            ck.string(p.get("native", base.native), "protect.native"), "protect.native", classes
        ),
        roman_numerals=ck.boolean(
            p.get("roman_numerals", base.roman_numerals), "protect.roman_numerals"
        ),
        foreign_rule=foreign_rule,
        roman_numerals_rule=roman_rule,
        russian_passages=ck.boolean(
            p.get("russian_passages", base.russian_passages), "protect.russian_passages"
        ),
        foreign_words=_foreign_words(ck, p.get("foreign_words", list(base.foreign_words))),
        russian_rule=ck.string(
            p.get("russian_rule", base.russian_rule), "protect.russian_rule", empty=False
        ),
    )


def _foreign_words(ck: _Checker, value: object) -> tuple[str, ...]:
    reasons = ck.strings(value, "protect.foreign_words")
    for reason in reasons:
        if reason not in FOREIGN_WORD_REASONS:
            known = ", ".join(FOREIGN_WORD_REASONS)
            raise ck.fail("protect.foreign_words", f"unknown reason {reason!r} (known: {known})")
    return reasons


def _alternates(ck: _Checker, raw: object, base: Alternates) -> Alternates:
    a = ck.table(raw, "alternates", _ALTERNATES_KEYS)
    chars = dict(base.chars)
    chars.update(ck.mapping(a.get("chars", {}), "alternates.chars"))
    confusables = dict(base.confusables)
    confusables.update(ck.mapping(a.get("confusables", {}), "alternates.confusables"))
    turned_after = _lowercase_letters(
        ck, a.get("turned_after", base.turned_after), "alternates.turned_after"
    )
    turned_at_end = _lowercase_letters(
        ck, a.get("turned_at_end", base.turned_at_end), "alternates.turned_at_end"
    )
    stray = [ch for ch in turned_at_end if ch not in turned_after]
    if stray:
        raise ck.fail(
            "alternates.turned_at_end", f"{''.join(stray)!r} must also be in turned_after"
        )
    return Alternates(
        apostrophes=ck.string(a.get("apostrophes", base.apostrophes), "alternates.apostrophes"),
        turned=ck.string(a.get("turned", base.turned), "alternates.turned", empty=False),
        tutuq=ck.string(a.get("tutuq", base.tutuq), "alternates.tutuq", empty=False),
        turned_after=turned_after,
        turned_at_end=turned_at_end,
        chars=chars,
        confusables=confusables,
        confusables_rule=ck.string(
            a.get("confusables_rule", base.confusables_rule),
            "alternates.confusables_rule",
            empty=False,
        ),
    )


def _lowercase_letters(ck: _Checker, value: object, path: str) -> str:
    """A string of distinct lower-case letters (their capitals are derived)."""
    text = ck.string(value, path)
    for ch in text:
        if not ch.isalpha() or ch != ch.lower():
            raise ck.fail(path, f"{ch!r}: only lower-case letters (capitals are derived)")
    if len(set(text)) != len(text):
        raise ck.fail(path, "a letter is listed twice")
    return text


def read_alternates(path: str) -> Alternates:
    """The validated ``[alternates]`` table of a built-in mapping file, read alone.

    For the script detector, which needs every table's apostrophes but none of its rules:
    the file's parse comes from the cache (see :func:`_read_toml`), and only this table is
    checked. A built-in file extends nothing, so the table is complete as it stands.
    """
    name = os.path.basename(path)
    data = _read_toml(path, name, shipped=True)
    return _alternates(_Checker(name), data.get("alternates", {}), Alternates())


def _replace_or_append(rules: list[Rule], rule: Rule) -> None:
    """An override with an existing id replaces that rule in place; a new id is appended
    (a scheme that extends another changes one rule without restating the table)."""
    for index, old in enumerate(rules):
        if old.id == rule.id:
            rules[index] = rule
            return
    rules.append(rule)
