"""The local web app (``rumormill serve``): FastAPI + Jinja2 over the library and the store."""
