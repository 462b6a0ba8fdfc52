// The names the completion benchmarks rank: deterministic, shaped like real services
// (team-app-env-suffix), and what a person types to find one.

export function serviceNames(count) {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = (list) => list[Math.floor(next() * list.length)];
  const teams = ['payments', 'search', 'catalog', 'identity', 'billing', 'media', 'growth', 'platform'];
  const apps = ['api', 'web', 'worker', 'frontend', 'gateway', 'scheduler', 'indexer', 'notifier'];
  const envs = ['prod', 'staging', 'dev', 'qa'];
  return Array.from({ length: count }, (_, i) => `${pick(teams)}-${pick(apps)}-${pick(envs)}-${i.toString(16).padStart(4, '0')}`);
}

export const QUERIES = ['payments-api-prod', 'srchwrk', 'catalog-web-st', 'idnt-gw-dev', 'bill', 'mediafrontendqa', 'plat-sched-prod-1f', 'x'];
