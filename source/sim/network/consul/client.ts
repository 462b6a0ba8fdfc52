import { request } from 'node:http';

/**
 * A small HTTP client for Consul's API, as Registrator's and Fabio's Go clients use it: plain
 * requests with no client-side timeout, so that a blocking query may wait as long as Consul
 * holds it (fetch's default header timeout would cut a 5-minute wait short).
 */
export interface ConsulResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class ConsulClientError extends Error {}

export function consulRequest(method: string, url: string, body?: string, signal?: AbortSignal): Promise<ConsulResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, signal, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A read that must succeed with a JSON body and Consul's index header, as the Go client insists. */
export async function consulQuery<T>(url: string, signal?: AbortSignal): Promise<{ value: T; index: number }> {
  const res = await consulRequest('GET', url, undefined, signal);
  if (res.status !== 200) throw new ConsulClientError(`Unexpected response code: ${res.status} (${res.body.trim()})`);
  const index = Number(res.headers['x-consul-index']);
  if (!Number.isFinite(index)) throw new ConsulClientError('Failed to parse X-Consul-Index');
  return { value: JSON.parse(res.body) as T, index };
}

/** A write that must answer 200. */
export async function consulWrite(method: 'PUT' | 'DELETE', url: string, body?: unknown): Promise<void> {
  const res = await consulRequest(method, url, body === undefined ? undefined : JSON.stringify(body));
  if (res.status !== 200) throw new ConsulClientError(`Unexpected response code: ${res.status} (${res.body.trim()})`);
}
