import type { ApiRequest } from "./api-request";

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/**
 * One page of `items` per GitHub's `per_page` (default 30, at most 100) and `page` (from 1),
 * with a `link` header only when there is more than one page: `prev`/`first` after page 1,
 * `next`/`last` before the last page. Link URLs keep the request's raw path and other query parameters.
 */
export function paginate<T>(items: readonly T[], request: ApiRequest): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInteger(request.query.get("per_page")) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
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
