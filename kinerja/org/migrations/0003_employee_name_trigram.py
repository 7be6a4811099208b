"""On PostgreSQL, a trigram index makes the name search (`icontains`) an index scan.

Django's `icontains` on PostgreSQL is `UPPER(name::text) LIKE UPPER(%s)`; the index is on the
same expression. SQLite has no such index type and skips this migration's work.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS employee_name_trgm ON org_employee "
    "USING gin (UPPER(name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS unit_name_trgm ON org_unit "
    "USING gin (UPPER(name::text) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS employee_name_trgm", "DROP INDEX IF EXISTS unit_name_trgm"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("org", "0002_constraint_messages")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
