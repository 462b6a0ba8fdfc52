import { closedPane, PANE_KINDS, type PaneKind, type PaneSettings } from './pane-settings.js';

export interface PaneCommandResult {
  ok: boolean;
  settings: PaneSettings;
  /** One line for the output log. */
  message: string;
}

const MIN_REFRESH_S = 0.2;
const MAX_REFRESH_S = 3_600;

function isPaneCommand(line: string): boolean {
  return /^\s*\.(pane|layout)(\s|$)/.test(line);
}

/** `.pane ...` or `.layout ...` applied to the settings; undefined for any other line. */
export function runPaneCommand(line: string, settings: PaneSettings): PaneCommandResult | undefined {
  if (!isPaneCommand(line)) return undefined;
  // Pane and cluster names have no spaces or quotes: plain words, no need for the command language.
  const [command, ...args] = line.trim().split(/\s+/);
  return command === '.layout' ? layoutCommand(args, settings) : paneCommand(args, settings);
}

export function describeSettings(settings: PaneSettings): string {
  const refresh = settings.refreshMs === undefined ? 'every 1s on the sandbox, 5s on AWS' : `every ${settings.refreshMs / 1000}s`;
  if (settings.kind === 'off') return `pane: off (refresh ${refresh}, layout ${settings.layout}); F4 tasks, F5 placement, F6 services`;
  const scope = [settings.cluster && `--cluster ${settings.cluster}`, settings.service && `--service ${settings.service}`].filter(Boolean).join(' ');
  return `pane: ${settings.kind}${scope ? ` ${scope}` : ''} (refresh ${refresh}, layout ${settings.layout})`;
}

function refuse(settings: PaneSettings, message: string): PaneCommandResult {
  return { ok: false, settings, message };
}

function accept(settings: PaneSettings): PaneCommandResult {
  return { ok: true, settings, message: describeSettings(settings) };
}

function layoutCommand(args: string[], settings: PaneSettings): PaneCommandResult {
  if (args.length === 0) return accept(settings);
  const [layout, ...extra] = args;
  if ((layout !== 'right' && layout !== 'bottom') || extra.length) return refuse(settings, 'usage: .layout right|bottom');
  return accept({ ...settings, layout });
}

function paneCommand(args: string[], settings: PaneSettings): PaneCommandResult {
  const [what, ...rest] = args;
  if (what === undefined) return accept(settings);
  if (what === 'off') return rest.length ? refuse(settings, 'usage: .pane off') : accept(closedPane(settings));
  if (what === 'refresh') {
    const seconds = Number(rest[0]);
    if (rest.length !== 1 || !Number.isFinite(seconds) || seconds < MIN_REFRESH_S || seconds > MAX_REFRESH_S) {
      return refuse(settings, `usage: .pane refresh SECONDS (from ${MIN_REFRESH_S} to ${MAX_REFRESH_S})`);
    }
    return accept({ ...settings, refreshMs: Math.round(seconds * 1000) });
  }
  if (!PANE_KINDS.includes(what as PaneKind)) {
    return refuse(settings, `no pane '${what}': use .pane tasks, .pane placement, .pane services or .pane off`);
  }
  const kind = what as PaneKind;
  const scope: { cluster?: string; service?: string } = {};
  for (let i = 0; i < rest.length; i += 2) {
    const option = rest[i];
    const value = rest[i + 1];
    if ((option !== '--cluster' && option !== '--service') || value === undefined || value.startsWith('--')) {
      return refuse(settings, `usage: .pane ${kind} [--cluster NAME]${kind === 'tasks' ? ' [--service NAME]' : ''}`);
    }
    if (option === '--service' && kind !== 'tasks') return refuse(settings, `--service applies to the tasks pane only`);
    scope[option === '--cluster' ? 'cluster' : 'service'] = value;
  }
  return accept({ ...settings, kind, cluster: scope.cluster, service: scope.service });
}
