/** A repository as a program names it: its numeric id, or `owner/name` (kept lower-cased once checked). */
export type RepositoryRef = number | string;
