"""Evidence files (reports, hazards, patrols …): accepted by what their bytes are, not by their names."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED = {
    "image/jpeg": _("图片"),
    "image/png": _("图片"),
    "image/gif": _("图片"),
    "image/webp": _("图片"),
    "image/heic": _("图片"),
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
}


def check_evidence_file(upload):
    """Return the detected MIME type, or refuse the file with a reason naming it."""
    limit = settings.EVIDENCE_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("文件“%(name)s”大小为%(size).1fMB，超过%(limit)dMB的上限。")
            % {"name": upload.name, "size": upload.size / 1024 / 1024, "limit": settings.EVIDENCE_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None and head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind_mime = "application/msword"  # an OLE2 file (old .doc or .xls) that filetype could not name
    else:
        kind_mime = kind.mime if kind else None
    if kind_mime not in ALLOWED:
        raise ValidationError(
            _("文件“%(name)s”的内容不是允许的类型（图片、PDF、Word、Excel），不能上传。") % {"name": upload.name}
        )
    return kind_mime


def evidence_checked(files):
    """[(upload, MIME type)] of every file, each checked before any is kept: one refused file refuses them all."""
    return [(upload, check_evidence_file(upload)) for upload in files]


def evidence_keep(model, checked, *, actor, **link):
    """One `model` row per checked file, linked by `link` (e.g. report=report)."""
    return [
        model.objects.create(
            **link,
            file=upload,
            original_name=upload.name[:255],
            content_type=mime,
            size=upload.size,
            uploaded_by=actor,
        )
        for upload, mime in checked
    ]


def evidence_attach(model, files, *, actor, **link):
    return evidence_keep(model, evidence_checked(files), actor=actor, **link)


def evidence_upload_path(instance, filename):
    """A random name under the app's folder: nothing of the uploader's file name reaches the disk or a URL.

    Uploaded files are served only by the portal's views after the scoping check (never by the proxy).
    """
    import os
    import uuid

    from django.utils import timezone

    extension = os.path.splitext(filename)[1].lower()[:10]
    if not extension[1:].isalnum():
        extension = ""
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}  # what a browser shows and cannot run


def evidence_file_response(fieldfile, *, filename, content_type):
    """An uploaded file, for a view that has already checked the person may see it.

    The stored type was detected from the bytes at upload. Photos a browser can show open in it (the thumbnails
    link to them); everything else is a download (`attachment`). Every response carries `nosniff` (the security
    middleware) and its own sandboxing policy, so even a file that a browser took for a page could run nothing.
    """
    from django.http import FileResponse

    response = FileResponse(
        fieldfile.open("rb"),
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
