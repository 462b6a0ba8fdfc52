/**
 * An error as an AWS service returns it: a code the SDKs and the CLI know
 * (`ClusterNotFoundException`, `InvalidInstanceID.NotFound`, ...) and a message.
 * The protocol layer renders it in the service's own error format.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const clusterNotFound = () => new ApiError('ClusterNotFoundException', 'Cluster not found.');
export const invalidParameter = (message: string) => new ApiError('InvalidParameterException', message);
export const clientError = (message: string) => new ApiError('ClientException', message);
export const unsupported = (what: string) =>
  new ApiError('UnsupportedFeatureException', `${what} is not supported by the ecsh sandbox.`);
