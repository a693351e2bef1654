#!/usr/bin/env bash
# The serial China sweep in pieces: one `batteryplan sweep --workers 1` per strategy, one after
# the other, each under /usr/bin/time -v. All 24 scenarios took 3 h 49 min on one core
# (bench/results/serial_china_20261206/), longer than a session, so the pieces may run in different
# sessions; `bench_sweep.py --summarise` adds them up (its `segments_wall_s`).
#
#   bench/serial_china.sh OUT [STRATEGY ...]        # default: Mixed Demand RE Grid
#
# OUT/<STRATEGY>/            the sweep folder (results, catalog.csv, solves.jsonl); --resume, so a piece cut
#                            short solves only what it lacks when started again
# OUT/<STRATEGY>.time-v.txt  /usr/bin/time -v of the piece
# OUT/<STRATEGY>.log         the sweep's progress and log lines
# OUT/epochs.log             start and end of each piece (UTC and epoch seconds)
#
# Between pieces the script waits while OUT/hold exists: create it to run something else (a test suite)
# without disturbing a piece, remove it to go on. Pin the code with PYTHONPATH (a `git archive` of one
# commit) so that every piece runs the same engine. Then, for instance:
#
#   python bench/bench_sweep.py --summarise OUT/Mixed,OUT/Demand,OUT/RE,OUT/Grid \
#       --time-v OUT/Mixed.time-v.txt,OUT/Demand.time-v.txt,OUT/RE.time-v.txt,OUT/Grid.time-v.txt \
#       --note "..." --out bench/results/sweep_china_24_serial.json
set -u
out=${1:?usage: bench/serial_china.sh OUT [STRATEGY ...]}
shift
strategies=("$@")
[ ${#strategies[@]} -gt 0 ] || strategies=(Mixed Demand RE Grid)
mkdir -p "$out"
case_dir=$(python -c "import batteryplan.case as c, pathlib; print(pathlib.Path(c.__file__).parent / 'cases/china/inputs')")
for strat in "${strategies[@]}"; do
    while [ -e "$out/hold" ]; do sleep 5; done
    names=$(for c in High Low; do for b in B M R; do printf '%s-%s-%s,' "$strat" "$c" "$b"; done; done)
    echo "$(date -u +%FT%TZ) $(date +%s) start $strat" >> "$out/epochs.log"
    /usr/bin/time -v -o "$out/$strat.time-v.txt" python -c "from batteryplan.cli import main; main()" \
        sweep "$case_dir" --scenarios "${names%,}" --workers 1 --out "$out/$strat" --resume \
        > "$out/$strat.log" 2>&1
    echo "$(date -u +%FT%TZ) $(date +%s) end $strat rc=$?" >> "$out/epochs.log"
done
