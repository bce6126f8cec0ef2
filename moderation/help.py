"""Which crisis resources to show a person first."""

from __future__ import annotations

from django.http import HttpRequest

from .models import CrisisResource


def request_country(request: HttpRequest | None) -> str:
    """The country in the browser's first language tag ("en-GB" → "GB"), if any.

    We store no location; this only orders the list so the likeliest services
    come first.
    """
    if request is None:
        return ""
    first = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
    parts = first.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else ""


def resources_for(request: HttpRequest | None, limit: int | None = None) -> list[CrisisResource]:
    """Active resources, the person's country first, then those for everywhere."""
    country = request_country(request)
    resources = list(CrisisResource.objects.filter(is_active=True))

    def rank(resource: CrisisResource) -> int:
        if country and country in resource.region_codes:
            return 0
        return 1 if not resource.region_codes else 2

    resources.sort(key=rank)  # stable: staff's order within each rank
    return resources[:limit] if limit else resources
