"""Sub-commands imported and built only when used: ``clusterctl check`` builds ``check`` only.

typer builds every command of an application (signature, options, help) each time it runs;
:func:`lazy_group` gives the root group a command table that imports a command's module, calls
its ``register(app)`` on a private ``typer.Typer`` and builds the click command the way typer
does, the first time that name is looked up. Help lists every name, so it builds them all;
``check`` saves the other modules' imports and builds (~8 ms). Names are known without importing
anything, so typo suggestions ("Did you mean 'check'?") are unchanged.
"""

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

from typer.core import TyperGroup


class LazyCommands(MutableMapping):
    """Command name -> click command, built from its module on first access."""

    def __init__(self, modules: Mapping[str, str], settings: dict[str, Any]) -> None:
        self._modules = dict(modules)  # name -> module with register(app), in help order
        self._built: dict[str, Any] = {}
        self._settings = settings

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._modules:
                raise KeyError(name)
            self._built[name] = self._build(self._modules[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        self._modules.setdefault(name, "")

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def _build(self, module: str) -> Any:
        import typer
        from typer.main import get_command_from_info, get_group_from_info

        holder = typer.Typer()
        importlib.import_module(module).register(holder)
        settings = self._settings
        if holder.registered_commands:
            return get_command_from_info(
                holder.registered_commands[0],
                pretty_exceptions_short=settings["pretty_exceptions_short"],
                rich_markup_mode=settings["rich_markup_mode"],
            )
        return get_group_from_info(holder.registered_groups[0], **settings)


def lazy_group(modules: Mapping[str, str], *, pretty_exceptions_short: bool) -> type[TyperGroup]:
    """A root group class whose sub-commands are ``modules`` (name -> module), built lazily."""

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            settings = {
                "pretty_exceptions_short": pretty_exceptions_short,
                "rich_markup_mode": self.rich_markup_mode,
                "suggest_commands": self.suggest_commands,
            }
            self.commands = LazyCommands(modules, settings)

        def list_commands(self, ctx: Any) -> list[str]:
            return list(self.commands)  # names only: typer's version would build every command

    return LazyGroup
