"""Geometry for the server-rendered SVG charts. Templates draw; this module does the sums.

Every chart also has a data table in the page, so the SVG is a picture of numbers the reader
can get as text too.

Text never lives inside a scaled SVG: a viewBox shrinks its text with the picture (13 units
drawn 640 wide came out about 7 px on a phone). Bar charts write their labels and values as
HTML beside the bars, and the wage chart's SVG has no viewBox, so its coordinates are
percentages of the width it is drawn at and its axis text stays at the CSS size.
"""

from dataclasses import dataclass

from careers.landscape import RIASEC_AREAS

CHART_WIDTH = 640
LABEL_WIDTH = 250
BAR_HEIGHT = 22
BAR_GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    y: int
    width: float
    emphasis: bool = False
    percent: float = 0.0  # the bar's length as a percentage of the plot's full width


def interest_bars(scores: dict[str, float | None], high_point_code: str = "") -> list[Bar]:
    """Six bars on O*NET's 1–7 interest scale; the occupation's high points are emphasised."""
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, area in enumerate(RIASEC_AREAS):
        value = scores.get(area)
        if value is None:
            continue
        bars.append(
            Bar(
                label=area.capitalize(),
                value=value,
                display=f"{value:.1f}",
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round((value - 1) / 6 * plot, 1),
                emphasis=area[0].upper() in high_point_code,
                percent=round((value - 1) / 6 * 100, 1),
            )
        )
    return bars


def short_label(label: str) -> str:
    """O*NET's category labels carry explanations ("… - or the equivalent (for example,
    GED)"); the chart shows the name, the table beside it the full text."""
    return label.split(" - ")[0].split(" (")[0].strip()


def share_bars(shares: list[tuple[str, float]]) -> list[Bar]:
    """Percent bars (0–100) for education, experience and training distributions."""
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    top = max((percent for _, percent in shares), default=0)
    return [
        Bar(
            label=short_label(label),
            value=percent,
            display=f"{percent:.0f}%",
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(percent / 100 * plot, 1),
            emphasis=percent == top and top > 0,
            percent=round(percent, 1),
        )
        for index, (label, percent) in enumerate(shares)
    ]


@dataclass(frozen=True)
class WageChart:
    """Horizontal positions are percentages of the chart's width (0–100)."""

    points: list[tuple[str, str, float]]  # (label, display, x); display says "≥" if top-coded
    box_x: float | None
    box_width: float | None
    whisker_start: float | None
    whisker_end: float | None
    median_x: float | None
    axis: list[tuple[str, float]]
    hourly: bool = False


# The wage chart's margin each side, as a percentage of its width: room for half an axis
# label ("$250k") centred on the first and last ticks at phone width.
WAGE_LEFT = 7

PERCENTILE_LABELS = {"p10": "10th", "p25": "25th", "median": "Median", "p75": "75th", "p90": "90th"}


def wage_text(value, *, hourly: bool = False, top_coded: bool = False) -> str:
    """One wage figure as text: "$135,980", "$29.05", or "≥ $239,200" at OEWS's top code
    (the value stored for a top-coded percentile is the top code, a lower bound)."""
    if value is None:
        return "not available"
    text = f"${value:,.2f}" if hourly else f"${int(value):,}"
    return f"≥ {text}" if top_coded else text


def wage_chart(
    percentiles: dict[str, float | None], *, top_coded=(), hourly: bool = False
) -> WageChart | None:
    """A box-and-whisker of wage percentiles (p10, p25, median, p75, p90), annual or hourly.

    A top-coded percentile is drawn at the top code and labelled "≥", since OEWS only says
    the wage is at least that.
    """
    known = {key: float(value) for key, value in percentiles.items() if value is not None}
    if not known:
        return None
    left, right = WAGE_LEFT, 100 - WAGE_LEFT
    step = (10 if max(known.values()) <= 60 else 25) if hourly else 50_000
    ceiling = max(step, -(-max(known.values()) // step) * step)

    def x(value: float) -> float:
        return round(left + value / ceiling * (right - left), 2)

    points = [
        (
            PERCENTILE_LABELS[key],
            wage_text(value, hourly=hourly, top_coded=key in top_coded),
            x(value),
        )
        for key, value in known.items()
    ]
    box = "p25" in known and "p75" in known
    whiskers = "p10" in known and "p90" in known
    ticks = range(0, int(ceiling) + 1, step)
    return WageChart(
        points=points,
        box_x=x(known["p25"]) if box else None,
        box_width=round(x(known["p75"]) - x(known["p25"]), 2) if box else None,
        whisker_start=x(known["p10"]) if whiskers else None,
        whisker_end=x(known["p90"]) if whiskers else None,
        median_x=x(known["median"]) if "median" in known else None,
        axis=[(f"${tick}" if hourly else f"${tick // 1000}k", x(tick)) for tick in ticks],
        hourly=hourly,
    )


def chart_height(bars: list[Bar]) -> int:
    return max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
