"""From core errors to what the user sees: one `kh:` line and an exit code, never a traceback;
help and usage errors in the run's language; the plan loaded or refused."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import typer
import typer.core

from ..words.i18n import Message, set_lang, t
from ..words.text import safe

if TYPE_CHECKING:
    from ..core.model import DataError, Plan
from .. import __version__
from ..core.rules import Refused
from ..errors import EXIT_DATA, EXIT_USAGE, KhError
from .options import Lang


def _stderr(message: Message) -> None:
    sys.stderr.write(f"kh: {safe(str(message))}\n")


F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """No traceback ever reaches the user: known errors become one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..read.loader import DataLocationError

        if isinstance(lang := kwargs.get("lang"), Lang):
            set_lang(lang.value)  # every message of this command in its language
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Refused as exc:  # a rule's reason, as a value: worded here, with the options typed
            from .refusals import words

            _stderr(words(exc.refusal))
            raise typer.Exit(exc.code) from None
        except KhError as exc:
            _stderr(str(exc))
            raise typer.Exit(exc.code) from None
        except DataLocationError as exc:
            _stderr(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(0) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _stderr(f"{where}{exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:
            if os.environ.get("KH_DEBUG"):
                raise
            _stderr(t("internal error: {kind}: {exc} (set KH_DEBUG=1 for details)", kind=type(exc).__name__, exc=exc))
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper  # type: ignore[return-value]


def _quiet_broken_pipe() -> None:
    # The reader went away (`kh list | head`): stop quietly, as other tools do.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kh {__version__}\n")
        raise typer.Exit()


# Usage errors of the command-line parser → the catalogue's templates. Click words its errors
# in English; kh words them itself, from the error's kind (Click's public class names), its
# public attributes (the parameter, its type's choices, the option's name) and the arguments
# typed, never by reading Click's sentence. A kind not handled here is shown as Click words it.


def _kinds(obj: object) -> set[str]:
    """The names of an object's classes: Click's public names, whichever module holds them."""
    return {c.__name__ for c in type(obj).__mro__}


def _is_usage_error(exc: BaseException) -> bool:
    """A mistake in the command line, as Click reports it (its UsageError, exit code 2)."""
    return "UsageError" in _kinds(exc) and hasattr(exc, "format_message")


def _typed(param: Any, args: list[str]) -> list[str]:
    """The values typed for an option, in order: ``--opt v``, ``--opt=v``, ``-o v``, ``-ov``."""
    names = [*param.opts, *getattr(param, "secondary_opts", [])]
    found = []
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                found.append(args[i + 1])
            elif name.startswith("--") and arg.startswith(name + "="):
                found.append(arg[len(name) + 1 :])
            elif len(name) == 2 and not name.startswith("--") and arg.startswith(name) and len(arg) > 2:
                found.append(arg[2:])
    return found


def _positionals(command: Any, args: list[str]) -> list[str]:
    """The arguments typed that are not options or their values."""
    takes_value = {
        name
        for p in getattr(command, "params", [])
        if p.param_type_name == "option" and not getattr(p, "is_flag", False) and not getattr(p, "count", False)
        for name in p.opts
    }
    found, skip, rest = [], False, False
    for arg in args:
        if skip:
            skip = False
        elif rest or arg == "-" or not arg.startswith("-"):
            found.append(arg)
        elif arg == "--":
            rest = True
        else:
            skip = arg in takes_value
    return found


def _bad_parameter(exc: Any, name: Any, args: list[str]) -> Message:
    """A value its parameter does not take: one of its choices, or a whole number."""
    param = exc.param
    if param.param_type_name == "option":
        typed = _typed(param, args)
    else:  # an argument: the one typed at its place among the arguments
        ctx = getattr(exc, "ctx", None)
        before = [] if ctx is None else [p for p in ctx.command.params if p.param_type_name == "argument"]
        at = before.index(param) if param in before else -1
        nargs = [p.nargs for p in before[:at]]
        positionals = _positionals(ctx.command, args) if ctx is not None else []
        typed = [positionals[at]] if 0 <= at < len(positionals) and all(n == 1 for n in nargs) else []
    choices = getattr(param.type, "choices", None)
    if choices is not None:
        known = [str(getattr(c, "value", c)) for c in choices]
        fold = (lambda v: v) if getattr(param.type, "case_sensitive", True) else str.casefold
        if bad := [v for v in typed if fold(v) not in {fold(k) for k in known}]:
            return t("invalid value {value!r} for {name}: choose one of {choices}", name=name, value=bad[0],
                     choices=", ".join(repr(k) for k in known))  # fmt: skip
    elif "IntParamType" in _kinds(param.type) and (bad := [v for v in typed if not v.strip().lstrip("+-").isdigit()]):
        return t("invalid value {value!r} for {name}: expected a whole number", name=name, value=bad[0])
    return exc.format_message()


def _usage_message(exc: Any, args: list[str]) -> Message:
    kinds = _kinds(exc)
    param = getattr(exc, "param", None)
    from ..words.i18n import metavar

    name = (
        (param.opts[0] if param.param_type_name == "option" else metavar(param.human_readable_name)) if param else "?"
    )
    if "NoSuchOption" in kinds:
        text = t("no such option {option}", option=exc.option_name)
        near = ", ".join(sorted(exc.possibilities or []))
        return t("{text}; did you mean {near}?", text=text, near=near) if near else text
    if "MissingParameter" in kinds:
        return (
            t("missing option {name}", name=name)
            if param and param.param_type_name == "option"
            else t("missing argument {name}", name=name)
        )
    if "BadOptionUsage" in kinds:  # the parser's: an option's value missing, or given to a flag
        option = exc.option_name
        if any(arg.startswith(f"{option}=") for arg in args):
            return t("option {name} takes no value", name=option)
        return t("option {name} needs a value", name=option)
    if "BadParameter" in kinds and param is not None:
        return _bad_parameter(exc, name, args)
    return exc.format_message()


def _no_such_command(name: str, commands: list[str]) -> Message:
    import difflib

    text = t("no such command {name!r}", name=name)
    near = ", ".join(difflib.get_close_matches(name, commands))
    return t("{text}; did you mean {near}?", text=text, near=near) if near else text


def _usage_exit(message: Message, ctx: Any) -> typer.Exit:
    """A usage error shown as kh shows its own: one line, in the run's language, and where help
    is; then exit 2."""
    where = ctx.command_path if ctx is not None else "kh"
    sys.stderr.write(f"kh: {safe(str(message))}\n{t('see `{where} --help`', where=where)}\n")
    return typer.Exit(EXIT_USAGE)


@contextlib.contextmanager
def _typer_words(lang: str) -> Iterator[None]:
    """Typer's own words in its help ("Options", "Arguments", "default: …") in the run's
    language, through gettext, which Typer calls for them: a catalogue of those words (written
    once per process, from words/catalogue.py) bound to gettext's default domain, and the
    language asked for, while the help is written."""
    import gettext

    folder = _gettext_folder()
    before = gettext.bindtextdomain("messages")
    saved = os.environ.get("LANGUAGE")
    gettext.bindtextdomain("messages", str(folder))
    os.environ["LANGUAGE"] = lang  # "en": no catalogue, Typer's own words
    try:
        yield
    finally:
        gettext.bindtextdomain("messages", before)
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved


# What Typer passes to gettext in a command's help (typer/core.py).
_TYPER_WORDS = ("Arguments", "Options", "Commands", "default: {default}", "required", "env var: {var}", "(dynamic)")


@functools.lru_cache(maxsize=1)
def _gettext_folder() -> Any:
    """A folder holding vi/LC_MESSAGES/messages.mo with Typer's words in Vietnamese."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from ..words.catalogue import HELP

    folder = Path(tempfile.mkdtemp(prefix="kh-words-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "messages.mo").write_bytes(_mo({w: HELP[w] for w in _TYPER_WORDS if w in HELP}))
    return folder


def _mo(messages: dict[str, str]) -> bytes:
    """A GNU gettext catalogue (.mo) of ``messages``, in UTF-8 (the format of GNU msgfmt)."""
    import struct

    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = strs = b""
    table = []
    for key in keys:
        k, v = key.encode(), entries[key].encode()
        table.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    start = 7 * 4 + 16 * len(keys)
    offsets: list[int] = []
    for o1, l1, _, _ in table:
        offsets += [l1, start + o1]
    for _, _, o2, l2 in table:
        offsets += [l2, start + len(ids) + o2]
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"<{len(offsets)}I", *offsets) + ids + strs


@contextlib.contextmanager
def _help_in_lang(command: Any, ctx: Any) -> Iterator[None]:
    """The command's and its options' help, and Typer's own words around them, in the run's language."""
    from ..words.i18n import help_text, lang_now, metavar

    params = command.get_params(ctx)
    saved = [(command, command.help)] + [(p, getattr(p, "help", None)) for p in params]
    placeholders = [(p, p.metavar) for p in params]
    usage = (command.options_metavar, getattr(command, "subcommand_metavar", None))
    try:
        for obj, text in saved:
            obj.help = help_text(text)
        for p, name in placeholders:
            p.metavar = metavar(name)
        command.options_metavar = metavar(usage[0])
        if usage[1] is not None:
            command.subcommand_metavar = metavar(usage[1])
        with _typer_words(lang_now()):
            yield
    finally:
        for obj, text in saved:
            obj.help = text
        for p, name in placeholders:
            p.metavar = name
        command.options_metavar = usage[0]
        if usage[1] is not None:
            command.subcommand_metavar = usage[1]


class _Translated:
    """Help and usage errors of a kh command or of kh itself, in the run's language (a mixin
    of Typer's command and group classes)."""

    name: str | None
    help: str | None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _help_in_lang(self, ctx):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from ..words.i18n import help_text

        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=help_text("Usage: "))

    def get_short_help_str(self, limit: int = 45) -> str:
        from ..words.catalogue import LABELS
        from ..words.i18n import help_text, label, lang_now

        if f"cmd.{self.name}" in LABELS:  # `kh` alone: one line a command, in the run's language
            return label(f"cmd.{self.name}", lang_now())
        text = (help_text(self.help) or "").strip().split("\n\n")[0].replace("\n", " ")
        return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "..."

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        typed = list(args)
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            # the parser's own errors (an option without its value) carry no context: this one's
            raise _usage_exit(_usage_message(exc, typed), getattr(exc, "ctx", None) or ctx) from None


class KhCommand(_Translated, typer.core.TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Arguments left over are kh's to refuse, in its words: the parser keeps them (ctx.args).
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            raise _usage_exit(t("unexpected extra arguments: {args}", args=" ".join(ctx.args)), ctx)
        return rest


# `kh` alone lists the commands in the order of a week's work, not of their modules.
ORDER = ("list", "show", "agenda", "report", "remind", "done", "import", "note", "reopen", "set", "history", "check",
         "units", "ics", "init", "migrate", "divisions")  # fmt: skip


class KhGroup(_Translated, typer.core.TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            names = self.list_commands(ctx)
            if args and not args[0].startswith("-") and args[0] not in names:
                raise _usage_exit(_no_such_command(args[0], names), ctx) from None
            raise _usage_exit(_usage_message(exc, list(args)), getattr(exc, "ctx", None) or ctx) from None


def load_checked(data: str | None, *, use_cache: bool = True) -> tuple[Plan, list[DataError]]:
    """The plan and its problems, through the one pipeline (:func:`khuyenhoc.read.loader.load_plan`)."""
    from ..read.loader import SettingError, load_plan
    from .where import find_data

    try:
        return load_plan(find_data(data), use_cache=use_cache)
    except SettingError as exc:
        raise KhError(str(exc)) from None


def load(data: str | None) -> Plan:
    """Load the plan; a plan with problems stops the command with exit 1 (the first problems,
    the cause first, are shown; `kh check` lists them all)."""
    plan, errors = load_checked(data)
    errors = [e for e in errors if not e.warning]  # warnings are kh check's to show
    if errors:
        for error in errors[:20]:
            sys.stderr.write(f"{safe(str(error))}\n")
        more = t(" ({count} more)", count=len(errors) - 20) if len(errors) > 20 else ""
        raise KhError(
            t("the data has {count} problem(s){more}; run `kh check` for the list", count=len(errors), more=more),
            EXIT_DATA,
        )
    return plan
