from django.core.management.base import BaseCommand

from careers.content import LIST_RANGES, TEXT_RANGES, word_count
from careers.coverage import (
    FIELD_EXTRA,
    FIELD_PREFIX,
    MAX_LEFT_OUT,
    MAX_SHARED,
    adjacent_level_overlaps,
    field_coverage,
)
from careers.models import JobFamily, Role, Transition
from careers.selectors.links import FigureBasis, figure_bases, figures_compare
from careers.selectors.roles import role_sections


class Command(BaseCommand):
    help = (
        "List the catalog's families and roles with their status and the words (or items) "
        "in each section, and say which published roles are incomplete. With --links: each "
        "role's occupations and evidence, where its figures come from, and every pay "
        "comparison the site shows with its basis. With --levels: the share of sentences "
        "adjacent rungs share. With --coverage: which computer occupations no role covers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--links", action="store_true", help="Report occupation links and comparisons."
        )
        parser.add_argument(
            "--levels", action="store_true", help="Report how much adjacent rungs share."
        )
        parser.add_argument(
            "--coverage", action="store_true", help="Report the coverage of the field."
        )

    def handle(self, *args, links: bool, levels: bool, coverage: bool, **options):
        if links:
            self.links_report()
        elif levels:
            self.levels_report()
        elif coverage:
            self.coverage_report()
        else:
            self.content_report()

    def levels_report(self) -> None:
        """Sentences of each upper rung found word for word on the rung below."""
        self.stdout.write("family | lower rung → upper rung | shared sentences | share")
        over = 0
        for pair in adjacent_level_overlaps():
            flag = "" if pair.share <= MAX_SHARED else "  TOO SIMILAR"
            over += bool(flag)
            self.stdout.write(
                f"{pair.family} | {pair.lower} → {pair.upper} | {pair.shared}/{pair.total} | "
                f"{pair.share:.0%}{flag}"
            )
        if over:
            self.stdout.write(
                self.style.ERROR(f"\n{over} pairs share more than {MAX_SHARED:.0%} of sentences.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"\nNo adjacent rungs share more than {MAX_SHARED:.0%}.")
            )

    def coverage_report(self) -> None:
        report = field_coverage()
        self.stdout.write(
            f"Computer occupations ({FIELD_PREFIX}…) and {', '.join(FIELD_EXTRA)}: "
            f"{len(report.titles)} codes"
        )
        for code in sorted(report.titles):
            if code in report.covered:
                status = "covered by " + ", ".join(report.covered[code])
            elif code in report.left_out:
                status = "LEFT OUT: " + report.left_out[code]
            else:
                status = "MISSING"
            self.stdout.write(f"  {code} {report.titles[code]}: {status}")
        problems = []
        if report.missing:
            problems.append(f"{len(report.missing)} codes are neither covered nor left out")
        if len(report.left_out) > MAX_LEFT_OUT:
            problems.append(f"{len(report.left_out)} left out (at most {MAX_LEFT_OUT})")
        if problems:
            self.stdout.write(self.style.ERROR("\n" + "; ".join(problems) + "."))
        else:
            self.stdout.write(self.style.SUCCESS("\nThe field is covered."))

    def content_report(self) -> None:
        text_sections, list_sections = list(TEXT_RANGES), list(LIST_RANGES)
        incomplete = 0
        families = JobFamily.objects.prefetch_related("roles__level").order_by("name")
        header = ["role", "status", *text_sections, *list_sections, "complete"]
        self.stdout.write(" | ".join(header))
        for family in families:
            self.stdout.write(f"\n{family.name} ({family.slug})")
            for role in sorted(family.roles.all(), key=lambda r: (r.level.track, r.level.order)):
                sections, problems = role_sections(role)
                cells = [role.slug, role.status]
                cells += [str(word_count(sections[name])) for name in text_sections]
                cells += [str(len(sections[name])) for name in list_sections]
                cells.append("yes" if not problems else "NO: " + "; ".join(map(str, problems)))
                if problems and role.is_published:
                    incomplete += 1
                self.stdout.write("  " + " | ".join(cells))
        if incomplete:
            self.stdout.write(self.style.ERROR(f"\n{incomplete} published roles are incomplete."))
        else:
            self.stdout.write(self.style.SUCCESS("\nEvery published role is complete."))

    def links_report(self) -> None:
        roles = list(
            Role.objects.published()
            .with_landscape()
            .prefetch_related("secondary_occupations__occupation")
            .order_by("family__name", "level__track", "level__order")
        )
        bases = figure_bases(roles)
        moves: dict[int, list[Transition]] = {}
        for transition in Transition.objects.filter(
            from_role__in=roles, to_role__status=Role.Status.PUBLISHED
        ).order_by("kind", "order"):
            moves.setdefault(transition.from_role_id, []).append(transition)
        counts = {"same": 0, "direct": 0, "indicative": 0, "unavailable": 0}
        for role in roles:
            basis = bases[role.id]
            self.stdout.write(f"\n{role.slug} ({role.title})")
            self.stdout.write(f"  occupation: {self._link(role)}")
            for link in role.secondary_occupations.all():
                self.stdout.write(f"  also: {self._link(link)}")
            self.stdout.write(f"  figures: {self._figures(basis)}")
            for transition in moves.get(role.id, []):
                target = bases.get(transition.to_role_id)
                if target is None:
                    continue
                comparison = figures_compare(basis, target)
                counts[comparison.kind] += 1
                self.stdout.write(
                    f"  {transition.kind} → {target.role.slug}: pay {comparison.kind}"
                    + self._comparison(comparison)
                )
        self.stdout.write(
            "\nPay comparisons shown: "
            + ", ".join(f"{count} {kind}" for kind, count in counts.items())
            + ". same = one BLS figure covers both (no difference shown); direct = two "
            "specific titled codes; indicative = an aggregate or a closest match on either side."
        )

    @staticmethod
    def _link(link) -> str:
        occupation = link.occupation
        if occupation is None:
            return "none"
        if link.occupation_match == "titled":
            evidence = f"O*NET title “{link.occupation_title}”"
        else:
            evidence = f"reason: {link.occupation_reason}"
        return f"{occupation.code} {occupation.title} [{link.occupation_match}; {evidence}]"

    @staticmethod
    def _figures(basis: FigureBasis) -> str:
        if basis.bls is None:
            return "no BLS figures"
        kind = "specific"
        if basis.is_all_other:
            kind = f"AGGREGATE (all other, {basis.group_size} O*NET occupations)"
        elif basis.is_aggregate:
            kind = f"AGGREGATE ({basis.group_size} O*NET occupations)"
        median = f"${basis.bls.wage_median:,}" if basis.bls.wage_median else "no annual median"
        return f"BLS {basis.bls.code} {basis.bls.title} — {kind}; median {median}"

    @staticmethod
    def _comparison(comparison) -> str:
        if comparison.kind == "same":
            return f" (one figure: BLS {comparison.target.bls.code})"
        if comparison.kind == "unavailable":
            return ""
        text = f" (BLS {comparison.source.bls.code} → {comparison.target.bls.code})"
        if comparison.caveats:
            text += " because " + "; ".join(comparison.caveats)
        return text
