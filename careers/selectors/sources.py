"""The loaded data releases (the "Source:" beside each figure) and growth bands."""

from dataclasses import dataclass

from django.db.models import Q

from careers.landscape import GROWTH_BANDS
from careers.models import DataRelease
from careers.versioning import per_content_version


@dataclass(frozen=True)
class DataSources:
    """The loaded releases, for the "Source:" line beside each figure (one query)."""

    onet: DataRelease | None
    projections: DataRelease | None
    wages: DataRelease | None
    crosswalk: DataRelease | None

    @property
    def wages_citation(self) -> str:
        """The wages release's citation for pay sentences ("BLS OEWS" before a load)."""
        return self.wages.citation if self.wages else "BLS OEWS"

    @property
    def all_occupations_change(self) -> float | None:
        facts = self.projections.facts if self.projections else {}
        return (facts or {}).get("all_occupations_change_percent")


@per_content_version
def data_sources() -> DataSources:
    """The data releases loaded, once per content version and process (every load and
    import raises the version)."""
    releases = {release.source: release for release in DataRelease.objects.all()}
    return DataSources(
        onet=releases.get(DataRelease.Source.ONET),
        projections=releases.get(DataRelease.Source.BLS_PROJECTIONS),
        wages=releases.get(DataRelease.Source.BLS_OEWS),
        crosswalk=releases.get(DataRelease.Source.BLS_CROSSWALK),
    )


def growth_band_bounds(band: str, average: float) -> tuple[float | None, float | None]:
    """Growth bands relative to all occupations (`average`, percent over the decade).

    A band is [low, high): declining is below 0; slower is 0 up to one point below average;
    about average is from one point below it up to (not including) one point above it;
    faster is from one point above it up to twice it; much faster is twice it or more. So
    with an average of +3.1%, +4.1% is faster than average. Bounds are rounded to the one
    decimal BLS publishes, so float sums (3.1 + 1) never shift a figure into the next band,
    and clamped at 0 so the bands never overlap when the average is small.
    """
    below, above = max(0.0, round(average - 1, 1)), max(0.0, round(average + 1, 1))
    twice = max(above, round(2 * average, 1))
    return {
        "declining": (None, 0.0),
        "slower": (0.0, below),
        "average": (below, above),
        "faster": (above, twice),
        "much-faster": (twice, None),
    }[band]


def growth_band_filter(band: str, average: float, *, field: str = "bls__change_percent") -> Q:
    """Rows whose projected change (at `field`) falls in the band."""
    low, high = growth_band_bounds(band, average)
    condition = Q(**{f"{field}__isnull": False})
    if low is not None:
        condition &= Q(**{f"{field}__gte": low})
    if high is not None:
        condition &= Q(**{f"{field}__lt": high})
    return condition


def growth_band_of(change: float | None, average: float | None) -> str | None:
    """The band key ("faster", …) of a projected change, or None without figures."""
    if change is None or average is None:
        return None
    for band in GROWTH_BANDS:
        low, high = growth_band_bounds(band, average)
        if (low is None or change >= low) and (high is None or change < high):
            return band
    return None


def growth_band_label(change: float | None, average: float | None) -> str:
    """The band in words, e.g. "faster than average"; "" without figures."""
    return GROWTH_BANDS.get(growth_band_of(change, average) or "", "").lower()


def _percent(value: float) -> str:
    return "0%" if value == 0 else f"{value:+.1f}%"


def growth_band_rule(average: float | None) -> str:
    """How the bands are drawn, with the numbers, for the note beside any banded figure."""
    if average is None:
        return ""
    parts = []
    for band, label in GROWTH_BANDS.items():
        low, high = growth_band_bounds(band, average)
        if low is not None and high is not None and low >= high:
            continue  # empty when the average is small
        if low is None:
            span = f"below {_percent(high)}"
        elif high is None:
            span = f"{_percent(low)} or more"
        else:
            span = f"{_percent(low)} to under {_percent(high)}"
        parts.append(f"{label.lower()}: {span}")
    return (
        "How we band growth, against all occupations together "
        f"({_percent(average)} over the decade): {'; '.join(parts)}."
    )
