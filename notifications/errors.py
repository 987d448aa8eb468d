"""What a channel raises; kept apart so the channels and the webhook module both import it without a circle."""


class ChannelError(Exception):
    """A delivery that failed and may succeed if tried again (Celery retries it with back-off)."""


class Skip(Exception):
    """A delivery that cannot happen for this recipient (e.g. no e-mail address): logged, not retried."""
