from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    """A tiny page through the full middleware stack: the ceiling `make bench`
    compares every real page with."""
    return render(request, "bench/ceiling.html")
