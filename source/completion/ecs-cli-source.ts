// Where ecs-cli lines' values come from on this machine: the spec (read when first needed),
// the configuration and profile names of ecs-cli's files, the AWS profiles and regions the
// shell knows, EC2's instance types, and the files under the shell's directory.
import type { ApiIndex } from '../commands/index.js';
import { defaultConfigLocations, loadEcsCliSpec, readClusterConfig, readCredentials, type ConfigLocations } from '../commands/ecs-cli/index.js';
import type { EcsCliNameKind, EcsCliSource } from './completion-types.js';
import { directoryEntries } from './file-paths.js';

export interface EcsCliSourceOptions {
  /** The API index: EC2's instance types are RunInstances' enum. */
  catalog: ApiIndex;
  /** The profiles of ~/.aws, for --aws-profile. */
  awsProfiles: readonly string[];
  regions: readonly string[];
  /** Where ecs-cli's configuration files are (default: ecsh's copy, else ~/.ecs). */
  config?: ConfigLocations;
  /** Where relative paths start (default: the process's working directory, when asked). */
  cwd?: () => string;
}

export function createEcsCliSource(options: EcsCliSourceOptions): EcsCliSource {
  const config = options.config ?? defaultConfigLocations();
  const cwd = options.cwd ?? (() => process.cwd());
  return {
    spec: loadEcsCliSpec,
    names(kind: EcsCliNameKind): readonly string[] {
      switch (kind) {
        case 'region':
          return options.regions;
        case 'aws-profile':
          return options.awsProfiles;
        case 'instance-type':
          return options.catalog.service('ec2')?.operations['run-instances']?.params['instance-type']?.enum ?? [];
        // Read at each completion, so that a configuration saved a moment ago is offered; only the names leave here.
        case 'cluster-config':
          return readNames(() => readClusterConfig(config).clusters);
        case 'ecs-profile':
          return readNames(() => readCredentials(config).ecs_profiles);
      }
    },
    entries: (directory) => directoryEntries(cwd(), directory),
  };
}

/** The names of a file's entries; none when the file is missing or broken (the verb says what is wrong). */
function readNames(read: () => Record<string, unknown>): string[] {
  try {
    return Object.keys(read());
  } catch {
    return [];
  }
}
