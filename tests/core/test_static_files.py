"""`make run` collects static files with the production storage (hashed names, compressed).

The manifest storage follows every `url()` and `sourceMappingURL` in CSS and JS and refuses
the whole run when one points at a file that is not there, so a vendored library with a
dangling source-map comment breaks `make run` on a fresh machine.
"""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/chart-4.6.1.umd.min.js" in manifest
    assert "kinerja/charts.js" in manifest
