"""An OpenAPI 3.1 document of the public API, generated from the code, and a page showing it.

``generator.build_document()`` builds it; ``urls.py`` serves it as
``openapi.json`` and as a web page at ``docs/``.
"""
