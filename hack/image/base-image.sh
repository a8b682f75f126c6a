#!/usr/bin/env bash
# Builds the base of the operator image as a `docker save` tarball, with no container daemon and no
# registry (this build has neither): a JRE made by jlink from the JDK that builds amlnet, with only
# the modules the operator uses; the shared libraries that JRE links against (glibc, libstdc++,
# libgcc, zlib), copied from this machine; the JDK's CA certificates; a non-root user 65532 and /tmp.
# `mvn -Pimage package` runs it and hands the tarball to Jib as `tar://` base image.
#
#   hack/image/base-image.sh OUT_DIR     writes OUT_DIR/base.tar (and OUT_DIR/rootfs/)
set -euo pipefail
out=${1:?usage: base-image.sh OUT_DIR}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

# jdeps on the operator's classes and libraries finds java.base, java.desktop (msal4j, under
# azure-identity, and JNA refer to java.awt), java.naming, java.sql, jdk.httpserver, jdk.management and jdk.unsupported. What it cannot
# see is loaded by name: java.net.http (fabric8's HTTP client, a service), java.xml (logback's
# configuration), java.logging and java.management (azure-core, Micrometer's JVM metrics) and
# jdk.crypto.ec (the elliptic curves that TLS to ARM and the API server negotiate).
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
rootfs=$out/rootfs
mkdir -p "$rootfs"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$rootfs/opt/java"

# An operator has no screen, sound or fonts: AWT's native libraries go (they would bring X11, ALSA
# and FreeType); java.desktop's classes stay for the references above.
(cd "$rootfs/opt/java/lib" && rm -f libawt*.so libjawt.so libfontmanager.so libjavajpeg.so libjsound.so liblcms.so \
  libmlib_image.so libsplashscreen.so psfont*.properties*)

# Debian's JDK links its CA store to /etc/ssl/certs/java/cacerts; the image gets the file itself.
rm -f "$rootfs/opt/java/lib/security/cacerts"
cp -L "$java_home/lib/security/cacerts" "$rootfs/opt/java/lib/security/cacerts"

# Every shared library that the JRE's programs and libraries need, with the dynamic loader, at the
# paths they are found at here (merged /usr: /lib is /usr/lib).
find "$rootfs/opt/java" -type f \( -perm -u+x -o -name '*.so' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$rootfs" | sort -u \
  | while read -r lib; do
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    done

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

# One layer, reproducible: sorted names, no timestamps, root-owned except the user's home.
layer=$out/layer.tar
(cd "$rootfs" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort > "$out/files")
tar -C "$rootfs" --no-recursion --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$layer" -T "$out/files"
diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)

java_version=$("$rootfs/opt/java/bin/java" -version 2>&1 | head -1 | sed 's/"/\\"/g')
cat > "$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
   "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"hack/image/base-image.sh: jlink ($java_version) + shared libraries"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["amlnet-base:local"],"Layers":["layer.tar"]}]\n' > "$out/manifest.json"
tar -C "$out" --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out/base.tar" manifest.json config.json layer.tar
echo "base image: $out/base.tar ($(du -h "$out/base.tar" | cut -f1), JRE modules: $modules)"
