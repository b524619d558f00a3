#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian/Ubuntu machine; quick when nothing is missing.
#   system: cairo/pango headers, pkg-config, ffmpeg, a LaTeX subset, dvisvgm, the speech engines
#   slides: Debian's chromium and LibreOffice (the slides tests), poppler-utils; reveal.js from npm,
#           pinned, into .venv/share/reveal.js/VERSION (outside git; copied into every deck)
#   python: .venv from pyproject.toml (pinned versions)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  pkg-config libcairo2-dev libpango1.0-dev
  ffmpeg
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm
  flite espeak-ng sox
  fonts-dejavu-core fontconfig
  build-essential
  chromium libreoffice-impress-nogui poppler-utils
)
PY=${PYTHON:-python3}

missing_tools() {
  local missing=()
  pkg-config --exists cairo pangocairo 2>/dev/null || missing+=("cairo/pango headers")
  command -v ffmpeg  >/dev/null || missing+=("ffmpeg")
  command -v ffprobe >/dev/null || missing+=("ffprobe")
  command -v latex   >/dev/null || missing+=("latex")
  command -v dvisvgm >/dev/null || missing+=("dvisvgm")
  { command -v kpsewhich >/dev/null && kpsewhich standalone.cls >/dev/null; } || missing+=("standalone.cls")
  command -v flite     >/dev/null || missing+=("flite")
  command -v espeak-ng >/dev/null || missing+=("espeak-ng")
  command -v sox       >/dev/null || missing+=("sox")
  { command -v fc-list >/dev/null && [ -n "$(fc-list "DejaVu Sans" family)" ]; } || missing+=("DejaVu fonts")
  command -v cc >/dev/null || missing+=("a C compiler (pycairo, manimpango build from source)")
  "$PY" -c "import ensurepip, venv" 2>/dev/null || missing+=("python3-venv")
  command -v chromium >/dev/null || missing+=("chromium (slides tests)")
  command -v soffice  >/dev/null || missing+=("LibreOffice Impress (slides tests)")
  command -v pdftoppm >/dev/null || missing+=("pdftoppm (slides tests)")
  command -v npm      >/dev/null || missing+=("npm (reveal.js for slides)")
  printf '%s\n' "${missing[@]+"${missing[@]}"}"
}

missing=$(missing_tools)
if [ -n "$missing" ]; then
  echo "setup: missing system tools: $(echo "$missing" | paste -sd, -)"
  if [ "$(id -u)" = 0 ]; then SUDO=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"
  else
    echo "setup: cannot install them (not root, no sudo). Install with:" >&2
    extra=""; command -v npm >/dev/null || extra=" npm"
    echo "  sudo apt-get install -y --no-install-recommends ${APT_PACKAGES[*]}$extra" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  pkgs=("${APT_PACKAGES[@]}")
  "$PY" -c "import ensurepip, venv" 2>/dev/null || pkgs+=(python3-venv python3-dev)
  command -v npm >/dev/null || pkgs+=(npm)  # a Node.js already here (with its npm) is kept
  $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  missing=$(missing_tools)
  if [ -n "$missing" ]; then
    echo "setup: still missing after apt-get: $(echo "$missing" | paste -sd, -)" >&2
    exit 2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# reveal.js for the slides: the exact version scenes/slides/vendor.py names, from the npm registry
REVEAL_VERSION=$(sed -n 's/^REVEAL_VERSION = "\(.*\)"$/\1/p' scenes/slides/vendor.py)
REVEAL_DIR=.venv/share/reveal.js/$REVEAL_VERSION
if ! grep -qs "\"version\": \"$REVEAL_VERSION\"" "$REVEAL_DIR/node_modules/reveal.js/package.json"; then
  if ! npm install --prefix "$REVEAL_DIR" --no-save --no-audit --no-fund --loglevel=error \
       "reveal.js@$REVEAL_VERSION" >/dev/null; then
    echo "setup: could not install reveal.js $REVEAL_VERSION. Install with:" >&2
    echo "  npm install --prefix $REVEAL_DIR --no-save reveal.js@$REVEAL_VERSION" >&2
    exit 2
  fi
fi
