#!/usr/bin/env bash
# Code size of 100 small sync generators (benches/codesize), on the native
# engine (as written) and on the async one (`--features fallback`: every
# `#[generator]` is `#[generator(fallback)]`, every `iter!` kept off the
# native engine), in debug and, for information, release.
#
# The target: the debug build no larger on the native engine than on the
# fallback (coro's previous and only engine until the native one).
#
#   benches/codesize.sh                  # CARGO_TARGET_DIR and CARGO_BUILD_JOBS are honoured
#
# Sizes, in bytes:
#   bin .text   the executable's `.text` (std included: the same in both builds)
#   bin file    the executable's file size (mostly debug info in debug)
#   rlib .text  the `.text*` sections of the objects in `libcodesize.rlib`:
#               the generators' own code, everything `run` instantiates
#   rlib file   the `.rlib`'s file size (objects and metadata)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
manifest="$here/codesize/Cargo.toml"
target=${CARGO_TARGET_DIR:-$here/codesize/target}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The sum of the sizes of the sections named `.text` or `.text.*` in the
# objects given.
text_of() {
    size -A -d "$@" 2>/dev/null | awk '$1 == ".text" || $1 ~ /^\.text\./ { s += $2 } END { print s + 0 }'
}

measure() { # profile dir, cargo flags...
    local dir=$1
    shift
    cargo build -q --manifest-path "$manifest" --target-dir "$target" "$@" >&2
    local bin="$target/$dir/codesize" rlib="$target/$dir/libcodesize.rlib"
    local objs="$scratch/objs"
    rm -rf "$objs" && mkdir "$objs"
    (cd "$objs" && ar x "$rlib")
    local check
    check=$("$bin")
    echo "$(text_of "$bin") $(stat -c %s "$bin") $(text_of "$objs"/*.o) $(stat -c %s "$rlib") ($check)"
}

row() { # engine, profile, the numbers `measure` gave
    local engine=$1 profile=$2
    shift 2
    printf '%-9s %-8s %12s %12s %12s %12s   %s\n' "$engine" "$profile" "$1" "$2" "$3" "$4" "${*:5}"
}

ratio() { # native, fallback
    awk -v n="$1" -v f="$2" 'BEGIN { printf "%.3f", n / f }'
}

printf '%-9s %-8s %12s %12s %12s %12s\n' engine profile "bin .text" "bin file" "rlib .text" "rlib file"
declare -A result
for profile in debug release; do
    if [ "$profile" = debug ]; then flags=(); else flags=(--release); fi
    for engine in native fallback; do
        if [ "$engine" = native ]; then features=(); else features=(--features fallback); fi
        result[$engine.$profile]=$(measure "$profile" "${flags[@]}" "${features[@]}")
        # shellcheck disable=SC2086
        row "$engine" "$profile" ${result[$engine.$profile]}
    done
    read -r n_text n_file n_rtext n_rfile _ <<<"${result[native.$profile]}"
    read -r f_text f_file f_rtext f_rfile _ <<<"${result[fallback.$profile]}"
    row "ratio" "$profile" "$(ratio "$n_text" "$f_text")" "$(ratio "$n_file" "$f_file")" \
        "$(ratio "$n_rtext" "$f_rtext")" "$(ratio "$n_rfile" "$f_rfile")"
done

read -r n_text _ n_rtext _ _ <<<"${result[native.debug]}"
read -r f_text _ f_rtext _ _ <<<"${result[fallback.debug]}"
if [ "$n_text" -le "$f_text" ] && [ "$n_rtext" -le "$f_rtext" ]; then
    echo "target met: the native debug build's code is no larger than the fallback's"
else
    echo "target NOT met: the native debug build's code is larger than the fallback's"
fi
