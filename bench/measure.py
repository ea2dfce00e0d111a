"""In-process measurements: SQL queries per page and render times, with the page cache off.

Run by bench/run.py in a subprocess whose environment names the benchmark's database and
settings; prints one JSON object. Each page is requested once before it is measured, so
one-time work (template compilation, first connection) is not counted.

    python -m bench.measure --queries /compare/a-vs-b/ … --render /compare/…/ --renders 7
"""

import argparse
import json
import os
import statistics
import sys
import time


def measure(paths, render_paths, renders):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1").split(",")[0]
    # A page that fails is measured as its 500, not a traceback that ends the benchmark.
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    result = {"queries": {}, "render_ms": {}}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        result["queries"][path] = {"status": response.status_code, "count": len(queries)}
    for path in render_paths:
        first = timed_get(client, path)
        times = [timed_get(client, path) for _ in range(renders)]
        result["render_ms"][path] = {
            "first": first,
            "median": statistics.median(times),
            "all": times,
        }
    return result


def timed_get(client, path):
    started = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - started) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", nargs="*", default=[], metavar="PATH")
    parser.add_argument("--render", nargs="*", default=[], metavar="PATH")
    parser.add_argument("--renders", type=int, default=7)
    args = parser.parse_args(argv)

    os.environ["PAGE_CACHE_ENABLED"] = "0"
    import django

    django.setup()
    json.dump(measure(args.queries, args.render, args.renders), sys.stdout)
    print()


if __name__ == "__main__":
    main()
