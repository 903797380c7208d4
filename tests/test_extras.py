"""The lean core and its optional extras (#24), in a fresh venv that has the core and nothing else: the demo's
ingest and queries run there, and each extra's feature says which `pip install` brings it.

The venv is made once per session with the lock's pins as constraints (as `make demo` installs), from the package
index pip is configured with; a warm pip cache makes it a matter of a minute.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from communique.errors import MissingExtra
from communique.extras import EXTRAS, requires
from conftest import EXAMPLES, ROOT, SEED_FILE

PIP_TIMEOUT = 900  # seconds: a cold cache downloads spaCy and its model


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a venv with `pip install communique` (no extra), pinned by requirements.lock."""
    venv = tmp_path_factory.mktemp("core") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run(
        [*pip, "-c", str(ROOT / "requirements.lock"), "-e", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return venv / "bin"


def run(bin: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin / "communique"), *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def demo(core: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `make demo` makes, made by the core alone."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    ingested = run(core, "ingest", str(EXAMPLES), "--db", str(db), cwd=db.parent)
    assert ingested.returncode == 0 and "0 failed" in ingested.stdout, ingested.stderr
    return db


def test_the_core_has_none_of_the_extras_packages(core: Path) -> None:
    names = sorted(name for names in EXTRAS.values() for name in names)
    probe = f"import importlib.util as u; print([n for n in {names!r} if u.find_spec(n)])"
    found = subprocess.run([str(core / "python"), "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "['jinja2', 'markupsafe']"  # spaCy's own (displaCy): in the core as well


def test_the_core_runs_the_demos_queries_and_exports(core: Path, demo: Path) -> None:
    seed = SEED_FILE.stem
    for query in (("events", "--article", seed), ("quotes", "--article", seed), ("relations",)):
        done = run(core, *query, "--db", str(demo), "--format", "jsonl", cwd=demo.parent)
        assert done.returncode == 0 and done.stdout.strip(), (query, done.stderr)
    exported = run(core, "export", "--db", str(demo), "--format", "gdelt", cwd=demo.parent)
    assert exported.returncode == 0 and exported.stdout.count("\n") > 3


@pytest.mark.parametrize(
    ("extra", "args"),
    [
        ("web", ("serve", "--db", "{db}")),
        ("scale", ("sql", "SELECT 1", "--parquet", "{tmp}")),
        ("scale", ("load", "{tmp}", "--db", "{db}")),
        ("scale", ("ingest", str(SEED_FILE), "--engine", "dask", "--output", "{tmp}/parquet")),
        ("scale", ("export", "--db", "{db}", "--format", "parquet", "--output", "{tmp}/parquet")),
        ("postgres", ("articles", "--db", "postgresql://reader@127.0.0.1:1/news")),
        (
            "transformer",
            ("train", "{tmp}/sentences.tsv", "--backend", "transformer", "--licence", "ours", "-o", "{tmp}/m"),
        ),
    ],
)
def test_a_feature_without_its_extra_names_the_install(
    core: Path, demo: Path, tmp_path: Path, extra: str, args: tuple[str]
) -> None:
    (tmp_path / "sentences.tsv").write_text("Troops shelled the town.\t4\n", encoding="utf-8")
    done = run(core, *(arg.format(tmp=tmp_path, db=demo) for arg in args), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[E024]" in done.stderr and f"pip install 'communique[{extra}]'" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_every_extra_in_pyproject_is_known_and_all_gathers_them() -> None:
    optional = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(EXTRAS) == set(optional) - {"all", "dev"}
    assert optional["all"] == [f"communique[{','.join(EXTRAS)}]"]


def test_requires_turns_only_its_own_packages_into_the_message() -> None:
    with pytest.raises(MissingExtra, match=r"pip install 'communique\[scale\]'"):
        with requires("scale", "a test"):
            raise ModuleNotFoundError("No module named 'duckdb'", name="duckdb")
    with pytest.raises(ModuleNotFoundError):  # not the extra's: a fault of ours, left as it is
        with requires("scale", "a test"):
            raise ModuleNotFoundError("No module named 'communique.gone'", name="communique.gone")
