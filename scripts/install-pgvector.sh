#!/usr/bin/env bash
# Builds and installs the pgvector extension for the local PostgreSQL server on
# Debian 12, which does not package it: the source comes from Debian trixie's
# package, through a deb-src entry kept in its own sources file. Idempotent:
# does nothing when the extension is already installed. Run as root.
set -euo pipefail

version="$(ls /etc/postgresql | sort -n | tail -n 1)"
sharedir="$(/usr/lib/postgresql/"$version"/bin/pg_config --sharedir 2>/dev/null || echo /usr/share/postgresql/"$version")"
if [ -f "$sharedir/extension/vector.control" ]; then
  echo "pgvector est déjà installé pour PostgreSQL $version."
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
cat > /etc/apt/sources.list.d/beffroi-trixie-src.sources <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
apt-get update -qq
apt-get install -y -qq "postgresql-server-dev-$version" make gcc dpkg-dev >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get source -qq pgvector >/dev/null
cd pgvector-*/
make -s PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config" >/dev/null
make -s PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config" install >/dev/null

# A running server loads the new files only after a restart.
if pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
fi
echo "pgvector installé pour PostgreSQL $version."
