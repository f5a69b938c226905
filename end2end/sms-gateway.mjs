// An SMS gateway on loopback for the end-to-end tests: it accepts what bocal-server POSTs
// (`{"id", "to", "text"}`, see README "Telling people") and lists it at GET /received.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 8098);
const received = [];

createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/sms') {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ ...JSON.parse(body), authorization: request.headers.authorization ?? null });
      response.writeHead(200).end();
    });
  } else if (request.method === 'GET' && request.url === '/received') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
  } else {
    response.writeHead(404).end();
  }
}).listen(port, '127.0.0.1');
