#!/usr/bin/env bash
# Installs the load balancer the deployment test (test/deploy/haproxy.test.ts) runs three
# replicas behind: Debian's `haproxy` package.
#
# Idempotent: does nothing when haproxy is already on the PATH. Never fails CI by itself (see
# apt-install.sh); the deployment test then fails with a message naming this script. Set
# LEDESEARCH_HAPROXY to use an haproxy installed elsewhere.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"

if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  printf 'install-haproxy: haproxy is already installed: %s\n' "$( (command -v haproxy || echo /usr/sbin/haproxy) | head -n 1)"
  exit 0
fi
apt_install install-haproxy haproxy "the deployment test" LEDESEARCH_HAPROXY
# The package starts a system service with its default configuration; the test runs its own.
if [ -x /usr/sbin/haproxy ]; then
  printf 'install-haproxy: installed: %s\n' "$(/usr/sbin/haproxy -v 2>/dev/null | head -n 1)"
else
  printf 'install-haproxy: /usr/sbin/haproxy is missing; set LEDESEARCH_HAPROXY to an haproxy binary.\n'
fi
exit 0
