/** A verb that cannot do what was asked: the message says why and what to do, in one line. */
export class EcsCliError extends Error {
  override readonly name = 'EcsCliError';
}
