#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tests of the initramfs packer (gen_initramfs): golden bytes for a list
# file with every entry type, deterministic output for a directory, a round
# trip through GNU cpio, several sources in one word, the depfile, and the
# error message (file:line) for each kind of bad list line.
# ctest runs it (user/CMakeLists.txt): gen_initramfs_test.sh GEN_INITRAMFS
set -uo pipefail
gen=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C
failures=0
case_no=0

# ok CONDITION-STATUS NAME: one KTAP line per case.
ok() {
	case_no=$((case_no + 1))
	if [ "$1" -eq 0 ]; then echo "ok $case_no $2"; else echo "not ok $case_no $2"; failures=$((failures + 1)); fi
}

echo "KTAP version 1"
echo "1..10"

# 1. The list file with every entry type packs to the golden bytes, and GNU
#    cpio reads it back as the golden listing.
HELLO_DIR=$here/golden/data "$gen" -o "$work/all.cpio" "$here/golden/all_types.list"
od -An -v -tx1 "$work/all.cpio" | diff -u "$here/golden/all_types.hex" - >&2
ok $? list_file_packs_golden_bytes
cpio -tv --numeric-uid-gid <"$work/all.cpio" 2>/dev/null | diff -u "$here/golden/all_types.cpio-tv" - >&2
ok $? gnu_cpio_lists_every_entry_type

# A tree with a file, an empty file, a subdirectory, an empty directory, a
# relative symlink, an executable and a name with a space.
mkdir -p "$work/tree/bin" "$work/tree/etc/empty.d" "$work/tree/a dir"
echo hello >"$work/tree/etc/motd"
: >"$work/tree/etc/empty"
head -c 70000 /dev/urandom >"$work/tree/bin/prog"
chmod 755 "$work/tree/bin/prog"
ln -s ../etc/motd "$work/tree/bin/motd-link"
echo spaced >"$work/tree/a dir/f"

# 2. Same tree, same bytes, whatever the files' times, owners and the order
#    the host directory lists them in.
"$gen" -o "$work/t1.cpio" "$work/tree"
touch -d '2001-02-03' "$work/tree/etc/motd"
chown 1234:1234 "$work/tree/bin/prog"
"$gen" -o "$work/t2.cpio" "$work/tree"
cmp "$work/t1.cpio" "$work/t2.cpio" >&2
ok $? directory_packs_to_the_same_bytes

# 3. Entries come sorted, each directory before its contents, owners root,
#    mtime 0 unless -t asks otherwise.
expected="a dir
a dir/f
bin
bin/motd-link
bin/prog
etc
etc/empty
etc/empty.d
etc/motd"
[ "$(cpio -t <"$work/t1.cpio" 2>/dev/null)" = "$expected" ] &&
	! cpio -tv --numeric-uid-gid <"$work/t1.cpio" 2>/dev/null | grep -qv ' 0 \+0 .*Jan  1  1970' &&
	"$gen" -t 86400 -o "$work/t3.cpio" "$work/tree" &&
	cpio -tv <"$work/t3.cpio" 2>/dev/null | grep -q 'Jan  2  1970 etc/motd'
ok $? directory_entries_sorted_root_owned_mtime_zero

# 4. Round trip: GNU cpio unpacks exactly the tree (contents, modes, links).
mkdir "$work/out" && (cd "$work/out" && cpio -idm --quiet <"$work/t1.cpio") &&
	diff -r --no-dereference "$work/tree" "$work/out" >&2 &&
	[ "$(stat -c %a "$work/out/bin/prog")" = 755 ] &&
	[ "$(readlink "$work/out/bin/motd-link")" = ../etc/motd ]
ok $? round_trip_through_gnu_cpio

# 5. Several sources in one word, in order: a later one overrides.
printf 'file /etc/motd %s 600 0 0\n' "$work/override" >"$work/override.list"
echo override >"$work/override"
"$gen" -o "$work/multi.cpio" "$work/tree $work/override.list" &&
	mkdir "$work/multi" && (cd "$work/multi" && cpio -idu --quiet <"$work/multi.cpio") &&
	[ "$(cat "$work/multi/etc/motd")" = override ] &&
	[ "$(cpio -t <"$work/multi.cpio" 2>/dev/null | grep -c '^etc/motd$')" = 2 ]
ok $? several_sources_later_overrides

# 6. The depfile names the output and every input the archive was made of.
"$gen" -o "$work/d.cpio" -d "$work/d.d" "$work/tree $work/override.list" &&
	head -1 "$work/d.d" | grep -qxF "$work/d.cpio: \\" &&
	grep -qF "$work/tree/a\\ dir/f" "$work/d.d" &&
	grep -qF "$work/tree/etc/empty.d" "$work/d.d" &&
	grep -qF "$work/override.list" "$work/d.d" && grep -qF "  $work/override" "$work/d.d"
ok $? depfile_lists_every_input

# 7. A relative location in a list file is taken from the list's directory.
mkdir "$work/rel" && echo rel >"$work/rel/data" && echo 'file /data data 644 0 0' >"$work/rel/r.list"
(cd / && "$gen" -o "$work/rel.cpio" "$work/rel/r.list") &&
	[ "$(cpio -i --to-stdout data <"$work/rel.cpio" 2>/dev/null)" = rel ]
ok $? relative_location_from_list_directory

# 8. Each bad line fails with its file, its line and what is wrong, and
#    leaves no archive behind.
bad_line() { # LINE EXPECTED-MESSAGE
	printf 'dir /fine 755 0 0\n%s\n' "$1" >"$work/bad.list"
	msg=$("$gen" -o "$work/bad.cpio" "$work/bad.list" 2>&1 >/dev/null | tail -1)
	if [ -e "$work/bad.cpio" ] || [ "$msg" != "$work/bad.list:2: error: $2" ]; then
		echo "# line '$1': got '$msg', wanted '$work/bad.list:2: error: $2'" >&2
		return 1
	fi
}
status=0
bad_line 'dir /x 7558 0 0' "bad octal mode '7558'" || status=1
bad_line 'dir /x 755 0' "wrong number of fields for 'dir'" || status=1
bad_line 'dir /x 755 0 0 extra' "wrong number of fields for 'dir'" || status=1
bad_line 'dir /x 755 root 0' "bad number 'root'" || status=1
bad_line 'dir /x 755 0 -1' "bad number '-1'" || status=1
bad_line 'nod /x 600 0 0 x 1 3' "device type must be 'b' or 'c', not 'x'" || status=1
bad_line 'nod /x 600 0 0 c 1' "wrong number of fields for 'nod'" || status=1
bad_line 'slink /x' "wrong number of fields for 'slink'" || status=1
bad_line 'fiel /x y 644 0 0' "unknown entry type 'fiel'" || status=1
bad_line 'file /x /nonexistent/y 644 0 0' "cannot pack '/nonexistent/y'" || status=1
bad_line 'file /x ${TESSERA_UNSET_VAR}/y 644 0 0' "environment variable not set: 'TESSERA_UNSET_VAR'" || status=1
ok $status bad_list_lines_name_file_and_line

# 9. A missing source and a directory as file location are errors too.
! "$gen" -o "$work/m.cpio" "$work/no-such-source" 2>/dev/null && [ ! -e "$work/m.cpio" ] &&
	printf 'file /x %s 644 0 0\n' "$work/tree" >"$work/dirfile.list" &&
	! "$gen" -o "$work/m.cpio" "$work/dirfile.list" 2>/dev/null
ok $? missing_source_and_directory_location_fail

[ $failures -eq 0 ]
