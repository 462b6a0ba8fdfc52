// A line about each listed resource (a subnet's zone and CIDR, a security group's name) for the
// menu's doc line. The docs travel with the very array of names the provider returns, so the
// cache, the provider's contract and everything that compares name lists stay as they are.

const docsOfNames = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

/** `names`, remembered with a doc per name; returns the same array. */
export function withDocs(names: string[], docs: ReadonlyMap<string, string>): string[] {
  docsOfNames.set(names, docs);
  return names;
}

/** The doc of `name` in a list made by `withDocs`; undefined for any other list. */
export function resourceDoc(names: readonly string[], name: string): string | undefined {
  return docsOfNames.get(names)?.get(name);
}
