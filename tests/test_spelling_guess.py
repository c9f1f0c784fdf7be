"""The spelling guess for Latin words no lexicon knows (issue 14 item 4): the model file, the
search, the scheme table, the engine hook and the builder."""

from __future__ import annotations

import string
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import load_script

import yozuv
from yozuv.engine import Engine
from yozuv.errors import SchemeError
from yozuv.language import default_language
from yozuv.lexicon import load_lexicon
from yozuv.registry import find_chain, load_scheme
from yozuv.scheme import Rule, Scheme
from yozuv.spelling_guess import CharModel, SpellingGuesser, apply_changes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "news.latn.txt"

# A tiny "word list": made-up ц-loans (no lexicon has them) and native words with с.
LOANS = ["цурф", "цурфлар", "цурфда", "цолм", "цолмлар", "цифт", "цифтлар", "цифтда"]
NATIVE = ["сув", "сувлар", "сон", "сонлар", "салом", "сариқ", "суз", "сирт", "сиртлар", "сир"]
WORDS = LOANS * 3 + NATIVE * 3


def _builder() -> ModuleType:
    return load_script(ROOT / "scripts" / "build_spelling_model.py")


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    return _builder()


@pytest.fixture(scope="module")
def model_file(builder: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.tsv"
    path.write_text(builder.render(builder.train(WORDS), 1.0, len(WORDS)), encoding="utf-8")
    return path


def _scheme(model: Path, enabled: bool = True) -> Scheme:
    (scheme,) = find_chain("latin", "cyrillic")
    return scheme._replace(guess=scheme.guess._replace(enabled=enabled, model=model))


def _engine(model: Path, known: set[str] | None = None, enabled: bool = True) -> Engine:
    scheme = _scheme(model, enabled)
    return Engine(
        scheme,
        lexicon=load_lexicon(scheme),
        language=default_language().with_uzbek(sorted(known or ())),
    )


# -- the model file ------------------------------------------------------------------------------


def test_model_file_round_trip(builder: ModuleType, model_file: Path) -> None:
    model = CharModel.read(model_file)
    assert (model.order, model.margin) == (builder.ORDER, 1.0)
    assert model.score("цурф") > model.score("сурф")
    assert model.score("сув") > model.score("цув")
    # rows are sorted and the output does not depend on the order of the input
    text = model_file.read_text(encoding="utf-8")
    assert text == builder.render(builder.train(list(reversed(WORDS))), 1.0, len(WORDS))


def test_the_model_is_a_distribution(builder: ModuleType) -> None:
    """After pruning, the letters after every history still sum to one (backoff weights)."""
    model = builder.train(WORDS)
    alphabet = sorted({g[-1] for g in model.logprobs if len(g) == 1})
    for history in ("^", "^ц", "ци", "цир", "xyz"[:0], "сув"):
        total = sum(
            pow(2.718281828459045, builder.backoff_logprob(model, history, a)) for a in alphabet
        )
        assert total == pytest.approx(1.0, abs=1e-6), history


def test_letters_the_model_never_saw_are_skipped(model_file: Path) -> None:
    """The list has no ь: a spelling with it is scored as the one without, not as unseen."""
    model = CharModel.read(model_file)
    assert "ь" not in model.letters
    assert model.score("цурьф") == model.score("цурф")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gram\tlogprob\n", "expected the header row"),
        ("gram\tlogprob\tbackoff\n@order\t4\t\n@unseen\t-300\t\n", "@margin is missing"),
        ("gram\tlogprob\tbackoff\n@order\tfour\t\n", "values are integers"),
        ("gram\tlogprob\tbackoff\nа\t-1\t2\t3\n", "expected gram, logprob, backoff"),
    ],
)
def test_a_broken_model_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError, match=message):
        CharModel.read(path)


# -- the search ----------------------------------------------------------------------------------


def _rule(rule_id: str, match: str, output: str, **contexts: str) -> Rule:
    return Rule(
        id=rule_id,
        match=match,
        output=output,
        prev=tuple(contexts.get("prev", "").split()),
        note="test",
    )


ALTERNATIVES = [_rule("G40", "s", "ц"), _rule("G40c", "k", "кк")]
CLASSES: dict[str, tuple[str, ...]] = {}


def _pieces(word: str) -> list[tuple[int, int, str]]:
    table = {"s": "с", "u": "у", "r": "р", "f": "ф", "k": "к", "v": "в", "h": "ҳ", "x": "х"}
    return [(i, i + 1, table[ch]) for i, ch in enumerate(word)]


def test_the_model_chooses_a_hidden_letter(model_file: Path) -> None:
    guesser = SpellingGuesser(ALTERNATIVES, CLASSES, model_file)
    changes = guesser.choose("surf", _pieces("surf"))
    assert [(s, e, r.id) for s, e, r in changes] == [(0, 1, "G40")]
    assert apply_changes(_pieces("surf"), changes) == "цурф"
    assert guesser.choose("suv", _pieces("suv")) == []  # native с stays


def test_a_known_word_keeps_the_rules_spelling(model_file: Path) -> None:
    guesser = SpellingGuesser(ALTERNATIVES, CLASSES, model_file, known={"surf"}.__contains__)
    assert guesser.choose("surf", _pieces("surf")) == []
    unknowing = SpellingGuesser(ALTERNATIVES, CLASSES, model_file)
    assert unknowing.choose("surf", _pieces("surf")) != []  # the check is the reason


def test_each_change_pays_the_margin(model_file: Path) -> None:
    guesser = SpellingGuesser(ALTERNATIVES, CLASSES, model_file)
    edges = guesser.edges("surf", _pieces("surf"))
    assert edges is not None
    (none, _none), (one, _one), *_ = guesser.paths_by_changes(edges, 4)
    gain = one - none
    assert gain > 0
    assert guesser.best(edges, 4, margin=gain - 0.01) != []
    assert guesser.best(edges, 4, margin=gain + 0.01) == []  # the rules' spelling wins ties


def test_an_alternative_must_fit_the_pieces(model_file: Path) -> None:
    """An alternative that starts or ends inside a piece of the rules (the s of sh) is no
    edge: it would split a letter the rules read as one."""
    guesser = SpellingGuesser([_rule("G40", "s", "ц")], CLASSES, model_file)
    assert guesser.edges("sh", [(0, 2, "ш")]) is None
    assert guesser.edges("x", [(0, 1, "х")]) is None  # no site at all


# -- the scheme table ----------------------------------------------------------------------------


def test_the_shipped_table_lists_alternatives_and_keeps_them_off() -> None:
    (scheme,) = find_chain("latin", "cyrillic")
    assert scheme.guess.enabled is False  # see the table's comment and the README figures
    assert scheme.guess.model is not None and Path(str(scheme.guess.model)).name == (
        "spelling-model.tsv"
    )
    ids = [r.id for r in scheme.guess.alternatives]
    assert len(ids) == len(set(ids)) and {"G40", "G45a", "G47"} <= set(ids)
    converter = yozuv.get_converter(to="cyrillic", source="latin")
    assert converter.engines[0].words.guesser is None


def test_a_user_scheme_turns_the_guess_on(tmp_path: Path) -> None:
    path = tmp_path / "guess.toml"
    path.write_text(
        '[meta]\nid = "guess"\nextends = "latin-cyrillic"\n\n[guess]\nenabled = true\n\n'
        '[[guess.alternatives]]\nid = "G47"\nenabled = false\n\n'
        '[[guess.alternatives]]\nid = "X1"\nmatch = "k"\noutput = "кк"\nnote = "test"\n',
        encoding="utf-8",
    )
    scheme = load_scheme(path)
    (base,) = find_chain("latin", "cyrillic")
    assert scheme.guess.enabled and scheme.guess.model == base.guess.model
    by_id = {r.id: r for r in scheme.guess.alternatives}
    assert not by_id["G47"].enabled and by_id["G47"].match == "e"  # the rest inherited
    assert by_id["X1"].output == "кк" and len(by_id) == len(base.guess.alternatives) + 1


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[guess]\nmodle = "x.tsv"\n', r"guess\.modle: unknown key \(did you mean 'model'\?\)"),
        ("[guess]\nenabled = true\n", r"guess\.model: is required"),
        ('[guess]\nmodel = "/etc/x"\n', r"guess\.model: '/etc/x': must be a file beside"),
        (
            '[guess]\nmodel = "m.tsv"\n[[guess.alternatives]]\nid = "A"\nmatch = "s"\n'
            'output = ""\nnote = "n"\n',
            r"guess\.alternatives\[0\]\.output: must not be empty",
        ),
        (
            '[guess]\nmodel = "m.tsv"\n[[guess.alternatives]]\nid = "A"\nmatch = "S"\n'
            'output = "ц"\nnote = "n"\n',
            r"guess\.alternatives\[0\]\.match: is lowercase",
        ),
    ],
)
def test_the_guess_table_is_checked(tmp_path: Path, table: str, message: str) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        '[meta]\nid = "t"\nsource = "latin"\ntarget = "cyrillic"\n\n[letters]\n"s" = "с"\n\n'
        + table,
        encoding="utf-8",
    )
    with pytest.raises(SchemeError, match=message):
        load_scheme(path)


# -- in the engine -------------------------------------------------------------------------------


def test_the_engine_guesses_a_lexicon_miss_in_every_case(model_file: Path) -> None:
    engine = _engine(model_file)
    assert engine.convert("surf Surf SURF suv") == "цурф Цурф ЦУРФ сув"
    explained = engine.explain("Surf")
    assert explained.text == "Цурф"
    (decision,) = [d for d in explained.decisions if d.rule == "G40"]
    assert (decision.source, decision.output, decision.ambiguous) == ("S", "ц", True)


def test_known_and_lexicon_words_are_not_guessed(model_file: Path) -> None:
    engine = _engine(model_file, known={"surf"})
    assert engine.convert("surf") == "сурф"
    # a lexicon word keeps the lexicon's spelling (konsert: концерт) and its suffixes
    assert engine.convert("konsertlarda") == yozuv.transliterate("konsertlarda", "cyrillic")


def test_off_is_the_rules_and_the_lexicon(model_file: Path) -> None:
    assert _engine(model_file, enabled=False).convert("surf") == "сурф"


def test_the_batch_path_guesses_as_the_exact_path(model_file: Path) -> None:
    """Many new words at once go through the compiled batch path, which must hand every word
    the guess may change to the exact path."""
    engine = _engine(model_file)
    filler = [f"so{a}{b}" for a in "abdefgijk" for b in "klmnpqrtv"]
    text = " ".join(["surf", *filler, "Surf", "surflar", "SURF"])
    assert len(text.split()) > 64
    batch = engine.convert(text)
    one_by_one = " ".join(engine.words.convert(w)[0] for w in text.split())
    assert batch == one_by_one
    assert batch.startswith("цурф ") and batch.endswith(
        " Цурф цурфл ЦУРФ".replace("цурфл", "цурфлар")
    )


LATIN_LETTERS = string.ascii_lowercase + "ʻʼ"


@settings(max_examples=150)
@given(
    st.lists(
        st.text(alphabet=LATIN_LETTERS + "SYOA", min_size=1, max_size=12), min_size=1, max_size=80
    )
)
def test_paths_agree_with_the_guess_on(model_file: Path, words: list[str]) -> None:
    """With the guess on at a low margin (it changes many words): the batch path gives the
    exact path's word, explain gives convert's text."""
    engine = _engine(model_file)
    assert engine.fast is not None  # compiled now: every batch takes the batch path
    text = "\n".join(words)  # one word a line: no foreign name joins two of them
    alone = _engine(model_file)  # a fresh engine takes a few words one by one, exactly
    assert engine.convert(text) == "\n".join(alone.convert(w) for w in words)
    assert engine.explain(text).text == engine.convert(text)


# -- native text with the shipped model ----------------------------------------------------------


def test_the_shipped_model_leaves_native_text_alone() -> None:
    """Turned on with the shipped model, margin and word lists, the guess changes nothing in
    the seed news item or the table's samples."""
    (scheme,) = find_chain("latin", "cyrillic")
    on = scheme._replace(guess=scheme.guess._replace(enabled=True))
    from yozuv.language import default_language

    engine = Engine(on, lexicon=load_lexicon(on), language=default_language())
    off = yozuv.get_converter(to="cyrillic", source="latin")
    text = SEED.read_text(encoding="utf-8")
    assert engine.convert(text) == off.convert(text)
    for sample in scheme.samples:
        assert engine.convert(sample.input) == sample.expected, sample.input


# -- the builder ---------------------------------------------------------------------------------


def test_folds_keep_the_forms_of_a_stem_together(builder: ModuleType) -> None:
    assert builder.fold_of("цурфлар") == builder.fold_of("цурфларда")
    assert {
        builder.fold_of(w) for w in ("абвгде", "жзийкл", "мнопрс", "туфхцч", "шъьэюя", "ўқғҳаб")
    } <= set(range(builder.FOLDS))


@pytest.mark.data
def test_committed_model_is_up_to_date(builder: ModuleType) -> None:
    assert builder.main(["--check"]) == 0


def test_a_model_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemeError, match="must be a regular file"):
        CharModel.read(tmp_path)
