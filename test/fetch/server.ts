// Test helper: a local HTTP server on 127.0.0.1 (port 0) with scripted responses per path, counting requests; and an async CLI runner.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT, type CliResult } from '../helpers/cli.ts';

/** One scripted response: a status, headers and a body, optionally after a delay. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

/** Replies by request key (path + query); a list is served in order, its last reply repeating. */
export type Script = (req: IncomingMessage, url: URL) => Reply[] | undefined;

export interface TestServer {
  baseUrl: string;
  /** Requests seen per key (`/api/daily_papers?date=...`). */
  hits: Map<string, number>;
  userAgents: string[];
  close: () => Promise<void>;
}

export async function startServer(script: Script): Promise<TestServer> {
  const hits = new Map<string, number>();
  const userAgents: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.pathname + url.search;
    const n = hits.get(key) ?? 0;
    hits.set(key, n + 1);
    userAgents.push(String(req.headers['user-agent'] ?? ''));
    const replies = script(req, url);
    const reply: Reply = replies ? replies[Math.min(n, replies.length - 1)] : { status: 404, body: 'not found' };
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    userAgents,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Run the CLI as a child process without blocking this process (the test server must keep answering). */
export function papermapAsync(cwd: string, env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'papermap.js'), ...args], {
      cwd,
      env: { ...process.env, CI: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
