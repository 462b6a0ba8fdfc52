/** Colours told apart on dark and light terminals alike; red, green and yellow are the states'. */
const PALETTE = ['cyan', 'magenta', 'blue', 'cyanBright', 'magentaBright', 'blueBright', 'white', 'gray'];

/**
 * A family's colour is its place among the cluster's families (sorted), so the same family has
 * the same colour on every instance, in every zone, and from one poll to the next.
 */
export function familyColor(family: string, families: readonly string[]): string {
  const at = families.indexOf(family);
  return PALETTE[(at < 0 ? 0 : at) % PALETTE.length]!;
}
