"""What public APIs say about a framework, read politely: the sources behind refresh_metrics.

Each `Source` is one API and one question: PyPI and pypistats, npm's registry and its download
counts, RubyGems, Packagist, Maven Central, NuGet, Hex, crates.io and the Go module proxy (each
asked only about frameworks published there), GitHub and Stack Exchange. One module per
registry says where to ask and how to read the answer; `client.py` asks (timeouts, backoff,
rate limits, ETags), `base.py` checks every figure before it is taken. An answer that is not
what the API documents is a `SourceError` whose message says what was wrong; the caller
writes nothing for that source.
"""

from frameworks.sources import (
    community,
    crates,
    goproxy,
    hexpm,
    maven,
    npm,
    nuget,
    packagist,
    pypi,
    rubygems,
)
from frameworks.sources.base import Reading, Source, read
from frameworks.sources.client import ApiClient, SourceError, seconds_from_retry_after
from frameworks.sources.pypi import normalized_project

SOURCES: tuple[Source, ...] = (
    *pypi.SOURCES,
    *community.SOURCES,
    *npm.SOURCES,
    *rubygems.SOURCES,
    *packagist.SOURCES,
    *maven.SOURCES,
    *nuget.SOURCES,
    *hexpm.SOURCES,
    *crates.SOURCES,
    *goproxy.SOURCES,
)

__all__ = [
    "SOURCES",
    "ApiClient",
    "Reading",
    "Source",
    "SourceError",
    "normalized_project",
    "read",
    "seconds_from_retry_after",
]
