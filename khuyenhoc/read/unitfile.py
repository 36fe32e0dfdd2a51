"""A units file (``units.yaml``, ``units.d/*.yaml``): the units, and what units were called
before (``names:``). Read by :func:`khuyenhoc.read.parse.parse_file`, with the same reader and rules
as the tasks; imported only when a units file has to be parsed."""

from __future__ import annotations

from typing import Any

import yaml

from ..core.model import UNIT_KINDS, Ceased, Contact, DataError, FormerName, Succession, Unit
from ..words.i18n import Message, t
from ..words.text import is_address
from .yamlread import ID, ID_MAX, Reader, Unreadable


def _succession(r: Reader, node: yaml.Node, what: Message, known: tuple[str, ...], unit: str | None = None) -> Any:
    """``{unit, to, on, by}`` (on a unit, ``unit`` is the unit itself and is not written)."""
    required = tuple(k for k in known)
    keys = r.mapping(node, what, known, required)
    if keys is None or not set(required) <= keys.keys():
        return None
    from_unit = unit if unit is not None else r.text(keys["unit"], t("the unit of {what}", what=what))
    to = r.text(keys["to"], t("the successor in {what}", what=what))
    on = r.day(keys["date"], t("the date of {what}", what=what))
    by = r.text(keys["by"], t("the legal instrument of {what}", what=what))
    if not (from_unit and to and on and by):
        return None
    return Succession(from_unit, to, on, by)


UNIT_KEYS = (
    "id", "name", "short", "kind", "parent", "successor", "ceased", "former_ids", "email", "since", "members",
    "member_of", "code",
)  # fmt: skip
NAME_KEYS = ("unit", "name", "short", "code", "until", "by")
CONTACT_KEYS = ("unit", "email", "of")


def _unit(r: Reader, node: yaml.Node) -> Unit | None:
    keys = r.mapping(
        node,
        t("a unit"),
        UNIT_KEYS,
        ("id", "name", "kind"),
    )
    if keys is None or not {"id", "name", "kind"} <= keys.keys():
        return None
    unit_id = r.text(keys["id"], t("a unit's id"))
    if unit_id and not ID.fullmatch(unit_id):
        r.error(
            keys["id"],
            t("unit id {unit_id!r} may hold only letters, digits, '.', '-' and '_', {ID_MAX} at most", unit_id=unit_id,
              ID_MAX=ID_MAX),
        )  # fmt: skip
    what = t("unit {unit_id}", unit_id=unit_id) if unit_id else t("a unit")
    name = r.text(keys["name"], t("the name of {what}", what=what))
    short = r.text(keys["short"], t("the short name of {what}", what=what)) if "short" in keys else name
    kind = r.text(keys["kind"], t("the kind of {what}", what=what))
    if kind and kind not in UNIT_KINDS:
        r.error(
            keys["kind"],
            t(
                "unknown kind {kind!r} of {what} (known kinds: {kinds})",
                kind=kind,
                what=what,
                kinds=", ".join(UNIT_KINDS),
            ),
        )
        kind = None
    parent = r.text(keys["parent"], t("the parent of {what}", what=what), optional=True) if "parent" in keys else None
    successor = None
    if "successor" in keys and unit_id:
        successor = _succession(
            r, keys["successor"], t("the successor of {what}", what=what), ("to", "date", "by"), unit_id
        )
    former = (
        [f for f, _ in r.text_list(keys["former_ids"], t("the former ids of {what}", what=what))]
        if "former_ids" in keys
        else []
    )
    if not (unit_id and name and short and kind):
        return None
    email = r.text(keys["email"], t("the email address of {what}", what=what)) if "email" in keys else None
    if email is not None and not is_address(email):
        r.error(
            keys["email"],
            t("the email address of {what} is not one address (name@example.vn): {email!r}", what=what, email=email),
        )
        email = None
    since = r.day(keys["since"], t("the day {what} came into being", what=what)) if "since" in keys else None
    members = None
    if "members" in keys:
        from .memberfile import members as read_members

        members = read_members(r, keys["members"], what)
    code = r.text(keys["code"], t("the code of {what}", what=what)) if "code" in keys else None
    member_of = (
        tuple(m for m, _ in r.text_list(keys["member_of"], t("the collectives {what} belongs to", what=what)))
        if "member_of" in keys
        else ()
    )
    ceased = None
    if "ceased" in keys:
        ck = r.mapping(keys["ceased"], t("when {what} ceased", what=what), ("date", "by"), ("date", "by"))
        if ck is not None and {"date", "by"} <= ck.keys():
            on = r.day(ck["date"], t("the day {what} ceased", what=what))
            by = r.text(ck["by"], t("the legal instrument of {what}'s end", what=what))
            ceased = Ceased(on, by) if on and by else None
        if successor is not None:
            r.error(keys["ceased"], t("{what} has a successor and ceased: give one of them", what=what))
    return Unit(
        unit_id, name, short, kind, parent, r.line(node), r.path, successor, tuple(former), email, since, members, code,
        (), member_of, ceased,
    )  # fmt: skip


def _former_name(r: Reader, node: yaml.Node) -> FormerName | None:
    """``{unit, until, by, name?, short?, code?}``: what a unit was called until a day."""
    what = t("a former name")
    keys = r.mapping(node, what, NAME_KEYS, ("unit", "until", "by"))
    if keys is None or not {"unit", "until", "by"} <= keys.keys():
        return None
    unit = r.text(keys["unit"], t("the unit of {what}", what=what))
    until = r.day(keys["until"], t("the last day of {what}", what=what))
    by = r.text(keys["by"], t("the legal instrument of {what}", what=what))
    fields = {
        k: r.text(keys[k], t("the {key} of {what}", key=k, what=what)) for k in ("name", "short", "code") if k in keys
    }
    if not fields:
        r.error(node, t("{what} changes nothing: give its name, short or code", what=what))
        return None
    if not (unit and until and by):
        return None
    return FormerName(
        unit, until, by, fields.get("name"), fields.get("short"), fields.get("code"), r.path, r.line(node)
    )


def _contact(r: Reader, node: yaml.Node) -> Contact | None:
    """``{unit, email, of?}``: where a unit's letters go (as a member of ``of``, else as itself)."""
    what = t("a contact")
    keys = r.mapping(node, what, CONTACT_KEYS, ("unit", "email"))
    if keys is None or not {"unit", "email"} <= keys.keys():
        return None
    unit = r.text(keys["unit"], t("the unit of {what}", what=what))
    email = r.text(keys["email"], t("the email address of {what}", what=what))
    of = r.text(keys["of"], t("the collective of {what}", what=what)) if "of" in keys else None
    if email is not None and not is_address(email):
        r.error(keys["email"], t("the email address of {what} is not one address (name@example.vn): {email!r}",
                                 what=what, email=email))  # fmt: skip
        return None
    return Contact(unit, email, of, r.path, r.line(node)) if unit and email else None


def parse_units(text: str, path: str, errors: list[DataError]) -> tuple[list[Unit], list[FormerName], list[Contact]]:
    """A units file: ``units:``, ``names:`` (former names of units, in this file or another) and
    ``contacts:`` (their e-mail addresses, which a user may keep apart from the shipped lists)."""
    r = Reader(path, errors)
    before = len(errors)
    root = r.compose(text)
    if root is None:
        if len(errors) == before:
            errors.append(DataError(path, 1, t("the file is empty: expected 'units:'")))
        raise Unreadable
    keys = r.mapping(root, t("the units file"), ("units", "names", "contacts"))
    if keys is None or not keys.keys() & {"units", "names", "contacts"}:
        if keys is not None:
            r.error(root, t("{what} has no {key!r}", what=t("the units file"), key="units"))
        raise Unreadable
    units = [u for u in (_unit(r, n) for n in r.sequence(keys["units"], t("units")))] if "units" in keys else []
    names = [n for n in (_former_name(r, n) for n in r.sequence(keys["names"], t("names")))] if "names" in keys else []
    contacts = [_contact(r, n) for n in r.sequence(keys["contacts"], t("contacts"))] if "contacts" in keys else []
    return [u for u in units if u], [n for n in names if n], [c for c in contacts if c]
