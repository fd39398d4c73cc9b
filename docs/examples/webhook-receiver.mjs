// A complete Depotline webhook receiver (docs/webhooks.md), Node 18+ and nothing else: checks
// the signature and the 5-minute replay window on the raw body, acknowledges a redelivered
// event id without acting on it twice, and prints one line per event.
//   DEPOTLINE_WEBHOOK_SECRET=<the signing secret> PORT=8787 node webhook-receiver.mjs
/* global Buffer -- Node's, always there; named for the linter */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.DEPOTLINE_WEBHOOK_SECRET;
if (!secret) throw new Error('set DEPOTLINE_WEBHOOK_SECRET to the secret configured in Depotline');
const seen = new Set(); // in production: a table with a unique key on the event id

function problemWith(headers, body) {
  const timestamp = String(headers['depotline-timestamp'] ?? '');
  const given = String(headers['depotline-signature'] ?? '')
    .split(',')
    .map((s) => s.trim());
  if (!/^\d+$/.test(timestamp)) return 'no Depotline-Timestamp';
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  const matches = given.some(
    (s) => /^v1=[0-9a-f]{64}$/.test(s) && timingSafeEqual(expected, Buffer.from(s.slice(3), 'hex')),
  );
  if (!matches) return 'signature does not match';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'timestamp outside 5 minutes';
  return null;
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks); // verify these exact bytes, before parsing them
    const problem = request.method === 'POST' ? problemWith(request.headers, body) : 'POST only';
    if (problem) return response.writeHead(401, { 'content-type': 'text/plain' }).end(problem);
    const event = JSON.parse(body.toString('utf8'));
    if (!seen.has(event.id)) {
      seen.add(event.id);
      const serial = event.asset?.serial ?? event.details.serial ?? '-';
      console.log(`${event.type} ${event.id} ${serial} at ${event.station}`);
    }
    // 2xx for a duplicate too: Depotline resends until it sees one.
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.listen(Number(process.env.PORT ?? 8787), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
