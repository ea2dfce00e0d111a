"""The production settings, with static files collected into the benchmark's temporary folder.

Everything else is read from the environment exactly as in production; only STATIC_ROOT,
which the settings fix beside manage.py, moves, so a run leaves nothing behind.
"""

import os

from comparator.settings import *  # noqa: F403
from comparator.settings import STATIC_ROOT

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
