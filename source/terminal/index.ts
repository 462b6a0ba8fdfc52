// What the terminal sends, as keys: the decoder and the hook that feeds it Ink's raw input.
// The shell's prompt and the panes' F-keys both read keys through here; it imports neither.
export { decodeKeys, functionKeyNumber, type KeyPress } from './key-press.js';
export { useKeyPress } from './hooks/use-key-press.js';
