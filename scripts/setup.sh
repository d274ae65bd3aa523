#!/usr/bin/env bash
# Installs what EdgeSim needs to build and is not there yet:
#   - pkg-config and GNU Scientific Library headers (Debian: libgsl-dev);
#   - zlib headers (Debian: zlib1g-dev), for deflating inventory deltas;
#   - gnuplot (Debian: gnuplot-nox), which draws the figures of `edgesim report`.
# Prints nothing when everything is present.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then
    missing+=(libgsl-dev)
fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists zlib; then
    missing+=(zlib1g-dev)
fi
command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: apt-get not found; install ${missing[*]} (GNU Scientific Library, zlib, gnuplot) with your package manager" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
pkg-config --exists gsl || { echo "setup: GNU Scientific Library still not found by pkg-config" >&2; exit 1; }
pkg-config --exists zlib || { echo "setup: zlib still not found by pkg-config" >&2; exit 1; }
command -v gnuplot >/dev/null 2>&1 || { echo "setup: gnuplot still not found" >&2; exit 1; }
