#!/usr/bin/env bash
# Install everything argmap needs, on a fresh machine with Python >= 3.11 and pip.
#   Debian/Ubuntu: system packages through apt-get (as root, or with sudo).
#   Elsewhere: says which programs to install, then installs the Python package.
# ARGMAP_SETUP_MINIMAL=1 skips the programs only the tests and exports need
# (tmux, LibreOffice, poppler): then just Graphviz is installed.
set -euo pipefail
cd "$(dirname "$0")"

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have dot || need+=(graphviz)
fc-match -f '%{family}' Arial 2>/dev/null | grep -q Liberation || need+=(fonts-liberation)
if [ "${ARGMAP_SETUP_MINIMAL:-0}" != 1 ]; then
  have tmux || need+=(tmux)
  have libreoffice || need+=(libreoffice-impress)
  have pdftoppm || need+=(poppler-utils)
fi

if [ ${#need[@]} -gt 0 ]; then
  if have apt-get; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "setup: installing ${need[*]} with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} with your system's package manager" >&2
    echo "       (macOS: brew install graphviz tmux poppler; brew install --cask libreoffice)" >&2
    exit 1
  fi
fi

python3 -m pip install --quiet --root-user-action=ignore --disable-pip-version-check -e '.[test]'
echo "setup: done ($(dot -V 2>&1 | head -n 1); $(python3 -m argmap --version))" >&2
