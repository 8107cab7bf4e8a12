/**
 * The ceiling for bench/server.ts: a bare Fastify server whose one route parses the same JSON bodies and answers
 * 201 — no validation, no store. Run as a child process; prints "listening on URL" and stops on SIGTERM.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
app.post('/api/s/:token/responses', async (request, reply) => reply.code(201).send({ status: 'stored', storedAt: new Date().toISOString(), keys: Object.keys(request.body as object).length }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address() as { port: number };
process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
