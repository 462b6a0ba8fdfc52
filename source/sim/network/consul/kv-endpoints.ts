import { allow, blockingRead, flag, json, queryMeta, text, type ConsulReply, type ConsulRequest } from './http-common.js';
import { renderKv } from './render.js';

/** Consul's default kv_max_value_size. */
export const KV_MAX_VALUE_BYTES = 512 * 1024;

/** /v1/kv/<key>: get (JSON with base64 values, ?raw, ?keys, ?recurse), put (?flags, ?cas) and delete. */
export async function kvEndpoint(req: ConsulRequest): Promise<ConsulReply> {
  const refused = allow(req, 'GET', 'PUT', 'DELETE');
  if (refused) return refused;
  const key = decodeURIComponent(req.path.replace(/^kv\/?/, ''));
  if (req.method === 'GET') return getKv(req, key);
  if (req.method === 'PUT') return putKv(req, key);
  return deleteKv(req, key);
}

function textLike(value: Buffer): boolean {
  const decoded = value.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(value) && !/[\u0000-\u0008\u000e-\u001f]/.test(decoded);
}

function getKv(req: ConsulRequest, key: string): Promise<ConsulReply> {
  const catalog = req.agent.catalog;
  return blockingRead(req, ['kvs'], () => {
    const missing: ConsulReply = { status: 404, body: '' };
    if (req.query.has('keys')) {
      const separator = req.query.get('separator') ?? '';
      const keys = new Set<string>();
      for (const entry of catalog.kvList(key)) {
        const after = separator ? entry.key.indexOf(separator, key.length) : -1;
        keys.add(after >= 0 ? entry.key.slice(0, after + separator.length) : entry.key);
      }
      return keys.size === 0 ? missing : json(req, [...keys]);
    }
    if (flag(req, 'recurse')) {
      const entries = catalog.kvList(key);
      return entries.length === 0 ? missing : json(req, entries.map(renderKv));
    }
    const entry = catalog.kvGet(key);
    if (!entry) return missing;
    if (req.query.has('raw')) {
      const value = entry.value ?? Buffer.alloc(0);
      return { status: 200, body: value, contentType: textLike(value) ? 'text/plain; charset=utf-8' : 'application/octet-stream' };
    }
    return json(req, [renderKv(entry)]);
  });
}

function uintParam(req: ConsulRequest, name: string): number | undefined | 'bad' {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : 'bad';
}

function putKv(req: ConsulRequest, key: string): ConsulReply {
  if (!key) return text(400, 'Missing key name');
  if (req.query.has('acquire') || req.query.has('release')) {
    return text(400, 'Sessions are not supported by the ecsh sandbox\'s Consul: ?acquire and ?release cannot be used');
  }
  const flags = uintParam(req, 'flags');
  if (flags === 'bad') return text(400, 'Invalid flag format');
  const cas = uintParam(req, 'cas');
  if (cas === 'bad') return text(400, 'Invalid CAS index');
  if (req.body.length > KV_MAX_VALUE_BYTES) {
    return text(
      413,
      `Request body(${req.body.length} bytes) too large, max size: ${KV_MAX_VALUE_BYTES} bytes. See https://developer.hashicorp.com/consul/docs/agent/config/config-files#kv_max_value_size.`,
    );
  }
  const stored = req.agent.catalog.kvPut(key, req.body.length > 0 ? Buffer.from(req.body) : null, flags ?? 0, cas);
  return json(req, stored, queryMeta(req.agent.catalog, ['kvs']));
}

function deleteKv(req: ConsulRequest, key: string): ConsulReply {
  const recurse = flag(req, 'recurse');
  if (!key && !recurse) return text(400, 'Missing key name');
  const cas = uintParam(req, 'cas');
  if (cas === 'bad') return text(400, 'Invalid CAS index');
  return json(req, req.agent.catalog.kvDelete(key, recurse, cas));
}
