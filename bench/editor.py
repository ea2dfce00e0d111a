"""The soak's editor: saves one comparison cell through the ORM once a second, then stops.

Runs as its own process on the soak's database and settings, so each save goes through the
model's signals and bumps the content revision exactly as an admin save would. Prints one
JSON object: how many edits were saved and how many failed.

    python -m bench.editor --seconds 60 --framework demo-0001 --feature demo-feature-0001
"""

import argparse
import json
import sys
import time

MARKER = "Soak edit"


def marker(number):
    return f"{MARKER} {number:05d}"


def edit(*, framework, feature, seconds, interval):
    from frameworks.models import FeatureValue

    value = FeatureValue.objects.get(framework__slug=framework, feature__slug=feature)
    edits, failures = 0, []
    started = time.monotonic()
    for tick in range(1, int(seconds / interval) + 1):
        value.text = marker(tick)
        try:
            value.save(update_fields=["text"])
            edits += 1
        except Exception as error:  # Reported, not raised: the soak counts failed saves.
            failures.append(repr(error))
        time.sleep(max(0.0, started + tick * interval - time.monotonic()))
    return {"edits": edits, "last": edits and marker(edits), "failures": failures}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--framework", required=True)
    parser.add_argument("--feature", required=True)
    args = parser.parse_args(argv)

    import django

    django.setup()
    result = edit(
        framework=args.framework,
        feature=args.feature,
        seconds=args.seconds,
        interval=args.interval,
    )
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
