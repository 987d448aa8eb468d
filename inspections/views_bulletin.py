from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from core.spreadsheets import xlsx_response
from inspections.bulletin import enforcement_figures
from inspections.bulletin_exports import bulletin_docx, bulletin_xlsx
from inspections.docx import DOCX
from inspections.months import add_months, month_text, parse_month


def _month(request):
    """The month asked for, or the month just ended; a bad value is a ValidationError."""
    text = request.GET.get("month", "").strip()
    if not text:
        return add_months(timezone.localdate().replace(day=1), -1)
    return parse_month(text)


class BulletinView(LoginRequiredMixin, View):
    template_name = "inspections/bulletin.html"

    def get(self, request):
        status, error = 200, None
        try:
            month = _month(request)
        except ValidationError as exc:
            status, error = 400, "；".join(exc.messages)
            month = add_months(timezone.localdate().replace(day=1), -1)
        bulletin = enforcement_figures(month=month, user=request.user)
        context = {
            "bulletin": bulletin,
            "month": month_text(month),
            "previous_month": month_text(bulletin.previous),
            "next_month": month_text(add_months(month, 1)),
            "error": error,
        }
        return render(request, self.template_name, context, status=status)


class BulletinExportView(LoginRequiredMixin, View):
    kind = "xlsx"

    def get(self, request):
        try:
            month = _month(request)
        except ValidationError as exc:
            return HttpResponse("；".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
        bulletin = enforcement_figures(month=month, user=request.user)
        name = f"enforcement-{month_text(month)}.{self.kind}"
        if self.kind == "xlsx":
            return xlsx_response(bulletin_xlsx(bulletin), name)
        response = HttpResponse(bulletin_docx(bulletin), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
