/**
 * The AWS SDK warns once per process that its future releases will need Node 22. ecsh
 * supports Node 20 with the SDK it ships, and a warning written to stderr would tear the
 * shell's screen, so that one notice is dropped; every other warning goes through.
 */
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
