#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what building and testing HisCRM Desk needs. Safe to re-run: only missing packages are
# installed, and nothing is touched when everything is already there.
#
# Written for bash 3.2 as well (the one macOS ships): no associative arrays, no mapfile, and empty
# arrays are expanded with ${a[@]+"${a[@]}"} so that `set -u` does not trip on them.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: installer/setup-deps.sh [--with-postgres] [--verbose] [--help]

Installs the build dependencies of HisCRM Desk (compiler, CMake, Ninja, Qt 6 with SQLite and
WebSockets, Qt tools, SQLite, fortune corpora for demo data, Xvfb, CJK fonts and the Adwaita Qt
style for UI tests).

  --with-postgres  also install a PostgreSQL server
  --verbose        show the package manager's output (by default only shown on failure)
  --help           show this help

Supported: Debian/Ubuntu (apt-get), Fedora (dnf), macOS (Homebrew). On Windows it prints the
steps to follow. Uses sudo when not run as root.
EOF
}

with_postgres=0
verbose=0
while [ $# -gt 0 ]; do
    case "$1" in
    --with-postgres) with_postgres=1 ;;
    --verbose | -v) verbose=1 ;;
    --help | -h)
        usage
        exit 0
        ;;
    *)
        echo "setup-deps: unknown option: $1" >&2
        usage >&2
        exit 2
        ;;
    esac
    shift
done

say() { printf '==> %s\n' "$*"; }
warn() { printf 'setup-deps: warning: %s\n' "$*" >&2; }
die() {
    printf 'setup-deps: error: %s\n' "$*" >&2
    exit 1
}

# Runs a command, keeping its chatter in a log that is shown only if it fails.
run() {
    printf '    $ %s\n' "$*"
    if [ "$verbose" -eq 1 ]; then
        "$@"
        return
    fi
    local log status
    log=$(mktemp "${TMPDIR:-/tmp}/setup-deps.XXXXXX")
    status=0
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log" >&2
        rm -f "$log"
        die "command failed (exit $status): $*"
    fi
    rm -f "$log"
}

# Package managers need root on Linux; Homebrew refuses it, so macOS never goes through here.
SUDO=()
need_root() {
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        die "run as root, or install sudo"
    fi
}

# Installs those of the packages after "--" that this release knows, and warns about the others.
# $1 names a command that succeeds when the release knows the package it is given; the words from
# $2 up to "--" are the install command, run as root with the known names appended.
install_known() {
    local knows=$1 p
    shift
    local cmd=()
    while [ "$1" != "--" ]; do
        cmd+=("$1")
        shift
    done
    shift
    local available=()
    for p in "$@"; do
        if "$knows" "$p" >/dev/null 2>&1; then
            available+=("$p")
        else
            warn "package $p is not available on this release, skipping it"
        fi
    done
    if [ ${#available[@]} -eq 0 ]; then
        return
    fi
    say "installing ${available[*]}"
    run ${SUDO[@]+"${SUDO[@]}"} "${cmd[@]}" "${available[@]}"
}

# ---- Debian / Ubuntu --------------------------------------------------------------------------

install_apt() {
    local pkgs=(
        build-essential cmake ninja-build
        qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
        qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
        libsqlite3-dev libgl-dev libssl-dev
        # The system keychain (Secret Service, KWallet) for a paired desktop's device token; tests
        # run it against gnome-keyring on a private session bus.
        qtkeychain-qt6-dev gnome-keyring dbus-daemon
        fortunes-zh fortune-mod
        qt6-translations-l10n
        xvfb xauth fonts-noto-cjk fonts-noto-color-emoji
        # The Adwaita and Adwaita-Dark styles (GNOME's look): UI tests check the app under a
        # platform style other than Fusion, light and dark.
        adwaita-qt6
    )
    if [ "$with_postgres" -eq 1 ]; then
        pkgs+=(postgresql)
    fi

    local missing=() p
    for p in "${pkgs[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all ${#pkgs[@]} packages are already installed"
        return
    fi

    need_root
    export DEBIAN_FRONTEND=noninteractive
    say "updating the package lists"
    run ${SUDO[@]+"${SUDO[@]}"} apt-get update -qq

    # Older releases lack a few of these names; build without them rather than fail outright.
    install_known apt_knows apt-get install -y -qq --no-install-recommends -- "${missing[@]}"
}
apt_knows() { apt-cache show "$1"; }

# ---- Fedora -----------------------------------------------------------------------------------

install_dnf() {
    local pkgs=(
        gcc-c++ cmake ninja-build
        qt6-qtbase-devel qt6-qtwebsockets-devel qt6-qttools-devel qt6-linguist
        sqlite-devel openssl-devel qtkeychain-qt6-devel
        fortune-mod
        xorg-x11-server-Xvfb google-noto-sans-cjk-fonts
        adwaita-qt6
    )
    if [ "$with_postgres" -eq 1 ]; then
        pkgs+=(postgresql-server)
    fi

    local missing=() p
    for p in "${pkgs[@]}"; do
        rpm -q "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all ${#pkgs[@]} packages are already installed"
        return
    fi

    need_root
    # Names move between Fedora releases; skip the ones this release does not know.
    install_known dnf_knows dnf install -y -q -- "${missing[@]}"
}
dnf_knows() { dnf -q info "$1"; }

# ---- macOS ------------------------------------------------------------------------------------

install_brew() {
    command -v brew >/dev/null 2>&1 || die "Homebrew is required: see https://brew.sh, then re-run this script"
    # No Adwaita Qt style here: Homebrew has no formula for it, and macOS tests run under the
    # platform's own style; the tests that need Adwaita skip themselves without it.
    local pkgs=(qt cmake ninja sqlite openssl fortune qtkeychain)
    if [ "$with_postgres" -eq 1 ]; then
        pkgs+=(postgresql@16)
    fi

    local missing=() p
    for p in "${pkgs[@]}"; do
        brew list --formula "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all ${#pkgs[@]} formulae are already installed"
    else
        say "installing ${missing[*]}"
        run brew install "${missing[@]}"
    fi
    say "configure with: cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH=\"$(brew --prefix qt)\""
}

# ---- Windows ----------------------------------------------------------------------------------

print_windows_steps() {
    cat <<'EOF'
==> Windows: nothing is installed automatically. Either

  A) Qt online installer (https://www.qt.io/download-qt-installer)
     1. Install Qt 6.5 or newer, component "MSVC 2019 64-bit", plus "Qt WebSockets",
        and from Developer and Designer Tools: CMake and Ninja.
     2. Install Visual Studio 2019 or 2022 (Build Tools are enough) with "Desktop development
        with C++".
     3. In an "x64 Native Tools Command Prompt for VS":
          cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH=C:\Qt\6.5.3\msvc2019_64
          cmake --build build -j2
          ctest --test-dir build --output-on-failure

  B) vcpkg (https://github.com/microsoft/vcpkg)
          vcpkg install qtbase[sql-sqlite] qtwebsockets qttools sqlite3 openssl --triplet x64-windows
          cmake -S . -B build -G Ninja -DCMAKE_TOOLCHAIN_FILE=<vcpkg>\scripts\buildsystems\vcpkg.cmake
          cmake --build build -j2
          ctest --test-dir build --output-on-failure

The demo data uses a built-in corpus on Windows (no fortune files there).
EOF
    if [ "$with_postgres" -eq 1 ]; then
        echo "PostgreSQL: install it from https://www.postgresql.org/download/windows/ (or: vcpkg install libpq)."
    fi
}

# ---- Dispatch ---------------------------------------------------------------------------------

os_id=""
os_like=""
kernel=$(uname -s)
case "$kernel" in
Linux)
    if [ -r /etc/os-release ]; then
        # shellcheck disable=SC1091
        os_id=$(. /etc/os-release && printf '%s' "${ID:-}")
        # shellcheck disable=SC1091
        os_like=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
    fi
    case " $os_id $os_like " in
    *" debian "* | *" ubuntu "*)
        say "detected $os_id: using apt-get"
        install_apt
        ;;
    *" fedora "* | *" rhel "* | *" centos "*)
        say "detected $os_id: using dnf"
        install_dnf
        ;;
    *)
        die "unsupported Linux distribution '${os_id:-unknown}': install a C++20 compiler, CMake >= 3.21, Ninja, Qt >= 6.4 (Base with the SQLite driver, WebSockets, Tools), SQLite 3 and fortune-mod by hand"
        ;;
    esac
    ;;
Darwin)
    say "detected macOS: using Homebrew"
    install_brew
    ;;
MINGW* | MSYS* | CYGWIN*)
    print_windows_steps
    exit 0
    ;;
*)
    die "unsupported system: $kernel"
    ;;
esac

say "dependencies are in place; build with: cmake -S . -B build -G Ninja && cmake --build build -j2"
