#!/usr/bin/env bash
# Who am I? Send the token (an access token or an API key) as a bearer token.
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -H "authorization: Bearer $TOKEN" \
  -d '{"query":"{ viewer { role kind streets { code name } } }"}'
