#!/bin/sh
# Debian packages Qt needs on this kind of machine. As root: install what is missing.
# Otherwise: name what is missing and carry on (tests run offscreen and may still pass).
#   fonts-wqy-microhei   CJK glyphs (WenQuanYi Micro Hei also keeps the text layer in PDFs)
#   fonts-dejavu-core    Latin, and Arabic script for Uyghur (usually there already; not every install)
#   libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libxcb-cursor0  Qt's xcb platform (real X display)
#   libegl1, libgl1      Qt Gui loads them even offscreen
#   libpulse0            Qt Multimedia
#   xvfb                 a virtual X display for `make screenshots`
#   poppler-utils        pdftotext, to check that PDFs keep their text
PKGS="fonts-wqy-microhei fonts-dejavu-core libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-cursor0 libegl1 libgl1 libpulse0 libfontconfig1 libdbus-1-3 xvfb poppler-utils"
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing we can check
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages Qt needs:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "apt-get could not install:$missing" >&2; exit 1; }
else
  echo "NOTE: these Debian packages are missing:$missing" >&2
  echo "      Install them as root: apt-get install$missing" >&2
  echo "      (without a CJK font, Chinese text shows as boxes)" >&2
fi
