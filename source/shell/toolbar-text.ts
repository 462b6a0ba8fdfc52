/** The toolbar's words, shared by the Ink toolbar and the first frame drawn before Ink loads. */
export function toolbarKeys(fuzzy: boolean, docs: boolean): [key: string, label: string][] {
  return [
    ['F1', 'help'],
    ['F2', fuzzy ? 'fuzzy' : 'prefix'],
    ['F3', `docs ${docs ? 'on' : 'off'}`],
    ['F10', 'exit'],
  ];
}

/** The backend as the toolbar names it: the label, the sandbox's region, and whether it is starting. */
export function backendText(label: string, region: string | undefined, starting: boolean): string {
  const where = label.startsWith('aws:') || !region ? label : `${label} ${region}`;
  return starting ? `${where} (starting)` : where;
}

/** The doc line's hint on an empty line. */
export const EMPTY_LINE_HINT = 'Tab completes · ctrl-r searches history · F1 help';
