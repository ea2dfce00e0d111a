"""Editors at work in a process of their own, for the deadlock stress test.

`python -m tests.editor_stress ROLE SECONDS` repeats one editor's kind of write, each in its
own transaction as the admin makes them, for SECONDS (and at most MAX_ROUNDS times), and
prints one JSON line: {"role", "done", "errors": [the first few messages]}.
`python -m tests.editor_stress check` prints the pages whose cached copy differs from a
fresh render (the cache is shared by every process through CACHE_URL).
"""

import json
import sys
import time

import django

MAX_ROUNDS = 2000
PAGES = (
    "/",
    "/frameworks/",
    "/frameworks/django/",
    "/frameworks/flask/",
    "/frameworks/pyramid/",
    "/frameworks/tornado/",
    "/compare/django-vs-flask/",
    "/compare/flask-vs-tornado/",
    "/compare/django-vs-pyramid/",
)


def delete_and_create(round_number):
    from django.utils import timezone

    from frameworks.models import Feature, FeatureValue, Framework, Pro

    framework = Framework.objects.create(
        name=f"Stress {round_number}",
        slug=f"stress-{round_number}",
        is_published=True,
        published_at=timezone.now(),
    )
    for feature in Feature.objects.order_by("pk")[:5]:
        FeatureValue.objects.create(framework=framework, feature=feature, text="x")
    Pro.objects.create(framework=framework, text="Fast")
    Framework.objects.get(pk=framework.pk).delete()


def rename(round_number):
    from frameworks.models import Framework

    framework = Framework.objects.get(slug="pyramid")
    framework.name = "Pyramid" if round_number % 2 else "Pyramid (renamed)"
    framework.save()


def publish(round_number):
    from frameworks import services
    from frameworks.models import Framework

    tornado = Framework.objects.filter(slug="tornado")
    action = services.publish if round_number % 2 else services.unpublish
    action(items=list(tornado))


def save_matrix(slugs):
    def save(round_number):
        from frameworks import services
        from frameworks.models import FeatureValue

        cells = []
        for slug in slugs:
            cell = (
                FeatureValue.objects.filter(framework__slug=slug, feature__kind="capability")
                .order_by("feature__slug")
                .first()
            )
            cell.note = f"Round {round_number}"
            cells.append(cell)
        services.save_matrix(cells=cells, user=None)

    return save


def read_pages(round_number):
    from django.test import Client

    client = Client()
    for page in PAGES:
        client.get(page, HTTP_HOST="localhost")


ROLES = {
    "delete": delete_and_create,
    "rename": rename,
    "publish": publish,
    "matrix-django-flask": save_matrix(["django", "flask"]),
    "matrix-flask-django": save_matrix(["flask", "django"]),
    "read": read_pages,
}


def run(role, seconds):
    from django.db import transaction

    write = ROLES[role]
    deadline = time.monotonic() + seconds
    done, errors = 0, []
    for round_number in range(MAX_ROUNDS):
        if time.monotonic() >= deadline:
            break
        try:
            with transaction.atomic():
                write(round_number)
            done += 1
        except Exception as error:  # Every failure is counted and reported, none hidden.
            errors.append(f"{type(error).__name__}: {error}"[:300])
    print(json.dumps({"role": role, "done": done, "errors": errors[:5], "failed": len(errors)}))


def stale_pages():
    from django.test import Client, override_settings

    stale = []
    for page in PAGES:
        cached = Client().get(page, HTTP_HOST="localhost")
        with override_settings(PAGE_CACHE_ENABLED=False):
            fresh = Client().get(page, HTTP_HOST="localhost")
        if (cached.status_code, cached.content) != (fresh.status_code, fresh.content):
            stale.append(page)
    print(json.dumps({"stale": stale}))


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "check":
        stale_pages()
    else:
        run(sys.argv[1], float(sys.argv[2]))
