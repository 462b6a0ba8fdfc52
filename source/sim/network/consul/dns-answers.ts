import dnsPacket, { type Answer, type Packet } from 'dns-packet';
import { aggregateStatus, type ConsulCatalog, type ServiceHealth } from './catalog.js';

/**
 * Consul's DNS interface, as answers to decoded queries: `[tag.]name.service[.dc].consul`
 * and `_name._tag.service[.dc].consul` (A and SRV of the instances whose checks are not
 * critical, TTL 0), `node.node[.dc].consul`, `hex.addr[.dc].consul`; NXDOMAIN with the
 * zone's SOA for what does not exist. Names outside the domain would go to recursors, which
 * this agent has none of, except the load balancers' DNS names when a lookup is given (what
 * the VPC resolver would answer). Instances come in round-robin order, one step per query.
 */
export interface DnsContext {
  catalog: ConsulCatalog;
  /** `consul` by default. */
  domain: string;
  /** A load balancer's DNS name to its addresses, as the VPC resolver answers it. */
  lookupLoadBalancer?: (name: string) => string[] | undefined;
  /** Round-robin positions, by question. */
  rotation: Map<string, number>;
}

/** A question as answered here: its type as dns-packet names it (ANY included, which its types omit). */
interface Question {
  name: string;
  type: string;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
/** Consul's dns_config.udp_answer_limit: answers in a UDP reply without EDNS. */
const UDP_ANSWER_LIMIT = 3;
const DEFAULT_UDP_SIZE = 512;
const MAX_UDP_SIZE = 65535 - 68;
const MAX_TCP_SIZE = 65523;
/** What AWS's resolver gives a load balancer's name. */
const LOAD_BALANCER_TTL = 60;

interface Reply {
  rcode: number;
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
}

const emptyReply = (rcode: number): Reply => ({ rcode, answers: [], authorities: [], additionals: [] });

function soa(ctx: DnsContext): Answer {
  const domain = `${ctx.domain}.`;
  return {
    type: 'SOA',
    name: domain,
    ttl: 0,
    data: {
      mname: `ns.${domain}`,
      rname: `hostmaster.${domain}`,
      serial: Math.floor(Date.now() / 1000) >>> 0,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 0,
    },
  };
}

function notFound(ctx: DnsContext): Reply {
  return { ...emptyReply(RCODE.NXDOMAIN), authorities: [soa(ctx)] };
}

function noData(ctx: DnsContext): Reply {
  return { ...emptyReply(RCODE.NOERROR), authorities: [soa(ctx)] };
}

function isIpv4(address: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
}

function aRecord(name: string, address: string, ttl = 0): Answer {
  return { type: 'A', name, ttl, data: address };
}

function hexAddress(address: string): string {
  return address
    .split('.')
    .map((octet) => Number(octet).toString(16).padStart(2, '0'))
    .join('');
}

/** Rotates the list one step further each time the same question is asked. */
function rotate<T>(ctx: DnsContext, key: string, items: T[]): T[] {
  if (items.length < 2) return items;
  const at = ctx.rotation.get(key) ?? 0;
  ctx.rotation.set(key, at + 1);
  const start = at % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

function addressOf(entry: ServiceHealth): string {
  return entry.service.address || entry.node.address;
}

function serviceLookup(ctx: DnsContext, question: Question, service: string, tag: string): Reply {
  const healthy = ctx.catalog.serviceHealth(service, tag ? [tag] : []).filter((e) => aggregateStatus(e.checks) !== 'critical');
  if (healthy.length === 0) return notFound(ctx);
  const entries = rotate(ctx, `${question.type} ${question.name.toLowerCase()}`, healthy);
  const dc = ctx.catalog.datacenter;
  const reply = emptyReply(RCODE.NOERROR);
  if (question.type === 'SRV') {
    for (const entry of entries) {
      const address = addressOf(entry);
      const sameAsNode = !entry.service.address || entry.service.address === entry.node.address;
      const target = sameAsNode ? `${entry.node.name}.node.${dc}.${ctx.domain}` : `${hexAddress(address)}.addr.${dc}.${ctx.domain}`;
      const weight = aggregateStatus(entry.checks) === 'warning' ? entry.service.weights.Warning : entry.service.weights.Passing;
      reply.answers.push({ type: 'SRV', name: question.name, ttl: 0, data: { priority: 1, weight, port: entry.service.port, target } });
      if (isIpv4(address) && !reply.additionals.some((a) => a.name === target)) reply.additionals.push(aRecord(target, address));
    }
  } else if (question.type === 'A' || question.type === 'ANY') {
    const seen = new Set<string>();
    for (const entry of entries) {
      const address = addressOf(entry);
      if (!isIpv4(address) || seen.has(address)) continue;
      seen.add(address);
      reply.answers.push(aRecord(question.name, address));
    }
  }
  return reply.answers.length === 0 ? noData(ctx) : reply;
}

function nodeLookup(ctx: DnsContext, question: Question, name: string): Reply {
  const node = ctx.catalog.nodes.get(name) ?? [...ctx.catalog.nodes.values()].find((n) => n.name.toLowerCase() === name);
  if (!node) return notFound(ctx);
  const reply = emptyReply(RCODE.NOERROR);
  if (!['A', 'AAAA', 'ANY', 'TXT'].includes(question.type)) return reply;
  if ((question.type === 'A' || question.type === 'ANY') && isIpv4(node.address)) reply.answers.push(aRecord(question.name, node.address));
  if (question.type === 'TXT' || question.type === 'ANY') {
    for (const [key, value] of Object.entries(node.meta)) {
      reply.answers.push({ type: 'TXT', name: question.name, ttl: 0, data: `${key}=${value}` });
    }
  }
  return reply;
}

/** The labels of a name inside the domain, or undefined when it is outside. */
function labelsIn(ctx: DnsContext, name: string): string[] | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === ctx.domain) return [];
  if (!lower.endsWith(`.${ctx.domain}`)) return undefined;
  return lower.slice(0, -(ctx.domain.length + 1)).split('.');
}

function dispatch(ctx: DnsContext, question: Question, labels: string[]): Reply {
  let kindAt = -1;
  for (let i = labels.length - 1; i >= 0; i--) {
    const label = labels[i]!;
    if (label === 'service' || label === 'node' || label === 'addr') {
      kindAt = i;
      break;
    }
    if (question.type === 'SRV' && label.startsWith('_')) {
      labels = [...labels.slice(0, i + 1), 'service', ...labels.slice(i + 1)];
      kindAt = i + 1;
      break;
    }
  }
  if (kindAt < 0) return notFound(ctx);
  const parts = labels.slice(0, kindAt);
  const suffix = labels.slice(kindAt + 1);
  if (suffix.length > 1 || (suffix.length === 1 && suffix[0] !== ctx.catalog.datacenter.toLowerCase())) return notFound(ctx);
  switch (labels[kindAt]) {
    case 'service': {
      if (parts.length === 0) return notFound(ctx);
      if (parts.length === 2 && parts[0]!.startsWith('_') && parts[1]!.startsWith('_')) {
        const tag = parts[1]!.slice(1);
        return serviceLookup(ctx, question, parts[0]!.slice(1), tag === 'tcp' ? '' : tag);
      }
      return serviceLookup(ctx, question, parts[parts.length - 1]!, parts.slice(0, -1).join('.'));
    }
    case 'node':
      return parts.length === 0 ? notFound(ctx) : nodeLookup(ctx, question, parts.join('.'));
    default: {
      const hex = parts.length === 1 ? parts[0]! : '';
      if (!/^[0-9a-f]{8}$/.test(hex)) return notFound(ctx);
      const address = (hex.match(/../g) ?? []).map((h) => parseInt(h, 16)).join('.');
      const record = aRecord(question.name, address);
      return question.type === 'A' || question.type === 'ANY'
        ? { ...emptyReply(RCODE.NOERROR), answers: [record] }
        : { ...emptyReply(RCODE.NOERROR), additionals: [record] };
    }
  }
}

function answerQuestion(ctx: DnsContext, question: Question): Reply {
  const labels = labelsIn(ctx, question.name);
  if (labels === undefined) {
    const addresses = ctx.lookupLoadBalancer?.(question.name.toLowerCase().replace(/\.$/, ''));
    if (!addresses) return emptyReply(RCODE.REFUSED);
    if (question.type !== 'A' && question.type !== 'ANY') return emptyReply(RCODE.NOERROR);
    return { ...emptyReply(RCODE.NOERROR), answers: addresses.map((a) => aRecord(question.name, a, LOAD_BALANCER_TTL)) };
  }
  if (question.type === 'SOA') return { ...emptyReply(RCODE.NOERROR), answers: [soa(ctx)] };
  if (question.type === 'AXFR') return emptyReply(RCODE.NOTIMP);
  return dispatch(ctx, question, labels);
}

/** Keeps only the additional records that some SRV answer still points at (and the OPT). */
function syncAdditionals(reply: Reply, all: Answer[]): void {
  const targets = new Set(reply.answers.flatMap((a) => (a.type === 'SRV' ? [a.data.target.toLowerCase()] : [])));
  reply.additionals = all.filter((a) => a.type === 'OPT' || targets.has(a.name.toLowerCase()) || !['A', 'AAAA'].includes(a.type));
}

/** Trims a reply to what the transport carries, as Consul does (without setting TC: enable_truncate is off). */
function trim(reply: Reply, udp: boolean, ednsSize: number | undefined, encode: () => number): void {
  const all = reply.additionals;
  let max = MAX_TCP_SIZE;
  if (udp) {
    max = Math.min(Math.max(DEFAULT_UDP_SIZE, ednsSize ?? 0), MAX_UDP_SIZE) - 8;
    if (ednsSize === undefined && reply.answers.length > UDP_ANSWER_LIMIT) {
      reply.answers = reply.answers.slice(0, UDP_ANSWER_LIMIT);
      syncAdditionals(reply, all);
    }
  }
  while (reply.answers.length > 1 && encode() > max) {
    reply.authorities = [];
    reply.answers = reply.answers.slice(0, -1);
    syncAdditionals(reply, all);
  }
}

/** The response to a query packet, or undefined for one too broken to answer. */
export function respond(ctx: DnsContext, query: Buffer, udp: boolean): Buffer | undefined {
  let packet: Packet;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    if (query.length < 12) return undefined;
    return dnsPacket.encode({ id: query.readUInt16BE(0), type: 'response', flags: RCODE.FORMERR, questions: [] });
  }
  if (packet.type !== 'query') return undefined;
  const opcode = ((packet.flags ?? 0) >> 11) & 0xf;
  const recursionDesired = (packet.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
  const first = packet.questions?.[0];
  const question: Question | undefined = first && { name: first.name, type: String(first.type) };
  const opt = packet.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  let reply: Reply;
  if (opcode !== 0) reply = emptyReply(RCODE.NOTIMP);
  else if (!question) reply = emptyReply(RCODE.REFUSED);
  else reply = answerQuestion(ctx, question);
  const authoritative = reply.rcode !== RCODE.REFUSED && reply.rcode !== RCODE.NOTIMP;
  if (opt) reply.additionals.push({ type: 'OPT', name: '.', udpPayloadSize: opt.udpPayloadSize ?? 4096, flags: 0, options: [] } as unknown as Answer);
  const build = (): Packet => ({
    id: packet.id,
    type: 'response',
    flags: (opcode << 11) | (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | recursionDesired | reply.rcode,
    questions: packet.questions ?? [],
    answers: reply.answers,
    authorities: reply.authorities,
    additionals: reply.additionals,
  });
  trim(reply, udp, opt?.udpPayloadSize, () => dnsPacket.encodingLength(build()));
  return dnsPacket.encode(build());
}
