// The shorthand a parameter takes, written as the AWS CLI's help writes it under "Shorthand
// Syntax" (awscli/shorthand.py, ShorthandDocGen): `key=string,value=string ...` for ECS tags,
// `Name=string,Values=string,string ...` for EC2 filters. Help shows it, and an error about a
// value in the wrong form quotes it.

// Past this depth the CLI shows no shorthand form: the value is better written as JSON.
const MAX_DEPTH = 3;

class TooComplex extends Error {}

/** The form for a parameter's shape, or undefined for a scalar or a list of scalars, or a value too deep. */
export function shorthandSyntax(shape) {
  try {
    if (shape.type === 'list') return shape.member && isComplex(shape.member) ? `${syntaxOf(shape.member, 0)} ...` : undefined;
    return isComplex(shape) ? syntaxOf(shape, 0) : undefined;
  } catch (error) {
    if (error instanceof TooComplex) return undefined;
    throw error;
  }
}

function isComplex(shape) {
  return shape.type === 'structure' || shape.type === 'map' || shape.type === 'list';
}

function syntaxOf(shape, depth) {
  if (depth > MAX_DEPTH) throw new TooComplex();
  switch (shape.type) {
    case 'structure': {
      // A structure that contains itself is kept without members.
      if (!shape.members) return '( ... recursive ... )';
      const inner = Object.entries(shape.members)
        .filter(([, member]) => member.type !== 'document')
        .map(([name, member]) => `${name}=${syntaxOf(member, depth + 1)}`)
        .join(',');
      return depth === 0 ? inner : `{${inner}}`;
    }
    case 'list': {
      const element = syntaxOf(shape.member ?? { type: 'string' }, depth + 1);
      // Brackets where the items are structures, or where the list sits inside another value's member.
      return (shape.member && isComplex(shape.member)) || depth > 1 ? `[${element},${element}]` : `${element},${element}`;
    }
    case 'map': {
      const value = syntaxOf(shape.value ?? { type: 'string' }, depth);
      const pairs = `KeyName1=${value},KeyName2=${value}`;
      return depth === 0 ? pairs : `{${pairs}}`;
    }
    default:
      return shape.type;
  }
}
