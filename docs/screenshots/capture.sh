#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the README's screenshots: the real app under Xvfb, on a fresh demo history, in
# Simplified Chinese and in English, light and dark, at 1200×800. Run from the repository root
# after building:
#   docs/screenshots/capture.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
out="docs/screenshots"
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: installer/setup-deps.sh installs it" >&2; exit 1; }
for theme in light dark; do
    for lang in zh_CN en; do
        data="$(mktemp -d)"
        # A settings file of its own, so the capture never touches the user's preferences.
        mkdir -p "$data/config/HisCRM"
        printf '[ui]\ntheme=%s\n' "$theme" >"$data/config/HisCRM/HisCRM Desk.conf"
        XDG_CONFIG_HOME="$data/config" LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
            xvfb-run -a -s "-screen 0 1400x900x24" \
            "$build/bin/hiscrm" --data-dir "$data/data" --demo --lang "$lang" --screenshots "$out"
        rm -rf "$data"
    done
done
ls -l "$out"/*.png
