import { arnRegion, ecsArn, isArn, lastSegment } from '../arn.js';
import { clusterNotFound, invalidParameter } from '../errors.js';
import type { ClusterRecord, Tag } from '../model.js';
import type { RequestContext, Sandbox } from '../sandbox.js';

/** ECS's JSON protocol sends times as epoch seconds. */
export function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

export function clusterArnOf(region: string, name: string): string {
  return ecsArn(region, `cluster/${name}`);
}

/** The cluster a request names (name or ARN; `default` when omitted), or undefined. */
export function lookupCluster(sb: Sandbox, ctx: RequestContext, ref: unknown): ClusterRecord | undefined {
  if (ref !== undefined && ref !== null && typeof ref !== 'string') throw invalidParameter('cluster must be a string.');
  const value = (ref as string | undefined) || 'default';
  const arn = isArn(value) ? value : clusterArnOf(ctx.region, value);
  if (isArn(value) && arnRegion(value) !== ctx.region) return undefined;
  return sb.tables.clusters.get(arn);
}

/** The ACTIVE cluster a request names, or ClusterNotFoundException as ECS answers. */
export function requireCluster(sb: Sandbox, ctx: RequestContext, ref: unknown): ClusterRecord {
  const cluster = lookupCluster(sb, ctx, ref);
  if (!cluster || cluster.status === 'INACTIVE') throw clusterNotFound();
  return cluster;
}

/** A resource reference as given, reduced to the id or name at its end. */
export function idOf(ref: string): string {
  return lastSegment(ref);
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/** Validates ECS tags (key 1-128, value 0-256, at most 50, no `aws:` prefix). */
export function validTags(tags: unknown): Tag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw invalidParameter('tags must be a list of {key, value}.');
  if (tags.length > 50) throw invalidParameter('The number of tags exceeds the limit of 50.');
  return tags.map((t: any) => {
    if (typeof t?.key !== 'string' || !TAG_KEY.test(t.key)) throw invalidParameter(`Invalid tag key '${t?.key}'.`);
    if (t.key.toLowerCase().startsWith('aws:')) throw invalidParameter('Tag keys may not start with aws:.');
    const value = t.value ?? '';
    if (typeof value !== 'string' || value.length > 256) throw invalidParameter(`Invalid tag value for key '${t.key}'.`);
    return { key: t.key, value };
  });
}

/** Merges tags by key, the later winning, as TagResource does. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t]));
  for (const t of added) byKey.set(t.key, t);
  if (byKey.size > 50) throw invalidParameter('The number of tags exceeds the limit of 50.');
  return [...byKey.values()];
}

/** Whether an `include` list asks for a field (TAGS, SETTINGS, ...). */
export function includes(input: any, what: string): boolean {
  return Array.isArray(input?.include) && input.include.includes(what);
}
