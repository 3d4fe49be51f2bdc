// HTTP GET with a time-out, bounded retries on 429/5xx/network errors, exponential back-off with seeded jitter, Retry-After, and request pacing.

/** How a client behaves; everything that waits or draws is injected so tests are fast and deterministic. */
export interface HttpOptions {
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First back-off; doubles each retry. */
  backoffMs: number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs: number;
  userAgent: string;
  /** Largest response body accepted, in bytes; a larger one is refused (not retried, not cached). */
  maxBytes: number;
  /** Uniform draws in [0, 1) for the jitter (seeded). */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called before every attempt (first and retries): waits for the pacing interval. */
  pace: () => Promise<void>;
  now: () => number;
}

export type GetResult =
  | { ok: true; status: number; body: string; retries: string[] }
  | { ok: false; status: number | null; reason: string; body: string | null; retries: string[] };

/** Retry-After as milliseconds from `nowMs`: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Back-off before retry `attempt` (0-based): half of base * 2^attempt fixed, half drawn (equal jitter). */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  const d = baseMs * 2 ** attempt;
  return Math.round(d / 2 + random() * (d / 2));
}

/** True for statuses worth retrying: too many requests, request time-out, and server errors. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/** A waiter that keeps request starts at least `intervalMs` apart. */
export function createPacer(intervalMs: number, sleep: (ms: number) => Promise<void>, now: () => number): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  return async () => {
    const wait = last + intervalMs - now();
    if (wait > 0) await sleep(wait);
    last = now();
  };
}

type Attempt =
  | { kind: 'done'; status: number; body: string }
  | { kind: 'retry'; why: string; retryAfterMs: number | null; status: number | null; body: string | null }
  | { kind: 'fail'; why: string; status: number | null; body: string | null };

async function attempt(url: string, opts: HttpOptions): Promise<Attempt> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs);
  try {
    const res = await fetch(url, { signal: ctl.signal, headers: { 'user-agent': opts.userAgent, accept: '*/*' }, redirect: 'follow' });
    // The body is read under the same time-out: a response cut off mid-body is an error here, never a short success.
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > opts.maxBytes) {
      ctl.abort();
      return { kind: 'fail', why: tooLarge(`${declared} bytes`, opts.maxBytes), status: res.status, body: null };
    }
    const body = await readCapped(res, opts.maxBytes);
    if (body === null) {
      ctl.abort();
      return { kind: 'fail', why: tooLarge('more bytes', opts.maxBytes), status: res.status, body: null };
    }
    if (res.ok) return { kind: 'done', status: res.status, body };
    if (retryableStatus(res.status)) {
      return {
        kind: 'retry',
        why: `HTTP ${res.status}`,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), opts.now()),
        status: res.status,
        body,
      };
    }
    return { kind: 'fail', why: `HTTP ${res.status} ${res.statusText}`.trim(), status: res.status, body };
  } catch (err) {
    const why = ctl.signal.aborted ? `timed out after ${opts.timeoutMs} ms` : `network error: ${describeError(err)}`;
    return { kind: 'retry', why, retryAfterMs: null, status: null, body: null };
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(size: string, max: number): string {
  return `the response is over the size cap (${size}, cap ${max} bytes: --max-response-mb)`;
}

/** The body as text, or null as soon as it passes `max` bytes (the rest is never read). */
async function readCapped(res: Response, max: number): Promise<string | null> {
  if (res.body === null) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

/** GET `url` as text, retrying what is worth retrying up to `opts.retries` times. */
export async function getText(url: string, opts: HttpOptions): Promise<GetResult> {
  const retries: string[] = [];
  for (let i = 0; ; i++) {
    await opts.pace();
    const a = await attempt(url, opts);
    if (a.kind === 'done') return { ok: true, status: a.status, body: a.body, retries };
    if (a.kind === 'fail') return { ok: false, status: a.status, reason: a.why, body: a.body, retries };
    if (i >= opts.retries) {
      return { ok: false, status: a.status, reason: `${a.why} (gave up after ${i + 1} attempts)`, body: a.body, retries };
    }
    retries.push(a.why);
    const wait = a.retryAfterMs !== null ? Math.min(a.retryAfterMs, opts.maxRetryAfterMs) : backoffDelay(i, opts.backoffMs, opts.random);
    await opts.sleep(wait);
  }
}
