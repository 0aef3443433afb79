#!/usr/bin/env bash
# Your first query: the streets on the platform. Public data, so no token is needed.
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -d '{"query":"{ streets(first: 3) { totalCount nodes { id code name } } }"}'
