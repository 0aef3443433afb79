// The floor of live delivery on this machine: a bare `ws` server, nothing else (no GraphQL, no
// database, no authentication). On POST /burst?n=6&every=10 it sends n events, `every` ms apart,
// each to its group of subscribers (group = connection index mod n), stamping each message with
// the time the event was "committed" (the moment its turn came). bench/ws-floor.mjs drives it.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const sockets = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/readyz') return res.end('ok');
  if (url.pathname !== '/burst') return res.writeHead(404).end();
  const n = Number(url.searchParams.get('n') ?? 6);
  const every = Number(url.searchParams.get('every') ?? 10);
  const padding = 'x'.repeat(Number(url.searchParams.get('bytes') ?? 200));
  for (let k = 0; k < n; k++) {
    setTimeout(() => {
      const at = Date.now();
      // What a subscription's `next` message carries, about this size.
      const text = `{"id":"1","type":"next","payload":{"data":{"caseUpdated":{"eventId":"${k}","occurredAt":"${new Date(at).toISOString()}","pad":"${padding}"}}}}`;
      for (let i = k; i < sockets.length; i += n) sockets[i].send(text);
    }, k * every);
  }
  res.end('ok');
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket) => {
  sockets.push(socket);
  socket.on('message', () => socket.send('{"type":"pong"}'));
});
server.listen(port, '127.0.0.1');
