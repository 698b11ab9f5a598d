/** The site's base URL (Astro's BASE_URL), always ending in "/", and links under it. The one place that normalises it. */
export function siteBase(base: string = import.meta.env.BASE_URL): string {
  return base.replace(/\/?$/, '/');
}

/** A path under the site, e.g. siteHref('/chapters/learning-rate/') → '/book/chapters/learning-rate/' under base '/book'. */
export function siteHref(path: string, base?: string): string {
  return `${siteBase(base)}${path.replace(/^\//, '')}`;
}
