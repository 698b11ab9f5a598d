/**
 * Observable Plot names its mark groups with aria-label ("line", "x-axis tick label") on bare <g> elements, which
 * have no role, so axe reports aria-prohibited-attr (serious). Giving each such <g> the role "group" keeps the
 * names and makes them valid. Returns the node for chaining.
 */
export function ariaGroups<T extends Element>(node: T): T {
  for (const g of node.querySelectorAll('g[aria-label]:not([role])')) g.setAttribute('role', 'group');
  return node;
}
