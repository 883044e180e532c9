// Text from the form or the data written into the report's HTML: every character that could
// open a tag, an entity or end an attribute is escaped.

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
