#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the .deb that `cpack -G DEB` made in build/packages as a user's machine would see it:
# lintian finds no error; apt-get installs it with its dependencies; the installed programs answer
# --version; the installed app opens its window (offscreen, with the demo) and exits 0, in English
# and in Chinese (the translations it carries load); the desktop file, icons, metainfo, man pages
# and the systemd unit are where the system looks for them, the unit not enabled; then the package
# is removed, leaving no program behind. Needs root (apt-get) and lintian. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "check-deb: $*" >&2
    exit 1
}

debs=(build/packages/hiscrm_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one build/packages/hiscrm_*.deb (run: cd build && cpack -G DEB)"
deb="${debs[0]}"
version=$(dpkg-deb -f "$deb" Version)

echo "check-deb: lintian $deb"
lintian --fail-on error --tag-display-limit 0 "$deb"

echo "check-deb: installing"
apt-get install -y -qq "./$deb" >/dev/null

echo "check-deb: --version"
[ "$(/usr/bin/hiscrm --version)" = "HisCRM Desk $version" ] || fail "hiscrm --version: $(/usr/bin/hiscrm --version)"
/usr/bin/hiscrm-master --version | grep -qx "hiscrm-master $version" || fail "hiscrm-master --version: $(/usr/bin/hiscrm-master --version)"

echo "check-deb: the installed app opens its window and quits"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
smoke() { env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen /usr/bin/hiscrm --demo --smoke-test "$@"; }
out=$(smoke --lang en) || fail "hiscrm --smoke-test exited $?"
echo "$out"
grep -qx "visible: 1" <<<"$out" || fail "no visible main window"
grep -q "^menus: File " <<<"$out" || fail "English menus expected"
out=$(smoke --lang zh_CN) || fail "hiscrm --lang zh_CN --smoke-test exited $?"
echo "$out"
grep -q "^menus: 文件" <<<"$out" || fail "Chinese menus expected with --lang zh_CN"

echo "check-deb: files where the system looks for them"
for f in /usr/share/applications/org.hiscrm.Desk.desktop /usr/share/metainfo/org.hiscrm.Desk.metainfo.xml \
    /usr/share/icons/hicolor/256x256/apps/org.hiscrm.Desk.png /usr/share/icons/hicolor/scalable/apps/org.hiscrm.Desk.svg \
    /usr/share/man/man1/hiscrm.1.gz /usr/share/man/man1/hiscrm-master.1.gz /lib/systemd/system/hiscrm-master.service \
    /usr/share/doc/hiscrm/copyright; do
    [ -f "$f" ] || fail "missing $f"
done
[ ! -e /etc/systemd/system/multi-user.target.wants/hiscrm-master.service ] || fail "the unit must not be enabled"
getent passwd hiscrm >/dev/null || fail "the service user hiscrm was not created"

echo "check-deb: removing"
apt-get remove -y -qq hiscrm >/dev/null
[ ! -e /usr/bin/hiscrm ] && [ ! -e /usr/bin/hiscrm-master ] || fail "programs left after removal"
echo "check-deb: $deb is fine"
