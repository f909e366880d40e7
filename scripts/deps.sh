#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages ecskp needs to build, test, fuzz and benchmark.
# Idempotent; needs root (or sudo).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build clang llvm libclang-rt-14-dev
  libcjson-dev libxml2-dev libssl-dev libcmocka-dev
  libcurl4-openssl-dev python3 zip
  valgrind gcovr cppcheck clang-tidy clang-tools clang-format locales abigail-tools
)

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# A locale whose decimal separator is multi-byte (U+066B), for codec/tests/test_locale.c.
if ! locale -a 2>/dev/null | grep -qi '^ps_AF\.utf-\?8$'; then
  $SUDO localedef -i ps_AF -f UTF-8 ps_AF.UTF-8
fi
# Node.js and npm for the official SDKs' conformance adapters (conformance/adapters/node, whose
# packages come from the committed lockfile with `npm ci`): the machine's own when it has them,
# else Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "deps: ${#packages[@]} packages present, locale ps_AF.UTF-8 present, node $(node --version), npm $(npm --version)"
