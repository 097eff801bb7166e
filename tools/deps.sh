#!/bin/sh
# Installs the Debian packages that bulletin needs to build, test and render, when any
# is missing.  As root it runs apt-get itself; as another user it prints the one line
# to run and fails.  When everything is present it costs one dpkg-query call.
set -eu

PACKAGES="gcc make pkg-config libhpdf-dev libxml2-dev libcsv-dev check libharfbuzz-dev
nettle-dev poppler-utils qpdf fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp
fonts-arphic-gkai00mp fonts-wqy-microhei fonts-wqy-zenhei
libzip-dev libxlsxwriter-dev libjansson-dev"
# make bench also runs ReportLab (with Debian's /usr/bin/python3, which python3-reportlab
# brings), callgrind and /usr/bin/time; make check needs none of them.
if [ "${1:-}" = bench ]; then PACKAGES="$PACKAGES python3 python3-reportlab valgrind time"; fi

installed=$(dpkg-query -W -f='${Package} ${Status}\n' $PACKAGES 2>/dev/null |
           awk '$NF == "installed" { print $1 }' || true)
missing=""
for pkg in $PACKAGES; do
    case " $(echo $installed) " in
        *" $pkg "*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "bulletin: missing Debian packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "bulletin: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends $missing >&2
