from dashboards.models import Bulletin


def bulletin_list(*, user):
    """The bulletins the person may open: those of units in their scope; the county's for county-wide roles."""
    return Bulletin.objects.visible_to(user).select_related("unit", "requested_by")
