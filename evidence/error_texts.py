"""The words for a refused export, by code: one sentence naming the file and what is wrong,
the same on the page and in `import_activity`."""

from django.utils.translation import gettext as _

ROW_SKIP_TEXTS = {
    "no_date": lambda: _("no date that could be read"),
    "no_direction": lambda: _("neither sent nor received"),
    "anonymous": lambda: _("a sender LinkedIn does not name"),
    "unreadable": lambda: _("an entry that could not be read"),
}


def file_error_text(code: str, file: str, *, limits=None) -> str:
    """ "<file>: what is wrong." in the current language."""
    texts = {
        "empty": _("%(file)s is empty."),
        "binary": _("%(file)s is not a text file this export should contain."),
        "encoding": _("%(file)s has characters that cannot be read (its encoding is wrong)."),
        "too_large": _("%(file)s is larger than the %(mb)d MB allowed."),
        "too_many_items": _("%(file)s holds more than %(items)s items: split it up."),
        "too_many_files": _("%(file)s holds more than %(members)s files."),
        "zip_bomb": _("%(file)s expands to far more data than it should: refused."),
        "bad_zip": _("%(file)s is not a readable ZIP archive (damaged or incomplete)."),
        "not_csv": _("%(file)s is not a readable CSV file (a quoted cell is never closed?)."),
        "no_header": _("%(file)s has no header line we know: is it a file of the LinkedIn export?"),
        "bad_json": _("%(file)s is not readable JSON (or JavaScript from the X archive)."),
        "bad_structure": _("%(file)s does not have the structure of a known export."),
        "nothing_to_read": _(
            "%(file)s holds none of the files we read (posts, comments, messages, tweets.js)."
        ),
        "unknown_network": _(
            "%(file)s was not recognised as a LinkedIn, X or Facebook export: choose the network."
        ),
        "internal": _("%(file)s could not be read because of an error on our side."),
        "lost": _("%(file)s is no longer on the server: send it again."),
    }
    values = {
        "file": file or _("The file"),
        "mb": getattr(limits, "max_upload_bytes", 0) // (1024 * 1024),
        "items": f"{getattr(limits, 'max_items', 0):,}",
        "members": f"{getattr(limits, 'max_zip_members', 0):,}",
    }
    return (texts.get(code) or texts["internal"]) % values


def row_skip_text(code: str) -> str:
    text = ROW_SKIP_TEXTS.get(code)
    return text() if text else code
