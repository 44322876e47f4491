"""Whole amounts in words for letters, in the letter's language (no ORM).

num2words names some languages differently from Odoo (Bokmål is "no", Danish "dk" in
older releases) and the release Odoo pins for Python 3.11 has no Swedish: Swedish
amounts are then spelled here.
"""

from num2words import CONVERTER_CLASSES, num2words

# Odoo language (its first two letters) -> num2words languages to try, in order.
NUM2WORDS_LANGUAGES = {
    "nb": ("nb", "no"),
    "nn": ("nn", "no"),
    "no": ("no",),
    "da": ("da", "dk"),
}

_SV_UNITS = (
    "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
)
_SV_TENS = ("", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio")


def _swedish_below_thousand(number):
    hundreds, rest = divmod(number, 100)
    words = f"{_SV_UNITS[hundreds]}hundra" if hundreds else ""
    if rest >= 20:
        tens, units = divmod(rest, 10)
        words += _SV_TENS[tens] + (_SV_UNITS[units] if units else "")
    elif rest or not hundreds:
        words += _SV_UNITS[rest]
    return words


def swedish_words(number):
    """A non-negative integer in Swedish, written as on a cheque ("ettusen tvåhundraåttiofem")."""
    if number < 0:
        raise ValueError("negative amount")
    millions, rest = divmod(number, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts = []
    if millions:
        head = "en" if millions == 1 else swedish_words(millions)
        parts.append(f"{head} {'miljon' if millions == 1 else 'miljoner'}")
    if thousands:
        head = _swedish_below_thousand(thousands)
        parts.append(head[:-1] + "tusen" if head.endswith("ett") else head + "tusen")  # ett + tusen: ettusen
    if units or not parts:
        parts.append(_swedish_below_thousand(units))
    return " ".join(parts)


def number_words(number, lang):
    """`number` (a non-negative integer) in words in Odoo language `lang` ("nb_NO"); English if unknown."""
    code = (lang or "en_US").replace("-", "_")
    short = code.split("_")[0]
    for candidate in (code, *NUM2WORDS_LANGUAGES.get(short, (short,))):
        if candidate in CONVERTER_CLASSES:
            return num2words(number, lang=candidate)
    if short == "sv":
        return swedish_words(number)
    return num2words(number, lang="en")
