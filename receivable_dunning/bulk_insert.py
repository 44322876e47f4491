"""Insert thousands of records in one statement: the dunning run's letters and their lines.

The ORM's create() converts, caches and validates every value of every record and inserts
100 rows per statement; for the 20,000 letters and 90,000 lines of a run over 100,000 invoices
that was two thirds of the run's time. Here the caller gives the values already in their final
form (rounded amounts, ids, dates), one array per column goes to PostgreSQL, and what create()
does besides is done once for the whole batch.
"""

from odoo.tools import SQL

LOG_ACCESS_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
# PostgreSQL array types of the column types the run inserts.
ARRAY_TYPES = {
    "int4": "int4[]", "numeric": "numeric[]", "float8": "float8[]", "varchar": "varchar[]", "text": "text[]",
    "date": "date[]", "timestamp": "timestamp[]", "bool": "bool[]",
}


def insert_records(model, rows, given_elsewhere=()):
    """Insert `rows` into `model`'s table and return the new records, in the order of `rows`.

    `rows` are dicts of stored, non-translated column values, all with the same keys; many2one
    values are ids (or False), amounts are already rounded to their currency. As create() does:
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
        if not field.store or field.column_type is None or field.translate or field.column_type[0] not in ARRAY_TYPES:
            raise ValueError(f"insert_records cannot insert {field} ({field.type})")
    defaults = model.default_get([
        name for name, field in model._fields.items()
        if field.store and field.column_type and name not in columns and name not in LOG_ACCESS_COLUMNS
        and name != "id"
    ])
    arrays = [[_column_value(field, row[field.name]) for row in rows] for field in fields_]
    selected = [_selected(model, field, index) for index, field in enumerate(fields_)]
    names = [*columns, *defaults, *LOG_ACCESS_COLUMNS]
    selected += [SQL("%s", _column_value(model._fields[name], value)) for name, value in defaults.items()]
    selected += [SQL("%s", value) for value in (env.uid, env.cr.now(), env.uid, env.cr.now())]
    env.cr.execute(SQL(
        "INSERT INTO %s (%s) SELECT %s FROM unnest(%s) WITH ORDINALITY AS new_row(%s, row_number) "
        "ORDER BY row_number RETURNING id",
        SQL.identifier(model._table),
        SQL(", ").join(SQL.identifier(name) for name in names),
        SQL(", ").join(selected),
        SQL(", ").join(
            SQL("%s::%s", array, SQL(ARRAY_TYPES[field.column_type[0]])) for array, field in zip(arrays, fields_)
        ),
        SQL(", ").join(SQL.identifier(f"c{index}") for index in range(len(fields_))),
    ))
    records = model.browse([row[0] for row in env.cr.fetchall()])
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
        with env.protecting(list(given), records):
            records.modified(columns, create=True)
    return records


def _column_value(field, value):
    """The value as PostgreSQL takes it: False is NULL except for booleans."""
    if value is False and field.type != "boolean":
        return None
    return value


def _selected(model, field, index):
    """The column in the SELECT: floats with digits rounded there, as the ORM rounds them."""
    column = SQL.identifier(f"c{index}")
    digits = field.get_digits(model.env) if field.type == "float" else None
    if digits:
        return SQL("round(%s, %s)", column, digits[1])
    return column
