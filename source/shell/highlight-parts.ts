/** A label cut into runs of matched and unmatched letters, for drawing the matches highlighted. */
export interface LabelPart {
  text: string;
  match: boolean;
}

/**
 * `label` as it fits in `width` (cut with an ellipsis when longer), split where the matched
 * letters (`positions`, indexes into the full label) begin and end.
 */
export function highlightParts(label: string, positions: readonly number[], width: number): LabelPart[] {
  const cut = label.length > width;
  const shown = cut ? `${label.slice(0, Math.max(0, width - 1))}…` : label;
  const matched = new Set(positions);
  const parts: LabelPart[] = [];
  for (let i = 0; i < shown.length; i++) {
    const match = matched.has(i) && !(cut && i === shown.length - 1);
    const last = parts.at(-1);
    if (last && last.match === match) last.text += shown[i];
    else parts.push({ text: shown[i]!, match });
  }
  return parts;
}
