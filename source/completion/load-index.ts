import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CompletionIndex, ServiceWord } from './index-types.js';

/** completions/ beside source/ and dist/ (both sit two levels below the package root). */
const INDEX_DIRECTORY = new URL('../../completions/', import.meta.url);

export const SERVICE_WORDS: readonly ServiceWord[] = ['ecs', 'ec2', 'elb', 'elbv2'];

export const SERVICE_DOCS: Readonly<Record<ServiceWord, string>> = {
  ecs: 'Amazon ECS: clusters, services, tasks, task definitions, container instances.',
  ec2: 'Amazon EC2: instances, VPCs, subnets, security groups.',
  elb: 'Classic Elastic Load Balancing.',
  elbv2: 'Application and Network Load Balancers, target groups, listeners.',
};

export function isServiceWord(word: string): word is ServiceWord {
  return (SERVICE_WORDS as readonly string[]).includes(word);
}

/** Reads one service's completion index; the message says which file is missing or broken. */
export function loadCompletionIndex(service: ServiceWord, directory: string | URL = INDEX_DIRECTORY): CompletionIndex {
  const file = new URL(`${service}.json`, directoryUrl(directory));
  let index: CompletionIndex;
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as CompletionIndex;
  } catch (error) {
    throw new Error(`cannot read the completion index ${file.pathname}: ${(error as Error).message} (regenerate it with: node scripts/generate-completion-index.mjs)`);
  }
  if (index?.service !== service || typeof index.operations !== 'object') {
    throw new Error(`the completion index ${file.pathname} is not the index of ${service}`);
  }
  return index;
}

function directoryUrl(directory: string | URL): URL {
  if (directory instanceof URL) return directory;
  return pathToFileURL(directory.endsWith('/') ? directory : `${directory}/`);
}

/**
 * The indexes of all services, each read on first use: EC2's is large, and most sessions
 * never touch it, so the first prompt does not wait for it.
 */
export class IndexCatalog {
  readonly services: readonly ServiceWord[] = SERVICE_WORDS;
  private readonly loaded = new Map<ServiceWord, CompletionIndex>();

  constructor(private readonly directory: string | URL = INDEX_DIRECTORY) {}

  /** The index of a service word, or undefined when the word is not a service. */
  get(service: string): CompletionIndex | undefined {
    if (!isServiceWord(service)) return undefined;
    let index = this.loaded.get(service);
    if (!index) {
      index = loadCompletionIndex(service, this.directory);
      this.loaded.set(service, index);
    }
    return index;
  }
}
