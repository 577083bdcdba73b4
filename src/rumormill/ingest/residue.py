"""Residue lines: photo credits, embed boilerplate, teasers and navigation, name-only captions.

``classify(line)`` returns the reason a line is residue, or ``None``. Patterns come
from the boilerplate seen in celebrity/gossip pages (Instagram/X/TikTok embeds,
"Credits:" lines, "PHOTOS:" teasers) and from the extraction benchmark's pages;
they are whole-line patterns, so a sentence that merely mentions Instagram stays.
"""

from __future__ import annotations

import re

_CREDIT = re.compile(
    r"""^\(?\s*(?:photo|image|picture|pic|video|credit|credits|source|photograph|getty)s?
        (?:\s+(?:credit|credits|by|courtesy))?\s*[:|/-]\s*.{1,80}$
      |^\(?\s*(?:photo|image|picture)s?\s+(?:by|via|courtesy\s+of)\s+.{1,80}\)?$
      |^\(?(?:getty\s+images|shutterstock|ap\s+photo|reuters|afp|splash\s+news|backgrid|mega|wireimage|filmmagic)
        (?:\s*[/|,;]\s*[\w .'&-]{1,40})*\)?\.?$
      |^.{0,80}\((?:photo|image|credit)s?\s*:\s*[^)]{1,60}\)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_EMBED = re.compile(
    r"""^view\s+this\s+(?:post|photo|video|profile)\s+on\s+(?:instagram|tiktok|facebook|x|twitter)\.?$
      |^a\s+(?:post|photo|video)\s+shared\s+by\s+.{1,80}$
      |^(?:—|-|–)\s*.{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$
      |^pic\.twitter\.com/\w+$
      |^(?:@\w{1,30})?\s*\(?@\w{1,30}\)?\s*(?:on\s+(?:instagram|x|twitter|tiktok))?$
      |^(?:tweet|embed|instagram\s+post|tiktok\s+video|watch\s+on\s+tiktok|♬.*)$
      |^(?:\d+(?:\.\d+)?[km]?\s+(?:likes?|views?|comments?))$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER = re.compile(
    r"""^(?:photos?|pics|gallery|video|watch|related|read\s+more|see\s+also|more|click\s+here|
          also\s+read|don'?t\s+miss|recommended|trending|up\s+next|listen)\s*[:>|»-].{0,200}$
      |^(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|
          continue\s+reading.{0,40}|share\s+this\s+article|share\s+on\s+\w+|follow\s+us\s+on.{0,60}|
          subscribe(?:\s+now)?(?:\s+to.{0,80})?|sign\s+up\s+(?:for|to|now).{0,120}|
          (?:this\s+article\s+)?(?:has\s+been\s+)?(?:updated|posted)\s+(?:on|at)\s.{0,60}|
          scroll\s+(?:down|to\s+continue).{0,60}|skip\s+(?:to\s+)?(?:content|ad)|
          loading(?:\s+video)?\.*|comments?|\d+\s+comments?)\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|&|and|,|de|da|van|von|la|le|del|di)$")
_NAME_FUNCTION = {"and", "&", ",", "de", "da", "van", "von", "la", "le", "del", "di"}


def classify(line: str) -> str | None:
    """Why ``line`` is residue (photo credit, embed boilerplate, teaser/navigation), or None."""
    s = line.strip()
    if not s:
        return None
    if len(s) <= 160 and _EMBED.match(s):
        return "embed boilerplate"
    if len(s) <= 140 and _CREDIT.match(s):
        return "photo credit"
    if len(s) <= 220 and _TEASER.match(s):
        return "teaser or navigation"
    return None


def is_name_list(line: str) -> bool:
    """A caption that is only a list of capitalised names ("Natalie Portman Benjamin Millepied")."""
    s = line.strip()
    if not s or s[-1] in ".!?:;\"”’'":
        return False
    toks = re.findall(r"[\w'’.-]+|&|,", s)
    words = [t for t in toks if t.lower() not in _NAME_FUNCTION]
    if len(words) < 2 or len(toks) > 12:
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and all(w[0].isupper() for w in words)
