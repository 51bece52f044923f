"""Headless preview: the admin's Preview button shows the draft on the external site.

wagtail-headless-preview stores what the editor previews (a ``PagePreview`` row
holding the page as JSON, unsaved changes included) and sends the editor to the
external site's preview URL with ``?content_type=...&token=...``. The site reads
the draft back from the API (``api/preview.py``).

Tokens are signed with a salt of their own, name the page and the preview row,
and expire after ``SAMVERKAN_PREVIEW["MAX_AGE"]`` seconds (an hour unless a site
sets it): a token opens that one draft, for a while, and nothing else.
"""

from uuid import uuid4

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

SALT = "content_types.preview.token"
DEFAULT_MAX_AGE = 60 * 60


class PreviewError(Exception):
    """A preview cannot be shown; the message says why, for the external site's developers."""


class InvalidToken(PreviewError):
    """The token was not made here (tampered with, truncated, another salt or key)."""


class ExpiredToken(PreviewError):
    """The token was made here, longer ago than the maximum age."""


class PreviewNotFound(PreviewError):
    """No preview matches the token, the content type and the page asked for."""


def max_age():
    """How long a preview token lasts, in seconds."""
    return getattr(settings, "SAMVERKAN_PREVIEW", {}).get("MAX_AGE", DEFAULT_MAX_AGE)


def signer():
    return signing.TimestampSigner(salt=SALT)


class DraftPreviewMixin(HeadlessPreviewMixin):
    """wagtail-headless-preview's mixin with expiring tokens bound to one page and one preview.

    The package's own tokens sign only the page id and never expire; these
    also name the stored preview, so a token opens that draft and no later or
    earlier one.
    """

    @classmethod
    def get_preview_signer(cls):
        return signer()

    def create_page_preview(self):
        with transaction.atomic():
            preview = PagePreview.objects.create(
                # A placeholder until the row's id is known; the token names the row.
                token=f"pending:{uuid4().hex}",
                content_type=self.content_type,
                content_json=self.to_json(),
            )
            preview.token = signer().sign_object(self.preview_claims(preview))
            preview.save(update_fields=["token"])
        return preview

    def preview_claims(self, preview):
        claims = {"page": self.pk, "preview": preview.pk}
        if self.pk is None:
            # A page being created: its future place in the tree.
            claims["parent"] = self.get_parent().pk
        return claims

    @classmethod
    def get_page_from_preview_token(cls, token):
        """The draft ``token`` opens, if it is a draft of this type (the package's API)."""
        try:
            return preview_draft(token, cls)
        except PreviewError:
            return None


def read_token(token):
    """The claims of a token made here and not expired, or InvalidToken / ExpiredToken."""
    try:
        claims = signer().unsign_object(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(claims, dict) or not isinstance(claims.get("preview"), int):
        raise InvalidToken
    return claims


def previewable_model(label):
    """The page model named ``app_label.model`` (as the preview URL gives it), if previewable."""
    app_label, _dot, model_name = (label or "").partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name.lower())
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    return model if model is not None and issubclass(model, DraftPreviewMixin) else None


def preview_draft(token, model, page_id=None):
    """The draft of ``model`` that ``token`` was made for, as an unsaved page.

    With ``page_id``, only when the draft is of that page. Raises a PreviewError
    subclass otherwise; the token is checked first, so a bad token is refused as
    such whatever the model (``None`` for a type that has no previews).
    """
    claims = read_token(token)
    if model is None:
        raise PreviewNotFound
    preview = PagePreview.objects.filter(
        pk=claims["preview"], token=token, content_type=ContentType.objects.get_for_model(model)
    ).first()
    if preview is None:
        raise PreviewNotFound
    page = preview.as_page()
    if page.pk != claims.get("page") or (page_id is not None and page.pk != page_id):
        raise PreviewNotFound
    return page
