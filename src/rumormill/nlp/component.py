"""The sources stage as a spaCy pipeline component, for users who already have a pipeline.

    import spacy
    import rumormill.nlp.component  # registers the factory
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("rumormill_sources")
    doc = nlp(text)
    doc._.rumormill_sources  # {"sources": [...], "quotes": [...], "attributions": [...], "sourcing": {...}}

The component needs a parser and NER before it (tagger/lemmatizer help). It converts the ``Doc``
to rumormill's plain-offset ``Parse`` once, runs the entities and sources stages over
``doc.text`` as is (offsets are ``doc`` character offsets) and stores plain dicts, so the result
pickles and serialises like the ledger.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from rumormill.nlp.model import to_parse

SOURCES_EXT = "rumormill_sources"

if not Doc.has_extension(SOURCES_EXT):
    Doc.set_extension(SOURCES_EXT, default=None)


class SourcesComponent:
    """Sets ``doc._.rumormill_sources`` to the sources, quotes, attributions and sourcing summary."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from rumormill.stages.sources import analyze_plain

        state = analyze_plain(doc.text, to_parse(doc))
        doc._.set(SOURCES_EXT, {
            "entities": [asdict(e) for e in state.entities],
            "sources": [asdict(s) for s in state.sources],
            "quotes": [asdict(q) for q in state.quotes],
            "attributions": list(state.scratch.get("attributions", [])),
            "sourcing": dict(state.sourcing),
        })
        return doc


@Language.factory(SOURCES_EXT)
def make_sources(nlp: Language, name: str) -> SourcesComponent:
    return SourcesComponent(nlp, name)


def add_to(nlp: Language, **kwargs: Any) -> Any:
    """``nlp.add_pipe("rumormill_sources", **kwargs)`` (the factory is registered on import)."""
    return nlp.add_pipe(SOURCES_EXT, **kwargs)
