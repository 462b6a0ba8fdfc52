import {
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availabilityZones, ecsRegisteredResources, instanceTypeSpec } from '../../../source/sim/ec2/index.js';
import { errorOf, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('instance types', () => {
  it('describes types with their real vCPUs and memory', async () => {
    const out = await t.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.medium', 'm5.xlarge', 'c6g.large', 't2.micro'] }));
    const byName = Object.fromEntries(out.InstanceTypes!.map((i) => [i.InstanceType, i]));
    expect(byName['t3.medium']).toMatchObject({
      VCpuInfo: { DefaultVCpus: 2, DefaultCores: 1, DefaultThreadsPerCore: 2 },
      MemoryInfo: { SizeInMiB: 4096 },
      BurstablePerformanceSupported: true,
      Hypervisor: 'nitro',
      NetworkInfo: { MaximumNetworkInterfaces: 3, Ipv4AddressesPerInterface: 6 },
    });
    expect(byName['m5.xlarge']).toMatchObject({ VCpuInfo: { DefaultVCpus: 4 }, MemoryInfo: { SizeInMiB: 16384 } });
    expect(byName['c6g.large']!.ProcessorInfo!.SupportedArchitectures).toEqual(['arm64']);
    expect(byName['t2.micro']).toMatchObject({ FreeTierEligible: true, Hypervisor: 'xen', VCpuInfo: { DefaultVCpus: 1 } });
  });

  it('filters, pages, and names unknown types', async () => {
    const eight = await t.ec2.send(
      new DescribeInstanceTypesCommand({ Filters: [{ Name: 'vcpu-info.default-vcpus', Values: ['8'] }, { Name: 'instance-type', Values: ['r*'] }] }),
    );
    expect(eight.InstanceTypes!.map((i) => i.InstanceType).sort()).toEqual(['r5.2xlarge', 'r6g.2xlarge', 'r6i.2xlarge']);
    expect(eight.InstanceTypes!.every((i) => i.MemoryInfo!.SizeInMiB === 65536)).toBe(true);
    const page = await t.ec2.send(new DescribeInstanceTypesCommand({ MaxResults: 5 }));
    expect(page.InstanceTypes).toHaveLength(5);
    expect(page.NextToken).toBeDefined();
    const error = await errorOf(t.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.medium', 'x9.mega'] })));
    expect([error.name, error.message]).toEqual(['InvalidInstanceType', 'The following supplied instance types do not exist: [x9.mega]']);
  });

  it('registers 1024 CPU units a vCPU with ECS, and somewhat less memory than installed', () => {
    const m4 = ecsRegisteredResources(instanceTypeSpec('m4.large')!);
    expect(m4.cpu).toBe(2048);
    expect(m4.memory).toBeGreaterThan(7800);
    expect(m4.memory).toBeLessThan(8000);
    const micro = ecsRegisteredResources(instanceTypeSpec('t2.micro')!);
    expect(micro.cpu).toBe(1024);
    expect(micro.memory).toBeGreaterThan(950);
    expect(micro.memory).toBeLessThan(1000);
    expect(instanceTypeSpec('t3.nonsense')).toBeUndefined();
  });
});

describe('availability zones', () => {
  it('lists three zones in every region, with their zone ids', async () => {
    const out = await t.ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(out.AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId, z.State, z.RegionName])).toEqual([
      ['us-east-1a', 'use1-az1', 'available', 'us-east-1'],
      ['us-east-1b', 'use1-az2', 'available', 'us-east-1'],
      ['us-east-1c', 'use1-az3', 'available', 'us-east-1'],
    ]);
    expect(availabilityZones('ap-southeast-2')).toEqual(['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c']);
    const sydney = new EC2Client({ endpoint: t.running.url, region: 'ap-southeast-2', credentials: TEST_CREDENTIALS });
    try {
      const zones = await sydney.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['ap-southeast-2b'] }));
      expect(zones.AvailabilityZones!.map((z) => z.ZoneId)).toEqual(['apse2-az2']);
    } finally {
      sydney.destroy();
    }
  });

  it('filters zones and refuses a zone of another region', async () => {
    const out = await t.ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-name', Values: ['*c'] }] }));
    expect(out.AvailabilityZones!.map((z) => z.ZoneName)).toEqual(['us-east-1c']);
    const error = await errorOf(t.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-1a'] })));
    expect([error.name, error.message]).toEqual(['InvalidParameterValue', 'Invalid availability zone: [eu-west-1a]']);
  });
});

describe('images', () => {
  it('offers the ECS-optimized Amazon Linux 2023 image under its real name pattern', async () => {
    const out = await t.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-ecs-hvm-*'] }] }));
    expect(out.Images!.map((i) => i.Architecture).sort()).toEqual(['arm64', 'x86_64']);
    const x86 = out.Images!.find((i) => i.Architecture === 'x86_64')!;
    expect(x86.Name).toMatch(/^al2023-ami-ecs-hvm-2023\.0\.\d{8}-kernel-6\.1-x86_64$/);
    expect(x86).toMatchObject({ ImageOwnerAlias: 'amazon', OwnerId: '591542846629', State: 'available', Public: true, RootDeviceName: '/dev/xvda', VirtualizationType: 'hvm' });
    expect(x86.ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
  });

  it('keeps image ids stable for a region and different between regions', async () => {
    const other = await startTestSandbox({ seed: 99 });
    const eu = new EC2Client({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
    try {
      const ids = async (client: EC2Client) => (await client.send(new DescribeImagesCommand({}))).Images!.map((i) => i.ImageId).sort();
      expect(await ids(other.ec2)).toEqual(await ids(t.ec2));
      expect(await ids(eu)).not.toEqual(await ids(t.ec2));
    } finally {
      eu.destroy();
      await other.close();
    }
  });

  it('names images it does not have', async () => {
    const missing = await errorOf(t.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })));
    expect([missing.name, missing.message]).toEqual(['InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist"]);
    const malformed = await errorOf(t.ec2.send(new DescribeImagesCommand({ ImageIds: ['ubuntu'] })));
    expect(malformed.name).toBe('InvalidAMIID.Malformed');
  });
});
