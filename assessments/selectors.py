"""Reads for the assessments pages: results and their access rules, interest matches."""

from dataclasses import dataclass

from django.http import Http404

from assessments.models import Result
from assessments.services import SESSION_RESULTS, pearson
from assessments.shortlist import shortlist_roles
from careers.landscape import RIASEC_AREAS
from careers.models import Occupation, Role


def result_visible(*, result_id, user, session) -> Result:
    """The result if this person may see it; 404 for everyone else.

    An owned result is visible to its owner only. An anonymous result is visible to the
    browser session that made it, until that session ends or the result is claimed.
    """
    result = Result.objects.filter(id=result_id).select_related("role").first()
    if result is None:
        raise Http404
    if result.owner_id is not None:
        if user.is_authenticated and user.id == result.owner_id:
            return result
        raise Http404
    if str(result.id) in session.get(SESSION_RESULTS, []):
        return result
    raise Http404


@dataclass(frozen=True)
class Match:
    title: str
    url: str
    correlation: float
    reasons: list[str]
    job_zone: int | None
    detail: str = ""

    @property
    def reason(self) -> str:
        """ "Investigative, Conventional and Realistic" """
        if len(self.reasons) < 2:
            return "".join(self.reasons)
        return ", ".join(self.reasons[:-1]) + " and " + self.reasons[-1]


def _reasons(person: dict[str, int], occupation: dict[str, float]) -> list[str]:
    """Areas that stand out for both the person and the occupation (above their own means)."""
    person_mean = sum(person.values()) / len(person)
    occupation_mean = sum(occupation.values()) / len(occupation)
    shared = [
        area
        for area in RIASEC_AREAS
        if person[area] > person_mean and occupation[area] > occupation_mean
    ]
    shared.sort(
        key=lambda area: -(person[area] - person_mean) * (occupation[area] - occupation_mean)
    )
    return [area.capitalize() for area in shared[:3]]


# A correlation of 0 means unrelated shapes; below this a role is not called a match.
# Occupations are listed from any positive correlation, roles only from a clear one that
# shares at least one standout area with the person.
ROLE_MATCH_MIN = 0.3


def interest_matches(
    sums: dict[str, int], *, job_zone: int | None = None, limit: int = 25
) -> tuple[list[Match], list[Match]]:
    """Occupations and roles ranked by the correlation of their O*NET interest profile with
    the person's area sums; nothing with a correlation of 0 or below is called a match.
    Two queries whatever the number of occupations."""
    person = [sums[area] for area in RIASEC_AREAS]
    fields = [f"interest_{area}" for area in RIASEC_AREAS]
    occupations = Occupation.objects.with_ratings().filter(interest_realistic__isnull=False)
    if job_zone:
        occupations = occupations.filter(job_zone=job_zone)
    scored = {}
    for code, title, zone, *scores in occupations.values_list("code", "title", "job_zone", *fields):
        correlation = pearson(person, scores)
        if correlation is not None:
            scored[code] = (correlation, title, zone, dict(zip(RIASEC_AREAS, scores, strict=True)))
    ranked = sorted(
        (item for item in scored.items() if item[1][0] > 0), key=lambda item: -item[1][0]
    )[:limit]
    occupation_matches = [
        Match(
            title=title,
            url=f"/occupations/{code}/",
            correlation=round(r, 2),
            reasons=_reasons(sums, profile),
            job_zone=zone,
        )
        for code, (r, title, zone, profile) in ranked
    ]
    roles = Role.objects.published().select_related("family", "occupation", "level")
    role_matches = []
    for role in roles:
        occupation = role.occupation
        if occupation is None or occupation.code not in scored:
            continue
        r, _, zone, profile = scored[occupation.code]
        reasons = _reasons(sums, profile)
        if r < ROLE_MATCH_MIN or not reasons:
            continue
        role_matches.append(
            Match(
                title=role.title,
                url=role.get_absolute_url(),
                correlation=round(r, 2),
                reasons=reasons,
                job_zone=zone,
                detail=f"through {occupation.title}",
            )
        )
    role_matches.sort(key=lambda match: (-match.correlation, match.title))
    return occupation_matches, role_matches[:limit]


def results_for_dashboard(user) -> dict:
    """The person's results: work-style profiles, earlier fit checks grouped by role with
    change over time, interest profiles, saved plans of a move, and their shortlist. Two
    queries."""
    results = list(Result.objects.owned_by(user).order_by("created_at"))
    by_role: dict[str, list[Result]] = {}
    for result in results:
        if result.kind == Result.Kind.FIT:
            by_role.setdefault(result.role_slug, []).append(result)
    fit_history = []
    for slug, items in by_role.items():
        rows = []
        previous = None
        for result in items:
            overall = result.outcome.get("overall")
            rows.append(
                {"result": result, "change": None if previous is None else overall - previous}
            )
            previous = overall
        fit_history.append(
            {
                "slug": slug,
                "title": items[-1].title,
                "rows": list(reversed(rows)),
                "latest": items[-1],
            }
        )
    fit_history.sort(key=lambda group: group["latest"].created_at, reverse=True)
    interests = [r for r in reversed(results) if r.kind == Result.Kind.INTEREST]
    plans = [r for r in reversed(results) if r.kind == Result.Kind.PLAN]
    profiles = [
        {"result": r, "top": _top_families(r.outcome)}
        for r in reversed(results)
        if r.kind == Result.Kind.PROFILE
    ]
    return {
        "profiles": profiles,
        "fit_history": fit_history,
        "interests": interests,
        "plans": plans,
        "count": len(results),
        "shortlist": shortlist_roles(user=user, session=None),
    }


def _top_families(outcome: dict, count: int = 3) -> list[str]:
    """The best-fitting families of a ranked profile, as "Family (band)"."""
    if not outcome.get("ranked"):
        return []
    seen: list[str] = []
    for fit in outcome["fits"]:
        if fit["family"] not in seen and not fit["conflicts"]:
            seen.append(fit["family"])
    names = outcome.get("family_names", {})
    best = {}
    for fit in outcome["fits"]:
        best.setdefault(fit["family"], fit)
    return [
        f"{names.get(slug, slug)} ({best[slug]['band_label'].lower()})" for slug in seen[:count]
    ]


def results_for_session_or_user(*, user, session):
    """The results this person can see: their account's, or this browser session's."""
    if user.is_authenticated:
        return Result.objects.filter(owner=user)
    ids = session.get(SESSION_RESULTS, []) if session.session_key else []
    return Result.objects.filter(id__in=ids, owner__isnull=True) if ids else Result.objects.none()
