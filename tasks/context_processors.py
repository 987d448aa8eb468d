from tasks.permissions import reviewer_unit_ids


def review_counts(request):
    """The 待我审核 badge in the top bar: one COUNT, and only for people who head a unit."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not reviewer_unit_ids(user):
        return {}
    from tasks.selectors import extensions_awaiting_decision, reports_awaiting_review

    return {
        "is_reviewer": True,
        "awaiting_review": lambda: (
            reports_awaiting_review(user=user).count() + extensions_awaiting_decision(user=user).count()
        ),
    }
