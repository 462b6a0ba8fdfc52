// Writes completions/{ecs,ec2,elb,elbv2}.json: every operation of the installed AWS SDK clients
// with its AWS CLI name, parameters (CLI name, API member, type, required, enum, nested shape,
// the live resource it completes from), a one-line description and pagination; and the SDK's
// waiters as the AWS CLI's `wait` commands (the operation each polls, its delay and checks, its acceptors).
// Shapes come from the SDK's runtime schemas, descriptions and enums from its type declarations;
// ECS descriptions are our own (completion-index/ecs-descriptions.mjs).
// Run: node scripts/generate-completion-index.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { cliName, renamedNegation } from './completion-index/cli-names.mjs';
import { ECS_OPERATION_DESCRIPTIONS, ECS_WAITER_DESCRIPTIONS, ecsParameterDescription } from './completion-index/ecs-descriptions.mjs';
import { NUMERIC_MEMBER_TYPES } from './completion-index/numeric-types.mjs';
import { resourceKindOf } from './completion-index/resource-params.mjs';
import { enumOfType, firstSentence, readSdkDocs } from './completion-index/sdk-docs.mjs';
import { applyEnum, describeShape, isList, isStructure, loadSdkPackage, shapeName, structureMembers } from './completion-index/sdk-model.mjs';
import { readSdkWaiters } from './completion-index/sdk-waiters.mjs';
import { shorthandSyntax } from './completion-index/shorthand-syntax.mjs';
import { waiterAttempts } from './completion-index/waiter-attempts.mjs';

const SERVICES = [
  { service: 'ecs', sdkPackage: '@aws-sdk/client-ecs', sdkClient: 'ECSClient' },
  { service: 'ec2', sdkPackage: '@aws-sdk/client-ec2', sdkClient: 'EC2Client' },
  { service: 'elb', sdkPackage: '@aws-sdk/client-elastic-load-balancing', sdkClient: 'ElasticLoadBalancingClient' },
  { service: 'elbv2', sdkPackage: '@aws-sdk/client-elastic-load-balancing-v2', sdkClient: 'ElasticLoadBalancingV2Client' },
];

function buildIndex({ service, sdkPackage, sdkClient }) {
  const sdk = loadSdkPackage(sdkPackage);
  const docs = readSdkDocs(sdk.packageDir);
  const numericTypes = NUMERIC_MEMBER_TYPES[service] ?? {};
  const usedNumericKeys = new Set();
  const hooks = {
    numeric(where) {
      if (!(where in numericTypes)) return 'integer';
      usedNumericKeys.add(where);
      return numericTypes[where];
    },
    enumOf(structure, member) {
      const declared = docs.members.get(`${structure}.${member}`);
      return declared && enumOfType(declared.typeText, docs.enums);
    },
    // The runtime schemas list required members first; the model's order (which the type
    // declarations keep) is the one the CLI shows in skeletons and "must be one of" lists.
    ordered(structure, members) {
      const position = (member) => docs.order.get(`${structure}.${member.name}`) ?? Number.MAX_SAFE_INTEGER;
      return [...members].sort((a, b) => position(a) - position(b));
    },
  };

  const operations = {};
  for (const name of [...sdk.operations.keys()].sort()) {
    const { input, output } = sdk.operations.get(name);
    const operation = cliName(name);
    const params = {};
    const inputName = shapeName(input);
    for (const member of isStructure(input) ? hooks.ordered(inputName, structureMembers(input)) : []) {
      const parameter = cliName(member.name);
      if (params[parameter]) throw new Error(`${service} ${operation}: two members named --${parameter}`);
      const shape = describeShape(member.schema, hooks, `${inputName}.${member.name}`, [inputName]);
      applyEnum(shape, hooks.enumOf(inputName, member.name));
      const entry = {
        member: member.name,
        type: shape.type,
        required: member.required,
        doc: parameterDoc(service, operation, parameter, member.required, docs.members.get(`${inputName}.${member.name}`)?.doc, shape),
      };
      if (shape.enum) entry.enum = shape.enum;
      if (['list', 'map', 'structure'].includes(shape.type)) entry.shape = shape;
      const shorthand = shorthandSyntax(shape);
      if (shorthand) entry.shorthand = shorthand;
      const resource = resourceKindOf(service, operation, parameter, entry);
      if (resource) entry.resource = resource;
      const negation = shape.type === 'boolean' ? renamedNegation(service, operation, parameter) : undefined;
      if (negation) entry.negation = negation;
      params[parameter] = entry;
    }
    const entry = { name, doc: operationDoc(service, name, docs.commands.get(name)), params };
    const paginator = sdk.paginators.get(name);
    if (paginator) entry.pagination = pagination(paginator, output);
    operations[operation] = entry;
  }

  const unused = Object.keys(numericTypes).filter((key) => !usedNumericKeys.has(key));
  if (unused.length > 0) throw new Error(`${service}: numeric types for members the SDK lacks: ${unused.join(', ')}`);
  return { service, sdkPackage, sdkVersion: sdk.version, sdkClient, operations, waiters: waiters(service, sdk.packageDir, operations) };
}

// `aws ecs wait services-stable ...`: each waiter by its CLI name, with the operation whose parameters it takes.
function waiters(service, packageDir, operations) {
  const entries = {};
  for (const [name, waiter] of readSdkWaiters(packageDir)) {
    const operation = cliName(waiter.operation);
    if (!operations[operation]) throw new Error(`${service} waiter ${name} polls ${waiter.operation}, which the index lacks`);
    entries[cliName(name)] = {
      name,
      operation,
      doc: waiterDoc(service, name, operation, waiter.acceptors),
      delay: waiter.delay,
      maxAttempts: waiterAttempts(service, name),
      acceptors: waiter.acceptors,
    };
  }
  return entries;
}

function waiterDoc(service, name, operation, acceptors) {
  if (service === 'ecs') {
    const ours = ECS_WAITER_DESCRIPTIONS[name];
    if (!ours) throw new Error(`ecs waiter ${name}: no description in completion-index/ecs-descriptions.mjs`);
    return ours;
  }
  const conditions = acceptors.filter((a) => a.state === 'success').map((a) => successCondition(operation, a));
  return `Wait until ${conditions.join(' or ')}.`;
}

function successCondition(operation, acceptor) {
  switch (acceptor.matcher) {
    case 'pathAll':
      return `${acceptor.argument} is ${acceptor.expected} for all`;
    case 'pathAny':
      return `${acceptor.argument} is ${acceptor.expected} for any`;
    case 'path':
      return acceptor.expected === true ? acceptor.argument : `${acceptor.argument} is ${acceptor.expected}`;
    case 'error':
      return `${operation} fails with ${acceptor.expected}`;
    default:
      return `${operation} succeeds`;
  }
}

function operationDoc(service, name, modelDoc) {
  if (service === 'ecs') {
    const ours = ECS_OPERATION_DESCRIPTIONS[name];
    if (!ours) throw new Error(`ecs ${name}: no description in completion-index/ecs-descriptions.mjs`);
    return ours;
  }
  return firstSentence(modelDoc) || `${words(name)}.`;
}

function parameterDoc(service, operation, parameter, required, modelDoc, shape) {
  const ours = service === 'ecs' ? ecsParameterDescription(operation, parameter, required) : undefined;
  return ours ?? (firstSentence(modelDoc) || `${capitalize(parameter.replace(/-/g, ' '))} (${describeType(shape)}).`);
}

function describeType(shape) {
  if (shape.type === 'list') return `list of ${describeType(shape.member)}`;
  if (shape.type === 'map') return `map of ${describeType(shape.key)} to ${describeType(shape.value)}`;
  return shape.type;
}

// The pages' items are the output's list members (besides the token), as the CLI merges them.
function pagination(paginator, output) {
  const resultKeys = (isStructure(output) ? structureMembers(output) : [])
    .filter((m) => m.name !== paginator.outputToken && isList(m.schema))
    .map((m) => m.name);
  const entry = { inputToken: paginator.inputToken, outputToken: paginator.outputToken };
  if (paginator.limitKey) entry.limitKey = paginator.limitKey;
  entry.resultKeys = resultKeys;
  return entry;
}

function words(name) {
  return capitalize(cliName(name).replace(/-/g, ' '));
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// One operation a line: compact to load, and a regenerated file diffs by operation.
function serialize(index) {
  const { operations, waiters, ...head } = index;
  const headLines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const entries = (map) => Object.entries(map).map(([name, entry]) => `    ${JSON.stringify(name)}: ${JSON.stringify(entry)}`).join(',\n');
  return `{\n${headLines.join('\n')}\n  "operations": {\n${entries(operations)}\n  },\n  "waiters": {\n${entries(waiters)}\n  }\n}\n`;
}

mkdirSync(new URL('../completions/', import.meta.url), { recursive: true });
for (const spec of SERVICES) {
  const index = buildIndex(spec);
  const file = new URL(`../completions/${spec.service}.json`, import.meta.url);
  writeFileSync(file, serialize(index));
  const counts = `${Object.keys(index.operations).length} operations, ${Object.keys(index.waiters).length} waiters`;
  console.log(`completions/${spec.service}.json: ${counts} from ${spec.sdkPackage} ${index.sdkVersion}`);
}
