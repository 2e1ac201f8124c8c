// The Node `ws` reference for the fan-out benchmark: WebSocket clients connect to /ws; a POST to
// /broadcast sends its body to every one of them. No authentication, no storage.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 8099);
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let sent = 0;
      for (const client of wss.clients) {
        if (client.readyState === 1) {
          client.send(text);
          sent++;
        }
      }
      res.end(String(sent));
    });
  } else {
    res.end(String(wss.clients.size));
  }
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
server.listen(port, '127.0.0.1', () => console.log('listening on ' + port));
