#!/usr/bin/env bash
# Installs Debian's Chromium for the browser login test when running as root with apt.
# Best effort: without it the browser test is skipped (and says so); every other test still runs.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium from the distribution's packages (for the browser login test)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || echo "chromium could not be installed; the browser test will be skipped"
fi
exit 0
