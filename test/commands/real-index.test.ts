import { describe, expect, it } from 'vitest';
import { commandClass, sdkModule } from '../../source/api/index.js';
import { loadApiIndex, parseCommand, type ParsedCall } from '../../source/commands/index.js';

/** The generated completions/*.json, as the shell loads it. */
const index = loadApiIndex();
const input = (line: string) => (parseCommand(line, { index }) as ParsedCall).input;

describe('the command language on the real completion index', () => {
  it('loads every service the backend has a client for', () => {
    expect(index.services).toEqual(['ecs', 'ec2', 'elb', 'elbv2']);
  });

  it('takes the negations the CLI renames, and points from --no- to them', () => {
    const base = 'ecs create-service --service-name web --task-definition web --desired-count 1';
    expect(input(`${base} --enable-execute-command`)).toMatchObject({ enableExecuteCommand: true });
    expect(input(`${base} --disable-execute-command`)).toMatchObject({ enableExecuteCommand: false });
    expect(() => input(`${base} --no-enable-execute-command`)).toThrow(
      "unknown option '--no-enable-execute-command' for create-service; did you mean --disable-execute-command?",
    );
    expect(() => input(`${base} --disable-execute-command yes`)).toThrow(
      '--disable-execute-command takes no value; use --enable-execute-command or --disable-execute-command',
    );
  });

  it('finds an SDK command for every operation of every service', () => {
    const missing: string[] = [];
    for (const name of index.services) {
      const service = index.service(name)!;
      for (const operation of Object.values(service.operations)) {
        if (!commandClass(service.sdkPackage, operation.name)) missing.push(`${name} ${operation.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has a wait command for every waiter of the installed SDK, polling an operation of the index", () => {
    for (const name of index.services) {
      const service = index.service(name)!;
      const sdk = Object.keys(sdkModule(service.sdkPackage)).filter((key) => key.startsWith('waitUntil')).map((key) => key.slice('waitUntil'.length));
      const waiters = Object.entries(service.waiters ?? {});
      expect(waiters.map(([, waiter]) => waiter.name).sort(), name).toEqual(sdk.sort());
      for (const [word, waiter] of waiters) {
        const polled = index.waiter(name, word)?.operation.name;
        expect(polled && commandClass(service.sdkPackage, polled), `${name} wait ${word}`).toBeTypeOf('function');
        expect(waiter.acceptors.some((acceptor) => acceptor.state === 'success'), `${name} wait ${word}`).toBe(true);
      }
    }
  });

  it("turns every operation's skeleton back into input it accepts", () => {
    const refused: string[] = [];
    for (const name of index.services) {
      for (const word of Object.keys(index.service(name)!.operations)) {
        const skeleton = parseCommand(`${name} ${word} --generate-cli-skeleton`, { index });
        if (skeleton.kind !== 'skeleton') throw new Error('expected a skeleton');
        try {
          parseCommand([name, word, '--cli-input-json', skeleton.text, '--no-paginate'], { index });
        } catch (error) {
          refused.push(`${name} ${word}: ${(error as Error).message}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it("names a misspelt key of a task definition document, with the members it may be", () => {
    expect(() => input(`ecs register-task-definition --cli-input-json '{"familyy":"bad3","containerDefinitions":[]}'`)).toThrow(
      /^Parameter validation failed: Missing required parameter in input: "family"; Unknown parameter in input: "familyy", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, .+; did you mean family\?$/,
    );
  });

  it('says the form ECS tags take when they are written as key=value, with the tag rewritten in it', () => {
    expect(() => input('ecs create-cluster --cluster-name c --tags owner=me')).toThrow(
      "Error parsing parameter '--tags': unknown key 'owner' in 'owner=me'; write it as key=string,value=string ... (here: key=owner,value=me)",
    );
    expect(() => input('elbv2 add-tags --resource-arns arn:x --tags owner=me')).toThrow(
      "Error parsing parameter '--tags': unknown key 'owner' in 'owner=me'; write it as Key=string,Value=string ... (here: Key=owner,Value=me)",
    );
    // Keys that differ only in case are named with the nearest member.
    expect(() => input('ec2 describe-instances --filters name=instance-state-name,values=running')).toThrow(
      /^Parameter validation failed: Unknown parameter in Filters\[0\]: "name", must be one of: Name, Values; did you mean Name\?/,
    );
    expect(() => input('ecs create-cluster --cluster-name c --tags')).toThrow('--tags expects one or more values (JSON or shorthand: key=string,value=string ...)');
    expect(input('ecs create-cluster --cluster-name c --tags key=owner,value=me key=team,value=web')).toMatchObject({
      tags: [
        { key: 'owner', value: 'me' },
        { key: 'team', value: 'web' },
      ],
    });
  });

  it('parses the commands of the ECS walkthroughs', () => {
    expect(
      input(
        'ecs register-task-definition --family web --container-definitions name=web,image=nginx,memory=128,essential=true,portMappings=[{containerPort=80,hostPort=8080}]',
      ),
    ).toEqual({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, essential: true, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
    });
    expect(
      input('ecs create-service --cluster demo --service-name web --task-definition web:1 --desired-count 2 --load-balancers targetGroupArn=arn:tg,containerName=web,containerPort=80'),
    ).toEqual({
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn: 'arn:tg', containerName: 'web', containerPort: 80 }],
    });
    expect(input('ecs run-task --cluster demo --task-definition web --count 2 --launch-type EC2 --placement-strategy type=spread,field=attribute:ecs.availability-zone')).toEqual({
      cluster: 'demo',
      taskDefinition: 'web',
      count: 2,
      launchType: 'EC2',
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
  });

  it('parses EC2 and load balancer commands', () => {
    expect(
      input(`ec2 run-instances --image-id ami-1 --min-count 1 --max-count 2 --instance-type t3.micro --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]' --user-data '#!/bin/sh'`),
    ).toEqual({
      ImageId: 'ami-1',
      MinCount: 1,
      MaxCount: 2,
      InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
      // base64-encoded for the user, as the CLI does.
      UserData: Buffer.from('#!/bin/sh').toString('base64'),
    });
    expect(input('ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=0.0.0.0/0}]')).toEqual({
      GroupId: 'sg-1',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    expect(input('elbv2 create-load-balancer --name web --subnets subnet-1 subnet-2 --type application')).toEqual({
      Name: 'web',
      Subnets: ['subnet-1', 'subnet-2'],
      Type: 'application',
    });
    expect(input('elb create-load-balancer --load-balancer-name web --listeners Protocol=HTTP,LoadBalancerPort=80,InstancePort=80 --availability-zones us-east-1a')).toEqual({
      LoadBalancerName: 'web',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
      AvailabilityZones: ['us-east-1a'],
    });
  });
});

describe('options the CLI shares with an operation', () => {
  it("keeps an operation's own --page-size when the operation has no pages", () => {
    expect(input('elb describe-account-limits --page-size 5')).toEqual({ PageSize: 5 });
  });

  it("keeps it too when the operation's pages have no size limit of their own, and still gathers the pages", () => {
    const parsed = parseCommand('elbv2 describe-load-balancers --page-size 5 --max-items 10', { index }) as ParsedCall;
    expect(parsed.input).toEqual({ PageSize: 5 });
    expect(parsed.options).toEqual({ paginate: true, maxItems: 10, pageSize: undefined, startingToken: undefined });
  });

  it('takes --page-size as the page size where the pages have a limit parameter', () => {
    const parsed = parseCommand('ecs list-clusters --page-size 5', { index }) as ParsedCall;
    expect(parsed.input).toEqual({});
    expect(parsed.options).toMatchObject({ paginate: true, pageSize: 5 });
  });
});

