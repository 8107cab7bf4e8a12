/**
 * Listening and stopping: `startServer` builds the app, listens on host:port and returns its address and a
 * `close` that stops accepting connections, lets requests in flight finish, then closes the store (whose close
 * waits for pending writes). `untilSignal` resolves at the first SIGINT or SIGTERM.
 */
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DiagError } from '../errors.ts';
import { buildApp, type AppOptions } from './app.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** The error for a port another program holds, saying how to choose another (no stack trace). */
export function portInUse(host: string, port: number, how: string): DiagError {
  return new DiagError('CONFIG_INVALID', `port ${port} on ${host} is already in use (another diag server, or another program)`, [
    { column: 'port', message: `stop the other server, or choose another port: ${how}` },
  ]);
}

/**
 * Checks that the port can be listened on, before anything else is done (filling the store, rendering reports):
 * CONFIG_INVALID naming the port and how to choose another when it is taken; port 0 (any free port) always passes.
 */
export async function assertPortFree(host: string, port: number, how: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(portInUse(host, port, how));
      else if (e.code === 'EACCES') reject(new DiagError('CONFIG_INVALID', `port ${port} on ${host} needs privileges this user does not have`, [{ column: 'port', message: `choose a port above 1023: ${how}` }]));
      else reject(new DiagError('CONFIG_INVALID', `cannot listen on ${host}:${port} (${e.code ?? e.message})`, [{ column: 'host', message: 'check --host and --port' }]));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function startServer(options: AppOptions & { host: string; port: number; portHint?: string }): Promise<RunningServer> {
  const app = await buildApp(options);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (e) {
    await app.close().catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(options.host, options.port, options.portHint ?? '--port N');
    throw e;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${address.port}`,
    close: () => (closing ??= (async () => {
      try {
        await app.close();
      } finally {
        await options.store.close();
      }
    })()),
  };
}

/** Resolves with the name of the first SIGINT or SIGTERM received (and stops listening for them). */
export function untilSignal(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}
