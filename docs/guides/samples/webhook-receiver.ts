// A webhook receiver: check each delivery's signature and age on the raw body before anything
// else, drop events already handled, answer 2xx at once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError } from '@lianxin/sdk';

const secret = process.env.WEBHOOK_SECRET!; // whsec_…, from createWebhookEndpoint
const seen = new Set<string>(); // yours: a table with a unique key

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const event = verifyWebhook(secret, req.headers, Buffer.concat(chunks));
      res.writeHead(204).end();
      if (seen.has(event.id)) return;
      seen.add(event.id);
      console.log(`verified ${event.type} ${event.subject.type} ${event.subject.id}`);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      res.writeHead(400).end();
      console.log(`refused: ${error.reason}`);
    }
  });
});

server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
