"""`rumormill eval …` scorers for the public corpora."""
