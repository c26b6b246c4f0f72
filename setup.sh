#!/usr/bin/env bash
# Install everything argmap needs into a project virtual environment, .venv/, on a stock
# Python >= 3.11 (Debian's and Ubuntu's own included: PEP 668 forbids pip outside a venv).
#   Debian/Ubuntu: the programs through apt-get (as root, or with sudo), python3-venv too
#   where the venv module cannot make a venv.
#   Elsewhere: says which programs to install, then sets up .venv/.
# Afterwards: .venv/bin/argmap, .venv/bin/python -m pytest, or `source .venv/bin/activate`.
# PYTHON=/path/to/python3 picks the interpreter (default: python3 on the PATH).
# ARGMAP_SETUP_MINIMAL=1 skips the programs only the tests and exports need
# (tmux, LibreOffice, poppler, Chromium and its driver, npm and the Argdown CLI) and the test dependencies: then just Graphviz is installed.
# A second run is quick: pip runs again only when pyproject.toml has changed.
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-python3}
minimal=${ARGMAP_SETUP_MINIMAL:-0}
have() { command -v "$1" >/dev/null 2>&1; }
say() { echo "setup: $*" >&2; }

if ! have "$python"; then
  say "no '$python' on the PATH: install Python 3.11 or newer (or set PYTHON=/path/to/python3)"
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  say "argmap needs Python 3.11 or newer; '$python' is $("$python" -V 2>&1)"
  exit 1
fi

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing $* with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

need=()
have dot || need+=(graphviz)
fc-match -f '%{family}' Arial 2>/dev/null | grep -q Liberation || need+=(fonts-liberation)
if [ "$minimal" != 1 ]; then
  have tmux || need+=(tmux)
  have libreoffice || need+=(libreoffice-impress)
  # Writer converts the Verbatim .docx exports to PDF in the tests (Debian splits it off)
  if have dpkg && ! dpkg -s libreoffice-writer >/dev/null 2>&1; then need+=(libreoffice-writer); fi
  have pdftoppm || need+=(poppler-utils)
  have chromium || need+=(chromium)
  have chromedriver || need+=(chromium-driver)
  have npm || need+=(npm)  # (Debian's npm brings nodejs) for the Argdown CLI the tests check exports with
  have nvim || need+=(neovim)  # tests/test_editors.py runs the language server's set-up from docs/editors.md in a headless Neovim
fi
# Debian splits ensurepip (which venv needs) into python3-venv / python3.X-venv.
venv_ok() { "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; }
if [ ! -x .venv/bin/python ] && ! venv_ok && have apt-get; then
  need+=("python$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')-venv")
fi

if [ ${#need[@]} -gt 0 ]; then
  if have apt-get; then
    apt_install "${need[@]}"
  else
    say "please install ${need[*]} with your system's package manager"
    say "(macOS: brew install graphviz tmux poppler; brew install --cask libreoffice)"
    exit 1
  fi
fi

# A venv whose interpreter has gone (Python upgraded or removed) is made anew.
if [ -d .venv ] && ! .venv/bin/python -c pass >/dev/null 2>&1; then
  say "the virtual environment in .venv/ no longer runs: making it anew"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  say "making the virtual environment .venv/ with $("$python" -V 2>&1)"
  "$python" -m venv .venv
fi

extras='.[test]'
[ "$minimal" = 1 ] && extras='.'
stamp=.venv/.argmap-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) $extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  say "installing argmap and its dependencies into .venv/ (pip)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$extras"
  echo "$wanted" > "$stamp"
fi
# Byte-compile argmap's sources: an editable install leaves that to the first run, and where
# PYTHONDONTWRITEBYTECODE is set (some shells and images do) every launch would compile anew.
.venv/bin/python -m compileall -q src >/dev/null
# The real Argdown CLI, which the tests parse argmap's Argdown exports with (npm, pinned).
if [ "$minimal" != 1 ] && [ ! -x .venv/argdown/node_modules/.bin/argdown ]; then
  say "installing the Argdown CLI into .venv/argdown/ (npm)"
  npm install --silent --no-audit --no-fund --prefix .venv/argdown @argdown/cli@1.7.5 >/dev/null
fi
say "done ($(dot -V 2>&1 | head -n 1); $(.venv/bin/argmap --version)); run .venv/bin/argmap, or 'source .venv/bin/activate' first"
