"""The French, Spanish and Korean catalogues are complete, compiled and safe to format.

No database: these tests only read lms/locale/<lang>/LC_MESSAGES/django.po and .mo.
When one fails, translate the entries it lists and run `make messages`.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(__file__).resolve().parent.parent / "lms" / "locale"
LANGUAGES = ["fr", "es", "ko"]
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ko": "nplurals=1; plural=0;",
}
HINT = "run make messages"

# %(name)s, %s, %d, %.2f, %-5d ... but not a literal %%.
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]"
)
# {name}, {0}, {}, {name!r:>10}; but not doubled {{ }}.
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(?P<field>[^{}]*)\}(?!\})")


def _po(lang: str) -> polib.POFile:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing; {HINT}"
    return polib.pofile(str(path))


def _live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete and entry.msgid]


def _is_untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or any(not v for v in entry.msgstr_plural.values())
    return not entry.msgstr


def _describe(entry: polib.POEntry) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} ({where or 'no reference'})"


def _key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _value(entry) -> tuple:
    if entry.msgid_plural:
        return tuple(text for _, text in sorted(entry.msgstr_plural.items()))
    return (entry.msgstr,)


def _percent_placeholders(text: str) -> tuple[Counter, list[str]]:
    """Named placeholders (as a multiset) and positional ones (in order)."""
    named, positional = Counter(), []
    for match in PERCENT_PLACEHOLDER.finditer(text.replace("%%", "")):
        if match.group("name") is not None:
            named[match.group("name")] += 1
        else:
            positional.append(match.group(0)[-1])
    return named, positional


def _brace_fields(text: str) -> set[str]:
    return {
        re.split(r"[!:]", m.group("field"), maxsplit=1)[0] for m in BRACE_PLACEHOLDER.finditer(text)
    }


def _placeholder_problems(entry: polib.POEntry) -> list[str]:
    """Why this translation could crash, or lose a value, when formatted at runtime."""
    problems = []
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    if entry.msgid_plural:
        forms = [text for _, text in sorted(entry.msgstr_plural.items())]
    else:
        forms = [entry.msgstr]
    forms = [form for form in forms if form]  # empty ones are the completeness test's job

    percent = "python-format" in entry.flags or (
        "no-python-format" not in entry.flags
        and any(_percent_placeholders(s) != (Counter(), []) for s in sources)
    )
    if percent:
        source_named = [set(_percent_placeholders(s)[0]) for s in sources]
        source_positional = [_percent_placeholders(s)[1] for s in sources]
        all_names = set().union(*source_named)
        for index, form in enumerate(forms):
            named, positional = _percent_placeholders(form)
            if entry.msgid_plural:
                # A singular form may leave the count out ("un cours"), but no form may
                # use a name the code does not pass, and the last form must keep all of
                # the plural's names (Korean has only that form).
                unknown = set(named) - all_names
                if unknown:
                    problems.append(f"msgstr[{index}] uses unknown {sorted(unknown)}")
                if index == len(forms) - 1 and not source_named[-1] <= set(named):
                    missing = sorted(source_named[-1] - set(named))
                    problems.append(f"msgstr[{index}] lacks {missing}")
                if positional and positional not in source_positional:
                    problems.append(f"msgstr[{index}] has positional {positional}")
            else:
                if set(named) != source_named[0]:
                    problems.append(
                        f"named placeholders {sorted(named)} != msgid's {sorted(source_named[0])}"
                    )
                if positional != source_positional[0]:
                    problems.append(
                        f"positional placeholders {positional} != msgid's {source_positional[0]}"
                    )

    brace = "python-brace-format" in entry.flags or (
        "no-python-brace-format" not in entry.flags and any(_brace_fields(s) for s in sources)
    )
    if brace:
        wanted = set().union(*(_brace_fields(s) for s in sources))
        for index, form in enumerate(forms):
            unknown = _brace_fields(form) - wanted
            if unknown:
                problems.append(f"form {index} uses unknown {{fields}} {sorted(unknown)}")
            if not entry.msgid_plural and _brace_fields(form) != wanted:
                problems.append(f"{{fields}} {sorted(_brace_fields(form))} != {sorted(wanted)}")
    return problems


def test_every_site_language_but_english_has_a_catalogue():
    site_languages = {code for code, _ in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert site_languages == set(LANGUAGES), (
        "settings.LANGUAGES and this test's LANGUAGES disagree; add a catalogue "
        "(makemessages -l <code>) and list the language here"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_header_declares_language_and_plural_forms(lang):
    po = _po(lang)
    assert po.metadata.get("Language") == lang
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[lang]
    assert not po.metadata_is_fuzzy, f"{lang}: the header is marked fuzzy"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated_in(lang):
    po = _po(lang)
    entries = _live_entries(po)
    assert entries, f"{lang}: the catalogue is empty; {HINT}"
    untranslated = [_describe(e) for e in entries if _is_untranslated(e)]
    fuzzy = [_describe(e) for e in entries if "fuzzy" in e.flags]
    report = []
    if untranslated:
        report.append(f"{len(untranslated)} untranslated:\n  " + "\n  ".join(untranslated))
    if fuzzy:
        report.append(f"{len(fuzzy)} fuzzy (check, then remove the flag):\n  " + "\n  ".join(fuzzy))
    assert not report, f"lms/locale/{lang}/LC_MESSAGES/django.po has\n" + "\n".join(report)


def _stale_entries(po: polib.POFile, mo: polib.MOFile) -> list[tuple]:
    """The keys whose translation differs between the .po and its compiled .mo (either way:
    added, removed or changed since the last compilation)."""
    expected = {
        _key(e): _value(e)
        for e in _live_entries(po)
        if "fuzzy" not in e.flags and not _is_untranslated(e)
    }
    compiled = {_key(e): _value(e) for e in mo if e.msgid}
    return sorted(
        key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file_in(lang):
    po = _po(lang)
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing; {HINT}"
    mo = polib.mofile(str(mo_path))

    differing = _stale_entries(po, mo)
    shown = "\n  ".join(repr(msgid) for _, msgid, _ in differing[:5])
    assert not differing, (
        f"{lang}: django.mo differs from django.po in {len(differing)} entries, "
        f"first:\n  {shown}\n{HINT}"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms"), (
        f"{lang}: django.mo has another Plural-Forms header than django.po; {HINT}"
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda po: setattr(po[0], "msgstr", "Cours (révisé)"),  # a translation changed
        lambda po: po.append(polib.POEntry(msgid="New", msgstr="Nouveau")),  # one added
        lambda po: po.remove(po[1]),  # one removed
    ],
    ids=["changed", "added", "removed"],
)
def test_the_compiled_catalogue_check_notices_a_stale_mo(tmp_path, edit):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Courses", msgstr="Cours"))
    po.append(polib.POEntry(msgid="Log in", msgstr="Se connecter"))
    po.save_as_mofile(str(tmp_path / "django.mo"))
    assert _stale_entries(po, polib.mofile(str(tmp_path / "django.mo"))) == []

    edit(po)  # the .po moves on; the .mo is not compiled again
    assert len(_stale_entries(po, polib.mofile(str(tmp_path / "django.mo")))) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder_in(lang):
    po = _po(lang)
    problems = [
        f"{_describe(e)}: {'; '.join(found)}"
        for e in _live_entries(po)
        if (found := _placeholder_problems(e))
    ]
    assert not problems, (
        f"lms/locale/{lang}/LC_MESSAGES/django.po would break string formatting:\n  "
        + "\n  ".join(problems)
    )


@pytest.mark.parametrize(
    ("msgid", "msgstr", "broken"),
    [
        ("Unknown role “%(role)s”.", "Rôle “%(role)s” inconnu.", False),
        ("Unknown role “%(role)s”.", "Rôle “%(rôle)s” inconnu.", True),
        ("Unknown role “%(role)s”.", "Rôle inconnu.", True),
        ("%d of %s", "%d sur %s", False),
        ("%d of %s", "%s sur %d", True),
        ("50%% done", "50 %% fait", False),
        ("Hello {name}", "Bonjour {nom}", True),
    ],
)
def test_placeholder_check_tells_safe_from_broken_translations(msgid, msgstr, broken):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"])
    assert bool(_placeholder_problems(entry)) is broken


@pytest.mark.parametrize(
    ("forms", "broken"),
    [
        (["un cours", "%(count)s cours"], False),  # French singular may drop the count
        (["%(count)s 강좌"], False),
        (["강좌"], True),  # Korean's only form must keep the count
        (["%(count)s cours", "%(nombre)s cours"], True),
    ],
)
def test_placeholder_check_handles_plural_forms(forms, broken):
    entry = polib.POEntry(
        msgid="%(count)s course",
        msgid_plural="%(count)s courses",
        msgstr_plural=dict(enumerate(forms)),
        flags=["python-format"],
    )
    assert bool(_placeholder_problems(entry)) is broken
