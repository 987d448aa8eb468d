from django.dispatch import Signal

# Sent after the transaction that wrote a HazardEvent commits (kwargs: event). The reminder engine
# (notifications/) listens here; nothing is sent for a move that was rolled back.
hazard_event_committed = Signal()

# Sent once after the transaction that wrote many HazardEvents at once commits (kwargs: events, a list): the
# ledger import's 'created' events. A listener handles them together, e.g. one query for a 10,000-row file; the
# single-event signal above is not sent for them.
hazard_events_committed = Signal()
