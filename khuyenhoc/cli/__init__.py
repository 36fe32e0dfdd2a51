"""The kh command line: parse options → call the core → print → exit code.

Exit codes: 0 success; 1 the data has problems (or ``check`` found some); 2 usage or I/O error.
The commands live by kind: :mod:`.view` (list, show, units, check, report), :mod:`.past`
(history), :mod:`.record` (done, reopen, note, set, migrate, init) and :mod:`.export` (agenda,
ics, remind). What they share: :mod:`.options` (formats and shared options), :mod:`.handling` (errors to exit
codes, help in the run's language, loading the plan) and :mod:`.output` (width, consoles,
pager).
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

import typer

from ..words.i18n import lang_of, set_lang
from . import export, intake, past, record, view, yearly
from .app import app
from .handling import KhGroup, _quiet_broken_pipe
from .options import _complete_tasks, _complete_units
from .typed import FIRST_YEAR, LAST_YEAR

__all__ = ["FIRST_YEAR", "LAST_YEAR", "_app_for", "_complete_tasks", "_complete_units", "app", "main"]
_COMMANDS = (
    export,
    intake,
    past,
    record,
    view,
    yearly,
)  # imported for their commands, which register themselves on app


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run: Typer builds every command's options on each
    run (about 10 ms for all of them); the full app is used for help and anything unusual."""
    name = argv[0] if argv else ""
    chosen = [c for c in app.registered_commands if (c.name or (c.callback.__name__ if c.callback else "")) == name]
    if len(chosen) != 1:
        return app
    single = typer.Typer(
        name="kh", cls=KhGroup, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )  # fmt: skip
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _install_completion(args: list[str]) -> NoReturn:
    """`kh --install-completion [SHELL]` as Typer does it, said in the run's language (Typer
    words it in English). The shell is the one running kh unless named."""
    import contextlib
    import io

    from typer.completion import install

    from ..words.i18n import t
    from ..words.text import safe

    shell = args[0].split("=", 1)[1] if "=" in args[0] else (args[1] if len(args) > 1 else None)
    if shell is not None and shell not in SHELLS:
        known = t("kh completes commands in {shells}, not {shell!r}", shells=", ".join(SHELLS), shell=shell)
        sys.stderr.write(f"kh: {safe(str(known))}\n")
        raise SystemExit(2)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Typer's own words, if any
            shell, path = install(shell=shell, prog_name="kh", complete_var="_KH_COMPLETE")
    except (typer.Exit, SystemExit):
        message = t(
            "cannot tell which shell runs kh; name it, e.g. `kh --install-completion bash` ({shells})",
            shells=", ".join(SHELLS),
        )
        sys.stderr.write(f"kh: {message}\n")
        raise SystemExit(2) from None
    except OSError as exc:
        sys.stderr.write(f"kh: {safe(str(exc.filename or ''))}: {safe(exc.strerror or str(exc))}\n")
        raise SystemExit(2) from None
    sys.stdout.write(f"{t('completion for {shell} installed in {path}', shell=shell, path=safe(str(path)))}\n")
    sys.stdout.write(f"{t('it takes effect in a new terminal')}\n")
    raise SystemExit(0)


def main() -> NoReturn:
    """Console-script entry point."""
    # One short run that builds many small, acyclic objects: the cyclic collector's passes
    # over them would cost more than the run (benchmarks/RESULTS.md); memory is freed at exit.
    gc.disable()
    if len(sys.argv) == 1:  # `kh` alone, the first thing a newcomer types: the help, not an error
        sys.argv.append("--help")
    set_lang(lang_of(sys.argv[1:]))
    if sys.argv[1].split("=", 1)[0] == "--install-completion":
        _install_completion(sys.argv[1:])
    try:
        _app_for(sys.argv[1:])(prog_name="kh")
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise SystemExit(0) from None
    raise SystemExit(0)  # pragma: no cover - app() always exits
