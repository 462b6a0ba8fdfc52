// Parameters whose values the API index does not tie to a resource kind but the menu can list:
// EC2's image ids (AMIs) and ECS's `--resource-arn` (the ARNs TagResource takes).
import type { ParamSpec } from '../commands/index.js';
import type { ListedKind } from './resource-cache.js';

const LISTED: Readonly<Record<string, Readonly<Record<string, ListedKind>>>> = {
  ec2: { 'image-id': 'image', 'image-ids': 'image' },
  ecs: { 'resource-arn': 'resource-arn' },
};

/** The live names a parameter's value completes from, if any. */
export function parameterResource(service: string, name: string, param: ParamSpec | undefined): ListedKind | undefined {
  if (param?.resource) return param.resource;
  const listed = Object.hasOwn(LISTED, service) ? LISTED[service]! : {};
  return param && Object.hasOwn(listed, name) ? listed[name] : undefined;
}

const DEFAULT_CLUSTER_NOTE = /\(default: the cluster named "default"\)/;

/**
 * An ECS parameter's doc as it holds in this shell: a `--cluster` left out is the shell's
 * `.cluster` when one is set (the command language fills it in), not ECS's `default`.
 */
export function docInShell(service: string, name: string, param: ParamSpec, defaultCluster: string | undefined): ParamSpec {
  if (service !== 'ecs' || name !== 'cluster' || defaultCluster === undefined || !DEFAULT_CLUSTER_NOTE.test(param.doc)) return param;
  return { ...param, doc: param.doc.replace(DEFAULT_CLUSTER_NOTE, `(default here: ${defaultCluster}, the shell's .cluster)`) };
}
