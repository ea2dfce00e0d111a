"""Go modules: the latest version of a module and its day, from the module proxy
(`{GO_PROXY_URL}/<module>/@latest`, https://go.dev/ref/mod#goproxy-protocol): `Version`, and
`Time` when the proxy gives it.

The module path is case-encoded as the protocol says (each capital letter becomes “!” and the
small letter: github.com/BurntSushi/toml → github.com/!burnt!sushi/toml). The Go module proxy
publishes no download counts: this source writes the release row only, and says so.
"""

import re
from urllib.parse import quote

from frameworks.models import MetricSource, PackageRegistry
from frameworks.sources.base import Source, base, day_of, version
from frameworks.sources.client import SourceError

GO_PAGE = "https://pkg.go.dev/{}"
MODULE_PATH = re.compile(r"[A-Za-z0-9.~_-]+(/[A-Za-z0-9.~_+-]+)*")


def escaped_path(module: str) -> str:
    if not MODULE_PATH.fullmatch(module) or module.startswith(("/", ".")):
        raise SourceError(f"“{module}” is not a module path")
    return re.sub(r"[A-Z]", lambda capital: f"!{capital.group().lower()}", module)


def parse_goproxy(data: dict) -> dict:
    time = data.get("Time")
    latest = version(data, "Version")
    return {"version": latest, "released_on": day_of(time, "Time") if time else None}


SOURCES = (
    Source(
        key=MetricSource.GO,
        name_field="package_name",
        registry=PackageRegistry.GO,
        parse=parse_goproxy,
        figures=("version", "released_on"),
        url=lambda module: (
            f"{base('GO_PROXY_URL')}/{quote(escaped_path(module), safe='/!')}/@latest"
        ),
        page=GO_PAGE.format,
    ),
)
