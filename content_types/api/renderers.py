"""The API's JSON renderer, which sends answers put together from the delivery store as they are."""

import json

from rest_framework.renderers import JSONRenderer

from .delivery import PreEncoded


class PreEncodedJSONRenderer(JSONRenderer):
    """DRF's JSON renderer; an answer already encoded (``delivery.PreEncoded``) is sent as it is,
    or indented where the client asks (``Accept: application/json; indent=4``)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, PreEncoded):
            return super().render(data, accepted_media_type, renderer_context)
        if self.get_indent(accepted_media_type, renderer_context or {}) is None:
            return data.content
        return super().render(json.loads(data.content), accepted_media_type, renderer_context)
