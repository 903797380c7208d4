"""The public API is what `__all__` says it is."""

from __future__ import annotations

import communique


def test_exports_all_names_exist_and_public_names_are_listed() -> None:
    for name in communique.__all__:
        assert hasattr(communique, name), name
    public = {n for n in vars(communique) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(communique, n)).__name__ == "module"}
    assert public - modules - {"annotations"} == set(communique.__all__) - {"__version__"}
