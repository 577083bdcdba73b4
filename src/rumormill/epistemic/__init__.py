"""Epistemic status: hedge cues (``hedges``) and the status cues and reporting strengths lend (``status``)."""
