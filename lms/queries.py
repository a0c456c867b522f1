"""One row by its primary key, with the SQL Django compiles for it kept per model.

Some rows are read on nearly every request: the logged-in person (``ModelBackend.get_user``),
the page being served (``cms.routing``). The statement is the same every time but for the
id, and building and compiling it through the ORM costs about as much Python as running
it. ``read_by_pk`` compiles it once per model and database, then runs it with the id and
turns the row into the model instance as Django's own iterator does (each column through
its field's converters, then ``Model.from_db`` with every concrete field, in the order
Django selects them).
"""

from __future__ import annotations

from django.db import connections

_statements: dict[tuple[type, str], tuple] = {}


def read_by_pk(manager, pk):
    """``manager.filter(pk=pk).first()`` for a model's plain manager (one that filters
    nothing: anything else is left to the ORM)."""
    model = manager.model
    using = manager.db
    key = (model, using)
    statement = _statements.get(key)
    if statement is None:
        compiler = manager.filter(pk=0).order_by().query.get_compiler(using=using)
        compiled, params = compiler.as_sql()
        if list(params) != [0]:  # the manager filters on its own: the ORM decides
            return manager.filter(pk=pk).first()
        # What turns a column's value into the field's (a JSON field's text into data...).
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        statement = _statements[key] = (compiled, compiler, converters)
    sql, compiler, converters = statement
    fields = [field.attname for field in model._meta.concrete_fields]
    value = model._meta.pk.get_db_prep_value(model._meta.pk.to_python(pk), connections[using])
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    if len(row) != len(fields):
        return manager.filter(pk=pk).first()
    if converters:
        row = next(iter(compiler.apply_converters([row], converters)))
    return model.from_db(using, fields, row)
