"""The catalog as the database holds it, and written back to the catalog files.

`family_content` reads a family in the canonical form `careers.content.family_file_content`
gives for a file; the loader compares and digests the two. `catalog_export` writes
every family, the skill vocabulary and the levels back to TOML in the shipped layout, so
editors' admin work can be reviewed into the repository. A file that already exists keeps
its comments and blank lines wherever the content around them is unchanged, so an export
of unedited content rewrites nothing, and loading what was written changes nothing.
"""

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from django.db.models import Prefetch

from careers.catalog_files import CATALOG_DIR, CatalogError
from careers.content import (
    FAMILY_TEXT,
    ROLE_OPTIONAL_TEXT,
    ROLE_TEXT,
    SHARED_TEXT,
    STEP_KINDS,
    normalized,
    occupation_link,
)
from careers.models import (
    InterviewQuestion,
    JobFamily,
    Level,
    SecondaryOccupation,
    Skill,
    SkillRequirement,
    Transition,
    Variation,
)

# --- Reading the database ------------------------------------------------------------------


def _link(row) -> dict | None:
    if row.occupation_id is None:
        return None
    return occupation_link(
        row.occupation.code, row.occupation_match, row.occupation_title, row.occupation_reason
    )


def _requirements(rows) -> list[dict]:
    return [
        {"skill": row.skill.name, "importance": row.importance, "note": row.note}
        | {"levels": row.expected_levels}
        for row in rows
    ]


def _variations(rows) -> list[dict]:
    return [{"factor": row.factor, "detail": row.detail} for row in rows]


def _fields(obj, keys) -> dict:
    return {key: getattr(obj, key) for key in keys}


def _role_content(role) -> dict:
    content = _fields(role, ("status", "years_min", "years_max", *ROLE_TEXT, *SHARED_TEXT))
    content |= _fields(role, ROLE_OPTIONAL_TEXT)
    content |= _fields(role, ("aliases", "thrives", "finds_hard", "tools"))
    content["level"] = role.level.key
    content["occupation"] = _link(role)
    content["secondary_occupations"] = [_link(row) for row in role.secondary_occupations.all()]
    content["skills"] = _requirements(role.skillrequirements.all())
    content["variations"] = _variations(role.variations.all())
    for kind in Transition.Kind:
        content[kind.value] = [
            {"to": step.to_role.slug, "note": step.note, "requirements": step.requirements}
            | {"typical_time": step.typical_time}
            for step in role.transitions_out.all()
            if step.kind == kind
        ]
    return content


def family_content(family: JobFamily) -> dict:
    """Everything a family file sets, as the database holds it now: the family's fields,
    skills, variations and interview questions, and each role's fields, occupation links,
    skills, variations and moves (rows in their order, text normalised). Tools are a
    mapping: PostgreSQL's jsonb does not keep the order of keys, so neither does this."""
    content = _fields(family, ("slug", "track", *FAMILY_TEXT, "background", "certifications"))
    content |= _fields(family, ("aliases", "thrives", "finds_hard", "tools"))
    content["skills"] = _requirements(
        SkillRequirement.objects.filter(family=family).select_related("skill")
    )
    content["variations"] = _variations(Variation.objects.filter(family=family))
    content["interview_questions"] = [
        _fields(question, ("kind", "question", "probes", "strong_answer"))
        | {"levels": sorted(level.key for level in question.levels.all())}
        for question in InterviewQuestion.objects.filter(family=family).prefetch_related("levels")
    ]
    roles = family.roles.select_related("level", "occupation").prefetch_related(
        Prefetch(
            "secondary_occupations",
            queryset=SecondaryOccupation.objects.select_related("occupation"),
        ),
        Prefetch("skillrequirements", queryset=SkillRequirement.objects.select_related("skill")),
        "variations",
        Prefetch("transitions_out", queryset=Transition.objects.select_related("to_role")),
    )
    content["roles"] = {role.slug: _role_content(role) for role in roles}
    return normalized(content)


# --- The file a family's content makes -----------------------------------------------------


def _most_common(values: list):
    """The value most roles share (the first role's on a tie): the family-wide default."""
    counts = Counter(json.dumps(value, sort_keys=True) for value in values)
    return max(values, key=lambda value: counts[json.dumps(value, sort_keys=True)], default=None)


def _link_document(link: dict) -> dict:
    evidence = "title" if link["title"] else "reason"
    return {"code": link["code"], "match": link["match"], evidence: link[evidence]}


def _steps_document(steps: list[dict], note_key: str, requirement_key: str) -> list[dict]:
    documents = []
    for step in steps:
        document = {"to": step["to"], note_key: step["note"], requirement_key: step["requirements"]}
        if step["typical_time"]:
            document["typical_time"] = step["typical_time"]
        documents.append(document)
    return documents


def _role_document(where: str, slug: str, role: dict, family_link, family_secondary) -> dict:
    document = {"level": role["level"], "title": role["title"], "slug": slug}
    if role["aliases"]:
        document["aliases"] = role["aliases"]
    if role["occupation"] is None:
        raise CatalogError(where, f"{slug}: no occupation; choose one in admin, then export")
    if role["occupation"] != family_link:
        document["occupation"] = _link_document(role["occupation"])
    if role["secondary_occupations"] != family_secondary:
        document["secondary_occupations"] = [
            _link_document(link) for link in role["secondary_occupations"]
        ]
    document.update({key: role[key] for key in ("status", "years_min", "years_max")})
    document.update({key: role[key] for key in ("summary", "scope", "what_its_like")})
    document.update({key: role[key] for key in ROLE_OPTIONAL_TEXT if role[key]})
    for key in ("hardest_part", "thrives", "finds_hard", "category_changing", "background"):
        if role[key]:
            document[key] = role[key]
    if role["certifications"]:
        document["certifications"] = role["certifications"]
    if role["tools"]:
        document["tools"] = dict(role["tools"])
    skills = []
    for skill in role["skills"]:
        if list(skill["levels"]) != [role["level"]]:
            raise CatalogError(
                where,
                f"{slug}: skill {skill['skill']!r}: a role's own skill gives a proficiency for the "
                f"role's level ({role['level']}) only, not {skill['levels']}; fix it in admin",
            )
        skills.append({"skill": skill["skill"], "importance": skill["importance"]})
        skills[-1].update({"level": skill["levels"][role["level"]], "note": skill["note"]})
    for key, value in (("skills", skills), ("variations", role["variations"])):
        if value:
            document[key] = value
    for key, note_key, requirement_key in STEP_KINDS:
        if role[key]:
            document[key] = _steps_document(role[key], note_key, requirement_key)
    return document


def family_document(content: dict, ladder: dict[str, int]) -> dict:
    """The family file's data for `content`, keys in the shipped order. The family-wide
    occupation links are the ones most roles share; a role that differs states its own."""
    roles = sorted(content["roles"].items(), key=lambda item: ladder[item[1]["level"]])
    family_link = _most_common([r["occupation"] for _, r in roles if r["occupation"]])
    family_secondary = _most_common([r["secondary_occupations"] for _, r in roles]) or []
    document = {key: content[key] for key in ("slug", "name", "track", "aliases")}
    if family_link:
        document["occupation"] = _link_document(family_link)
    document["secondary_occupations"] = [_link_document(link) for link in family_secondary]
    for key in ("description", "hardest_part", "thrives", "finds_hard", "landscape_note"):
        document[key] = content[key]
    document.update({key: content[key] for key in ("category_changing", "background")})
    if content["certifications"]:
        document["certifications"] = content["certifications"]
    document["tools"] = dict(content["tools"])
    document["skills"] = [
        {key: skill[key] for key in ("skill", "importance", "note")}
        | {"levels": dict(sorted(skill["levels"].items(), key=lambda item: ladder[item[0]]))}
        for skill in content["skills"]
    ]
    document["variations"] = content["variations"]
    document["interview_questions"] = [
        {"kind": question["kind"], "levels": sorted(question["levels"], key=ladder.__getitem__)}
        | {key: question[key] for key in ("question", "probes", "strong_answer")}
        for question in content["interview_questions"]
    ]
    document["roles"] = [
        _role_document(f"{content['slug']}.toml", slug, role, family_link, family_secondary)
        for slug, role in roles
    ]
    return document


# --- TOML in the shipped layout ------------------------------------------------------------

# Long text reads best as """ blocks; these lists as one item per line; these tables inline.
TRIPLE_QUOTED = {*SHARED_TEXT, "summary", "scope", "what_its_like", "landscape_note"}
ONE_PER_LINE = {"thrives", "finds_hard", "strong_answer", "secondary_occupations"}
INLINE_TABLES = {"occupation", "levels"}
QUOTED_KEYS = {"tools"}  # tables whose keys are names ("Observability"), always quoted
SPACED_KEYS = {"hardest_part", "thrives", "landscape_note", "category_changing", "background"}
ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
ESCAPES["\r"] = "\\r"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _control(match: re.Match) -> str:
    return ESCAPES.get(match.group(0)) or f"\\u{ord(match.group(0)):04x}"


def _string(value: str, *, triple: bool = False) -> str:
    if not triple and "\n" not in value:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + CONTROL.sub(_control, escaped) + '"'
    body = CONTROL.sub(_control, value.replace("\\", "\\\\")).replace('"""', '""\\"')
    return '"""' + ("\n" if body.startswith("\n") else "") + body + '"""'


def _key(key: str, *, quoted: bool = False) -> str:
    return key if not quoted and re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _value(key: str, value, styles: dict[str, bool]) -> str:
    if isinstance(value, str):
        return _string(value, triple=styles.get(key, key in TRIPLE_QUOTED))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        items = ", ".join(f"{_key(k)} = {_value(k, v, {})}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    items = [_value("", item, {}) for item in value]
    if key in ONE_PER_LINE and items:
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    return "[" + ", ".join(items) + "]"


def _is_table(key: str, value) -> bool:
    return (isinstance(value, dict) and key not in INLINE_TABLES) or (
        isinstance(value, list)
        and key not in ONE_PER_LINE
        and value != []
        and all(isinstance(item, dict) for item in value)
    )


def _table(lines: list[str], path: str, table: dict, styles: dict[str, bool]) -> None:
    for key, value in table.items():
        if not _is_table(key, value):
            if not path and key in SPACED_KEYS:
                lines.append("")
            quoted = path.rsplit(".", 1)[-1] in QUOTED_KEYS
            lines.append(f"{_key(key, quoted=quoted)} = {_value(key, value, styles)}")
    for key, value in table.items():
        if _is_table(key, value):
            name = f"{path}.{key}" if path else key
            for item in [value] if isinstance(value, dict) else value:
                lines += ["", f"[{name}]" if isinstance(value, dict) else f"[[{name}]]"]
                _table(lines, name, item, styles)


def _outside_strings(lines: list[str]) -> list[bool]:
    """Whether each line begins outside a multi-line string (so a blank or # line there is
    layout, not text)."""
    flags, inside = [], False
    for line in lines:
        flags.append(not inside)
        inside ^= line.count('"""') % 2 == 1
    return flags


def _with_layout(new: list[str], old: list[str]) -> list[str]:
    """`new`, with the comments and blank lines of `old` kept where the content around them
    is unchanged (a comment beside changed content stays just before the change)."""
    old_free, new_free = _outside_strings(old), _outside_strings(new)
    layout = [
        free and (not line.strip() or line.lstrip().startswith("#"))
        for free, line in zip(old_free, old, strict=True)
    ]
    merged: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            merged += new[j1:j2]
            continue
        only_layout = tag == "delete" and all(layout[i1:i2])
        merged += [old[i] for i in range(i1, i2) if layout[i] and (only_layout or old[i].strip())]
        blank = all(new_free[j] and not new[j].strip() for j in range(j1, j2))
        if tag == "replace" or not blank:
            merged += new[j1:j2]
    return merged


def toml_text(document: dict, old: str = "") -> str:
    """`document` as TOML. With the file's current text: its quoting of each key, comments
    and blank lines are kept where they still fit."""
    styles = {key: quotes == '"""' for key, quotes in re.findall(r'^(\w+) = ("""|")', old, re.M)}
    lines: list[str] = []
    _table(lines, "", document, styles)
    plain = "\n".join(lines).lstrip("\n") + "\n"
    if tomllib.loads(plain) != document:
        raise CatalogError("export", "the TOML written does not read back the same (a bug)")
    if not old:
        return plain
    kept = "\n".join(_with_layout(plain.splitlines(), old.splitlines())) + "\n"
    try:
        return kept if tomllib.loads(kept) == document else plain
    except tomllib.TOMLDecodeError:
        return plain


# --- Writing the files ---------------------------------------------------------------------


@dataclass
class ExportReport:
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _skills_document() -> dict:
    skills = []
    for skill in sorted(Skill.objects.select_related("element"), key=lambda s: s.name.lower()):
        entry = {"name": skill.name, "definition": skill.definition}
        entry["synonyms"] = list(skill.synonyms)
        if skill.element:
            entry["onet_element"] = skill.element.name
        if skill.technologies:
            entry["technologies"] = list(skill.technologies)
        skills.append(entry)
    return {"skills": skills}


def _levels_document() -> dict:
    keys = ("key", "name", "track", "order", "band", "description")
    return {"levels": [{key: getattr(level, key) for key in keys} for level in Level.objects.all()]}


def _tools_in_file_order(document: dict, old: str) -> None:
    """PostgreSQL does not keep the order of a JSON object's keys: list tool categories in
    the order the file has them (new ones after)."""
    try:
        previous = tomllib.loads(old)
    except tomllib.TOMLDecodeError:
        return
    roles = {role.get("slug"): role for role in previous.get("roles", [])}
    for table, before in [(document, previous)] + [
        (role, roles.get(role["slug"], {})) for role in document["roles"]
    ]:
        if "tools" in table:
            rank = {category: index for index, category in enumerate(before.get("tools", {}))}
            order = sorted(table["tools"].items(), key=lambda item: rank.get(item[0], len(rank)))
            table["tools"] = dict(order)


def catalog_export(directory: Path = CATALOG_DIR, *, dry_run: bool = False) -> ExportReport:
    """Write the database's catalog to `directory`: one file per family, skills.toml and
    levels.toml. Only files whose text changes are written; nothing in the database changes
    (the next load sees files that match the database and records that)."""
    ladder = {level.key: index for index, level in enumerate(Level.objects.all())}
    documents = {"levels.toml": _levels_document(), "skills.toml": _skills_document()}
    for family in JobFamily.objects.order_by("slug"):
        documents[f"{family.slug}.toml"] = family_document(family_content(family), ladder)
    report = ExportReport()
    for name, document in documents.items():
        path = directory / name
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        if "roles" in document:
            _tools_in_file_order(document, old)
        text = toml_text(document, old)
        if text == old:
            report.unchanged.append(name)
            continue
        report.changed.append(name)
        if not dry_run:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return report
