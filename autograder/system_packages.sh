#!/bin/sh
# The system packages a make target needs, installed when missing.
#
#   autograder/system_packages.sh PACKAGE...     (bubblewrap: the grading sandbox; chromium: the browser tests)
#
# Every package present: exit 0, print nothing. Some missing: as root on Debian/Ubuntu (apt-get
# present), `apt-get update` then `apt-get install` them and check they are there; otherwise
# print the one command to run and exit 1, before any other work of the target.
# Exit codes: 0 all present (or installed), 1 missing and not installed here, 2 bad usage.
set -u

command_of() {  # the command a package provides, what we look for on PATH
  case "$1" in
    bubblewrap) echo bwrap ;;
    chromium) echo chromium ;;
    *) return 1 ;;
  esac
}

missing=""
for pkg in "$@"; do
  cmd=$(command_of "$pkg") || { echo "system_packages.sh: unknown package '$pkg' (known: bubblewrap, chromium)" >&2; exit 2; }
  command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
missing=${missing# }
[ -z "$missing" ] && exit 0

uid=$(id -u 2>/dev/null || echo unknown)
if [ "$uid" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing the system packages this needs: $missing (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing || {
      echo "apt-get could not install: $missing" >&2; exit 1; }
  still=""
  for pkg in $missing; do
    command -v "$(command_of "$pkg")" >/dev/null 2>&1 || still="$still $pkg"
  done
  [ -z "$still" ] && exit 0
  echo "apt-get ran but these are still missing:$still" >&2
  exit 1
fi

if command -v apt-get >/dev/null 2>&1 || [ -f /etc/debian_version ]; then
  sudo="sudo "; [ "$uid" = 0 ] && sudo=""
  run="${sudo}apt-get update && ${sudo}apt-get install -y $missing"
else
  run="install $missing with your system's package manager"
fi
{
  echo "missing system packages: $missing (bubblewrap is the grading sandbox, chromium drives the browser tests)."
  echo "Run, then try again:"
  echo "  $run"
} >&2
exit 1
