#!/usr/bin/env bash
# Installs the browser the search page's end-to-end tests drive: Debian's `chromium` package at
# /usr/bin/chromium (playwright's own browser download does not work on our CI machines).
#
# Idempotent: does nothing when /usr/bin/chromium is already there. Never fails CI by itself (see
# apt-install.sh); the browser tests then fail with a message naming this script. Set
# LEDESEARCH_CHROMIUM to use a Chromium installed elsewhere.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"

CHROMIUM=/usr/bin/chromium
version() { "$CHROMIUM" --version 2>/dev/null | head -n 1 || echo "$CHROMIUM"; }

if [ -x "$CHROMIUM" ]; then
  printf 'install-browser: Chromium is already installed: %s\n' "$(version)"
  exit 0
fi
apt_install install-browser chromium "the browser tests" LEDESEARCH_CHROMIUM
if [ -x "$CHROMIUM" ]; then
  printf 'install-browser: installed: %s\n' "$(version)"
else
  printf 'install-browser: %s is missing; set LEDESEARCH_CHROMIUM to a Chromium binary.\n' "$CHROMIUM"
fi
exit 0
