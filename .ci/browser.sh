#!/bin/sh
# Make sure Debian's Chromium and its WebDriver are present for the tests marked `browser`
# (Selenium drives /usr/bin/chromium through /usr/bin/chromedriver; no browser download).
set -eu
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "Chromium and chromedriver present"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
