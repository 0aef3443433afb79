#!/usr/bin/env bash
# Fetch any object again by its global ID ($ID), whatever its type.
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -d "{
    \"query\": \"query Node(\$id: ID!) { node(id: \$id) { id __typename ... on Street { code name } } }\",
    \"variables\": { \"id\": \"$ID\" }
  }"
