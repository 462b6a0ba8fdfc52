import { ACCOUNT_ID } from '../arn.js';
import type { Sandbox } from '../sandbox.js';
import { validationError } from './params.js';

/**
 * Names, ARNs and DNS names as Elastic Load Balancing forms them:
 *   arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
 *   arn:...:targetgroup/web-targets/73e2d6bc24d8a067
 *   arn:...:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2 (and listener-rule/... one id more)
 *   arn:...:loadbalancer/classic-name (a classic load balancer)
 *   web-1234567890.us-east-1.elb.amazonaws.com, internal-web-1234567890.us-east-1.elb.amazonaws.com
 */

export function elbArn(region: string, resource: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${ACCOUNT_ID}:${resource}`;
}

/** The 16 hex digits that end each ELBv2 ARN. */
export function resourceId(sb: Sandbox): string {
  return sb.random.hex(16);
}

export function dnsNameOf(sb: Sandbox, name: string, region: string, scheme: 'internet-facing' | 'internal'): string {
  const number = sb.random.int(1_000_000_000, 2_147_483_647);
  return `${scheme === 'internal' ? 'internal-' : ''}${name}-${number}.${region}.elb.amazonaws.com`;
}

/** Route 53 hosted zones of the load balancers' DNS names (classic and application share them). */
const HOSTED_ZONES: Record<string, string> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'ca-central-1': 'ZQSVJUPU6J1EY',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-west-2': 'ZHURV8PSTC4K8',
  'eu-west-3': 'Z3Q77PNBQS71R4',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'eu-north-1': 'Z23TAZ7KHF8OPI',
  'ap-south-1': 'ZP97RAFLXTNZK',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'ap-northeast-2': 'ZWKZPGTI48KDX',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-southeast-2': 'Z1GM3OXH4ZPM65',
  'sa-east-1': 'Z2P70J7HTTTPLU',
};

export function hostedZoneOf(region: string): string {
  return HOSTED_ZONES[region] ?? HOSTED_ZONES['us-east-1']!;
}

const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/;

/** Load balancer and target group names: 1-32 letters, digits and hyphens, no hyphen at either end. */
export function validName(name: string, what: 'Load balancer' | 'Target group'): string {
  if (name.length > 32) throw validationError(`${what} name '${name}' cannot be longer than '32' characters`);
  if (!NAME.test(name)) {
    throw validationError(`${what} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-), and must not begin or end with a hyphen`);
  }
  if (what === 'Load balancer' && name.toLowerCase().startsWith('internal-')) {
    throw validationError(`Load balancer name '${name}' cannot begin with 'internal-'`);
  }
  return name;
}

/** The region in an ELB ARN, checked to be one: other strings get ELB's ValidationError. */
export function checkArn(arn: string, kind: 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule'): void {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'elasticloadbalancing' || !parts.slice(5).join(':').startsWith(`${kind}/`)) {
    throw validationError(`'${arn}' is not a valid ${kind.replace('-', ' ')} ARN`);
  }
}
