from django.dispatch import Signal

# Sent after the transaction that issued a warning commits (kwargs: warning). Listeners outside the app
# (integrations/ webhooks) hear of it here; nothing is sent for an issue that was rolled back.
warning_issued = Signal()
