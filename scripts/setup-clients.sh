#!/usr/bin/env bash
# Installs the real editor clients the end-to-end tests drive, on a Debian 12 / Node 20 machine that
# reaches only the npm registry and apt:  bash scripts/setup-clients.sh [DEST]   (default: .clients)
# Gives /usr/bin/chromium, /usr/bin/nvim, DEST/node_modules/.bin/code-server (VS Code 1.100.3) and playwright-core.
set -euo pipefail
DEST=$(realpath -m "${1:-.clients}")
CS_VERSION=4.100.3          # newest code-server whose engine is Node 20 (4.103+ need Node 22/24)
RG_PKG=1.15.11              # @vscode/ripgrep pinned in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz   # what its postinstall would fetch from GitHub

export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nvim     >/dev/null || need+=(neovim)
command -v rg       >/dev/null || need+=(ripgrep)          # stands in for the GitHub ripgrep download
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev) # kerberos native module (gssapi.h)
if ((${#need[@]})); then
  apt-get update -qq
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${need[@]}" >/dev/null
fi

if [ ! -x "$DEST/node_modules/.bin/code-server" ]; then
  mkdir -p "$DEST"
  [ -f "$DEST/package.json" ] || echo '{"name":"test-clients","private":true}' > "$DEST/package.json"
  # @vscode/ripgrep's postinstall downloads from GitHub (unreachable) but first looks in
  # $TMPDIR/vscode-ripgrep-cache-<ver>/<asset>: seed it with Debian's rg.
  seed=$(mktemp -d)
  mkdir -p "$seed/vscode-ripgrep-cache-$RG_PKG" "$seed/pack"
  cp "$(command -v rg)" "$seed/pack/rg"
  tar czf "$seed/vscode-ripgrep-cache-$RG_PKG/$RG_ASSET" -C "$seed/pack" rg
  # LOCAL install (a -g install breaks: npm 11 leaks global mode into code-server's nested `npm install`);
  # npm_config_yes: ~/.npmrc has yes=false, which makes node-pty's postinstall `npx node-gyp` abort;
  # npm_config_unsafe_perm: code-server's postinstall.sh refuses to run as root without it.
  (cd "$DEST" && TMPDIR="$seed" npm_config_yes=true npm_config_unsafe_perm=true \
     npm install --no-audit --no-fund "code-server@$CS_VERSION" playwright-core@1.65.1)
  rm -rf "$seed"
fi
"$DEST/node_modules/.bin/code-server" --version >/dev/null 2>&1 || { echo "code-server broken" >&2; exit 1; }
echo "clients ready: chromium=$(command -v chromium) nvim=$(command -v nvim) code-server=$DEST/node_modules/.bin/code-server"
