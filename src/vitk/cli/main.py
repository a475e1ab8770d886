"""``vitk`` entry point: one click group whose subcommands are imported lazily.

Lazy loading keeps ``vitk --help`` and every command's cold start fast: a command's
module (and the heavy libraries it uses) is imported only when it runs.
Errors raised on purpose by vitk (:class:`vitk.errors.VitkError`) are printed as
one line on stderr with exit code 2; a traceback is a bug.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

# name -> "module:attribute"; each attribute is a click command or group.
COMMANDS: dict[str, tuple[str, str]] = {
    "foods": ("vitk.cli.foods:foods", "Search and show foods by vitamin K form."),
    "intake": ("vitk.cli.intake:intake", "Daily totals of a food and supplement diary."),
    "data": ("vitk.cli.data:data", "Import external food tables into the local database."),
    "import": ("vitk.cli.imports:import_group", "Import a diary from Cronometer or MyFitnessPal."),
    "advise": ("vitk.cli.advise:advise", "A cited personal vitamin K report."),
    "check": ("vitk.cli.check:check", "Grade the claims of a vitamin K article."),
    "simulate": ("vitk.cli.simulate:simulate", "Pharmacology simulations (PK, markers, INR)."),
    "plan": ("vitk.cli.plan:plan", "A week of foods that reaches a vitamin K goal."),
    "references": ("vitk.cli.references:references", "Show the full citation of a source key."),
    "serve": ("vitk.cli.serve:serve", "Run the local web app."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n, (target, _) in COMMANDS.items() if _available(target))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _ = COMMANDS[cmd_name]
        if not _available(target):
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        cmd: click.Command = getattr(module, attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][1]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(target: str) -> bool:
    module_name = target.split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup)
@click.version_option(package_name="vitk")
def cli() -> None:
    """vitk: vitamin K by form (K1, MK-4, MK-7 …) with a citation behind every number.

    Not medical advice. People on a vitamin K antagonist (warfarin, acenocoumarol,
    phenprocoumon) should not start, stop or change vitamin K intake without their
    clinician.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; turn vitk errors into one line on stderr and exit code 2."""
    from vitk.errors import VitkError

    try:
        return cli.main(args=argv, prog_name="vitk", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except VitkError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except RecursionError:
        # Input nested beyond Python's limit (a parser that does not catch it itself).
        click.echo("Error: the input is nested too deeply to read.", err=True)
        sys.exit(2)
    except Exception as exc:
        # A database URL that cannot be used (bad driver, server down) is bad input too.
        if type(exc).__module__.startswith("sqlalchemy"):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            click.echo(f"Error: database: {first}", err=True)
            sys.exit(2)
        raise
