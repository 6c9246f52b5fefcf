"""Plain multi-row INSERTs for the import's 100,000-row writes.

Django's bulk_create prepares every value of every row through the field machinery and
costs about as much as reading the file; here each column's conversion is chosen once and
the rows go through `cursor.executemany` (portable SQL, %s placeholders on both engines).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    internal = field.get_internal_type()
    ops = connection.ops
    if internal == "DateField":
        return ops.adapt_datefield_value
    if internal == "DateTimeField":
        return ops.adapt_datetimefield_value
    if internal == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def insert(model: type[models.Model], items: Iterable[Any], batch: int = 5000) -> int:
    """INSERT unsaved instances, or dicts of attname → value (missing columns take the
    field's default); no primary key comes back. Returns the number of rows."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    stamps = {
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    defaults = {f.attname: (now if f.attname in stamps else f.get_default()) for f in fields}
    names = [f.attname for f in fields]
    converters = [_converter(f) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    # The same object (a timestamp, a date shared by many rows) is converted once.
    last: list[tuple[Any, Any]] = [(None, None)] * len(fields)
    count = 0
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        for item in items:
            if isinstance(item, dict):
                values = {**defaults, **item}
            else:
                values = item.__dict__
                for name in stamps:
                    if values[name] is None:
                        values[name] = now
            row = []
            for i, name in enumerate(names):
                value = values[name]
                convert = converters[i]
                if convert is not None and value is not None:
                    seen, converted = last[i]
                    if seen is not value:
                        converted = convert(value)
                        last[i] = (value, converted)
                    value = converted
                row.append(value)
            rows.append(tuple(row))
            if len(rows) >= batch:
                cursor.executemany(sql, rows)
                count += len(rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
            count += len(rows)
    return count
