#!/usr/bin/env bash
# Shared by scripts/install-*.sh: installs one Debian package with apt-get, as root or through
# password-less sudo. Never fails by itself: when it cannot install (no apt-get, not root and no
# sudo, no network) it says why and returns 0, so the test that needs the program fails with a
# message naming the install script, which is where the problem belongs.
#
# Usage (after `source`): apt_install TAG PACKAGE WHAT_NEEDS_IT ENV_VAR
#   TAG            prefix of every line it prints (install-browser)
#   PACKAGE        the Debian package (chromium)
#   WHAT_NEEDS_IT  for the messages (the browser tests)
#   ENV_VAR        the variable that points the tests at a copy installed elsewhere
apt_install() {
  local tag=$1 pkg=$2 needs=$3 var=$4
  say() { printf '%s: %s\n' "$tag" "$*"; }
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get is not available on this machine, so $pkg was NOT installed."
    say "$needs need it: install $pkg yourself and set $var=/path/to/$pkg."
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      say "not running as root and sudo is not available without a password, so $pkg was NOT installed."
      say "Run as root: apt-get update && apt-get install -y $pkg"
      return 0
    fi
  fi
  say "installing Debian's $pkg package (apt-get update, then apt-get install -y $pkg)…"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get update -q; then
    say "apt-get update failed (no network?), trying to install from the package lists already here."
  fi
  if ! "${sudo[@]}" apt-get install -y -q "$pkg"; then
    say "apt-get install $pkg FAILED, so $pkg was NOT installed; $needs will say so."
  fi
  return 0
}
