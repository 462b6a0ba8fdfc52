import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile names in ~/.aws/config and ~/.aws/credentials (or where AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE point), for `.profile` and its completion. Only the section
 * headers are read: what is in a profile stays where it is.
 */
export function awsProfileNames(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = homedir();
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const names = new Set<string>();
  for (const header of sectionHeaders(configFile)) {
    // In the config file a profile is [default] or [profile NAME]; [sso-session x] and [services x] are not profiles.
    if (header === 'default') names.add(header);
    const profile = /^profile\s+(.+)$/.exec(header);
    if (profile) names.add(profile[1]!.trim());
  }
  for (const header of sectionHeaders(credentialsFile)) names.add(header);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

function sectionHeaders(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const headers: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (match) headers.push(match[1]!.trim());
  }
  return headers;
}
