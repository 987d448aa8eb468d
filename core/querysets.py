from django.db import models
from django.db.models import Q

from core.scoping import filter_changeable, filter_visible, scope_for


class ScopedQuerySet(models.QuerySet):
    """Rows restricted by the model's SCOPE_FIELDS (see core.scoping)."""

    def visible_to(self, user):
        return filter_visible(self, user, self.model.SCOPE_FIELDS)

    def changeable_by(self, user):
        return filter_changeable(self, user, self.model.SCOPE_FIELDS)


class MembersOnlyQuerySet(models.QuerySet):
    """Published records (the plan is a public document): every signed-in person reads them."""

    def visible_to(self, user):
        return self if scope_for(user).authenticated else self.none()

    def changeable_by(self, user):
        return self if scope_for(user).changes_all else self.none()


class OrgUnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Own subtrees, the units above them, and the county departments (a directory everyone needs)."""
        from core.choices import OrgUnitKind

        scope = scope_for(user)
        if scope.sees_all:
            return self
        if not scope.authenticated:
            return self.none()
        return self.filter(Q(id__in=scope.unit_ids) | Q(code__in=scope.ancestor_codes) | Q(kind=OrgUnitKind.DEPARTMENT))

    def changeable_by(self, user):
        return self if scope_for(user).changes_all else self.none()

    def subtree(self, unit):
        return self.filter(path__startswith=unit.path)


class EnterpriseQuerySet(ScopedQuerySet):
    def search(self, text):
        return self.filter(
            Q(name__icontains=text) | Q(aliases__name__icontains=text) | Q(credit_code__iexact=text.strip())
        ).distinct()
