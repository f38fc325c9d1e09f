"""How a role's figures relate to the role, and which comparisons between roles mean
something.

A role shows the BLS figures of its primary O*NET occupation. Those figures can describe
much more than the role: BLS publishes some codes for a group of O*NET occupations, or as
an "all other" remainder, and some roles are tied to their occupation by an editor's
judgement rather than by a title O*NET lists. Every sentence that puts a figure beside a
role, or two roles' figures side by side, is built from a `FigureBasis` here, so the
caveats are written once.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from careers.models import (
    AlternateTitle,
    BlsOccupation,
    Occupation,
    OccupationMatch,
    ReportedTitle,
    Role,
)


def occupation_title_source(*, occupation: Occupation, title: str) -> str | None:
    """Which O*NET list names `title` for the occupation ("alternate title" or "reported
    title"), or None when neither does. Case is ignored."""
    if AlternateTitle.objects.filter(occupation=occupation, title__iexact=title).exists():
        return "alternate title"
    if ReportedTitle.objects.filter(occupation=occupation, title__iexact=title).exists():
        return "reported title"
    return None


def occupation_link_problems(
    *, occupation: Occupation | None, match: str, title: str, reason: str, names: list[str]
) -> list[str]:
    """What is wrong with the evidence for tying a role (known by `names`: its title and
    aliases) to an occupation. The catalog loader and admin both apply it."""
    if occupation is None:
        return ["choose an occupation"]
    if match == OccupationMatch.CLOSEST:
        return [] if reason.strip() else ["a closest match needs a one-sentence reason"]
    if match != OccupationMatch.TITLED:
        return ["say whether the match is titled or closest"]
    if title.strip().lower() not in {name.strip().lower() for name in names}:
        return [f"“{title}” is neither the role's title nor one of its aliases"]
    if occupation_title_source(occupation=occupation, title=title) is None:
        return [
            f"O*NET lists no title “{title}” for {occupation.code} {occupation.title}; "
            "use a closest match with a reason"
        ]
    return []


def bls_group_sizes(bls_ids) -> dict[int, int]:
    """How many O*NET occupations BLS counts under each of these codes (one query)."""
    return dict(
        Occupation.objects.filter(bls_id__in={i for i in bls_ids if i})
        .values("bls_id")
        .annotate(total=Count("id"))
        .values_list("bls_id", "total")
    )


class BlsFigures:
    """What an occupation's BLS figures are: for it alone, or for a group (an "all other"
    code, or a code BLS shares between several O*NET occupations). Needs `occupation` and
    `group_size`."""

    occupation: Occupation | None
    group_size: int

    @property
    def bls(self) -> BlsOccupation | None:
        return self.occupation.bls if self.occupation else None

    @property
    def is_all_other(self) -> bool:
        return bool(self.bls) and "all other" in self.bls.title.lower()

    @property
    def is_aggregate(self) -> bool:
        """BLS publishes these figures for more than this one occupation."""
        return self.is_all_other or self.group_size > 1


@dataclass(frozen=True)
class FigureBasis(BlsFigures):
    """Where the figures shown for one role come from."""

    role: Role
    group_size: int = 1

    @property
    def occupation(self) -> Occupation | None:
        return self.role.occupation

    @property
    def is_closest(self) -> bool:
        return self.role.occupation_match == OccupationMatch.CLOSEST

    @property
    def figure_title(self) -> str:
        """The title to print beside a figure: always the title of the code it is for."""
        return f"{self.bls.title} ({self.bls.code})" if self.bls else ""

    @property
    def link_sentence(self) -> str:
        """One line: how the role is tied to its occupation."""
        occupation = self.occupation
        if occupation is None:
            return "This role is not linked to an O*NET occupation, so no figures are shown."
        if self.is_closest:
            return (
                f"O*NET does not list this role's title for the occupation it is tied to; "
                f"our editors chose the closest, {occupation.title} ({occupation.code}). "
                f"{self.role.occupation_reason}"
            )
        return (
            f"O*NET lists “{self.role.occupation_title}” as a title of {occupation.title} "
            f"({occupation.code})."
        )

    @property
    def figures_sentence(self) -> str:
        """One line: what the figures describe, naming an aggregate as one."""
        if self.bls is None:
            return "BLS publishes no figures for this occupation."
        if self.is_all_other:
            return (
                f"BLS publishes no figures for {self.occupation.title} on its own: the figures "
                f"are for “{self.bls.title}” ({self.bls.code}), a remainder group of "
                f"{self.group_size} O*NET occupations, not for this role's work alone."
            )
        if self.group_size > 1:
            return (
                f"The figures are BLS's for “{self.bls.title}” ({self.bls.code}), which also "
                f"counts {self.group_size - 1} other O*NET occupation"
                f"{'s' if self.group_size > 2 else ''}."
            )
        return (
            f"The figures are BLS's for “{self.bls.title}” ({self.bls.code}), which counts "
            f"everyone in the occupation, not only people with this title."
        )

    @property
    def caveats(self) -> list[str]:
        """Why a comparison with this role's figures can only be indicative."""
        reasons = []
        if self.is_closest:
            reasons.append(
                f"{self.role.title} is tied to {self.occupation.title} by editors' judgement, "
                "not by a title O*NET lists"
            )
        if self.is_aggregate:
            reasons.append(
                f"the figures for {self.role.title} are for “{self.bls.title}”, a BLS group "
                f"of {self.group_size} occupations"
            )
        return reasons


@dataclass(frozen=True)
class OccupationBasis(BlsFigures):
    """The figures of an O*NET occupation outside the catalog, for the same comparison
    rules as a role's (figures_compare)."""

    occupation: Occupation
    group_size: int = 1

    @property
    def caveats(self) -> list[str]:
        if not self.is_aggregate:
            return []
        return [
            f"the figures for {self.occupation.title} are for “{self.bls.title}”, a BLS group "
            f"of {self.group_size} occupations"
        ]


@dataclass(frozen=True)
class Comparison:
    """Two roles' figures side by side, and what the difference can honestly say.

    kind: "same" (one BLS figure covers both: there is no difference to show), "direct"
    (two specific, titled codes), "indicative" (either side is an aggregate or a closest
    match, so part of any difference may come from how roles are mapped) or "unavailable".
    """

    source: FigureBasis
    target: FigureBasis
    kind: str
    caveats: list[str] = field(default_factory=list)

    @property
    def is_indicative(self) -> bool:
        return self.kind == "indicative"


def figures_compare(
    source: FigureBasis | OccupationBasis, target: FigureBasis | OccupationBasis
) -> Comparison:
    if source.bls is None or target.bls is None:
        return Comparison(source, target, "unavailable")
    if source.bls.pk == target.bls.pk:
        return Comparison(source, target, "same")
    caveats = source.caveats + target.caveats
    if source.occupation.major_group != target.occupation.major_group:
        # A management code counts managers at every level and in every industry; a
        # computing code counts practitioners. Their medians describe different people.
        caveats.append(
            f"the two sets of figures come from different major groups of occupations "
            f"({source.occupation.major_group_title.lower()} and "
            f"{target.occupation.major_group_title.lower()}), which count very different "
            "mixes of people"
        )
    return Comparison(source, target, "indicative" if caveats else "direct", caveats)


def figure_bases(roles: list[Role]) -> dict[int, FigureBasis]:
    """A basis for each role (loaded with `with_landscape()`), in one query."""
    sizes = bls_group_sizes(
        role.occupation.bls_id for role in roles if role.occupation_id and role.occupation
    )
    return {
        role.id: FigureBasis(
            role=role,
            group_size=sizes.get(role.occupation.bls_id, 1) if role.occupation else 1,
        )
        for role in roles
    }
