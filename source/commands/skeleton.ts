import { shapeOfParam, type OperationSpec, type Shape } from './api-index.js';
import { yaml } from './lazy-modules.js';

/**
 * `--generate-cli-skeleton`: the operation's whole input with a placeholder for every member,
 * as the AWS CLI prints it, to fill in and pass back with --cli-input-json (or
 * --cli-input-yaml for `yaml-input`). Enums show their first value.
 */
export function inputSkeleton(operation: OperationSpec): Record<string, unknown> {
  const skeleton: Record<string, unknown> = {};
  for (const param of Object.values(operation.params)) {
    // The CLI's own arguments (run-instances --count) are no input members.
    if (!param.cliArgument) skeleton[param.member] = placeholder(shapeOfParam(param), 0);
  }
  return skeleton;
}

export function renderSkeleton(operation: OperationSpec, format: 'json' | 'yaml'): string {
  const skeleton = inputSkeleton(operation);
  return format === 'json' ? `${JSON.stringify(skeleton, null, 4)}\n` : yaml().stringify(skeleton, { indentSeq: false, singleQuote: true });
}

/** Deep enough for any real input; a recursive shape stops as the CLI stops it, with {}. */
const MAX_DEPTH = 24;

function placeholder(shape: Shape, depth: number): unknown {
  if (depth > MAX_DEPTH) return {};
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) out[name] = placeholder(member, depth + 1);
      return out;
    }
    case 'list':
      return [placeholder(shape.member ?? { type: 'string' }, depth + 1)];
    case 'map':
      return { KeyName: placeholder(shape.value ?? { type: 'string' }, depth + 1) };
    case 'string':
      return shape.enum?.[0] ?? '';
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return 0;
    case 'boolean':
      return true;
    case 'timestamp':
      return '1970-01-01T00:00:00';
    case 'blob':
      // Base64 text, as blob values are given on the line; empty is zero bytes.
      return '';
  }
}
