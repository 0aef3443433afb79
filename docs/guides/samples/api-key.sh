#!/usr/bin/env bash
# An administrator ($TOKEN) creates an API key for an integration in one street ($STREET_ID).
# The secret (lxk_…) is in the answer this once: store it, then send it as a bearer token.
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -H "authorization: Bearer $TOKEN" \
  -d "{
    \"query\": \"mutation CreateApiKey(\$input: CreateApiKeyInput!) { createApiKey(input: \$input) { secret apiKey { id name scopes } userErrors { field message code } } }\",
    \"variables\": { \"input\": { \"name\": \"12345 hotline bridge\", \"scopes\": [\"grid:read\", \"person:read\"], \"streetId\": \"$STREET_ID\" } }
  }"
