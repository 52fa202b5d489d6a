#!/usr/bin/env bash
# Runs an OCI image tarball (as Jib's buildTar writes it) without a container engine, to smoke-test
# an image on a machine that has no Docker: unpacks its layers into a temporary root file system
# and starts its entry point there as the image's user, in new mount and PID namespaces.
#
#   sudo deploy/images/run-image.sh <image.tar> [NAME=value ...] [-- args...]
#
# e.g.  deploy/images/run-image.sh portal-ui/target/jib-image.tar \
#         SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/demoportal SPRING_DATASOURCE_USERNAME=demoportal -- migrate
#
# Needs root (chroot, unshare) and jq. The network is the host's: ports are the host's ports. Not a
# container runtime: no cgroup limits, no seccomp, no network isolation.
set -euo pipefail

tar=${1:?usage: run-image.sh <image.tar> [NAME=value ...] [-- args...]}
shift
env=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do env+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image" "$work/root"
tar -xf "$tar" -C "$work/image"
manifest=$(jq -r '.manifests[0].digest' "$work/image/index.json" | cut -d: -f2)
config=$(jq -r '.config.digest' "$work/image/blobs/sha256/$manifest" | cut -d: -f2)
for layer in $(jq -r '.layers[].digest' "$work/image/blobs/sha256/$manifest" | cut -d: -f2); do
  tar -xzf "$work/image/blobs/sha256/$layer" -C "$work/root" 2>/dev/null
done
mkdir -p "$work/root/proc"

cfg="$work/image/blobs/sha256/$config"
user=$(jq -r '.config.User // "0:0"' "$cfg")
mapfile -t image_env < <(jq -r '.config.Env[]?' "$cfg")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]?' "$cfg")
# the entry point names "java" through the image's PATH; chroot needs the path itself
path=$(printf '%s\n' "${image_env[@]}" | sed -n 's/^PATH=//p')
for dir in ${path//:/ }; do
  if [ -x "$work/root$dir/${entrypoint[0]}" ]; then entrypoint[0]="$dir/${entrypoint[0]}"; break; fi
done

echo "run-image: $(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"] // "image"' "$work/image/index.json") as $user: ${entrypoint[*]} $*" >&2
# resolved here: inside env -i only the image's PATH is left
unshare=$(command -v unshare)
chroot=$(command -v chroot)
env -i "${image_env[@]}" "${env[@]}" \
  "$unshare" --mount --pid --fork --mount-proc="$work/root/proc" \
  "$chroot" --userspec="$user" "$work/root" "${entrypoint[@]}" "$@"
