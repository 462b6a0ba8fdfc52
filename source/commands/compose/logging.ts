import type { LogConfiguration, LogDriver } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { keyValueMap } from './key-values.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';

const ECS_LOG_DRIVERS = new Set(['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens']);

/** `logging: {driver, options}` (v2, v3) or `log_driver` / `log_opt` (v1) as a log configuration. */
export function logConfiguration(spec: Record<string, unknown>, ctx: ServiceContext, createLogGroups: boolean): LogConfiguration | undefined {
  let driver: unknown;
  let options: Record<string, string | null>;
  let where: string;
  if (spec.logging !== undefined && spec.logging !== null) {
    where = ctx.where('logging');
    if (!isObject(spec.logging)) fail(where, `logging of service ${ctx.name} is a map with driver: and options:`);
    driver = spec.logging.driver;
    options = keyValueMap(spec.logging.options, '=', ctx.where('logging', 'options'), `logging options of service ${ctx.name}`);
  } else if (spec.log_driver !== undefined) {
    where = ctx.where('log_driver');
    driver = spec.log_driver;
    options = keyValueMap(spec.log_opt, '=', ctx.where('log_opt'), `log_opt of service ${ctx.name}`);
  } else {
    return undefined;
  }
  if (driver === undefined && Object.keys(options).length === 0) return undefined;
  if (typeof driver !== 'string') fail(where, `logging of service ${ctx.name} needs a driver (awslogs, json-file, ...)`);
  if (!ECS_LOG_DRIVERS.has(driver)) fail(where, `log driver ${driver} is not one ECS supports (${[...ECS_LOG_DRIVERS].join(', ')})`);
  const values = Object.fromEntries(Object.entries(options).map(([key, value]) => [key, value ?? '']));
  // The agent makes the log group when told to, so no CloudWatch Logs call is needed here.
  if (createLogGroups && driver === 'awslogs') values['awslogs-create-group'] = 'true';
  return { logDriver: driver as LogDriver, options: Object.keys(values).length > 0 ? values : undefined };
}
