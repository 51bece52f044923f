"""Custom elements any site can paste in: a conference's programme and a list of events.

One script, ``/embed/v1/samverkan.js``, served by this package (``urls.py``);
its source is the files in ``scripts/``, one concern each, joined in name order.
"""
