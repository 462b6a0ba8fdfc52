import { describe, expect, it } from 'vitest';
import { translateCompose } from '../../../source/commands/compose/index.js';

/** Properties of the translation that the corpus does not show by example. */
function translate(files: Record<string, string>, order = Object.keys(files).filter((f) => f !== 'ecs-params.yml'), env: Record<string, string> = {}) {
  return translateCompose({
    composeFiles: order,
    ecsParamsFile: files['ecs-params.yml'] === undefined ? undefined : 'ecs-params.yml',
    readFile: (path) => {
      const text = files[path.replace(/^\/p\//, '')];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    env,
    projectName: 'p',
    projectDir: '/p',
  });
}

describe('compose translation', () => {
  it('gives the same definition, and fingerprint, for the same settings in v1, v2 and v3', () => {
    const v1 = translate({ 'a.yml': 'web:\n  image: nginx\n  ports: ["8080:80"]\n  environment: [B=2, A=1]\n  mem_limit: 256m\n' });
    const v2 = translate({ 'a.yml': 'version: "2.4"\nservices:\n  web:\n    mem_limit: 256m\n    environment: {A: "1", B: "2"}\n    ports: ["8080:80"]\n    image: nginx\n' });
    const v3 = translate({ 'a.yml': 'version: "3.9"\nservices:\n  web:\n    image: nginx\n    ports: [{target: 80, published: 8080}]\n    environment: {B: 2, A: 1}\n    deploy: {resources: {limits: {memory: 256M}}}\n' });
    expect(v2.taskDefinition).toEqual(v1.taskDefinition);
    expect(v3.taskDefinition).toEqual(v1.taskDefinition);
    expect(new Set([v1.fingerprint, v2.fingerprint, v3.fingerprint]).size).toBe(1);
  });

  it('changes the fingerprint when anything in the definition changes, ecs-params included', () => {
    const compose = 'version: "3"\nservices:\n  web:\n    image: nginx\n';
    const base = translate({ 'a.yml': compose }).fingerprint;
    expect(translate({ 'a.yml': compose.replace('nginx', 'nginx:2') }).fingerprint).not.toBe(base);
    expect(translate({ 'a.yml': compose, 'ecs-params.yml': 'version: 1\ntask_definition:\n  task_size: {mem_limit: 512}\n' }).fingerprint).not.toBe(base);
    // How a service runs is not part of its definition.
    expect(translate({ 'a.yml': compose, 'ecs-params.yml': 'version: 1\nrun_params:\n  task_placement:\n    strategy: [{type: random}]\n' }).fingerprint).toBe(base);
  });

  it('merges a later file into an earlier one as Docker Compose does', () => {
    const result = translate({
      'a.yml': 'version: "3"\nservices:\n  web:\n    image: nginx\n    command: ["a"]\n    environment: [A=1, B=1]\n    ports: ["80"]\n    volumes: ["/x:/data", "/y:/logs"]\n    labels: {team: web}\n',
      'b.yml': 'version: "3.8"\nservices:\n  web:\n    command: ["b"]\n    environment: {B: "2"}\n    ports: ["443"]\n    volumes: ["/z:/data"]\n  extra:\n    image: busybox\n',
    });
    const [web, extra] = result.taskDefinition.containerDefinitions!;
    expect(web!.command).toEqual(['b']);
    expect(web!.environment).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(web!.portMappings!.map((p) => p.containerPort)).toEqual([80, 443]);
    expect(web!.mountPoints!.map((m) => m.containerPath)).toEqual(['/logs', '/data']);
    expect(result.taskDefinition.volumes!.map((v) => v.host?.sourcePath)).toEqual(['/y', '/z']);
    expect(web!.dockerLabels).toEqual({ team: 'web' });
    expect(extra!.name).toBe('extra');
  });

  it('refuses files of different major versions', () => {
    expect(() => translate({ 'a.yml': 'version: "2"\nservices:\n  web:\n    image: nginx\n', 'b.yml': 'version: "3"\nservices:\n  web:\n    image: httpd\n' })).toThrow(
      'b.yml:1:10: version 3 does not match version 2 of a.yml: all compose files of a project have the same major version',
    );
  });

  it('says which env_file cannot be read, where it is named', () => {
    expect(() => translate({ 'a.yml': 'version: "3"\nservices:\n  web:\n    image: nginx\n    env_file: missing.env\n' })).toThrow(/^a\.yml:5:15: env_file missing.env cannot be read: ENOENT: \/p\/missing.env$/);
  });

  it('takes a bare environment key from the environment ecsh runs in', () => {
    const result = translate({ 'a.yml': 'version: "3"\nservices:\n  web:\n    image: nginx\n    environment: [TOKEN]\n' }, undefined, { TOKEN: 's3cr3t' });
    expect(result.taskDefinition.containerDefinitions![0]!.environment).toEqual([{ name: 'TOKEN', value: 's3cr3t' }]);
    expect(result.warnings).toEqual([]);
  });
});
