/**
 * Listening and stopping: `startServer` builds the app, listens on host:port and returns its address and a
 * `close` that stops accepting connections, lets requests in flight finish, then closes the store (whose close
 * waits for pending writes). `untilSignal` resolves at the first SIGINT or SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: AppOptions & { host: string; port: number }): Promise<RunningServer> {
  const app = await buildApp(options);
  await app.listen({ host: options.host, port: options.port });
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
