/**
 * What every example needs: a client for the server named by the environment.
 *
 *   LIANXIN_URL      the GraphQL endpoint (default http://127.0.0.1:4000/graphql)
 *   LIANXIN_API_KEY  an API key (`createApiKey`), or
 *   LIANXIN_TOKEN    a user's access token (`login`)
 */
import { createClient, type LianxinClient } from '@lianxin/sdk/client';
import WebSocket from 'ws';

export function connect(): LianxinClient {
  const apiKey = process.env.LIANXIN_API_KEY;
  const token = process.env.LIANXIN_TOKEN;
  if (!apiKey && !token)
    fail('Set LIANXIN_API_KEY (an API key) or LIANXIN_TOKEN (an access token).');
  return createClient({
    url: process.env.LIANXIN_URL ?? 'http://127.0.0.1:4000/graphql',
    ...(apiKey ? { apiKey } : { token }),
    // Node 20 has no WebSocket of its own; browsers don't need this.
    webSocketImpl: WebSocket,
  });
}

/** Stops with a message for the person who ran the example (exit code 2: wrong usage). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
