/** A repository by id (`1296269`) or by `owner/name` (`"octo-org/hello-world"`; the provider keeps it lower-cased). */
export type RepositoryRef = number | string;
