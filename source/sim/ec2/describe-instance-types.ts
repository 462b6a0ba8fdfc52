import { ApiError } from '../errors.js';
import type { Operation } from '../sandbox.js';
import { filterRecords } from './filters.js';
import { allInstanceTypes, instanceTypeSpec, type InstanceTypeSpec } from './instance-types.js';
import { ec2Page, stringList } from './params.js';

/** DescribeInstanceTypes over the sandbox's table of types. */

/** An `a` after the generation marks AMD processors (t3a, m5a). */
const AMD_FAMILY = /^[a-z]+\d+a\./;

function renderInstanceType(spec: InstanceTypeSpec) {
  return {
    instanceType: spec.name,
    currentGeneration: spec.currentGeneration,
    freeTierEligible: spec.freeTierEligible,
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: ['ebs'],
    supportedVirtualizationTypes: ['hvm'],
    bareMetal: false,
    hypervisor: spec.hypervisor,
    processorInfo: {
      supportedArchitectures: [spec.architecture],
      manufacturer: spec.architecture === 'arm64' ? 'AWS' : AMD_FAMILY.test(spec.name) ? 'AMD' : 'Intel',
    },
    vCpuInfo: {
      defaultVCpus: spec.vcpus,
      defaultCores: Math.max(1, spec.vcpus / spec.threadsPerCore),
      defaultThreadsPerCore: spec.threadsPerCore,
    },
    memoryInfo: { sizeInMiB: spec.memoryMiB },
    instanceStorageSupported: false,
    ebsInfo: { ebsOptimizedSupport: spec.hypervisor === 'nitro' ? 'default' : 'supported', encryptionSupport: 'supported', nvmeSupport: spec.hypervisor === 'nitro' ? 'required' : 'unsupported' },
    networkInfo: {
      maximumNetworkInterfaces: spec.maxEnis,
      maximumNetworkCards: 1,
      defaultNetworkCardIndex: 0,
      ipv4AddressesPerInterface: spec.ipv4PerEni,
      ipv6AddressesPerInterface: spec.ipv4PerEni,
      ipv6Supported: spec.hypervisor === 'nitro',
      enaSupport: spec.hypervisor === 'nitro' ? 'required' : 'unsupported',
      efaSupported: false,
      encryptionInTransitSupported: false,
    },
    placementGroupInfo: { supportedStrategies: ['partition', 'spread'] },
    hibernationSupported: false,
    burstablePerformanceSupported: spec.burstable,
    dedicatedHostsSupported: !spec.burstable,
    autoRecoverySupported: true,
    supportedBootModes: spec.architecture === 'arm64' ? ['uefi'] : ['legacy-bios', 'uefi'],
  };
}

export const DescribeInstanceTypes: Operation = (_sb, params) => {
  const names = stringList(params, 'InstanceType');
  const unknown = names.filter((name) => !instanceTypeSpec(name));
  if (unknown.length > 0) {
    throw new ApiError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
  }
  const specs = names.length > 0 ? [...new Set(names)].map((name) => instanceTypeSpec(name)!) : allInstanceTypes();
  const matching = filterRecords(specs, params, {
    'instance-type': (s) => s.name,
    'current-generation': (s) => s.currentGeneration,
    'free-tier-eligible': (s) => s.freeTierEligible,
    'burstable-performance-supported': (s) => s.burstable,
    hypervisor: (s) => s.hypervisor,
    'processor-info.supported-architecture': (s) => s.architecture,
    'vcpu-info.default-vcpus': (s) => s.vcpus,
    'memory-info.size-in-mib': (s) => s.memoryMiB,
    'network-info.maximum-network-interfaces': (s) => s.maxEnis,
    'network-info.ipv4-addresses-per-interface': (s) => s.ipv4PerEni,
    'bare-metal': () => false,
    'supported-root-device-type': () => 'ebs',
    'supported-virtualization-type': () => 'hvm',
    'supported-usage-class': () => ['on-demand', 'spot'],
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 100 });
  return { instanceTypeSet: page.map(renderInstanceType), nextToken };
};
