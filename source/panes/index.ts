// The live panes' public surface: the panes as the shell's screen uses them (usePanes), the
// pane itself, its settings and how they change (F-keys, `.pane` and `.layout`), and where it goes.
export { usePanes, type Panes, type PanesOptions } from './hooks/use-panes.js';
export type { LivePaneProps, PaneLogKind } from './LivePane.js';
export { usePaneControl, type PaneControl } from './hooks/use-pane-control.js';
export { describeSettings, runPaneCommand, type PaneCommandResult } from './pane-commands.js';
export { placePane, type PanePlacement } from './pane-layout.js';
export { applyFunctionKey, type PaneKeyState } from './function-keys.js';
export { DEFAULT_PANE_SETTINGS, defaultRefreshMs, type PaneKind, type PaneLayout, type PaneSettings } from './pane-settings.js';
export type { PaneBackend } from './models/pane-api.js';
export type { PaneScope } from './models/pane-scope.js';
