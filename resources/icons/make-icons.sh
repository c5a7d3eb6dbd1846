#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the icon's PNG sizes, the Windows .ico and the macOS .icns from hiscrm.svg. Run it after
# changing the SVG and commit what it writes (the build uses these files; it does not need the
# tools). Needs rsvg-convert (librsvg2-bin), ImageMagick's convert and png2icns (icnsutils).
set -eu
cd "$(dirname "$0")"
mkdir -p png
for n in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$n" -h "$n" hiscrm.svg -o "png/hiscrm-$n.png"
done
convert png/hiscrm-16.png png/hiscrm-24.png png/hiscrm-32.png png/hiscrm-48.png png/hiscrm-64.png \
    png/hiscrm-128.png png/hiscrm-256.png hiscrm.ico
png2icns hiscrm.icns png/hiscrm-16.png png/hiscrm-32.png png/hiscrm-48.png png/hiscrm-128.png \
    png/hiscrm-256.png png/hiscrm-512.png >/dev/null
