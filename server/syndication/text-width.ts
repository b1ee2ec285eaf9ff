/**
 * Advance widths of DejaVu Sans Bold, the system font the preview images are drawn in, in thousandths
 * of the font size: U+0020 to U+007E in order, then the characters of `EXTRA`. Read from the font's
 * `hmtx` table; an accented letter is as wide as its base letter.
 */
const ASCII_WIDTHS = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
  372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
  500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
  478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
const EXTRA = '¡«»¿ÆßæŒœ‘’“”–—…•✓€';
const EXTRA_WIDTHS = [
  456, 646, 646, 580, 1085, 719, 1048, 1167, 1094, 380, 380, 657, 657, 500, 1000, 1000, 639, 838, 696,
];

const widths = new Map<string, number>();
ASCII_WIDTHS.forEach((width, i) => widths.set(String.fromCharCode(32 + i), width));
[...EXTRA].forEach((char, i) => widths.set(char, EXTRA_WIDTHS[i] ?? 1000));

/** A character the table lacks: a full em for wide scripts (CJK, emoji), else a wide Latin letter. */
const fallbackWidth = (char: string) => ((char.codePointAt(0) ?? 0) >= 0x2e80 ? 1000 : 800);

/** The width of one character (a code point), in thousandths of the font size. */
function charWidth(char: string): number {
  const known = widths.get(char);
  if (known !== undefined) return known;
  // Accents and other combining marks take no room of their own.
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (base === '') return 0;
  return widths.get(base) ?? fallbackWidth(char);
}

/** The width `text` takes set in DejaVu Sans Bold at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let total = 0;
  for (const char of text) total += charWidth(char);
  return (total * fontSize) / 1000;
}
