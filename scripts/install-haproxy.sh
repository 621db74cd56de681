#!/usr/bin/env bash
# Installs the load balancer the deployment test (test/deploy/haproxy.test.ts) runs three
# replicas behind: Debian's `haproxy` package.
#
# Idempotent: does nothing when haproxy is already on the PATH. Never fails CI by itself: when
# it cannot install (no apt-get, not root and no sudo, no network) it says why and exits 0, and
# the deployment test then fails with a message naming this script. Set LEDESEARCH_HAPROXY to
# use an haproxy installed elsewhere.
set -uo pipefail

say() { printf 'install-haproxy: %s\n' "$*"; }

if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  say "haproxy is already installed: $( (command -v haproxy || echo /usr/sbin/haproxy) | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get is not available on this machine, so haproxy was NOT installed."
  say "The deployment test needs it: install haproxy yourself and set LEDESEARCH_HAPROXY=/path/to/haproxy."
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    say "not running as root and sudo is not available without a password, so haproxy was NOT installed."
    say "Run as root: apt-get update && apt-get install -y haproxy"
    exit 0
  fi
fi

say "installing Debian's haproxy package (apt-get update, then apt-get install -y haproxy)…"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q; then
  say "apt-get update failed (no network?), trying to install from the package lists already here."
fi
if ! "${SUDO[@]}" apt-get install -y -q haproxy; then
  say "apt-get install haproxy FAILED, so haproxy was NOT installed; the deployment test will say so."
  exit 0
fi
# The package starts a system service with its default configuration; the test runs its own.
say "installed: $(/usr/sbin/haproxy -v 2>/dev/null | head -n 1)"
exit 0
