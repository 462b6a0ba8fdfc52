export { startStandaloneConsul, CONSUL_DNS_PORT, CONSUL_HTTP_PORT, type StandaloneConsulOptions } from './standalone.js';
export type { RunningAgent } from './run-agent.js';
