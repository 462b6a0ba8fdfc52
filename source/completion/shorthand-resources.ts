// Members of shorthand structures that name live resources: the subnets and security groups of
// `awsvpcConfiguration={...}` and the `capacityProvider` of a capacity provider strategy item.
import type { ResourceKind } from '../commands/index.js';

const MEMBER_RESOURCES: Readonly<Record<string, ResourceKind>> = {
  subnets: 'subnet',
  securityGroups: 'security-group',
  capacityProvider: 'capacity-provider',
};

/** The resource kind the shorthand member `name` completes from, if any. */
export function shorthandMemberResource(name: string): ResourceKind | undefined {
  return Object.hasOwn(MEMBER_RESOURCES, name) ? MEMBER_RESOURCES[name] : undefined;
}
