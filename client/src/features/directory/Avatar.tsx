/** Initials of a display name: first letters of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return `${first}${last}`.toLocaleUpperCase();
}

/** A stable hue from a handle, so a member's initials avatar keeps its colour. */
function hueOf(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

interface AvatarProps {
  name: string;
  handle: string;
  url: string | null;
  size: 'small' | 'large';
}

/** A member's photo, or their initials on a colour derived from their handle. Decorative: names are beside it. */
export function Avatar({ name, handle, url, size }: AvatarProps) {
  const className = `avatar avatar--${size}`;
  if (url) return <img className={className} src={url} alt="" loading="lazy" />;
  return (
    <span
      className={`${className} avatar--initials`}
      aria-hidden="true"
      style={{ backgroundColor: `hsl(${hueOf(handle)} 45% 32%)` }}
    >
      {initials(name)}
    </span>
  );
}
