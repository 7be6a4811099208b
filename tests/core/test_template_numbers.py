"""Identifiers in templates are written without the thousands separator.

Indonesian formatting groups every integer a template prints (`USE_THOUSAND_SEPARATOR`), so
`?unit={{ unit.pk }}` becomes `?unit=1.234` once a table passes 999 rows: a link to the wrong
page, a select that silently keeps its first option, a broken anchor. Keys and years must go
through `|unlocalize` (or `{% url %}`, which never localizes).
"""

from __future__ import annotations

import re
from pathlib import Path

import kinerja

ROOT = Path(kinerja.__file__).parent
# `{{ something.pk }}`, `.id`, `_id`, `.year`, `page.number` with no filter; form fields
# (`form.year`) render their own widget and are left out.
BARE_KEY = re.compile(
    r"\{\{ ?(?!form\.)[a-zA-Z_][a-zA-Z_.]*(?:\.pk|\.id|_id|\.year|page\.number) ?\}\}"
)


def test_no_template_prints_a_key_or_a_year_with_the_thousands_separator():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in sorted(ROOT.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for match in BARE_KEY.finditer(line)
    ]
    assert offenders == []


def test_a_key_above_999_is_written_without_a_separator(rf):
    from django.template import Context, Template

    template = Template("{% load l10n %}{{ unit.pk }} · {{ unit.pk|unlocalize }}")
    rendered = template.render(Context({"unit": type("Unit", (), {"pk": 1234})()}))

    assert rendered == "1.234 · 1234"
