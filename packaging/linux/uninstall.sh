#!/bin/sh
# Removes HirePartner installed by install.sh. Your database, backups and settings stay
# (~/.local/share/HirePartner, ~/.config/HirePartner): delete those yourself to erase them.
set -eu
app_id=org.hirepartner.HirePartner
share="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/HirePartner"
bin="$HOME/.local/bin/hirepartner"

if [ -L "$bin" ] && [ "$(readlink "$bin")" = "$target/hirepartner" ]; then rm -f "$bin"; fi
rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
rm -f "$share"/icons/hicolor/*/apps/"$app_id".png "$share/icons/hicolor/scalable/apps/$app_id.svg"
rm -rf "$target"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$share/applications" 2>/dev/null || true
echo "HirePartner was removed. Your data is still in $share/HirePartner."
