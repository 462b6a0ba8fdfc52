/**
 * The instance types the sandbox launches, with their real vCPUs, memory and network
 * limits (from EC2's published specifications), and what an ECS agent registers on them.
 */

export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  maxEnis: number;
  ipv4PerEni: number;
  architecture: 'x86_64' | 'arm64';
  hypervisor: 'xen' | 'nitro';
  /** T-family instances earn and spend CPU credits. */
  burstable: boolean;
  currentGeneration: boolean;
  freeTierEligible: boolean;
  threadsPerCore: number;
}

/** vCPUs, GiB of memory, ENIs and IPv4 addresses per ENI for one size of a family. */
type Size = [size: string, vcpus: number, memoryGiB: number, maxEnis: number, ipv4PerEni: number];

interface Family {
  sizes: Size[];
  architecture?: 'x86_64' | 'arm64';
  hypervisor?: 'xen' | 'nitro';
  burstable?: boolean;
  currentGeneration?: boolean;
  /** Graviton and T2 run one thread per core; the others two. */
  threadsPerCore?: number;
}

const T3_SIZES: Size[] = [
  ['nano', 2, 0.5, 2, 2],
  ['micro', 2, 1, 2, 2],
  ['small', 2, 2, 3, 4],
  ['medium', 2, 4, 3, 6],
  ['large', 2, 8, 3, 12],
  ['xlarge', 4, 16, 4, 15],
  ['2xlarge', 8, 32, 4, 15],
];

/** General purpose, 4 GiB per vCPU (m5, m6i, m7i). */
const M_SIZES: Size[] = [
  ['large', 2, 8, 3, 10],
  ['xlarge', 4, 16, 4, 15],
  ['2xlarge', 8, 32, 4, 15],
  ['4xlarge', 16, 64, 8, 30],
  ['8xlarge', 32, 128, 8, 30],
  ['12xlarge', 48, 192, 8, 30],
  ['16xlarge', 64, 256, 15, 50],
  ['24xlarge', 96, 384, 15, 50],
];

/** Compute optimized, 2 GiB per vCPU (c6i, c7i). */
const C_SIZES: Size[] = [
  ['large', 2, 4, 3, 10],
  ['xlarge', 4, 8, 4, 15],
  ['2xlarge', 8, 16, 4, 15],
  ['4xlarge', 16, 32, 8, 30],
  ['8xlarge', 32, 64, 8, 30],
  ['12xlarge', 48, 96, 8, 30],
  ['16xlarge', 64, 128, 15, 50],
  ['24xlarge', 96, 192, 15, 50],
];

/** Memory optimized, 8 GiB per vCPU (r5, r6i). */
const R_SIZES: Size[] = M_SIZES.map(([size, vcpus, gib, enis, ips]) => [size, vcpus, gib * 2, enis, ips]);

/** Graviton (m6g, c6g, r6g): a medium size, and no 24xlarge. */
const graviton = (sizes: Size[], medium: Size): Size[] => [medium, ...sizes.filter(([size]) => size !== '24xlarge')];

const FAMILIES: Record<string, Family> = {
  t2: {
    hypervisor: 'xen',
    burstable: true,
    threadsPerCore: 1,
    sizes: [
      ['nano', 1, 0.5, 2, 2],
      ['micro', 1, 1, 2, 2],
      ['small', 1, 2, 3, 4],
      ['medium', 2, 4, 3, 6],
      ['large', 2, 8, 3, 12],
      ['xlarge', 4, 16, 3, 15],
      ['2xlarge', 8, 32, 3, 15],
    ],
  },
  // What RunInstances launches when no type is given (1.7 GiB).
  m1: { hypervisor: 'xen', currentGeneration: false, threadsPerCore: 1, sizes: [['small', 1, 1740 / 1024, 2, 4]] },
  t3: { burstable: true, sizes: T3_SIZES },
  t3a: { burstable: true, sizes: T3_SIZES },
  t4g: { burstable: true, architecture: 'arm64', threadsPerCore: 1, sizes: T3_SIZES },
  m4: {
    hypervisor: 'xen',
    currentGeneration: false,
    sizes: [
      ['large', 2, 8, 2, 10],
      ['xlarge', 4, 16, 4, 15],
      ['2xlarge', 8, 32, 4, 15],
      ['4xlarge', 16, 64, 8, 30],
      ['10xlarge', 40, 160, 8, 30],
      ['16xlarge', 64, 256, 8, 30],
    ],
  },
  m5: { sizes: M_SIZES },
  m5a: { sizes: M_SIZES },
  m6i: { sizes: [...M_SIZES, ['32xlarge', 128, 512, 15, 50]] },
  m7i: { sizes: [...M_SIZES, ['48xlarge', 192, 768, 15, 50]] },
  m6g: { architecture: 'arm64', threadsPerCore: 1, sizes: graviton(M_SIZES, ['medium', 1, 4, 2, 4]) },
  c5: {
    sizes: [
      ['large', 2, 4, 3, 10],
      ['xlarge', 4, 8, 4, 15],
      ['2xlarge', 8, 16, 4, 15],
      ['4xlarge', 16, 32, 8, 30],
      ['9xlarge', 36, 72, 8, 30],
      ['12xlarge', 48, 96, 8, 30],
      ['18xlarge', 72, 144, 15, 50],
      ['24xlarge', 96, 192, 15, 50],
    ],
  },
  c6i: { sizes: [...C_SIZES, ['32xlarge', 128, 256, 15, 50]] },
  c7i: { sizes: [...C_SIZES, ['48xlarge', 192, 384, 15, 50]] },
  c6g: { architecture: 'arm64', threadsPerCore: 1, sizes: graviton(C_SIZES, ['medium', 1, 2, 2, 4]) },
  r5: { sizes: R_SIZES },
  r6i: { sizes: [...R_SIZES, ['32xlarge', 128, 1024, 15, 50]] },
  r6g: { architecture: 'arm64', threadsPerCore: 1, sizes: graviton(R_SIZES, ['medium', 1, 8, 2, 4]) },
};

const FREE_TIER = new Set(['t2.micro', 't3.micro']);

const SPECS = new Map<string, InstanceTypeSpec>();
for (const [family, f] of Object.entries(FAMILIES)) {
  for (const [size, vcpus, memoryGiB, maxEnis, ipv4PerEni] of f.sizes) {
    const name = `${family}.${size}`;
    SPECS.set(name, {
      name,
      vcpus,
      memoryMiB: Math.round(memoryGiB * 1024),
      maxEnis,
      ipv4PerEni,
      architecture: f.architecture ?? 'x86_64',
      hypervisor: f.hypervisor ?? 'nitro',
      burstable: f.burstable ?? false,
      currentGeneration: f.currentGeneration ?? true,
      freeTierEligible: FREE_TIER.has(name),
      threadsPerCore: Math.min(f.threadsPerCore ?? 2, vcpus),
    });
  }
}

export function instanceTypeSpec(name: string): InstanceTypeSpec | undefined {
  return SPECS.get(name);
}

export function allInstanceTypes(): InstanceTypeSpec[] {
  return [...SPECS.values()];
}

/**
 * What the ECS agent registers: 1024 CPU units per vCPU, and the memory the kernel
 * reports, which is short of the installed amount by the kernel's and firmware's
 * share (about 2.5%, plus the crash kernel's reservation on larger hosts). An
 * m4.large's 8 GiB, for instance, registers as a little under 8000 MiB.
 */
export function ecsRegisteredResources(spec: InstanceTypeSpec): { cpu: number; memory: number } {
  const kernel = Math.ceil(spec.memoryMiB * 0.025) + (spec.memoryMiB > 2048 ? 96 : 16);
  return { cpu: spec.vcpus * 1024, memory: spec.memoryMiB - kernel };
}

export { availabilityZones } from './availability-zones.js';
