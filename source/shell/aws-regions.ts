/**
 * The regions of the AWS partitions as the SDK's partition data (@aws-sdk/core) lists them, in
 * menu order: offered by `.region`'s completion, and what a region typed by hand must be.
 * test/shell/aws-regions.test.ts keeps this list equal to the installed SDK's.
 */
export const AWS_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eusc-de-east-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isob-west-1',
  'eu-isoe-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
];

/**
 * Whether `name` is a region AWS has: one of the list, or one the installed SDK describes (a
 * region newer than this list). Names that merely look like regions (`eu-west-9`) are not, nor
 * the partitions' pseudo-regions (`aws-global`). The SDK's data loads on first use.
 */
export async function isKnownRegion(name: string): Promise<boolean> {
  if (AWS_REGIONS.includes(name)) return true;
  if (name.startsWith('aws-')) return false;
  const { partition } = await import('@aws-sdk/core/client');
  return (partition(name) as { description?: unknown }).description !== undefined;
}
