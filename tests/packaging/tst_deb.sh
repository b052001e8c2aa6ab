#!/usr/bin/env bash
# cpack -G DEB from the current build: a .deb named formwork_<version>_<arch>.deb whose control
# data has the name, version, section, a description and the Depends that dpkg-shlibdeps computed
# from the binaries; its files sit under /usr; the formwork-cli in it runs. (Installing it with
# apt-get is left to a person: it would change the machine.)
# Usage: tst_deb.sh BUILD_DIR VERSION
set -uo pipefail
build=$1 version=$2
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
for tool in dpkg-deb dpkg-shlibdeps file; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is missing (dpkg-dev, file)"
        exit 77
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB"
    finish
fi
arch=$(dpkg --print-architecture)
deb=$work/formwork_${version}_${arch}.deb
check "cpack made formwork_${version}_${arch}.deb" test -f "$deb"
[[ -f $deb ]] || finish

field()
{
    dpkg-deb -f "$deb" "$1"
}
check "Package: formwork" test "$(field Package)" = formwork
check "Version: $version" test "$(field Version)" = "$version"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
check "Section: devel" test "$(field Section)" = devel
check "a Maintainer" test -n "$(field Maintainer)"
description=$(field Description)
contains "the Description's first line is the summary" "$description" "Validated, structured JSON from local LLMs"
contains "the Description has a long text" "$description" "formwork-cli runs the same core without a window"
depends=$(field Depends)
# From dpkg-shlibdeps: the libraries the binaries link, with versions from their symbols files.
# Debian 13's 64-bit time_t transition renamed Qt Core's package libqt6core6t64.
qtcore=libqt6core6
[[ $depends == *"libqt6core6t64 ("* ]] && qtcore=libqt6core6t64
for library in libc6 libstdc++6 "$qtcore" libqt6network6 libqt6gui6 libqt6widgets6; do
    contains "Depends has $library with a version (shlibdeps)" "$depends" "$library (>= "
done
# Declared by hand: plugins Qt loads at run time.
contains "Depends has the SQLite driver" "$depends" "libqt6sql6-sqlite"
contains "Depends has the platform plugins" "$depends" "qt6-qpa-plugins"

contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/formwork ./usr/bin/formwork-cli ./usr/share/applications/io.github.formwork.Formwork.desktop \
    ./usr/share/metainfo/io.github.formwork.Formwork.metainfo.xml ./usr/share/man/man1/formwork-cli.1.gz \
    ./usr/share/icons/hicolor/scalable/apps/formwork.svg ./usr/share/bash-completion/completions/formwork-cli \
    ./usr/share/doc/formwork/copyright; do
    contains "the package has $file" "$contents" " $file"
done
contains "files belong to root" "$(head -n1 <<<"$contents")" "root/root"

dpkg-deb -x "$deb" "$work/root"
check "the packaged binaries are stripped" test -z "$(readelf -S "$work/root/usr/bin/formwork-cli" | grep -F .debug_info)"
contains "the packaged formwork-cli runs" "$(LANGUAGE= "$work/root/usr/bin/formwork-cli" --version 2>&1)" "formwork-cli $version"

finish
