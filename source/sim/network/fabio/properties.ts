import type { Strategy } from './route-table.js';

/**
 * Fabio's settings, from its command line (`-proxy.strategy=rr`, `-registry.consul.addr x`)
 * and environment (FABIO_proxy_strategy=rr), with Fabio's defaults. The one departure: the
 * sandbox's default strategy is rr rather than rnd, so that a demo's requests visibly
 * alternate between instances; -proxy.strategy=rnd restores random picks.
 */
export interface FabioProperties {
  proxyPort: number;
  uiPort: number;
  /** registry.consul.addr as given: `localhost:8500` reaches the agent of the instance. */
  consulAddr: string;
  tagPrefix: string;
  serviceStatus: string[];
  checksRequired: 'one' | 'all';
  strategy: Strategy;
  noRouteStatus: number;
  registerEnabled: boolean;
  registerName: string;
  registerTags: string[];
  checkIntervalMs: number;
  checkTimeoutMs: number;
}

const DEFAULTS: Record<string, string> = {
  'proxy.addr': ':9999',
  'ui.addr': ':9998',
  'registry.consul.addr': 'localhost:8500',
  'registry.consul.tagprefix': 'urlprefix-',
  'registry.consul.service.status': 'passing',
  'registry.consul.checksRequired': 'one',
  'proxy.strategy': 'rr',
  'proxy.noroutestatus': '404',
  'registry.consul.register.enabled': 'true',
  'registry.consul.register.name': 'fabio',
  'registry.consul.register.tags': '',
  'registry.consul.register.checkInterval': '1s',
  'registry.consul.register.checkTimeout': '3s',
};

function seconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return 1000;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value : match[2] === 'm' ? value * 60_000 : value * 1000;
}

function portOf(addr: string, fallback: number): number {
  const port = Number(addr.split(',')[0]!.split(';')[0]!.split(':').pop());
  return Number.isInteger(port) && port > 0 ? port : fallback;
}

/** Reads `-key=value` / `-key value` arguments, then FABIO_key_with_underscores variables over them. */
export function fabioProperties(args: readonly string[], environment: Record<string, string>): FabioProperties {
  const values: Record<string, string> = { ...DEFAULTS };
  const keyFor = (name: string) => Object.keys(DEFAULTS).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) continue;
    const flag = arg.replace(/^--?/, '');
    const eq = flag.indexOf('=');
    if (eq >= 0) values[keyFor(flag.slice(0, eq))] = flag.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('-')) values[keyFor(flag)] = args[++i]!;
    else values[keyFor(flag)] = 'true';
  }
  for (const [name, value] of Object.entries(environment)) {
    if (!name.startsWith('FABIO_')) continue;
    const wanted = name.slice('FABIO_'.length).toLowerCase();
    const key = Object.keys(DEFAULTS).find((k) => k.replaceAll('.', '_').toLowerCase() === wanted);
    if (key) values[key] = value;
  }
  const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    proxyPort: portOf(values['proxy.addr']!, 9999),
    uiPort: portOf(values['ui.addr']!, 9998),
    consulAddr: values['registry.consul.addr']!,
    tagPrefix: values['registry.consul.tagprefix']!,
    serviceStatus: list(values['registry.consul.service.status']!),
    checksRequired: values['registry.consul.checksRequired'] === 'all' ? 'all' : 'one',
    strategy: values['proxy.strategy'] === 'rnd' ? 'rnd' : 'rr',
    noRouteStatus: Number(values['proxy.noroutestatus']) || 404,
    registerEnabled: values['registry.consul.register.enabled'] !== 'false',
    registerName: values['registry.consul.register.name']!,
    registerTags: list(values['registry.consul.register.tags']!),
    checkIntervalMs: seconds(values['registry.consul.register.checkInterval']!),
    checkTimeoutMs: seconds(values['registry.consul.register.checkTimeout']!),
  };
}
