#!/usr/bin/env bash
# ESLint and Prettier on the scripts people's browsers run: the console, the walls and the
# kiosk's page. Tools pinned by scripts/lint/package-lock.json, from the npm registry.
#   scripts/lint-js.sh          check (the test command runs this)
#   scripts/lint-js.sh --fix    put the formatting right, fix what ESLint can
set -euo pipefail
cd "$(dirname "$0")/.."
lint=scripts/lint
if [ ! -x "$lint/node_modules/.bin/eslint" ] || [ "$lint/package-lock.json" -nt "$lint/node_modules/.package-lock.json" ]; then
  (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error)
fi
files=("server/src/main/webapp/**/*.js" "kiosk-client/src/main/resources/chorus/kiosk/screen/**/*.js")
if [ "${1:-}" = "--fix" ]; then
  "$lint/node_modules/.bin/eslint" -c "$lint/eslint.config.mjs" --fix "${files[@]}"
  "$lint/node_modules/.bin/prettier" --config "$lint/prettier.config.mjs" --log-level warn --write "${files[@]}"
else
  "$lint/node_modules/.bin/eslint" -c "$lint/eslint.config.mjs" "${files[@]}"
  "$lint/node_modules/.bin/prettier" --config "$lint/prettier.config.mjs" --check --log-level warn "${files[@]}"
fi
echo "Page scripts: ESLint and Prettier clean"
