// The AWS CLI's names for operations and parameters: botocore's `xform_name` (CamelCase to
// kebab-case, with plural acronyms such as "ARNs" kept whole) and the CLI's renames of a few
// negated boolean flags (awscli/customizations/argrename.py).

/** CamelCase -> kebab-case exactly as the AWS CLI forms its names: RunTask -> run-task, InstanceIds -> instance-ids. */
export function cliName(name) {
  if (name.includes('-')) return name;
  let base = name;
  const pluralAcronym = /[A-Z]{2,}s$/.exec(base);
  if (pluralAcronym) base = `${base.slice(0, -pluralAcronym[0].length)}-${pluralAcronym[0].toLowerCase()}`;
  const firstCap = base.replace(/(.)([A-Z][a-z]+)/g, '$1-$2');
  return firstCap.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

// service -> operation ('*' for all) -> negated flag -> the name the AWS CLI uses instead.
const NEGATION_RENAMES = {
  ecs: { '*': { 'no-enable-execute-command': 'disable-execute-command' } },
  ec2: {
    'create-image': { 'no-no-reboot': 'reboot' },
    '*': { 'no-egress': 'ingress', 'no-disable-api-termination': 'enable-api-termination' },
  },
};

/** The CLI's flag for `false` when it is not the plain `no-<name>`, else undefined. */
export function renamedNegation(service, operation, parameter) {
  const renames = NEGATION_RENAMES[service];
  if (!renames) return undefined;
  const negated = `no-${parameter}`;
  return renames[operation]?.[negated] ?? renames['*']?.[negated];
}
