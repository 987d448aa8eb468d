from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnterpriseMerge(models.Model):
    """One 一企多牌 merge as it happened: which records were folded into `keep`, by whom, and how many rows
    of each model moved ({"hazards.Hazard": 3, …}, from what each app's receiver returned). Written once by
    core.services.enterprise_merge and never changed."""

    keep = models.ForeignKey(
        "core.Enterprise", verbose_name=_("保留的单位"), on_delete=models.PROTECT, related_name="merges"
    )
    # [{"id": …, "name": …, "credit_code": …, "aliases": [...]}, …] — the duplicates are deleted by the merge.
    duplicates = models.JSONField(_("被合并的单位"), default=list)
    moved = models.JSONField(_("转移的记录数"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("合并时间"), default=timezone.now, db_index=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("单位合并记录")
        verbose_name_plural = _("单位合并记录")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return _("%(names)s 并入 %(keep)s") % {"names": "、".join(self.duplicate_names), "keep": self.keep}

    @property
    def duplicate_names(self):
        return [d.get("name", "") for d in self.duplicates]

    @property
    def moved_rows(self):
        """[(verbose name, count)] for the page, in a stable order; labels of models no longer installed stay raw."""
        from django.apps import apps

        rows = []
        for label, count in sorted(self.moved.items()):
            try:
                name = apps.get_model(label)._meta.verbose_name
            except (LookupError, ValueError):
                name = label
            rows.append((name, count))
        return rows
