"""Metric charts drawn on the server: the SVG geometry that templates/frameworks/_chart.html prints.

No JavaScript and no inline styles: the template writes these coordinates into `<svg>`
elements whose colours come from classes in the site's stylesheet, so the pictures follow
the light and dark themes and pass a strict Content-Security-Policy. Each chart also carries
its numbers as table rows, for screen readers and for anyone who prefers figures.
"""

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

# Drawn at about the width of a phone's column (390 px less the page's margins), so that
# text set at 13 px in the stylesheet is still 13 px there; wider screens scale it up a
# little (the stylesheet caps the width).
WIDTH = 360
LEFT = 44
RIGHT = 76
TOP = 16
BOTTOM = 32
PLOT_HEIGHT = 180
LABEL_MIN_GAP = 16
SERIES_STYLES = 4
# Bars: the name and the number on a line of text, the bar under it across the width.
BAR_TEXT = 16
BAR_ROW = 44
MOST_DATE_TICKS = 6
DAY_TICKS = 5


@dataclass(frozen=True)
class Reading:
    """One measured number: what the template shows in the chart's table."""

    series: str
    as_of: date
    value: int
    value_label: str
    source_url: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Line:
    name: str
    css_class: str
    points: str
    markers: tuple[Marker, ...]
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Bar:
    name: str
    css_class: str
    y: float
    width: float
    label_y: float
    value_label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "bars" when every series has one reading, "lines" for trends
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: float
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    bars: tuple[Bar, ...]
    readings: tuple[Reading, ...]
    missing: tuple[str, ...] = ()  # compared frameworks with no reading: named, not dropped
    # Sentences under the chart: who counted the figures, which registry publishes none.
    notes: tuple[str, ...] = ()

    @property
    def missing_names(self):
        return ", ".join(self.missing)

    @property
    def point_count(self):
        return len(self.readings)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(day):
    """ "1 Nov 2026": short, unambiguous in every locale's reading (Django's "j M Y")."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def human_month(day):
    """ "Nov 2026" (Django's "M Y")."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def nice_ceiling(value):
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def short_number(value):
    """Axis labels: 1,500 → "1.5k", 2,000,000 → "2M"."""
    for size, suffix in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")):
        if value >= size:
            text = f"{value / size:.1f}".removesuffix(".0")
            return f"{text}{suffix}"
    return f"{value:g}"


def spread_labels(positions, *, gap=LABEL_MIN_GAP):
    """Move end-of-line labels apart vertically so that none overlap; keeps their order."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = list(positions)
    previous = None
    for index in order:
        if previous is not None and placed[index] - previous < gap:
            placed[index] = previous + gap
        previous = placed[index]
    return placed


def build_chart(*, chart_id, title, series):
    """A chart of one metric: `series` maps a name to its readings, oldest first.

    Series without a reading are not drawn but named in `missing`, so a reader of a chart
    over four frameworks knows why it shows two.
    """
    missing = tuple(name for name, readings in series.items() if not readings)
    series = {name: readings for name, readings in series.items() if readings}
    readings = tuple(reading for values in series.values() for reading in values)
    description = "; ".join(
        f"{name}: {values[-1].value_label} on {human_date(values[-1].as_of)}"
        for name, values in series.items()
    )
    if missing:
        description += f"; no data for {', '.join(missing)}"
    if all(len(values) == 1 for values in series.values()):
        chart = _bar_chart(chart_id, title, description, series, readings)
    else:
        chart = _line_chart(chart_id, title, description, series, readings)
    return replace(chart, missing=missing)


def _series_class(index):
    return f"series-{index % SERIES_STYLES}"


def _bar_chart(chart_id, title, description, series, readings):
    """One reading per framework: a row each, its name and number above a bar whose length
    is the number against the largest (bars start at zero, so lengths compare honestly)."""
    top_value = max(reading.value for reading in readings) or 1
    bars = []
    for index, (name, values) in enumerate(series.items()):
        reading = values[-1]
        y = index * BAR_ROW + BAR_TEXT + 4
        bars.append(
            Bar(
                name=name,
                css_class=_series_class(index),
                y=y,
                width=max(round(WIDTH * reading.value / top_value, 1), 2),
                label_y=y - 5,
                value_label=reading.value_label,
            )
        )
    height = len(bars) * BAR_ROW
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        kind="bars",
        width=WIDTH,
        height=height,
        plot_left=0,
        plot_right=WIDTH,
        plot_bottom=height,
        y_ticks=(),
        x_ticks=(),
        lines=(),
        bars=tuple(bars),
        readings=readings,
    )


def year_label(day):
    return str(day.year)


def date_ticks(first, last):
    """The dates to label on a time axis, with their labels: years, months or days by span.

    Hand-typed figures are years apart; refreshed ones are a week apart, so a chart of the
    last two months needs days on its axis, not an empty one waiting for the next January.
    """
    span = (last - first).days
    if span > 3 * 365:
        days = [date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]
        label = year_label
    elif span > 62:
        days = []
        month = date(first.year, first.month, 1)
        while month <= last:
            if month > first:
                days.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        label = human_month
    else:
        count = min(span + 1, DAY_TICKS)
        days = [first + timedelta(days=round(span * i / max(count - 1, 1))) for i in range(count)]
        label = human_date
    stride = max(1, math.ceil(len(days) / MOST_DATE_TICKS))
    return [(day, label(day)) for day in days[::stride]]


def _line_chart(chart_id, title, description, series, readings):
    top_value = nice_ceiling(max(reading.value for reading in readings))
    first = min(reading.as_of for reading in readings).toordinal()
    last = max(reading.as_of for reading in readings).toordinal()
    span = max(last - first, 1)
    plot_width = WIDTH - LEFT - RIGHT
    bottom = TOP + PLOT_HEIGHT

    def x_of(day):
        return round(LEFT + plot_width * (day.toordinal() - first) / span, 1)

    def y_of(value):
        return round(bottom - PLOT_HEIGHT * value / top_value, 1)

    shapes = []
    for index, (name, values) in enumerate(series.items()):
        markers = tuple(
            Marker(
                x=x_of(reading.as_of),
                y=y_of(reading.value),
                title=f"{name}, {human_date(reading.as_of)}: {reading.value_label}",
            )
            for reading in values
        )
        shapes.append((name, _series_class(index), markers))
    label_ys = spread_labels([markers[-1].y for _, _, markers in shapes])
    lines = tuple(
        Line(
            name=name,
            css_class=css_class,
            points=" ".join(f"{marker.x},{marker.y}" for marker in markers),
            markers=markers,
            label_x=markers[-1].x + 8,
            label_y=label_y + 4,
        )
        for (name, css_class, markers), label_y in zip(shapes, label_ys, strict=True)
    )
    y_ticks = tuple(
        Tick(position=y_of(top_value * step / 4), label=short_number(top_value * step / 4))
        for step in range(5)
    )
    x_ticks = tuple(
        Tick(position=x_of(day), label=label)
        for day, label in date_ticks(date.fromordinal(first), date.fromordinal(last))
    )
    height = bottom + BOTTOM
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        kind="lines",
        width=WIDTH,
        height=height,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=bottom,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        lines=lines,
        bars=(),
        readings=readings,
    )


# --- Support profiles: how many capabilities each framework has built in, partly, …

PROFILE_ROW = 46
PROFILE_TEXT = 16


@dataclass(frozen=True)
class Segment:
    css_class: str
    x: float
    width: float
    title: str


@dataclass(frozen=True)
class ProfileBar:
    name: str
    y: float
    label_y: float
    summary: str  # "14 built in, 2 partial, 1 via extension, 2 missing"
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ProfileChart:
    width: int
    height: int
    description: str
    bars: tuple[ProfileBar, ...]
    capability_count: int


def build_profile_chart(*, counts, levels):
    """Stacked bars of capability counts: `counts` maps a framework's name to
    {level: count}; `levels` is [(level, css class, words), …] in the order drawn."""
    total = max((sum(by_level.values()) for by_level in counts.values()), default=0)
    bars = []
    for index, (name, by_level) in enumerate(counts.items()):
        y = index * PROFILE_ROW + PROFILE_TEXT + 4
        x = 0.0
        segments = []
        words = []
        for level, css_class, label in levels:
            count = by_level.get(level, 0)
            if not count:
                continue
            width = round(WIDTH * count / total, 1)
            segments.append(Segment(css_class, round(x, 1), width, f"{name}: {count} {label}"))
            words.append(f"{count} {label}")
            x += width
        bars.append(
            ProfileBar(
                name=name,
                y=y,
                label_y=y - 5,
                summary=", ".join(words) or "nothing known",
                segments=tuple(segments),
            )
        )
    description = "; ".join(f"{bar.name}: {bar.summary}" for bar in bars)
    return ProfileChart(
        width=WIDTH,
        height=len(bars) * PROFILE_ROW,
        description=f"Out of {total} capabilities. {description}.",
        bars=tuple(bars),
        capability_count=total,
    )
