// How many times the AWS CLI checks before a waiter fails ("Max attempts exceeded"): botocore's
// waiters-2.json, which the JS SDK does not ship (it has a delay but no count). Nearly every
// waiter checks 40 times; these are the ones that do not.
const DEFAULT_ATTEMPTS = 40;

const ATTEMPTS = {
  ecs: {
    ServicesStable: 120,
    TasksRunning: 100,
    TasksStopped: 100,
    DaemonActive: 8,
    DaemonDeploymentStopped: 8,
    DaemonDeploymentSuccessful: 8,
    DaemonTaskDefinitionActive: 8,
    DaemonTaskDefinitionDeleted: 8,
  },
  ec2: {
    KeyPairExists: 6,
    SecurityGroupExists: 6,
    NetworkInterfaceAvailable: 10,
    VpcExists: 5,
  },
};

/** The CLI's number of checks for a waiter of a service. */
export function waiterAttempts(service, waiter) {
  return ATTEMPTS[service]?.[waiter] ?? DEFAULT_ATTEMPTS;
}
