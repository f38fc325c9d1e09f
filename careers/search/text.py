"""How search reads text: the same normalisation for what is indexed and what is typed, so
"Nurses", "nurse" and "NURSE" are one word, and the edit-distance test behind "did you
mean"."""

import re
import unicodedata

# Words that carry no meaning in a job title. "it" is not one of them: it is IT.
STOPWORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})

# The shortest word that is corrected when it is not known; shorter ones are too often
# another real word one letter away ("cook" and "book").
TYPO_MIN_LENGTH = 5

_WORD = re.compile(r"[a-z0-9]+")
# Endings whose final "s" is not a plural: business, status, analysis, news.
_NOT_PLURAL = ("ss", "us", "is", "ews")


def singular(word: str) -> str:
    """A plural English word as its singular, by spelling rules only; the same rules run
    on titles and queries, so an unusual plural still meets itself."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_NOT_PLURAL):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # secretaries → secretary
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]  # classes → class, coaches → coach, boxes → box
    return word[:-1]


def words(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free, singular words without stopwords; punctuation separates
    ("Driver/Sales" → driver, sale; "e-commerce" → e, commerce)."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return tuple(singular(word) for word in _WORD.findall(plain) if word not in STOPWORDS)


def phrase(text: str) -> str:
    """The indexed form of a title: its words joined by single spaces."""
    return " ".join(words(text))


def deletions(word: str) -> set[str]:
    """Every form of the word with one letter removed."""
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def one_edit_apart(first: str, second: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns one word
    into the other (optimal string alignment distance 1)."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = 0
    while start < len(first) and first[start] == second[start]:
        start += 1
    if len(first) < len(second):
        return first[start:] == second[start + 1 :]
    rest = start + 1
    if first[rest:] == second[rest:]:
        return True  # one substitution
    return (
        rest < len(first)
        and first[start] == second[rest]
        and first[rest] == second[start]
        and first[rest + 1 :] == second[rest + 1 :]
    )
