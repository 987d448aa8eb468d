from django.dispatch import Signal

# Sent after the transaction that wrote a HazardEvent commits (kwargs: event). The reminder engine
# (notifications/) listens here; nothing is sent for a move that was rolled back.
hazard_event_committed = Signal()
