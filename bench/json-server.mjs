// The baseline of bench/serve-load.sh: a node:http server that reads each body, parses it with
// JSON.parse and answers a fixed small JSON object. pfa-wasm serve can at best approach it: the
// difference is what routing, decoding, scoring and encoding cost per request.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 18081);
const answer = '{"ok":true}';
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    try {
      JSON.parse(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': answer.length });
    res.end(answer);
  });
});
// As pfa-wasm serve does (src/hosts/server/server.ts), so both keep wrk's connections alive alike.
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
