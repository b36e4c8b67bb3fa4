#!/bin/sh
# Installs HirePartner for this user: the app in ~/.local/opt/HirePartner, a `hirepartner`
# command in ~/.local/bin, the menu entry and icons in ~/.local/share. No root needed.
# Running it again upgrades in place; your database and settings (~/.local/share/HirePartner,
# ~/.config/HirePartner) are never touched. To remove: ~/.local/opt/HirePartner/uninstall.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.hirepartner.HirePartner
opt="$HOME/.local/opt"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
target="$opt/HirePartner"

mkdir -p "$opt" "$bin" "$share/applications" "$share/metainfo"
# Copy beside the old version first, then swap: a failed copy leaves the old one working.
rm -rf "$target.new" "$target.old"
cp -R "$here/HirePartner" "$target.new"
cp "$here/uninstall.sh" "$target.new/uninstall.sh"
chmod 755 "$target.new/uninstall.sh" "$target.new/hirepartner"
if [ -d "$target" ]; then mv "$target" "$target.old"; fi
mv "$target.new" "$target"
rm -rf "$target.old"

ln -sf "$target/hirepartner" "$bin/hirepartner"
sed "s|^Exec=hirepartner|Exec=\"$target/hirepartner\"|" "$here/share/$app_id.desktop" \
  > "$share/applications/$app_id.desktop"
cp "$here/share/$app_id.metainfo.xml" "$share/metainfo/"
for png in "$here"/share/icons/hirepartner-*.png; do
  size=$(basename "$png" .png | sed 's/hirepartner-//')
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$here/share/icons/hirepartner.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$share/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
  && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true

version=$("$target/hirepartner" --version 2>/dev/null || echo HirePartner)
echo "Installed $version in $target."
echo "Start it from the applications menu, or run: $bin/hirepartner"
case ":$PATH:" in *":$bin:"*) ;; *) echo "($bin is not on your PATH; add it to run 'hirepartner' by name.)" ;; esac
