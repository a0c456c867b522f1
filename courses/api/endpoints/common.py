"""What every endpoint shares: the problems it may answer, paging parameters, people."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from courses.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from courses.api.problems import Problem

# Every authenticated operation may answer these (problem+json).
READ_PROBLEMS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_PROBLEMS = {**READ_PROBLEMS, 409: Problem, 413: Problem}


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page (≤ 500).")
    cursor: str | None = Field(None, description="next_cursor of the previous page.")
    updated_since: dt.datetime | None = Field(
        None,
        description="Only rows changed at or after this instant (ISO 8601 with a zone): "
        "pass the last updated_at you saw, minus a minute, for an incremental sync.",
    )


def person(user, *, consented: bool = True) -> dict | None:
    if user is None:
        return None
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name if consented else "",
    }
