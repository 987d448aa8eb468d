"""The API's refusal of writes by people who only read (县领导, auditors, API clients without a writing role)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.scoping import scope_for


class ReadersOnlyRead(BasePermission):
    """A write by a person whose roles change nothing is refused with 403 before its body is validated (the
    services refuse it too, but only after a 400 for a missing field would have told the caller the form).
    A view names in `own_record_actions` the writes a person makes on their own records whatever their role
    (marking a notification read, a leader's own duty report)."""

    message = _("您的角色只能查看，不能新增或修改。")

    def has_permission(self, request, view):
        action = getattr(view, "action", "")
        if request.method in SAFE_METHODS or action is None or action in getattr(view, "own_record_actions", ()):
            return True  # action None: the viewset has no such method, and answers 405
        scope = scope_for(request.user)
        return not scope.authenticated or scope.changes_all or bool(scope.writable_unit_ids)
