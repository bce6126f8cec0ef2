from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    """A tiny page through the full middleware stack: the ceiling `make bench`
    compares every real page with."""
    return render(request, "bench/ceiling.html")


def bare(request: HttpRequest) -> HttpResponse:
    """The bare ceiling's page: "hello", as a new Django project's first view says it.
    Served without middleware (bench/bare.py); nothing else, not even a method check."""
    return HttpResponse("hello")
