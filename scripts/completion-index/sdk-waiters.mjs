// Reads the waiters an installed AWS SDK v3 client ships (dist-es/waiters/waitForX.js): the
// operation each one polls, its delay, and its acceptors as the API model states them
// (matcher, JMESPath argument, expected value, state), recovered from the code the SDK
// generates for them. The shell runs the SDK's own waitUntilX; the acceptors are kept so that
// a failure is explained in the AWS CLI's words ("For expression ... we matched expected path").
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** name -> { operation, delay, acceptors } for every waiter of the package. */
export function readSdkWaiters(packageDir) {
  const dir = join(packageDir, 'dist-es', 'waiters');
  const waiters = new Map();
  let files;
  try {
    files = readdirSync(dir).filter((file) => /^waitFor\w+\.js$/.test(file));
  } catch {
    return waiters;
  }
  for (const file of files.sort()) {
    const name = file.slice('waitFor'.length, -'.js'.length);
    const source = readFileSync(join(dir, file), 'utf8');
    try {
      waiters.set(name, readWaiter(source));
    } catch (error) {
      throw new Error(`${file}: ${error.message}`);
    }
  }
  return waiters;
}

function readWaiter(source) {
  const operation = /client\.send\(new (\w+)Command\(input\)\)/.exec(source)?.[1];
  const delay = /serviceDefaults = \{ minDelay: (\d+), maxDelay: \d+ \}/.exec(source)?.[1];
  if (!operation || !delay) throw new Error('not the shape of waiter this reader knows');
  const check = source.slice(source.indexOf('const checkState'), source.indexOf('export const waitFor'));
  const responsePart = check.slice(0, check.indexOf('catch (exception)'));
  const errorPart = check.slice(check.indexOf('catch (exception)'));
  return { operation, delay: Number(delay), acceptors: [...pathAcceptors(responsePart), ...errorAcceptors(errorPart)] };
}

const STATE = /return \{ state: WaiterState\.(\w+), reason \};/;

function pathAcceptors(part) {
  const acceptors = [];
  const blocks = part.split(/\n\s*try \{\n\s*const returnComparator = /).slice(1);
  for (const block of blocks) {
    const body = /^\(\) => \{\n([\s\S]*?)\n\s*\};\n/.exec(block);
    if (!body) throw new Error('an acceptor without a comparator');
    const test = block.slice(body[0].length);
    const state = STATE.exec(test)?.[1]?.toLowerCase();
    if (!state) throw new Error('an acceptor without a state');
    const argument = jmespathOf(body[1]);
    const comparison = comparisonOf(test);
    // Only the explanation of a failure or a retry is ever shown: those must be read exactly.
    if (argument === undefined && state !== 'success') throw new Error(`a ${state} acceptor whose expression cannot be read`);
    acceptors.push({ state, matcher: comparison.matcher, ...(argument !== undefined ? { argument } : {}), expected: comparison.expected });
  }
  // An operation that succeeds is the success (the model's `status: 200` matcher).
  if (blocks.length === 0 && /reason = result;\s*return \{ state: WaiterState\.SUCCESS/.test(part)) {
    acceptors.push({ state: 'success', matcher: 'status', expected: 200 });
  }
  return acceptors;
}

function comparisonOf(test) {
  const any = /for \(let anyStringEq_\d+ of returnComparator\(\)\) \{\s*if \(anyStringEq_\d+ == "([^"]*)"\)/.exec(test);
  if (any) return { matcher: 'pathAny', expected: any[1] };
  const all = /allStringEq_\d+ = allStringEq_\d+ && \(element_\d+ == "([^"]*)"\);/.exec(test);
  if (all) return { matcher: 'pathAll', expected: all[1] };
  const path = /if \(returnComparator\(\) ={2,3} (true|false|"[^"]*")\)/.exec(test);
  if (path) return { matcher: 'path', expected: JSON.parse(path[1]) };
  throw new Error('an acceptor comparison this reader does not know');
}

/**
 * The JMESPath expression a comparator's statements compute, or undefined for one it cannot
 * read back (a filter): `[].concat(...X)` flattens (`X[]`), `X.map(e => e.P)` projects (`X.P`).
 */
function jmespathOf(body) {
  const vars = new Map();
  const expression = (text) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('result.')) return trimmed.slice('result.'.length);
    return vars.get(trimmed);
  };
  for (const statement of statements(body)) {
    const flat = /^let (\w+) = \[\]\.concat\(\.\.\.([\w.]+)\)$/.exec(statement);
    const projection = /^let (\w+) = (\w+)\.map\(\(element_\d+\) => \{ return element_\d+\.([\w.]+); \}\)$/.exec(statement);
    const returned = /^return ([\w.]+)$/.exec(statement);
    const length = /^return \(([\w.]+)\.length (>|==) 0(?:\.0)?\)$/.exec(statement);
    if (flat) {
      const inner = expression(flat[2]);
      if (inner === undefined) return undefined;
      vars.set(flat[1], `${inner}[]`);
    } else if (projection) {
      const inner = expression(projection[2]);
      if (inner === undefined) return undefined;
      vars.set(projection[1], `${inner}.${projection[3]}`);
    } else if (returned) {
      return expression(returned[1]);
    } else if (length) {
      const inner = expression(length[1]);
      return inner === undefined ? undefined : `length(${inner}) ${length[2]} \`0\``;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The top-level statements of a block, on one line each. */
function statements(body) {
  const text = body.replace(/\s+/g, ' ');
  const found = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '(') depth++;
    else if (text[i] === '}' || text[i] === ')') depth--;
    else if (text[i] === ';' && depth === 0) {
      found.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return found.filter(Boolean);
}

function errorAcceptors(part) {
  const acceptors = [];
  for (const match of part.matchAll(/if \(exception\.name(?: && exception\.name)? ={2,3} "([^"]+)"\) \{\s*return \{ state: WaiterState\.(\w+), reason \};/g)) {
    acceptors.push({ state: match[2].toLowerCase(), matcher: 'error', expected: match[1] });
  }
  return acceptors;
}
