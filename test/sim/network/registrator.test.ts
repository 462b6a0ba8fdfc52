import { describe, expect, it } from 'vitest';
import { parseServiceId, servicesFor, splitTags, type ContainerView, type NamingConfig } from '../../../source/sim/network/registrator-rules.js';

const config: NamingConfig = { hostname: 'i-0abc', forceTags: [], explicit: false };
const port = (exposedPort: number, hostPort: number, protocol: 'tcp' | 'udp' = 'tcp') => ({ exposedPort, hostPort, hostIp: '127.0.1.5', protocol });

function container(overrides: Partial<ContainerView>): ContainerView {
  return { name: 'ecs-weather-1-weather-0123456789abcdef0123', image: 'my_docker_hub_repo/weather:latest', environment: {}, labels: {}, ports: [port(4567, 32768)], ...overrides };
}

describe("Registrator's naming rules", () => {
  const cases: Array<{ rule: string; view: Partial<ContainerView>; settings?: Partial<NamingConfig>; expected: Array<Record<string, unknown>> }> = [
    {
      rule: 'one published port: the image base name, ID host:container:port, the host port and address',
      view: {},
      expected: [{ ID: 'i-0abc:ecs-weather-1-weather-0123456789abcdef0123:4567', Name: 'weather', Port: 32768, Address: '127.0.1.5', Tags: [] }],
    },
    { rule: 'SERVICE_NAME names it', view: { environment: { SERVICE_NAME: 'forecast' } }, expected: [{ Name: 'forecast' }] },
    {
      rule: 'SERVICE_<port>_NAME names that port and wins over SERVICE_NAME',
      view: { environment: { SERVICE_NAME: 'forecast', SERVICE_4567_NAME: 'weather-api' } },
      expected: [{ Name: 'weather-api' }],
    },
    {
      rule: 'several published ports: -<port> after names that are not port-specific',
      view: { image: 'nginx:1.27', ports: [port(80, 32768), port(443, 32769)], environment: { SERVICE_443_NAME: 'tls' } },
      expected: [
        { Name: 'nginx-80', ID: 'i-0abc:ecs-weather-1-weather-0123456789abcdef0123:80' },
        { Name: 'tls', Port: 32769 },
      ],
    },
    { rule: 'an unpublished port is skipped', view: { ports: [port(4567, 0)] }, expected: [] },
    {
      rule: 'SERVICE_TAGS is a comma list where \\, escapes a comma; -tags are added',
      view: { environment: { SERVICE_TAGS: 'http,urlprefix-/a\\,b,v1' } },
      settings: { forceTags: ['prod'] },
      expected: [{ Tags: ['http', 'urlprefix-/a,b', 'v1', 'prod'] }],
    },
    {
      rule: 'a UDP port gets the udp tag and :udp after its ID',
      view: { image: 'consul', ports: [port(8600, 32770, 'udp')] },
      expected: [{ Name: 'consul', Tags: ['udp'], ID: 'i-0abc:ecs-weather-1-weather-0123456789abcdef0123:8600:udp' }],
    },
    { rule: 'SERVICE_IGNORE skips the container', view: { environment: { SERVICE_IGNORE: 'true' } }, expected: [] },
    {
      rule: 'SERVICE_<port>_IGNORE skips one port',
      view: { ports: [port(80, 32768), port(8080, 32769)], environment: { SERVICE_8080_IGNORE: '1' } },
      expected: [{ Name: 'weather-80' }],
    },
    { rule: '-explicit registers only named containers', view: {}, settings: { explicit: true }, expected: [] },
    { rule: 'SERVICE_ID replaces the ID', view: { environment: { SERVICE_ID: 'weather-one' } }, expected: [{ ID: 'weather-one' }] },
    { rule: '-ip replaces the address', view: {}, settings: { hostIp: '127.0.9.9' }, expected: [{ Address: '127.0.9.9' }] },
    {
      rule: 'SERVICE_<port>_CHECK_HTTP and _CHECK_INTERVAL make an HTTP check on the service address',
      view: { environment: { SERVICE_4567_CHECK_HTTP: '/health', SERVICE_4567_CHECK_INTERVAL: '15s' } },
      expected: [{ Check: { HTTP: 'http://127.0.1.5:32768/health', Interval: '15s' }, Meta: {} }],
    },
    {
      rule: 'SERVICE_CHECK_HTTP alone checks every 10s',
      view: { environment: { SERVICE_CHECK_HTTP: '/', SERVICE_CHECK_TIMEOUT: '2s', SERVICE_CHECK_DEREGISTER_AFTER: '1m' } },
      expected: [{ Check: { HTTP: 'http://127.0.1.5:32768/', Interval: '10s', Timeout: '2s', DeregisterCriticalServiceAfter: '1m' } }],
    },
    { rule: 'SERVICE_CHECK_TCP checks the port', view: { environment: { SERVICE_CHECK_TCP: 'true' } }, expected: [{ Check: { TCP: '127.0.1.5:32768', Interval: '10s' } }] },
    { rule: 'SERVICE_CHECK_TTL makes a TTL check', view: { environment: { SERVICE_CHECK_TTL: '30s', SERVICE_CHECK_INITIAL_STATUS: 'passing' } }, expected: [{ Check: { TTL: '30s', Status: 'passing' } }] },
    { rule: 'no SERVICE_*CHECK* means no check', view: {}, expected: [{ Check: undefined }] },
    {
      rule: 'other SERVICE_ keys become Meta, lower-cased; labels count and the environment wins',
      view: { labels: { SERVICE_REGION: 'label', SERVICE_TEAM: 'maps' }, environment: { SERVICE_REGION: 'us-east-1' } },
      expected: [{ Meta: { region: 'us-east-1', team: 'maps' } }],
    },
  ];

  for (const { rule, view, settings, expected } of cases) {
    it(rule, () => {
      const services = servicesFor(container(view), { ...config, ...settings });
      expect(services).toHaveLength(expected.length);
      expected.forEach((fields, i) => {
        const sorted = [...services].sort((a, b) => a.Port - b.Port);
        for (const [key, value] of Object.entries(fields)) expect((sorted[i] as unknown as Record<string, unknown>)[key]).toEqual(value);
      });
    });
  }

  it('splits tags on unescaped commas only', () => {
    expect(splitTags('a,,b\\,c,')).toEqual(['a', 'b,c']);
  });

  it('recognises its own service IDs for -cleanup', () => {
    expect(parseServiceId('i-0abc:ecs-web-1-web-00ff:80:udp')).toEqual({ hostname: 'i-0abc', container: 'ecs-web-1-web-00ff' });
    expect(parseServiceId('web-1')).toBeUndefined();
  });
});
