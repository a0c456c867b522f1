"""Queries read on every request, with the SQL Django compiles for them kept per process.

Some rows are read on nearly every request: the logged-in person (``ModelBackend.get_user``),
the page being served (``cms.routing``). The statement is the same every time but for the
id, and building and compiling it through the ORM costs about as much Python as running
it. ``read_by_pk`` compiles it once per model and database, then runs it with the id and
turns the row into the model instance as Django's own iterator does (each column through
its field's converters, then ``Model.from_db`` with every concrete field, in the order
Django selects them). ``raw_once`` does the same for any query whose shape never changes
(the module page's record: an enrolment with four annotations).
"""

from __future__ import annotations

import uuid

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


_shapes: dict[str, tuple[str, list[str], type]] = {}


def raw_once(name: str, build, values: dict) -> list:
    """The rows of ``build(values)`` (a QuerySet of model instances, annotations
    included) with its SQL compiled once per process under ``name``.

    ``build`` must make the same query whatever the values: it is first called twice
    with a distinct stand-in for each value (``values``' keys name them), compiled, and
    each parameter of the statement is traced back to the stand-in it came from (one
    equal in both is part of the statement); afterwards the statement runs with the real
    values in those places (``QuerySet.raw``: the model's fields through their
    converters, the annotations as attributes).
    """
    shape = _shapes.get(name)
    if shape is None:
        # Built twice, with two sets of stand-ins: a parameter that is the same in both is
        # part of the statement (``EXISTS``' ``SELECT 1``); one that moves must be a value.
        first, second = (
            {key: _stand_in(n + offset, value) for n, (key, value) in enumerate(values.items())}
            for offset in (0, 100)
        )
        query = build(first)
        sql, params = query.query.sql_with_params()
        sql_again, params_again = build(second).query.sql_with_params()
        by_text = {_text(value): key for key, value in first.items()}
        order = []
        for param, again in zip(params, params_again, strict=True):
            if _text(param) == _text(again):
                order.append((False, param))
            elif _text(param) in by_text:
                order.append((True, by_text[_text(param)]))
            else:  # a value the query changed on the way: the ORM decides every time
                return list(build(values))
        if sql != sql_again:
            return list(build(values))
        shape = _shapes[name] = (sql, order, query.model)
    sql, order, model = shape
    params = [values[item] if is_value else item for is_value, item in order]
    return list(model._default_manager.raw(sql, params))


def _text(value) -> str:
    return value.hex if isinstance(value, uuid.UUID) else str(value)


def _stand_in(n: int, value):
    """A value of the same type as ``value``, unlike any real one."""
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=0xFEEDFACE0000 + n)
    if isinstance(value, int):
        return 987_654_000 + n
    if isinstance(value, str):
        return f"stand-in-{n}-{uuid.uuid4().hex}"
    raise TypeError(f"no stand-in for {type(value).__name__}")
