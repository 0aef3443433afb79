import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: its headers and its body, as sent. */
export interface Delivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a platform needs to deliver webhooks to a receiver on this machine, promptly. */
export const LOCAL_WEBHOOKS_ENV = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_TIMEOUT_MS: '2000',
  JOBS_POLL_INTERVAL_MS: '200',
};

export interface WebhookReceiver {
  /** Where to deliver: `http://127.0.0.1:<port>/hook`. */
  url: string;
  /** Every delivery so far, in the order received. */
  received: Delivery[];
  close(): Promise<void>;
}

/** A local HTTP endpoint that keeps every delivery and answers 204. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
