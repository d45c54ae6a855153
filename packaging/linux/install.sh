#!/bin/sh
# Install the ecom-trainer bundle (the folder this script is in, one level up) with a menu entry.
#
#   sudo sh linux/install.sh            for everyone: /opt/ecom-trainer, /usr/local/bin, /usr/local/share
#   sh linux/install.sh --user          for this user only: ~/.local/opt/ecom-trainer, ~/.local/bin, ...
#   add --uninstall to either to remove the program again
#
# Only the program is copied or removed. The learners' data stays where it is:
# ~/.local/share/ecom-trainer of each user (database, backups), see docs/install.md.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mode=system; action=install
for arg in "$@"; do
  case "$arg" in
    --user) mode=user ;;
    --uninstall) action=uninstall ;;
    *) echo "usage: $0 [--user] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$mode" = user ]; then
  app="$HOME/.local/opt/ecom-trainer"; bin="$HOME/.local/bin"; share="${XDG_DATA_HOME:-$HOME/.local/share}"
elif [ "$(id -u)" = 0 ]; then
  app=/opt/ecom-trainer; bin=/usr/local/bin; share=/usr/local/share
else
  echo "To install for everyone, run as root: sudo sh $0   (or for yourself only: sh $0 --user)" >&2
  exit 1
fi
desktop="$share/applications/ecom-trainer.desktop"
icon="$share/icons/hicolor/256x256/apps/ecom-trainer.png"
metainfo="$share/metainfo/io.github.ecomtrainer.EcomTrainer.metainfo.xml"

refresh() {  # menus and icon caches notice the change sooner; harmless when missing
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$action" = uninstall ]; then
  rm -rf "$app"
  rm -f "$bin/ecom-trainer" "$desktop" "$icon" "$metainfo"
  refresh
  echo "Removed the program. The learners' data in ~/.local/share/ecom-trainer is kept."
  exit 0
fi

[ -x "$here/ecom-trainer" ] && [ -d "$here/_internal" ] || {
  echo "$here does not look like the ecom-trainer bundle (no ecom-trainer program in it)" >&2; exit 1; }
mkdir -p "$(dirname "$app")" "$bin" "$(dirname "$desktop")" "$(dirname "$icon")" "$(dirname "$metainfo")"
if [ "$here" != "$app" ]; then
  # copy beside, then swap: a failed copy leaves the installed program as it was
  rm -rf "$app.new"
  cp -R "$here" "$app.new"
  rm -rf "$app.old"
  if [ -e "$app" ]; then mv "$app" "$app.old"; fi
  mv "$app.new" "$app"
  rm -rf "$app.old"
fi
ln -sf "$app/ecom-trainer" "$bin/ecom-trainer"
sed "s|^Exec=ecom-trainer|Exec=$app/ecom-trainer|" "$here/linux/ecom-trainer.desktop" > "$desktop"
cp "$here/linux/ecom-trainer.png" "$icon"
cp "$here/linux/io.github.ecomtrainer.EcomTrainer.metainfo.xml" "$metainfo"
refresh
echo "Installed $app; menu entry: ecom-trainer (Education). Start it with: $bin/ecom-trainer"
