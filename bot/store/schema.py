"""Every module that declares tables of the project database, for migrations and create_all."""

import importlib

from sqlalchemy import MetaData

from bot.store.models import Base

TABLE_MODULES = (
    "bot.store.models",
    "bot.handover.models",
    "bot.posters.registry",
    "bot.console.models",
    "channels.telegram.chats",
)


def metadata() -> MetaData:
    for module in TABLE_MODULES:
        importlib.import_module(module)
    return Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For migrations: leave alone tables that are not ours (Rasa's tracker store may share the
    database)."""
    return not (type_ == "table" and reflected and compare_to is None)
