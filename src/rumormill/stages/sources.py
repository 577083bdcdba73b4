"""Sources and quotes: who said it, and through whom.

The stage pairs quote marks (``stages/quotes.py``), finds reporting cues with their speakers and
content in the parse (``stages/attribution.py``), then, in text order:

1. gives every quote the attribution that governs it: the cue whose content clause holds the quote,
   else the nearest cue in the quote's sentence(s), else "Name: “…”", else the speaker of the
   previous attribution in the same paragraph (or in the previous paragraph when this one opens
   with the quote: the newswire continuation); otherwise the quote's source is null and its note
   says why;
2. turns each speaker phrase into a source (``speakers.py``): named (a person/organisation
   entity, also through an apposition or a pronoun), outlet, anonymous ("a source", "one
   insider"), group ("friends", "those close to her"), document ("the report"), or the author
   ("I"/"we" outside quotes), joining ordinals and definite back-references;
3. records the outlets each source spoke through (``via``) and makes each of them an outlet source.

``state.scratch`` keys published for later stages:

- ``attributions``: one dict per attribution (every quote, plus reported speech and thought without
  quote marks): ``source`` (source id or None), ``cue`` (str, "" when none), ``cue_span``
  ((s, e) or None), ``content_span`` ((s, e) or None), ``quote`` (quote id or None), ``kind``
  (direct | mixed | indirect), ``cue_lemma`` (lemma of the reporting verb, "according to",
  "as per", ":" or ""), plus ``source_span`` (the speaker phrase) and ``cue_class``
  (class from ``lexicons/reporting_verbs.tsv``).
- ``source_mentions``: list of ``((s, e), source id)``.
- ``quote_spans``: list of ``(s, e)`` of every quote's words (titles excluded).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from rumormill.nlp.parse import Parse
from rumormill.pipeline import State
from rumormill.records import Ambiguity, Article, Published, Quote, Source
from rumormill.stages import attribution
from rumormill.stages.attribution import SPEECH, Attr, SentIndex
from rumormill.stages.quotes import QSpan, find_quotes
from rumormill.stages.speakers import PLATFORM_NAMES, Registry

VERSION = "sources.v3"

Span = tuple[int, int]


_THAT = re.compile(r"that,?\s*[“\"‘']+$")


def _direct(text: str, q: QSpan) -> bool:
    body = text[q.start : q.end]
    first = next((c for c in body if c.isalpha()), "")
    if not first:
        return False
    if first.isupper():
        return True
    return any(p in body[:-2] for p in (". ", "? ", "! "))


def _token_flags(state: State, quotes: list[QSpan]) -> list[bool]:
    toks = state.parse.tokens
    starts = [t.start for t in toks]
    flags = [False] * len(toks)
    for q in quotes:
        if q.title:
            continue
        k = bisect.bisect_left(starts, q.start)
        while k < len(toks) and toks[k].start < q.end:
            flags[k] = True
            k += 1
    return flags


def _paragraph_of(paragraphs: tuple[Span, ...], k: int) -> int:
    starts = [p[0] for p in paragraphs]
    return max(0, bisect.bisect_right(starts, k) - 1)


def _assign(state: State, quotes: list[QSpan], attrs: list[Attr]) -> dict[int, tuple[Attr | None, str | None]]:
    """quote index -> (governing attribution or None, note)."""
    text = state.parse.text
    parse = state.parse
    paras = state.article.paragraphs or ((0, len(text)),)
    by_sent: dict[int, list[Attr]] = {}
    for a in attrs:
        by_sent.setdefault(a.sent, []).append(a)
    out: dict[int, tuple[Attr | None, str | None]] = {}
    done: list[tuple[int, Attr]] = []  # (offset, attribution) of attributed quotes, in order
    for qi, q in enumerate(quotes):
        if q.title:
            continue
        inside = [a for a in attrs if a.content_span and (a.cue_span or a.post is not None)
                  and a.content_span[0] <= q.start and q.end <= a.content_span[1] + 1]
        chosen: Attr | None = None
        note: str | None = None
        speech = [a for a in inside if a.cue_class in SPEECH]
        if speech:  # the outermost speaker says the quoted words ("X suspected “…,” the insider claimed")
            chosen = max(speech, key=lambda a: a.content_span[1] - a.content_span[0])  # type: ignore[index]
        elif inside:
            chosen = min(inside, key=lambda a: a.content_span[1] - a.content_span[0])  # type: ignore[index]
        else:
            s0 = parse.sent_of(q.open)
            s1 = parse.sent_of(max(q.open, q.close - 1))
            lo = parse.sents.index(s0) if s0 else 0
            hi = parse.sents.index(s1) if s1 else lo
            # a colon-ended sentence introduces the quote that follows it, also from the end of the
            # paragraph before when the quote opens its own ("Cruz continued:\n\n“You look at …”")
            colon_par = False
            if lo > 0 and text[parse.sents[lo - 1].start : parse.sents[lo - 1].end].rstrip().endswith(":"):
                lo -= 1
                colon = text.rfind(":", parse.sents[lo].start, parse.sents[lo].end)
                colon_par = "\n" in text[colon : q.open] and not text[colon + 1 : q.open].strip()
            # “….” she said. / “…” — a source said: the attribution can open the next sentence
            after = q.close
            while after < len(text) and text[after] in " \t\xa0―—–-,":
                after += 1
            s2 = parse.sent_of(after) if after < len(text) else None
            hi0 = hi
            if s2 is not None and s2.start >= q.close - 1:
                hi = max(hi, parse.sents.index(s2))
            p_lo = paras[_paragraph_of(paras, q.open)][0]
            if colon_par:
                p_lo = paras[_paragraph_of(paras, parse.sents[lo].start)][0]
            p_hi = paras[_paragraph_of(paras, max(q.open, q.close - 1))][1]
            cands = [a for si in range(lo, hi + 1) for a in by_sent.get(si, ())
                     if a.cue_span and not (q.open <= a.cue_span[0] < q.close) and a.cue_class in SPEECH
                     and p_lo <= a.cue_span[0] < p_hi
                     # a cue in the next sentence after words of its own ("“…” Her sister is pregnant,
                     # sources told CNN") reports those words, not this quote
                     and not (si > hi0 and a.content_span is not None
                              and q.close <= a.content_span[0] and a.content_span[1] <= a.cue_span[0])]
            if cands:
                chosen = min(cands, key=lambda a: min(abs(a.cue_span[0] - q.close),  # type: ignore[index]
                                                       abs(q.open - a.cue_span[1])))  # type: ignore[index]
        if chosen is None:
            prev = [(k, a) for k, a in done if a.speaker is not None or a.source is not None]
            if prev:
                k, a = prev[-1]
                pq, pp = _paragraph_of(paras, k), _paragraph_of(paras, q.open)
                opens_par = not text[paras[pp][0] : q.open].strip()
                if pq == pp or (pq == pp - 1 and opens_par):
                    chosen = a
                    note = f"speaker carried over from the attribution at {a.cue_span[0] if a.cue_span else k}"
        if chosen is None:
            out[qi] = (None, "no reporting verb or speaker governs this quote, and no speaker is carried over")
            continue
        if note is None:
            chosen.quotes.append(qi)
        out[qi] = (chosen, note)
        done.append((q.open, chosen))
    return out


_DASH = re.compile(r"[ \t]*([―—–]|--)[ \t\xa0]*")


def _dash_speaker(state: State, q: QSpan, qi: int, index: dict[int, SentIndex]) -> Attr | None:
    """“…” ― Sonya Herridge: a name after a dash that closes a quote speaks it."""
    text = state.parse.text
    parse = state.parse
    m = _DASH.match(text, q.close)
    if m is None:
        return None
    first = parse.token_at(m.end())
    if first is None or first.pos not in ("PROPN", "NOUN", "DET", "ADJ"):
        return None
    toks = parse.tokens
    k = first.i
    while k + 1 < len(toks) and k + 1 - first.i < 8 and toks[k + 1].pos in ("PROPN", "NOUN", "ADJ", "DET", "NUM") \
            and "\n" not in text[toks[k].end : toks[k + 1].start]:
        k += 1
    if toks[k].pos not in ("PROPN", "NOUN"):
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.pos in ("VERB", "AUX") and "\n" not in text[toks[k].end : nxt.start]:
        return None  # "— a source said": the verb is the cue, found the ordinary way
    head = max(range(first.i, k + 1), key=lambda i: (toks[i].pos == "PROPN", i))
    si = toks[head].sent
    index.setdefault(si, SentIndex(parse, si))
    return Attr(cue_tok=None, cue_span=m.span(1), cue=m.group(1), cue_lemma=m.group(1), cue_class="neutral",
                speaker=head, speaker_span=(first.start, toks[k].end), content_span=(q.start, q.end), sent=si,
                quotes=[qi])


_NAME_COLON = re.compile(r"^[ \t]*((?:[A-Z][\w.’'&-]*)(?:[ \t]+(?:[A-Z][\w.’'&-]*|of|the|and)){0,5}):[ \t]+(?=[^\s“\"‘'])(.+?)[ \t]*$",
                         re.M)


def _line_colons(state: State, index: dict[int, SentIndex]) -> list[Attr]:
    """"Pence: Gennifer Flowers Won't Be at Debate": a name and a colon opening a line (headlines,
    transcripts) attribute the rest of the line, unless it opens with a quote mark (handled as a quote)."""
    text = state.parse.text
    parse = state.parse
    out: list[Attr] = []
    for m in _NAME_COLON.finditer(text):
        name_s, name_e = m.span(1)
        last = parse.token_at(name_e - 1)
        if last is None or last.pos not in ("PROPN", "NOUN"):
            continue
        if any(t.pos in ("VERB", "AUX") for t in parse.tokens[parse.token_at(name_s).i : last.i + 1]  # type: ignore[union-attr]
               ):
            continue
        index.setdefault(last.sent, SentIndex(parse, last.sent))
        c_s, c_e = m.span(2)
        while c_e > c_s and text[c_e - 1] in ".;":
            c_e -= 1
        out.append(Attr(cue_tok=None, cue_span=(name_e, name_e + 1), cue=":", cue_lemma=":", cue_class="neutral",
                        speaker=last.i, speaker_span=(name_s, name_e), content_span=(c_s, c_e), sent=last.sent))
    return out


def _colon_speakers(state: State, quotes: list[QSpan], assigned: dict[int, tuple[Attr | None, str | None]],
                    index: dict[int, SentIndex]) -> list[Attr]:
    """"Kasich: ‘We are going …’": a name right before a colon speaks the quote."""
    text = state.parse.text
    parse = state.parse
    made: list[Attr] = []
    for qi, (a, _note) in list(assigned.items()):
        if a is not None:
            continue
        q = quotes[qi]
        dash = _dash_speaker(state, q, qi, index)
        if dash is not None:
            assigned[qi] = (dash, None)
            made.append(dash)
            continue
        j = q.open - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        if j < 0 or text[j] != ":":
            continue
        tok = parse.token_at(j - 1) if j > 0 else None
        if tok is None:
            continue
        si = tok.sent
        ix = index.setdefault(si, SentIndex(parse, si))
        if tok.pos not in ("PROPN", "PRON") or tok.dep not in ("ROOT", "nsubj", "appos", "npadvmod", "dep"):
            # "Tom Reeves had a short answer: “…”": the subject of the clause before the colon
            root = tok.i
            while parse.tokens[root].head != root and ix.lo <= parse.tokens[root].head < ix.hi:
                root = parse.tokens[root].head
            subj = next((c for c in ix.kids.get(root, ()) if parse.tokens[c].dep == "nsubj"), None)
            if subj is None or parse.tokens[subj].pos not in ("PROPN", "PRON", "NOUN"):
                continue
            at = Attr(cue_tok=None, cue_span=(j, j + 1), cue=":", cue_lemma=":", cue_class="neutral",
                      speaker=subj, speaker_span=attribution.speaker_span(ix, subj), content_span=(q.start, q.end),
                      sent=si, quotes=[qi])
            assigned[qi] = (at, None)
            made.append(at)
            continue
        head = tok.i
        while parse.tokens[head].dep in ("compound", "flat") and head != parse.tokens[head].head:
            head = parse.tokens[head].head
        if not (parse.tokens[head].start <= tok.start < parse.tokens[head].end + 2 or head == tok.i):
            head = tok.i
        sp = (ix.span(ix.subtree(head, frozenset({"relcl", "acl", "appos"}))) or (tok.start, tok.end))
        sp = (sp[0], min(sp[1], j))
        at = Attr(cue_tok=None, cue_span=(j, j + 1), cue=":", cue_lemma=":", cue_class="neutral",
                  speaker=head, speaker_span=sp, content_span=(q.start, q.end), sent=si, quotes=[qi])
        assigned[qi] = (at, None)
        made.append(at)
    return made


_SIGNATURE = re.compile(r"[ \t]*(—|–|-{1,2})[ \t]*([^()\n—–]{0,60}?[ \t]*\(@\w{1,15}\))")


def _posts(state: State) -> list[Attr]:
    """Embedded social posts whose text stands in the article: the poster says those words. The
    signature after the text ("— Name (@handle) date"), when it is there, is the speaker's mention."""
    text = state.parse.text
    out: list[Attr] = []
    for k, e in enumerate(state.article.embeds):
        if e.span is None or not text[e.span[0] : e.span[1]].strip():
            continue
        tok = state.parse.token_at(e.span[0])
        if tok is None:
            continue
        sig = _SIGNATURE.match(text, e.span[1])
        out.append(Attr(cue_tok=None, cue_span=sig.span(1) if sig else None, cue=sig.group(1) if sig else "",
                        cue_lemma="post", cue_class="neutral", speaker=None,
                        speaker_span=sig.span(2) if sig else None, content_span=e.span, sent=tok.sent,
                        kind="direct", post=k))
    return out


def run(state: State) -> None:
    text = state.parse.text
    parse = state.parse
    works = [sp for e in state.entities if e.type == "WORK" for sp in e.spans]
    skip = [h.span for h in state.article.headings]
    quotes, amb = find_quotes(text, state.article.paragraphs, skip, works)
    flags = _token_flags(state, quotes)
    attrs, index = attribution.find(parse, flags)
    attrs += _posts(state)
    assigned = _assign(state, quotes, attrs)
    attrs = [a for a in attrs if not a.weak or a.quotes or a.post is not None]
    attrs += _colon_speakers(state, quotes, assigned, index)
    attrs += _line_colons(state, index)
    attrs.sort(key=lambda a: a.cue_span[0] if a.cue_span else a.content_span[0] if a.content_span else 0)

    reg = Registry(state, index, [(q.start, q.end) for q in quotes if not q.title])
    for at in attrs:
        if at.post is not None:
            e = state.article.embeds[at.post]
            at.source = reg.poster(e.platform, e.author, e.handle, at.speaker_span)
            at.source_span = at.speaker_span
        else:
            reg.resolve(at)

    # quote records: direct/mixed from marks, indirect from speech attributions without marks
    paragraphs = state.article.paragraphs or ((0, len(text)),)
    items: list[tuple[int, str, Span, Attr | None, str | None, int | None]] = []
    for qi, q in enumerate(quotes):
        if q.title or qi not in assigned:
            continue
        qa, qnote = assigned[qi]
        if qa is not None and qa.post is not None:
            continue  # quote marks inside a post: the post is the quote
        if qa is None and len(text[q.start : q.end].split()) == 1:
            continue  # a single word nobody speaks: a scare quote or a nickname
        kind = "direct" if _direct(text, q) else "mixed"
        if qa is not None and qa.source is None:
            qnote = qa.note or "the speaker could not be identified"
        items.append((q.start, kind, (q.start, q.end), qa, qnote, qi))
    for at in attrs:
        if at.post is not None and at.content_span is not None:
            pnote = None if at.cue_span else (f"an embedded {PLATFORM_NAMES[state.article.embeds[at.post].platform][0]} post "
                                              "kept in the text; its poster is read from the page's markup")
            items.append((at.content_span[0], "direct", at.content_span, at, pnote, None))
            continue
        if at.quotes or at.content_span is None or at.cue_class not in SPEECH or not at.clause:
            continue
        cs = at.content_span
        if any(cs[0] <= q.start < cs[1] for q in quotes if not q.title):
            continue
        inote = None if at.source else (at.note or "the speaker could not be identified")
        items.append((cs[0], "indirect", cs, at, inote, None))
    items.sort(key=lambda it: it[0])
    quote_id: dict[int, str] = {}
    records: list[Quote] = []
    attr_quote: dict[int, str] = {}
    for n, (_k, kind, span, ra, rnote, rqi) in enumerate(items, 1):
        qid = f"Q{n}"
        if rqi is not None:
            quote_id[rqi] = qid
        if ra is not None and rqi is None:
            attr_quote[id(ra)] = qid
        records.append(Quote(
            id=qid, kind=kind, span=span, source=ra.source if ra else None,
            cue=ra.cue if ra and ra.cue else None, cue_span=ra.cue_span if ra else None,
            paragraph=_paragraph_of(paragraphs, span[0]), note=rnote))
    state.quotes = records
    state.sources = reg.records()

    # scratch for later stages
    qi_of = {v: k for k, v in quote_id.items()}
    atts: list[dict[str, object]] = []
    for r in records:
        if r.kind == "indirect" or r.id not in qi_of:  # reported speech and posts: from the attributions below
            continue
        sa, _sn = assigned[qi_of[r.id]]
        content = r.span
        # "“My hope,” he said, “is that …”": a quote that resumes right after its cue is its own content
        resumes = sa is not None and sa.cue_span is not None and sa.cue_span[1] <= r.span[0] \
            and not text[sa.cue_span[1] : r.span[0]].strip(" ,:;\n“”\"'‘’—–-")
        if not resumes and sa and sa.content_span and sa.content_span[0] <= r.span[0] < sa.content_span[1] and (
                r.kind == "mixed" or _THAT.match(text, sa.content_span[0], r.span[0]) is not None):
            content = sa.content_span  # the reported clause the quote sits in ("said that “…”")
        elif not resumes and r.kind == "mixed" and sa is not None:
            content = _mixed_clause(state, index, sa, r.span) or content
        atts.append(_att_dict(sa, r.id, r.kind, content=content))
    for at in attrs:
        if at.quotes and any(k in quote_id for k in at.quotes):
            continue
        if at.content_span is None and at.speaker is None:
            continue
        d = _att_dict(at, attr_quote.get(id(at)), "direct" if at.post is not None else "indirect",
                      content=at.content_span)
        if at.post is not None:  # the signature's dash is no verb: the post frames all its words, outermost
            d["cue_span"] = None
        atts.append(d)
    atts.sort(key=_att_key)
    state.scratch["attributions"] = atts
    state.scratch["source_mentions"] = reg.mentions
    state.scratch["quote_spans"] = [(q.start, q.end) for q in quotes if not q.title]
    _summary(state, amb)


def _mixed_clause(state: State, index: dict[int, SentIndex], a: Attr, q: Span) -> Span | None:
    """The dependent of the cue a mixed quote sits in: "urged supporters to “check out” her tape"
    reports "supporters to “check out” her tape", not the two quoted words alone."""
    if a.cue_tok is None or a.sent not in index:
        return None
    ix = index[a.sent]
    toks = state.parse.tokens
    first = state.parse.token_at(q[0])
    if first is None or not ix.lo <= first.i < ix.hi:
        return None
    k = first.i
    for _ in range(40):
        h = toks[k].head
        if h == a.cue_tok:
            break
        if h == k:
            return None
        k = h
    else:
        return None
    if toks[k].dep in ("nsubj", "nsubjpass", "punct", "advmod", "aux", "neg", "npadvmod"):
        return None
    sp = ix.span(ix.subtree(k))
    if sp is None or not (sp[0] <= q[0] and q[1] <= sp[1] + 1):
        return None
    return sp


def _att_key(d: dict[str, object]) -> tuple[int, int]:
    sp = d["content_span"] or d["cue_span"] or (0, 0)
    return sp  # type: ignore[return-value]


def _att_dict(a: Attr | None, qid: str | None, kind: str, content: Span | None) -> dict[str, object]:
    return {
        "source": a.source if a else None,
        "cue": a.cue if a else "",
        "cue_span": a.cue_span if a else None,
        "content_span": content,
        "quote": qid,
        "kind": kind,
        "cue_lemma": a.cue_lemma if a else "",
        "cue_class": a.cue_class if a else "",
        "source_span": (a.source_span or a.speaker_span) if a else None,
        "content_parts": a.content_parts if a and a.content_parts and content == a.content_span else None,
    }


def _summary(state: State, amb: list[tuple[Span, str]]) -> None:
    kinds = {s.id: s.kind for s in state.sources}
    by_id = {s.id: s for s in state.sources}
    q_total = len(state.quotes)
    resting = [q for q in state.quotes if q.source and kinds.get(q.source) in ("anonymous", "group")]
    anon = [s for s in state.sources if s.kind == "anonymous"]
    groups = [s for s in state.sources if s.kind == "group"]
    relay_ids = {v for s in state.sources for v in s.via}
    relayed = [by_id[v].label for v in sorted(relay_ids, key=lambda v: min(by_id[v].spans, default=(0, 0)))]
    sg = state.sourcing
    sg["quotes_by_kind"] = dict(Counter(q.kind for q in state.quotes))
    sg["sources_by_kind"] = dict(Counter(s.kind for s in state.sources))
    sg["quotes_total"] = q_total
    sg["quotes_anonymous_or_group"] = len(resting)
    sg["share_quotes_anonymous_or_group"] = round(len(resting) / q_total, 3) if q_total else 0.0
    sg["anonymous_sources"] = len(anon)
    sg["relayed_through"] = relayed
    sg["quote_ambiguities"] = [{"span": list(sp), "reason": r} for sp, r in amb]
    sg["quote_summary"] = _sentence(q_total, len(resting), anon, groups, by_id,
                                    {s for q in resting if q.source for s in [q.source]})


def _sentence(total: int, resting: int, anon: list[Source], groups: list[Source],
              by_id: dict[str, Source], used: set[str]) -> str:
    if total == 0:
        return "No quotes."
    if resting == 0:
        return f"None of {total} quote{'s' if total != 1 else ''} rests on an anonymous or group source."
    a_used = [s for s in anon if s.id in used]
    g_used = [s for s in groups if s.id in used]
    parts = []
    for found, noun in ((a_used, "anonymous source"), (g_used, "group")):
        if not found:
            continue
        part = f"{len(found)} {noun}{'s' if len(found) != 1 else ''}"
        relayed = [s for s in found if s.via]
        if relayed:
            outlets: list[str] = []
            for s in relayed:
                for v in s.via:
                    if by_id[v].label not in outlets:
                        outlets.append(by_id[v].label)
            n = len(found)
            who = "relayed" if n == 1 else ("both relayed" if n == 2 and len(relayed) == 2 else
                                            "all relayed" if len(relayed) == n else f"{len(relayed)} relayed")
            part += f" ({who} through {' and '.join(outlets)})"
        parts.append(part)
    out = f"{resting} of {total} quotes rest on {' and '.join(parts)}"
    return out + "."


__all__ = ["VERSION", "Ambiguity", "run"]


_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def plain_article(text: str) -> Article:
    """An ``Article`` over ``text`` exactly as given (no ingestion, so offsets stay the caller's):
    paragraphs are the runs of text between blank lines."""
    paras = tuple((m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip())
    return Article(text=text, title=None, headings=(), paragraphs=paras, removed=(), embeds=(),
                   published=Published(value=None, earliest=None, latest=None, how="unknown", reason=None))


def analyze_plain(text: str, parse: Parse) -> State:
    """Entities then sources over a raw text and its parse (for the spaCy component and evaluation)."""
    from rumormill.stages import entities

    state = State(article=plain_article(text), parse=parse, published=plain_article(text).published)
    entities.run(state)
    run(state)
    return state
