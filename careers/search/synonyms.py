"""The synonyms the site ships with: what people type for a job, and what they mean.
Editors add and change them in admin; these are written only into an empty table (a new
database, or one whose content was wiped), never over editors' work."""

from careers.search.models import SearchSynonym

SHIPPED_SYNONYMS = {
    "sre": "site reliability engineer",
    "swe": "software engineer",
    "sde": "software engineer",
    "dev": "developer",
    "devs": "developer",
    "pm": "product manager",
    "tpm": "technical program manager",
    "em": "engineering manager",
    "ux": "user experience",
    "ui": "user interface",
    "qa": "quality assurance",
    "sdet": "software development engineer test",
    "dba": "database administrator",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "llm": "ai engineer",
    "mle": "machine learning engineer",
    "bi": "business intelligence",
    "it": "information technology",
    "helpdesk": "help desk",
    "sysadmin": "systems administrator",
    "sysops": "systems administrator",
    "netops": "network engineer",
    "secops": "security operations",
    "soc": "security operations center",
    "grc": "governance risk compliance",
    "infosec": "information security",
    "cybersecurity": "security",
    "cyber": "security",
    "appsec": "application security",
    "frontend": "front end",
    "backend": "back end",
    "fullstack": "full stack",
    "coder": "programmer",
    "techie": "computer support",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "lvn": "licensed vocational nurse",
    "cna": "nursing assistant",
    "np": "nurse practitioner",
    "pa": "physician assistant",
    "md": "physician",
    "doctor": "physician",
    "gp": "family medicine physician",
    "emt": "emergency medical technician",
    "cpa": "certified public accountant",
    "hvac": "heating air conditioning",
    "hr": "human resources",
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "coo": "chief operating officer",
    "vp": "vice president",
    "sr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "eng": "engineer",
    "admin": "administrator",
    "cop": "police officer",
    "vet": "veterinarian",
    "trucker": "truck driver",
    "cdl": "truck driver",
    "attorney": "lawyer",
    "prof": "professor",
    "csm": "customer success manager",
    "se": "solutions engineer",
    "sales engineer": "solutions engineer",
    "ops": "operations",
}


def synonyms_seed_if_empty() -> bool:
    if SearchSynonym.objects.exists():
        return False
    SearchSynonym.objects.bulk_create(
        [SearchSynonym(term=term, meaning=meaning) for term, meaning in SHIPPED_SYNONYMS.items()]
    )
    return True
