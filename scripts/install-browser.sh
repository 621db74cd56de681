#!/usr/bin/env bash
# Installs the browser the search page's end-to-end tests drive: Debian's `chromium` package at
# /usr/bin/chromium (playwright's own browser download does not work on our CI machines).
#
# Idempotent: does nothing when /usr/bin/chromium is already there. Never fails CI by itself:
# when it cannot install (no apt-get, not root and no sudo, no network) it says why and exits 0,
# and the browser tests then fail with a message naming this script, which is where the
# problem belongs. Set LEDESEARCH_CHROMIUM to use a Chromium installed elsewhere.
set -uo pipefail

CHROMIUM=/usr/bin/chromium

say() { printf 'install-browser: %s\n' "$*"; }

if [ -x "$CHROMIUM" ]; then
  say "Chromium is already installed: $("$CHROMIUM" --version 2>/dev/null | head -n 1 || echo "$CHROMIUM")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get is not available on this machine, so Chromium was NOT installed."
  say "The browser tests need it: install Chromium yourself and set LEDESEARCH_CHROMIUM=/path/to/chromium."
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    say "not running as root and sudo is not available without a password, so Chromium was NOT installed."
    say "Run as root: apt-get update && apt-get install -y chromium"
    exit 0
  fi
fi

say "installing Debian's chromium package (apt-get update, then apt-get install -y chromium)…"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q; then
  say "apt-get update failed (no network?), trying to install from the package lists already here."
fi
if ! "${SUDO[@]}" apt-get install -y -q chromium; then
  say "apt-get install chromium FAILED, so Chromium was NOT installed; the browser tests will say so."
  exit 0
fi

if [ -x "$CHROMIUM" ]; then
  say "installed: $("$CHROMIUM" --version 2>/dev/null | head -n 1 || echo "$CHROMIUM")"
else
  say "the chromium package installed but $CHROMIUM is missing; set LEDESEARCH_CHROMIUM to its path."
fi
exit 0
