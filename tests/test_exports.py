"""The public API is what `__all__` says it is, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import communique


def test_exports_every_listed_name_resolves_and_every_export_is_listed() -> None:
    for name in communique.__all__:
        assert getattr(communique, name) is not None, name
    assert set(communique._EXPORTS) | {"__version__"} == set(communique.__all__)


def test_exports_unknown_name_is_an_attribute_error() -> None:
    try:
        communique.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_exports_cli_help_imports_no_heavy_library() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from communique.cli import main; "
        "result = CliRunner().invoke(main, ['--help']); assert result.exit_code == 0, result.output; "
        "print(sorted(m for m in ('spacy', 'sqlalchemy', 'pydantic', 'trafilatura') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
