"""Entities: people, organisations, outlets, works and places, merged within the article.

- Mentions come from spaCy NER, plus a gazetteer of outlets (``lexicons/outlets.tsv``),
  kinship names ("a son Aleph, 12") and quoted titles of works ("the ‘Black Swan’ actress").
- People are merged by name: full name <-> surname <-> first name <-> short form
  ("Ben" <-> "Benjamin Millepied", ``lexicons/nicknames.tsv``) when exactly one person fits.
- ORG mentions become OUTLET when the name is in the gazetteer, has an outlet-shaped head
  word (Times, Post, News, Weekly, ...), or stands in relay context ("told X", "according to X").
  "Us" is the outlet US Weekly only in relay context ("spoke with Us").
- Occupational epithets ("the actress", "the ‘Black Swan’ actress") join the dominant person
  only when that person has at least 1.5 times the mentions of any other; otherwise unlinked.
- Ages ("Millepied, 46,", "25-year-old climate activist Camille Étienne") become facts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse
from rumormill.pipeline import State
from rumormill.records import Entity, Fact

VERSION = "entities.v2"

Span = tuple[int, int]

_NER_TYPE = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "WORK_OF_ART": "WORK",
}
_OUTLET_HEAD = re.compile(
    r"\b(?:Times|Post|News|Magazine|Weekly|Daily|Journal|Herald|Tribune|Gazette|Chronicle|Telegraph|"
    r"Reporter|Review|Radio|TV|Television|Network|Online|Press|Wire|Insider|Observer|Examiner|Star-Ledger|"
    r"Bulletin|Digest|Monthly|Inquirer|Enquirer|Dispatch|Courier|Register|Sentinel|Standard)\b|\.com\b"
)
_RELAY_BEFORE = re.compile(
    r"(?:\btold|\bto|\bwith|\baccording\s+to|\bas\s+per|\bquoted\s+by|\breported\s+by|\bin\s+an\s+interview\s+with|"
    r"\bconfirmed\s+to|\brevealed\s+to|\bspoke\s+(?:to|with)|\bvia|\bsays|\bsaid)\s+(?:the\s+)?$",
    re.I,
)
_RELAY_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:magazine|reported|reports|has\s+reported|previously\s+reported|was\s+first\s+to\s+report|"
    r"learned|confirmed|revealed|broke\s+the\s+news|wrote|published|claims|claimed|reporter|editor|report)\b",
    re.I,
)
_WORK_QUOTED = re.compile(r"[‘'“\"]([A-Z][^‘’'“”\"\n]{1,60}?)[’'”\"]")
_WORK_AFTER = re.compile(
    r"^\s*(?:actress|actor|star|co-star|singer|rapper|film|movie|series|show|album|song|single|sitcom|"
    r"director|hitmaker|franchise|musical|play|novel|book|alum|alumna)\b",
    re.I,
)
_WORK_BEFORE = re.compile(r"(?:set\s+of|film|movie|album|song|series|show|'s|’s|in)\s+$", re.I)
_KIN_NAME = re.compile(
    r"\b(?:son|daughter|child|baby|brother|sister|wife|husband|boyfriend|girlfriend|fiancée?|partner|"
    r"mother|father|mom|dad|twins?)\s*,?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=\s*(?:,\s*\d{1,3}\b|\(\d{1,3}\)))"
)
_AGE_AFTER = re.compile(r"^\s*(?:,\s*(\d{1,3})\s*(?=[,.;)]|\s+and\b|$)|\s*\((\d{1,3})\))")
_YEAR_OLD = re.compile(r"\b(\d{1,3})-year-old\b")
_EPITHET = re.compile(
    r"\b[Tt]he\s+((?:[\w'’‘“”\"-]+\s+){0,3}?)(actress|actor|star|singer|rapper|model|"
    r"musician|comedian|host|hitmaker|songstress|starlet|reality\s+star|mogul|athlete|designer)\b"
)
_NAME_PARTICLES = {"The", "And", "Of", "Von", "Van", "Der", "Den", "Les", "Jr.", "Sr.", "Jr", "Sr", "III", "Mrs",
                   "Mr.", "Mrs.", "Ms.", "Dr.", "Miss"}
_SOCIAL = {"Instagram", "Twitter", "X", "TikTok", "Facebook", "YouTube", "Snapchat", "Threads", "Reddit"}


@dataclass(slots=True)
class _Ent:
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    spans: set[Span] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)


@cache
def _gazetteer() -> dict[str, str]:
    """alias -> canonical outlet name (canonical names map to themselves)."""
    out: dict[str, str] = {}
    for row in load_table("outlets.tsv"):
        canon = row[0]
        out[canon] = canon
        if len(row) > 1:
            for alias in row[1].split("|"):
                if alias:
                    out[alias] = canon
    return out


# Short gazetteer aliases that are common words: outlet only in relay context.
_CONTEXT_ONLY = {"Us", "People", "Star", "Access", "Extra", "Today", "Closer", "Time", "Insider", "Sun",
                 "Mirror", "Guardian", "Independent", "Post", "The Post", "The Times", "Fox", "ABC", "NBC",
                 "CBS", "AP", "X", "Threads", "IG", "Vox", "Slate", "Variety", "Billboard", "Glamour",
                 "Elle", "Vogue", "Deadline", "E!", "ET", "EW", "GMA", "Telegraph", "Radar", "In Touch"}


@cache
def _gazetteer_re() -> re.Pattern[str]:
    aliases = sorted(_gazetteer(), key=len, reverse=True)
    return re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")


def _outlet_in_context(alias: str, text: str, s: int, e: int) -> bool:
    """Short aliases that are common words count only in relay context ("spoke with Us")."""
    if alias not in _CONTEXT_ONLY and not (alias.upper() == alias and len(alias) <= 3):
        return True
    if alias in _SOCIAL and alias not in ("X", "Threads"):
        return True
    if re.match(r" [A-Z]", text[e : e + 2]):
        return False  # part of a longer name ("Star Weekly" is not Star magazine)
    return _relay_context(text, s, e)


def _relay_context(text: str, start: int, end: int) -> bool:
    return bool(_RELAY_BEFORE.search(text[max(0, start - 40) : start])) or bool(
        _RELAY_AFTER.match(text[end : end + 40])
    )


@cache
def _nicknames() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in load_table("nicknames.tsv"):
        if len(row) > 1:
            out.setdefault(row[0], set()).update(row[1].split("|"))
    return out


_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'’.-]*")


def _trim_name(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a PERSON span after its last capitalised word ("Kim Kardashian and/or" -> "Kim Kardashian")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = len(words)
    while keep > 1 and not _NAME_WORD.fullmatch(words[keep - 1].group(0).rstrip(",;:")):
        keep -= 1
    new_end = start + words[keep - 1].end() if words else end
    return text[start:new_end], start, new_end


_ABBREV = frozenset({"Calif", "Mass", "Conn", "Wash", "Minn", "Tenn", "Okla", "Colo", "Wisc", "Ariz", "Mich", "Corp",
                     "Bros", "Assn", "Dept", "Univ", "Intl", "Blvd", "Penn", "Mont", "Nebr", "Miss"})
_EDGE_JUNK = " \t\n-–—,;:"


def _tidy(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut what the tagger dragged along: quote marks in front, a dash, comma or colon at the end, and a
    sentence's full stop ("Bad Blood." -> "Bad Blood"; "Jr.", "Calif." and "U.S." keep theirs)."""
    while start < end and text[start] in "“\"‘'" + _EDGE_JUNK:
        start += 1
    while end > start:
        last = text[end - 1]
        if last in _EDGE_JUNK:
            end -= 1
            continue
        if last == ".":
            word = re.search(r"[\w’'-]+$", text[start : end - 1])
            if word and len(word.group(0)) >= 4 and word.group(0) not in _ABBREV and "." not in word.group(0):
                end -= 1
                continue
        break
    return text[start:end], start, end


def _not_a_name(surface: str) -> bool:
    """No capital letter at all ("taylor" in a fan's post, "emoji") or a handle/e-mail fragment."""
    return "@" in surface or not any(ch.isupper() for ch in surface)


def _strip_possessive(text: str, start: int, end: int) -> tuple[str, int, int]:
    s = text[start:end]
    for suf in ("'s", "’s", "'", "’"):
        if s.endswith(suf) and len(s) > len(suf) + 1:
            return s[: -len(suf)], start, end - len(suf)
    if s.startswith(("the ", "The ")) and len(s.split()) > 1 and not s.startswith("The "):
        return s[4:], start + 4, end
    return s, start, end


def run(state: State) -> None:
    text = state.parse.text
    gaz = _gazetteer()
    mentions: list[tuple[str, str, int, int]] = []  # (type, surface, start, end)
    taken: list[Span] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # 1. gazetteer outlets (one alternation, longest alias first, word-bounded, case-sensitive)
    for m in _gazetteer_re().finditer(text):
        alias = m.group(0)
        s, e = m.span()
        if free(s, e) and _outlet_in_context(alias, text, s, e):
            mentions.append(("OUTLET", gaz[alias], s, e))
            taken.append((s, e))

    # 2. kinship names NER may miss ("a son Aleph, 12")
    for m in _KIN_NAME.finditer(text):
        s, e = m.span(1)
        if free(s, e):
            mentions.append(("PERSON", m.group(1), s, e))
            taken.append((s, e))

    # 3. NER mentions (a single name that is a known person's name stays a person)
    _ner_persons = [("PERSON", x.text, x.start, x.end) for x in state.parse.ents
                    if x.label == "PERSON" and " " in x.text]
    _ner_singles = [("PERSON", x.text, x.start, x.end) for x in state.parse.ents
                    if x.label == "PERSON" and " " not in x.text]
    for ent in state.parse.ents:
        etype = _NER_TYPE.get(ent.label)
        if etype is None:
            continue
        surface, s, e = _strip_possessive(text, ent.start, ent.end)
        if etype == "PERSON":
            surface, s, e = _trim_name(text, s, e)
        surface, s, e = _tidy(text, s, e)
        if not surface.strip() or _not_a_name(surface) or not free(s, e):
            continue
        bare = surface[4:] if surface.startswith("The ") else surface
        if etype != "PERSON" and any(
            t == "PERSON" and (bare == sf or (" " not in bare and bare in sf.split()))
            for t, sf, _s, _e in mentions + _ner_persons + _ner_singles
        ):
            etype = "PERSON"
        if etype == "ORG" and (_OUTLET_HEAD.search(surface) or _relay_context(text, s, e)):
            etype = "OUTLET"
        if etype == "PERSON" and _relay_context(text, s, e) and _OUTLET_HEAD.search(surface):
            etype = "OUTLET"
        mentions.append((etype, surface, s, e))
        taken.append((s, e))

    # 4. quoted titles of works ("the ‘Black Swan’ actress", "the set of “Black Swan”")
    for m in _WORK_QUOTED.finditer(text):
        title, s, e = _tidy(text, *m.span(1))
        if not title or len(title.split()) > 6 or not all(w[0].isupper() or w.lower() in {"of", "the", "a", "and", "in", "on"}
                                             for w in title.split()):
            continue
        if _WORK_AFTER.match(text[m.end() : m.end() + 20]) or _WORK_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            # a NER mention overlapping the quoted title is replaced by the work
            mentions[:] = [x for x in mentions if x[3] <= s or x[2] >= e]
            taken[:] = [t for t in taken if t[1] <= s or t[0] >= e]
            mentions.append(("WORK", title, s, e))
            taken.append((s, e))

    ents = _merge(mentions)
    for x in ents:
        if x.type != "PERSON":
            x.aliases |= {text[a:b] for a, b in x.spans}
    _link_surname_mentions(text, ents, taken)
    _ages(text, ents, state.parse)
    _epithets(text, ents)
    ordered = sorted(ents, key=lambda x: min(x.spans))
    state.entities = [
        Entity(
            id=f"E{k}",
            name=x.name,
            type=x.type,
            aliases=tuple(sorted(x.aliases - {x.name}, key=lambda a: (-len(a), a))),
            spans=tuple(sorted(x.spans)),
            facts=tuple(sorted(x.facts, key=lambda f: f.span)),
        )
        for k, x in enumerate(ordered, 1)
    ]
    state.scratch["entity_at"] = {sp: f"E{k}" for k, x in enumerate(ordered, 1) for sp in x.spans}


def _merge(mentions: list[tuple[str, str, int, int]]) -> list[_Ent]:
    nick = _nicknames()
    persons: list[_Ent] = []
    others: dict[tuple[str, str], _Ent] = {}
    singles: list[tuple[str, int, int]] = []
    for etype, surface, s, e in sorted(mentions, key=lambda m: -len(m[1].split())):
        if etype == "PERSON":
            if len(surface.split()) >= 2:
                found = next((p for p in persons if p.name == surface or surface in p.aliases), None)
                if found is None:
                    # "Natalie Portman" vs "Portman" style re-mentions with a middle name
                    first = surface.split()[0]
                    fits = [p for p in persons if p.name.split()[-1] == surface.split()[-1]
                            and (p.name.split()[0] == first or p.name.split()[0] in nick.get(first, set())
                                 or first in nick.get(p.name.split()[0], set()))]
                    found = fits[0] if len(fits) == 1 else None
                if found is None:
                    # "Kardashian West" re-mentions "Kim Kardashian West": the end of exactly one longer name
                    words = surface.split()
                    tails = [p for p in persons if len(p.name.split()) > len(words)
                             and p.name.split()[-len(words):] == words]
                    found = tails[0] if len(tails) == 1 else None
                if found is None:
                    found = _Ent(type="PERSON", name=surface)
                    persons.append(found)
                found.aliases.add(surface)
                found.spans.add((s, e))
            else:
                singles.append((surface, s, e))
        else:
            key = (etype, surface)
            ent = others.setdefault(key, _Ent(type=etype, name=surface))
            ent.aliases.add(surface)
            ent.spans.add((s, e))
    for surface, s, e in singles:
        fits = [p for p in persons if surface in p.name.split()
                or p.name.split()[0] in nick.get(surface, set())]
        if len(fits) == 1:
            fits[0].aliases.add(surface)
            fits[0].spans.add((s, e))
            continue
        # a single name nobody else fits: its own person (ambiguous ones stay separate too)
        found = next((p for p in persons if p.name == surface), None)
        if found is None:
            found = _Ent(type="PERSON", name=surface)
            persons.append(found)
        found.aliases.add(surface)
        found.spans.add((s, e))
    # outlets given under several aliases were already canonicalised by the gazetteer;
    # an ORG and an OUTLET with the same name are one outlet.
    merged: dict[str, _Ent] = {}
    for (etype, name), ent in others.items():
        if etype in ("ORG", "OUTLET"):
            cur = merged.get(name)
            if cur is None:
                merged[name] = ent
            else:
                cur.spans |= ent.spans
                cur.aliases |= ent.aliases
                if ent.type == "OUTLET":
                    cur.type = "OUTLET"
        else:
            merged[f"{etype}:{name}"] = ent
    # a person whose name equals an outlet's (NER confusion) is the outlet
    out = [p for p in persons if p.name not in merged or merged[p.name].type != "OUTLET"]
    for p in persons:
        if p not in out:
            merged[p.name].spans |= p.spans
    return out + list(merged.values())


def _link_surname_mentions(text: str, ents: list[_Ent], taken: list[Span]) -> None:
    """Find further mentions of known person names/aliases that NER missed."""
    alias_owner: dict[str, _Ent | None] = {}
    for p in ents:
        if p.type != "PERSON":
            continue
        for a in p.aliases | set(p.name.split()):
            if len(a) < 3 or not a[0].isupper() or a in _NAME_PARTICLES:
                continue
            alias_owner[a] = p if alias_owner.get(a, p) is p else None  # None = shared, ambiguous
    owners = {a: o for a, o in alias_owner.items() if o is not None}
    if not owners:
        return
    pattern = re.compile(
        r"(?<![\w@])(?:" + "|".join(re.escape(a) for a in sorted(owners, key=len, reverse=True))
        + r")(?=(?:'s|’s)?(?![\w-]))"
    )
    for m in pattern.finditer(text):
        s, e = m.span()
        if any(not (e <= a or s >= b) for a, b in taken):
            continue
        owner = owners[m.group(0)]
        owner.spans.add((s, e))
        owner.aliases.add(m.group(0))
        taken.append((s, e))


_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "PUNCT", "NUM", "CCONJ", "PART"}


def _only_modifiers(parse: Parse, start: int, end: int) -> bool:
    """Between "25-year-old" and a name there are only nominal modifiers (no verb, no preposition)."""
    t = parse.token_at(start) if start < end else None
    while t is not None and t.start < end:
        if t.pos not in _MODIFIER_POS and not t.text.isspace():
            return False
        t = parse.tokens[t.i + 1] if t.i + 1 < len(parse.tokens) else None
    return True


def _ages(text: str, ents: list[_Ent], parse: Parse) -> None:
    persons = [p for p in ents if p.type == "PERSON"]
    for p in persons:
        for _s, e in sorted(p.spans):
            m = _AGE_AFTER.match(text[e : e + 12])
            if m:
                age = m.group(1) or m.group(2)
                a_s = e + (m.start(1) if m.group(1) else m.start(2))
                if 0 < int(age) < 120 and not any(f.kind == "age" and f.value == age for f in p.facts):
                    p.facts.append(Fact(kind="age", value=age, span=(a_s, a_s + len(age))))
    for m in _YEAR_OLD.finditer(text):
        # the person named within the next few words ("25-year-old climate activist Camille Étienne")
        window_end = m.end() + 60
        best = None
        for p in persons:
            for s, _e in p.spans:
                between = text[m.end() : s]
                if (
                    m.end() < s <= window_end
                    and "." not in between
                    and "," not in between
                    and (best is None or s < best[0])
                    and _only_modifiers(parse, m.end() + 1, s)
                ):
                    best = (s, p)
        if best is not None:
            p = best[1]
            age = m.group(1)
            if not any(f.kind == "age" and f.value == age for f in p.facts):
                p.facts.append(Fact(kind="age", value=age, span=m.span(1)))


_FEMININE = {"actress", "songstress", "starlet"}
_MASCULINE = {"actor"}
_PRONOUN = re.compile(r"\b(she|hers|herself|he|his|himself)\b", re.I)  # object forms refer to others too often


def _gender(text: str, p: _Ent, others: list[Span]) -> str | None:
    """Tally the first pronoun after each mention (same sentence, 80 characters, before another name)."""
    votes: Counter[str] = Counter()
    for _s, e in p.spans:
        window = re.split(r"[.!?\n]", text[e : e + 80], maxsplit=1)[0]
        nxt = min((a - e for a, _b in others if e < a < e + 80), default=80)
        m = _PRONOUN.search(window[:nxt])
        if m:
            votes["F" if m.group(1).lower().startswith(("she", "her")) else "M"] += 1
    if not votes:
        return None
    (g, n), *rest = votes.most_common()
    return g if not rest or n >= 2 * rest[0][1] else None


def _role_evidence(text: str, p: _Ent, noun: str) -> bool:
    """The article itself calls ``p`` a ``noun`` ("model Mia Lund", "Mia Lund, the model")."""
    for a, b in p.spans:
        before = text[max(0, a - 40) : a].lower()
        after = text[b : b + 40].lower()
        if re.search(rf"\b{noun}s?\s+$", before) or re.match(rf"^,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,3}}{noun}\b", after):
            return True
    return False


def _epithets(text: str, ents: list[_Ent]) -> None:
    """Join "the actress" to a person only when the article makes it unambiguous.

    Either exactly one person is called that role elsewhere in the article ("actress Natalie
    Portman"), or the noun is gendered and one gender-compatible person dominates the article
    (at least 1.5 times the mentions of the next). Otherwise the epithet stays unlinked.
    """
    persons = [p for p in ents if p.type == "PERSON"]
    if not persons:
        return
    all_spans = [sp for p in persons for sp in p.spans]
    gender = {id(p): _gender(text, p, [sp for sp in all_spans if sp not in p.spans]) for p in persons}
    for m in _EPITHET.finditer(text):
        s, e = m.span()
        if any(not (e <= a or s >= b) for a, b in all_spans):
            continue
        noun = m.group(2).lower()
        evidenced = [p for p in persons if _role_evidence(text, p, noun)]
        if len(evidenced) == 1:
            top = evidenced[0]
        else:
            want = "F" if noun in _FEMININE else "M" if noun in _MASCULINE else None
            if want is None or evidenced:
                continue
            cands = sorted((p for p in persons if gender[id(p)] in (want, None)), key=lambda p: -len(p.spans))
            if not cands or gender[id(cands[0])] != want:
                continue
            if len(cands) > 1 and 2 * len(cands[0].spans) < 3 * len(cands[1].spans):
                continue  # no dominant compatible person: the epithet stays unlinked
            top = cands[0]
        phrase = text[s:e]
        top.aliases.add(phrase[0].lower() + phrase[1:])
        top.spans.add((s, e))
        all_spans.append((s, e))
