from django.dispatch import Signal

# 一企多牌 merge (core.services.enterprise_merge). Core never imports the apps; they answer these signals.
#
# enterprise_merge_check — sent first, inside the merge's transaction with every enterprise row locked and
# before anything moves (kwargs: keep, duplicates — a list). A receiver vetoes by raising ValidationError with
# a Chinese message (e.g. a duplicate has a hazard being verified). Return value ignored.
enterprise_merge_check = Signal()

# enterprise_merging — then sent once per duplicate (kwargs: keep, duplicate) before the duplicate is deleted,
# so each app moves its rows to the kept record. A receiver returns {"app_label.Model": rows moved} (zeros may
# be left out); the merge adds them up into EnterpriseMerge.moved. Raising anything undoes the whole merge.
enterprise_merging = Signal()

# An app that adds a model pointing at core.Enterprise adds one receiver to its receivers.py (imported in its
# AppConfig.ready()), e.g.:
#
#     @receiver(enterprise_merging)
#     def move_board_records(sender, keep, duplicate, **kwargs):
#         from responsibilities.models import MajorRisk, ResponsiblePerson
#         return {
#             "responsibilities.ResponsiblePerson": ResponsiblePerson.objects.filter(enterprise=duplicate).update(
#                 enterprise=keep
#             ),
#             "responsibilities.MajorRisk": MajorRisk.objects.filter(enterprise=duplicate).update(enterprise=keep),
#         }
#
# (rows under a unique constraint with the enterprise: delete or fold the clashing duplicate rows first, as
# inspections.receivers does for PlannedVisit.)
