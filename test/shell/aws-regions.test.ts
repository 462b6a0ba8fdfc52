import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, isKnownRegion } from '../../source/shell/aws-regions.js';

/** The installed SDK's partition data, which @aws-sdk/core does not export. */
async function sdkRegions(): Promise<string[]> {
  const core = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
  const file = join(core, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
  const { partitionsInfo } = (await import(pathToFileURL(file).href)) as { partitionsInfo: { partitions: { regions: Record<string, unknown> }[] } };
  return partitionsInfo.partitions.flatMap((partition) => Object.keys(partition.regions)).filter((region) => !region.startsWith('aws-'));
}

describe('the AWS regions', () => {
  it('are the regions of the installed SDK\'s partition data, each once', async () => {
    expect([...AWS_REGIONS].sort()).toEqual((await sdkRegions()).sort());
    expect(new Set(AWS_REGIONS).size).toBe(AWS_REGIONS.length);
  });

  it('a name is a region when the list or the SDK has it; one shaped like a region is not', async () => {
    expect(await isKnownRegion('eu-west-1')).toBe(true);
    expect(await isKnownRegion('us-gov-west-1')).toBe(true);
    expect(await isKnownRegion('eu-west-9')).toBe(false);
    expect(await isKnownRegion('us-east1')).toBe(false);
    expect(await isKnownRegion('aws-global')).toBe(false);
  });
});
