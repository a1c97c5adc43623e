#!/usr/bin/env bash
# The one test command: installs what the tests need (NuGet packages, Azurite from npm with the lock file),
# builds everything and runs the whole suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== installing Azurite (npm ci, from package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

# The run viewer's tests drive Debian's Chromium through its chromedriver; nothing is downloaded by the tests.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "== installing Chromium and chromedriver for the browser tests (apt-get)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
fi

echo "== restoring and building"
dotnet restore PlanFunctions.sln
dotnet build PlanFunctions.sln --configuration Release --no-restore

echo "== testing"
status=0
dotnet test PlanFunctions.sln --configuration Release --no-build \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One plain closing line over every test assembly, summed from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
