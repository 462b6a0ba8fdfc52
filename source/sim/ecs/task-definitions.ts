import { ACCOUNT_ID, arnRegion, ecsArn, isArn } from '../arn.js';
import { clientError, invalidParameter } from '../errors.js';
import { oneOf, optionalArray, optionalString, paginate } from '../input.js';
import type { TaskDefinitionRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { includes, seconds, validTags } from './common.js';
import { validateTaskDefinition } from './task-definition-validation.js';

/** Who registered a definition: the sandbox has one principal, the account's root. */
const REGISTERED_BY = `arn:aws:iam::${ACCOUNT_ID}:root`;
/**
 * ECS deletes revisions in the background: one that nothing uses stays DELETE_IN_PROGRESS (listed
 * and described) for some minutes before it goes; one still in use waits for its tasks and
 * services, checked again every minute.
 */
const DELETE_AFTER_MS = 10 * 60_000;
const DELETE_RECHECK_MS = 60_000;
export const TASK_DEFINITION_DELETE_JOB = 'task-definition-delete';

const RENDERED_ELSEWHERE = new Set(['region', 'tags', 'registeredAt', 'deregisteredAt', 'deleteRequestedAt']);

export function renderTaskDefinition(def: TaskDefinitionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(def)) {
    if (key.startsWith('_') || RENDERED_ELSEWHERE.has(key) || value === undefined) continue;
    out[key] = value;
  }
  out.registeredAt = seconds(def.registeredAt);
  out.deregisteredAt = seconds(def.deregisteredAt);
  out.deleteRequestedAt = seconds(def.deleteRequestedAt);
  return out;
}

function revisionKey(region: string, family: string): string {
  return `${region}:${family}`;
}

export function taskDefinitionArnOf(region: string, family: string, revision: number): string {
  return ecsArn(region, `task-definition/${family}:${revision}`);
}

/** The revisions of a family in a region, oldest first. */
function revisionsOf(sb: Sandbox, region: string, family: string): TaskDefinitionRecord[] {
  const out: TaskDefinitionRecord[] = [];
  for (const def of sb.tables.taskDefinitions.values()) {
    if (def.region === region && def.family === family) out.push(def);
  }
  return out.sort((a, b) => a.revision - b.revision);
}

interface ParsedReference {
  family: string;
  revision?: number;
}

/** `family`, `family:revision` or the ARN; undefined for a reference to another region. */
function parseReference(ctx: RequestContext, ref: string): ParsedReference | undefined {
  let body = ref;
  if (isArn(ref)) {
    if (arnRegion(ref) !== ctx.region) return undefined;
    const match = /:task-definition\/([^:]+):(\d+)$/.exec(ref);
    if (!match) return undefined;
    body = `${match[1]}:${match[2]}`;
  }
  const colon = body.lastIndexOf(':');
  if (colon === -1) return { family: body };
  const revision = Number(body.slice(colon + 1));
  if (!/^\d+$/.test(body.slice(colon + 1)) || revision < 1) throw clientError(`Invalid revision number. Number: ${body.slice(colon + 1)}`);
  return { family: body.slice(0, colon), revision };
}

/**
 * The definition a request names: a given revision in any status, or for a bare family its
 * latest ACTIVE revision. Undefined when there is none.
 */
export function lookupTaskDefinition(sb: Sandbox, ctx: RequestContext, ref: string): TaskDefinitionRecord | undefined {
  const parsed = parseReference(ctx, ref);
  if (!parsed) return undefined;
  if (parsed.revision !== undefined) {
    return sb.tables.taskDefinitions.get(taskDefinitionArnOf(ctx.region, parsed.family, parsed.revision));
  }
  const active = revisionsOf(sb, ctx.region, parsed.family).filter((d) => d.status === 'ACTIVE');
  return active[active.length - 1];
}

/**
 * The definition to start tasks from (RunTask, StartTask, services): it must exist and be
 * ACTIVE, as ECS refuses new tasks from an INACTIVE or deleted revision.
 */
export function requireLaunchableTaskDefinition(sb: Sandbox, ctx: RequestContext, ref: unknown): TaskDefinitionRecord {
  if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('taskDefinition is required.');
  const def = lookupTaskDefinition(sb, ctx, ref);
  if (!def) throw clientError('TaskDefinition not found.');
  if (def.status !== 'ACTIVE') throw invalidParameter('TaskDefinition is inactive');
  return def;
}

export const RegisterTaskDefinition: Operation = (sb, input, ctx) => {
  const valid = validateTaskDefinition(input);
  const tags = validTags(input.tags);
  const key = revisionKey(ctx.region, valid.family);
  // Revisions only go up: a deleted revision's number is never handed out again.
  const latest = Math.max(sb.state.revisions[key] ?? 0, ...revisionsOf(sb, ctx.region, valid.family).map((d) => d.revision));
  const revision = latest + 1;
  sb.state.revisions[key] = revision;
  const passthrough: Record<string, unknown> = {};
  for (const field of ['taskRoleArn', 'executionRoleArn', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection']) {
    if (input[field] !== undefined && input[field] !== null) passthrough[field] = input[field];
  }
  const def: TaskDefinitionRecord = {
    taskDefinitionArn: taskDefinitionArnOf(ctx.region, valid.family, revision),
    family: valid.family,
    revision,
    region: ctx.region,
    containerDefinitions: valid.containerDefinitions,
    ...passthrough,
    networkMode: valid.networkMode,
    volumes: valid.volumes,
    status: 'ACTIVE',
    requiresAttributes: valid.requiresAttributes,
    placementConstraints: valid.placementConstraints,
    compatibilities: valid.compatibilities,
    requiresCompatibilities: valid.requiresCompatibilities,
    cpu: valid.cpu,
    memory: valid.memory,
    registeredAt: sb.now(),
    registeredBy: REGISTERED_BY,
    tags,
  };
  sb.tables.taskDefinitions.set(def.taskDefinitionArn, def);
  return { taskDefinition: renderTaskDefinition(def), tags };
};

export const DescribeTaskDefinition: Operation = (sb, input, ctx) => {
  const ref = input.taskDefinition;
  if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('taskDefinition is required.');
  const def = lookupTaskDefinition(sb, ctx, ref);
  if (!def) throw clientError('Unable to describe task definition.');
  return { taskDefinition: renderTaskDefinition(def), tags: includes(input, 'TAGS') ? def.tags : undefined };
};

export const DeregisterTaskDefinition: Operation = (sb, input, ctx) => {
  const ref = input.taskDefinition;
  if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('taskDefinition is required.');
  const parsed = parseReference(ctx, ref);
  if (parsed && parsed.revision === undefined) throw clientError(`Invalid revision number. Number: ${parsed.family}`);
  const def = lookupTaskDefinition(sb, ctx, ref);
  if (!def) throw clientError('The specified task definition does not exist.');
  if (def.status === 'ACTIVE') {
    def.status = 'INACTIVE';
    def.deregisteredAt = sb.now();
  }
  return { taskDefinition: renderTaskDefinition(def) };
};

const STATUSES = ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const;

export const ListTaskDefinitions: Operation = (sb, input, ctx) => {
  const familyPrefix = optionalString(input, 'familyPrefix');
  const status = oneOf(optionalString(input, 'status'), 'status', STATUSES) ?? 'ACTIVE';
  const sort = oneOf(optionalString(input, 'sort'), 'sort', ['ASC', 'DESC'] as const) ?? 'ASC';
  // Despite its name, familyPrefix names one whole family, as in ECS.
  const defs = [...sb.tables.taskDefinitions.values()]
    .filter((d) => d.region === ctx.region && d.status === status && (familyPrefix === undefined || d.family === familyPrefix))
    .sort((a, b) => (a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1));
  if (sort === 'DESC') defs.reverse();
  const { page, nextToken } = paginate(defs.map((d) => d.taskDefinitionArn), input.nextToken, input.maxResults, { defaultSize: 100, maxSize: 100 });
  return { taskDefinitionArns: page, nextToken };
};

export const ListTaskDefinitionFamilies: Operation = (sb, input, ctx) => {
  const familyPrefix = optionalString(input, 'familyPrefix') ?? '';
  const status = oneOf(optionalString(input, 'status'), 'status', ['ACTIVE', 'INACTIVE', 'ALL'] as const) ?? 'ACTIVE';
  const active = new Set<string>();
  const all = new Set<string>();
  for (const d of sb.tables.taskDefinitions.values()) {
    if (d.region !== ctx.region || !d.family.startsWith(familyPrefix)) continue;
    all.add(d.family);
    if (d.status === 'ACTIVE') active.add(d.family);
  }
  const families = [...all].filter((f) => status === 'ALL' || (status === 'ACTIVE') === active.has(f)).sort();
  const { page, nextToken } = paginate(families, input.nextToken, input.maxResults, { defaultSize: 100, maxSize: 100 });
  return { families: page, nextToken };
};

export const DeleteTaskDefinitions: Operation = (sb, input, ctx) => {
  const refs = optionalArray<unknown>(input, 'taskDefinitions');
  if (!refs || refs.length === 0) throw invalidParameter('taskDefinitions is required and must not be empty.');
  if (refs.length > 10) throw invalidParameter('taskDefinitions can have at most 10 items.');
  const deleted = [];
  const failures = [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('Each task definition must be a non-empty string.');
    const parsed = parseReference(ctx, ref);
    const arn = isArn(ref) ? ref : parsed ? taskDefinitionArnOf(ctx.region, parsed.family, parsed.revision ?? 0) : ref;
    if (parsed && parsed.revision === undefined) {
      failures.push({ arn: ref, reason: 'INVALID_REVISION', detail: 'A revision must be given, as family:revision or the full ARN.' });
      continue;
    }
    const def = parsed ? lookupTaskDefinition(sb, ctx, ref) : undefined;
    if (!def) {
      failures.push({ arn, reason: 'MISSING', detail: 'The specified task definition does not exist.' });
    } else if (def.status === 'ACTIVE') {
      failures.push({
        arn: def.taskDefinitionArn,
        reason: 'TASK_DEFINITION_NOT_INACTIVE',
        detail: 'The specified task definition is still in ACTIVE status. Deregister it first, then delete it.',
      });
    } else {
      if (def.status === 'INACTIVE') {
        def.status = 'DELETE_IN_PROGRESS';
        def.deleteRequestedAt = sb.now();
        sb.schedule(DELETE_AFTER_MS, TASK_DEFINITION_DELETE_JOB, def.taskDefinitionArn);
      }
      deleted.push(renderTaskDefinition(def));
    }
  }
  return { taskDefinitions: deleted, failures };
};

/** Whether a task that is not STOPPED or a live service still uses the definition. */
function inUse(sb: Sandbox, arn: string): boolean {
  for (const task of sb.tables.tasks.values()) {
    if (task.taskDefinitionArn === arn && task.lastStatus !== 'STOPPED') return true;
  }
  for (const service of sb.tables.services.values()) {
    if (service.status === 'INACTIVE') continue;
    if (service.taskDefinition === arn || service.deployments.some((d) => d.taskDefinition === arn)) return true;
  }
  for (const set of sb.tables.taskSets.values()) {
    if (set.taskDefinition === arn) return true;
  }
  return false;
}

/** A deleted revision goes away once nothing runs it any more (its number stays used). */
export function finishTaskDefinitionDelete(sb: Sandbox, arn: string): void {
  const def = sb.tables.taskDefinitions.get(arn);
  if (!def || def.status !== 'DELETE_IN_PROGRESS') return;
  if (inUse(sb, arn)) {
    sb.schedule(DELETE_RECHECK_MS, TASK_DEFINITION_DELETE_JOB, arn);
    return;
  }
  sb.tables.taskDefinitions.delete(arn);
}

export const taskDefinitionOperations: Record<string, Operation> = {
  RegisterTaskDefinition,
  DescribeTaskDefinition,
  DeregisterTaskDefinition,
  ListTaskDefinitions,
  ListTaskDefinitionFamilies,
  DeleteTaskDefinitions,
};
