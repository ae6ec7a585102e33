"""Reading figures for Spanish text, each naming its formula.

- The Szigriszt-Pazos perspicuity index (Szigriszt Pazos, 1993), read on the INFLESZ scale
  (Barrio-Cantalejo IM, Simón-Lorda P, Melguizo M, et al. Validación de la Escala INFLESZ
  para evaluar la legibilidad de los textos dirigidos a pacientes. An Sist Sanit Navar
  2008;31(2):135-152): 206.835 - 62.3 x syllables/words - words/sentences. On that scale
  below 40 is "muy difícil", 40-55 "algo difícil", 55-65 "normal", 65-80 "bastante fácil"
  and 80 or more "muy fácil". This is the figure compared with the levels' targets.
- The Fernández-Huerta index (Fernández Huerta, 1959) in its corrected form:
  206.84 - 60 x syllables/words - 1.02 x words/sentences. The form usually quoted,
  206.84 - 0.60 P - 1.02 F with F the sentences per 100 words, gives short sentences a
  lower score; F is the mean words per sentence, as in Flesch's formula it adapts (Law G.,
  "Error in the Fernandez Huerta readability formula", LINGUIST List 22.2332, 2011).
  Reported with no target.

Sentences and words are found as for English (`readability`), with Spanish abbreviations
(Dr., Sra., Ud., p. ej., EE. UU.) that end no sentence and numbers read aloud in Spanish;
syllables come from `silabas`.
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.build.settings import Level
from handouts.check import silabas, spoken
from handouts.check.readability import Counting, Reading


def _fraction(voice: spoken.Voice, count: int, bottom: int) -> str:
    names = {2: "medio", 3: "tercio", 4: "cuarto"}
    name = names.get(bottom) or (spoken.ordinal(str(bottom), voice) if bottom <= 10
                                 else spoken.cardinal(str(bottom), voice) + "avo")
    top = spoken.cardinal(str(count), voice)
    return f"{'un' if top == 'uno' else top} {name}{'s' if count != 1 else ''}"


def _time(voice: spoken.Voice, hours: int, minutes: int) -> str:
    said = spoken.cardinal(str(hours), voice)
    return f"{said} y {spoken.cardinal(str(minutes), voice)}" if minutes else said


VOICE = spoken.Voice(
    lang="es", digits=("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete",
                       "ocho", "nueve"),
    point="punto", percent="por ciento", dollars="dólares", to="a",
    always="veinticuatro siete",
    said=(("Dr", "doctor"), ("Dra", "doctora"), ("Sr", "señor"), ("Sra", "señora"),
          ("Srta", "señorita"), ("Ud", "usted"), ("Uds", "ustedes"), ("etc", "etcétera"),
          ("p. ej", "por ejemplo"), ("EE. UU", "Estados Unidos"), ("EE.UU", "Estados Unidos"),
          ("aprox", "aproximadamente"), ("núm", "número"), ("tel", "teléfono"),
          ("pág", "página"), ("máx", "máximo"), ("mín", "mínimo"), ("a. m", "a eme"),
          ("p. m", "pe eme")),
    numbering=("tipo", "Tipo", "fase", "Fase", "etapa", "Etapa", "grado", "Grado", "clase",
               "Clase", "lista", "Lista", "parte", "Parte", "nivel", "Nivel"),
    fraction=_fraction, time=_time)
"""Spanish as read aloud in the United States: numbers with num2words's Spanish
("novecientos ochenta y ocho"), a point before decimals ("dos punto cinco")."""

ABBREVIATIONS = frozenset({
    "dr", "dra", "sr", "sra", "srta", "sres", "ud", "uds", "etc", "p", "ej", "ee", "uu",
    "aprox", "núm", "tel", "pág", "págs", "máx", "mín", "av", "dto", "depto", "a", "m",
    "lic", "ing", "prof", "vol", "cap", "fig"})
"""Spanish words whose full stop marks an abbreviation, not a sentence's end (lower case,
without the last stop; "p. ej." is "p" and "ej", "EE. UU." "ee" and "uu", "a. m." "a" and
"m"). A sentence that ends on one runs on into the next: a score a little too low, never
too high."""

SPANISH = Counting(ABBREVIATIONS, VOICE, silabas.syllables, lambda words: None)
"""How Spanish text is counted."""

GENERIC_HEADINGS = frozenset({
    "introducción", "resumen", "información", "info", "detalles", "general",
    "generalidades", "otros", "otras", "varios", "notas", "más", "acerca", "datos",
    "descripción", "discusión", "conclusión", "conclusiones", "sección", "tema",
    "contenido", "antecedentes", "observaciones", "comentarios", "preguntas frecuentes",
    "información general", "más información", "otros datos", "aspectos generales",
    "conceptos básicos", "datos generales", "visión general", "panorama general",
    "otra información", "información importante", "temas"})
"""Spanish headings that tell the reader nothing about what follows."""

BANDS = ((80.0, "muy fácil"), (65.0, "bastante fácil"), (55.0, "normal"),
         (40.0, "algo difícil"), (float("-inf"), "muy difícil"))
"""The INFLESZ scale's bands, each from its lower bound (Barrio-Cantalejo et al., 2008)."""

SZIGRISZT = ("Szigriszt-Pazos perspicuity (INFLESZ scale): 206.835 - 62.3 x syllables/words"
             " - words/sentences")
FERNANDEZ_HUERTA = ("Fernández-Huerta (1959, corrected): 206.84 - 60 x syllables/words - "
                    "1.02 x words/sentences")


def szigriszt_pazos(reading: Reading) -> float:
    """The Szigriszt-Pazos perspicuity index of `reading` (0-100 on the INFLESZ scale,
    higher is easier; 0.0 for no words)."""
    if not reading.words or not reading.sentences:
        return 0.0
    return 206.835 - 62.3 * reading.syllables / reading.words - reading.words_per_sentence


def fernandez_huerta(reading: Reading) -> float:
    """The Fernández-Huerta index of `reading`, corrected form (higher is easier; 0.0 for
    no words)."""
    if not reading.words or not reading.sentences:
        return 0.0
    return 206.84 - 60 * reading.syllables / reading.words - 1.02 * reading.words_per_sentence


def band(inflesz: float) -> str:
    """The INFLESZ band a Szigriszt-Pazos figure falls in ("normal", "bastante fácil")."""
    return next(name for lower, name in BANDS if inflesz >= lower)


@dataclass(frozen=True)
class SpanishGrade:
    """One Spanish topic at one level: its reading figures and whether they meet the
    level's INFLESZ target."""

    topic: str
    level: Level
    reading: Reading
    min_inflesz: float | None
    """The level's target in Spanish (None: none)."""

    @property
    def inflesz(self) -> float:
        return szigriszt_pazos(self.reading)

    @property
    def fernandez_huerta(self) -> float:
        return fernandez_huerta(self.reading)

    @property
    def syllables_per_word(self) -> float:
        r = self.reading
        return r.syllables / r.words if r.words else 0.0

    @property
    def misses(self) -> list[str]:
        """The targets missed, each naming the formula."""
        if self.min_inflesz is None or self.inflesz >= self.min_inflesz:
            return []
        return [f"Szigriszt-Pazos perspicuity {self.inflesz:.1f} (INFLESZ "
                f"\"{band(self.inflesz)}\") is below {self.min_inflesz:g}"]

    def as_dict(self) -> dict[str, object]:
        r = self.reading
        return {"topic": self.topic, "level": self.level.name, "language": "es",
                "szigriszt_pazos_inflesz": round(self.inflesz, 2),
                "inflesz_band": band(self.inflesz), "inflesz_target": self.min_inflesz,
                "fernandez_huerta": round(self.fernandez_huerta, 2),
                "formulas": {"szigriszt_pazos_inflesz": SZIGRISZT,
                             "fernandez_huerta": FERNANDEZ_HUERTA},
                "words_per_sentence": round(r.words_per_sentence, 2),
                "syllables_per_word": round(self.syllables_per_word, 2),
                "sentences": r.sentences, "words": r.words, "syllables": r.syllables,
                "misses": self.misses}


def table(grades: list[SpanishGrade]) -> list[str]:
    """The lines `check` prints for Spanish grades: a header, a row each, and what the
    formulas are."""
    lines = [f"{'topic':30} {'level':9} {'Szigriszt-Pazos (INFLESZ)':>26} "
             f"{'INFLESZ band':>14} {'Fernández-Huerta':>16} {'sentences':>9} "
             f"{'words/sentence':>14} {'syllables/word':>14}"]
    for g in grades:
        target = f" (min {g.min_inflesz:g})" if g.min_inflesz is not None else ""
        verdict = "MISSED" if g.misses else "ok"
        lines.append(f"{g.topic:30} {g.level.name:9} {f'{g.inflesz:.1f}{target}':>26} "
                     f"{band(g.inflesz):>14} {g.fernandez_huerta:>16.1f} "
                     f"{g.reading.sentences:>9} {g.reading.words_per_sentence:>14.1f} "
                     f"{g.syllables_per_word:>14.2f}  {verdict}")
    lines.append(f"Spanish: {SZIGRISZT}, INFLESZ bands 55-65 normal, 65-80 bastante fácil "
                 "(Barrio-Cantalejo et al. 2008); targets are compared with it")
    lines.append(f"{FERNANDEZ_HUERTA}, reported with no target")
    return lines
