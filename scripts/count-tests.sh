#!/usr/bin/env bash
# Adds up what each test runner reported, one closing line per runner, so
# every test is counted once:
#   Rust:   nextest's "Summary [ …s] T tests run: P passed, …" (run but not
#           passed counts as failed: failures and time-outs alike); libtest's
#           "test result:" lines only when nextest was not used;
#   Vitest: "Tests  F failed | P passed (T)", colour codes removed;
#   E2E:    node's test runner, "# pass P", "# fail F" and "# cancelled C"
#           (a cancelled test did not pass: it counts as failed).
# Usage: count-tests.sh RUST_LOG UI_LOG E2E_LOG  → prints "PASSED FAILED".
# scripts/test.sh prints the total; crates/bantin/tests/test_summary.rs runs
# this over real captured outputs.
set -euo pipefail

plain() { [ -f "$1" ] && sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" || true; }

rust_counts() {
  local summary
  summary=$(plain "$1" | grep -E '^ *Summary \[.*\] [0-9]+ tests? run: ' | tail -n 1 || true)
  if [ -n "$summary" ]; then
    local run passed
    run=$(sed -E 's/.*\] ([0-9]+) tests? run: .*/\1/' <<<"$summary")
    passed=$(sed -E 's/.* run: ([0-9]+) passed.*/\1/' <<<"$summary")
    echo "$passed $((run - passed))"
  else
    plain "$1" | grep -E '^test result: ' |
      sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' |
      awk '{p+=$1; f+=$2} END {print p+0, f+0}'
  fi
}

vitest_counts() {
  local line
  line=$(plain "$1" | grep -E '^ *Tests +[0-9]' | tail -n 1 || true)
  local passed failed
  passed=$(grep -Eo '[0-9]+ passed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)
  failed=$(grep -Eo '[0-9]+ failed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)
  echo "$passed $failed"
}

node_counts() {
  local passed failed cancelled
  passed=$(plain "$1" | grep -E '^# pass [0-9]+' | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
  failed=$(plain "$1" | grep -E '^# fail [0-9]+' | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
  cancelled=$(plain "$1" | grep -E '^# cancelled [0-9]+' | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
  echo "$passed $((failed + cancelled))"
}

read -r rp rf < <(rust_counts "${1:-}")
read -r up uf < <(vitest_counts "${2:-}")
read -r ep ef < <(node_counts "${3:-}")
echo "$((rp + up + ep)) $((rf + uf + ef))"
