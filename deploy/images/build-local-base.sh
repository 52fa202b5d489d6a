#!/usr/bin/env bash
# Assembles a minimal Java runtime base image as a docker-save tarball, for Jib's tar:// base.
#
#   deploy/images/build-local-base.sh <output.tar> [jdk home]
#
# Why: where no container registry is reachable (this project's build machines), Jib cannot pull
# eclipse-temurin. This builds an equivalent base from what is on the machine instead: a jlink'd
# runtime of the build JDK under /opt/java/openjdk (the Temurin image's layout), the glibc files
# that runtime links against, and a passwd entry for the non-root user 65532. No shell, no package
# manager. See docs/decisions/0007-container-images.md; production builds use the registry base.
set -euo pipefail

out=${1:?usage: build-local-base.sh <output.tar> [jdk home]}
jdk=${2:-${JAVA_HOME:?set JAVA_HOME or pass the JDK home}}
# The runtime needs what Spring Boot, Vaadin, Hibernate, the PostgreSQL driver and the AWS SDK use:
# all of Java SE plus the JDK modules they reach for (Unsafe, JMX extras, DNS, zip file systems).
modules=java.se,jdk.unsupported,jdk.management,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.localedata

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/opt/java" "$root/etc" "$root/tmp" "$root/home/nonroot" "$root/lib/x86_64-linux-gnu" "$root/lib64"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root/opt/java/openjdk"

# glibc pieces the runtime links against (ldd of bin/java and lib/*.so; the X11 and sound
# libraries of java.desktop are left out: the apps run headless)
for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$root/lib/x86_64-linux-gnu/$lib"
done
ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chown 65532:65532 "$root/home/nonroot"

image=$work/image
mkdir -p "$image"
tar --sort=name --mtime=@0 --numeric-owner -C "$root" -cf "$image/layer.tar" .
diff_id=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$root/opt/java/openjdk/release")

cat > "$image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
           "User":"65532:65532","WorkingDir":"/home/nonroot",
           "Labels":{"dev.demoportal.base":"local jlink runtime ${version}, not for production"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:${diff_id}"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/build-local-base.sh (jlink ${version})"}]}
JSON
cat > "$image/manifest.json" <<'JSON'
[{"Config":"config.json","RepoTags":["demo-portal/local-jre-base:latest"],"Layers":["layer.tar"]}]
JSON

mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 -C "$image" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "Local base image: $out (Java $version, $(du -h "$out" | cut -f1))"
