/**
 * Credentials typed on a line, masked before the line is kept anywhere (the history file, the
 * history list): the values of options and settings that carry keys, and anything shaped like
 * an AWS access key id.
 */
const MASK = '****';

// Options whose value is a credential: --secret-key, --access-key, --session-token, ...
const SECRET_OPTIONS = String.raw`--(?:aws-)?(?:secret-access-key|secret-key|access-key-id|access-key|session-token|password)`;
// Settings and environment variables that hold one: aws_secret_access_key=..., AWS_SESSION_TOKEN=...
const SECRET_NAMES = String.raw`\b(?:aws_secret_access_key|aws_access_key_id|aws_session_token|secret_?access_?key|session_?token)`;
// A value: quoted, or up to the next space.
const VALUE = String.raw`(?:"[^"]*"?|'[^']*'?|[^\s"']+)`;

const OPTION_VALUE = new RegExp(`(${SECRET_OPTIONS})(\\s*=\\s*|\\s+)${VALUE}`, 'gi');
// A name followed by = or : (or a space, as in `aws configure set aws_secret_access_key VALUE`);
// for JSON a quoted name: "secretAccessKey": "...".
const NAMED_VALUE = new RegExp(`(["']?${SECRET_NAMES}["']?)(\\s*[=:]\\s*|\\s+)${VALUE}`, 'gi');
// Access key ids (AKIA... long-term, ASIA... temporary) wherever they appear.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g;

export function redactSecrets(line: string): string {
  return line
    .replace(OPTION_VALUE, (_, name: string, separator: string) => `${name}${separator}${MASK}`)
    .replace(NAMED_VALUE, (_, name: string, separator: string) => `${name}${separator}${MASK}`)
    .replace(ACCESS_KEY_ID, MASK);
}
