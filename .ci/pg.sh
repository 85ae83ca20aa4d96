#!/bin/sh
# Make sure PostgreSQL server binaries are present for the tests marked `postgres`
# (tests/_pg.py starts a private throwaway cluster with them). Called by CI before pytest.
set -eu
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    echo "PostgreSQL binaries present"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
