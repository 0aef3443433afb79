#!/usr/bin/env bash
# Report a case with an idempotency key: sent again (a retry after a timeout), it answers the
# same case with "replayed": true and files nothing new.
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -H "authorization: Bearer $TOKEN" \
  -d "{
    \"query\": \"mutation ReportCase(\$input: ReportCaseInput!) { reportCase(input: \$input) { case { id number status } replayed userErrors { field message code } } }\",
    \"variables\": { \"input\": {
      \"streetId\": \"$STREET_ID\", \"gridId\": \"$GRID_ID\", \"categoryId\": \"$CATEGORY_ID\",
      \"title\": \"Bins overflowing\", \"description\": \"At the north gate\", \"urgency\": \"C\",
      \"idempotencyKey\": \"$IDEMPOTENCY_KEY\"
    } }
  }"
