// B1's diagnostic: Fastify 5 alone (no plugins, hooks or schema) answering GET /healthz, to split the app's cost
// between the framework and what the app adds to every request. Run in its own process; prints `listening <port>`.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
