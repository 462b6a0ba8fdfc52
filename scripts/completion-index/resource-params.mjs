// Which parameters name live resources that the shell can complete from the backend.
// Rules are by the CLI parameter name; `except` lists operations where that name is a new
// resource being created (or another kind of thing) rather than an existing one.
const RULES = {
  ecs: [
    { params: ['cluster', 'clusters'], kind: 'cluster' },
    { params: ['service', 'services'], kind: 'service' },
    // ListTasks filters by an existing service; elsewhere service-name names a new one.
    { params: ['service-name'], kind: 'service', only: ['list-tasks'] },
    { params: ['task', 'tasks'], kind: 'task' },
    { params: ['container-instance', 'container-instances'], kind: 'container-instance' },
    { params: ['task-definition', 'task-definitions'], kind: 'task-definition' },
    // Daemon task definitions have families of their own.
    { params: ['family', 'family-prefix'], kind: 'task-definition-family', except: ['list-daemon-task-definitions', 'register-daemon-task-definition'] },
    { params: ['capacity-provider', 'capacity-providers'], kind: 'capacity-provider' },
  ],
  ec2: [
    { params: ['instance-id', 'instance-ids'], kind: 'ec2-instance' },
    // Placement groups have group ids too.
    {
      params: ['group-id', 'group-ids', 'security-group-ids', 'security-group-id'],
      kind: 'security-group',
      except: ['modify-instance-placement', 'describe-placement-groups'],
    },
    { params: ['subnet-id', 'subnet-ids'], kind: 'subnet' },
    { params: ['vpc-id', 'vpc-ids'], kind: 'vpc' },
    // Creating or importing a key pair names a new one.
    { params: ['key-name', 'key-names'], kind: 'key-pair', except: ['create-key-pair', 'import-key-pair'] },
  ],
};

/** The resource kind a parameter completes from, if any; only string and string-list parameters qualify. */
export function resourceKindOf(service, operation, parameter, entry) {
  const stringLike = entry.type === 'string' || (entry.type === 'list' && entry.shape?.member?.type === 'string');
  if (!stringLike) return undefined;
  for (const rule of RULES[service] ?? []) {
    if (!rule.params.includes(parameter)) continue;
    if (rule.only && !rule.only.includes(operation)) continue;
    if (rule.except?.includes(operation)) continue;
    return rule.kind;
  }
  return undefined;
}
