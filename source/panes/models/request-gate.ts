/**
 * At most one request of a kind (an API operation) in flight at a time, however many panes
 * poll: a request for exactly what is already being fetched shares that answer, and any other
 * request of the same operation waits for the one in flight to finish. So a slow API is never
 * asked the same thing twice at once, and a throttled one is not made busier by the panes.
 */
export class RequestGate {
  private readonly identical = new Map<string, Promise<unknown>>();
  private readonly lanes = new Map<string, Promise<unknown>>();

  run<T>(operation: string, key: string, request: () => Promise<T>): Promise<T> {
    const id = `${operation} ${key}`;
    const existing = this.identical.get(id);
    if (existing) return existing as Promise<T>;
    const previous = this.lanes.get(operation) ?? Promise.resolve();
    const started = previous
      .catch(() => undefined)
      .then(request);
    const settled = started.finally(() => {
      if (this.identical.get(id) === started) this.identical.delete(id);
      if (this.lanes.get(operation) === settled) this.lanes.delete(operation);
    });
    this.identical.set(id, started);
    this.lanes.set(operation, settled);
    settled.catch(() => undefined);
    return started;
  }
}
