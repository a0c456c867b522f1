"""A query the ORM would build the same way on every request, compiled once per process.

The module page reads the learner's record (enrolment, completion, quiz summary, cohort
dates) in one query whose shape never changes; building and compiling it through the ORM
cost more than running it. ``raw_once`` compiles it once and afterwards runs the SQL with
the request's values (``QuerySet.raw``).
"""

from __future__ import annotations

import uuid

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
