"""Citizen-area permissions, declared once per subject; importing this package registers them."""

from kinerja.citizen.permissions import complaints, services, sources, survey  # noqa: F401
