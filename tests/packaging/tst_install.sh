#!/usr/bin/env bash
# cmake --install of the current build into a temporary prefix: the installed tree is what the
# FreeDesktop and Debian conventions say, its metadata validates, and the installed programs run
# from the prefix, in German with LANGUAGE=de.
# Usage: tst_install.sh BUILD_DIR SOURCE_DIR VERSION
set -uo pipefail
build=$1 source=$2 version=$3
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

prefix=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$prefix" "$home"' EXIT
if ! cmake --install "$build" --prefix "$prefix" >"$home/install.log" 2>&1; then
    cat "$home/install.log" >&2
    fail "cmake --install"
    finish
fi

app_id=io.github.formwork.Formwork
expected=(
    bin/formwork
    bin/formwork-cli
    share/applications/$app_id.desktop
    share/metainfo/$app_id.metainfo.xml
    share/mime/packages/formwork.xml
    share/icons/hicolor/scalable/apps/formwork.svg
    share/icons/hicolor/16x16/apps/formwork.png
    share/icons/hicolor/32x32/apps/formwork.png
    share/icons/hicolor/48x48/apps/formwork.png
    share/icons/hicolor/64x64/apps/formwork.png
    share/icons/hicolor/128x128/apps/formwork.png
    share/icons/hicolor/256x256/apps/formwork.png
    share/man/man1/formwork.1.gz
    share/man/man1/formwork-cli.1.gz
    share/bash-completion/completions/formwork-cli
    share/doc/formwork/copyright
)
# Exactly these files: nothing missing, and nothing else (no test program, no header).
actual=$(cd "$prefix" && find . -type f -printf '%P\n' | sort)
wanted=$(printf '%s\n' "${expected[@]}" | sort)
if [[ $actual == "$wanted" ]]; then
    pass "the installed files are exactly the ${#expected[@]} expected ones"
else
    fail "installed files differ from the expected list (< expected, > installed):"
    diff <(echo "$wanted") <(echo "$actual") >&2
fi
for program in formwork formwork-cli; do
    check "bin/$program is executable" test -x "$prefix/bin/$program"
    # The build tree's RUNPATH must be gone: the installed program may not load anything from it.
    if readelf -d "$prefix/bin/$program" | grep -E 'RPATH|RUNPATH' | grep -qF "$build"; then
        fail "bin/$program still has the build directory in its RUNPATH"
    else
        pass "bin/$program has no RUNPATH into the build directory"
    fi
done

# PNG icons: the width and height in the IHDR chunk match the hicolor directory they are in.
for size in 16 32 48 64 128 256; do
    png=$prefix/share/icons/hicolor/${size}x${size}/apps/formwork.png
    [[ -f $png ]] || continue
    read -r width height < <(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    check "the ${size}x${size} icon is $size px square (is ${width}x${height})" test "$width.$height" = "$size.$size"
done
svg=$prefix/share/icons/hicolor/scalable/apps/formwork.svg
contains "the scalable icon is an SVG" "$(head -c 400 "$svg")" '<svg xmlns="http://www.w3.org/2000/svg"'

# The .desktop file, the AppStream file and the MIME type agree with each other and the tree.
desktop=$prefix/share/applications/$app_id.desktop
metainfo=$prefix/share/metainfo/$app_id.metainfo.xml
mimexml=$prefix/share/mime/packages/formwork.xml
desktop_text=$(cat "$desktop")
contains "the .desktop file starts bin/formwork with one file" "$desktop_text" $'\nExec=formwork %f\n'
contains "the .desktop file names the installed icon" "$desktop_text" $'\nIcon=formwork\n'
contains "the .desktop file opens workspaces" "$desktop_text" 'MimeType=application/x-formwork-workspace+json;'
metainfo_text=$(cat "$metainfo")
contains "the metainfo's id is the .desktop file's name" "$metainfo_text" "<id>$app_id</id>"
contains "the metainfo launches the .desktop file" "$metainfo_text" "<launchable type=\"desktop-id\">$app_id.desktop</launchable>"
contains "the metainfo provides formwork" "$metainfo_text" '<binary>formwork</binary>'
contains "the metainfo provides formwork-cli" "$metainfo_text" '<binary>formwork-cli</binary>'
contains "the metainfo has a content rating" "$metainfo_text" '<content_rating type="oars-1.1"'
contains "the metainfo shows the README's screenshot" "$metainfo_text" 'resources/screenshots/workbench-light.png</image>'
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n1 | cut -d'"' -f2)
check "the metainfo's newest release ($newest) is the project version ($version)" test "$newest" = "$version"
contains "the MIME type globs workspaces" "$(cat "$mimexml")" '<glob pattern="*.formwork.json"'

if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate accepts the .desktop file" desktop-file-validate "$desktop"
else
    note "desktop-file-validate missing (desktop-file-utils): .desktop file not validated"
fi
if command -v appstreamcli >/dev/null; then
    check "appstreamcli validate --no-net accepts the metainfo" appstreamcli validate --no-net "$metainfo"
else
    note "appstreamcli missing (appstream): metainfo not validated"
fi
if command -v update-mime-database >/dev/null; then
    # Build the MIME cache inside the prefix as the package trigger would in /usr/share/mime.
    check "update-mime-database reads the MIME package" update-mime-database "$prefix/share/mime"
    contains "*.formwork.json maps to the workspace type" "$(cat "$prefix/share/mime/globs2" 2>/dev/null)" \
        ':application/x-formwork-workspace+json:*.formwork.json'
else
    note "update-mime-database missing (shared-mime-info): MIME glob not checked"
fi

# bash-completion finds the completion next to the program it completes (as in /usr/bin and
# /usr/share/bash-completion/completions) on first use.
if [[ -r /usr/share/bash-completion/bash_completion ]]; then
    loaded=$(PATH="$prefix/bin:$PATH" XDG_DATA_DIRS="$prefix/share" bash --norc --noprofile -c \
        'source /usr/share/bash-completion/bash_completion; __load_completion formwork-cli; complete -p formwork-cli' 2>&1)
    contains "bash-completion loads the installed completion" "$loaded" "complete -F _formwork_cli formwork-cli"
else
    note "bash-completion missing: loading the installed completion not checked"
fi
if command -v man >/dev/null; then
    contains "man finds the installed formwork-cli(1)" "$(MANPATH="$prefix/share/man" man -w formwork-cli 2>&1)" \
        "$prefix/share/man/man1/formwork-cli.1.gz"
fi

# The installed programs, started from the prefix with a clean home.
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home QT_QPA_PLATFORM=offscreen
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cli=$prefix/bin/formwork-cli gui=$prefix/bin/formwork
contains "installed formwork-cli --version" "$(LANGUAGE= "$cli" --version 2>&1)" "formwork-cli $version"
cli_help=$(LANGUAGE= "$cli" --help 2>&1)
contains "installed formwork-cli --help runs" "$cli_help" "Usage: formwork-cli <command> [options]"
contains "installed formwork-cli --help lists extract" "$cli_help" $'\n  extract '
contains "installed formwork-cli --help in German with LANGUAGE=de" "$(LANGUAGE=de "$cli" --help 2>&1)" \
    "Aufruf: formwork-cli <Befehl> [Optionen]"
contains "installed formwork-cli history --help in German keeps the options and actions" \
    "$(LANGUAGE=de "$cli" history --help 2>&1)" "Aufruf: formwork-cli history [Optionen] list|show ID|revalidate"
contains "installed formwork --version" "$(LANGUAGE= "$gui" --version 2>&1)" "formwork $version"
contains "installed formwork --help in English" "$(LANGUAGE= "$gui" --help 2>&1)" \
    "Validated, structured JSON from local LLMs."
contains "installed formwork --help in German with LANGUAGE=de" "$(LANGUAGE=de "$gui" --help 2>&1)" \
    "Validiertes, strukturiertes JSON aus lokalen LLMs."
LANGUAGE= timeout 60 "$gui" --self-test >/dev/null 2>&1
check "installed formwork --self-test shows its window and exits 0" test $? = 0

finish
