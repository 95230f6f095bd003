#!/bin/sh
# Installs the Debian packages the build, the tests and the demo need.
# Idempotent: does nothing when everything is already installed.
set -e
PKGS="meson ninja-build pkg-config gcc make python3
libglib2.0-dev libpixman-1-dev zlib1g-dev libfdt-dev
liburing-dev libzstd-dev libslirp-dev libseccomp-dev libaio-dev nettle-dev
acpica-tools qemu-utils qemu-system-x86 seabios hyperfine time iproute2 lz4"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
