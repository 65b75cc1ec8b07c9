// B5's baseline: the least a chat relay does. A bare `node:http` server with a `ws` server (no framework, no session, no
// validation, nothing stored): every socket is in the one room; a `room.chat` is parsed, wrapped as the app's
// `room.chat` message, serialised once and sent to every socket; `ping` gets `pong`. Run in its own process by
// bench/suite/b5-realtime.ts; prints `listening <port>`.
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });
const room = new Set<WebSocket>();
let seq = 0;
wss.on('connection', (socket) => {
  const userId = String(++seq);
  room.add(socket);
  socket.send(JSON.stringify({ type: 'hello', userId }));
  socket.on('message', (raw: Buffer) => {
    let m: { type?: unknown; roomId?: unknown; text?: unknown };
    try {
      m = JSON.parse(raw.toString('utf8')) as typeof m;
    } catch {
      return;
    }
    if (m.type === 'ping') return socket.send('{"type":"pong"}');
    if (m.type !== 'room.chat' || typeof m.text !== 'string') return;
    const out = JSON.stringify({
      type: 'room.chat',
      roomId: m.roomId,
      message: { id: String(++seq), userId, name: 'Khách', text: m.text, at: new Date().toISOString() },
    });
    for (const s of room) if (s.readyState === s.OPEN) s.send(out);
  });
  socket.on('close', () => room.delete(socket));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
process.on('SIGTERM', () => {
  for (const s of room) s.terminate();
  server.close(() => process.exit(0));
});
