#!/usr/bin/env bash
# Acceptance check of the .NET tool package, as a new user would install it:
#   pack src/AlphaResearch.Cli → install into a temp tool path from that folder → `alpha-research run --dry-run`
#   from an empty folder (the sample must travel with the tool) → the dry run published under dry_run/.
# Also publishes for one RID and checks it carries that RID's natives only. Prints the package and publish sizes.
# Usage: scripts/check-tool-package.sh [rid]   (default linux-x64). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
RID="${1:-linux-x64}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "check-tool-package: FAIL: $*" >&2; exit 1; }

echo "== pack"
dotnet pack src/AlphaResearch.Cli -c Release -o "$WORK/feed" -v q -nologo
nupkg=$(ls "$WORK"/feed/alpha-research.*.nupkg)
unzip -p "$nupkg" alpha-research.nuspec | grep -q '<packageType name="DotnetTool"' || fail "the package is not a .NET tool"
unzip -l "$nupkg" | grep -q 'tools/net10.0/any/samples/sp500-mit/snapshot.json' || fail "the sample is not in the package"

echo "== install into a temp tool path"
dotnet tool install --tool-path "$WORK/tools" --add-source "$WORK/feed" alpha-research >/dev/null

echo "== dry run from an empty folder"
mkdir "$WORK/empty"
(cd "$WORK/empty" && "$WORK/tools/alpha-research" run --dry-run --json >"$WORK/run.json" 2>"$WORK/run.err") \
  || { cat "$WORK/run.err" >&2; fail "run --dry-run exited non-zero from an empty folder"; }
grep -q '"status": "OK"' "$WORK/run.json" || fail "the dry run did not end OK: $(head -c 400 "$WORK/run.json")"
grep -q '"dry_run": true' "$WORK/run.json" || fail "the run was not a dry run"
[[ -f "$WORK/empty/.alpha-research/dry_run/signals/2025-01-10/signals.json" ]] || fail "no dry-run signals.json under the empty folder"
[[ -s "$WORK/run.err" ]] || fail "no progress lines on stderr with --json"

echo "== typo never starts a run"
set +e
(cd "$WORK/empty" && "$WORK/tools/alpha-research" run --dry-runn >/dev/null 2>"$WORK/typo.err"); code=$?
set -e
[[ $code -eq 2 ]] || fail "run --dry-runn exited $code, expected 2"
grep -q "did you mean --dry-run" "$WORK/typo.err" || fail "no suggestion for --dry-runn"

echo "== publish -r $RID"
dotnet publish src/AlphaResearch.Cli -c Release -r "$RID" -o "$WORK/publish" -v q -nologo
[[ ! -d "$WORK/publish/runtimes" ]] || fail "publish -r $RID still carries runtimes/: $(ls "$WORK/publish/runtimes" | tr '\n' ' ')"
(cd "$WORK/empty" && "$WORK/publish/alpha-research" snapshot check >/dev/null) || fail "the published binary does not find its sample"

echo "package $(basename "$nupkg"): $(du -k "$nupkg" | cut -f1) KiB; publish -r $RID: $(du -sk "$WORK/publish" | cut -f1) KiB"
echo "check-tool-package: OK"
