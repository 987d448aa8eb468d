"""An in-app channel for the worker tests: while the file BLOCKING_CHANNEL_DIR/block exists, it writes the
notification, says so (a file inside-<reminder id>) and then waits, inside the sending transaction, to be
killed."""

import os
import time
from pathlib import Path

from notifications.channels import InApp


class BlockingInApp(InApp):
    def send(self, reminder):
        super().send(reminder)
        gate = Path(os.environ["BLOCKING_CHANNEL_DIR"])
        if (gate / "block").exists():
            (gate / f"inside-{reminder.pk}").touch()
            time.sleep(120)
