"""Reads for the assessments pages: results and their access rules, interest matches."""

from dataclasses import dataclass

from django.http import Http404

from assessments.models import Result
from assessments.services import SESSION_RESULTS, pearson
from assessments.shortlist import shortlist_roles
from careers.landscape import JOB_ZONES, RIASEC_AREAS
from careers.models import Occupation, Role


def result_visible(*, result_id, user, session, deleted: bool = False) -> Result:
    """The result if this person may see it; 404 for everyone else.

    An owned result is visible to its owner only. An anonymous result is visible to the
    browser session that made it, until that session ends or the result is claimed.
    With deleted=True, only a deleted result (to undo its deletion) is found.
    """
    results = Result.all_objects.filter(deleted_at__isnull=False) if deleted else Result.objects
    result = results.filter(id=result_id).select_related("role").first()
    if result is None:
        raise Http404
    if result.owner_id is not None:
        if user.is_authenticated and user.id == result.owner_id:
            return result
        raise Http404
    if str(result.id) in session.get(SESSION_RESULTS, []):
        return result
    raise Http404


# Fit in words. A fit is the correlation between the shape of the person's six area scores
# and the shape of the work's six O*NET interest scores: 1 is the same shape, 0 unrelated,
# below 0 opposite. This table is the only place the cut-offs live; it names every fit on
# the result page, for roles and occupations alike. Below its last cut-off nothing is
# listed, so nothing unrelated (and nothing at zero or below) is ever called a match.
INTEREST_FITS: tuple[tuple[float, str, str], ...] = (
    (0.75, "best", "Best fit"),
    (0.5, "good", "Good fit"),
    (0.3, "some", "Some fit"),
)
INTEREST_FIT_MIN = INTEREST_FITS[-1][0]


def interest_fit(correlation: float) -> tuple[str, str] | None:
    """("best", "Best fit") …, or None: not a match."""
    for cut_off, key, label in INTEREST_FITS:
        if correlation >= cut_off:
            return key, label
    return None


# How much preparation a rung of a ladder usually takes, as a range of O*NET Job Zones
# (1 little or none … 5 extensive). The occupation's Job Zone describes the work as a whole,
# not the rung, so a role's range comes from its level's band (careers/catalog/levels.toml):
# - band 1–2 (junior, mid-level): zones 3–4, medium to considerable preparation — training
#   or a degree, and up to a few years of related work;
# - band 3 and up (senior, staff, principal and every management rung): zones 4–5,
#   considerable to extensive — a degree or equivalent and several years of related work,
#   often many.
# A role is within the preparation a person is open to when its range starts at or below
# it: under "up to medium preparation" only junior and mid-level rungs appear, never a
# senior, staff or management one.
RUNG_PREPARATION: dict[str, tuple[int, int]] = {"early": (3, 4), "experienced": (4, 5)}
EXPERIENCED_BAND = 3


def rung_preparation(band: int) -> tuple[int, int]:
    return RUNG_PREPARATION["experienced" if band >= EXPERIENCED_BAND else "early"]


def preparation_words(low: int, high: int | None = None) -> str:
    """ "Medium preparation", "Medium to considerable preparation" (JOB_ZONES' names)."""
    if high is None or high == low:
        return JOB_ZONES[low][0]
    return f"{JOB_ZONES[low][0].removesuffix(' preparation')} to {JOB_ZONES[high][0].lower()}"


# The preparation choice on the result page, phrased for people: each is a ceiling.
PREPARATION_CHOICES: dict[int, str] = {
    1: "Little or none: a few days of training",
    2: "Up to some: months of learning on the job",
    3: "Up to medium: vocational training or apprenticeship",
    4: "Up to considerable: a degree or equal experience",
    5: "Up to extensive: a graduate degree or long training",
}

# Each area in our own words: what it means in work.
INTEREST_AREA_MEANINGS: dict[str, str] = {
    "realistic": (
        "Hands-on work with tools, machines, plants or animals: building, fixing, growing "
        "and moving real things, often on your feet."
    ),
    "investigative": (
        "Figuring out how things work: analysing, testing ideas and researching a question "
        "until the answer holds up."
    ),
    "artistic": (
        "Making something that expresses an idea: writing, designing, drawing, performing "
        "or composing, where there is no single right answer."
    ),
    "social": (
        "Helping people directly: teaching, caring for, coaching or advising them, so that "
        "the result is someone else doing better."
    ),
    "enterprising": (
        "Persuading and leading: pitching an idea, running a project or a business, "
        "negotiating and making decisions that carry some risk."
    ),
    "conventional": (
        "Keeping things in order: records, numbers, schedules and procedures, where "
        "accuracy and a clear system matter."
    ),
}


def _joined(names: list[str]) -> str:
    """ "Investigative, Conventional and Realistic" """
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Match:
    title: str
    url: str
    correlation: float
    reasons: list[str]
    job_zone: int | None
    preparation: str = ""  # in words: "Medium to considerable preparation"
    detail: str = ""
    level: str = ""

    @property
    def reason(self) -> str:
        return _joined(self.reasons)

    @property
    def fit(self) -> str:
        return interest_fit(self.correlation)[0]

    @property
    def fit_label(self) -> str:
        return interest_fit(self.correlation)[1]


@dataclass(frozen=True)
class FamilyMatch:
    """One kind of work: its best-fitting rung within the preparation chosen, and the other
    rungs within it (lowest first)."""

    name: str
    best: Match
    others: list[Match]


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


def interest_matches(
    sums: dict[str, int], *, job_zone: int | None = None, limit: int = 25
) -> tuple[list[Match], list[FamilyMatch]]:
    """Occupations, and job families (one entry each), ranked by the correlation of their
    O*NET interest profile with the person's area sums. Only a fit (INTEREST_FITS) that
    shares at least one standout area with the person is listed. `job_zone` is the most
    preparation the person is open to: occupations at or below that Job Zone, roles whose
    rung (RUNG_PREPARATION) starts at or below it. Two queries whatever the number of
    occupations."""
    person = [sums[area] for area in RIASEC_AREAS]
    fields = [f"interest_{area}" for area in RIASEC_AREAS]
    occupations = Occupation.objects.with_ratings().filter(interest_realistic__isnull=False)
    scored = {}
    for code, title, zone, *scores in occupations.values_list("code", "title", "job_zone", *fields):
        correlation = pearson(person, scores)
        if correlation is not None:
            profile = dict(zip(RIASEC_AREAS, scores, strict=True))
            scored[code] = (correlation, title, zone, profile, _reasons(sums, profile))
    ranked = sorted(
        (
            (code, row)
            for code, row in scored.items()
            if row[0] >= INTEREST_FIT_MIN
            and row[4]
            and (job_zone is None or (row[2] is not None and row[2] <= job_zone))
        ),
        key=lambda item: (-item[1][0], item[1][1]),
    )[:limit]
    occupation_matches = [
        Match(
            title=title,
            url=f"/occupations/{code}/",
            correlation=round(r, 2),
            reasons=reasons,
            job_zone=zone,
            preparation=preparation_words(zone) if zone else "",
        )
        for code, (r, title, zone, _profile, reasons) in ranked
    ]
    rungs: dict[int, list[tuple[Role, Match]]] = {}
    roles = Role.objects.published().select_related("family", "occupation", "level")
    for role in roles:
        occupation = role.occupation
        if occupation is None or occupation.code not in scored:
            continue
        r, _title, zone, _profile, reasons = scored[occupation.code]
        low, high = rung_preparation(role.level.band)
        if r < INTEREST_FIT_MIN or not reasons or (job_zone is not None and low > job_zone):
            continue
        match = Match(
            title=role.title,
            url=role.get_absolute_url(),
            correlation=round(r, 2),
            reasons=reasons,
            job_zone=zone,
            preparation=preparation_words(low, high),
            detail=occupation.title,
            level=role.level.name,
        )
        rungs.setdefault(role.family_id, []).append((role, match))
    families = []
    for entries in rungs.values():
        # Lowest rung first: the individual-contributor ladder, then management.
        entries.sort(key=lambda entry: (entry[0].level.band, entry[0].level.track))
        best_role, best = max(entries, key=lambda entry: entry[1].correlation)  # first of ties
        families.append(
            FamilyMatch(
                name=best_role.family.name,
                best=best,
                others=[match for _role, match in entries if match is not best],
            )
        )
    families.sort(key=lambda family: (-family.best.correlation, family.name))
    return occupation_matches, families[:limit]


def interest_areas(outcome: dict) -> dict:
    """The result's six areas in words: the top areas first, each with what it means in
    work, and the three-letter code explained."""
    sums = outcome["sums"]
    areas = [
        {
            "key": area,
            "name": area.capitalize(),
            "score": sums[area],
            "meaning": INTEREST_AREA_MEANINGS[area],
            "top": area in outcome["top_areas"],
        }
        for area in RIASEC_AREAS
    ]
    by_key = {area["key"]: area for area in areas}
    top = [by_key[key] for key in outcome["top_areas"]]
    code = outcome["code"]
    explained = ""
    if code:
        explained = (
            f"Your code, {code}, is the first letters of your three strongest areas, "
            f"strongest first ({_joined([area['name'] for area in top])}): O*NET sums up "
            "the interests of every occupation with a code made the same way."
        )
        third = top[-1]["score"]
        tied = [a["name"] for a in areas if not a["top"] and a["score"] == third]
        if tied:
            explained += (
                f" {_joined(tied)} scored the same as {top[-1]['name']}, so "
                f"{'its letter' if len(tied) == 1 else 'their letters'} could stand third "
                "as well."
            )
    return {"areas": areas, "top_areas": top, "code_explained": explained}


def results_for_dashboard(user) -> dict:
    """The person's results: work-style profiles, earlier fit checks grouped by role with
    change over time, interest profiles, saved plans of a move, what they deleted recently
    (to undo), and their shortlist. Two queries."""
    everything = list(Result.all_objects.owned_by(user).order_by("created_at"))
    results = [result for result in everything if result.deleted_at is None]
    deleted = sorted(
        (result for result in everything if result.deleted_at is not None),
        key=lambda result: result.deleted_at,
        reverse=True,
    )
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
        "deleted": deleted,
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
