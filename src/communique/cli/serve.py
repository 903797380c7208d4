"""`communique serve`: the REST API and the dashboard over a store."""

from __future__ import annotations

import click

from .ingest import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A TOML file with [serve] tokens.")
def serve_command(db: str, host: str, port: int, config: str | None) -> None:
    """Serve the dashboard at / and the REST API at /api (its OpenAPI documentation at /docs).

    Reads are open unless [serve] read_token is set; POST /api/articles needs [serve] write_token.

    \b
    Example:
        communique serve --db news.db --port 8000
    """
    from ..errors import CommuniqueError
    from ..extras import requires

    with requires("web", "`communique serve` (the REST API and dashboard)"):
        import uvicorn

        from ..web import create_app

    try:
        app = create_app(db, config=config)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"communique on http://{host}:{port}/  (API http://{host}:{port}/docs)  <-  {app.state.store.display_url}"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
