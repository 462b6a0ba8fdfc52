/** A word as the shell's tokenizer reads it back: bare when it can be, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[\w.:/@=+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}
