"""The run's budget and its interruptions: --max-duration, SIGINT and SIGTERM all end a run the
same way. The main thread gets a KeyboardInterrupt, pytest stops at the case it was in, the
plugin still writes results.json, lists the cases that did not run and unregisters from the
target, and the runner exits with the contract's code (a run cut short cannot pass the gate).
"""

from __future__ import annotations

import _thread
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Stop:
    """Why the run stopped early, if it did."""

    reason: str | None = None


@contextmanager
def interruptible(max_duration: float | None, stop: Stop) -> Iterator[Stop]:
    """Within the block, the budget's expiry and SIGTERM interrupt the main thread like SIGINT."""

    def interrupt(reason: str) -> None:
        if stop.reason is None:
            stop.reason = reason
        _thread.interrupt_main()

    timer = None
    if max_duration is not None:
        timer = threading.Timer(
            max_duration, interrupt, args=(f"the run's budget of {max_duration:g} s expired",)
        )
        timer.daemon = True
        timer.start()
    in_main = threading.current_thread() is threading.main_thread()
    previous = None
    if in_main:
        previous = signal.signal(signal.SIGTERM, lambda *_: interrupt("stopped by SIGTERM"))
    try:
        yield stop
    except KeyboardInterrupt:
        if stop.reason is None:
            stop.reason = "interrupted (SIGINT)"
    finally:
        if timer is not None:
            timer.cancel()
        if in_main:
            signal.signal(signal.SIGTERM, previous or signal.SIG_DFL)
