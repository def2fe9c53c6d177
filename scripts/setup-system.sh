#!/usr/bin/env bash
# System packages the tests need: OpenSSH server (the "production host"), PostgreSQL 15 server
# binaries, compressors, rsync, age, Java 17 + Maven for the OpenSearch test node, and shellcheck
# (the host scripts' test and CI), hyperfine (npm run bench).
set -euo pipefail
need=()
command -v sshd >/dev/null || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v zstd >/dev/null || need+=(zstd)
command -v rsync >/dev/null || need+=(rsync)
command -v age >/dev/null || need+=(age)
command -v gzip >/dev/null || need+=(gzip)
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v git >/dev/null || need+=(git)
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${need[*]} (run as root, or install them)" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
echo "system packages present"
