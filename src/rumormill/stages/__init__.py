"""One module per analysis stage; each exposes ``VERSION`` and ``run(state)``."""
