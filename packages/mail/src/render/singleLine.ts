/**
 * Citizen text in the plain-text part: HTML escaping would show `&lt;` to the reader, so instead
 * line breaks and control characters become spaces, and a name cannot forge extra lines.
 */
export function singleLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}
