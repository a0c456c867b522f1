"""Throw-away PostgreSQL databases for the sized benchmarks.

The schema is migrated once, into ``<name>_template`` (``name`` is the database
``BENCH_DATABASE_URL`` names, ``gsef_bench`` by default); each size then gets a copy of
it, ``<name>_<size>`` (``CREATE DATABASE … TEMPLATE``, a file copy instead of 18 s of
migrations), which Django's default connection is pointed at while the size is
generated and measured. Every database made here is dropped at the end, even when a
benchmark fails, and a database left over by an interrupted run is dropped first.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gsef_bench"


def base_url() -> str:
    """The URL the benchmark databases are made next to (the Makefile exports it)."""
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_URL


def url_for(name: str) -> str:
    """``base_url()`` with its database name replaced by ``name``."""
    url = base_url()
    head, _slash, _old = url.rpartition("/")
    return f"{head}/{name}"


def _admin() -> psycopg.Connection:
    """A connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    from django.db import connection

    settings = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def server_version() -> str:
    with _admin() as admin:
        return admin.execute("SHOW server_version").fetchone()[0]


def drop(name: str) -> None:
    with _admin() as admin:
        # FORCE: a gunicorn worker of an interrupted run may still hold a connection.
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def create(name: str, *, template: str | None = None) -> None:
    drop(name)
    with _admin() as admin:
        if template:
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        else:
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        admin.execute(statement)


def use(name: str) -> None:
    """Point Django's default connection at database ``name`` (closing the current one)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def base_name() -> str:
    from django.db import connection

    name = connection.settings_dict["NAME"]
    assert connection.vendor == "postgresql", "the benchmarks need PostgreSQL: set DATABASE_URL"
    return name


@contextlib.contextmanager
def migrated_template() -> Iterator[str]:
    """``<name>_template``, migrated; dropped on the way out."""
    from django.core.management import call_command

    base = base_name()
    template = f"{base}_template"
    create(template)
    try:
        use(template)
        call_command("migrate", verbosity=0, interactive=False)
        use(base)  # nobody may be connected to a template while it is copied
        yield template
    finally:
        use(base)
        drop(template)


@contextlib.contextmanager
def sized_database(template: str, size: str, *, keep: bool = False) -> Iterator[str]:
    """A copy of ``template`` called ``<name>_<size>``, in use by Django until the end,
    then dropped (unless ``keep``: to look into it afterwards)."""
    base = base_name()
    name = f"{base}_{size}"
    create(name, template=template)
    try:
        use(name)
        yield name
    finally:
        use(base)
        if not keep:
            drop(name)
