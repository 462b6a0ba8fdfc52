export {
  apiIndexOf,
  defaultCompletionsDir,
  isScalarType,
  loadApiIndex,
  shapeOfParam,
  SERVICE_WORDS,
  WAIT_WORD,
  type ApiIndex,
  type OperationSpec,
  type PaginationSpec,
  type ParamSpec,
  type ResourceKind,
  type ServiceIndex,
  type Shape,
  type ShapeType,
  type WaitCommand,
  type WaiterAcceptor,
  type WaiterSpec,
} from './api-index.js';
export { WaiterFailed } from './run-waiter.js';
export { tokenize, tokenizePartial, type PartialTokens, type Token } from './tokenize.js';
export { parseShorthand, ShorthandSyntaxError, type ShorthandValue } from './shorthand.js';
export { parseCommand, type ParseOptions, type ParsedCall, type ParsedCommand, type ParsedSkeleton } from './parse-command.js';
export { GLOBAL_OPTION_NAMES, OUTPUT_FORMATS, type CallOptions, type OutputFormat } from './global-options.js';
export { runCommand, CallFailed, type CommandResult, type RunOptions } from './run-command.js';
export { formatResult, renderYaml, type FormatOptions } from './format-output.js';
export { renderTable } from './table.js';
export { renderText } from './text.js';
export { applyQuery, checkQuery } from './query.js';
export { CommandError, formatError, type ErrorContext } from './errors.js';
export { suggest, editDistance } from './suggest.js';
export { inputSkeleton } from './skeleton.js';
export { executeLine, type ExecuteContext, type ExecuteOutcome } from './execute-line.js';
