"""Residue lines: photo credits, embed boilerplate, teasers and navigation, name-only captions.

``classify(line)`` returns the reason a line is residue, or ``None``. Patterns come
from the boilerplate seen in celebrity/gossip pages (Instagram/X/TikTok embeds,
"Credits:" lines, "PHOTOS:" teasers) and from the tune half of the extraction
benchmark (wire-service credit lines, "Follow X on Twitter" promos, copyright and
reprint notices, reading-time lines). They are whole-line patterns, so a sentence
that merely mentions Instagram or a photo stays. Each rule was checked for false
positives on the real articles in ../shared/data (see docs/ingest.md).

Reasons (the ``removed[].reason`` values): ``embed boilerplate``, ``photo credit``,
``photo caption with credit``, ``teaser or navigation``, ``promotion``,
``byline or contributor credit``, ``copyright notice``, ``bare link``, ``separator``
and, from ``is_name_list`` via ``ingest.text``, ``caption: names only``.
"""

from __future__ import annotations

import re

_CREDIT = re.compile(
    r"""^\(?\s*(?:photo|image|picture|pic|video|credits?|photograph|getty)
        (?:\s+(?:credits?|by|courtesy))?\s*[:|/]\s*.{1,80}$
      |^\(?\s*(?:photo|image|picture)s?\s+(?:by|via|courtesy\s+of)\s+.{1,80}\)?$
      |^\(?(?:getty(?:\s+images)?|shutterstock|ap(?:\s+photo)?|reuters|afp|splash(?:\s+news)?|backgrid|mega|wireimage|filmmagic|
        rex(?:\s+features)?|rex/shutterstock|pa(?:\s+(?:photos|images|wire))?|akm-gsi|x17(?:online)?|bauer-griffin|
        instar(?:\s+images)?|fameflynet|startraks|invision|epa(?:-efe)?|alamy|zuma(?:\s+press)?)
        (?:\s*[/|,;]\s*[\w .'&-]{1,40})*\)?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption that ends with its credit: "The core stage ... (credit: NASA/Jude Guidry)".
_CAPTION_CREDIT = re.compile(
    r"^.{0,300}[(\[](?:photo|image|picture|credit|credits|photo\s+credit)s?\s*:\s*[^)\]]{1,80}[)\]]\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"\s*([(\[](?:photo|image|picture|credit|credits|photo\s+credit)s?\s*:\s*[^)\]]{1,80}[)\]])\s*(\.?)$",
    re.IGNORECASE,
)
_EMBED = re.compile(
    r"""^view\s+this\s+(?:post|photo|video|reel|profile)\s+on\s+(?:instagram|tiktok|facebook|x|twitter)\.?$
      |^a\s+(?:post|photo|video|reel)\s+(?:shared|posted)\s+by\s+.{1,80}$
      |^(?:—|-|–)\s*.{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$
      |^pic\.twitter\.com/\w+$
      |^(?:@\w{1,30})?\s*\(?@\w{1,30}\)?\s*(?:on\s+(?:instagram|x|twitter|tiktok))?$
      |^(?:tweet|embed|instagram\s+post|tiktok\s+video|watch\s+on\s+tiktok|♬.*)$
      |^(?:\d+(?:\.\d+)?[km]?\s+(?:likes?|views?|comments?))$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER = re.compile(
    r"""^\[?(?:photos?|pics|gallery|video|watch|related(?:\s+(?:posts?|stories|articles|links?|content|coverage|videos?))?|
          read\s+more|learn\s+more|see\s+also|more|click\s+here|also\s+read|read\s+also|don'?t\s+miss|recommended|trending|
          up\s+next|listen|you\s+(?:may|might)\s+also\s+like)\s*[:>|»].{0,200}$
      |^(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|
          continue\s+reading.{0,40}|share\s+this\s+(?:article|story|post)|share\s+on\s+\w+|
          subscribe(?:\s+now)?(?:\s+to.{0,80})?|sign\s+up\s+(?:for|to|now).{0,120}|
          (?:this\s+article\s+)?(?:has\s+been\s+)?(?:updated|posted)\s+(?:on|at)\s.{0,60}|
          scroll\s+(?:down|to\s+continue).{0,60}|skip\s+(?:to\s+)?(?:content|ad)|
          loading(?:\s+video)?\.*|comments?|\d+\s+comments?|
          most\s+(?:read|popular|viewed|shared)(?:\s+(?:in|on|from)\s+[\w ]{1,30})?|
          \d{1,2}\s+min(?:ute)?s?\s+read|reading\s+time\s*:.{0,20})[.:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_PROMO = re.compile(
    r"""^follow\s+.{1,80}?\s+on\s+(?:facebook|twitter|instagram|youtube|tiktok|snapchat|linkedin|x)\b.{0,120}$
      |^follow\s+.{1,80}?\s+at\s+https?://\S+\.?$
      |^(?:like\s+this\s+(?:story|article)\?|if\s+you\s+(?:enjoyed|liked)\s+this\s+(?:article|story|post)\b).{0,300}$
      |^also\s+on\s+[\w-]+\.(?:com|net|org|co\.uk)\b.{0,200}$
      |^(?:reach|contact|email)\s+(?:the\s+)?(?:reporters?|writers?|authors?)\b.{0,160}$
      |^.{0,160}\bclick\s+here\s+for\s+more\s+information\.?$
      |^this\s+copy\s+is\s+for\s+your\s+personal,?\s+non-?commercial\s+use\s+only\b.{0,300}$""",
    re.IGNORECASE | re.VERBOSE,
)
# Names in a credit line: capitalised words joined by commas, "and", "&" ("Jane Roe, John Doe and Ann Lee").
_NAME = r"(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,3}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME}){{0,8}}(?:\s+in\s+{_NAME})?"
_CREDIT_PART = rf"(?:reporting|writing|additional\s+reporting|editing|edited|compiled)\s+by\s+{_NAMES}"
_BYLINE = re.compile(
    rf"""^{_CREDIT_PART}(?:\s*[;,]\s*(?:and\s+)?{_CREDIT_PART})*\.?$
      |^(?:the\s+)?(?:associated\s+press|ap|reuters|afp|cnn|bloomberg)\s+(?:writers?|reporters?|correspondents?)\s+
        {_NAMES}\s+contributed(?:\s+to\s+this\s+(?:report|story|article))?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,120}$", re.IGNORECASE)
_BARE_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\W_]{1,40}$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|&|and|,|de|da|van|von|la|le|del|di)$")
_NOT_NAME_CHAR = re.compile(r"[^\w\s,&'’.-]|\d")
_NAME_FUNCTION = {"and", "&", ",", "de", "da", "van", "von", "la", "le", "del", "di"}


def classify(line: str) -> str | None:
    """Why ``line`` is residue, or None (see the module docstring for the reasons)."""
    s = line.strip().strip("|").strip()
    if not s:
        return "separator" if line.strip() else None
    if "|" not in line and _SEPARATOR.match(s):
        return "separator"
    if len(s) <= 160 and _EMBED.match(s):
        return "embed boilerplate"
    if len(s) <= 140 and len(s.split()) <= 8 and _CREDIT.match(s):
        return "photo credit"
    if len(s) <= 400 and _CAPTION_CREDIT.match(s):
        return "photo caption with credit"
    if len(s) <= 220 and _TEASER.match(s):
        return "teaser or navigation"
    if len(s) <= 500 and _PROMO.match(s):
        return "promotion"
    if len(s) <= 400 and _BYLINE.match(s):
        return "byline or contributor credit"
    if len(s) <= 140 and _COPYRIGHT.match(s):
        return "copyright notice"
    if _BARE_LINK.match(s):
        return "bare link"
    return None


def split_caption_credit(line: str) -> tuple[str, str]:
    """``"Caption text (Photo: Splash News)."`` -> (``"Caption text."``, ``"(Photo: Splash News)"``)."""
    s = line.strip().strip("|").strip()
    m = _CREDIT_TAIL.search(s)
    if not m:
        return "", s
    caption = s[: m.start()].rstrip()
    if caption and m.group(2) and caption[-1] not in ".!?":
        caption += m.group(2)
    return caption, m.group(1)


def is_name_list(line: str) -> bool:
    """A caption that is only a list of capitalised names ("Natalie Portman Benjamin Millepied").

    All-capitals lines ("BAAR, SWITZERLAND", "GIRLS BASKETBALL") are datelines or
    headings, not name captions.
    """
    s = line.strip()
    if not s or s[-1] in ".!?:;\"”’'" or s.isupper() or _NOT_NAME_CHAR.search(s):
        return False
    toks = re.findall(r"[\w'’.-]+|&|,", s)
    words = [t for t in toks if t.lower() not in _NAME_FUNCTION]
    if len(words) < 2 or len(toks) > 12:
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and all(w[0].isupper() for w in words)
