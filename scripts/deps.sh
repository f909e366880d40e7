#!/usr/bin/env bash
# Installs the Debian 12 packages ecskp needs to build, test, fuzz and benchmark.
# Idempotent; needs root (or sudo).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build clang llvm libclang-rt-14-dev
  libcjson-dev libxml2-dev libssl-dev libcmocka-dev
  libcurl4-openssl-dev python3 zip
  valgrind gcovr cppcheck clang-tidy clang-tools
)

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "deps: ${#packages[@]} packages present"
