from django.dispatch import Signal

# Sent after the transaction that approved a progress report commits (kwargs: report; an approval is final).
# Listeners outside the app (integrations/ webhooks) hear of it here; nothing is sent for a rolled-back one.
report_approved = Signal()
