from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def guidelines(request: HttpRequest) -> HttpResponse:
    request.indexable = True
    return render(request, "boomity/guidelines.html")


@require_GET
def bench_ceiling(request: HttpRequest) -> HttpResponse:
    """A tiny page through the full middleware stack: the ceiling `make bench`
    compares every real page with. Routed only when BOOMITY_BENCH is on."""
    return render(request, "boomity/bench_ceiling.html")


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: it may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
