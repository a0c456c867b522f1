"""Loading hundreds of thousands of rows quickly: PostgreSQL's COPY, with ids reserved first.

``bulk_create`` spends most of its time building model instances and binding
parameters; COPY streams plain text, so 300,000 enrolments and a million completed
modules load in seconds. Rows are tuples in the order of the columns named; ids are
reserved from the table's own sequence beforehand so that other rows can point at
them, and the application keeps numbering after them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from django.db import connection, models
from psycopg import sql

# COPY's text format: backslash, tab, newline and carriage return are escaped.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_CHUNK = 5000


def _text(value) -> str:
    # The common types first, by exact type: this runs for every value of every row.
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_ESCAPES)
        return value
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is dt.datetime or kind is dt.date:
        return value.isoformat()
    if kind is dict or kind is list:
        return _text(json.dumps(value))
    return str(value)


def reserve_ids(model: type[models.Model], count: int) -> range:
    """``count`` consecutive primary keys the table's sequence will never hand out again."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
            " nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def copy_rows(model: type[models.Model], columns: str, rows: Iterable[Sequence]) -> int:
    """COPY ``rows`` into ``model``'s table; returns how many were written.

    ``columns`` names the attributes (``user_id`` for a foreign key) separated by spaces,
    in the order of each row's values.

    Refuses to start when a NOT NULL column is missing from ``columns``: Django's
    defaults live in Python, not in the table, so COPY would fail half-way instead.
    """
    columns = columns.split()
    fields = {field.attname: field for field in model._meta.concrete_fields}
    unknown = [name for name in columns if name not in fields]
    missing = [
        name
        for name, field in fields.items()
        if not field.null and name not in columns and not field.primary_key
    ]
    if unknown or missing:
        raise ValueError(
            f"{model.__name__}: unknown columns {unknown}, NOT NULL columns missing {missing}"
        )
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(fields[name].column) for name in columns),
    )
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        lines: list[str] = []
        for row in rows:
            lines.append("\t".join(map(_text, row)))
            if len(lines) == _CHUNK:
                copy.write("\n".join(lines) + "\n")
                written += len(lines)
                lines.clear()
        if lines:
            copy.write("\n".join(lines) + "\n")
            written += len(lines)
    return written


def skip_triggers() -> None:
    """For the rest of the current transaction, no triggers fire, foreign key checks included.

    Django's foreign keys are checked at commit, one lookup per row and key: for a
    million generated rows whose keys are right by construction, that is most of the
    loading time. PostgreSQL's replica mode skips them (it needs a superuser, as the
    local ``postgres`` is).
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")


def vacuum_analyze() -> None:
    """What autovacuum would have done by the time real traffic reads the tables:
    fresh planner statistics and visibility maps, so the plans are production's."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
