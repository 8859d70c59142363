import type { ApiRequest } from "./api-request";

/** How a list pages: GitHub's lists take 30 a page by default and at most 100; its variable lists 10 and 30. */
export interface PageSize {
  perPage: number;
  maxPerPage: number;
}

export const DEFAULT_PAGE_SIZE: PageSize = { perPage: 30, maxPerPage: 100 };
export const VARIABLES_PAGE_SIZE: PageSize = { perPage: 10, maxPerPage: 30 };

/**
 * One page of `items` per GitHub's `per_page` (by default 30, at most 100: `size`) and `page` (from 1),
 * with a `link` header only when there is more than one page: `prev`/`first` after page 1,
 * `next`/`last` before the last page. Link URLs keep the request's raw path and other query parameters.
 */
export function paginate<T>(
  items: readonly T[],
  request: ApiRequest,
  size: PageSize = DEFAULT_PAGE_SIZE,
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInteger(request.query.get("per_page")) ?? size.perPage, size.maxPerPage);
  const page = positiveInteger(request.query.get("page")) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1) return { items: pageItems, headers: {} };

  const link = (target: number, rel: string): string => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    return `<${request.urls.origin}${request.rawPath}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), "prev"));
  if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { items: pageItems, headers: { link: links.join(", ") } };
}

function positiveInteger(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}
