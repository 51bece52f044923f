"""The mark of a request the delivery store makes to render a page through the API's own views."""

ATTRIBUTE = "samverkan_delivery_rendering"


def mark_rendering(request):
    setattr(request, ATTRIBUTE, True)
    return request


def is_rendering(request):
    """Whether ``request`` renders a representation: answered by the serializers, never cached."""
    return getattr(request, ATTRIBUTE, False)
