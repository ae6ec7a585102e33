"""Brand texts given per language: `hours`, `disclaimer`, `qr_url` and each help line under
`defaults.handouts` may be a mapping from BCP 47 tag to text, as content text is a mapping
from level to text:

```yaml
defaults:
  handouts:
    hours: {en: Mon-Fri 8 am to 6 pm, es: lunes a viernes de 8 a. m. a 6 p. m.}
```

Handouts in a language take the text tagged with it, else with its language alone ("es"
serves "es-US"); handouts.brand.model.Brand.untranslated says which language lacks one.
"""

from __future__ import annotations

from collections.abc import Callable

from handouts.brand.model import PerLanguage
from handouts.brand.reader import BrandWalk
from handouts.build.languages import TAG_RE, TAG_TODO
from handouts.errors import Location
from handouts.schema.nodes import Map, Scalar, described, is_null

Checked = Callable[[str, Location, str], bool]
"""Whether a text (written at a place, named) is acceptable; a problem recorded if not."""


def per_language(walk: BrandWalk, node: Map, where: str, check: Checked | None = None
                 ) -> PerLanguage | None:
    """The mapping `node` (written as `where`) as texts per language; None, with each
    problem recorded in `walk`, when a key is not a BCP 47 tag, a value is not text or
    fails `check`, or the mapping is empty."""
    texts: dict[str, str] = {}
    ok = True
    for tag, value in node.items.items():
        at = node.key_at[tag]
        if not TAG_RE.fullmatch(tag):
            walk.problem(at, f"{where}: '{tag}' is not a language tag", TAG_TODO)
            ok = False
        elif not isinstance(value, Scalar) or is_null(value):
            walk.problem(value.at, f"{where} ({tag}) must be text, not {described(value)}")
            ok = False
        elif check is not None and not check(value.text.strip(), value.at, f"{where} ({tag})"):
            ok = False
        else:
            texts[tag] = value.text.strip() if check is not None else value.text
    if not node.items:
        walk.problem(node.at, f"{where} is an empty mapping",
                     "give a text, or a text per language: {en: ..., es: ...}")
        return None
    return PerLanguage(texts, node.at) if ok else None
