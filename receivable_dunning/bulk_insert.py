"""Insert thousands of records in one statement: the dunning run's letters and their lines.

The ORM's create() converts, caches and validates every value of every record and inserts
100 rows per statement; for the 20,000 letters and 90,000 lines of a run over 100,000 invoices
that was two thirds of the run's time. Here the caller gives the values already in their final
form (rounded amounts, ids, dates), the rows go to PostgreSQL in one COPY, and what create()
does besides is done once for the whole batch.
"""

import io

import psycopg2.extensions

from odoo.tools import SQL

LOG_ACCESS_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
# COPY's text format: NULL, and the characters a text value must escape.
NULL = "\\N"
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# The column types _copy_formatter writes.
COLUMN_TYPES = {"int4", "numeric", "float8", "varchar", "text", "date", "timestamp", "bool"}


def insert_records(model, rows, given_elsewhere=()):
    """Insert `rows` into `model`'s table and return the new records, in the order of `rows`.

    `rows` are dicts of stored, non-translated column values, all with the same keys; many2one
    values are ids (or False), amounts are already rounded to their currency (floats with digits
    are cut to them as Python formats them, half to even). As create() does:
    the defaults of the other columns, the log access columns, the access check, the values in
    cache; the model's stored computed fields not given are computed at the next flush, and the
    cached values of fields depending on the new records are dropped. Stored fields of other
    models that depend on the new records are recomputed, except `given_elsewhere`: the caller
    wrote them itself. Python constraints are not run: the caller builds rows that satisfy them.
    """
    if not rows:
        return model.browse()
    env = model.env
    columns = list(rows[0])
    fields_ = [model._fields[name] for name in columns]
    for field in fields_:
        if not field.store or field.column_type is None or field.translate or field.column_type[0] not in COLUMN_TYPES:
            raise ValueError(f"insert_records cannot insert {field} ({field.type})")
    defaults = model.default_get([
        name for name, field in model._fields.items()
        if field.store and field.column_type and name not in columns and name not in LOG_ACCESS_COLUMNS
        and name != "id"
    ])
    arrays = [_column_values(field, [row[field.name] for row in rows]) for field in fields_]
    env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"{model._table}_id_seq", len(rows)))
    ids = [id_ for (id_,) in env.cr.fetchall()]
    constants = [
        _copy_column(model, model._fields[name], _column_values(model._fields[name], [value]))[0]
        for name, value in defaults.items()
    ]
    constants += [str(env.uid), env.cr.now().isoformat(sep=" "), str(env.uid), env.cr.now().isoformat(sep=" ")]
    columns_text = [_copy_column(model, field, array) for field, array in zip(fields_, arrays, strict=True)]
    # Floats with digits are cut to their digits in the text: the cache takes what the database got.
    for index, field in enumerate(fields_):
        if _scale(model, field) is not None:
            arrays[index] = [None if text == NULL else float(text) for text in columns_text[index]]
    suffix = "\t".join(constants)
    data = "".join(
        "\t".join((str(id_), *values, suffix)) + "\n" for id_, *values in zip(ids, *columns_text, strict=True)
    )
    _copy(env.cr, SQL(
        "COPY %s (%s) FROM STDIN",
        SQL.identifier(model._table),
        SQL(", ").join(SQL.identifier(name) for name in ("id", *columns, *defaults, *LOG_ACCESS_COLUMNS)),
    ), data)
    records = model.browse(ids)
    records.check_access("create")
    # The new values in cache as a fetch would put them, so that what follows reads none back.
    for field, values in zip(fields_, arrays, strict=True):
        field._insert_cache(records, values)
    # One2many fields of the records the new ones point to now have new members.
    for field in fields_:
        for inverse in model.pool.field_inverses[field]:
            env[inverse.model_name].invalidate_model([inverse.name], flush=False)
    given = {*fields_, *given_elsewhere}
    for field in model._fields.values():
        if field.store and field.compute and field not in given:
            env.add_to_compute(field, records)
    dependents = {dependent for field in fields_ for dependent in model.pool.get_dependent_fields(field)} - given
    for dependent in dependents:
        if not dependent.store:
            env[dependent.model_name].invalidate_model([dependent.name], flush=False)
    if any(dependent.store for dependent in dependents):
        pending = {field: env.records_to_compute(field) for field in given_elsewhere}
        with env.protecting(list(given), records):
            records.modified(columns, create=True)
        for field, before in pending.items():
            env.remove_to_compute(field, env.records_to_compute(field) - before)
    return records


def _column_values(field, values):
    """The values as PostgreSQL and the cache take them: False is NULL except for booleans."""
    if field.type == "boolean":
        return values
    return [None if value is False else value for value in values]


def _copy(cr, statement, data):
    """COPY `data` with `statement`: one round trip, and PostgreSQL parses the rows without SQL."""
    # As the ORM does for its own COPY: the wait callback of an asynchronous server (gevent)
    # does not support COPY FROM.
    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        cr.copy_expert(statement.code, io.StringIO(data))
    finally:
        psycopg2.extensions.set_wait_callback(callback)
    cr.sql_log_count += 1  # a query like any other in the counts of tests and benchmarks


def _copy_column(model, field, values):
    """The values of `field` (None for NULL) as COPY's text format reads them.

    One comprehension per column type, with no function call per value: a run formats a
    million of them.
    """
    kind = field.column_type[0]
    scale = _scale(model, field)
    if scale is not None:
        return [NULL if value is None else f"{value:.{scale}f}" for value in values]
    if kind in ("numeric", "float8"):
        return [NULL if value is None else repr(float(value)) for value in values]
    if kind == "int4":
        return [NULL if value is None else str(int(value)) for value in values]
    if kind == "bool":
        return ["t" if value else "f" for value in values]
    if kind == "date":
        return [NULL if value is None else value.isoformat() for value in values]
    if kind == "timestamp":
        return [NULL if value is None else value.isoformat(sep=" ") for value in values]
    return [NULL if value is None else str(value).translate(COPY_ESCAPES) for value in values]


def _scale(model, field):
    """The decimals a float field with digits keeps, else None."""
    digits = field.get_digits(model.env) if field.type == "float" else None
    return digits[1] if digits else None
