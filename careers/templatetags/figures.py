"""Formatting for labour-market figures: money, counts, signed percentages, and the few
labels with a rule behind them (growth bands, strong outlook, OEWS wage percentiles), so
every page words them the same way.

    {% load figures %}
    {{ bls|wage:"median" }}                      $135,980 · ≥ $239,200 · $29.05 an hour
    {{ bls|wage_note }}                          why a wage reads as hourly or "≥"
    {% wage_chart_of bls as chart %}             box-and-whisker geometry (careers/charts.py)
    {{ bls.change_percent|growth_band:average }}  faster than average
    {% growth_band_rule average %}               the bands with their numbers
    {% strong_outlook_rule average %}            Truest's strong-outlook rule with its numbers

`average` is the all-occupations change, `sources.all_occupations_change` in page context.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from careers import charts
from careers.landscape import STRONG_OUTLOOK_NAME, WAGE_PERCENTILES, strong_outlook_definition
from careers.selectors.sources import growth_band_label
from careers.selectors.sources import growth_band_rule as growth_band_rule_text

register = template.Library()


@register.filter
def dollars(value) -> str:
    if value is None or value == "":
        return "not available"
    return f"${intcomma(int(value))}"


@register.filter
def count(value) -> str:
    if value is None or value == "":
        return "not available"
    return intcomma(int(value))


@register.filter
def signed_percent(value) -> str:
    if value is None or value == "":
        return "not available"
    return f"{value:+.1f}%"


@register.filter
def one_decimal(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{value:.1f}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _wage_figures(bls, percentile: str):
    """(value, hourly, top-coded) of one OEWS percentile of a BlsOccupation."""
    if bls is None or percentile not in WAGE_PERCENTILES:
        return None, False, False
    hourly = bool(bls.wage_hourly_only)
    value = getattr(bls, f"wage_hourly_{percentile}" if hourly else f"wage_{percentile}")
    return value, hourly, percentile in (bls.wage_top_coded_percentiles or [])


@register.filter
def wage(bls, percentile: str = "median") -> str:
    """One OEWS wage percentile of a BlsOccupation, worded honestly.

    `percentile` is one of p10, p25, median, p75, p90. Gives "$135,980" (annual);
    "≥ $239,200" where OEWS prints "#" (the wage is at or above its top code, and we store the
    top code, a lower bound); "$29.05 an hour" where OEWS publishes only hourly wages (actors,
    dancers, musicians…); "not available" where OEWS publishes nothing. Pair it with
    `{{ bls|wage_note }}` to say why. Usage: `{{ bls|wage:"median" }}`,
    `{{ occupation.bls|wage:"p90" }}`.
    """
    value, hourly, top_coded = _wage_figures(bls, percentile)
    text = charts.wage_text(value, hourly=hourly, top_coded=top_coded)
    return f"{text} an hour" if hourly and value is not None else text


@register.filter
def wage_note(bls) -> str:
    """The caveat that goes with `wage`: hourly-only and top-coded wages; "" if none."""
    if bls is None:
        return ""
    notes = []
    if bls.wage_hourly_only:
        notes.append(
            "OEWS publishes only hourly wages for this occupation (people in it often work "
            "fewer than 2,080 paid hours a year), so no annual figure is shown."
        )
    if bls.wage_top_coded_percentiles:
        notes.append(
            "“≥” marks a wage at or above the highest figure OEWS publishes; the true value "
            "is at least that."
        )
    return " ".join(notes)


@register.simple_tag
def wage_chart_of(bls):
    """Box-and-whisker geometry for a BlsOccupation's wages (annual, or hourly-only)."""
    if bls is None:
        return None
    prefix = "wage_hourly_" if bls.wage_hourly_only else "wage_"
    return charts.wage_chart(
        {key: getattr(bls, prefix + key) for key in WAGE_PERCENTILES},
        top_coded=bls.wage_top_coded_percentiles or [],
        hourly=bool(bls.wage_hourly_only),
    )


@register.filter
def growth_band(change, average) -> str:
    """A projected change in words against all occupations: "faster than average"; "" when
    either figure is missing. The one wording of growth (careers/selectors/sources.py)."""
    if change in (None, "") or average in (None, ""):
        return ""
    return growth_band_label(float(change), float(average))


@register.simple_tag
def growth_band_rule(average) -> str:
    """The growth bands in words with their bounds, e.g. "about average: +2.1% to under
    +4.1%"; put it beside any figure worded with `growth_band`."""
    return growth_band_rule_text(None if average in (None, "") else float(average))


@register.simple_tag
def strong_outlook_rule(average=None) -> str:
    """Truest's strong-outlook rule with its numbers; shown wherever the label appears."""
    return strong_outlook_definition(None if average in (None, "") else float(average))


@register.simple_tag
def strong_outlook_name() -> str:
    return STRONG_OUTLOOK_NAME
