"""Speaker phrases -> sources, joined up (part of the sources stage).

- Named: the speaker's head (or its apposition, or a pronoun resolved to the nearest earlier
  person of compatible gender) is a PERSON/ORG/PLACE entity. Outlet: an OUTLET entity, or a
  definite "the outlet"/"the magazine" back-reference to the last outlet cited.
- Anonymous: a singular noun of ``lexicons/source_nouns.tsv`` or any other singular human noun
  without a name ("a source", "a pal", "a man"). Group: a plural such noun ("insiders",
  "the actress's friends") or a group phrase of ``lexicons/source_phrases.tsv`` ("those close to her");
  its anonymous phrases ("people familiar with the matter") make an anonymous source.
  Document: a noun of ``lexicons/document_nouns.txt`` ("the report"). Author: "I"/"we".
- Joining anonymous sources: an ordinal names the n-th anonymous source ("a second insider" starts
  or joins source 2, "the first insider" joins source 1); "another"/"a"/"one" starts a new one;
  a definite back-reference ("the insider", "the source") joins the most recently mentioned
  compatible anonymous source and, when another one is also live, records an ambiguity.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rumormill.lexicons import load_list, load_table
from rumormill.pipeline import State
from rumormill.records import Ambiguity, Source
from rumormill.stages.attribution import Attr, SentIndex

Span = tuple[int, int]

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_OUTLET_NOUNS = {"outlet", "magazine", "publication", "newspaper", "tabloid", "site", "website", "paper",
                 "network", "channel", "broadcaster", "mag"}
_FEM = {"she", "her", "hers", "herself"}
_MASC = {"he", "him", "his", "himself"}
_PRONOUN_NEXT = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.I)
_LIVE_CHARS = 4000  # how far back an anonymous source still counts as "live" for a back-reference
# a social platform's outlet names, the label first
PLATFORM_NAMES = {"x": ("X", "Twitter"), "instagram": ("Instagram",), "tiktok": ("TikTok",)}


@cache
def _nouns() -> dict[str, str]:
    return {row[0]: row[1] for row in load_table("source_nouns.tsv") if len(row) > 1}


@cache
def _phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1], re.I)) for row in load_table("source_phrases.tsv") if len(row) > 1)


def _phrase_kind(text: str) -> str | None:
    return next((kind for kind, rx in _phrases() if rx.match(text)), None)


@cache
def _documents() -> frozenset[str]:
    return frozenset(load_list("document_nouns.txt"))


@dataclass(slots=True)
class _Src:
    id: str
    kind: str
    label: str
    entity: str | None
    cls: str = ""
    key: str = ""
    spans: list[Span] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    last: int = -1
    handles: set[str] = field(default_factory=set)  # social accounts whose posts this source made


class Registry:
    """All sources of one article, created and joined in text order."""

    def __init__(self, state: State, index: dict[int, SentIndex], quoted: list[Span] | None = None) -> None:
        self.state = state
        self._quoted = sorted(quoted or [])  # spans of quoted words: the people named there do not speak
        self.parse = state.parse
        self.index = index
        self.srcs: list[_Src] = []
        self.mentions: list[tuple[Span, str]] = []
        self._seen: dict[int, _Src] = {}  # speaker token -> its source (one phrase, one source)
        author = author_label(state.article.author, state.article.publisher)
        self.srcs.append(_Src(id="S0", kind="author", label=author, entity=None, key="author"))
        self.ent_type = {e.id: e.type for e in state.entities}
        self.ent_name = {e.id: e.name for e in state.entities}
        spans = sorted((s, e, ent.id) for ent in state.entities for s, e in ent.spans)
        self._ent_starts = [s for s, _e, _i in spans]
        self._ents = spans
        self.persons = sorted((s, e, ent.id) for ent in state.entities if ent.type == "PERSON"
                              for s, e in ent.spans)
        self.gender = self._genders()
        self._person_info = self._persons_by_sentence()

    # ------------------------------------------------------------------ lookups
    def entity_at(self, start: int, end: int) -> str | None:
        k = bisect.bisect_right(self._ent_starts, start) - 1
        for j in (k, k + 1):
            if 0 <= j < len(self._ents):
                s, e, eid = self._ents[j]
                if s < end and start < e:
                    return eid
        return None

    def _genders(self) -> dict[str, str]:
        text = self.parse.text
        votes: dict[str, Counter[str]] = {}
        starts = [s for s, _e, _i in self.persons]
        for n, (_s, e, eid) in enumerate(self.persons):
            stop = starts[n + 1] if n + 1 < len(starts) else e + 80
            window = re.split(r"[.!?\n“”\"]", text[e : min(stop, e + 80)], maxsplit=1)[0]
            m = _PRONOUN_NEXT.search(window)
            if m:
                votes.setdefault(eid, Counter())["F" if m.group(1).lower() in _FEM else "M"] += 1
        out = {}
        for eid, c in votes.items():
            (g, n), *rest = c.most_common()
            if not rest or n >= 2 * rest[0][1]:
                out[eid] = g
        return out

    def _pronoun(self, k: int, word: str) -> str | None:
        """The person a he/she speaker refers to: in this sentence before it, then in up to three
        earlier sentences, subjects first (the previous sentence's subject is the usual antecedent),
        then the most recent mention; the first of compatible gender wins."""
        want = "F" if word in _FEM else "M"
        tok = self.parse.token_at(k)
        if tok is None:
            return None
        ps = tok.sent
        in_quote = self._quoted_at(k)
        for si in range(ps, max(-1, ps - 4), -1):
            # "“After talking to Kanye, I …,” she said": a name inside the quoted words is not the speaker
            here = [m for m in self._person_info.get(si, []) if m[0] < k and (in_quote or not self._quoted_at(m[0]))]
            ranked = sorted(here, key=lambda m: (not m[3], -m[0]))
            for _s, _e, eid, _subj in ranked:
                if self.gender.get(eid, want) == want:
                    return eid
        return None

    def _quoted_at(self, k: int) -> bool:
        i = bisect.bisect_right(self._quoted, (k, 1 << 62)) - 1
        return i >= 0 and self._quoted[i][0] <= k < self._quoted[i][1]

    def _persons_by_sentence(self) -> dict[int, list[tuple[int, int, str, bool]]]:
        out: dict[int, list[tuple[int, int, str, bool]]] = {}
        toks = self.parse.tokens
        for s, e, eid in self.persons:
            t = self.parse.token_at(s)
            if t is None:
                continue
            k = t.i
            subj = False
            while k < len(toks) and toks[k].start < e:
                subj = subj or (toks[k].dep in ("nsubj", "nsubjpass") and toks[toks[k].head].dep == "ROOT")
                k += 1
            out.setdefault(t.sent, []).append((s, e, eid, subj))
        return out

    # ------------------------------------------------------------------ sources
    def _new(self, kind: str, label: str, entity: str | None, cls: str = "", key: str = "") -> _Src:
        src = _Src(id=f"S{len(self.srcs)}", kind=kind, label=label, entity=entity, cls=cls, key=key)
        self.srcs.append(src)
        return src

    def _by_entity(self, eid: str, kind: str) -> _Src:
        for s in self.srcs:
            if s.entity == eid:
                return s
        return self._new(kind, self.ent_name[eid], eid, key=eid)

    def _mention(self, src: _Src, span: Span) -> None:
        if span not in src.spans:
            src.spans.append(span)
        src.last = span[0]
        self.mentions.append((span, src.id))

    def _anonymous(self, words: list[str], cls: str, span: Span, label: str) -> _Src:
        anon = [s for s in self.srcs if s.kind == "anonymous"]
        ordinal = next((_ORDINALS[w] for w in words if w in _ORDINALS), None)
        det = words[0] if words else ""
        if ordinal is not None:
            if ordinal <= len(anon):
                return anon[ordinal - 1]
            return self._new("anonymous", label, None, cls=cls)
        if det in ("the", "this", "that", "said") and "another" not in words and "other" not in words:
            compat = [s for s in anon if cls == "insider" or s.cls in (cls, "insider") or not s.cls]
            live = [s for s in compat if s.last >= 0 and span[0] - s.last <= _LIVE_CHARS]
            pool = live or compat
            if pool:
                best = max(pool, key=lambda s: s.last)
                if len(live) > 1:
                    others = ", ".join(f"{s.id} ({s.label})" for s in live if s is not best)
                    best.ambiguous.append(Ambiguity(
                        span=span, reason=f"“{label}” could also be {others}; joined to the most recently "
                                          f"mentioned {best.id} ({best.label})"))
                return best
        return self._new("anonymous", label, None, cls=cls)

    def _group(self, label: str, head_lemma: str, words: list[str]) -> _Src:
        key = " ".join(w for w in label.lower().split() if w not in ("the", "some", "many", "other"))
        for s in self.srcs:
            if s.kind == "group" and (s.key == key or (s.cls == head_lemma and words and words[0] in
                                                       ("the", "those", head_lemma + "s", head_lemma))):
                return s
        return self._new("group", label, None, cls=head_lemma, key=key)

    # ------------------------------------------------------------------ resolve one attribution
    def resolve(self, a: Attr) -> None:
        parse = self.parse
        text = parse.text
        if a.speaker is None or a.speaker_span is None:
            a.note = f"no speaker found for the cue “{a.cue}”"
            return
        h = parse.tokens[a.speaker]
        ix = self.index.get(h.sent) or self.index.setdefault(h.sent, SentIndex(parse, h.sent))
        span = a.speaker_span
        core_idx = ix.subtree(h.i, frozenset({"relcl", "acl", "appos"}))
        core_idx = sorted(set(core_idx) | {t.i for t in parse.tokens[ix.lo : h.i] if t.start >= span[0]})
        core_idx = [k for k in core_idx if parse.tokens[k].pos not in ("PUNCT", "SPACE")
                    and span[0] <= parse.tokens[k].start < span[1]]
        label = text[parse.tokens[core_idx[0]].start : parse.tokens[core_idx[-1]].end] if core_idx else h.text
        words = [parse.tokens[k].lower for k in core_idx]
        src = self._seen.get(h.i)
        if src is None:
            src = self._classify(a, h, ix, span, label, words)
            if src is not None:
                self._seen[h.i] = src
        if src is None:
            return
        a.source = src.id
        a.source_span = span
        self._mention(src, span)
        for oid in self._outlets(a, src):
            if oid not in src.via and oid != src.id:
                src.via.append(oid)

    def _classify(self, a: Attr, h, ix: SentIndex, span: Span, label: str, words: list[str]) -> _Src | None:  # type: ignore[no-untyped-def]
        parse = self.parse
        toks = parse.tokens
        # entity on the head, on an apposition, or on the head this phrase is an apposition of
        cands = [h.i] + [c for c in ix.kids.get(h.i, ()) if toks[c].dep in ("appos", "compound")]
        for k in cands:
            eid = self.entity_at(toks[k].start, toks[k].end)
            if eid is None:
                continue
            etype = self.ent_type[eid]
            if etype == "OUTLET" and k != h.i and h.lemma.lower() in _nouns():
                continue  # "an Us Weekly source": the outlet's source, relayed through it (via)
            if etype == "OUTLET":
                return self._by_entity(eid, "outlet")
            if etype in ("PERSON", "ORG", "PLACE", "GROUP"):
                return self._by_entity(eid, "named")
            if etype == "WORK":
                return self._by_entity(eid, "document")
        low = h.lower
        pk = _phrase_kind(parse.text[span[0] : span[1]])
        if pk == "anonymous":
            return self._anonymous(words, "insider", span, label)
        if pk == "group":
            return self._group(label, h.lemma.lower(), words)
        if h.pos == "PRON" or h.tag in ("PRP", "PRP$"):
            if low in ("i", "we", "me", "us"):
                return self.srcs[0]
            if low in _FEM or low in _MASC:
                eid = self._pronoun(h.start, low)
                if eid is None:
                    a.note = f"the pronoun “{h.text}” could not be resolved to a person"
                    return None
                return self._by_entity(eid, "named")
            if low == "they":
                groups = [s for s in self.srcs if s.kind == "group" and s.last >= 0]
                if groups:
                    return max(groups, key=lambda s: s.last)
            a.note = f"the pronoun “{h.text}” could not be resolved"
            return None
        lemma = h.lemma.lower()
        if lemma in _OUTLET_NOUNS and words[:1] == ["the"]:
            outlets = [s for s in self.srcs if s.kind == "outlet" and s.last >= 0]
            if outlets:
                return max(outlets, key=lambda s: s.last)
        if h.pos == "PROPN":
            key = label.lower()
            for s in self.srcs:
                if s.kind == "named" and s.key == key:
                    return s
            return self._new("named", label, None, key=key)
        if lemma in _documents():
            key = label.lower()
            for s in self.srcs:
                if s.kind == "document" and s.key == key:
                    return s
            return self._new("document", label, None, key=key)
        if h.pos not in ("NOUN",):
            a.note = f"the speaker “{label}” is not a person, group, outlet or document"
            return None
        plural = h.tag in ("NNS", "NNPS")
        cls = _nouns().get(lemma)
        if plural:
            return self._group(label, lemma, words)
        if cls is None and words[:1] not in (["the"], ["this"], ["that"]):
            a.note = f"the speaker “{label}” is not recognised as a person, group, outlet or document"
            return None
        if cls is None and words[:1] in (["the"], ["this"], ["that"]) and not any(w in _ORDINALS for w in words):
            # "the actress", "the ‘Black Swan’ star": a description of someone named elsewhere
            eid = self._dominant_person()
            if eid is None:
                a.note = f"“{label}” describes someone who could not be tied to one named person"
                return None
            return self._by_entity(eid, "named")
        return self._anonymous(words, cls or "person", span, label)  # cls is set here

    def _dominant_person(self) -> str | None:
        """The article's main person: at least 1.5 times the mentions of anyone else (as entities do)."""
        counts = Counter(i for _s, _e, i in self.persons).most_common(2)
        if not counts:
            return None
        if len(counts) == 1 or 2 * counts[0][1] >= 3 * counts[1][1]:
            return counts[0][0]
        return None

    def poster(self, platform: str, author: str | None, handle: str | None, mention: Span | None) -> str:
        """The source of an embedded social post: its poster (one source per handle), named through an
        entity when the signature's name is one, relayed through the platform (an outlet source)."""
        key = f"@{handle.lower()}" if handle else f"post:{(author or '').lower()}"
        src = next((s for s in self.srcs if key in s.handles), None)
        if src is None:
            eid = self.entity_at(*mention) if mention else None
            if eid is None and author:
                eid = next((e.id for e in self.state.entities
                            if e.type in ("PERSON", "ORG", "OUTLET") and e.name.lower() == author.lower()), None)
            if eid is not None:  # the person or outlet the article already names: one source
                src = self._by_entity(eid, "outlet" if self.ent_type.get(eid) == "OUTLET" else "named")
                if handle and "(@" not in src.label:  # its first handle, also when the prose quoted it first
                    src.label = f"{src.label} (@{handle})"
            else:
                label = f"{author} (@{handle})" if author and handle else author or (f"@{handle}" if handle else "a poster")
                src = self._new("named", label, None, key=key)
        src.handles.add(key)
        if mention:
            self._mention(src, mention)
        pkey = f"platform:{platform}"
        plat = next((s for s in self.srcs if s.key == pkey), None)
        if plat is None:
            names = PLATFORM_NAMES.get(platform, (platform,))
            eid = next((e.id for e in self.state.entities if e.type == "OUTLET" and e.name in names), None)
            plat = next((s for s in self.srcs if eid is not None and s.entity == eid), None) or self._new(
                "outlet", names[0], eid, key=pkey)
        if plat.id not in src.via and plat.id != src.id:
            src.via.append(plat.id)
        return src.id

    def _outlets(self, a: Attr, src: _Src) -> list[str]:
        out: list[str] = []
        toks = self.parse.tokens
        for k in a.via:
            eid = self.entity_at(toks[k].start, toks[k].end)
            if eid is None or self.ent_type.get(eid) != "OUTLET" or eid == src.entity:
                continue
            o = self._by_entity(eid, "outlet")
            if o.kind != "outlet":
                continue
            sp = next(((s, e) for s, e, i in self._ents if i == eid and s <= toks[k].start < e),
                      (toks[k].start, toks[k].end))
            self._mention(o, sp)
            if o.id not in out:
                out.append(o.id)
        return out

    def records(self) -> list[Source]:
        return [Source(id=s.id, kind=s.kind, label=s.label, entity=s.entity, via=tuple(s.via),
                       spans=tuple(sorted(set(s.spans))), ambiguous=tuple(s.ambiguous)) for s in self.srcs]


def author_label(author: str | None, publisher: str | None) -> str:
    """The label of the article's own source S0: its byline and/or publisher when known."""
    if author and publisher:
        return f"{author} ({publisher})"
    return author or publisher or "the article's author"
