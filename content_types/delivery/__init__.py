"""The delivery store: each public page's API representation, rendered once when it changes.

Ground floor of the read side: the models and the names of what a
representation contains. What renders a representation and what reads it
are in ``content_types/api/`` (``rendering.py``, ``delivery.py``), which
look down on this package; nothing here imports the API.
"""
