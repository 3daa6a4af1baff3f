#!/usr/bin/env bash
# The .deb, installed on this machine (issue 16). Opt-in: `make test-package` (it needs the release
# build and packages of `make package`, and root or sudo). It installs
# target/release/bundle/deb/Factdesk_*.deb with `dpkg -i`, checks what a person gets, and removes it
# with `dpkg -r` whatever happens:
# - the files: /usr/bin/factdesk, /usr/bin/factdesk-cli, the desktop entry (validated when
#   desktop-file-utils is there), the .factdesk type's shared-mime-info XML, the icons at every size;
# - both commands: `factdesk-cli --version` is the version in Cargo.toml, and it works on a workspace;
# - the window: the installed app, started under Xvfb as the file manager starts it on a
#   double-clicked file (the desktop entry's Exec line, %f the workspace), opens that workspace: the
#   window is titled after the file, the app holds the file's lock, and factdesk-cli borrows the
#   workspace from it and reads the claims it holds; a screenshot is kept for a person to look at;
# - the file type: the mime database (updated by dpkg's trigger) types a .factdesk file, even a real
#   one (a SQLite file inside), as application/x-factdesk-workspace, and Factdesk is its default
#   application; `xdg-mime query filetype` agrees when xdg-utils is there;
# - each package is under 40 MB.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

debs=(target/release/bundle/deb/Factdesk_*.deb)
[ -f "${debs[0]}" ] || fail "no .deb in target/release/bundle/deb/: run make package first"
[ ${#debs[@]} -eq 1 ] || fail "several .deb files in target/release/bundle/deb/: ${debs[*]}"
deb=$(realpath "${debs[0]}")
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "no version in Cargo.toml's [workspace.package]"
package=$(dpkg-deb -f "$deb" Package)
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is $(dpkg-deb -f "$deb" Version), Cargo.toml's $version"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if dpkg -s "$package" >/dev/null 2>&1; then
  fail "the package $package is already installed on this machine; this test installs and removes it, so remove it first (sudo dpkg -r $package)"
fi

work=$(mktemp -d)
out=$here/target/package-test
mkdir -p "$out"
pids=()
installed=""
cleanup() {
  local status=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$installed" ]; then
    $sudo dpkg -r "$package" >/dev/null || echo "could not remove $package: run sudo dpkg -r $package" >&2
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT

# Sizes first: nothing to install if they are over the mark.
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm target/release/bundle/appimage/*.AppImage; do
  [ -f "$f" ] || continue
  size=$(stat -c %s "$f")
  [ "$size" -lt 40000000 ] || fail "$(basename "$f") is $((size / 1000000)) MB, over 40 MB"
  pass "$(basename "$f"): $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB"
done

installed=1
$sudo dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i $deb failed (a missing dependency? sudo apt install $deb installs them)"; }
pass "dpkg -i $(basename "$deb")"

# The files.
for f in /usr/bin/factdesk /usr/bin/factdesk-cli; do
  [ -x "$f" ] || fail "$f is missing or not executable"
done
desktop=/usr/share/applications/Factdesk.desktop
[ -f "$desktop" ] || fail "no desktop entry $desktop (the package has: $(dpkg -L "$package" | grep '\.desktop$' || echo none))"
for key in "Name=Factdesk" "Icon=factdesk" "Categories=Office;" "MimeType=application/x-factdesk-workspace;" "Type=Application"; do
  grep -qx "$key" "$desktop" || fail "the desktop entry has no line $key"
done
grep -q '^Comment=.\{20,\}' "$desktop" || fail "the desktop entry has no Comment"
grep -q '^Exec=.*%f' "$desktop" || fail "the desktop entry's Exec does not take the file (%f)"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
fi
mime_xml=/usr/share/mime/packages/factdesk.xml
grep -q 'glob pattern="\*.factdesk"' "$mime_xml" || fail "$mime_xml does not register *.factdesk"
# dpkg's trigger ran update-mime-database over it.
[ -f /usr/share/mime/application/x-factdesk-workspace.xml ] || fail "the mime database was not updated with the Factdesk workspace type"
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  icon=/usr/share/icons/hicolor/$size/apps/factdesk.png
  [ -f "$icon" ] || fail "no icon $icon"
  [ "$(identify -format %wx%h "$icon" 2>/dev/null || file -b "$icon" | grep -o '[0-9]* x [0-9]*' | tr -d ' ')" = "$size" ] || fail "$icon is not $size"
done
[ -f /usr/share/icons/hicolor/scalable/apps/factdesk.svg ] || fail "no scalable icon"
pass "files: both commands, the desktop entry, the mime type, icons at 8 sizes and scalable"

# Both commands, from one binary.
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/runtime
unset FACTDESK_DB FACTDESK_MODEL
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
[ "$(factdesk-cli --version)" = "factdesk-cli $version" ] || fail "factdesk-cli --version says '$(factdesk-cli --version)', not factdesk-cli $version"
[ "$(/usr/bin/factdesk cli --version)" = "factdesk-cli $version" ] || fail "factdesk cli --version"
[ ! -e /usr/bin/factdesk-cli ] || [ "$(stat -c %s /usr/bin/factdesk-cli)" -lt 4096 ] || fail "/usr/bin/factdesk-cli is a second copy of the program, not a wrapper"
ws="$work/Desk work 2024.factdesk"
factdesk-cli --db "$ws" demo >"$work/demo.log" || fail "factdesk-cli demo: $(cat "$work/demo.log")"
claims=$(factdesk-cli --db "$ws" info | sed -n 's/^claims: *//p')
[ "${claims:-0}" -gt 0 ] || fail "the demo workspace has no claims"
pass "factdesk-cli $version (a wrapper of factdesk cli): made a workspace of $claims claims"

# The file type, as the desktop sees it.
# A file that starts as every SQLite file does (an empty one would be text/plain to GLib, which
# does not look at the names of empty files).
printf 'SQLite format 3\0' >"$work/x.factdesk"
mime_of() { gio info -a standard::content-type "$1" 2>/dev/null | sed -n 's/^ *standard::content-type: //p'; }
if command -v gio >/dev/null; then
  [ "$(mime_of "$work/x.factdesk")" = application/x-factdesk-workspace ] || fail "gio types x.factdesk as '$(mime_of "$work/x.factdesk")'"
  [ "$(mime_of "$ws")" = application/x-factdesk-workspace ] || fail "gio types a real workspace (SQLite inside) as '$(mime_of "$ws")'"
  default=$(gio mime application/x-factdesk-workspace 2>/dev/null | sed -n "s/^Default application for .*: //p")
  [ "$default" = Factdesk.desktop ] || fail "the default application for a workspace is '$default', not Factdesk.desktop"
  pass "gio: a .factdesk file is application/x-factdesk-workspace, opened by Factdesk.desktop"
fi
if command -v xdg-mime >/dev/null; then
  # xdg-mime asks the desktop's own tool (gio on GNOME); without a desktop it falls back to
  # file(1), which reads content only and would call a workspace a SQLite file.
  got=$(XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$work/x.factdesk")
  [ "$got" = application/x-factdesk-workspace ] || fail "xdg-mime query filetype x.factdesk gives '$got'"
  got=$(XDG_CURRENT_DESKTOP=GNOME xdg-mime query default application/x-factdesk-workspace)
  [ "$got" = Factdesk.desktop ] || fail "xdg-mime query default gives '$got'"
  pass "xdg-mime: x.factdesk is application/x-factdesk-workspace, default Factdesk.desktop"
else
  echo "skip: xdg-mime (xdg-utils is not installed)"
fi

# The window, started as the file manager starts it on a double-clicked workspace.
display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -1)
read -r -a argv <<<"${exec_line// %f/}"
[ "${argv[0]}" = factdesk ] || [ "${argv[0]}" = /usr/bin/factdesk ] || fail "the desktop entry runs '${argv[0]}', not factdesk"
# On a session bus of its own, as on a desktop (without one where dbus-run-session is missing).
bus=()
command -v dbus-run-session >/dev/null && bus=(dbus-run-session --)
(cd "$work" && exec "${bus[@]}" "${argv[@]}" "$ws") >"$work/app.log" 2>&1 &
app=$!; pids+=($app)
title="Factdesk — $(basename "$ws")"
for _ in $(seq 600); do
  xwininfo -root -tree 2>/dev/null | grep -qF "\"$title\"" && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; fail "the installed app ended on launch"; }
  sleep 0.1
done
xwininfo -root -tree 2>/dev/null | grep -qF "\"$title\"" || { cat "$work/app.log" >&2; fail "no window titled '$title' after 60 s"; }
window=$(xwininfo -root -tree | grep -F "\"$title\"" | awk '{ print $1 }' | head -1)
wm_class=$(xprop -id "$window" WM_CLASS | sed 's/.*= //')
startup=$(sed -n 's/^StartupWMClass=//p' "$desktop")
[ -z "$startup" ] || [[ "$wm_class" == *"\"$startup\""* ]] || fail "the window's WM_CLASS is $wm_class: the desktop entry's StartupWMClass=$startup does not match it, so the dock would not group it"
pass "the installed app opened a window titled '$title' (WM_CLASS $wm_class)"
# The app holds the workspace's lock (an flock on the file, see factdesk_core::lock).
pid=$app
[ ${#bus[@]} -eq 0 ] || pid=$(pgrep -P "$app" -x factdesk) || fail "no factdesk process under $app"
inode=$(stat -c %i "$ws")
awk -v pid="$pid" -v ino="$inode" '$2 == "FLOCK" && $5 == pid && $6 ~ (":" ino "$") { found = 1 } END { exit !found }' /proc/locks \
  || fail "the app (process $pid) does not hold the lock of $ws"
# The command line borrows the workspace from the window and reads it.
listed=$(timeout 60 factdesk-cli --db "$ws" claim list --json | grep -c '"uuid"') || fail "factdesk-cli could not borrow the workspace from the window"
[ "$listed" -eq "$claims" ] || fail "the window's workspace lists $listed claims, expected $claims"
pass "the window holds $(basename "$ws"); factdesk-cli borrowed it from the window and listed its $listed claims"
sleep 3 # let the list draw before the screenshot
if command -v xwd >/dev/null && command -v convert >/dev/null; then
  xwd -root -silent | convert xwd:- "$out/installed-window.png" && echo "screenshot: $out/installed-window.png"
fi

kill "$app"; wait "$app" 2>/dev/null || true
$sudo dpkg -r "$package" >/dev/null
installed=""
for f in /usr/bin/factdesk /usr/bin/factdesk-cli "$desktop" "$mime_xml" /usr/share/mime/application/x-factdesk-workspace.xml; do
  [ ! -e "$f" ] || fail "$f is still there after dpkg -r"
done
pass "dpkg -r $package removed everything"
echo "package: all checks passed"
