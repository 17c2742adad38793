#!/bin/sh
# Starts Chromium (CHROMIUM_PATH, else Debian's /usr/bin/chromium) for the browser tests and the
# bench (webServer.ts), with every --disable-features the launcher passed merged into one:
# Chromium applies only the last one, and Playwright passes its own list before ours.
real="${CHROMIUM_PATH:-/usr/bin/chromium}"
features=""
for arg in "$@"; do
  shift
  case "$arg" in
    --disable-features=*) features="${features:+$features,}${arg#--disable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$features" ]; then exec "$real" "$@" "--disable-features=$features"; fi
exec "$real" "$@"
