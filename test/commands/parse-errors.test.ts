import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, formatError, parseCommand } from '../../source/commands/index.js';
import { fixtureIndex } from './fixture-index.js';

const dir = mkdtempSync(join(tmpdir(), 'ecsh-parse-errors-'));

/** The one-line message a line is refused with. */
function refusal(line: string): string {
  try {
    parseCommand(line, { index: fixtureIndex, cwd: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    const message = formatError(error);
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected '${line}' to be refused`);
}

describe('refusing a bad line before any call, in one line', () => {
  it('names an unknown service or operation with the nearest one', () => {
    expect(refusal('ecz list-clusters')).toBe("unknown service 'ecz'; did you mean ecs?");
    expect(refusal('s3 ls')).toBe("unknown service 's3'; the services are ecs, ec2");
    expect(refusal('ecs list-cluster')).toBe("unknown operation 'list-cluster'; did you mean list-clusters?");
    expect(refusal('ecs lsit-tasks')).toBe("unknown operation 'lsit-tasks'; did you mean list-tasks?");
    expect(refusal('ecs frobnicate')).toBe("unknown operation 'frobnicate' for ecs");
    expect(refusal('ecs')).toBe("expected an operation after 'ecs', such as ecs describe-clusters");
    expect(refusal('')).toBe('expected a service (ecs, ec2), then an operation');
  });

  it('names an unknown option with the nearest one', () => {
    expect(refusal('ecs list-tasks --clster web')).toBe("unknown option '--clster' for list-tasks; did you mean --cluster?");
    expect(refusal('ecs run-task --task-definition web --no-count')).toBe('--count takes a value; only flags (booleans) have a --no- form');
    expect(refusal('ecs list-clusters --max-item 3')).toBe("unknown option '--max-item' for list-clusters; did you mean --max-items?");
    expect(refusal('ecs describe-clusters --cluster web')).toBe("unknown option '--cluster' for describe-clusters; did you mean --clusters?");
  });

  it('says which required parameters are missing', () => {
    expect(refusal('ecs run-task')).toBe('the following arguments are required: --task-definition');
    expect(refusal('ecs tag-resource')).toBe('the following arguments are required: --resource-arn, --tags');
  });

  it('names a bad enum value with the valid ones and the nearest', () => {
    expect(refusal('ecs run-task --task-definition web --launch-type FARGAT')).toBe(
      "invalid value 'FARGAT' for --launch-type; valid values: EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES; did you mean FARGATE?",
    );
    expect(refusal('ecs describe-clusters --include TAG')).toBe(
      "invalid value 'TAG' for --include; valid values: ATTACHMENTS, CONFIGURATIONS, SETTINGS, STATISTICS, TAGS; did you mean TAGS?",
    );
    expect(refusal('ec2 describe-spot-price-history --instance-types t3.micra')).toMatch(
      /^invalid value 't3.micra' for --instance-types; valid values: a1.2xlarge, a1.4xlarge, a1.large, a1.medium, a1.metal, \.\.\. \(\d+ in all\); did you mean t3.micro\?$/,
    );
  });

  it('checks values inside structures against the shape, naming the member', () => {
    expect(refusal('ecs run-task --task-definition web --network-configuration awsvpcConfiguration={subnets=[s-1],assignPublicIp=YES}')).toBe(
      'Parameter validation failed: Invalid value for parameter networkConfiguration.awsvpcConfiguration.assignPublicIp: "YES", valid values: DISABLED, ENABLED',
    );
    expect(refusal('ecs run-task --task-definition web --network-configuration awsvpcConfiguration={assignPublicIp=ENABLED}')).toBe(
      'Parameter validation failed: Missing required parameter in networkConfiguration.awsvpcConfiguration: "subnets"',
    );
    expect(refusal('ecs tag-resource --resource-arn arn:x --tags Key=team,Value=web')).toBe(
      'Parameter validation failed: Unknown parameter in tags[0]: "Key", must be one of: key, value; did you mean key?; ' +
        'Unknown parameter in tags[0]: "Value", must be one of: key, value; did you mean value?',
    );
    expect(refusal('ecs run-task --task-definition web --overrides containerOverrides=[{name=web,cpu=lots}]')).toBe(
      'Parameter validation failed: Invalid type for parameter overrides.containerOverrides[0].cpu, value: "lots", type: string, valid types: integer',
    );
    expect(refusal(`ecs run-task --task-definition web --overrides '{"containerOverrides": {"name": "web"}}'`)).toBe(
      'Parameter validation failed: Invalid type for parameter overrides.containerOverrides, value: {"name":"web"}, type: structure, valid types: list',
    );
  });

  it('refuses unknown members of --cli-input-json', () => {
    expect(refusal(`ecs delete-cluster --cli-input-json '{"cluster": "a", "clusterName": "b"}'`)).toBe(
      'Parameter validation failed: Unknown parameter in input: "clusterName", must be one of: cluster',
    );
    expect(refusal(`ecs delete-cluster --cli-input-json '{"cluster": 5}'`)).toBe(
      'Parameter validation failed: Invalid type for parameter cluster, value: 5, type: number, valid types: string',
    );
  });

  it('checks a --cli-input-json or --cli-input-yaml document as the CLI does: missing members, then unknown ones, by their API names', () => {
    expect(refusal(`ecs delete-cluster --cli-input-json '{"clusterr": "a"}'`)).toBe(
      'Parameter validation failed: Missing required parameter in input: "cluster"; Unknown parameter in input: "clusterr", must be one of: cluster; did you mean cluster?',
    );
    expect(refusal(`ecs delete-cluster --cli-input-yaml 'clusterr: a'`)).toBe(
      'Parameter validation failed: Missing required parameter in input: "cluster"; Unknown parameter in input: "clusterr", must be one of: cluster; did you mean cluster?',
    );
    expect(refusal(`ecs delete-cluster --cli-input-json '{}'`)).toBe('Parameter validation failed: Missing required parameter in input: "cluster"');
    expect(parseCommand(`ecs delete-cluster --cli-input-json '{}' --cluster a`, { index: fixtureIndex })).toMatchObject({ input: { cluster: 'a' } });
    // Without a document, the line's own options are named.
    expect(refusal('ecs delete-cluster')).toBe('the following arguments are required: --cluster');
  });

  it('names the keys a structure takes when none of the shorthand keys is one', () => {
    expect(refusal('ecs run-task --task-definition web --tags owner=me')).toBe(
      "Error parsing parameter '--tags': unknown key 'owner' in 'owner=me'; the keys are key, value (here: key=owner,value=me)",
    );
  });

  it('reports bad JSON as the CLI does', () => {
    expect(refusal(`ecs delete-cluster --cli-input-json '{"cluster": '`)).toMatch(/^Error parsing parameter '--cli-input-json': Invalid JSON: .+/);
    expect(refusal(`ecs delete-cluster --cli-input-json '[1]'`)).toBe(
      "Error parsing parameter '--cli-input-json': Invalid JSON: expected an object of parameters, as --generate-cli-skeleton prints",
    );
    expect(refusal(`ecs run-task --task-definition web --overrides '{"containerOverrides": [}'`)).toMatch(/^Error parsing parameter '--overrides': Invalid JSON: /);
    expect(refusal(`ecs run-task --task-definition web --cli-input-yaml 'a: [1'`)).toMatch(/^Error parsing parameter '--cli-input-yaml': Invalid YAML: /);
  });

  it('reports a missing or unreadable file:// as the CLI does', () => {
    expect(refusal('ecs delete-cluster --cli-input-json file://nope.json')).toBe(
      "Error parsing parameter '--cli-input-json': Unable to load paramfile file://nope.json: No such file or directory: 'nope.json'",
    );
    expect(refusal('ecs run-task --task-definition file://missing.txt')).toBe(
      "Error parsing parameter '--task-definition': Unable to load paramfile file://missing.txt: No such file or directory: 'missing.txt'",
    );
    expect(refusal(`ecs run-task --task-definition file://${dir}`)).toMatch(/Unable to load paramfile file:\/\/.*: Is a directory/);
    writeFileSync(join(dir, 'bytes.bin'), 'x');
    expect(refusal('ecs run-task --task-definition fileb://bytes.bin')).toBe(
      "Error parsing parameter '--task-definition': fileb://bytes.bin reads raw bytes, which only a binary (blob) parameter takes; use file:// for text",
    );
  });

  it('reports a shorthand syntax error with where it went wrong', () => {
    expect(refusal('ecs run-task --task-definition web --network-configuration awsvpcConfiguration')).toBe(
      "Error parsing parameter '--network-configuration': Expected: '=', received: 'EOF' for input: awsvpcConfiguration (at character 20)",
    );
  });

  it('refuses values of the wrong kind for scalars', () => {
    expect(refusal('ecs run-task --task-definition web --count three')).toBe("Error parsing parameter '--count': expected an integer, got 'three'");
    expect(refusal('ec2 describe-spot-price-history --start-time yesterday')).toBe(
      "Error parsing parameter '--start-time': expected a timestamp (ISO 8601 such as 2024-05-01T12:00:00Z, or epoch seconds), got 'yesterday'",
    );
    expect(refusal('ec2 import-key-pair --key-name k --public-key-material not*base64')).toBe(
      `Error parsing parameter '--public-key-material': Invalid base64: "not*base64"; give base64 text or fileb://FILE for the raw bytes`,
    );
  });

  it('checks how many values an option got', () => {
    expect(refusal('ecs delete-cluster --cluster')).toBe('--cluster expects a value (string)');
    expect(refusal('ecs delete-cluster --cluster my web')).toBe("--cluster takes one value but got 2: 'my' 'web'; quote a value that contains spaces");
    expect(refusal('ecs describe-clusters --clusters')).toBe('--clusters expects one or more values');
    expect(refusal('ecs run-task --task-definition web --enable-execute-command yes')).toBe(
      '--enable-execute-command takes no value; use --enable-execute-command or --disable-execute-command',
    );
    expect(refusal('ecs delete-cluster --cluster a --cluster b')).toBe('--cluster was given more than once');
    expect(refusal('ecs list-clusters extra')).toBe("unexpected argument 'extra'; a value must follow its option, as in --option value");
  });

  it("checks the CLI's own options", () => {
    expect(refusal('ecs list-clusters --output jsn')).toBe("invalid value 'jsn' for --output; valid values: json, text, table, yaml; did you mean json?");
    expect(refusal('ecs list-clusters --output yaml-stream')).toBe('--output yaml-stream is not supported by ecsh; use yaml');
    expect(refusal(`ecs list-clusters --query 'clusterArns['`)).toMatch(/^Bad value for --query clusterArns\[: /);
    expect(refusal('ecs list-clusters --query')).toBe('--query expects a value');
    expect(refusal('ecs list-clusters --no-paginate true')).toBe('--no-paginate takes no value');
    expect(refusal('ecs describe-clusters --max-items 2')).toBe('--max-items is only for operations that return pages; describe-clusters does not');
    expect(refusal('ecs list-clusters --no-paginate --max-items 2')).toBe('cannot use --no-paginate together with --max-items');
    expect(refusal('ecs list-clusters --max-results 2 --max-items 2')).toBe('cannot use a page token or limit given by hand (maxResults) together with --max-items');
    expect(refusal('ecs list-clusters --max-items 0')).toBe("--max-items expects a positive integer, got '0'");
    expect(refusal('ecs list-clusters --generate-cli-skeleton output')).toBe('--generate-cli-skeleton output is not supported by ecsh; use input or yaml-input');
  });

  it('says where session-wide options are set instead', () => {
    expect(refusal('ecs list-clusters --profile prod')).toBe('--profile applies to the whole session here: change it with .profile NAME');
  });

  it('takes the CLI\'s --region for one command, checking the name as botocore does', () => {
    expect(parseCommand('ecs list-clusters --region us-west-2', { index: fixtureIndex })).toMatchObject({ options: { region: 'us-west-2' } });
    expect(refusal('ecs list-clusters --region "us west"')).toBe("Provided region_name 'us west' doesn't match a supported format.");
    expect(refusal('ecs list-clusters --region')).toBe('--region expects a value');
  });

  it('refuses an unterminated quote', () => {
    expect(refusal(`ecs list-clusters --query 'clusterArns`)).toBe("unterminated single quote; close it with '");
  });
});
