#!/usr/bin/env bash
# Sign in as a demo user; the answer holds an access token (and a refresh token).
BASE_URL="${BASE_URL:-http://127.0.0.1:4000}"

curl -sS "$BASE_URL/graphql" \
  -H 'content-type: application/json' \
  -d '{
    "query": "mutation Login($username: String!, $password: String!) { login(input: { username: $username, password: $password }) { accessToken accessTokenExpiresAt refreshToken userErrors { field message code } } }",
    "variables": { "username": "nanjie.admin", "password": "lianxin-demo-2024" }
  }'
