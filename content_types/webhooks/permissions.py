"""Webhooks are for administrators (superusers) only.

Subscribers hold secrets and decide where content announcements go; the log
shows every payload. No group permission can open them, so none is offered in
the group editor either.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import WebhookDelivery, WebhookSubscriber


class SuperuserOnlyPermissionPolicy(BasePermissionPolicy):
    """Active superusers may do ``actions`` (all of them unless given); nobody else may."""

    def __init__(self, model, actions=None):
        super().__init__(model)
        self.actions = set(actions) if actions is not None else None

    def _allows(self, action):
        return self.actions is None or action in self.actions

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and self._allows(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if any(self._allows(action) for action in actions) else users.none()


subscriber_policy = SuperuserOnlyPermissionPolicy(WebhookSubscriber)
# The log is read-only, even for administrators.
delivery_policy = SuperuserOnlyPermissionPolicy(WebhookDelivery, actions=["view"])


def register_permission_policies():
    """Register the policies (``AppConfig.ready``), before any admin view asks for them."""
    register_permission_policy(WebhookSubscriber, subscriber_policy)
    register_permission_policy(WebhookDelivery, delivery_policy)
