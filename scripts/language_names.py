"""Generate ``src/actorgraph/data/lang/<code>/languages.txt``: names of languages, which models
often tag as places or organisations ("Pashto", "Kurdisch") but which are never actors.

Source: ``pycountry`` (ISO 639 data from Debian iso-codes, LGPL-2.1+): every language with a
two-letter code, its English name and its German gettext translation.

Run from the repository root::

    python scripts/language_names.py
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    german = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    names: dict[str, set[str]] = {"en": set(), "de": set()}
    for language in pycountry.languages:
        if not hasattr(language, "alpha_2"):
            continue
        for part in language.name.replace(";", ",").split(","):
            names["en"].add(part.strip().lower())
            names["de"].add(german.gettext(part.strip()).lower())
    for lang, words in names.items():
        out = ROOT / "src" / "actorgraph" / "data" / "lang" / lang / "languages.txt"
        header = f"# Names of languages ({lang}) from pycountry (ISO 639), by scripts/language_names.py.\n"
        out.write_text(header + "\n".join(sorted(w for w in words if w)) + "\n", encoding="utf-8")
        print(f"wrote {len(words)} names to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
