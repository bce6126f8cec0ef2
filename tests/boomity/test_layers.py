"""The dependency rule tests itself: nothing of ours points up the layers.

    bench → boomity → moderation → forums → checkins → members → core

An app may use its own layer and any layer below it, never one above: not by a Python
import (function-local ones too), not by naming an upper app's page (a `{% url %}` tag,
`reverse()`, `reverse_lazy()`, `redirect()` or `resolve_url()` with a literal name, or a
hard-coded path such as "/guidelines/"), not by including or extending an upper app's
template. `templates/<app>/` (and `templates/admin/<app>/`) count as that app; every other
template (base.html, the shared partials, the allauth and staff pages) is wired up by the
project and counts as boomity. A lower app lets an upper one in through a seam that the
settings wire up (design.md), which is why a name the settings hand over is not seen here.

The checker reads files as text (Python through `ast`, templates through regular
expressions); the URL names and paths it meets are looked up in the real URLconf to find
the app that owns the page.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

ROOT = Path(settings.BASE_DIR)
# Bottom to top: an app may use the ones before it. checkins sits beside members but
# above it: a check-in belongs to a member, and members knows nothing of check-ins.
LAYERS = ("core", "members", "checkins", "forums", "moderation", "boomity", "bench")
RANK = {app: n for n, app in enumerate(LAYERS)}
TOP = "boomity"  # what the project's shared templates count as

# Deliberate exceptions, each with its reason: (file, what it points at) → why. None
# today: every lower app reaches the pages above it through the settings' seams
# (BOOMITY_HOME_URL, BOOMITY_MEMBER_PROFILE_URL, the upper apps' context processors).
EXCEPTIONS: dict[tuple[str, str], str] = {}

URL_CALLS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
IMPORT_CALLS = {"import_module", "import_string", "include"}
URL_TAG = re.compile(r"""\{%-?\s*url\s+(['"])(?P<name>[^'"]+)\1""")
TEMPLATE_TAG = re.compile(r"""\{%-?\s*(?:include|extends)\s+(['"])(?P<name>[^'"]+)\1""")
TEMPLATE_PATH = re.compile(
    r"""(?:href|action|src|formaction)\s*=\s*(['"])(?P<path>/[^'"{}\s?#]*)"""
)
LOOKS_LIKE_PATH = re.compile(r"/(?:[\w\-.]+/)*[\w\-.]*")


@dataclass(frozen=True)
class Violation:
    file: str
    line: int
    points_at: str  # a module, a URL name, a path or a template
    upper: str  # the app it belongs to

    def __str__(self) -> str:
        return f"{self.file}:{self.line} uses {self.points_at!r}, which is in {self.upper}"


# --- Who owns what ------------------------------------------------------------------------


def app_of_module(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in RANK else None


def app_of_file(relative: str) -> str | None:
    """The app a source file belongs to, or None if it isn't ours (tests, manage.py)."""
    parts = Path(relative).parts
    if parts[0] == "templates":
        if len(parts) > 2 and parts[1] in RANK:
            return parts[1]
        if len(parts) > 3 and parts[1] == "admin" and parts[2] in RANK:
            return parts[2]
        return TOP
    if len(parts) > 2 and parts[1] == "templates":
        return parts[0] if parts[0] in RANK else None
    return parts[0] if parts[0] in RANK and len(parts) > 1 else None


def app_of_template(name: str) -> str | None:
    """The app whose template this is; None for the shared ones anyone may use."""
    parts = name.split("/")
    if len(parts) > 1 and parts[0] in RANK:
        return parts[0]
    if len(parts) > 2 and parts[0] == "admin" and parts[1] in RANK:
        return parts[1]
    return None


def _owner(callback) -> str | None:
    return app_of_module(getattr(callback, "__module__", "") or "")


@cache
def url_owners() -> dict[str, str]:
    """{URL name: the app whose view serves it}, for every named page of ours."""
    owners: dict[str, str] = {}

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                owner = _owner(pattern.callback)
                if owner:
                    owners[f"{prefix}{pattern.name}"] = owner

    walk(get_resolver().url_patterns, "")
    return owners


def app_of_url_name(name: str) -> str | None:
    if name.startswith("admin:"):
        # The admin's pages for a model ("admin:forums_thread_change") are that app's.
        label = name.removeprefix("admin:").split("_")[0]
        if label in RANK:
            return label
    return url_owners().get(name)


def app_of_path(path: str) -> str | None:
    if path == "/" or not LOOKS_LIKE_PATH.fullmatch(path):
        return None  # "/" alone is too common a string ("a/b".split("/")) to read as a page
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return _owner(match.func)


# --- Reading files ------------------------------------------------------------------------


def _module_name(relative: str) -> str:
    parts = list(Path(relative).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if not node.level:
        return [node.module or ""]
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    prefix = ".".join(base + ([node.module] if node.module else []))
    return [prefix] if node.module else [f"{prefix}.{alias.name}" for alias in node.names]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings or bare expressions."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def python_uses(source: str, relative: str) -> list[tuple[int, str, str]]:
    """(line, what, app) for everything of ours this Python source points at."""
    tree = ast.parse(source)
    module = _module_name(relative)
    is_package = relative.endswith("__init__.py")
    found: list[tuple[int, str, str]] = []

    def note(node: ast.AST, what: str, app: str | None) -> None:
        if app:
            found.append((node.lineno, what, app))

    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                note(node, alias.name, app_of_module(alias.name))
        elif isinstance(node, ast.ImportFrom):
            for name in _imported(node, module, is_package):
                note(node, name, app_of_module(name))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            named = [k.value for k in node.keywords if k.arg in ("viewname", "to", "name")]
            first = node.args[0] if node.args else (named[0] if named else None)
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if called in URL_CALLS:
                note(node, first.value, app_of_url_name(first.value))
            elif called in IMPORT_CALLS:
                note(node, first.value, app_of_module(first.value))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("/")
            and id(node) not in skip
        ):
            note(node, node.value, app_of_path(node.value))
    return found


def template_uses(source: str) -> list[tuple[int, str, str]]:
    """(line, what, app) for every page and template of ours this template points at."""
    found: list[tuple[int, str, str]] = []
    for number, line in enumerate(source.splitlines(), start=1):
        for match in URL_TAG.finditer(line):
            if app := app_of_url_name(match["name"]):
                found.append((number, match["name"], app))
        for match in TEMPLATE_TAG.finditer(line):
            if app := app_of_template(match["name"]):
                found.append((number, match["name"], app))
        for match in TEMPLATE_PATH.finditer(line):
            if app := app_of_path(match["path"]):
                found.append((number, match["path"], app))
    return found


def violations_in(source: str, relative: str) -> list[Violation]:
    """What in this file (named relative to the project) points up the layers."""
    app = app_of_file(relative)
    if app is None:
        return []
    uses = python_uses(source, relative) if relative.endswith(".py") else template_uses(source)
    return [
        Violation(relative, line, what, upper)
        for line, what, upper in uses
        if RANK[upper] > RANK[app]
    ]


def project_files() -> list[str]:
    files = []
    for app in RANK:
        files += [p for p in (ROOT / app).rglob("*.py")]
        files += [p for p in (ROOT / app / "templates").rglob("*") if p.is_file()]
    files += [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    return sorted(str(p.relative_to(ROOT)) for p in files if "__pycache__" not in p.parts)


def all_violations() -> list[Violation]:
    return [
        v
        for relative in project_files()
        for v in violations_in((ROOT / relative).read_text(encoding="utf-8"), relative)
    ]


# --- The tests ----------------------------------------------------------------------------


def test_nothing_points_up_the_layers():
    found = [v for v in all_violations() if (v.file, v.points_at) not in EXCEPTIONS]
    assert not found, "Upward dependencies (see design.md):\n" + "\n".join(map(str, found))


def test_every_exception_is_still_needed():
    used = {(v.file, v.points_at) for v in all_violations()}
    assert not set(EXCEPTIONS) - used, "Exceptions nothing needs any more: remove them."


def test_every_app_of_ours_has_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert {"core", "members", "forums", "moderation", "boomity"} <= apps
    assert apps <= set(LAYERS), f"Give these apps a place in LAYERS: {apps - set(LAYERS)}"


def test_the_checker_reads_every_app():
    files = project_files()
    for app in ("core", "members", "forums", "moderation", "boomity"):
        assert any(f.startswith(f"{app}/") for f in files), app
    assert "templates/base.html" in files
    assert "templates/forums/_post.html" in files


# Each example the issue named, as it stood, and a few of each other kind: the checker
# must report every one of them if it came back.
CAUGHT = [
    (
        "templates/members/goodbye.html",
        """<p><a href="{% url 'moderation:help' %}">these services</a></p>""",
        "moderation:help",
    ),
    (
        "templates/members/two_step_needed.html",
        """<a href="{% url "forums:home" %}">Not now</a>""",
        "forums:home",
    ),
    (
        "members/models/profiles.py",
        "from django.urls import reverse\n"
        "def profile_url(name):\n"
        "    return reverse('forums:member-profile', args=[name])\n",
        "forums:member-profile",
    ),
    (
        "templates/forums/_post.html",
        """<a href="{% url 'moderation:flag-post' post.pk %}">Flag</a>""",
        "moderation:flag-post",
    ),
    # The "/guidelines/" was boomity's page then; members serves it now (its
    # settings live there), so moderation may name it. A path of boomity's still counts:
    (
        "moderation/actions.py",
        "def warn(member):\n    notify(member, url='/staff/health/')\n",
        "/staff/health/",
    ),
    ("members/views.py", "def f():\n    return redirect('forums:home')\n", "forums:home"),
    ("forums/views.py", "x = reverse_lazy('moderation:help')\n", "moderation:help"),
    ("forums/views.py", "x = reverse(viewname='moderation:help')\n", "moderation:help"),
    ("core/markup.py", "import members.models\n", "members.models"),
    ("members/tasks.py", "def send():\n    from forums.models import Post\n", "forums.models"),
    ("members/models/profiles.py", "from ...forums import models\n", "forums"),
    (
        "forums/screening.py",
        "x = import_string('moderation.screening.X')\n",
        "moderation.screening.X",
    ),
    (
        "members/views.py",
        "def f():\n    return resolve_url('moderation:help')\n",
        "moderation:help",
    ),
    (
        "forums/views.py",
        "from boomity.figures.figure import SMALL_CELL\n",
        "boomity.figures.figure",
    ),
    ("boomity/urls.py", "urlpatterns = [path('', include('bench.urls'))]\n", "bench.urls"),
    (
        "templates/members/directory.html",
        """{% include "forums/_thread_row.html" %}""",
        "forums/_thread_row.html",
    ),
    (
        "templates/forums/home.html",
        """{% extends "moderation/help.html" %}""",
        "moderation/help.html",
    ),
    ("templates/forums/home.html", """<a href="/help/">help</a>""", "/help/"),
    (
        "templates/admin/members/x.html",
        """{% url 'admin:forums_thread_changelist' %}""",
        "admin:forums_thread_changelist",
    ),
]


@pytest.mark.parametrize(("file", "source", "points_at"), CAUGHT)
def test_the_checker_catches(file, source, points_at):
    found = violations_in(source, file)
    assert [v.points_at for v in found] == [points_at]


ALLOWED = [
    ("forums/models.py", "from members.models import User\n"),
    ("moderation/actions.py", "from forums import actions\nreverse('members:guidelines')\n"),
    ("boomity/urls.py", "from moderation import views\nredirect('forums:home')\n"),
    ("members/forms.py", "from .models import User\nfrom core.markup import render_markdown\n"),
    ("members/models/profiles.py", "'''Lives at /members/<name>/, served by forums.'''\n"),
    (
        "templates/members/directory.html",
        """{% extends "base.html" %}{% include "_pagination.html" %}""",
    ),
    ("templates/forums/home.html", """{% include "members/_badge.html" %}"""),
    ("templates/base.html", """{% url 'moderation:help' %}{% url 'forums:home' %}"""),
    ("tests/conftest.py", "from boomity.settings import BASE_DIR\n"),
    ("members/views.py", "redirect('account_login')\nreverse('no-such:page')\n"),
]


@pytest.mark.parametrize(("file", "source"), ALLOWED)
def test_the_checker_lets_downward_uses_be(file, source):
    assert violations_in(source, file) == []
