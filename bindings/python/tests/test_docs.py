"""Documentation: docstrings everywhere, the examples in them run, typing files ship."""

from __future__ import annotations

import doctest
import inspect
import pathlib

import jixiao
from jixiao import _jixiao


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in jixiao.__all__:
        obj = getattr(jixiao, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            if not (obj.__doc__ or "").strip():
                missing.append(name)
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    func = getattr(member, "__func__", member)
                    if callable(func) or isinstance(member, property):
                        if not (getattr(func, "__doc__", None) or "").strip():
                            missing.append(f"{name}.{attr}")
    for name in _jixiao.__all__:
        obj = getattr(_jixiao, name)
        if callable(obj) and not (obj.__doc__ or "").strip():
            missing.append(f"_jixiao.{name}")
    assert not missing, missing


def test_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(jixiao, extraglobs={"jixiao": jixiao}, optionflags=doctest.ELLIPSIS)
    assert tried >= 5 and failures == 0


def test_typing_files_ship() -> None:
    package = pathlib.Path(jixiao.__file__).parent
    for name in ("py.typed", "__init__.pyi", "_jixiao.pyi"):
        assert (package / name).is_file(), name


def test_readme_examples_run() -> None:
    readme = pathlib.Path(__file__).resolve().parents[1] / "README.md"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(readme.read_text(encoding="utf-8"), {"jixiao": jixiao}, "README.md", str(readme), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.tries >= 5 and runner.failures == 0
