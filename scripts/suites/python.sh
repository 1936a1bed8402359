#!/usr/bin/env bash
# Python package suite (issue 5): build bindings/python into a virtualenv, run
# its pytest suite, check the .pyi stubs against the runtime module, type-check
# and run the example. Idempotent: reuses .venv and installs tools only when
# missing. Set PYTHON to choose the interpreter that creates .venv.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.venv
py="$venv/bin/python"

if [ ! -x "$py" ]; then
  echo "creating $venv with ${PYTHON:-python3}"
  "${PYTHON:-python3}" -m venv "$venv"
fi

if ! "$py" -c 'import maturin, pytest, pandas, mypy' 2>/dev/null; then
  echo "installing build and test tools into $venv"
  "$py" -m pip install --quiet --disable-pip-version-check \
    'maturin>=1.9.4,<2' 'pytest>=7' 'pandas>=1.5' 'mypy>=1.10'
fi

# maturin's build backend runs the `maturin` program from PATH.
export PATH="$PWD/$venv/bin:$PATH"

# The same path a user takes (`pip install ./bindings/python`), without build
# isolation so that it uses the maturin above and needs no download.
echo "building and installing bindings/python"
"$py" -m pip install --quiet --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./bindings/python

echo "pytest"
set +e
"$py" -m pytest bindings/python/tests -q -p no:cacheprovider
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
fi

echo "stubtest: .pyi stubs against the runtime module"
"$py" -m mypy.stubtest jixiao --mypy-config-file bindings/python/pyproject.toml

echo "mypy: the example type-checks against the stubs"
"$py" -m mypy --strict --no-incremental --config-file bindings/python/pyproject.toml \
  examples/python/analysis.py

echo "example: examples/python/analysis.py"
"$py" examples/python/analysis.py >/dev/null
