#!/usr/bin/env bash
# Runs a command and prints "MILLISECONDS MAX_RSS_KIB PEAK_ANON_KIB EXIT" on stderr's last
# line (or into the file named by PEAK_OUT): wall time, GNU time's peak RSS (which counts the
# pages of a memory-mapped database file) and the peak of RssAnon, the process's own memory,
# polled from /proc every 20 ms. The command's stdout and stderr pass through.
#
#   benches/peak.sh factline --db x.db conflicts --format json >/dev/null
set -uo pipefail
rssfile=$(mktemp)
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$rssfile" "$@" &
pid=$!
peak=0
# The child of /usr/bin/time is the command.
while kill -0 "$pid" 2>/dev/null; do
    for child in $(cat /proc/$pid/task/*/children 2>/dev/null) $pid; do
        anon=$(awk '/^RssAnon:/ { print $2 }' /proc/$child/status 2>/dev/null)
        [ -n "$anon" ] && [ "$anon" -gt "$peak" ] && [ "$child" != "$pid" ] && peak=$anon
    done
    sleep 0.02
done
wait "$pid"
code=$?
end=$(date +%s%N)
rss=$(tail -n 1 "$rssfile")
rm -f "$rssfile"
[[ $rss =~ ^[0-9]+$ ]] || rss=0
line="$(( (end - start) / 1000000 )) $rss $peak $code"
if [ -n "${PEAK_OUT:-}" ]; then echo "$line" >"$PEAK_OUT"; else echo "$line" >&2; fi
exit "$code"
