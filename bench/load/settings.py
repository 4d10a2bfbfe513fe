"""Readmark's settings with the benchmark's URLconf: the product's URLs plus the reference
endpoint of bench/load/reference.py. Only bench/load/run.py's side-by-side create comparison
serves with these; the capacity run serves ``config.settings`` as ``make run`` does."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
