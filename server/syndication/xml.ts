// Characters XML 1.0 does not allow anywhere in a document, even escaped: C0 controls other than tab,
// line feed and carriage return, lone surrogates, and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/**
 * Text made safe for an XML document's content or a quoted attribute: markup characters escaped, and
 * the characters no XML document may hold dropped (a surrogate pair is kept: the `u` flag reads it as
 * one code point).
 */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An element with escaped text content and attributes (`undefined` attributes are left out). */
export function element(
  name: string,
  text: string,
  attributes: Record<string, string | undefined> = {},
): string {
  return `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An empty element with escaped attributes. */
export function emptyElement(name: string, attributes: Record<string, string | undefined>): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

function attributesOf(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

/** The XML declaration every document here starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
