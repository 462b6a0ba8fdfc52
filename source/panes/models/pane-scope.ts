/** What a pane looks at: a cluster, and for the tasks pane optionally one service's tasks. */
export interface PaneScope {
  cluster: string;
  service?: string;
}

export function scopeLabel(scope: PaneScope): string {
  return scope.service ? `${scope.cluster}/${scope.service}` : scope.cluster;
}
