"""一企多牌: the county admin folds other records of the same enterprise into this one (search, preview, merge)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core import services
from core.scoping import scope_for
from core.selectors import enterprise_queryset


class EnterpriseMergeView(LoginRequiredMixin, View):
    template_name = "core/enterprise_merge.html"

    def _keep(self, request, pk):
        if not scope_for(request.user).changes_all:
            raise PermissionDenied
        return get_object_or_404(enterprise_queryset(user=request.user), pk=pk)

    def _context(self, request, keep, q, chosen):
        visible = enterprise_queryset(user=request.user).exclude(pk=keep.pk)
        candidates = list(visible.search(q).prefetch_related("aliases")[:30]) if q else []
        chosen_rows = list(visible.filter(pk__in=chosen))
        seen = {e.pk for e in chosen_rows}
        return {
            "enterprise": keep,
            "q": q,
            "chosen": chosen_rows,
            "candidates": [e for e in candidates if e.pk not in seen],
        }

    def get(self, request, pk):
        keep = self._keep(request, pk)
        return render(request, self.template_name, self._context(request, keep, request.GET.get("q", "").strip(), []))

    def post(self, request, pk):
        keep = self._keep(request, pk)
        visible = enterprise_queryset(user=request.user)
        chosen = [int(v) for v in request.POST.getlist("duplicates") if v.isdigit()]
        chosen = list(visible.filter(pk__in=chosen).values_list("pk", flat=True))
        note = request.POST.get("note", "").strip()
        context = self._context(request, keep, request.POST.get("q", "").strip(), chosen)
        context["note"] = note
        try:
            if "confirm" in request.POST:
                merge = services.enterprise_merge(actor=request.user, keep=keep, duplicates=chosen, note=note)
                messages.success(
                    request, _("已将 %(names)s 并入本单位。") % {"names": "、".join(merge.duplicate_names)}
                )
                return redirect("enterprise-detail", pk=keep.pk)
            if "preview" in request.POST:
                context["preview"] = services.enterprise_merge_preview(actor=request.user, keep=keep, duplicates=chosen)
        except (ValidationError, PermissionDenied) as exc:
            context["errors"] = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            return render(request, self.template_name, context, status=400)
        return render(request, self.template_name, context)
