"""On PostgreSQL, trigram indexes make the forum search (`icontains`) an index scan.

Django's `icontains` on PostgreSQL is `UPPER(col::text) LIKE UPPER(%s)`; each index is on the
same expression, as `org` does for employee names. SQLite skips this migration's work.
"""

from django.db import migrations

COLUMNS = [
    ("forum_thread", "title"),
    ("forum_thread", "body"),
    ("forum_post", "body"),
    ("forum_announcement", "title"),
    ("forum_announcement", "body"),
]
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
    f"USING gin (UPPER({column}::text) gin_trgm_ops)"
    for table, column in COLUMNS
]
DROP = [f"DROP INDEX IF EXISTS {table}_{column}_trgm" for table, column in COLUMNS]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
