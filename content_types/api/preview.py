"""The preview endpoint: a draft, by its preview token, in the shape of the public detail.

The admin's Preview button sends the editor to the external site with
``?content_type=<app_label.model>&token=<token>`` (see ``content_types/preview.py``);
the site asks ``/api/v2/preview/`` with the same two parameters and gets the draft
exactly as ``/api/v2/pages/<id>/`` would show the published page.
"""

from django.http import Http404
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from ..preview import ExpiredToken, InvalidToken, PreviewNotFound, preview_draft, previewable_model
from .serializers.meta import ServerDetailUrlField
from .views import ContentPagesAPIViewSet, ContentPageSerializer


class PreviewDenied(Exception):
    """No valid token: answered 403 with a message, as other API errors are."""


class DraftDetailUrlField(ServerDetailUrlField):
    """The page's public detail URL; null (not left out) for a page not created yet."""

    def get_attribute(self, instance):
        return None if instance.pk is None else super().get_attribute(instance)


class PreviewPageSerializer(ContentPageSerializer):
    detail_url = DraftDetailUrlField(read_only=True)


class PagePreviewAPIViewSet(ContentPagesAPIViewSet):
    """``/api/v2/preview/?content_type=...&token=...``: the draft a preview token was made for.

    The same serializers, fields and ``?fields=`` handling as the pages detail
    endpoint; only the page comes from the token instead of the public pages.
    Whatever the draft links to (related pages, translations, the programme) is
    still shown only where it is public. ``/api/v2/preview/<id>/?...`` answers
    only when the token is for page ``<id>``. The preview of a page being created
    has ``id`` and ``meta.detail_url`` null.

    Register it after the pages endpoint: the router links pages to the first
    endpoint registered for them.
    """

    base_serializer_class = PreviewPageSerializer
    # The draft just saved is on the primary; a replica may not have it yet.
    reads_from_replica = False
    # A draft's inline rows are in memory, not in the database: nothing to load beforehand.
    preload = False
    #: A draft comes by its token: no filter, ordering or paging applies to it.
    known_query_parameters = frozenset(
        ["content_type", "token", "fields", "rich_text_format", "site", "format", "_"]
    )

    @classmethod
    def get_urlpatterns(cls):
        view = cls.as_view({"get": "detail_view"})
        return [path("", view, name="listing"), path("<int:pk>/", view, name="detail")]

    def detail_view(self, request, pk=None):
        """The draft as the serializers make it: drafts are never in the delivery store."""
        return self.rendered_detail(request, pk)

    def field_filters(self, model):
        return []

    #: The draft the token opens, looked up once per request.
    draft = None

    def get_object(self):
        if self.draft is None:
            self.draft = self.get_draft()
        return self.draft

    def get_draft(self):
        token = self.request.GET.get("token", "")
        if not token:
            raise PreviewDenied(_("a preview token is required"))
        model = previewable_model(self.request.GET.get("content_type", ""))
        try:
            page = preview_draft(token, model, page_id=self.kwargs.get("pk"))
        except InvalidToken as error:
            raise PreviewDenied(_("the preview token is not valid")) from error
        except ExpiredToken as error:
            raise PreviewDenied(
                _("the preview token has expired; preview the page again in the admin")
            ) from error
        except PreviewNotFound as error:
            raise Http404(_("no preview for this token and content type")) from error
        return page

    def handle_exception(self, exc):
        if isinstance(exc, PreviewDenied):
            return Response({"message": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Drafts are for the one editor with the token: no shared cache may keep them.
        patch_cache_control(response, private=True, no_store=True)
        return response
