#!/usr/bin/env bash
# The base of Dagline's images where no registry is reachable: Debian (this machine's release) with a
# headless JRE 17, made by debootstrap from the apt source this machine is configured with, then
# `docker import`ed into the engine at DOCKER_HOST. Needs root, debootstrap and an engine.
#   compose/images/base/build-base-image.sh [IMAGE]   (default dagline/base-jre:17; kept when it exists)
# Downloaded packages are cached in ${DAGLINE_DEBOOTSTRAP_CACHE:-$HOME/.cache/dagline/debootstrap}.
set -euo pipefail
image=${1:-dagline/base-jre:17}
if docker image inspect "$image" > /dev/null 2>&1; then
  echo "base image $image exists"; exit 0
fi

# The first Debian archive URI of the configured sources (deb822 or one-line format): never a host name
# written here.
mirror=$(
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' || true
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      | sed 's/\[[^]]*\]//' | awk '{print $2}' || true
  } | { grep -v -- '-security' || true; } | head -1)
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
if [ -z "$mirror" ] || [ -z "$suite" ]; then
  echo "cannot tell the apt source or release of this machine" >&2; exit 1
fi

cache=${DAGLINE_DEBOOTSTRAP_CACHE:-$HOME/.cache/dagline/debootstrap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"
echo "debootstrap $suite from $mirror (packages cached in $cache)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless --cache-dir="$cache" \
  "$suite" "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/"*.bin
tar -C "$work/rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' - "$image" > /dev/null
echo "base image $image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
