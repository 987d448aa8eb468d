"""Template filters on the person's scope (core.scoping); scope_for is cached on the request's user, so these
cost no query on a page that has already asked."""

from django import template

from core.scoping import scope_for

register = template.Library()


@register.filter
def changes_all(user):
    """Whether the person is the county office (安委办/应急局管理员): `{% if user|changes_all %}`."""
    return scope_for(user).changes_all


@register.filter
def reads_audit(user):
    """Whether the person may open the audit log (the county office and auditors)."""
    from core.audit_selectors import can_read_audit

    return user.is_authenticated and can_read_audit(user)
