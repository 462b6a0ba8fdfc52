import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { translateCompose, type TranslateOptions } from '../../../source/commands/compose/index.js';

/**
 * Each directory of corpus/ is a compose project (the two demo apps' among them) with the
 * task definition it must become, in expected.json; compared field by field so that a
 * difference names the container and field at fault.
 */
const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
/** Where the projects claim to live, so that absolute paths in the expectations are stable. */
const PROJECTS = '/projects';

interface Expected {
  files?: string[];
  env?: Record<string, string>;
  options?: Partial<TranslateOptions>;
  taskDefinition: Record<string, any>;
  run: Record<string, unknown>;
  warnings: unknown[];
  notes?: unknown[];
}

/** Reads `/projects/<case>/<file>` from the corpus; anything else does not exist. */
function readCorpusFile(path: string): string {
  const inside = relative(PROJECTS, path);
  if (inside.startsWith('..')) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  return readFileSync(join(CORPUS, inside), 'utf8');
}

const cases = readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'expected.json')));

describe('compose corpus', () => {
  it('holds the demo apps and every compose version', () => {
    expect(cases).toEqual(expect.arrayContaining(['php-simple-app', 'sd-weather', 'sd-stock-price', 'sd-portal', 'v1-all-fields', 'v2-override', 'v3-long-forms', 'compose-spec']));
  });

  for (const name of cases) {
    it(`translates ${name}`, () => {
      const expected = JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')) as Expected;
      const dir = `${PROJECTS}/${name}`;
      const files = (expected.files ?? ['docker-compose.yml']).map((file) => `${dir}/${file}`);
      const result = translateCompose({
        composeFiles: files,
        ecsParamsFile: existsSync(join(CORPUS, name, 'ecs-params.yml')) ? `${dir}/ecs-params.yml` : undefined,
        readFile: readCorpusFile,
        env: expected.env ?? {},
        projectName: name,
        projectDir: dir,
        ...expected.options,
      });
      const { containerDefinitions: expectedContainers, ...expectedTask } = expected.taskDefinition;
      const { containerDefinitions: actualContainers, ...actualTask } = result.taskDefinition;
      expect(actualTask).toEqual(expectedTask);
      expect(actualContainers!.map((c) => c.name)).toEqual(expectedContainers.map((c: any) => c.name));
      expectedContainers.forEach((container: Record<string, unknown>, index: number) => {
        const actual = actualContainers![index] as Record<string, unknown>;
        for (const field of new Set([...Object.keys(container), ...Object.keys(actual)])) {
          expect(actual[field], `${name}: ${String(container.name)}.${field}`).toEqual(container[field]);
        }
      });
      expect(result.run).toEqual(expected.run);
      expect(result.warnings).toEqual(expected.warnings);
      expect(result.notes).toEqual(expected.notes ?? []);
    });
  }
});

describe('bad compose files', () => {
  const translate = (file: string, ecsParams?: string, env: Record<string, string> = {}) =>
    () =>
      translateCompose({
        composeFiles: [`bad/${file}`],
        ecsParamsFile: ecsParams && `bad/${ecsParams}`,
        readFile: (path) => readFileSync(join(CORPUS, path), 'utf8'),
        env,
        projectName: 'bad',
        projectDir: `${PROJECTS}/bad`,
      });

  const errors: Array<[string, string | undefined, string]> = [
    ['syntax.yml', undefined, 'bad/syntax.yml:5:1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['version-4.yml', undefined, 'bad/version-4.yml:1:10: Unsupported Docker Compose version found: 4.0 (ecsh reads versions 1, 2.x and 3.x)'],
    ['duplicate-key.yml', undefined, 'bad/duplicate-key.yml:5:5: Map keys must be unique'],
    ['port-range.yml', undefined, 'bad/port-range.yml:7:9: port "8000-8002:80-81" maps 3 host ports to 2 container ports: the ranges must be the same length'],
    ['memory.yml', undefined, 'bad/memory.yml:5:16: service web has a memory limit (64 MiB) below its reservation (128 MiB)'],
    ['build-only.yml', undefined, 'bad/build-only.yml:4:5: service web has no image (ECS runs images from a registry: build and push it, then set image:)'],
    ['missing-link.yml', undefined, 'bad/missing-link.yml:4:5: service web links to db, which is not a service of the project'],
    ['tmpfs.yml', undefined, 'bad/tmpfs.yml:5:12: tmpfs /run needs a size (/run:size=64m): ECS requires one'],
    ['healthcheck.yml', undefined, 'bad/healthcheck.yml:7:17: interval of the healthcheck of service web is 1s; ECS takes 5 to 300 seconds'],
    ['undeclared-volume.yml', undefined, 'bad/undeclared-volume.yml:6:9: volume data is not declared under the top-level volumes:'],
    ['required-variable.yml', undefined, 'bad/required-variable.yml:4:12: required variable IMAGE is missing a value: set IMAGE to the image to run'],
    ['loop.yml', undefined, 'bad/loop.yml:5:17: services depend on each other in a loop: a -> b -> a'],
    ['awsvpc-port.yml', 'awsvpc-params.yml', 'bad/awsvpc-port.yml:6:9: in awsvpc network mode a port is published as itself: 8080:80 cannot be mapped (write 80)'],
    ['one-service.yml', 'misspelt-params.yml', 'bad/misspelt-params.yml:3:3: unknown key ecs_network_mod in task_definition (expected ecs_network_mode, task_role_arn, task_execution_role, task_size, pid_mode, ipc_mode, services, docker_volumes, efs_volumes, placement_constraints)'],
    ['one-service.yml', 'no-essential-params.yml', 'bad/one-service.yml:1:1: no container is essential: ECS needs at least one (essential: true in ecs-params)'],
    ['empty.yml', undefined, 'bad/empty.yml:1:1: the compose file is empty: it needs at least one service'],
    ['unclosed-quote.yml', undefined, 'bad/unclosed-quote.yml:5:14: command of service web has a quote that is not closed'],
    ['log-driver.yml', undefined, 'bad/log-driver.yml:6:7: log driver local is not one ECS supports (json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens)'],
    ['container-name.yml', undefined, 'bad/container-name.yml:6:5: service name web.api is not a valid ECS container name (letters, digits, - and _)'],
    ['missing.yml', undefined, 'bad/missing.yml: cannot be read (no such file)'],
  ];

  for (const [file, params, message] of errors) {
    it(`refuses ${file}${params ? ` with ${params}` : ''} in one line`, () => {
      expect(translate(file, params)).toThrowError(message);
      try {
        translate(file, params)();
      } catch (error) {
        expect((error as Error).message).toBe(message);
        expect((error as Error).message).not.toContain('\n');
      }
    });
  }
});
