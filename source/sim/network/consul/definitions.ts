import { HEALTH_STATUSES, type CatalogService, type HealthStatus } from './catalog.js';
import type { CheckDefinition } from './checks.js';
import { decodeError, decodeGoJson, decodeWith, field, goField } from './go-json.js';
import { DurationError, durationField } from './go-duration.js';

/**
 * The bodies of the agent's register endpoints, read as Consul reads them: Go's decoder
 * (case-insensitive fields, Go's error messages), durations as strings or nanoseconds, and
 * Consul's own validation messages. Check types the sandbox cannot run (script, gRPC,
 * Docker, ...) are refused with a message that says so.
 */
export interface ServiceRegistration extends Omit<CatalogService, 'node' | 'createIndex' | 'modifyIndex'> {
  checks: CheckDefinition[];
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

const INVALID_CHECK = 'Must provide TTL or Script/DockerContainerID/HTTP/H2PING/TCP/UDP/GRPC/AliasNode/AliasService/OSService and Interval';
const BAD_STATUS = "Status for checks must 'passing', 'warning', 'critical'";
const UNSUPPORTED_TYPES = ['GRPC', 'H2PING', 'UDP', 'DockerContainerID', 'AliasNode', 'AliasService', 'OSService'];

class Invalid extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function duration(object: unknown, name: string): number | undefined {
  try {
    return durationField(field(object, name));
  } catch (error) {
    if (error instanceof DurationError) throw decodeError(error.message);
    throw error;
  }
}

function headerMap(object: unknown, path: string): Record<string, string[]> | undefined {
  const value = field(object, 'Header');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw decodeError(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go struct field ${path}.Header of type map[string][]string`);
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(value)) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      throw decodeError(`json: cannot unmarshal ${typeof values} into Go struct field ${path}.Header of type []string`);
    }
    out[name] = values as string[];
  }
  return out;
}

type DecodedCheck = Omit<CheckDefinition, 'checkId' | 'name' | 'serviceId' | 'type' | 'status'> & {
  checkId?: string;
  name?: string;
  serviceId?: string;
  status?: string;
  raw: unknown;
};

/** One check of a registration as decoded; `validateCheck` then types it. */
function decodeCheck(raw: unknown, path: string): DecodedCheck {
  return {
    raw,
    checkId: goField.string(raw, 'CheckID', path) ?? goField.string(raw, 'ID', path),
    name: goField.string(raw, 'Name', path),
    notes: goField.string(raw, 'Notes', path) ?? '',
    serviceId: goField.string(raw, 'ServiceID', path),
    status: goField.string(raw, 'Status', path),
    http: goField.string(raw, 'HTTP', path),
    method: goField.string(raw, 'Method', path),
    header: headerMap(raw, path),
    body: goField.string(raw, 'Body', path),
    tlsSkipVerify: goField.bool(raw, 'TLSSkipVerify', path),
    tcp: goField.string(raw, 'TCP', path),
    ttlMs: duration(raw, 'TTL'),
    intervalMs: duration(raw, 'Interval'),
    timeoutMs: duration(raw, 'Timeout'),
    deregisterCriticalAfterMs: duration(raw, 'DeregisterCriticalServiceAfter'),
  };
}

/** Consul's checks on a check, in its order: status, then a type it can run with what that type needs. */
function validateCheck(check: DecodedCheck): Pick<CheckDefinition, 'type' | 'status'> {
  const { raw, status } = check;
  if (status && !HEALTH_STATUSES.includes(status as HealthStatus)) throw new Invalid(400, BAD_STATUS);
  if (field(raw, 'Script') || field(raw, 'Args') || field(raw, 'ScriptArgs')) {
    throw new Invalid(500, "Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or 'enable_local_script_checks' to true");
  }
  const unsupported = UNSUPPORTED_TYPES.find((name) => field(raw, name));
  if (unsupported) throw new Invalid(400, `Invalid check: ${unsupported} checks are not supported by the ecsh sandbox's Consul (it runs HTTP, TCP and TTL checks)`);
  let type: CheckDefinition['type'];
  if (check.ttlMs && check.ttlMs > 0) type = 'ttl';
  else if (check.http) type = 'http';
  else if (check.tcp) type = 'tcp';
  else throw new Invalid(400, `Invalid check: ${INVALID_CHECK}`);
  if (type !== 'ttl' && !(check.intervalMs && check.intervalMs > 0)) {
    throw new Invalid(400, 'Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks');
  }
  return { type, status: (status as HealthStatus | undefined) || 'critical' };
}

function typed(check: DecodedCheck): Omit<CheckDefinition, 'checkId' | 'name' | 'serviceId'> {
  const { raw: _raw, checkId: _id, name: _name, serviceId: _service, status: _status, ...rest } = check;
  return { ...rest, ...validateCheck(check) };
}

function isAnyAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '[::]';
}

function decodeBody<T>(body: string, decode: (raw: unknown) => T): Decoded<T> {
  const parsed = decodeGoJson(body);
  if (!parsed.ok) return { ok: false, status: 400, message: `Request decode failed: ${parsed.error}` };
  try {
    const result = decodeWith(() => decode(parsed.value));
    if (!result.ok) return { ok: false, status: 400, message: `Request decode failed: ${result.error}` };
    return result;
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
}

/** PUT /v1/agent/service/register. */
export function decodeServiceRegistration(body: string): Decoded<ServiceRegistration> {
  return decodeBody(body, (raw) => {
    const path = 'ServiceDefinition';
    const name = goField.string(raw, 'Name', path) ?? '';
    const id = goField.string(raw, 'ID', path) || name;
    const address = goField.string(raw, 'Address', path) ?? '';
    const weights = field(raw, 'Weights');
    const checksRaw: unknown[] = [];
    const single = field(raw, 'Check');
    if (single !== undefined && single !== null) checksRaw.push(single);
    const many = field(raw, 'Checks');
    if (Array.isArray(many)) checksRaw.push(...many);
    const registration: ServiceRegistration = {
      id,
      name,
      tags: goField.strings(raw, 'Tags', path) ?? [],
      address,
      port: goField.int(raw, 'Port', path) ?? 0,
      meta: goField.stringMap(raw, 'Meta', path) ?? {},
      weights: {
        Passing: goField.int(weights, 'Passing', `${path}.Weights`) ?? 1,
        Warning: goField.int(weights, 'Warning', `${path}.Weights`) ?? 1,
      },
      enableTagOverride: goField.bool(raw, 'EnableTagOverride', path) ?? false,
      checks: [],
    };
    const decodedChecks = checksRaw.map((c) => decodeCheck(c, `${path}.Check`));
    if (!name) throw new Invalid(400, 'Missing service name');
    if (isAnyAddress(address)) throw new Invalid(400, 'Invalid service address');
    registration.checks = decodedChecks.map((c, i) => ({
      ...typed(c),
      checkId: c.checkId || (decodedChecks.length > 1 ? `service:${id}:${i + 1}` : `service:${id}`),
      name: c.name || `Service '${name}' check`,
      serviceId: id,
    }));
    return registration;
  });
}

/** PUT /v1/agent/check/register. */
export function decodeCheckRegistration(body: string): Decoded<CheckDefinition> {
  return decodeBody(body, (raw) => {
    const check = decodeCheck(raw, 'CheckDefinition');
    if (!check.name) throw new Invalid(400, 'Missing check name');
    return { ...typed(check), checkId: check.checkId || check.name, name: check.name, serviceId: check.serviceId ?? '' };
  });
}

/** The Definition Consul shows for a check: what it was registered with, durations as Go prints them. */
export function definitionOf(check: CheckDefinition, format: (ms: number) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (check.http) {
    out.HTTP = check.http;
    out.Method = check.method ?? '';
    out.Header = check.header ?? {};
    out.TLSSkipVerify = check.tlsSkipVerify ?? false;
  }
  if (check.tcp) out.TCP = check.tcp;
  if (check.intervalMs) out.Interval = format(check.intervalMs);
  if (check.timeoutMs) out.Timeout = format(check.timeoutMs);
  if (check.ttlMs) out.TTL = format(check.ttlMs);
  if (check.deregisterCriticalAfterMs) out.DeregisterCriticalServiceAfter = format(check.deregisterCriticalAfterMs);
  return out;
}
