"""Named exceptions. The CLI turns any ``RumormillError`` into a one-line message."""

from __future__ import annotations


class RumormillError(Exception):
    """Base class: a problem with the input or the environment, not a bug."""

    exit_code = 2


class InputError(RumormillError):
    """The input cannot be analysed (empty, binary, undecodable, too big, not text/HTML)."""


class ModelError(RumormillError):
    """The spaCy model is missing or broken."""


class StoreError(RumormillError):
    """The store cannot be opened, migrated or written."""


class EvalError(RumormillError):
    """An evaluation corpus is missing or malformed."""
