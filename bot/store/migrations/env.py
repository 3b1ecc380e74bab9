"""Alembic environment: the project database at FIRSTCONTACT_DATABASE_URL (or the -x url=...)."""

from alembic import context
from sqlalchemy import create_engine

from bot.store.database import database_url
from bot.store.schema import include_object, metadata

target_metadata = metadata()


def url() -> str:
    return context.get_x_argument(as_dictionary=True).get("url") or database_url()


def run_offline() -> None:
    context.configure(
        url=url(),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = create_engine(url(), future=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
