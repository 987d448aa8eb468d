"""Idempotent loading of reference data: a second run with the same data writes nothing."""

from collections import Counter


class LoadCounter(Counter):
    def __str__(self):
        return f"新增 {self['created']}，更新 {self['updated']}，未变 {self['unchanged']}"


def upsert(model, *, lookup, values, counter=None):
    """Create the row named by `lookup`, or update only the fields of `values` that differ.

    Saving only real changes keeps history clean: an unchanged row gets no UPDATE, so no event.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        status = "created"
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            obj.save(update_fields=changed)
        status = "updated" if changed else "unchanged"
    if counter is not None:
        counter[status] += 1
    return obj
