#!/bin/sh
# Install clusterctl @VERSION@ from this offline bundle (no network): finds Python @PYTHON@ and
# runs install.py, which creates venv/ here and runs pip install --no-index --find-links wheels.
# Set PYTHON to choose the interpreter.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for py in ${PYTHON:-} python@PYTHON@ python3 python; do
  if command -v "$py" >/dev/null 2>&1 &&
    "$py" -c 'import sys; sys.exit(f"{sys.version_info[0]}.{sys.version_info[1]}" != "@PYTHON@")'; then
    exec "$py" "$here/install.py"
  fi
done
echo "未找到 Python @PYTHON@，请先安装（或用 PYTHON=/path/to/python@PYTHON@ sh install.sh 指定）。" >&2
echo "Python @PYTHON@ was not found: install it, or set PYTHON=/path/to/python@PYTHON@." >&2
exit 1
