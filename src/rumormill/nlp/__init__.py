"""NLP layer: the only package that imports spaCy (in ``model``)."""

from rumormill.nlp.parse import EntSpan, Parse, Sentence, Token

__all__ = ["EntSpan", "Parse", "Sentence", "Token"]
