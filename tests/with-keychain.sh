#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a system keychain: started inside `dbus-run-session` (a private session bus), it
# starts gnome-keyring's Secret Service with a fresh login keyring unlocked by a throwaway password
# (in a temporary home, so the user's own keyring is never touched), then runs the command.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
