"""Publishing tasks without putting the broker on the request path.

Every piece of background work is first a row in the database (a notification delivery,
a certificate without its PDF, a zip or an export waiting, an account e-mail): the rows
are the outbox, and the message a task publishes is only a wake-up call for a worker.
So a broker that cannot be reached must delay the work, never turn a saved action into
a 500: ``publish`` catches the broker's connection errors, logs them, and leaves the row
for its sweep (docs/reliability.md says which sweep, and how soon).

``OutboxTask`` is the Celery app's task class (lms/celery.py): its ``delay_on_commit``
and ``apply_async_on_commit`` publish through ``publish`` once the transaction commits,
so every ``task.delay_on_commit(...)`` in the code goes through here. A task sent
outside a transaction (a sweep) is sent through the same door with ``delay_on_commit``,
which Django runs at once when no transaction is open.

After one failure the process stops trying for ``QUIET_FOR``: a spreadsheet import of
200 learners during an outage costs one connection attempt, not 200.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

try:  # the Redis client is there with a redis:// broker; amqp:// brings its own errors
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # pragma: no cover - redis is a dependency of the project
    RedisConnectionError = RedisTimeoutError = KombuOperationalError

#: What a broker that cannot be reached raises from ``apply_async``: kombu wraps most
#: connection errors in its OperationalError; the Redis client's own, and the socket's,
#: can escape it.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    KombuOperationalError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)

#: After a failure, publishing is skipped (and logged) this long in this process.
QUIET_FOR = 10.0
#: One quick second try, then give up: the sweep is the retry, not the request.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

_quiet_until = 0.0


def reset() -> None:
    """Forget a past failure (tests; a process that knows the broker is back)."""
    global _quiet_until
    _quiet_until = 0.0


def publish(task, args: tuple = (), kwargs: dict | None = None, **options: Any) -> bool:
    """Publish ``task`` now; True if the broker took the message.

    False when the broker could not be reached (or failed less than ``QUIET_FOR``
    ago): the error is logged and the row the task would have worked on waits for its
    sweep. Only the broker's connection errors are caught; anything else is a bug.
    """
    global _quiet_until
    if task.app.conf.task_always_eager:
        # Tests run tasks in-process: nothing to reach, and a task's own ConnectionError
        # (SMTP) must not pass for the broker's.
        task.apply_async(args=args, kwargs=kwargs, **options)
        return True
    if time.monotonic() < _quiet_until:
        logger.warning(
            "broker unreachable a moment ago: %s %s not published, left for the sweep",
            task.name,
            kwargs or args,
        )
        return False
    options.setdefault("retry_policy", RETRY_POLICY)
    try:
        task.apply_async(args=args, kwargs=kwargs, **options)
    except BROKER_ERRORS as error:
        _quiet_until = time.monotonic() + QUIET_FOR
        logger.warning(
            "broker unreachable (%s): %s %s not published, left for the sweep",
            error,
            task.name,
            kwargs or args,
        )
        return False
    return True


class OutboxTask(DjangoTask):
    """The app's task class: work queued after commit goes through ``publish``."""

    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:
        transaction.on_commit(functools.partial(publish, self, args, kwargs))

    def apply_async_on_commit(self, args=None, kwargs=None, **options: Any) -> None:
        transaction.on_commit(
            functools.partial(publish, self, tuple(args or ()), kwargs, **options)
        )
