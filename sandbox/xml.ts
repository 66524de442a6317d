// A small ordered XML tree on top of fast-xml-parser (preserveOrder mode), so that a
// DistributionConfig can be stored exactly as the client sent it (element order, empty
// elements, single-item lists) and sent back unchanged.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content of a leaf element ('' for `<A></A>` or `<A/>`). */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  suppressEmptyNode: false,
});

export class XmlSyntaxError extends Error {}

function fromOrdered(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return undefined;
  const raw = node[name];
  const attrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) attributes[k] = String(v);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of Array.isArray(raw) ? (raw as OrderedNode[]) : []) {
    if ('#text' in child) {
      text += String(child['#text']);
      continue;
    }
    const el = fromOrdered(child);
    if (el) children.push(el);
  }
  // Whitespace between child elements is formatting, not content.
  if (children.length > 0) text = '';
  return { name, attributes, children, text };
}

function toOrdered(el: XmlElement): OrderedNode {
  const content: OrderedNode[] =
    el.children.length > 0 ? el.children.map(toOrdered) : el.text !== '' ? [{ '#text': el.text }] : [];
  const node: OrderedNode = { [el.name]: content };
  if (Object.keys(el.attributes).length > 0) node[':@'] = { ...el.attributes };
  return node;
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  let ordered: unknown;
  try {
    ordered = parser.parse(xml, true);
  } catch (err) {
    throw new XmlSyntaxError(err instanceof Error ? err.message : String(err));
  }
  const roots = (Array.isArray(ordered) ? (ordered as OrderedNode[]) : [])
    .map(fromOrdered)
    .filter((e): e is XmlElement => e !== undefined);
  const root = roots[0];
  if (roots.length !== 1 || !root) throw new XmlSyntaxError('expected exactly one root element');
  return root;
}

/** Serialises an element (with an XML declaration, like AWS). */
export function buildXml(root: XmlElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>' + String(builder.build([toOrdered(root)]));
}

export function element(
  name: string,
  content: string | number | boolean | XmlElement[] = '',
  attributes: Record<string, string> = {},
): XmlElement {
  return Array.isArray(content)
    ? { name, attributes, children: content, text: '' }
    : { name, attributes, children: [], text: String(content) };
}

export function cloneElement(el: XmlElement): XmlElement {
  return {
    name: el.name,
    attributes: { ...el.attributes },
    children: el.children.map(cloneElement),
    text: el.text,
  };
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Follows a dotted path of element names (`ViewerCertificate.ACMCertificateArn`). */
export function find(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const part of path.split('.')) cur = child(cur, part);
  return cur;
}

export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  const found = find(el, path);
  return found === undefined ? undefined : found.text;
}

export function boolAt(el: XmlElement | undefined, path: string): boolean | undefined {
  const t = textAt(el, path);
  return t === undefined ? undefined : t.trim() === 'true';
}

/** Items of a CloudFront list element (`<X><Quantity>n</Quantity><Items>...</Items></X>`). */
export function listItems(list: XmlElement | undefined): XmlElement[] {
  return child(list, 'Items')?.children ?? [];
}

/**
 * Sets the text of the element at a dotted path, creating missing elements at the end of
 * their parent. Returns the element.
 */
export function setTextAt(root: XmlElement, path: string, value: string): XmlElement {
  let cur = root;
  for (const part of path.split('.')) {
    let next = child(cur, part);
    if (!next) {
      next = element(part);
      cur.text = '';
      cur.children.push(next);
    }
    cur = next;
  }
  cur.children = [];
  cur.text = value;
  return cur;
}

export function removeAt(root: XmlElement, path: string): boolean {
  const parts = path.split('.');
  const last = parts.pop();
  const parent = parts.length ? find(root, parts.join('.')) : root;
  if (!parent || last === undefined) return false;
  const before = parent.children.length;
  parent.children = parent.children.filter((c) => c.name !== last);
  return parent.children.length !== before;
}

/** Replaces (in place, same position) or appends a direct child. */
export function replaceChild(parent: XmlElement, replacement: XmlElement): void {
  const i = parent.children.findIndex((c) => c.name === replacement.name);
  if (i >= 0) parent.children[i] = replacement;
  else parent.children.push(replacement);
}

export type PlainXml = string | { [name: string]: PlainXml | PlainXml[] };

/**
 * A plain JSON view of an element: leaves become strings, and the children of every
 * CloudFront `Items` element become arrays (so a single alias is still a list).
 */
export function toPlain(el: XmlElement): PlainXml {
  if (el.children.length === 0) return el.text;
  const out: { [name: string]: PlainXml | PlainXml[] } = {};
  if (el.name === 'Items') {
    for (const c of el.children) {
      const arr = out[c.name];
      if (Array.isArray(arr)) arr.push(toPlain(c));
      else out[c.name] = [toPlain(c)];
    }
    return out;
  }
  for (const c of el.children) out[c.name] = toPlain(c);
  return out;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * The error body every REST-XML and query service here sends (CloudFront, Route 53, STS): the same
 * envelope, each in its own namespace.
 */
export function errorResponseXml(
  error: { type: string; code: string; message: string },
  requestId: string,
  namespace: string,
): string {
  return buildXml(
    element(
      'ErrorResponse',
      [
        element('Error', [
          element('Type', error.type),
          element('Code', error.code),
          element('Message', error.message),
        ]),
        element('RequestId', requestId),
      ],
      { xmlns: namespace },
    ),
  );
}
