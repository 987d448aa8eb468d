from django.dispatch import Signal

# Sent inside enterprise_merge's transaction before the duplicate is deleted (kwargs: keep, duplicate), so
# the apps that point at enterprises (hazards, inspections …) move their rows to the kept record.
enterprise_merging = Signal()
