"""The loaded data releases (the "Source:" beside each figure) and growth bands."""

from dataclasses import dataclass

from django.db.models import Q

from careers.landscape import GROWTH_BANDS
from careers.models import DataRelease


@dataclass(frozen=True)
class DataSources:
    """The loaded releases, for the "Source:" line beside each figure (one query)."""

    onet: DataRelease | None
    projections: DataRelease | None
    wages: DataRelease | None
    crosswalk: DataRelease | None

    @property
    def all_occupations_change(self) -> float | None:
        facts = self.projections.facts if self.projections else {}
        return (facts or {}).get("all_occupations_change_percent")


def data_sources() -> DataSources:
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
    about average is within one point of it; faster is above that and below twice the
    average; much faster is twice the average or more. The occupations page states the rule.
    """
    return {
        "declining": (None, 0.0),
        "slower": (0.0, average - 1),
        "average": (average - 1, average + 1),
        "faster": (average + 1, 2 * average),
        "much-faster": (2 * average, None),
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
    if change is None or average is None:
        return None
    for band in GROWTH_BANDS:
        low, high = growth_band_bounds(band, average)
        if (low is None or change >= low) and (high is None or change < high):
            return band
    return None
