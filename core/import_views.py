"""The steps every spreadsheet import takes: upload, a preview that writes nothing, confirm (every row or none);
and the downloads beside it (the list's export with its filters, the blank template).

An app's views are subclasses that name their templates, URLs, session key and importer. The uploaded file is
kept between preview and confirmation by `core.import_files`; the session remembers only its token, so another
person's token, or a stale one, is not found.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.forms import StyledFormMixin
from core.import_files import (
    import_file_claim,
    import_file_discard,
    import_file_keep,
    import_file_read,
    import_file_release,
)
from core.spreadsheets import check_upload_size, xlsx_response


class SpreadsheetUploadForm(StyledFormMixin, forms.Form):
    """An .xlsx upload. Subclasses set `label`, `max_rows`, `max_bytes` and `read` (a staticmethod that reads
    the bytes as the importer will, raising ValidationError)."""

    label = ""
    max_rows = 0
    max_bytes = 0
    read = None

    file = forms.FileField(widget=forms.FileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.label
        self.fields["file"].help_text = _("最多%(rows)d行，不超过%(mb)dMB。") % {
            "rows": self.max_rows,
            "mb": self.max_bytes // 1024 // 1024,
        }

    def clean_file(self):
        """Refused here by what the bytes are, not by the name: openpyxl must be able to read them."""
        upload = self.cleaned_data["file"]
        check_upload_size(upload, self.max_bytes)
        self.read(upload.read())
        upload.seek(0)
        return upload


class SpreadsheetImportView(LoginRequiredMixin, View):
    """Anyone signed in may upload; the importer's services decide, row by row, what they may write."""

    form_class = None
    template_name = ""
    session_key = ""
    preview_url = ""  # the preview's URL name; it takes the token

    def get_form(self, data=None, files=None):
        return self.form_class(data, files)

    def kept_entry(self, form, token):
        """What the session remembers of the upload."""
        return {"token": token, "name": form.cleaned_data["file"].name}

    def get(self, request):
        return render(request, self.template_name, {"form": self.get_form()})

    def post(self, request):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        previous = request.session.get(self.session_key)
        if previous:
            import_file_discard(previous["token"])
        token = import_file_keep(form.cleaned_data["file"])
        request.session[self.session_key] = self.kept_entry(form, token)
        return redirect(self.preview_url, token=token)


class SpreadsheetImportPreviewView(LoginRequiredMixin, View):
    """GET shows what the kept file would write; POST (确认导入) imports it.

    Subclasses set the attributes and `previewer` and `importer` (staticmethods taking actor and content and
    returning an ImportResult), and `success_message(result)`."""

    template_name = ""
    session_key = ""
    upload_url = ""  # the upload page's URL name
    done_url = ""  # where a finished import goes
    columns = {}  # the importer's column keys to their untranslated headers
    imported_text = ""  # a lazy text with %(n)d: what a second confirmation is told
    previewer = None
    importer = None

    def preview(self, content):
        return self.previewer(actor=self.request.user, content=content)

    def run_import(self, content):
        return self.importer(actor=self.request.user, content=content)

    def imported_count(self, result):
        return result.created

    def success_message(self, result):
        raise NotImplementedError

    def extra_context(self, result):
        return {}

    def done(self):
        return redirect(self.done_url)

    def _kept(self, request, token):
        kept = request.session.get(self.session_key)
        if not kept or kept["token"] != token:
            raise Http404
        return kept

    def _render(self, request, kept, result, status=200):
        context = {"kept": kept, "result": result, "headers": [_(h) for h in self.columns.values()]}
        return render(request, self.template_name, context | self.extra_context(result), status=status)

    def _gone(self, request, kept):
        if kept.get("imported") is not None:  # a second click on 确认导入, or the back button
            messages.info(request, self.imported_text % {"n": kept["imported"]})
            return self.done()
        messages.error(request, _("上传的文件已过期或正在导入，请稍后查看或重新上传。"))
        return redirect(self.upload_url)

    def get(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_read(token)
        if content is None:
            return self._gone(request, kept)
        return self._render(request, kept, self.preview(content))

    def post(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_claim(token)
        if content is None:
            return self._gone(request, kept)
        result = self.run_import(content)
        if not result.ok:
            import_file_release(token)  # its preview page shows why
            return self._render(request, kept, result, status=400)
        import_file_discard(token)
        request.session[self.session_key] = kept | {"imported": self.imported_count(result)}
        messages.success(request, self.success_message(result))
        return self.done()


class SpreadsheetExportView(LoginRequiredMixin, View):
    """The list's rows, with its filters and the person's scope, as an Excel file named `<filename>-<time>.xlsx`."""

    filename = ""

    def filterset(self, request):
        raise NotImplementedError

    def workbook(self, queryset):
        raise NotImplementedError

    def get(self, request):
        filterset = self.filterset(request)
        if not filterset.is_valid():
            return HttpResponse(
                "；".join(e for errors in filterset.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return xlsx_response(self.workbook(filterset.qs), f"{self.filename}-{stamp}.xlsx")


class SpreadsheetTemplateView(LoginRequiredMixin, View):
    """The blank import template, as `filename`."""

    filename = ""

    def workbook(self):
        raise NotImplementedError

    def get(self, request):
        return xlsx_response(self.workbook(), self.filename)
